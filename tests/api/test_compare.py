"""GET /api/v1/compare/?p=...: the compare grid as data, validated as on the page."""

import pytest
from django.urls import reverse

from platforms.comparison import build_compare_grid

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:compare")


@pytest.fixture
def trio(weibo, maimai, linkedin):
    return [weibo, maimai, linkedin]


def test_three_platforms_side_by_side_in_the_order_asked_for(api_client, trio):
    response = api_client.get(URL, {"p": ["maimai", "weibo", "linkedin"]})

    assert response.status_code == 200
    body = response.json()
    assert [column["slug"] for column in body["platforms"]] == ["maimai", "weibo", "linkedin"]
    kind = next(row for row in body["rows"] if row["key"] == "kind")
    assert kind["differs"] is True
    assert [cell["text"] for cell in kind["cells"]] == [
        "Contacts network",
        "Microblog",
        "Professional network",
    ]


def test_the_grid_is_the_pages_grid(api_client, trio):
    grid = build_compare_grid(["weibo", "linkedin"])

    body = api_client.get(URL, {"p": ["weibo", "linkedin"]}).json()

    assert [row["key"] for row in body["rows"]] == [row.key for row in grid.rows]
    assert [row["differs"] for row in body["rows"]] == [row.differs for row in grid.rows]


@pytest.mark.parametrize(
    ("slugs", "named"),
    [
        (["weibo", "friendster"], "friendster"),
        (["weibo", "weibo"], "weibo"),
        (["weibo"], "at least 2"),
        ([], "at least 2"),
        (["weibo", "maimai", "linkedin", *[f"extra-{n}" for n in range(7)]], "at most 8"),
    ],
)
def test_bad_selections_are_a_400_naming_p_and_the_problem(api_client, trio, slugs, named):
    response = api_client.get(URL, {"p": slugs})

    assert response.status_code == 400
    assert list(response.json()) == ["p"]
    assert any(named in message for message in response.json()["p"])


@pytest.mark.parametrize("count", [2, 3])
def test_the_grid_costs_four_queries_however_many_platforms(
    api_client, trio, django_assert_num_queries, count
):
    # Four for the grid, two for the anonymous rate limit: its counter is a row in the database,
    # which the first request of a window creates (core/throttling.py).
    with django_assert_num_queries(4 + 2):
        api_client.get(URL, {"p": [platform.slug for platform in trio[:count]]})
