"""The four journeys of the product brief, done in Chromium the way a person does them.

Each test clicks and types through one person's errand and checks what that person sees on the
screen (and, where the errand is about data, what the database or the downloaded file holds).
Chinese wording is looked up in the catalogue, so a better translation doesn't break a journey.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from platforms.models import UserCount
from profiles.models import Activity, CandidateExport, City, ExecutiveProfile, Membership
from tests.factories import ExecutiveProfileFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def zh(message: str) -> str:
    """The Chinese interface's wording of `message`."""
    with translation.override("zh-hans"):
        return gettext(message)


def read_download(download) -> str:
    return Path(download.path()).read_text(encoding="utf-8-sig")


# --- Visitor ------------------------------------------------------------------------------------


def test_visitor_filters_opens_weibo_compares_downloads_switches_to_chinese_and_asks_advisor(
    platform_data, new_page
):
    page = new_page(locale="en-US")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("China's professional networks")

    # Platforms with an English interface.
    page.get_by_role("group", name="Interface language").get_by_label("English").check()
    page.get_by_role("button", name="Apply filters").click()
    titles = page.locator(".platform-card-title")
    expect(titles).to_have_count(2)
    expect(titles.nth(0)).to_contain_text("LinkedIn")
    expect(titles.nth(1)).to_contain_text("WeChat")
    expect(page.get_by_role("heading", name="2 platforms")).to_be_visible()

    # Weibo's user figures, each with its source.
    page.get_by_role("link", name="Clear", exact=True).click()
    page.get_by_role("link", name="Sina Weibo", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sina Weibo")
    expect(page.get_by_role("img", name=re.compile("User figures for Sina Weibo"))).to_be_visible()
    figures = page.get_by_role("table", name=re.compile("User figures for Sina Weibo"))
    expect(figures.locator("tbody tr")).to_have_count(7)
    expect(figures.locator("tbody tr:not(:has(a.citation))")).to_have_count(0)
    newest = figures.get_by_role("row").filter(has_text="578 million")
    expect(newest).to_contain_text("2025-09")
    expect(newest).to_contain_text("Weibo Corporation")
    monthly = figures.get_by_role("row").filter(has_text="587 million")
    expect(monthly).to_contain_text("Monthly active users, China")
    expect(monthly).to_contain_text("2024-09")
    expect(monthly).to_contain_text("Weibo Corporation, via PR Newswire")
    monthly.locator("a.citation").click()
    expect(page).to_have_url(re.compile(r"#source-\d+$"))
    cited = page.locator(page.url[page.url.index("#") :])
    expect(cited).to_contain_text("Weibo's third-quarter 2024 unaudited financial results")

    # Three platforms side by side, ticked on the directory.
    page.get_by_role("link", name="All platforms").click()
    for name in ("Sina Weibo", "LinkedIn", "Maimai"):
        page.get_by_label(f"Compare {name}").check()
    page.get_by_role("button", name="Compare selected").first.click()
    expect(page).to_have_url(re.compile(r"/en/compare/\?p=linkedin&p=maimai&p=weibo$"))
    columns = page.locator(".compare-grid thead th")
    expect(columns).to_have_count(4)
    for name in ("Sina Weibo", "LinkedIn", "Maimai"):
        expect(columns.filter(has_text=name)).to_have_count(1)
    kind_row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Kind"))
    )
    expect(kind_row).to_contain_text("Differs")
    expect(kind_row).to_contain_text("Microblog")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    rows = list(csv.reader(io.StringIO(read_download(download_info.value))))
    assert rows[0] == ["Trait", "LinkedIn 领英", "Maimai 脉脉", "Sina Weibo 新浪微博", "Differs"]
    by_trait = {row[0]: row[1:] for row in rows if row}
    assert by_trait["Latest user figure"][2].startswith(
        "578 million (Monthly active users, China) as of 2025-09 ["
    )
    assert by_trait["Kind"][-1] == "yes"
    assert any("Weibo's third-quarter 2024" in row[-1] for row in rows if row)

    # The same comparison, in Chinese.
    page.get_by_role("group", name="Language").get_by_role("button", name="简体中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/compare/\?p=linkedin&p=maimai&p=weibo$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Compare platforms"))
    expect(page.locator(".compare-grid thead")).to_contain_text("新浪微博")

    # The advisor: a CFO at a private Chinese firm, active on Weibo where they talk about their
    # career and welcome inquiries; the visitor has a mutual contact.
    page.get_by_role("navigation", name=zh("Main")).get_by_role("link", name=zh("Advisor")).click()
    page.get_by_label(zh("Business development: propose a deal or partnership")).check()
    page.get_by_label(zh("Their company")).select_option(label=zh("Chinese private company"))
    page.get_by_label(zh("Their seniority")).select_option(label=zh("C-level"))
    weibo = page.get_by_role("group", name="新浪微博")
    weibo.get_by_role("combobox", name="新浪微博").select_option(label=zh("On it"))
    weibo.locator("summary").click()
    for setting in ("Active there", "Open to inquiries", "Publicizes their career"):
        weibo.get_by_label(zh(setting)).select_option(label=zh("Yes"))
    page.get_by_label(zh("Someone we both know can introduce me")).check()
    page.get_by_role("button", name=zh("Get advice")).click()

    expect(page.get_by_role("heading", name=zh("How to reach them"))).to_be_visible()
    ranked = page.locator(".channel-ranking > li")
    expect(ranked.first.get_by_role("heading")).to_have_text(zh("Warm introduction"))
    expect(ranked.first).to_contain_text("100/100")
    expect(ranked.first.locator(".rule-id").first).to_have_text("R2")
    weibo_advice = ranked.filter(has=page.get_by_role("heading", name="新浪微博"))
    expect(weibo_advice.locator(".rule-id").filter(has_text="R6").first).to_be_visible()
    expect(weibo_advice.locator(".citation").first).to_be_visible()


def test_chinese_browser_opens_the_site_in_chinese_and_remembers_a_switch_to_english(
    platform_data, new_page
):
    page = new_page(locale="zh-CN")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("China's professional networks"))
    # Platforms are named in Chinese first.
    expect(page.get_by_role("link", name="新浪微博", exact=True)).to_be_visible()

    page.get_by_role("group", name=zh("Language")).get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))


# --- Executive ----------------------------------------------------------------------------------


def choose_option(select, text: str) -> None:
    """Pick the option whose label contains `text`, as a person scanning the list would."""
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value)


def test_executive_signs_up_records_platforms_shares_with_recruiters_downloads_and_deletes(
    platform_data, new_page
):
    page = new_page(locale="en-US")
    page.goto("/en/")
    page.get_by_role("link", name="Sign up").click()

    page.get_by_label("Username").fill("wang.fang")
    page.get_by_label("Email address").fill("wang.fang@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_label("Display name").fill("Wang Fang")
    page.get_by_label("Title").fill("Chief Operating Officer")
    page.get_by_label("Company", exact=True).fill("Hangzhou Textiles Ltd")
    page.get_by_label("Company type").select_option(label="Chinese private company")
    page.get_by_label("Industry").select_option(label="Manufacturing")
    page.get_by_label("City").select_option(label="Hangzhou")
    page.get_by_label("Seniority").select_option(label="C-level")
    page.get_by_label("I have read and agree to the privacy notice").check()
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(re.compile(r"/en/me/$"))
    expect(page.get_by_role("status")).to_contain_text("Welcome!")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wang Fang")

    # Two platforms: Weibo, daily and open to inquiries; LinkedIn, monthly.
    page.get_by_role("link", name="Add my platforms").click()
    rows = page.get_by_role("group", name="Add a platform")
    expect(rows.nth(1)).to_be_visible()
    weibo_row, linkedin_row = rows.all()[:2]
    choose_option(weibo_row.get_by_label("Platform", exact=True), "Sina Weibo")
    weibo_row.get_by_label("Handle or profile URL").fill("@wangfang_coo")
    weibo_row.get_by_label("Activity").select_option(label="Daily")
    weibo_row.get_by_label("Open to inquiries here").check()
    weibo_row.get_by_label("Publicizes career here").check()
    choose_option(linkedin_row.get_by_label("Platform", exact=True), "LinkedIn")
    linkedin_row.get_by_label("Handle or profile URL").fill("linkedin.com/in/wangfang")
    linkedin_row.get_by_label("Activity").select_option(label="Monthly")
    page.get_by_role("button", name="Save my platforms").click()

    expect(page).to_have_url(re.compile(r"/en/me/$"))
    platforms = page.get_by_role("table").filter(has_text="Handle or profile URL")
    # Each name may carry a badge (LinkedIn's "restricted in China"), so contain, not equal.
    expect(platforms.get_by_role("rowheader")).to_contain_text(["LinkedIn", "Sina Weibo"])
    expect(platforms.get_by_role("row").filter(has_text="@wangfang_coo")).to_contain_text(
        "open to inquiries"
    )

    # Shared with recruiters.
    page.get_by_role("link", name="Change who can see it").click()
    page.get_by_label("Recruiters on NetworkDir").check()
    page.get_by_role("button", name="Save").click()
    visibility = page.get_by_role("region", name=re.compile("Who can see your profile"))
    expect(visibility).to_contain_text("Recruiters on NetworkDir")
    expect(visibility).to_contain_text("in their candidate search")
    expect(platforms.get_by_role("row").filter(has_text="@wangfang_coo")).to_contain_text(
        "your handle"
    )

    # How recruiters would reach them: first on Weibo, where they are open to inquiries and talk
    # about their career, with the rule behind it.
    reachability = page.get_by_role("region", name="Where you are reachable")
    recruiters = reachability.get_by_role("region", name=re.compile("Recruiters"))
    first_channel = recruiters.get_by_role("listitem").first
    expect(first_channel).to_contain_text("Sina Weibo")
    expect(first_channel).to_contain_text(re.compile(r"\d+/100"))
    expect(first_channel.get_by_role("link", name=re.compile(r"^R\d+$"))).to_be_visible()
    expect(reachability.get_by_role("region", name="What to change")).to_be_visible()

    # A copy of everything.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all my data (JSON)").click()
    data = json.loads(read_download(download_info.value))
    assert data["account"]["username"] == "wang.fang"
    assert data["profile"]["visibility"] == "recruiters"
    assert data["consent_at"]
    assert {membership["platform"] for membership in data["memberships"]} == {"weibo", "linkedin"}

    # Gone for good.
    user_id = User.objects.get(username="wang.fang").pk
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("status")).to_contain_text("Nothing that names you was kept")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    assert not User.objects.filter(username="wang.fang").exists()
    assert not ExecutiveProfile.objects.filter(display_name="Wang Fang").exists()
    assert not Membership.objects.filter(handle__in=["@wangfang_coo", "linkedin.com/in/wangfang"])
    assert not AccessLog.objects.filter(username="wang.fang").exists()
    assert not [
        session
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    ]


# --- Recruiter ----------------------------------------------------------------------------------


def test_recruiter_filters_candidates_by_channel_reads_how_to_reach_one_and_exports(site, new_page):
    # Beside Lin Wei (Shanghai, on Weibo and open to inquiries there), people who miss one
    # condition each, and one who matches but keeps the profile private.
    for name, city, open_on_weibo, visibility in [
        ("Zhou Min", City.SHANGHAI, False, "recruiters"),
        ("Chen Jie", City.BEIJING, True, "recruiters"),
        ("Xu Hua", City.SHANGHAI, True, "private"),
    ]:
        profile = ExecutiveProfileFactory(display_name=name, city=city, visibility=visibility)
        MembershipFactory(
            profile=profile,
            platform=site.weibo,
            activity=Activity.WEEKLY,
            open_to_inquiries=open_on_weibo,
        )
    only_linkedin = ExecutiveProfileFactory(display_name="Gao Yan", city=City.SHANGHAI)
    MembershipFactory(profile=only_linkedin, platform=site.linkedin, open_to_inquiries=True)

    page = new_page(locale="en-US")
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill(site.recruiter.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Candidates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidates")

    filters = page.get_by_role("complementary")
    filters.get_by_label("Sina Weibo").check()
    filters.get_by_label("Open to inquiries there").select_option(label="Yes")
    filters.get_by_label("City").select_option(label="Shanghai")
    filters.get_by_role("button", name="Search").click()

    results = page.locator(".candidate")
    expect(results).to_have_count(1)
    expect(results.get_by_role("heading", level=3)).to_have_text("Lin Wei")
    expect(results).to_contain_text("@linwei_cfo")

    page.get_by_role("link", name="Lin Wei", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lin Wei")
    memberships = page.get_by_role("table")
    expect(memberships.get_by_role("row").filter(has_text="Sina Weibo")).to_contain_text(
        "@linwei_cfo"
    )
    how_to_reach = page.get_by_role("region", name="How to reach Lin Wei")
    advised = how_to_reach.locator(".channel-ranking > li")
    expect(advised.first).to_be_visible()
    weibo_advice = advised.filter(has=page.get_by_role("heading", name="Sina Weibo"))
    expect(weibo_advice).to_have_count(1)
    expect(weibo_advice.locator(".rule-id").first).to_be_visible()

    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export these results as CSV").click()
    rows = list(csv.DictReader(io.StringIO(read_download(download_info.value))))
    assert [row["Name"] for row in rows] == ["Lin Wei"]
    assert "Sina Weibo" in rows[0]["Reachable on"]
    export = CandidateExport.objects.get()
    assert (export.recruiter, export.row_count) == (site.recruiter, 1)


# --- Admin --------------------------------------------------------------------------------------


def test_admin_adds_a_sourced_user_figure_and_sees_it_on_the_public_page_and_in_history(
    platform_data, new_page
):
    # LinkedIn's 2019 figure (45 million, KrASIA) is missing until the admin adds it back.
    UserCount.objects.filter(platform__slug="linkedin", as_of__year=2019).delete()
    UserFactory(username="curator", is_staff=True, is_superuser=True)

    page = new_page(locale="en-US")
    page.goto("/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("#content-main").get_by_role("link", name="Platforms", exact=True).last.click()
    page.get_by_role("link", name="LinkedIn", exact=False).first.click()

    figures = page.locator("#user_counts-group")
    new_row = figures.locator(".inline-related:not(.has_original):not(.empty-form)").last
    new_row.locator("input[name$='-value']").fill("45000000")
    new_row.locator("select[name$='-metric']").select_option(label="Users")
    new_row.locator("select[name$='-scope']").select_option(label="China")
    new_row.locator("input[name$='-as_of']").fill("2019-07-01")
    new_row.locator("select[name$='-precision']").select_option(label="year")
    new_row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("KrASIA")
    page.locator(".select2-results__option", has_text="Article on Chitu going offline").click()
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    changes = page.locator(".field-recent_changes")
    newest = changes.get_by_role("row").nth(1)
    expect(newest).to_contain_text("curator")
    expect(newest).to_contain_text("45 million")
    expect(newest).to_contain_text("w18")
    newest.get_by_role("link", name="history").click()
    expect(page.locator("#change-history")).to_contain_text("curator")

    page.goto("/en/platforms/linkedin/")
    figures_table = page.get_by_role("table", name=re.compile("User figures for LinkedIn"))
    added = figures_table.get_by_role("row").filter(has_text="45 million")
    expect(added).to_contain_text("2019")
    expect(added).to_contain_text("KrASIA")


# --- Keyboard only ------------------------------------------------------------------------------

FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page, target, *, most: int = 120) -> None:
    """Press Tab until `target` has the focus, checking every stop shows where the focus is."""
    for _press in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            assert page.evaluate(FOCUS_RING), f"no visible focus indicator on {target}"
            return
    raise AssertionError(f"{target} never received the focus after {most} presses of Tab")


def test_keyboard_user_skips_to_content_filters_and_compares_platforms(platform_data, new_page):
    page = new_page(locale="en-US")
    page.goto("/en/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert page.evaluate(FOCUS_RING)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    english = page.get_by_role("group", name="Interface language").get_by_label("English")
    tab_to(page, english)
    page.keyboard.press("Space")
    expect(english).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    expect(page.locator(".platform-card-title")).to_have_count(2)

    for name in ("LinkedIn", "WeChat"):
        tick = page.get_by_label(f"Compare {name}")
        tab_to(page, tick)
        page.keyboard.press("Space")
        expect(tick).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Compare selected").last)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/compare/\?p=linkedin&p=wechat$"))
    expect(page.locator(".compare-grid thead th")).to_have_count(3)


def test_keyboard_user_asks_the_advisor(platform_data, new_page):
    page = new_page(locale="en-US")
    page.goto("/en/advisor/")

    # Radio buttons are one stop: the arrow keys move the choice.
    tab_to(page, page.get_by_label("Business development: propose a deal or partnership"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Recruiting: offer them a job")).to_be_checked()

    tab_to(page, page.get_by_label("Their company"))
    page.keyboard.type("Multinational")
    expect(page.get_by_label("Their company")).to_have_value("multinational")
    tab_to(page, page.get_by_label("Their seniority"))
    page.keyboard.type("Director")
    expect(page.get_by_label("Their seniority")).to_have_value("director")
    english = page.get_by_role("group", name="Languages they speak").get_by_label("English")
    tab_to(page, english)
    page.keyboard.press("Space")

    linkedin = page.get_by_role("group", name="LinkedIn")
    presence = linkedin.get_by_role("combobox", name="LinkedIn")
    tab_to(page, presence)
    page.keyboard.type("On it")
    expect(presence).to_have_value("on_it")
    tab_to(page, linkedin.locator("summary"))
    page.keyboard.press("Enter")  # how they use it: folded until opened
    open_to_inquiries = linkedin.get_by_label("Open to inquiries")
    tab_to(page, open_to_inquiries)
    page.keyboard.type("Yes")
    expect(open_to_inquiries).to_have_value("true")

    tab_to(page, page.get_by_role("button", name="Get advice"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="How to reach them")).to_be_visible()
    expect(page).to_have_url(re.compile(r"purpose=recruiting"))
    advised = page.locator(".channel-ranking > li")
    expect(advised.filter(has=page.get_by_role("heading", name="LinkedIn"))).to_have_count(1)
    expect(advised.first.get_by_role("link", name=re.compile(r"^R\d+$")).first).to_be_visible()
