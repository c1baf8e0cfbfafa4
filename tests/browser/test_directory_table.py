"""The directory as a table and compare's one chart, in Chromium at 390x844 and 1366x900, in both
languages: the table sorted by users from its header, its names column in view while the rest
scrolls in its box, no sideways page scroll, axe-core clean; ticks that survive the filters;
compare with only the differences and one chart of every platform's users over time.

Every run takes the README's screenshots into artifacts/screenshots/; `DOCS_SCREENSHOTS=1`
writes them to docs/screenshots/ instead.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from tests.browser.pages import ADVISOR_QUESTION, BROWSER_LOCALES, LANGUAGES, _query
from tests.browser.test_accessibility import blocking_violations, describe

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
ROOT = Path(__file__).resolve().parents[2]
# The README's pictures are refreshed with DOCS_SCREENSHOTS=1; otherwise every run still takes
# them, into the git-ignored artifacts/, so the pages they show are drawn on every run.
DOCS = ROOT / ("docs" if os.environ.get("DOCS_SCREENSHOTS") else "artifacts") / "screenshots"


def words(language: str):
    def translated(message: str, context: str = "") -> str:
        with translation.override(language):
            return pgettext(context, message) if context else gettext(message)

    return translated


def assert_axe_clean(page) -> None:
    violations = blocking_violations(AXE.run(page))
    assert not violations, f"{page.url}:{describe(violations)}"


def row_names(page) -> list[str]:
    return page.locator(".directory-table tbody th a").all_inner_texts()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_directory_table_sorts_by_users_and_fits_the_screen(
    platform_data, new_page, language, viewport
):
    t = words(language)
    page = new_page(locale=BROWSER_LOCALES[language], viewport=viewport)
    page.goto(f"/{language}/")

    page.get_by_role("navigation", name=t("Show the platforms as")).get_by_role(
        "link", name=t("Table")
    ).click()
    expect(page).to_have_url(re.compile(r"view=table"))
    users = page.get_by_role("columnheader", name=re.compile(t("Users")))
    users.get_by_role("link").click()

    expect(users).to_have_attribute("aria-sort", "descending")
    expect(page).to_have_url(re.compile(r"sort=-users"))
    names = row_names(page)
    assert names[:2] == (["WeChat", "Sina Weibo"] if language == "en" else ["微信", "新浪微博"])
    # Every cell says its value; colour only repeats it.
    first_row = page.locator(".directory-table tbody tr").first
    expect(first_row.locator("td.col-english")).to_have_text(t("Yes"))
    expect(first_row.locator("td.col-users .figure-value")).not_to_be_empty()

    # The page never scrolls sideways; the table does, in its box, its names column staying.
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    wrap = page.locator(".directory-table-wrap")
    name_cell = page.locator(".directory-table tbody th").first
    if viewport is PHONE:
        expect(page.locator("#table-scroll-hint")).to_be_visible()
        wrap.evaluate("box => { box.scrollLeft = 400; }")
        assert abs(name_cell.bounding_box()["x"] - wrap.bounding_box()["x"]) <= 2
    assert_axe_clean(page)

    if language == "en":
        DOCS.mkdir(parents=True, exist_ok=True)
        wrap.evaluate("box => { box.scrollLeft = 0; }")
        page.evaluate(
            "window.scrollTo(0, document.querySelector('.results-toolbar')"
            ".getBoundingClientRect().top + window.scrollY - 12)"
        )
        size = "phone" if viewport is PHONE else "desktop"
        page.screenshot(path=str(DOCS / f"directory-table-{size}.png"))


def test_ticked_platforms_survive_the_filters_and_are_compared(platform_data, new_page):
    page = new_page(locale="en-US", viewport=LAPTOP)
    page.goto("/en/")

    english = page.get_by_role("group", name="Interface language").get_by_label(
        re.compile(r"^English \(\d+\)$")
    )
    expect(english).to_have_accessible_name("English (2)")
    page.get_by_label("Compare LinkedIn").check()
    page.get_by_label("Real-name verification").select_option("required")
    page.get_by_role("button", name="Apply filters").click()

    # LinkedIn (its verification unknown) is filtered out, yet stays ticked in the tray.
    expect(page.get_by_label("Compare LinkedIn")).to_have_count(0)
    expect(page.get_by_label("Keep LinkedIn (not among these results)")).to_be_checked()
    page.get_by_label("Compare WeChat").check()
    page.get_by_role("button", name="Compare selected").click()

    # The results' ticks, then the tray's.
    expect(page).to_have_url(re.compile(r"/en/compare/\?p=wechat&p=linkedin$"))
    expect(page.locator(".compare-grid thead th")).to_have_count(3)


def test_an_empty_result_says_which_filter_removed_what(platform_data, new_page):
    page = new_page(locale="en-US", viewport=PHONE)
    page.goto("/en/?language=en&real_name_verification=none")

    explanation = page.locator(".empty-explanation")
    expect(explanation).to_contain_text("English interface leaves 2")
    expect(explanation).to_contain_text("Real-name verification: None leaves 0 of them")
    expect(explanation).to_contain_text("unknown for LinkedIn")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_axe_clean(page)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_shows_only_the_differences_and_one_chart(
    platform_data, new_page, language, viewport
):
    t = words(language)
    page = new_page(locale=BROWSER_LOCALES[language], viewport=viewport)
    page.goto(f"/{language}/platforms/weibo/")
    page.get_by_role("link", name=re.compile(t("Compare %(name)s with…") % {"name": ".+"})).click()
    picker = page.locator(".compare-picker")
    expect(picker.locator("#pick-weibo")).to_be_checked()
    for slug in ("wechat", "maimai"):
        picker.locator(f"#pick-{slug}").check()
    picker.get_by_role("button", name=t("Compare")).click()
    expect(page).to_have_url(re.compile(r"/compare/\?.*p=maimai"))
    only_differences = page.get_by_role("link", name=t("Only differences"))
    expect(only_differences).to_be_visible()
    page.wait_for_load_state()
    all_rows = page.locator(".compare-grid tbody tr").count()

    only_differences.click()

    expect(page).to_have_url(re.compile(r"only_differences=1"))
    page.wait_for_load_state()
    expect(page.locator(".compare-same-rows summary")).to_be_visible()
    differing = page.locator(".compare-grid tbody tr")
    assert 0 < differing.count() < all_rows
    expect(page.locator(".compare-grid tbody tr:not(.row-differs)")).to_have_count(0)

    # One chart of the three platforms' users over time, its scale said, the figures beside it.
    chart = page.get_by_role("img", name=re.compile("2011"))
    expect(chart).to_have_count(1)
    expect(page.locator(".figures-overlay .chart-caption")).to_contain_text(
        t("Logarithmic scale: each gridline step multiplies the count.")
    )
    legend = page.locator(".figures-overlay .chart-legend li")
    for name in ("Sina Weibo", "WeChat", "Maimai") if language == "en" else ("新浪微博", "微信"):
        expect(legend.filter(has_text=name).first).to_be_visible()
    figures = page.locator(".figures-overlay .figures-table tbody tr")
    assert figures.count() >= 8
    expect(figures.locator("a.citation")).to_have_count(figures.count())
    point = page.locator(".figures-overlay circle title").first
    assert re.search(r"\d{4}.*\[\d+\]", point.text_content())

    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_axe_clean(page)

    if language == "en" and viewport is LAPTOP:
        DOCS.mkdir(parents=True, exist_ok=True)
        page.locator(".figures-overlay .chart-card").screenshot(
            path=str(DOCS / "compare-chart.png")
        )


def test_docs_screenshots_of_the_advisor_and_a_phone_search(site, new_page):
    """The README's other pictures: the advisor's answer, and a recruiter's search on a phone."""
    DOCS.mkdir(parents=True, exist_ok=True)
    page = new_page(locale="en-US", viewport=LAPTOP)
    with translation.override("en"):
        page.goto(_query("outreach:advisor", ADVISOR_QUESTION) + "#results")
    expect(page.locator("#results")).to_be_visible()
    page.screenshot(path=str(DOCS / "advisor-results.png"))

    phone = new_page(locale="en-US", viewport=PHONE, user=site.recruiter)
    phone.goto("/en/candidates/?city=shanghai")
    expect(phone.get_by_role("heading", name="Results")).to_be_visible()
    phone.screenshot(path=str(DOCS / "candidate-search-phone.png"))
