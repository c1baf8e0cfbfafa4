"""/candidates/ pages asked for outside the result: a page number below 1 is explained at the
pagination (it is not a filter), and a page past the end says how many pages there are."""

import re
from html import unescape

import pytest
from django.urls import reverse

from profiles.models import City
from tests.factories import ExecutiveProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")
PAGINATION = re.compile(r'<nav class="pagination".*?</nav>', re.S)
PANEL_NOTE = "Correct these fields in the filter panel"


@pytest.fixture
def four_in_shanghai(db):
    return ExecutiveProfileFactory.create_batch(4, city=City.SHANGHAI)


def pagination(response) -> str:
    return unescape(PAGINATION.search(response.content.decode()).group())


@pytest.mark.parametrize("number", ["0", "-3"])
def test_a_page_below_1_is_explained_at_the_pagination(recruiter_client, four_in_shanghai, number):
    response = recruiter_client.get(URL, {"city": "shanghai", "page": number})

    assert response.status_code == 400
    nav = pagination(response)
    assert "The page must be 1 or more." in nav
    assert 'href="?city=shanghai"' in nav  # the first page, filters kept
    assert PANEL_NOTE not in response.content.decode()


def test_a_bad_page_beside_a_bad_filter_lists_only_the_filter_in_the_panel(recruiter_client):
    response = recruiter_client.get(URL, {"city": "atlantis", "page": "0"})

    page = unescape(response.content.decode())
    note = page[page.index(PANEL_NOTE) : page.index("</div>", page.index(PANEL_NOTE))]
    assert response.status_code == 400
    assert ">City</a>" in note
    assert ">Page</a>" not in note
    assert "The page must be 1 or more." in pagination(response)


def test_a_page_past_the_end_says_how_many_there_are_and_links_to_the_last(
    recruiter_client, four_in_shanghai
):
    response = recruiter_client.get(URL, {"city": "shanghai", "page_size": "3", "page": "7"})

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "There are only 2 pages of results." in page
    assert 'href="?city=shanghai&page_size=3&page=2">Go to the last page</a>' in page


def test_one_page_of_results_is_said_in_the_singular(recruiter_client, four_in_shanghai):
    page = unescape(recruiter_client.get(URL, {"page": "2"}).content.decode())

    assert "There is only 1 page of results." in page


def test_a_page_past_an_empty_result_says_nothing_matches(recruiter_client, four_in_shanghai):
    page = unescape(recruiter_client.get(URL, {"city": "beijing", "page": "2"}).content.decode())

    assert "No candidates match these filters." in page
    assert "There are only" not in page


def test_the_api_names_the_page_parameter_in_the_same_words(recruiter_api):
    response = recruiter_api.get(reverse("api-v1:candidate-list"), {"page": "0"})

    assert response.status_code == 400
    assert response.json()["page"] == ["The page must be 1 or more."]
