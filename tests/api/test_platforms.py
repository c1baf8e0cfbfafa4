"""GET /api/v1/platforms/ and /api/v1/platforms/<slug>/: the directory and one record, as JSON."""

import datetime
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import reverse

from platforms.filters import PlatformFilter
from platforms.models import Citation, Platform, StatusEvent, UserCount
from platforms.selectors import directory_platforms
from tests.factories import (
    CitationFactory,
    PlatformFactory,
    SourceFactory,
    StatusEventFactory,
    UserCountFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:platform-list")


def detail_url(slug: str) -> str:
    return reverse("api-v1:platform-detail", kwargs={"slug": slug})


def slugs_of(page: dict) -> list[str]:
    return [platform["slug"] for platform in page["results"]]


def slugs(response) -> list[str]:
    return slugs_of(response.json())


@pytest.fixture
def directory(weibo, maimai, linkedin, ushi):
    UserCountFactory(platform=weibo, value=140_000_000, as_of=datetime.date(2011, 6, 1))
    UserCountFactory(
        platform=weibo,
        value=587_000_000,
        metric=UserCount.Metric.MONTHLY_ACTIVE,
        as_of=datetime.date(2024, 9, 30),
    )
    UserCountFactory(platform=linkedin, value=50_000_000, as_of=datetime.date(2020, 1, 1))
    return [weibo, maimai, linkedin, ushi]


def test_anyone_lists_the_current_platforms_with_their_traits(api_client, directory):
    response = api_client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    weibo = next(p for p in body["results"] if p["slug"] == "weibo")
    assert weibo["name_zh"] == "微博"
    assert weibo["kind"] == "microblog"
    assert weibo["real_name_verification"] == "required"
    assert weibo["interface_languages"] == ["zh-hans"]
    assert weibo["latest_user_count"]["value"] == 587_000_000
    assert weibo["latest_user_count"]["metric"] == "monthly_active"
    assert weibo["url"].endswith(detail_url("weibo"))
    assert weibo["page_url"].endswith(reverse("platforms:detail", kwargs={"slug": "weibo"}))


def test_historical_platforms_are_listed_only_when_asked_for(api_client, directory):
    assert "ushi" not in slugs(api_client.get(LIST_URL))
    assert "ushi" in slugs(api_client.get(LIST_URL, {"show_historical": "1"}))


@pytest.mark.parametrize(
    "query",
    [
        {"language": "en"},
        {"status": "restricted"},
        {"q": "weibo"},
        {"real_name_verification": "required"},
        {"kind": "contacts"},
        {"sort": "-users"},
        {"sort": "name", "show_historical": "1"},
    ],
)
def test_the_list_matches_the_directory_filter_exactly(api_client, directory, query):
    """The page's FilterSet decides; the API only serializes its result, in its order."""
    data = QueryDict(urlencode(query))
    expected = [p.slug for p in PlatformFilter(data, queryset=directory_platforms()).qs]

    assert slugs(api_client.get(LIST_URL, query)) == expected


@pytest.mark.parametrize(
    ("value", "listed"),
    [
        *((word, True) for word in ("1", "true", "yes", "on", "TRUE", "Yes")),
        *((word, False) for word in ("0", "false", "no", "off", "False", "NO")),
    ],
)
def test_show_historical_reads_every_spelling_of_yes_and_no(api_client, directory, value, listed):
    response = api_client.get(LIST_URL, {"show_historical": value})

    assert response.status_code == 200
    assert ("ushi" in slugs(response)) is listed


def test_an_unknown_show_historical_names_the_field_and_the_words_it_takes(api_client, directory):
    response = api_client.get(LIST_URL, {"show_historical": "maybe"})

    assert response.status_code == 400
    assert response.json() == {
        "show_historical": ["Enter yes or no (1/0, true/false, yes/no or on/off)."]
    }


def test_an_english_interface_filter_keeps_platforms_offering_english(api_client, directory):
    assert slugs(api_client.get(LIST_URL, {"language": "en"})) == ["linkedin"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "booming"}, "status"),
        ({"language": "tlh"}, "language"),
        ({"sort": "popularity"}, "sort"),
        ({"kind": "forum"}, "kind"),
        ({"q": "x" * 101}, "q"),
        ({"show_historical": "maybe"}, "show_historical"),
        ({"show_historical": "2"}, "show_historical"),
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "9"}, "page"),
        ({"page_size": "lots"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
    ],
)
def test_bad_parameters_answer_400_naming_them(api_client, directory, query, field):
    response = api_client.get(LIST_URL, query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    ("page_size", "says"), [("100", "There is only 1 page."), ("2", "There are only 2 pages.")]
)
def test_a_page_past_the_end_says_how_many_there_are(api_client, directory, page_size, says):
    response = api_client.get(LIST_URL, {"page": "9", "page_size": page_size})

    assert response.json() == {"page": [says]}


def test_pages_link_to_each_other(api_client, directory):
    first = api_client.get(LIST_URL, {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()

    assert first["previous"] is None
    assert second["next"] is None
    assert slugs_of(first) + slugs_of(second) == slugs(api_client.get(LIST_URL))


def test_a_page_size_over_100_is_capped_at_100(api_client, db):
    PlatformFactory.create_batch(105)

    response = api_client.get(LIST_URL, {"page_size": 1000})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 100
    assert response.json()["next"] is not None


@pytest.mark.parametrize("extra", [0, 6])
def test_list_query_count_stays_flat_as_platforms_are_added(
    api_client, directory, django_assert_num_queries, extra
):
    for platform in PlatformFactory.create_batch(extra, parent=directory[0], languages=["en"]):
        UserCountFactory(platform=platform)

    # count, platforms, their languages, their latest figures; and two for the anonymous rate
    # limit: its counter is a row in the database, which the first request of a window creates
    # (core/throttling.py)
    with django_assert_num_queries(4 + 2):
        api_client.get(LIST_URL)


@pytest.fixture
def weibo_record(weibo):
    early = SourceFactory(key="w1", title="Weibo passes 140 million")
    late = SourceFactory(key="w2", title="Weibo quarterly results")
    CitationFactory(platform=weibo, claim=Citation.Claim.REAL_NAME_VERIFICATION, source=early)
    UserCountFactory(
        platform=weibo,
        value=140_000_000,
        qualifier=UserCount.Qualifier.MORE_THAN,
        as_of=datetime.date(2011, 6, 1),
        source=early,
    )
    UserCountFactory(
        platform=weibo,
        value=587_000_000,
        metric=UserCount.Metric.MONTHLY_ACTIVE,
        as_of=datetime.date(2024, 9, 30),
        source=late,
    )
    StatusEventFactory(
        platform=weibo,
        kind=StatusEvent.Kind.LAUNCHED,
        happened_on=datetime.date(2009, 8, 14),
        source=early,
    )
    return weibo


def test_detail_has_every_trait_the_series_the_timeline_and_the_sources(api_client, weibo_record):
    response = api_client.get(detail_url("weibo"))

    assert response.status_code == 200
    body = response.json()
    assert body["cold_messaging"] == "yes"
    assert body["summary_en"] == weibo_record.summary_en
    assert [c["value"] for c in body["user_counts"]] == [140_000_000, 587_000_000]
    assert body["user_counts"][0]["qualifier"] == "more_than"
    assert [e["kind"] for e in body["events"]] == ["launched"]
    sources = {source["number"]: source["key"] for source in body["sources"]}
    assert sorted(sources.values()) == ["w1", "w2"]
    assert sources[body["user_counts"][1]["source"]] == "w2"
    assert sources[body["events"][0]["source"]] == "w1"
    assert [sources[n] for n in body["citations"]["real_name_verification"]] == ["w1"]
    assert body["latest_user_count"]["value"] == 587_000_000


def test_a_historical_platform_opens_by_its_slug(api_client, ushi):
    response = api_client.get(detail_url("ushi"))

    assert response.status_code == 200
    assert response.json()["status"] == Platform.Status.SHUT_DOWN


def test_an_unknown_slug_is_a_json_404_naming_it(api_client, db):
    response = api_client.get(detail_url("friendster"))

    assert response.status_code == 404
    assert "friendster" in response.json()["detail"]


def test_names_follow_the_language_asked_for(api_client, weibo):
    response = api_client.get(detail_url("weibo"), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.json()["name"] == "微博"
