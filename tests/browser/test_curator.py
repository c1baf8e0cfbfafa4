"""The curator's admin in Chromium: the platform page fits the screen, a figure is spelt out as
it is typed, a status change is recorded with its source and shows in the timeline, the
history and the feed, and the staleness dashboard leads to adding a figure."""

import datetime
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from platforms.models import Platform, StatusEvent
from tests.browser.conftest import PHONE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 900}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def curator(platform_data):
    return UserFactory(username="curator", is_staff=True, is_superuser=True)


def admin_change_url(slug: str) -> str:
    return f"/admin/platforms/platform/{Platform.objects.get(slug=slug).pk}/change/"


def test_the_platform_page_fits_a_laptop_and_spells_out_a_figure_as_it_is_typed(curator, new_page):
    page = new_page(locale="en-US", viewport=LAPTOP, user=curator)
    page.goto(admin_change_url("weibo"))

    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport
    new_row = page.locator("#user_counts-group .inline-related:not(.has_original)").first
    for part in ("source", "note_en", "note_zh"):
        box = new_row.locator(f"[name$='-{part}']").bounding_box()
        assert box["x"] + box["width"] <= viewport, part
    value = new_row.locator("input[name$='-value']")
    value.fill("120000000")
    expect(new_row.locator("output.count-in-words")).to_have_text("120 million")
    value.fill("1410000000")
    expect(new_row.locator("output.count-in-words")).to_have_text("1.41 billion")


def test_the_curator_records_a_shutdown_and_sees_it_in_the_timeline_history_and_feed(
    curator, new_page
):
    # Tencent Weibo's closure (2020-09-28, Wikipedia) is missing until the curator records it.
    tencent = Platform.objects.get(slug="tencent-weibo")
    tencent.events.filter(kind=StatusEvent.Kind.SHUT_DOWN).delete()
    tencent.status, tencent.status_since = Platform.Status.ACTIVE, datetime.date(2010, 4, 1)
    tencent.historical = False
    tencent.save()
    page = new_page(locale="en-US", viewport=LAPTOP, user=curator)
    page.goto(admin_change_url("tencent-weibo"))

    page.get_by_role("link", name="Record a status change").click()
    page.get_by_label("New status").select_option(label="Shut down")
    page.locator("#id_happened_on").fill("2020-09-28")
    page.locator(".field-source .select2-selection").click()
    page.locator(".select2-search__field").fill("Tencent Weibo")
    page.locator(".select2-results__option", has_text="Tencent Weibo (Wikipedia)").click()
    page.get_by_label("Description (English)").fill("Closed.")
    page.get_by_label("Description (Chinese)").fill("停止运营。")
    page.get_by_label("Reason for this change").fill("Closure from the Wikipedia article")
    page.get_by_role("button", name="Record the change").click()

    expect(page.locator(".messagelist")).to_contain_text("The status is now “Shut down”")
    expect(page.locator(".fieldBox.field-status .readonly")).to_have_text("Shut down")
    page.get_by_role("link", name="History", exact=True).click()
    newest = page.locator("#change-history tbody tr").first
    expect(newest).to_contain_text("Status: Active → Shut down")
    expect(newest).to_contain_text("Closure from the Wikipedia article")
    expect(newest).to_contain_text("status event: Shut down (2020-09-28)")

    page.goto("/en/platforms/tencent-weibo/")
    closure = page.locator(".timeline-item").filter(has_text="Closed.")
    expect(closure).to_contain_text("Shut down")
    expect(closure).to_contain_text("2020-09-28")
    feed_link = page.get_by_role("link", name="Follow changes to its figures and status")
    feed = ElementTree.fromstring(page.request.get(feed_link.get_attribute("href")).body())
    newest_entry = next(feed.iter(f"{ATOM}entry"))
    assert newest_entry.findtext(f"{ATOM}title") == "Tencent Weibo — Shut down (2020-09-28)"


def test_the_staleness_dashboard_leads_from_the_admin_index_to_adding_a_figure(curator, new_page):
    page = new_page(locale="en-US", viewport=LAPTOP, user=curator)
    page.goto("/admin/")

    page.get_by_role("link", name="Figures by age").click()
    stale = page.locator(".staleness-table tr.stale")
    expect(stale.first).to_be_visible()
    name = stale.first.get_by_role("rowheader").inner_text()
    stale.first.get_by_role("link", name="Add a figure").click()

    expect(page.locator(".field-platform .select2-selection__rendered")).to_contain_text(name)


def test_the_admin_index_fits_a_phone(curator, new_page):
    """The report: the curator's tools sat in a table the admin keeps on one line, so the index
    was 542 px wide in a 390 px window and "Figures by age" stood one letter a line."""
    page = new_page(locale="en-US", viewport=PHONE, user=curator)
    page.goto("/admin/")

    link = page.get_by_role("link", name="Figures by age")
    expect(link).to_be_visible()
    assert link.bounding_box()["height"] < 30
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
