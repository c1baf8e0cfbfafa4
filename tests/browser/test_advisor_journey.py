"""The issue's question, asked as a visitor would on a phone and on a laptop, in both languages:
"How do I reach the CFO of a private manufacturer in Suzhou?", knowing nothing of where she is
online and reading no Chinese. The page lands on a ranked answer (focus on its heading), says the
question back, says what is worth finding out, writes every score as a sum, keeps the form
editable above, fits the screen, and axe-core finds no serious or critical violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.pages import BROWSER_LOCALES, LANGUAGES
from tests.browser.test_accessibility import blocking_violations, describe

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def words(language: str):
    def translated(message: str) -> str:
        with translation.override(language):
            return gettext(message)

    return translated


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_suzhou_cfo_question_lands_on_a_ranked_answer(
    platform_data, new_page, language, viewport
):
    t = words(language)
    page = new_page(locale=BROWSER_LOCALES[language], viewport=viewport)
    page.goto(f"/{language}/advisor/")

    page.get_by_label(t("Business development: propose a deal or partnership")).check()
    page.get_by_label(t("Their role or title")).fill("CFO")
    page.get_by_label(t("Their company")).select_option(label=t("Chinese private company"))
    page.get_by_label(t("Their seniority")).select_option(label=t("C-level"))
    page.get_by_label(t("Their industry")).select_option(label=t("Manufacturing"))
    page.get_by_label(t("Their city")).select_option(label=t("Suzhou"))
    # Where she is online is left as it starts: don't know.
    weibo = page.get_by_role("group", name=re.compile("Weibo|微博")).first
    expect(weibo.get_by_role("combobox").first).to_have_value("unknown")
    page.get_by_role("button", name=t("Get advice")).click()

    # The page lands on the answer, focus on its heading.
    expect(page).to_have_url(re.compile(r"/advisor/\?.*city=suzhou.*#results$"))
    heading = page.get_by_role("heading", name=t("How to reach them"), level=2)
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()

    # The question said back: her role, the company, the city; the reader doesn't read Chinese.
    summary = page.locator(".advisor-summary")
    expect(summary).to_contain_text("CFO")
    expect(summary).to_contain_text(t("Suzhou"))
    expect(summary).to_contain_text(t("a Chinese private company"))

    # A ranked answer without knowing where she is: an introduction first, then the rest, the
    # platforms among them "if they are on it", and what to find out first.
    ranked = page.locator(".channel-ranking > li")
    expect(ranked.first.get_by_role("heading")).to_have_text(t("Warm introduction"))
    assert ranked.count() >= 4
    expect(
        page.locator(".channel-ranking .badge", has_text=t("if they are on it")).first
    ).to_be_visible()
    find_outs = page.locator(".advisor-find-outs li")
    expect(find_outs.first).to_be_visible()
    expect(find_outs.first).to_contain_text(re.compile(r"\d+/100"))

    # Huihui, which no source says still operates, comes after every channel known to operate
    # (In person among them), badged, and is never called the best way to reach her.
    huihui = re.compile("Huihui|会会")
    last = ranked.last
    expect(last.get_by_role("heading")).to_have_text(huihui)
    expect(last.locator(".badge", has_text=t("status unknown"))).to_be_visible()
    names = ranked.get_by_role("heading").all_inner_texts()
    assert names.index(t("In person")) < len(names) - 1
    assert not any(
        t("status unknown") in name
        for name in ranked.locator(".channel-advice-head").all_inner_texts()[:-1]
    )
    # What a find-out says before its score, in either language's parentheses.
    before_score = re.compile(r"[(\uff08]")
    best_way = before_score.split(t("it would be the best way to reach them (%(score)s/100)"))[0]
    strongest = before_score.split(t("it would be the strongest cold channel (%(score)s/100)"))[0]
    for line in find_outs.all_inner_texts():
        if huihui.search(line):
            assert t("status unknown") in line
            assert best_way not in line
            assert strongest not in line

    # Every score is written as a sum: the introduction's starts at 30 and its reasons add up.
    first = ranked.first
    score = int(re.search(r"(\d+)/100", first.locator(".channel-score").inner_text()).group(1))
    points = first.locator(".channel-explained .score-points").all_inner_texts()
    assert (
        sum(
            int(p.replace("\N{MINUS SIGN}", "-").replace("\N{PLUS-MINUS SIGN}", "")) for p in points
        )
        == score
    )

    # The form stays above the answer on a phone (beside it on a laptop), as filled in, ready
    # for another try.
    title = page.get_by_label(t("Their role or title"))
    expect(title).to_have_value("CFO")
    expect(title).to_be_editable()
    field, answer = title.bounding_box(), heading.bounding_box()
    if viewport is PHONE:
        assert field["y"] < answer["y"]
    else:
        assert field["x"] + field["width"] <= answer["x"]

    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways"
    violations = blocking_violations(AXE.run(page))
    assert not violations, f"{page.url}:{describe(violations)}"


def test_a_platform_page_opens_the_advisor_preset_to_it(platform_data, new_page):
    page = new_page(locale="en-US", viewport=LAPTOP)
    page.goto("/en/platforms/weibo/")

    page.get_by_role("link", name="How to reach people here").click()

    expect(page).to_have_url(re.compile(r"/en/advisor/\?platform=weibo$"))
    weibo = page.get_by_role("group", name=re.compile("Weibo")).first
    expect(weibo.get_by_role("combobox").first).to_have_value("on_it")
    expect(page.get_by_role("heading", name="How to reach them")).to_be_visible()
