"""Most relevant first: what a text search is sorted by unless another order is asked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.models import ExecutiveProfile
from profiles.selectors import candidate_filter
from tests.factories import ExecutiveProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")


def person(name: str, *, days_ago: int, **fields) -> ExecutiveProfile:
    """A candidate last updated `days_ago` days ago."""
    profile = ExecutiveProfileFactory(
        display_name=name, **{"company": "Acme", "title": "", **fields}
    )
    updated = timezone.now() - datetime.timedelta(days=days_ago)
    ExecutiveProfile.objects.filter(pk=profile.pk).update(updated_at=updated)
    return profile


def order(recruiter, **data) -> list[str]:
    result = candidate_filter(user=recruiter, data=data)
    assert result.is_valid(), result.errors
    return [profile.display_name for profile in result.qs]


@pytest.fixture
def zhous(db):
    """Zhou in a name, a title and a company; the name's holder updated longest ago."""
    person("Zhou Lan 周岚", days_ago=30)
    person("Wu Fan", days_ago=1, company="Zhoushan Logistics")
    person("Zhou Min 周敏", days_ago=20)
    person("Nobody", days_ago=0)


def test_a_name_comes_before_a_company_that_starts_the_same(recruiter, zhous):
    assert order(recruiter, q="zhou") == ["Zhou Min 周敏", "Zhou Lan 周岚", "Wu Fan"]


def test_the_title_comes_before_the_company(recruiter, db):
    person("Company", days_ago=1, company="Zhoushan Logistics")
    person("Title", days_ago=5, title="Logistics Manager")

    assert order(recruiter, q="logistics") == ["Title", "Company"]


def test_equally_relevant_candidates_come_newest_first(recruiter, db):
    for days_ago in (3, 1, 2):
        person(f"CFO {days_ago}", days_ago=days_ago, title="首席财务官")

    assert order(recruiter, q="CFO") == ["CFO 1", "CFO 2", "CFO 3"]


@pytest.mark.parametrize(
    ("data", "sort"),
    [
        ({"q": "zhou"}, "relevance"),
        ({"q": "zhou", "sort": "name"}, "name"),
        ({"q": "zhou", "sort": "best"}, "relevance"),
        ({"q": "zhou", "sort": "updated"}, "updated"),
        ({}, "updated"),
        ({"sort": "best"}, "updated"),
        ({"q": "  "}, "updated"),
        ({"q": "%%"}, "updated"),
    ],
)
def test_a_text_search_is_most_relevant_first_unless_asked(recruiter, data, sort):
    result = candidate_filter(user=recruiter, data=data)

    assert result.is_valid(), result.errors
    assert result.form.cleaned_data["sort"] == sort


def test_best_match_is_read_the_same_by_a_caller_that_only_asks_for_the_results(recruiter, zhous):
    """The sort is cleaned with the form, not only by `is_valid()`."""
    results = candidate_filter(user=recruiter, data={"q": "zhou"}).qs

    assert [profile.display_name for profile in results] == [
        "Zhou Min 周敏",
        "Zhou Lan 周岚",
        "Wu Fan",
    ]


def test_words_typed_into_a_page_of_results_are_ranked_and_the_form_keeps_best_match(
    recruiter_client, zhous
):
    """The report: the page's form sent the order it showed ("Recently updated"), so words
    typed next came newest first; it now shows, and sends, "Best match"."""
    page = recruiter_client.get(URL)
    shown = page.context["form"]["sort"].value()

    response = recruiter_client.get(URL, {"q": "zhou", "sort": shown})

    names = [result.candidate.display_name for result in response.context["results"]]
    assert names == ["Zhou Min 周敏", "Zhou Lan 周岚", "Wu Fan"]
    assert response.context["form"]["sort"].value() == "best"


def test_asked_for_without_words_is_an_error_on_the_sort_field(recruiter_client):
    response = recruiter_client.get(URL, {"sort": "relevance"})

    assert response.status_code == 400
    assert "Most relevant first ranks people by the words" in response.content.decode()
    assert list(response.context["form"].errors) == ["sort"]


def test_too_many_matches_to_rank_come_newest_first(recruiter, zhous, settings):
    """Ranking reads every match before the first page: past the count's cap, the matches come
    most recently updated first instead."""
    settings.CANDIDATE_COUNT_CAP = 2

    assert order(recruiter, q="zhou") == ["Wu Fan", "Zhou Min 周敏", "Zhou Lan 周岚"]


def test_the_page_says_when_there_are_too_many_to_rank(recruiter_client, zhous, settings):
    settings.CANDIDATE_COUNT_CAP = 2

    page = recruiter_client.get(URL, {"q": "zhou"}).content.decode()

    assert "2+ candidates" in page
    assert "More than 2 candidates match: too many to rank by relevance" in page


def test_the_api_sorts_the_same(recruiter_api, zhous):
    results = recruiter_api.get(reverse("api-v1:candidate-list"), {"q": "zhou"}).json()

    names = [row["display_name"] for row in results["results"]]
    assert names == ["Zhou Min 周敏", "Zhou Lan 周岚", "Wu Fan"]
