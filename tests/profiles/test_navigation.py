"""The main navigation and the language switcher every page draws (`{% navigation %}`)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import ConnectionRequestFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["Platforms", "Compare", "Advisor"]
SIGNED_IN = ["My profile", "My network", "Introductions", "API token"]
SEARCHERS = ["Workspace", "Candidates"]


def navigation(response) -> str:
    html = response.content.decode()
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def link_texts(nav: str) -> list[str]:
    return re.findall(r"<a [^>]*>([^<]+)", nav)


def current_links(nav: str) -> list[str]:
    return re.findall(r'aria-current="page">([^<]+)', nav)


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("anonymous", [*EVERYONE, "Log in", "Sign up"]),
        ("owner", [*EVERYONE, *SIGNED_IN]),
        ("other_executive", [*EVERYONE, *SIGNED_IN]),
        ("recruiter", [*EVERYONE, *SEARCHERS, *SIGNED_IN]),
        ("admin", [*EVERYONE, *SEARCHERS, *SIGNED_IN]),
    ],
)
def test_each_role_sees_its_links_in_order(client_for_role, role, links):
    nav = navigation(client_for_role(role).get(reverse("platforms:compare")))

    assert link_texts(nav) == links


@pytest.mark.parametrize(
    ("role", "has_logout_form"), [("anonymous", False), ("owner", True), ("recruiter", True)]
)
def test_signed_in_people_get_a_log_out_form_with_its_csrf_token(
    client_for_role, role, has_logout_form
):
    nav = navigation(client_for_role(role).get(reverse("platforms:compare")))

    logout = re.search(r'<form class="nav-logout" method="post" action="([^"]+)">(.*?)</form>', nav)
    assert bool(logout) is has_logout_form
    if logout:
        assert logout.group(1) == reverse("logout")
        assert 'name="csrfmiddlewaretoken"' in logout.group(2)


@pytest.mark.parametrize(
    ("role", "route", "current"),
    [
        ("owner", ("platforms:directory", ()), "Platforms"),
        ("owner", ("platforms:detail", ("weibo",)), "Platforms"),
        ("owner", ("platforms:compare", ()), "Compare"),
        ("owner", ("outreach:advisor", ()), "Advisor"),
        ("recruiter", ("workspace:home", ()), "Workspace"),
        ("recruiter", ("workspace:projects", ()), "Workspace"),
        ("recruiter", ("profiles:candidates", ()), "Candidates"),
        ("owner", ("profiles:me", ()), "My profile"),
        ("owner", ("profiles:network", ()), "My network"),
        ("owner", ("profiles:introductions", ()), "Introductions"),
        ("owner", ("profiles:api_token", ()), "API token"),
    ],
)
def test_the_page_or_section_being_shown_is_marked_current(
    client_for_role, weibo, role, route, current
):
    name, args = route
    response = client_for_role(role).get(reverse(name, args=args))

    assert response.status_code == 200
    nav = navigation(response)

    assert current_links(nav) == [current]


@pytest.mark.parametrize(("name", "current"), [("login", "Log in"), ("profiles:signup", "Sign up")])
def test_the_ways_in_are_marked_current_for_visitors(client, name, current):
    assert current_links(navigation(client.get(reverse(name)))) == [current]


def test_a_page_not_found_draws_the_navigation_with_nothing_current(recruiter_client):
    response = recruiter_client.get("/en/no-such-page/")

    assert response.status_code == 404
    nav = navigation(response)
    assert "Candidates" in link_texts(nav)
    assert current_links(nav) == []


def test_the_switcher_offers_this_page_with_its_query_in_the_other_language(client, weibo, maimai):
    html = client.get("/en/compare/?p=weibo&p=maimai").content.decode()

    assert 'lang="en" aria-current="true">English</span>' in html
    assert (
        '<input type="hidden" name="next" value="/zh-hans/compare/?p=weibo&amp;p=maimai">' in html
    )
    assert '<html lang="en">' in html


def test_a_chinese_page_names_its_language_for_html(client):
    html = client.get("/zh-hans/compare/").content.decode()

    assert '<html lang="zh-Hans">' in html
    assert 'lang="zh-Hans" aria-current="true">简体中文</span>' in html
    assert '<input type="hidden" name="next" value="/en/compare/">' in html


MENU = re.compile(
    r'<details class="site-menu" open>\s*<summary class="site-menu-toggle">(.*?)</summary>'
    r'.*?<nav class="main-nav".*?</nav>.*?class="language-switcher".*?</details>\s*'
    r'<script src="/static/js/fold-on-narrow-screens.js"></script>',
    re.S,
)


@pytest.mark.parametrize(("language", "menu"), [("en", "Menu"), ("zh-hans", "菜单")])
def test_the_links_and_switcher_are_sent_open_in_a_menu_a_phone_folds(client, language, menu):
    html = client.get(f"/{language}/compare/").content.decode()

    assert MENU.search(html).group(1) == menu


def test_the_menus_summary_carries_the_navigations_counts(client, executive):
    ConnectionRequestFactory(recipient=executive.executive_profile)
    client.force_login(executive)

    summary = MENU.search(client.get(reverse("profiles:me")).content.decode()).group(1)

    assert summary == (
        'Menu <span class="badge nav-count">1<span class="visually-hidden"> request to answer'
        "</span></span>"
    )
