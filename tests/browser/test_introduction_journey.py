"""A double opt-in introduction in a real browser, along a third-degree path: the requester asks
from the person's page, each intermediary passes it on from the count in the navigation, the
person to meet accepts with a channel, and the requester sees it."""

import re

from playwright.sync_api import expect

from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory, connect


def person(username: str, name: str, **fields):
    return ExecutiveProfileFactory(
        user__username=username, display_name=name, visibility=Visibility.PUBLIC, **fields
    )


def answers_from_the_navigation(page, button: str) -> None:
    page.goto("/en/me/")
    introductions = page.get_by_role("link", name=re.compile(r"^Introductions"))
    expect(introductions).to_contain_text("1 introduction with news")
    introductions.click()
    page.locator("#received").get_by_role("link", name="Answer").click()
    page.get_by_role("button", name=button).click()
    expect(page.locator(".messages")).to_contain_text("Thank you: it is passed on.")


def test_an_introduction_passed_on_twice_and_accepted(transactional_db, new_page):
    zhou = person("zhou.lan", "Zhou Lan", title="Head of Operations", company="Lakeside Motors")
    li = person("li.wei", "Li Wei")
    chen = person("chen.jing", "Chen Jing")
    xu = person("xu.haoran", "Xu Haoran")
    connect(zhou, li)
    connect(li, chen)
    connect(chen, xu)
    wechat = PlatformFactory(slug="wechat", name_en="WeChat", name_zh="微信")
    MembershipFactory(profile=xu, platform=wechat, handle="xuhaoran-wx", hide_handle=True)

    asker = new_page(user=zhou.user)
    asker.goto(f"/en/people/{xu.pk}/")
    asker.get_by_role("link", name="Ask for an introduction").first.click()
    expect(asker.get_by_role("heading", level=1)).to_have_text(
        "Ask for an introduction to Xu Haoran"
    )
    expect(asker.get_by_label(re.compile("via Li Wei"))).to_be_checked()
    asker.get_by_label("Peer networking: get to know a peer").check()
    asker.get_by_label("Your message").fill("We both work on EV batteries; tea in Suzhou?")
    asker.get_by_role("button", name="Send the request").click()
    expect(asker.locator(".messages")).to_contain_text("Your request is on its way.")
    expect(asker.locator(".page-header")).to_contain_text("Waiting for Li Wei")

    answers_from_the_navigation(new_page(user=li.user), "Pass it on to Chen Jing")
    answers_from_the_navigation(new_page(user=chen.user), "Pass it on to Xu Haoran")

    target = new_page(user=xu.user)
    target.goto("/en/me/introductions/")
    received = target.locator("#received")
    expect(received).to_contain_text("Head of Operations, Lakeside Motors")
    expect(received).not_to_contain_text("Zhou Lan")
    received.get_by_role("link", name="Answer").click()
    target.get_by_label("WeChat: xuhaoran-wx").check()
    target.get_by_role("button", name="Accept the introduction").click()
    expect(target.locator(".messages")).to_contain_text("Accepted")
    expect(target.locator(".page-header")).to_contain_text("Zhou Lan")

    asker.reload()
    expect(asker.locator(".page-header")).to_contain_text("Accepted")
    expect(asker.get_by_text("xuhaoran-wx")).to_be_visible()
