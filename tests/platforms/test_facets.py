"""Counts beside every filter option, and an empty result that says which filter removed what."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from platforms.facets import explain_empty, option_counts
from platforms.filters import PlatformFilter
from platforms.search import search_names
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("platforms:directory")


def counts(query: str) -> dict[str, dict[str, int]]:
    filterset = PlatformFilter(QueryDict(query))
    assert filterset.is_valid(), filterset.errors
    return option_counts(filterset)


def test_each_option_counts_what_choosing_it_would_leave(directory):
    every = counts("")

    assert every["language"] == {"en": 2, "zh-hans": 4}
    assert every["status"] == {"active": 3, "restricted": 1, "unknown": 1}
    assert every["real_name_verification"] == {"required": 3, "unknown": 2}
    assert every["kind"]["professional_network"] == 1
    assert every["show_historical"] == {"1": 2}


def test_an_option_counts_with_the_other_filters_as_they_are(directory):
    english = counts("language=en")

    # Of the two with an English interface, one requires real names, one is unknown...
    assert english["real_name_verification"] == {"required": 1, "unknown": 1}
    # ...while the language options still count against everything else.
    assert english["language"] == {"en": 2, "zh-hans": 4}
    assert english["show_historical"] == {"1": 1}  # Tencent Weibo


def test_the_page_shows_the_counts_beside_each_option(client, directory):
    html = client.get(URL, {"language": "en"}).content.decode()

    assert '<label for="id_language_0">English (2)</label>' in html
    assert ">Required (1)</option>" in html
    assert ">Unknown (1)</option>" in html
    assert "Show historical platforms (1)" in html


def test_counts_speak_the_page_language(client, directory):
    html = client.get("/zh-hans/", {"language": "en"}).content.decode()

    assert '<label for="id_language_0">英语（2）</label>' in html  # noqa: RUF001 -- full-width brackets in Chinese


@pytest.mark.parametrize("count", [3, 12])
def test_counts_cost_one_query_per_filter_however_many_platforms(
    client, django_assert_num_queries, count
):
    for number in range(count):
        PlatformFactory(languages=["en", "zh-hans"], status="active" if number % 2 else "unknown")

    # The chosen language checked, the cards (platforms, languages, latest figures), five option
    # counts and the hidden historical ones, the filter form's languages, the footer's date.
    with django_assert_num_queries(12):
        response = client.get(URL, {"language": "en", "status": "active"})

    assert response.status_code == 200
    assert "English (" in response.content.decode()


def explained(query: str, language: str = "en") -> str:
    with translation.override(language):
        filterset = PlatformFilter(QueryDict(query))
        assert filterset.is_valid(), filterset.errors
        return explain_empty(filterset).sentence


def test_an_empty_result_names_the_filter_that_removed_the_last_and_the_unknowns(directory):
    assert explained("language=en&real_name_verification=none") == (
        "English interface leaves 2, Real-name verification: None leaves 0 of them "
        "\N{EM DASH} Real-name verification: unknown for LinkedIn"
    )


def test_an_empty_search_says_historical_platforms_would_match(directory):
    assert explained("q=chitu") == (
        "the search “chitu” leaves 0, 1 historical platform would match"
    )


def test_a_status_that_leaves_nothing_names_the_platforms_whose_status_is_unknown(directory):
    assert explained("kind=meetings&status=active") == (
        "status Active leaves 3, Kind: Meetings leaves 0 of them"
    )
    assert explained("kind=meetings&status=declining").startswith(
        "status Declining leaves 0 \N{EM DASH} Status: unknown for Huihui"
    )


def test_the_empty_page_shows_the_explanation(client, directory):
    html = client.get(URL, {"language": "en", "real_name_verification": "none"}).content.decode()

    assert "No platform matches:" in html
    assert "English interface leaves 2" in html
    assert "unknown for LinkedIn" in html


@pytest.mark.parametrize("count", [2, 10])
def test_explaining_costs_a_query_per_filter_chosen(directory, django_assert_num_queries, count):
    for _ in range(count):
        PlatformFactory(languages=["en"])
    filterset = PlatformFilter(QueryDict("q=zzz&language=en&kind=meetings"))
    assert filterset.is_valid()
    search_names()  # read once per data version by the process

    # The search leaves nothing: its count, the names it dropped for not knowing (none for a
    # search), and the historical platforms that would match.
    with django_assert_num_queries(2):
        explain_empty(filterset)
