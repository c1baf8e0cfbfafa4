"""Two executives connect in a real browser: one asks from the other's page, the other sees the
count in the navigation, accepts on My network and says they would introduce the first."""

import re

from playwright.sync_api import expect

from profiles.models import Contact, Visibility
from tests.factories import ExecutiveProfileFactory


def test_an_executive_asks_to_connect_and_the_other_accepts(transactional_db, new_page):
    zhou = ExecutiveProfileFactory(
        user__username="zhou.lan", display_name="Zhou Lan", visibility=Visibility.PUBLIC
    )
    li = ExecutiveProfileFactory(
        user__username="li.wei", display_name="Li Wei", visibility=Visibility.PUBLIC
    )

    asker = new_page(user=zhou.user)
    asker.goto(f"/en/people/{li.pk}/")
    asker.get_by_role("link", name="Connect", exact=True).click()
    expect(asker.get_by_role("heading", level=1)).to_have_text("Connect with Li Wei")
    asker.get_by_label("How you know each other").select_option(label="Former colleague")
    asker.get_by_label("Close", exact=True).check()
    asker.get_by_label("A short note (optional)").fill("From the Suzhou plant, 2015 to 2019.")
    asker.get_by_role("button", name="Send request").click()
    expect(asker.locator(".messages")).to_contain_text("Your request was sent to Li Wei.")
    expect(asker.locator(".connect-state")).to_contain_text("Request sent")

    answerer = new_page(user=li.user)
    answerer.goto("/en/me/")
    network = answerer.get_by_role("link", name=re.compile(r"^My network"))
    expect(network).to_contain_text("1 request to answer")
    network.click()
    received = answerer.locator("#received")
    expect(received).to_contain_text("Zhou Lan")
    expect(received).to_contain_text("From the Suzhou plant")
    received.get_by_role("button", name="Accept").click()
    expect(answerer.locator(".messages")).to_contain_text("You are now connected with Zhou Lan.")

    row = answerer.locator("#connections .network-row", has_text="Zhou Lan")
    row.get_by_label("Willing to introduce them").select_option(
        label="Yes, happy to introduce them"
    )
    row.get_by_role("button", name="Save").click()
    expect(answerer.locator(".messages")).to_contain_text("Saved how you know Zhou Lan.")

    asker.goto(f"/en/people/{li.pk}/")
    expect(asker.locator(".connect-state")).to_contain_text("Connected")
    assert Contact.objects.get(owner=li, other=zhou).willingness == "willing"
    assert Contact.objects.get(owner=zhou, other=li).relationship == "former_colleague"
