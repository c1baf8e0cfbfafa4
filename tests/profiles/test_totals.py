"""How many candidates a search finds, counted with a cap, and each platform choice's count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import Membership
from profiles.selectors import candidate_filter, candidate_page
from profiles.totals import PlatformCount, Total, capped_count, result_total, search_counts
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")
API_URL = reverse("api-v1:candidate-list")


@pytest.fixture
def weibo(db):
    return PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")


@pytest.fixture
def maimai(db):
    return PlatformFactory(slug="maimai", name_en="Maimai", name_zh="脉脉")


def shared(count: int, *platforms, **fields) -> None:
    """`count` candidates, each on every one of `platforms`."""
    for profile in ExecutiveProfileFactory.create_batch(count, user=None, **fields):
        for platform in platforms:
            MembershipFactory(profile=profile, platform=platform)


def search(recruiter, **data):
    filterset = candidate_filter(user=recruiter, data=data)
    assert filterset.is_valid(), filterset.errors
    return filterset


def platform_counts(filterset):
    return search_counts(filterset, platforms=True).platforms


@pytest.mark.parametrize(
    ("people", "cap", "total"),
    [
        (0, 10, Total(0, exact=True)),
        (9, 10, Total(9, exact=True)),
        (10, 10, Total(10, exact=True)),
        (11, 10, Total(10, exact=False)),
        (30, 10, Total(10, exact=False)),
    ],
)
def test_the_total_is_exact_up_to_the_cap(recruiter, people, cap, total):
    shared(people)

    assert capped_count(search(recruiter).matches, cap) == total


def test_counting_reads_one_row_past_the_cap_at_most(recruiter, settings):
    settings.CANDIDATE_COUNT_CAP = 10
    shared(12)
    filterset = search(recruiter)

    with CaptureQueriesContext(connection) as captured:
        result_total(filterset)

    (statement,) = [query["sql"] for query in captured if "COUNT(" in query["sql"]]
    assert statement.startswith("SELECT NULL, COUNT(*) FROM (SELECT")
    assert statement.endswith("LIMIT 11) subquery")


@postgresql_only("PostgreSQL's planner")
def test_a_result_the_planner_expects_to_be_ten_times_the_cap_is_not_read(recruiter, settings):
    """Counting would only confirm "more than the cap": the plan's estimate says so."""
    settings.CANDIDATE_COUNT_CAP = 2
    shared(40, city="suzhou")
    shared(3, city="dalian")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE profiles_executiveprofile")
    many, few = search(recruiter, city="suzhou"), search(recruiter, city="dalian")

    with CaptureQueriesContext(connection) as captured:
        assert result_total(many) == Total(2, exact=False)
        assert result_total(few) == Total(2, exact=False)

    counted = [query["sql"] for query in captured if "COUNT(" in query["sql"]]
    assert len(counted) == 1
    assert "'dalian'" in counted[0]


@pytest.mark.parametrize(
    ("people", "shown"),
    [(1, "1 candidate"), (3, "3 candidates"), (10, "10 candidates"), (12, "10+ candidates")],
)
def test_the_page_says_how_many_match(recruiter_client, settings, people, shown):
    settings.CANDIDATE_COUNT_CAP = 10
    shared(people)

    page = recruiter_client.get(URL, {"page_size": 5}).content.decode()

    assert f"<strong>{shown}</strong>" in page


def test_in_chinese_too(recruiter_client, settings):
    settings.CANDIDATE_COUNT_CAP = 10
    shared(12)

    page = recruiter_client.get("/zh-hans/candidates/", {"page_size": 5})

    assert page.status_code == 200
    assert page.context["total"] == Total(10, exact=False)


def test_a_page_that_holds_the_last_row_knows_the_total_without_counting(recruiter, settings):
    shared(3)
    filterset = search(recruiter)
    page = candidate_page(filterset, number=1, size=25)
    with CaptureQueriesContext(connection) as captured:
        total = result_total(filterset, page)

    assert total == Total(3, exact=True)
    assert not captured.captured_queries


def test_a_search_asked_again_is_not_counted_again(recruiter, settings):
    settings.CANDIDATE_COUNT_CAP = 10
    shared(12)
    result_total(search(recruiter, city="shanghai"))
    again = search(recruiter, city="shanghai")

    with CaptureQueriesContext(connection) as captured:
        total = result_total(again)

    assert total == Total(10, exact=False)
    assert not captured.captured_queries


def test_a_changed_profile_is_counted_in_the_next_search(
    recruiter, django_capture_on_commit_callbacks
):
    shared(3)
    assert result_total(search(recruiter)) == Total(3, exact=True)

    with django_capture_on_commit_callbacks(execute=True):
        ExecutiveProfileFactory(user=None)

    assert result_total(search(recruiter)) == Total(4, exact=True)


def test_each_platform_choice_says_how_many_it_would_find(recruiter, weibo, maimai):
    """With the other filters kept, and the platforms chosen set aside."""
    shared(2, weibo, maimai, city="shanghai")
    shared(1, weibo, city="shanghai")
    shared(4, maimai, city="beijing")

    counts = platform_counts(search(recruiter, city="shanghai", platform=["maimai"]))

    assert counts == {
        "maimai": PlatformCount(2, share=2 / 3, exact=True),
        "weibo": PlatformCount(3, share=1.0, exact=True),
    }


def test_platform_counts_keep_the_conditions_on_the_membership(recruiter, weibo, maimai):
    shared(2, weibo)
    for profile in ExecutiveProfileFactory.create_batch(3, user=None):
        MembershipFactory(profile=profile, platform=maimai, open_to_inquiries=False)

    counts = platform_counts(search(recruiter, open_to_inquiries="yes"))

    assert counts["weibo"].count == 2
    assert counts["maimai"].count == 0


def test_each_set_of_conditions_counts_its_own_platforms(recruiter, weibo, maimai):
    """The platforms' statement is compiled once per set of conditions, not once for all."""
    shared(2, weibo)
    for profile in ExecutiveProfileFactory.create_batch(3, user=None):
        MembershipFactory(profile=profile, platform=maimai, open_to_inquiries=False)

    open_only = platform_counts(search(recruiter, open_to_inquiries="yes"))
    closed_only = platform_counts(search(recruiter, open_to_inquiries="no"))
    everyone = platform_counts(search(recruiter))

    assert (open_only["maimai"].count, closed_only["maimai"].count) == (0, 3)
    assert (everyone["weibo"].count, everyone["maimai"].count) == (2, 3)


def test_past_the_sample_each_count_is_estimated(recruiter, weibo, maimai, settings):
    settings.CANDIDATE_FACET_SAMPLE = 4
    shared(8, weibo)
    shared(2, weibo, maimai)

    counts = platform_counts(search(recruiter))

    assert counts["weibo"] == PlatformCount(10, share=1.0, exact=False)
    assert not counts["maimai"].exact
    assert counts["maimai"].count is not None


def test_past_the_cap_only_each_share_is_known(recruiter, weibo, settings):
    settings.CANDIDATE_FACET_SAMPLE = 4
    settings.CANDIDATE_COUNT_CAP = 6
    shared(8, weibo)

    assert platform_counts(search(recruiter))["weibo"] == PlatformCount(None, 1.0, exact=False)


def test_the_filter_panel_shows_each_platforms_count(recruiter_client, weibo, maimai):
    shared(2, weibo, maimai)
    shared(1, weibo)

    page = recruiter_client.get(URL).content.decode()

    assert 'Weibo <span class="option-count">(3)</span>' in page
    assert 'Maimai <span class="option-count">(2)</span>' in page


def test_estimated_counts_are_marked(recruiter_client, weibo, settings):
    settings.CANDIDATE_FACET_SAMPLE = 2
    settings.CANDIDATE_COUNT_CAP = 4
    shared(8, weibo)

    page = recruiter_client.get(URL).content.decode()

    assert 'Weibo <span class="option-count">(≈ 100%)</span>' in page
    assert "Counts marked ≈ are estimated from a sample of the candidates." in page


# --- The API ------------------------------------------------------------------------------------


def test_the_api_says_how_many_match(recruiter_api, settings):
    settings.CANDIDATE_COUNT_CAP = 10
    shared(3)

    page = recruiter_api.get(API_URL).json()

    assert (page["total"], page["total_exact"], page["platform_counts"]) == (3, True, None)


def test_the_api_says_when_more_match_than_it_counted(recruiter_api, settings):
    settings.CANDIDATE_COUNT_CAP = 10
    shared(12)

    page = recruiter_api.get(API_URL, {"page_size": 5}).json()

    assert (page["total"], page["total_exact"]) == (10, False)


def test_the_api_counts_each_platform_when_asked(recruiter_api, weibo, maimai):
    shared(2, weibo, maimai)
    shared(1, weibo)

    page = recruiter_api.get(API_URL, {"platform_counts": "true"}).json()

    assert page["platform_counts"] == [
        {"platform": "maimai", "count": 2, "exact": True, "share": 2 / 3},
        {"platform": "weibo", "count": 3, "exact": True, "share": 1.0},
    ]


def test_a_bad_platform_counts_value_is_a_400_naming_it(recruiter_api, db):
    response = recruiter_api.get(API_URL, {"platform_counts": "perhaps"})

    assert response.status_code == 400
    assert list(response.json()) == ["platform_counts"]


def test_a_new_search_reads_its_total_and_its_platforms_in_one_statement(recruiter, weibo, maimai):
    """Besides the planner's estimate: each round trip costs a search more than its rows."""
    shared(2, weibo, maimai)
    shared(1, weibo)
    filterset = search(recruiter)

    with CaptureQueriesContext(connection) as captured:
        counts = search_counts(filterset, platforms=True)

    statements = [query["sql"] for query in captured if not query["sql"].startswith("EXPLAIN")]
    assert len(statements) == 1
    assert counts.total == Total(3, exact=True)
    assert counts.platforms == {
        "maimai": PlatformCount(2, share=2 / 3, exact=True),
        "weibo": PlatformCount(3, share=1.0, exact=True),
    }


def test_a_search_by_words_reads_its_matches_once_for_its_total_and_its_platforms(
    recruiter_client, weibo, maimai
):
    """Ranking by relevance needs the total before the rows: the page counts it with the
    platforms', in one statement, rather than reading the matches a second time for them."""
    shared(3, weibo, maimai, title="Chief Financial Officer")

    with CaptureQueriesContext(connection) as captured:
        response = recruiter_client.get(URL, {"q": "CFO"})

    counting = [
        query["sql"]
        for query in captured
        if query["sql"].startswith(("SELECT NULL, COUNT(*)", "WITH counted"))
    ]
    assert "3 candidates" in response.content.decode()
    assert len(counting) == 1


def test_every_condition_on_a_membership_is_a_column_of_the_index_each_probe_reads(recruiter):
    """The platforms' sample probes each candidate's memberships: with every column a condition
    names in the index, PostgreSQL answers each probe from the index alone."""
    filterset = search(recruiter, open_to_inquiries="yes", active="yes", verified="yes")
    (index,) = [i for i in Membership._meta.indexes if i.name == "membership_channel_columns"]

    named = {lookup.split("__")[0] for lookup in filterset.membership_conditions()}

    assert named == {"activity", "open_to_inquiries", "verified"}
    assert {*named, "platform"} <= {*index.fields, *index.include}
    assert index.fields == ["profile"]
