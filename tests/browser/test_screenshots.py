"""Each main page at desktop and phone width, in both languages, saved for people to look at.

The screenshots land in artifacts/screenshots/<page>-<language>-<width>.png (git-ignored). While
taking them, the test checks what a person would notice first: a page with a meaningful title
and one visible main heading, headings that don't skip levels, the footer saying where the data
comes from, and nothing wider than a phone except inside a scrolling table.
"""

import itertools
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import BROWSER_LOCALES, LANGUAGES, MAIN_PAGES

pytestmark = pytest.mark.django_db(transaction=True)

SITE_NAME = "NetworkDir"
LAST_UPDATED = re.compile(r"\d{4}-\d{2}-\d{2}")
MAIN_PAGES_BY_NAME = {main_page.name: main_page for main_page in MAIN_PAGES}

# Elements that stick out to the right of the viewport, outside a scrolling table box.
OVERFLOWING_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(".table-wrap, .visually-hidden, .skip-link")) continue;
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      const classes = element.className ? "." + element.className : "";
      const name = element.tagName.toLowerCase() + classes;
      offenders.push(name + " (right edge " + Math.round(box.right) + "px)");
    }
  }
  return offenders.slice(0, 10);
}"""

HEADING_LEVELS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


def site_title(language: str) -> str:
    with translation.override(language):
        return gettext("China's professional networks")


def skipped_heading_levels(levels: list[int]) -> list[str]:
    """Places where a heading goes deeper by more than one level (h2 followed by h4)."""
    return [
        f"h{before} then h{after}"
        for before, after in itertools.pairwise(levels)
        if after > before + 1
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda main_page: main_page.name)
def test_main_page_reads_well_on_desktop_and_phone(main_page, language, site, new_page, screenshot):
    page = new_page(locale=BROWSER_LOCALES[language], viewport=DESKTOP, user=main_page.user(site))
    page.goto(main_page.url(site, language))
    if main_page.prepare:
        main_page.prepare(page)

    page_title, _, site_name = page.title().rpartition(" · ")
    assert site_name == SITE_NAME
    assert page_title.strip()
    if not main_page.name.startswith("directory"):
        assert page_title != site_title(language), "the title names this page, not just the site"
    heading = page.locator("h1")
    assert heading.count() == 1
    assert heading.is_visible()
    assert (
        page.locator("html").get_attribute("lang") == {"en": "en", "zh-hans": "zh-Hans"}[language]
    )
    assert page.evaluate(HEADING_LEVELS)[0] == 1
    assert skipped_heading_levels(page.evaluate(HEADING_LEVELS)) == []
    assert LAST_UPDATED.search(page.locator("footer").inner_text()), "footer dates the data"
    screenshot(page, f"{main_page.name}-{language}-desktop")

    page.set_viewport_size(PHONE)
    assert heading.is_visible()
    assert page.evaluate(OVERFLOWING_ELEMENTS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"{main_page.name}-{language}-phone")


def box(locator) -> dict:
    return locator.bounding_box()


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_grid_keeps_platform_names_and_traits_in_view_on_a_phone(
    language, platform_data, new_page, screenshot
):
    page = new_page(locale=BROWSER_LOCALES[language], viewport=PHONE)
    page.goto(MAIN_PAGES_BY_NAME["compare"].url(None, language))
    grid_box = page.locator(".compare-wrap")
    corner = page.locator(".compare-grid thead th").first
    first_column = page.locator(".compare-grid tbody th").first
    platform_header = page.locator(".compare-grid thead th").nth(1)

    # Read on: scroll the grid sideways and down, as a thumb would.
    grid_box.evaluate("wrap => { wrap.scrollLeft = 250; wrap.scrollTop = 200; }")
    grid_box.scroll_into_view_if_needed()

    assert box(grid_box)["width"] <= PHONE["width"]
    assert abs(box(corner)["y"] - box(grid_box)["y"]) <= 2, "the header row stays on top"
    assert abs(box(platform_header)["y"] - box(grid_box)["y"]) <= 2
    assert abs(box(first_column)["x"] - box(grid_box)["x"]) <= 2, "the trait column stays left"
    assert box(first_column)["width"] <= PHONE["width"] / 3, "room is left for the platforms"
    screenshot(page, f"compare-{language}-phone-scrolled", full_page=False)


def test_compare_page_prints_the_whole_grid_without_controls(platform_data, new_page, screenshot):
    page = new_page(locale="en-US", viewport=DESKTOP)
    page.goto(MAIN_PAGES_BY_NAME["compare"].url(None, "en"))
    page.emulate_media(media="print")

    for hidden in ("header.site-header", ".compare-picker", ".permalink-field", "main form"):
        expect(page.locator(hidden).first).to_be_hidden()
    grid_box = page.locator(".compare-wrap")
    assert grid_box.evaluate("wrap => wrap.scrollHeight <= wrap.clientHeight + 1"), "every row"
    assert box(page.locator(".compare-grid"))["width"] >= box(page.locator("main"))["width"] - 2
    expect(page.locator("footer")).to_be_visible()
    screenshot(page, "compare-en-print")
