"""From a candidate opened in the results: back to the results, on to the previous and next."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from profiles.models import ExecutiveProfile
from profiles.neighbours import Neighbours, neighbours
from profiles.selectors import candidate_filter
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("profiles:candidates")


def detail_url(profile: ExecutiveProfile) -> str:
    return reverse("profiles:detail", kwargs={"pk": profile.pk})


@pytest.fixture
def cfos(db) -> list[ExecutiveProfile]:
    """Four CFOs in Suzhou, newest first, and one in Beijing; names in reverse of that order."""
    people = []
    for days_ago, name in enumerate(["Dong", "Chen", "Bai", "An"]):
        profile = ExecutiveProfileFactory(display_name=name, title="CFO", city="suzhou")
        updated = timezone.now() - datetime.timedelta(days=days_ago)
        ExecutiveProfile.objects.filter(pk=profile.pk).update(updated_at=updated)
        people.append(profile)
    ExecutiveProfileFactory(display_name="Elsewhere", title="CFO", city="beijing")
    return people


def around(recruiter, profile: ExecutiveProfile, **data) -> Neighbours | None:
    filterset = candidate_filter(user=recruiter, data=data)
    assert filterset.is_valid(), filterset.errors
    return neighbours(filterset.qs, profile.pk)


@pytest.mark.parametrize(
    ("data", "order"),
    [
        ({"city": "suzhou"}, ["Dong", "Chen", "Bai", "An"]),
        ({"city": "suzhou", "sort": "name"}, ["An", "Bai", "Chen", "Dong"]),
        ({"city": "suzhou", "q": "cfo"}, ["Dong", "Chen", "Bai", "An"]),
        ({"city": "suzhou", "sort": "seniority"}, ["Dong", "Chen", "Bai", "An"]),
    ],
)
def test_each_candidate_knows_its_neighbours_in_the_order_shown(recruiter, cfos, data, order):
    by_name = {profile.display_name: profile.pk for profile in cfos}
    ids = [by_name[name] for name in order]

    for index, pk in enumerate(ids):
        found = around(recruiter, ExecutiveProfile(pk=pk), **data)
        assert found == Neighbours(
            previous=ids[index - 1] if index else None,
            next=ids[index + 1] if index + 1 < len(ids) else None,
        )


def test_a_candidate_outside_the_results_has_no_neighbours(recruiter, cfos):
    elsewhere = ExecutiveProfile.objects.get(display_name="Elsewhere")

    assert around(recruiter, elsewhere, city="suzhou") is None


def test_neighbours_take_one_statement(recruiter, cfos, django_assert_num_queries):
    filterset = candidate_filter(user=recruiter, data={"city": "suzhou"})
    assert filterset.is_valid()
    results = filterset.qs

    with django_assert_num_queries(1):
        neighbours(results, cfos[1].pk)


@postgresql_only("PostgreSQL's plan")
def test_neighbours_walk_the_index_from_the_candidate(recruiter, cfos):
    """A row comparison the index of the order answers, however far down the candidate is."""
    filterset = candidate_filter(user=recruiter, data={"sort": "updated"})
    assert filterset.is_valid()
    with CaptureQueriesContext(connection) as captured:
        neighbours(filterset.qs, cfos[1].pk)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + captured.captured_queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Index Cond: (ROW(updated_at, id) < ROW(" in plan


# --- The pages ----------------------------------------------------------------------------------


def test_each_result_links_to_the_candidate_with_the_search(recruiter_client, cfos):
    page = recruiter_client.get(SEARCH_URL, {"city": "suzhou", "page": "1"})

    link = page.content.decode().split(f'href="{detail_url(cfos[0])}?', 1)[1].split('"', 1)[0]
    carried = parse_qs(link.replace("&amp;", "&"))["search"][0]
    assert parse_qs(carried) == {"city": ["suzhou"], "page": ["1"]}


def test_the_candidate_page_leads_back_and_on(recruiter_client, cfos):
    search = "city=suzhou&page=1"
    page = recruiter_client.get(detail_url(cfos[1]), {"search": search})

    navigation = page.context["search_navigation"]
    assert navigation.back == f"{SEARCH_URL}?city=suzhou&page=1"
    assert urlsplit(navigation.previous).path == detail_url(cfos[0])
    assert urlsplit(navigation.next).path == detail_url(cfos[2])
    assert parse_qs(urlsplit(navigation.next).query) == {"search": [search]}
    html = page.content.decode()
    assert "Back to the results" in html
    assert "Previous candidate" in html
    assert "Next candidate" in html


def test_the_way_back_and_on_costs_two_statements(recruiter_client, cfos):
    """The neighbours come in one statement and the ids of the page the candidate was opened
    from in another; the search's filter is checked without a query."""
    url = detail_url(cfos[1])
    recruiter_client.get(url, {"search": "city=suzhou"})  # the process's copies, warmed
    with CaptureQueriesContext(connection) as without:
        recruiter_client.get(url)
    with CaptureQueriesContext(connection) as with_search:
        recruiter_client.get(url, {"search": "city=suzhou"})

    assert len(with_search) == len(without) + 2


@pytest.mark.parametrize(
    ("opened", "step", "page"),
    [(1, "next", "2"), (2, "previous", "1"), (0, "next", "1")],
    ids=["last-of-page-1", "first-of-page-2", "within-page-1"],
)
def test_a_neighbour_on_the_next_or_previous_page_leads_back_to_that_page(
    recruiter_client, cfos, opened, step, page
):
    """The report: after Next past the page's end, "back to the results" went to the page
    before, which doesn't list the candidate."""
    on_page = "1" if opened < 2 else "2"
    search = f"city=suzhou&page_size=2&page={on_page}"

    navigation = recruiter_client.get(detail_url(cfos[opened]), {"search": search}).context[
        "search_navigation"
    ]

    carried = parse_qs(urlsplit(getattr(navigation, step)).query)["search"][0]
    assert parse_qs(carried)["page"] == [page]


def test_the_first_result_has_no_previous_and_the_last_no_next(recruiter_client, cfos):
    first = recruiter_client.get(detail_url(cfos[0]), {"search": "city=suzhou"})
    last = recruiter_client.get(detail_url(cfos[-1]), {"search": "city=suzhou"})

    assert first.context["search_navigation"].previous == ""
    assert "Previous candidate" not in first.content.decode()
    assert last.context["search_navigation"].next == ""


def test_the_way_back_is_in_chinese_too(recruiter_client, cfos):
    with translation.override("zh-hans"):
        page = recruiter_client.get(f"/zh-hans/people/{cfos[1].pk}/", {"search": "city=suzhou"})

    assert page.status_code == 200
    assert page.context["search_navigation"].back.startswith("/zh-hans/candidates/?")


@pytest.mark.parametrize(
    "search", ["city=atlantis", "sort=relevance", "q=" + "x" * 500, "q=\x00", "platform=x\x00"]
)
def test_a_search_that_is_not_valid_any_more_still_leads_back(recruiter_client, cfos, search):
    page = recruiter_client.get(detail_url(cfos[1]), {"search": search})

    assert page.status_code == 200
    navigation = page.context["search_navigation"]
    assert navigation.back.startswith(SEARCH_URL)
    assert (navigation.previous, navigation.next) == ("", "")


def test_people_who_do_not_search_see_no_way_back(client, cfos):
    profile = ExecutiveProfileFactory(visibility="public")

    page = client.get(detail_url(profile), {"search": "city=suzhou"})

    assert page.status_code == 200
    assert "search_navigation" not in page.context


# --- The API ------------------------------------------------------------------------------------


def neighbours_url(profile: ExecutiveProfile) -> str:
    return reverse("api-v1:candidate-neighbours", kwargs={"pk": profile.pk})


def test_the_api_gives_the_neighbours_in_the_same_search(recruiter_api, cfos):
    answer = recruiter_api.get(neighbours_url(cfos[1]), {"city": "suzhou", "sort": "name"})

    assert answer.status_code == 200
    body = answer.json()
    assert body["previous"]["id"] == cfos[2].pk  # Bai, then Chen
    assert body["next"]["id"] == cfos[0].pk  # Dong
    assert body["next"]["url"].endswith(reverse("api-v1:candidate-detail", args=[cfos[0].pk]))


def test_the_api_says_404_for_a_candidate_not_among_the_results(recruiter_api, cfos):
    elsewhere = ExecutiveProfile.objects.get(display_name="Elsewhere")

    answer = recruiter_api.get(neighbours_url(elsewhere), {"city": "suzhou"})

    assert answer.status_code == 404


def test_the_api_says_400_for_a_bad_filter(recruiter_api, cfos):
    answer = recruiter_api.get(neighbours_url(cfos[0]), {"city": "atlantis"})

    assert answer.status_code == 400
    assert list(answer.json()) == ["city"]
