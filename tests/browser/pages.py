"""The site's main pages, as the accessibility checks and the screenshots visit them.

Each page says who looks at it (nobody, the executive or the recruiter of the `site` fixture)
and how to reach it in a given language; a few are shown in a state worth checking too (a form
with its errors, an empty result).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

LANGUAGES = ["en", "zh-hans"]
# Browser locales that go with each interface language.
BROWSER_LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}

COMPARED = ["weibo", "linkedin", "maimai"]
# A CFO at a private Chinese manufacturer who is active on Weibo, open to inquiries there and
# talks about their career; rarely on LinkedIn. The sender has a mutual contact.
ADVISOR_QUESTION = {
    "purpose": "business_development",
    "company_type": "chinese_private",
    "seniority": "c_level",
    "languages": "zh",
    "weibo": "active",
    "weibo_open": "on",
    "weibo_career": "on",
    "linkedin": "inactive",
    "has_mutual_contact": "on",
}


@dataclass(frozen=True)
class MainPage:
    name: str
    path: Callable[[object], str]
    role: str = "visitor"  # visitor, executive or recruiter
    # Put the page in the state to check, after it loads (e.g. submit a form empty).
    prepare: Callable[[object], None] | None = None

    def url(self, site, language: str) -> str:
        with translation.override(language):
            return self.path(site)

    def user(self, site):
        return {"visitor": None, "executive": site.executive, "recruiter": site.recruiter}[
            self.role
        ]


def _submit_empty(page) -> None:
    """Send a form without filling it in, bypassing the browser's own checks like a script would."""
    page.locator("main form").first.evaluate("form => { form.noValidate = true; }")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _query(name: str, params: dict | list) -> str:
    return f"{reverse(name)}?{urlencode(params, doseq=True)}"


MAIN_PAGES = [
    MainPage("directory", lambda site: reverse("platforms:directory")),
    MainPage(
        "directory-empty",
        lambda site: _query("platforms:directory", {"q": "no such platform"}),
    ),
    MainPage("platform", lambda site: reverse("platforms:detail", kwargs={"slug": "weibo"})),
    MainPage("compare", lambda site: _query("platforms:compare", {"p": COMPARED})),
    MainPage("advisor", lambda site: _query("outreach:advisor", ADVISOR_QUESTION)),
    MainPage("signup", lambda site: reverse("profiles:signup")),
    MainPage("signup-errors", lambda site: reverse("profiles:signup"), prepare=_submit_empty),
    MainPage("login", lambda site: reverse("login")),
    MainPage("privacy", lambda site: reverse("profiles:privacy")),
    MainPage("me", lambda site: reverse("profiles:me"), role="executive"),
    MainPage("memberships", lambda site: reverse("profiles:me_memberships"), role="executive"),
    MainPage(
        "candidates",
        lambda site: _query("profiles:candidates", {"city": "shanghai"}),
        role="recruiter",
    ),
    MainPage(
        "candidates-empty",
        lambda site: _query("profiles:candidates", {"q": "nobody by this name"}),
        role="recruiter",
    ),
    MainPage(
        "profile",
        lambda site: reverse("profiles:detail", kwargs={"pk": site.profile.pk}),
        role="recruiter",
    ),
]
