"""A recruiter's search, in a real browser: a role in either language, pinyin, the total, and
paging through the candidates from one's page."""

from playwright.sync_api import expect

from profiles.models import City
from tests.factories import ExecutiveProfileFactory


def test_recruiter_finds_cfos_in_either_language_and_pages_through_them(site, new_page):
    # Lin Wei (Chief Financial Officer) comes with the site; two more CFOs, written in Chinese,
    # and a sales director, who is not one.
    ExecutiveProfileFactory(display_name="周岚", title="首席财务官", city=City.SUZHOU)
    ExecutiveProfileFactory(display_name="Wang Lei 王磊", title="财务总监", city=City.BEIJING)
    ExecutiveProfileFactory(display_name="Chen Jie", title="Sales Director")

    page = new_page(locale="en-US", user=site.recruiter)
    page.goto("/en/candidates/")
    filters = page.get_by_role("complementary")
    filters.get_by_label("Name, company or title").fill("CFO")
    filters.get_by_role("button", name="Search").click()

    expect(page.locator(".result-total strong")).to_have_text("3 candidates")
    names = page.locator(".candidate h3")
    expect(names).to_have_count(3)
    found = set(names.all_inner_texts())
    assert found == {"Lin Wei", "周岚", "Wang Lei 王磊"}

    page.goto("/zh-hans/candidates/?q=财务")
    expect(page.locator(".candidate h3")).to_have_count(3)
    assert set(page.locator(".candidate h3").all_inner_texts()) == found

    page.goto("/en/candidates/?q=Zhōu+Lán")
    expect(page.locator(".candidate h3")).to_have_text(["周岚"])

    # From the first CFO on to the next, and back to the same results.
    page.goto("/en/candidates/?q=CFO&sort=name")
    first = page.locator(".candidate h3").first.inner_text()
    second = page.locator(".candidate h3").nth(1).inner_text()
    page.get_by_role("link", name=first, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    navigation = page.get_by_role("navigation", name="Search results")
    expect(navigation.get_by_role("link", name="Previous candidate")).to_have_count(0)
    navigation.get_by_role("link", name="Next candidate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second)
    page.get_by_role("navigation", name="Search results").get_by_role(
        "link", name="Back to the results"
    ).click()
    expect(page.get_by_label("Name, company or title")).to_have_value("CFO")
    expect(page.locator(".candidate h3")).to_have_count(3)
