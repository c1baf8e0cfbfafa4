"""The platform pages' plain-data cache: an edit shows on the next request, a page asked again is
served from the cache, and nothing kept belongs to one visitor.

The suite runs the production cache (local memory, entries kept `SHARED_CACHE_SECONDS`); the
conftest empties it around every test.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.cache import data_version
from outreach.catalog import load_catalog
from platforms.models import Platform
from tests.databases import PERMISSIONS_APART
from tests.factories import PlatformFactory, SourceFactory, UserCountFactory
from tests.platforms.test_admin import admin_url, form_data

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("platforms:directory")
DETAIL = reverse("platforms:detail", kwargs={"slug": "weibo"})
COMPARE = reverse("platforms:compare") + "?p=weibo&p=maimai"
COMPARE_CSV = reverse("platforms:compare_csv") + "?p=weibo&p=maimai"


@pytest.fixture
def weibo(db) -> Platform:
    platform = PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")
    UserCountFactory(
        platform=platform,
        value=587_000_000,
        as_of=datetime.date(2024, 9, 30),
        source=SourceFactory(),
    )
    PlatformFactory(slug="maimai", name_en="Maimai", name_zh="脉脉")
    return platform


def page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


def edit_in_admin(admin_client, model_name: str, pk: int, **changes: str) -> None:
    """Save an admin change form with `changes`, its transaction committed as in production."""
    url = admin_url(model_name, "change", pk)
    response = admin_client.post(url, form_data(admin_client.get(url)) | changes)
    assert response.status_code == 302


@pytest.mark.parametrize("url", [DIRECTORY, DETAIL, COMPARE, COMPARE_CSV])
def test_an_admin_edit_of_a_figure_shows_on_the_next_request(
    admin_client, weibo, django_capture_on_commit_callbacks, url
):
    assert "587 million" in page(url)

    with django_capture_on_commit_callbacks(execute=True):
        edit_in_admin(admin_client, "usercount", weibo.user_counts.get().pk, value="612000000")

    content = page(url)
    assert "612 million" in content
    assert "587 million" not in content


@pytest.mark.parametrize("url", [DIRECTORY, DETAIL, COMPARE])
def test_an_admin_edit_of_a_name_shows_on_the_next_request(
    admin_client, weibo, django_capture_on_commit_callbacks, url
):
    assert "Weibo" in page(url)

    with django_capture_on_commit_callbacks(execute=True):
        edit_in_admin(admin_client, "platform", weibo.pk, name_en="Sina Weibo")

    assert "Sina Weibo" in page(url)


def test_the_footer_date_follows_an_admin_edit(
    admin_client, weibo, django_capture_on_commit_callbacks
):
    Platform.objects.update(updated_at=timezone.now() - datetime.timedelta(days=400))
    old = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    assert f"Platform data last updated {old}." in page(DIRECTORY)

    with django_capture_on_commit_callbacks(execute=True):
        edit_in_admin(admin_client, "platform", weibo.pk, name_en="Sina Weibo")

    assert f"Platform data last updated {timezone.localdate().isoformat()}." in page(DETAIL)


def test_an_uncommitted_edit_leaves_the_data_version_alone(weibo):
    before = data_version()

    weibo.name_en = "Sina Weibo"
    weibo.save()  # inside the test's transaction: nothing is committed

    assert data_version() == before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda weibo: weibo.interface_languages.clear(), id="languages"),
        pytest.param(lambda weibo: weibo.user_counts.get().source.save(), id="source"),
        pytest.param(lambda weibo: weibo.user_counts.get().delete(), id="figure-deleted"),
    ],
)
def test_every_platform_record_starts_a_new_data_version_on_commit(
    weibo, django_capture_on_commit_callbacks, change
):
    before = data_version()

    with django_capture_on_commit_callbacks(execute=True):
        change(weibo)

    assert data_version() != before


@pytest.mark.parametrize("url", [DIRECTORY, DETAIL, COMPARE])
def test_a_visitor_without_a_session_gets_the_whole_page_kept(
    weibo, django_assert_num_queries, url
):
    first = page(url)

    with django_assert_num_queries(0):
        again = page(url)

    assert again == first


@pytest.mark.parametrize(("url", "queries"), [(DIRECTORY, 1), (DETAIL, 0), (COMPARE, 0)])
def test_a_signed_in_visitor_gets_the_page_built_from_kept_data(
    client, executive, weibo, django_assert_num_queries, url, queries
):
    """Their page names them, so it is built for them: the session, and the user with their
    permissions and their network's counts (for the navigation) in one query, are read, and
    the directory's filter form its language choices; the rest is kept."""
    client.force_login(executive)
    first = client.get(url).content.decode()

    with django_assert_num_queries(2 + queries + PERMISSIONS_APART):
        again = client.get(url).content.decode()

    assert again.split("<main", 1)[1] == first.split("<main", 1)[1]


def test_a_kept_page_holds_nothing_of_one_visitor(weibo, executive):
    signed_in = Client()
    signed_in.force_login(executive)
    signed_in.get(DIRECTORY)

    anonymous = page(DIRECTORY)

    assert executive.username not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous
    assert "Log out" not in anonymous


def test_the_query_string_and_the_language_are_part_of_the_key(weibo):
    english = page(DIRECTORY)
    searched = page(DIRECTORY + "?q=maimai")
    chinese = page("/zh-hans/")

    assert "Weibo" in english
    assert "Weibo" not in searched.split('id="results-heading"')[1]
    assert "微博" in chinese
    assert "5.87亿" in chinese
    assert "5.87亿" not in page(DIRECTORY)


def test_a_bad_filter_is_a_400_every_time(client, weibo):
    url = DIRECTORY + "?status=gone"

    assert client.get(url).status_code == 400
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("first_role", ["recruiter", "anonymous"])
def test_no_visitor_sees_another_visitors_navigation(first_role, weibo, recruiter):
    """Whoever fills the cache first, each visitor gets their own page around the kept data."""
    recruiter_client, anonymous_client = Client(), Client()
    recruiter_client.force_login(recruiter)
    clients = {"recruiter": recruiter_client, "anonymous": anonymous_client}
    clients[first_role].get(DETAIL)

    as_recruiter = recruiter_client.get(DETAIL).content.decode()
    as_anonymous = anonymous_client.get(DETAIL).content.decode()

    assert reverse("profiles:candidates") in as_recruiter
    assert "Log out" in as_recruiter
    assert reverse("profiles:candidates") not in as_anonymous
    assert "Log out" not in as_anonymous
    assert "Log in" in as_anonymous


def test_the_recommender_catalog_is_kept_and_refreshed_after_an_edit(
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
