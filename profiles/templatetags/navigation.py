"""`{% navigation %}`: the site's main navigation and its language switcher, on every page.

Every page draws them, a signed-in person's with a dozen links, two counts and two forms; as
Django partials they cost a signed-in page about 1.3 ms of template work besides the counts'
query, more than the directory's whole page for a visitor. The links are decided here, in
Python (0.8 ms with the macro), and drawn by one Jinja2 macro
(`profiles/jinja2/profiles/navigation.html`), compiled to Python; every word is translated here,
so the catalogue needs nothing from the macro. The markup is the partials' own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.defaulttags import CsrfTokenNode
from django.urls import NoReverseMatch, ResolverMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import (
    get_language,
    get_language_info,
    gettext,
    gettext_noop,
    ngettext,
    override,
)

from core.macros import drawn
from core.per_page import per_language
from profiles.access import may_search_candidates
from profiles.viewer import nav_counts

register = template.Library()
MACROS = "profiles/navigation.html"


@dataclass(frozen=True)
class NavLink:
    """A link of the main navigation: `current` marks the page it leads to (or its section),
    `push` starts the account's links, `count` and `count_text` are its badge, if any."""

    url: str
    text: str
    current: bool
    push: bool = False
    count: int = 0
    count_text: str = ""


@dataclass(frozen=True)
class Language:
    """A language of the switcher: `next` is this page in it (`translated_path`)."""

    code: str
    name: str
    lang: str  # the HTML `lang` value: "zh-Hans" for the site's "zh-hans"
    current: bool
    next: str


@register.filter
def html_lang(code: str) -> str:
    """The HTML `lang` value of one of the site's language codes (`{{ code|html_lang }}`)."""
    return "zh-Hans" if code == "zh-hans" else code


def translated_path(request: HttpRequest | None, language: str) -> str:
    """This page's path and query under `language`'s prefix (/en/platforms/weibo/ → /zh-hans/...).

    Django's set_language translates `next` too, but it resolves it in the language of the
    switch request itself (cookie or Accept-Language), which fails for someone who opened a
    shared /zh-hans/ link with an English browser. Here the page's own language is active, so
    the path always resolves; a path that resolves nowhere is returned unchanged.
    """
    if request is None:
        return "/"
    match: ResolverMatch | None = getattr(request, "resolver_match", None)
    if match is None:
        return translate_url(request.get_full_path(), language)
    # The page's route is known: reversing it alone costs a quarter of resolving the path again
    # as translate_url does, on every page.
    with override(language):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def languages(request: HttpRequest | None) -> list[Language]:
    """One entry per language of the site, each named in itself: the page's own is current, the
    others are buttons that set the language cookie and land on this page under their prefix
    (no JavaScript; no CSRF token: see networkdir/urls.py)."""
    active = get_language()
    return [
        Language(
            code=code,
            name=get_language_info(code)["name_local"],
            lang=html_lang(code),
            current=code == active,
            next="" if code == active else translated_path(request, code),
        )
        for code, _name in settings.LANGUAGES
    ]


# Where each link of the navigation leads, by its route's name, and what it says.
DESTINATIONS = {
    "platforms:directory": gettext_noop("Platforms"),
    "platforms:compare": gettext_noop("Compare"),
    "outreach:advisor": gettext_noop("Advisor"),
    "workspace:home": gettext_noop("Workspace"),
    "profiles:candidates": gettext_noop("Candidates"),
    "login": gettext_noop("Log in"),
    "profiles:signup": gettext_noop("Sign up"),
    "profiles:me": gettext_noop("My profile"),
    "profiles:network": gettext_noop("My network"),
    "profiles:introductions": gettext_noop("Introductions"),
    "profiles:api_token": gettext_noop("API token"),
}


@per_language
def _destinations() -> dict[str, tuple[str, str]]:
    """Each destination's address and words in a language: the same on every page, reversed
    and translated once per process."""
    return {name: (reverse(name), gettext(text)) for name, text in DESTINATIONS.items()}


def nav_links(request: HttpRequest | None) -> list[NavLink]:
    """The links a person sees: everyone's, the recruiters' (and admins'), then their account's
    or, signed out, the ways in. The counts are a signed-in person's, read with them
    (`profiles.viewer`)."""
    user = getattr(request, "user", None)
    match: ResolverMatch | None = getattr(request, "resolver_match", None)
    view = match.view_name if match else ""
    destinations = _destinations()

    def link(name: str, current: bool | None = None, **badge: object) -> NavLink:
        url, text = destinations[name]
        return NavLink(url, text, view == name if current is None else current, **badge)

    links = [
        link("platforms:directory", view in ("platforms:directory", "platforms:detail")),
        link("platforms:compare"),
        link("outreach:advisor"),
    ]
    if user is not None and may_search_candidates(user):
        links += [
            link("workspace:home", match is not None and match.app_name == "workspace"),
            link("profiles:candidates"),
        ]
    if user is None or not user.is_authenticated:
        return [*links, link("login", push=True), link("profiles:signup")]
    counts = nav_counts(user)
    requests, introductions = counts["requests"], counts["introductions"]
    return [
        *links,
        link("profiles:me", push=True),
        link(
            "profiles:network",
            count=requests,
            count_text=ngettext("request to answer", "requests to answer", requests),
        ),
        link(
            "profiles:introductions",
            count=introductions,
            count_text=ngettext("introduction with news", "introductions with news", introductions),
        ),
        link("profiles:api_token"),
    ]


@register.simple_tag(takes_context=True)
def navigation(context: template.Context) -> SafeString:
    """The main navigation (with the signed-in person's "Log out" form) and the language
    switcher, for the page being drawn."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    words, logout_url, set_language_url = _forms()
    return drawn(
        MACROS,
        "navigation",
        links=[
            replace(link, text=mark_safe(link.text), count_text=mark_safe(link.count_text))
            for link in nav_links(request)
        ],
        languages=languages(request),
        words=words,
        logout_url=logout_url if signed_in else "",
        csrf=CsrfTokenNode().render(context) if signed_in else "",
        set_language_url=set_language_url,
    )


@per_language
def _forms() -> tuple[dict[str, SafeString], str, str]:
    """The navigation's own words and where its two forms post (log out, set the language), in
    a language. Words from the catalogue are the templates' own markup, shown unescaped as
    `{% translate %}` shows them."""
    words = {
        "main": mark_safe(gettext("Main")),
        "menu": mark_safe(gettext("Menu")),
        "language": mark_safe(gettext("Language")),
        "log_out": mark_safe(gettext("Log out")),
    }
    return words, reverse("logout"), reverse("set_language")
