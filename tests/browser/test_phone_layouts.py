"""The main pages on a 390 by 844 phone, in both languages, as the person holding it sees them.

No page scrolls sideways (a wide table turns into cards or scrolls inside its own box); the
site's links fold behind a "Menu" button, and on a search page the filters behind their
"Filters (N active)" button, so the page's own content starts within the first screen; axe-core
finds no serious or critical violation on any of them. A few checks at desktop width say what
the phone layout must not cost there.
"""

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import BROWSER_LOCALES, LANGUAGES, MAIN_PAGES, MainPage
from tests.browser.test_accessibility import blocking_violations, describe
from tests.factories import (
    ExecutiveProfileFactory,
    MembershipFactory,
    ProjectCandidateFactory,
    ProjectFactory,
    ProjectMemberFactory,
    connect,
)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
MAIN_PAGES_BY_NAME = {main_page.name: main_page for main_page in MAIN_PAGES}


def _create_token(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _from_search(site) -> str:
    """A candidate opened from the results: back, previous and next above their page."""
    ExecutiveProfileFactory(city="shanghai", visibility="recruiters")
    found = reverse("profiles:detail", kwargs={"pk": site.profile.pk})
    return f"{found}?{urlencode({'search': 'city=shanghai'})}"


def _board(site, name: str = "CFO, Suzhou") -> str:
    """A project of the recruiter's with the executive on it."""
    project = ProjectFactory(owner=site.recruiter, name=name)
    ProjectCandidateFactory(project=project, profile=site.profile)
    return reverse("workspace:project", kwargs={"pk": project.pk})


PHONE_PAGES = [
    *(
        MAIN_PAGES_BY_NAME[name]
        for name in (
            "directory",
            "platform",
            "compare",
            "advisor",
            "candidates",
            "me",
            "memberships",
            "profile",
        )
    ),
    MainPage("api-token", lambda site: reverse("profiles:api_token"), "executive", _create_token),
    MainPage("profile-from-search", lambda site: _from_search(site), "recruiter"),
    MainPage("board", lambda site: _board(site), "recruiter"),
    MainPage("directory-table", lambda site: reverse("platforms:directory") + "?view=table"),
    MainPage("workspace", lambda site: reverse("workspace:home"), "recruiter"),
]
# Search pages, and the first result on each.
FIRST_RESULT = {"directory": ".platform-card", "candidates": ".candidate"}

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def open_page(new_page, site, main_page: MainPage, language: str, viewport: dict):
    page = new_page(locale=BROWSER_LOCALES[language], viewport=viewport, user=main_page.user(site))
    page.goto(main_page.url(site, language))
    if main_page.prepare:
        main_page.prepare(page)
    return page


def open_menu(page):
    """The site's menu unfolded, as a thumb opens it: its links are measured with the page's."""
    page.locator(".site-menu-toggle").click()
    expect(page.locator(".main-nav")).to_be_visible()
    return page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("main_page", PHONE_PAGES, ids=lambda main_page: main_page.name)
def test_a_main_page_fits_a_phone(main_page, language, site, new_page):
    page = open_page(new_page, site, main_page, language, PHONE)

    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"
    if main_page.name in FIRST_RESULT:
        first = page.locator(FIRST_RESULT[main_page.name]).first
        assert first.bounding_box()["y"] < PHONE["height"], "the results start on the first screen"
    violations = blocking_violations(AXE.run(page))
    assert not violations, f"{page.url}:{describe(violations)}"


THUMB_TARGETS = (
    ".site-menu-toggle, .main-nav a, .link-button, .language-current, .candidate-connect, "
    "label:has(> input[type=checkbox]), label:has(> input[type=radio]), .field-inline, "
    ".search-navigation a, .board-profile-link, .stage-tabs a, .how-to-reach > summary, "
    ".button, select, input:not([type=hidden], [type=checkbox], [type=radio]), "
    ".directory-table th a, .view-toggle a, .results-scope a, .new-project > summary"
)
# Links in running text are exempt (WCAG 2.5.8), and so is a tick inside its label's target;
# a result's tick has no label around it.
CONTROLS = (
    "a:not(p a, li a, td a, dd a), button, select, summary, .candidate-select, "
    "input:not([type=hidden], [type=checkbox], [type=radio])"
)
LOWER_THAN = """([selector, least]) => [...document.querySelectorAll(selector)]
    .filter(element => element.checkVisibility())
    .filter(element => element.getBoundingClientRect().height < least)
    .map(element => element.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("main_page", PHONE_PAGES, ids=lambda main_page: main_page.name)
def test_the_targets_a_thumb_hits_most_are_44px_high_on_a_phone(main_page, site, new_page):
    page = open_menu(open_page(new_page, site, main_page, "en", PHONE))

    assert page.evaluate(LOWER_THAN, [THUMB_TARGETS, 44]) == []


@pytest.mark.parametrize(
    ("page_name", "links"), [("directory", ".main-nav a"), ("directory-table", "table th a")]
)
def test_a_link_of_two_chinese_characters_is_as_wide_as_a_thumb(site, new_page, page_name, links):
    main_page = {page.name: page for page in PHONE_PAGES}[page_name]
    page = open_menu(open_page(new_page, site, main_page, "zh-hans", PHONE))

    narrow = page.evaluate(
        """(links) => [...document.querySelectorAll(links)]
        .filter(link => link.getBoundingClientRect().width < 44).map(link => link.textContent)""",
        links,
    )

    assert narrow == []


@pytest.mark.parametrize("main_page", PHONE_PAGES, ids=lambda main_page: main_page.name)
def test_no_control_outside_running_text_is_under_24px_on_a_phone(main_page, site, new_page):
    page = open_menu(open_page(new_page, site, main_page, "en", PHONE))

    assert page.evaluate(LOWER_THAN, [CONTROLS, 24]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sites_links_fold_behind_a_menu_button_on_a_phone(language, site, new_page):
    """The report: a recruiter's links and the language switcher took four rows, 216 px of the
    844, on every page."""
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME["candidates"], language, PHONE)
    toggle = page.locator(".site-menu-toggle")

    expect(page.locator(".main-nav")).to_be_hidden()
    expect(toggle).to_have_text(translated(language, "Menu"))
    assert page.locator(".site-header").bounding_box()["height"] <= 60

    toggle.click()
    expect(
        page.get_by_role("navigation", name=translated(language, "Main")).get_by_role(
            "link", name=translated(language, "Candidates")
        )
    ).to_be_visible()
    expect(page.get_by_role("group", name=translated(language, "Language"))).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_candidate_filters_fold_behind_a_button_that_counts_them(language, site, new_page):
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME["candidates"], language, PHONE)
    filters = page.locator("details.filter-panel")
    with translation.override(language):
        label = ngettext("Filters (%(counter)s active)", "Filters (%(counter)s active)", 1)

    expect(filters.locator("form")).to_be_hidden()
    toggle = filters.locator("summary")
    expect(toggle).to_have_text(label % {"counter": 1})

    toggle.click()
    expect(
        filters.get_by_role("link", name=translated(language, "Skip to the results"))
    ).to_be_visible()
    expect(filters.get_by_role("button", name=translated(language, "Search"))).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.mark.parametrize(
    ("folded", "summary"),
    [
        pytest.param(".main-nav", ".site-menu-toggle", id="the-sites-links"),
        pytest.param("details.filter-panel form", "details.filter-panel summary", id="filters"),
    ],
)
def test_what_folds_on_a_phone_stays_open_without_a_summary_on_a_wide_screen(
    folded, summary, site, new_page
):
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME["candidates"], "en", DESKTOP)

    expect(page.locator(folded)).to_be_visible()
    expect(page.locator(summary)).to_be_hidden()

    page.set_viewport_size(PHONE)
    expect(page.locator(folded)).to_be_hidden()
    page.set_viewport_size(DESKTOP)
    expect(page.locator(folded)).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_platforms_are_cards_with_nothing_cut_off(language, site, new_page):
    """The report: the /me/ table was 795 px wide in a 356 px box, three columns out of sight."""
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME["me"], language, PHONE)
    wrap = page.locator(".me-memberships .table-wrap")

    assert wrap.evaluate("box => box.scrollWidth <= box.clientWidth")
    right = wrap.bounding_box()["x"] + wrap.bounding_box()["width"]
    cells = page.locator(".me-memberships tbody td")
    assert cells.count() == 2 * 4  # Lin Wei's two platforms, four columns each
    for index in range(cells.count()):
        cell = cells.nth(index)
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= right + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_shared_projects_settings_fit_a_phone(language, site, new_page):
    """The report: once shared, the members table's hidden "Actions" heading stood out of its
    scrolling box and the page scrolled sideways (485 px in a 390 px window)."""
    project = ProjectFactory(owner=site.recruiter)
    ProjectMemberFactory(project=project, user__username="colleague.recruiter")
    settings_page = MainPage(
        "project-settings",
        lambda site: reverse("workspace:project_settings", kwargs={"pk": project.pk}),
        role="recruiter",
    )

    page = open_page(new_page, site, settings_page, language, PHONE)

    expect(page.get_by_text("colleague.recruiter").first).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_projects_are_cards_on_a_phone_with_nothing_cut_off(language, site, new_page):
    """The report: in Chinese the headings wrapped one character a line, and "Your access" and
    "Updated" scrolled out of sight inside the table."""
    ProjectFactory(owner=site.recruiter, name="CFO, Suzhou manufacturer")
    projects = MainPage("projects", lambda site: reverse("workspace:projects"), role="recruiter")

    page = open_page(new_page, site, projects, language, PHONE)
    wrap = page.locator(".project-table").locator("xpath=..")

    assert wrap.evaluate("box => box.scrollWidth <= box.clientWidth")
    right = wrap.bounding_box()["x"] + wrap.bounding_box()["width"]
    cells = page.locator(".project-table tbody td")
    assert cells.count() == 4
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box["x"] + box["width"] <= right + 1
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"


def test_a_stage_changed_far_down_the_board_shows_the_card_and_what_happened(site, new_page):
    """The report: the page came back at its top; then at the card, with the message out of
    sight at the top of a long page."""
    project = ProjectFactory(owner=site.recruiter)
    for index in range(8):
        ProjectCandidateFactory(project=project, profile__display_name=f"Candidate {index}")
    board = MainPage(
        "board", lambda site: reverse("workspace:project", kwargs={"pk": project.pk}), "recruiter"
    )
    page = open_page(new_page, site, board, "en", PHONE)
    card = page.locator(".board-entry").last
    name = card.locator("h3").inner_text()

    card.get_by_role("button", name="Contacted").click()

    moved = page.locator(".board-entry", has_text=name)
    expect(page.locator(".messages")).to_contain_text(f"{name} moved to “Contacted”.")
    page.wait_for_load_state()  # the browser goes to the card (#entry-…) by the page's load
    assert page.evaluate("window.scrollY") > 0
    for shown in (page.locator(".messages"), moved.locator("h3")):
        box = shown.bounding_box()
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= PHONE["height"]
    messages, heading = page.locator(".messages").bounding_box(), moved.locator("h3").bounding_box()
    assert heading["y"] >= messages["y"] + messages["height"]


def test_the_message_kept_at_the_top_is_dismissed_once_read(site, new_page):
    """The report: "Note added." stayed over the page while scrolling and covered the buttons
    under it, with no way to put it away."""
    project = ProjectFactory(owner=site.recruiter)
    ProjectCandidateFactory(project=project)
    board = MainPage(
        "board", lambda site: reverse("workspace:project", kwargs={"pk": project.pk}), "recruiter"
    )
    page = open_page(new_page, site, board, "en", PHONE)
    page.locator(".board-entry").get_by_role("button", name="Contacted").click()
    expect(page.locator(".messages")).to_contain_text("moved to “Contacted”.")
    page.wait_for_load_state()

    page.get_by_role("button", name="Dismiss").click()

    expect(page.locator(".messages")).to_have_count(0)
    assert page.evaluate("document.activeElement.id") == "main"


def test_without_its_script_the_message_offers_no_dead_button(site, new_page):
    project = ProjectFactory(owner=site.recruiter)
    ProjectCandidateFactory(project=project)
    board = MainPage(
        "board", lambda site: reverse("workspace:project", kwargs={"pk": project.pk}), "recruiter"
    )
    page = open_page(new_page, site, board, "en", PHONE)
    page.route("**/dismiss-messages*.js", lambda route: route.abort())

    page.locator(".board-entry").get_by_role("button", name="Contacted").click()
    expect(page.locator(".messages")).to_contain_text("moved to “Contacted”.")
    page.wait_for_load_state()

    expect(page.locator(".messages-dismiss")).to_be_hidden()


def test_a_long_word_in_a_connections_name_does_not_push_my_network_sideways(site, new_page):
    """The report: a connection named 20 长 and 80 W made My network 1,449px wide."""
    connect(site.profile, ExecutiveProfileFactory(display_name="长" * 20 + "W" * 80))
    network = MainPage("network", lambda site: reverse("profiles:network"), "executive")

    page = open_page(new_page, site, network, "en", PHONE)

    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"


def test_a_compare_tick_that_takes_the_focus_is_not_hidden_under_the_tray(site, new_page):
    """The report: tabbing to the first card's compare tick on a phone left it under the
    sticky compare tray at the foot of the screen."""
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME["directory"], "zh-hans", PHONE)

    covered = page.evaluate(
        """() => {
            const tray = document.querySelector(".compare-tray");
            const tick = [...document.querySelectorAll("main input[name=p]")]
                .find(input => !tray.contains(input));
            tick.focus();
            return tick.getBoundingClientRect().bottom > tray.getBoundingClientRect().top;
        }"""
    )

    assert covered is False


def test_a_long_tag_wraps_on_a_phones_board(site, new_page):
    """The report: a 49-character tag made the board 413px wide on a 390px phone."""
    project = ProjectFactory(owner=site.recruiter)
    entry = ProjectCandidateFactory(project=project, profile=site.profile)
    entry.tags.create(project=project, name="shortlisted after client call, second round next")
    entry.tags.create(project=project, name="x" * 50)
    board = MainPage(
        "board", lambda site: reverse("workspace:project", kwargs={"pk": project.pk}), "recruiter"
    )

    page = open_page(new_page, site, board, "en", PHONE)

    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"


@pytest.mark.parametrize("where", ["workspace", "board"])
def test_a_long_word_in_a_project_name_does_not_push_a_phone_page_sideways(where, site, new_page):
    """The report: a pasted link as a project's name made the board 472px wide and the
    workspace 1,172px."""
    board = _board(site, name="https://example.com/hiring/" + "x" * 90)
    url = board if where == "board" else reverse("workspace:home")
    page = open_page(new_page, site, MainPage(where, lambda site: url, "recruiter"), "en", PHONE)

    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"


@pytest.mark.parametrize("name", ["me", "candidates", "profile", "profile-from-search"])
def test_a_long_word_in_a_persons_name_does_not_push_a_phone_page_sideways(name, site, new_page):
    """The report: a name of 20 长 and 80 W, within the 100 characters allowed, made the
    owner's page 2,274px wide and the candidate search 1,734px."""
    site.profile.display_name = "长" * 20 + "W" * 80
    site.profile.title = "Head-of-" + "x" * 92
    site.profile.save()
    main_page = {page.name: page for page in PHONE_PAGES}[name]

    page = open_page(new_page, site, main_page, "en", PHONE)

    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"


BROKEN_WORDS = """(selector) => {
    const broken = [];
    for (const cell of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                if (range.getClientRects().length > 1) broken.push(word[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_project_tables_headings_keep_their_words_whole(site, new_page, size, language):
    """The reports: "Candida/tes" and "Own/er" at 1366px; in Chinese 候选/人 and 所有/者 once a
    long project name took the room."""
    ProjectFactory(owner=site.recruiter, name="CFO, Suzhou")
    ProjectFactory(
        owner=site.recruiter,
        name="Head of Finance / 财务负责人, Greater Bay Area cross-border e-commerce (Shenzhen)",
    )
    projects = MainPage("projects", lambda site: reverse("workspace:projects"), role="recruiter")

    page = open_page(new_page, site, projects, language, size)

    assert page.evaluate(BROKEN_WORDS, "main th") == []


def test_the_projects_table_and_the_new_project_card_do_not_touch(site, new_page):
    """The report: with a project listed, its table and the "New project" card touched."""
    ProjectFactory(owner=site.recruiter)
    projects = MainPage("projects", lambda site: reverse("workspace:projects"), role="recruiter")

    page = open_page(new_page, site, projects, "en", DESKTOP)

    table = page.locator("main > .table-wrap").bounding_box()
    card = page.locator("main > .new-project").bounding_box()
    assert card["y"] - (table["y"] + table["height"]) >= 8


def test_a_heading_after_the_stage_buttons_keeps_the_cards_rhythm(site, new_page):
    """A stacked card's later headings sat on what came before: "History" under the buttons."""
    entry = ProjectCandidateFactory(project=ProjectFactory(owner=site.recruiter))
    url = reverse("workspace:entry", kwargs={"pk": entry.project_id, "entry_pk": entry.pk})
    record = MainPage("entry", lambda site: url, role="recruiter")

    page = open_page(new_page, site, record, "en", DESKTOP)

    buttons = page.locator("form.stage-buttons").bounding_box()
    history = page.get_by_role("heading", name="History").bounding_box()
    assert history["y"] - (buttons["y"] + buttons["height"]) >= 12


def test_a_candidate_card_is_about_half_its_old_height_on_a_desktop(site, new_page):
    """Cards were about 450 px tall; the reasons now open under "more"."""
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME["candidates"], "en", DESKTOP)
    card = page.locator(".candidate").first

    assert card.bounding_box()["height"] <= 260
    reasons = card.locator(".how-to-reach .channel-summary")
    expect(reasons).to_be_hidden()
    card.get_by_text("more", exact=True).click()
    expect(reasons).to_be_visible()


def test_an_emoji_in_a_name_is_drawn_in_colour(site, new_page):
    """A colour-emoji font is in the font stack (and installed by bin/ensure-system-packages):
    the rocket is drawn in colour, not as an empty box."""
    person = ExecutiveProfileFactory(display_name="Zhang Wei 🚀", visibility="public")
    MembershipFactory(profile=person, platform=site.weibo)
    page = new_page(viewport=PHONE)
    page.goto(reverse("profiles:detail", kwargs={"pk": person.pk}))
    heading = page.get_by_role("heading", level=1)

    expect(heading).to_have_text("Zhang Wei 🚀")
    coloured = heading.evaluate(
        """heading => {
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = 64;
          const context = canvas.getContext("2d");
          context.font = "48px " + getComputedStyle(heading).fontFamily;
          context.fillText("🚀", 4, 52);
          const pixels = context.getImageData(0, 0, 64, 64).data;
          for (let i = 0; i < pixels.length; i += 4) {
            const [r, g, b, a] = pixels.slice(i, i + 4);
            if (a > 0 && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40)) return true;
          }
          return false;
        }"""
    )
    assert coloured


@pytest.mark.parametrize("page_name", ["platform", "compare"])
def test_a_charts_labels_do_not_run_into_each_other_on_a_phone(page_name, site, new_page):
    """The report: on a phone the x axis's first year ran under the y axis's "0"."""
    page = open_page(new_page, site, MAIN_PAGES_BY_NAME[page_name], "en", PHONE)

    touching = page.evaluate(
        """() => {
            const boxes = [...document.querySelectorAll(".chart-grid .chart-label")]
                .map(label => [label.textContent, label.getBoundingClientRect()]);
            const meet = (a, b) => a.left < b.right && b.left < a.right
                && a.top < b.bottom && b.top < a.bottom;
            return boxes.flatMap(([text, box], i) => boxes.slice(i + 1)
                .filter(([_, other]) => meet(box, other))
                .map(([other]) => `${text} / ${other}`));
        }"""
    )

    assert touching == []
