"""The shared cache of platform pages and the recommender catalog: fresh after every edit, and
never carrying one visitor's navigation or CSRF token to another."""

import datetime
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse

from outreach.catalog import load_catalog
from platforms.cache import data_version, retire_shared_entries, shared_each
from platforms.models import Platform
from tests.factories import PlatformFactory, SourceFactory, UserCountFactory
from tests.platforms.test_admin import admin_url, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache_on")]


@pytest.fixture
def weibo(db):
    platform = PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")
    UserCountFactory(
        platform=platform,
        value=587_000_000,
        as_of=datetime.date(2024, 9, 30),
        source=SourceFactory(),
    )
    return platform


def detail_url(platform: Platform) -> str:
    return reverse("platforms:detail", kwargs={"slug": platform.slug})


def main_part(response) -> str:
    """The page's own content (the header around it holds a CSRF token masked per request)."""
    return response.content.decode().split('<main id="main"')[1]


PAGES = [
    pytest.param(lambda: reverse("platforms:directory"), id="directory"),
    pytest.param(lambda: reverse("platforms:detail", kwargs={"slug": "weibo"}), id="detail"),
    pytest.param(lambda: reverse("platforms:compare") + "?p=weibo&p=maimai", id="compare"),
]


@pytest.fixture
def two_platforms(weibo):
    PlatformFactory(slug="maimai", name_en="Maimai", name_zh="脉脉")


@pytest.mark.parametrize("url", PAGES)
def test_a_cached_page_is_served_without_a_query(
    client, two_platforms, url, django_assert_num_queries
):
    first = client.get(url())

    with django_assert_num_queries(0):
        again = client.get(url())

    assert again.status_code == first.status_code == 200
    assert main_part(again) == main_part(first)


def test_an_admin_edit_of_a_figure_shows_on_the_cached_page(
    admin_client, weibo, django_capture_on_commit_callbacks
):
    assert "587 million" in Client().get(detail_url(weibo)).content.decode()
    count = weibo.user_counts.get()
    change = admin_url("usercount", "change", count.pk)
    data = form_data(admin_client.get(change)) | {"value": "612000000"}

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change, data)

    assert response.status_code == 302
    content = Client().get(detail_url(weibo)).content.decode()
    assert "612 million" in content
    assert "587 million" not in content


def test_an_uncommitted_edit_leaves_the_data_version_alone(weibo):
    before = data_version()

    weibo.name_en = "Sina Weibo"
    weibo.save()  # inside the test's transaction: nothing is committed

    assert data_version() == before


def test_the_query_string_and_the_language_are_part_of_the_key(client, two_platforms):
    directory = reverse("platforms:directory")

    english = client.get(directory).content.decode()
    searched = client.get(directory, {"q": "maimai"}).content.decode()
    chinese = client.get(directory, headers={"accept-language": "zh-hans"}, follow=True)

    assert "Weibo" in english
    assert "Weibo" not in searched.split('id="results-heading"')[1]
    assert "微博" in chinese.content.decode()


def test_a_bad_filter_is_still_a_400_when_cached(client, weibo):
    url = reverse("platforms:directory") + "?status=gone"

    assert client.get(url).status_code == 400
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("first_role", ["recruiter", "anonymous"])
def test_no_visitor_sees_another_visitors_navigation(client_for_role, first_role, weibo, recruiter):
    """Whoever fills the cache first, each visitor gets their own navigation around it."""
    recruiter_client, anonymous_client = Client(), Client()
    recruiter_client.force_login(recruiter)
    clients = {"recruiter": recruiter_client, "anonymous": anonymous_client}
    url = detail_url(weibo)
    clients[first_role].get(url)

    as_recruiter = recruiter_client.get(url).content.decode()
    as_anonymous = anonymous_client.get(url).content.decode()

    assert reverse("profiles:candidates") in as_recruiter
    assert "Log out" in as_recruiter
    assert reverse("profiles:candidates") not in as_anonymous
    assert "Log out" not in as_anonymous
    assert "Log in" in as_anonymous


def test_the_language_switcher_on_a_cached_page_carries_the_visitors_own_csrf_token(weibo):
    url = detail_url(weibo)
    Client().get(url)  # someone else fills the cache
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = visitor.post(
        reverse("set_language"), {"language": "zh-hans", "next": url, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302


def test_a_pending_message_is_shown_on_a_cached_page(client, weibo):
    url = detail_url(weibo)
    client.get(url)
    storage = CookieStorage(RequestFactory().get(url))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Saved, thank you")])

    assert "Saved, thank you" in client.get(url).content.decode()


def test_the_recommender_catalog_is_cached_and_refreshed_after_an_edit(
    weibo, django_assert_num_queries, django_capture_on_commit_callbacks
):
    load_catalog()
    with django_assert_num_queries(0):
        load_catalog()

    with django_capture_on_commit_callbacks(execute=True):
        weibo.cold_messaging = Platform.ColdMessaging.NO
        weibo.save()

    traits = {platform.slug: platform for platform in load_catalog().platforms}
    assert traits["weibo"].cold_messaging == Platform.ColdMessaging.NO


def test_shared_each_builds_only_the_entries_it_does_not_keep_in_one_call():
    calls = []

    def build(items):
        calls.append(list(items))
        return [item.upper() for item in items]

    version = data_version()
    first = shared_each("letters", ["a", "b"], version=version, identity=str, build=build)
    second = shared_each(
        "letters", ["c", "a", "b", "d"], version=version, identity=str, build=build
    )

    assert first == ["A", "B"]
    assert second == ["C", "A", "B", "D"]
    assert calls == [["a", "b"], ["c", "d"]]


def test_shared_each_keeps_nothing_when_the_shared_cache_is_off(settings):
    settings.SHARED_CACHE_SECONDS = 0
    calls = []

    def build(items):
        calls.append(list(items))
        return list(items)

    shared_each("letters", ["a"], version="v1", identity=str, build=build)
    shared_each("letters", ["a"], version="v1", identity=str, build=build)

    assert calls == [["a"], ["a"]]


def test_shared_each_files_entries_under_the_version_it_is_given():
    read_before = data_version()
    retire_shared_entries()  # an edit commits while the items are being read

    shared_each("letters", ["a"], version=read_before, identity=str, build=lambda _: ["old"])
    again = shared_each(
        "letters", ["a"], version=data_version(), identity=str, build=lambda _: ["new"]
    )

    assert again == ["new"]
