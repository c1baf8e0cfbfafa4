"""Candidate search "reachable through my network": the filter, the sort, each row's path."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.urls import reverse

from profiles.models import (
    Block,
    Closeness,
    Contact,
    ExecutiveProfile,
    RecruiterTeam,
    RecruiterTeamMembership,
    Visibility,
    Willingness,
)
from profiles.network_search import reach
from profiles.paths import starts_for
from profiles.selectors import candidate_filter
from tests.databases import PERMISSIONS_APART, postgresql_only
from tests.factories import ExecutiveProfileFactory, UserFactory, connect

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")
API_URL = reverse("api-v1:candidate-list")


def person(name: str, visibility: str = Visibility.RECRUITERS, **fields) -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name=name, visibility=visibility, **fields)


def names(filterset) -> list[str]:
    assert filterset.is_valid(), filterset.errors
    return [profile.display_name for profile in filterset.qs]


def search(user, **params) -> list[str]:
    data = QueryDict(urlencode(params, doseq=True))
    return names(candidate_filter(user=user, data=data))


@pytest.fixture
def me(recruiter):
    """The recruiter's own profile, private: enough to have paths."""
    return person("Me", Visibility.PRIVATE, user=recruiter)


@pytest.fixture
def network(me):
    """Me — Friend — Second — Third — Fourth; Friend also knows Near; Stranger is alone."""
    friend, second, third, fourth = (person(n) for n in ("Friend", "Second", "Third", "Fourth"))
    near, stranger = person("Near"), person("Stranger")
    connect(me, friend, closeness=Closeness.CLOSE)
    connect(friend, second, closeness=Closeness.ACQUAINTED)
    connect(friend, near, closeness=Closeness.CLOSE)
    connect(second, third)
    connect(third, fourth)
    return {p.display_name: p for p in (friend, second, third, fourth, near, stranger)}


def test_second_degree_keeps_the_people_one_introduction_away(recruiter, network):
    assert sorted(search(recruiter, network="2nd")) == ["Near", "Second"]


def test_up_to_the_third_degree_adds_the_people_two_introductions_away(recruiter, network):
    assert sorted(search(recruiter, network="3rd")) == ["Near", "Second", "Third"]


def test_the_network_filter_combines_with_the_others(recruiter, network):
    ExecutiveProfile.objects.filter(display_name="Near").update(city="beijing")

    assert search(recruiter, network="3rd", city="beijing") == ["Near"]


@postgresql_only("the reach's subqueries are compiled once on PostgreSQL")
@pytest.mark.parametrize(
    ("max_degree", "expected"),
    [(2, [{"Me", "Near", "Second"}]), (3, [{"Me", "Near", "Second"}, {"Third"}])],
)
def test_the_reach_compiled_once_finds_whom_its_querysets_find(
    recruiter, network, monkeypatch, max_degree, expected
):
    """On PostgreSQL each degree's ids come from SQL compiled once per process from the
    querysets that other databases run (`Reach.reached`): both find the same people (the
    viewer's own profile among them, which the search leaves out with `pathable`)."""
    reached = reach(recruiter, starts_for(recruiter, include_team=False), max_degree=max_degree)

    def found() -> list[set[str]]:
        return [
            set(ExecutiveProfile.objects.filter(pk__in=ids).values_list("display_name", flat=True))
            for ids in reached.reached()
        ]

    assert all(isinstance(ids, RawSQL) for ids in reached.reached())
    assert found() == expected
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert not any(isinstance(ids, RawSQL) for ids in reached.reached())
    assert found() == expected


def test_closest_first_orders_by_degree_then_the_last_links_closeness(recruiter, network):
    assert search(recruiter, network="3rd", sort="closest") == ["Near", "Second", "Third"]


def test_closest_first_ranks_the_second_degree_by_its_weakest_link(recruiter, me):
    loose, steady = person("Loose"), person("Steady")
    via_loose, via_steady = person("Via loose"), person("Via steady")
    connect(me, loose, closeness=Closeness.ACQUAINTED)
    connect(loose, via_loose, closeness=Closeness.CLOSE)  # weakest link: acquainted
    connect(me, steady, closeness=Closeness.KNOW_WELL)
    connect(steady, via_steady, closeness=Closeness.KNOW_WELL)  # weakest link: know well

    assert search(recruiter, network="2nd", sort="closest") == ["Via steady", "Via loose"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("never", ["Near"]),  # Friend would not introduce Second
        ("private", ["Near"]),  # Second may not be shown: the filter never reveals them
        ("blocked", ["Near"]),  # Second blocked Friend
        ("busy", []),  # Friend takes no introduction requests
    ],
)
def test_the_filter_follows_the_paths_rules(recruiter, me, network, change, expected):
    friend, second = network["Friend"], network["Second"]
    if change == "never":
        Contact.objects.filter(owner=friend, other=second).update(willingness=Willingness.NEVER)
    elif change == "private":
        ExecutiveProfile.objects.filter(pk=second.pk).update(visibility=Visibility.PRIVATE)
    elif change == "blocked":
        Block.objects.create(blocker=second, blocked=friend)
    else:
        ExecutiveProfile.objects.filter(pk=friend.pk).update(accepts_introductions=False)

    assert sorted(search(recruiter, network="2nd")) == expected


@pytest.fixture
def team(recruiter, recruiters_group):
    """The recruiter (no profile) in a team with Chen Jie, whose profile knows Friend."""
    team = RecruiterTeam.objects.create(name="Search Partners")
    teammate = UserFactory(username="teammate")
    teammate.groups.add(recruiters_group)
    chen_jie = person("Chen Jie", Visibility.PRIVATE, user=teammate)
    for user in (recruiter, teammate):
        RecruiterTeamMembership.objects.create(team=team, user=user)
    friend, near = person("Friend"), person("Near")
    connect(chen_jie, friend)
    connect(friend, near)
    return chen_jie


def test_the_team_choices_search_through_the_teammates_contacts(recruiter, team):
    assert search(recruiter, network="team-2nd") == ["Near"]


@pytest.mark.parametrize("network", ["2nd", "3rd"])
def test_without_a_profile_the_own_network_choices_explain_what_they_need(recruiter, team, network):
    filterset = candidate_filter(user=recruiter, data=QueryDict(f"network={network}"))

    assert not filterset.is_valid()
    assert "needs a profile of your own" in str(filterset.errors["network"])


def test_closest_first_needs_a_network_choice(recruiter, me):
    filterset = candidate_filter(user=recruiter, data=QueryDict("sort=closest"))

    assert not filterset.is_valid()
    assert "Closest first" in str(filterset.errors["sort"])


@pytest.mark.parametrize("value", ["4th", "team", "2", "\x00", "3RD"])
def test_unknown_network_values_are_refused_naming_the_field(recruiter_client, me, value):
    response = recruiter_client.get(URL, {"network": value})

    assert response.status_code == 400
    assert response.context["form"].errors["network"]


def test_the_api_takes_the_same_filter_and_names_bad_values(recruiter_api, me, network):
    found = recruiter_api.get(API_URL, {"network": "3rd", "sort": "closest"})
    refused = recruiter_api.get(API_URL, {"network": "4th"})

    assert [row["display_name"] for row in found.json()["results"]] == ["Near", "Second", "Third"]
    assert refused.status_code == 400
    assert "network" in refused.json()


def test_a_recruiter_without_a_profile_or_team_is_told_on_the_page(recruiter_client):
    response = recruiter_client.get(URL, {"network": "team-3rd"})

    assert response.status_code == 400
    assert "needs a profile of your own" in response.content.decode()


# --- Each result row's path, and what the page costs ---------------------------------------------


def test_each_row_shows_its_best_path_in_one_line(recruiter_client, network):
    page = recruiter_client.get(URL, {"network": "3rd", "sort": "closest"}).content.decode()

    assert "via Friend — your colleague (close) — who knows Near as a colleague (close)" in page
    assert "via Friend — your colleague (close) — who knows Second as a colleague" in page
    assert page.count('class="candidate-path"') == 3
    assert "3rd degree" in page


def test_rows_show_paths_without_the_filter_too(recruiter_client, network):
    page = recruiter_client.get(URL).content.decode()

    assert page.count('class="candidate-path"') == 3  # Near, Second, Third; not the others


def test_the_filter_panel_offers_the_network(recruiter_client, me):
    for language in ("en", "zh-hans"):
        response = recruiter_client.get(f"/{language}/candidates/")

        assert response.status_code == 200
        assert 'name="network"' in response.content.decode()


def many_reachable(me: ExecutiveProfile, count: int) -> None:
    """`count` targets at the second and the third degree from `me`, and as many middles
    (second degree) between."""
    for n in range(count):
        a, b, target = person(f"A{n}"), person(f"B{n}"), person(f"T{n}")
        connect(me, a)
        connect(a, target)
        connect(a, b)
        connect(b, target)


# As the plain search page asked again (test_candidate_search.QUERIES_PER_PAGE, which reads
# where the paths start; its total is counted once, then kept), plus the rows' paths: the starts'
# contacts with the targets' introducers (one UNION ALL), the people on them, the third-degree
# links and the targets' blocks among their first intermediaries. The filter is subqueries of
# the page's statement; "closest first" reads the reachable ids of each degree first
# (`network_search.Reach.filter`).
QUERIES_WITH_NETWORK = {
    sort: queries + PERMISSIONS_APART for sort, queries in {"updated": 8, "closest": 10}.items()
}


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.parametrize("sort", ["updated", "closest"])
def test_the_query_count_is_fixed_whatever_the_page_holds(
    recruiter_client, me, django_assert_num_queries, count, sort
):
    many_reachable(me, count)
    search = {"network": "team-3rd", "sort": sort}
    recruiter_client.get(URL, search)

    with django_assert_num_queries(QUERIES_WITH_NETWORK[sort]):
        response = recruiter_client.get(URL, search)

    assert len([result for result in response.context["results"] if result.path]) == 2 * count
