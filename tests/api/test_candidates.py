"""GET /api/v1/candidates/ and /api/v1/candidates/<id>/: recruiter search and one candidate."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from profiles.api.candidates import CandidateSerializer, ChannelSerializer
from profiles.models import Activity, City, ExecutiveProfile, Visibility
from profiles.selectors import candidate_filter
from profiles.services import save_memberships
from tests.clients import token_client
from tests.databases import PERMISSIONS_APART
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:candidate-list")


def detail_url(profile: ExecutiveProfile) -> str:
    return reverse("api-v1:candidate-detail", kwargs={"pk": profile.pk})


def ids(response) -> list[int]:
    return [candidate["id"] for candidate in response.json()["results"]]


@pytest.fixture
def people(weibo, maimai, linkedin):
    """Shared and private profiles on the platforms, in Shanghai and Beijing."""
    open_on_weibo = ExecutiveProfileFactory(user=None, display_name="Open on Weibo")
    MembershipFactory(profile=open_on_weibo, platform=weibo, open_to_inquiries=True)
    closed_on_weibo = ExecutiveProfileFactory(user=None, display_name="Closed on Weibo")
    MembershipFactory(profile=closed_on_weibo, platform=weibo, open_to_inquiries=False)
    MembershipFactory(profile=closed_on_weibo, platform=maimai, open_to_inquiries=True)
    in_beijing = ExecutiveProfileFactory(
        user=None, display_name="Beijing on Weibo", city=City.BEIJING
    )
    MembershipFactory(profile=in_beijing, platform=weibo, open_to_inquiries=True)
    public = ExecutiveProfileFactory(
        user=None, display_name="Public on LinkedIn", visibility=Visibility.PUBLIC
    )
    MembershipFactory(profile=public, platform=linkedin, handle="@public", hide_handle=True)
    private = ExecutiveProfileFactory(
        user=None, display_name="Private on Weibo", visibility=Visibility.PRIVATE
    )
    MembershipFactory(profile=private, platform=weibo, open_to_inquiries=True)
    return {
        "open_on_weibo": open_on_weibo,
        "closed_on_weibo": closed_on_weibo,
        "in_beijing": in_beijing,
        "public": public,
        "private": private,
    }


def test_recruiters_see_profiles_shared_with_them_and_never_private_ones(recruiter_api, people):
    response = recruiter_api.get(LIST_URL)

    assert response.status_code == 200
    listed = set(ids(response))
    assert people["private"].pk not in listed
    assert {people["open_on_weibo"].pk, people["public"].pk} <= listed


def test_on_weibo_open_to_inquiries_in_shanghai(recruiter_api, people):
    query = {"platform": "weibo", "open_to_inquiries": "true", "city": "shanghai"}

    assert ids(recruiter_api.get(LIST_URL, query)) == [people["open_on_weibo"].pk]


@pytest.mark.parametrize(
    "query",
    [
        {"platform": ["weibo", "maimai"], "open_to_inquiries": "true"},
        {"platform": ["weibo", "maimai"], "platform_match": "all"},
        {"active": "false"},
        {"city": "beijing", "sort": "name"},
        {"q": "weibo", "sort": "seniority"},
    ],
)
def test_the_list_matches_the_candidate_page_filter(recruiter, recruiter_api, people, query):
    data = QueryDict(urlencode(query, doseq=True))
    expected = [profile.pk for profile in candidate_filter(user=recruiter, data=data).qs]

    assert ids(recruiter_api.get(LIST_URL, query)) == expected


def test_hidden_handles_are_null_and_visible_ones_shown(recruiter_api, people):
    results = {c["id"]: c for c in recruiter_api.get(LIST_URL).json()["results"]}

    (public_channel,) = results[people["public"].pk]["channels"]
    assert public_channel["handle"] is None
    assert public_channel["handle_hidden"] is True
    (weibo_channel,) = results[people["open_on_weibo"].pk]["channels"]
    assert weibo_channel["handle"].startswith("@handle")
    assert weibo_channel["platform"] == "weibo"


def test_shut_down_platforms_are_not_channels(recruiter_api, people, ushi):
    MembershipFactory(profile=people["public"], platform=ushi)

    results = {c["id"]: c for c in recruiter_api.get(LIST_URL).json()["results"]}

    assert [c["platform"] for c in results[people["public"].pk]["channels"]] == ["linkedin"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"platform": "friendster"}, "platform"),
        ({"platform": "ushi"}, "platform"),
        ({"city": "atlantis"}, "city"),
        ({"open_to_inquiries": "maybe"}, "open_to_inquiries"),
        ({"seniority": "intern"}, "seniority"),
        ({"sort": "salary"}, "sort"),
        ({"platform_match": "some"}, "platform_match"),
        ({"q": "x" * 101}, "q"),
        ({"page": "0"}, "page"),
        ({"page": "ten"}, "page"),
        ({"page": "10001"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "many"}, "page_size"),
    ],
)
def test_bad_parameters_answer_400_naming_them(recruiter_api, people, ushi, query, field):
    response = recruiter_api.get(LIST_URL, query)

    assert response.status_code == 400
    assert field in response.json()


def test_pages_follow_next_until_the_end_without_overlap(recruiter_api, people):
    seen = []
    url, pages = f"{LIST_URL}?page_size=2", 0
    while url:
        page = recruiter_api.get(url).json()
        seen += [candidate["id"] for candidate in page["results"]]
        url, pages = page["next"], pages + 1

    assert pages == 2
    assert len(seen) == len(set(seen)) == 4
    assert "count" not in page


def test_the_second_page_links_back(recruiter_api, people):
    page = recruiter_api.get(LIST_URL, {"page_size": 2, "page": 2}).json()

    assert page["page"] == 2
    assert page["next"] is None
    assert recruiter_api.get(page["previous"]).json()["page"] == 1


def test_a_page_past_the_end_is_a_400_saying_how_many_there_are_as_the_page_does(
    recruiter_api, people
):
    response = recruiter_api.get(LIST_URL, {"page_size": 2, "page": 999})

    assert response.status_code == 400
    assert response.json() == {"page": ["There are only 2 pages of results."]}


def test_a_page_size_over_100_is_capped_at_100(recruiter_api, db):
    ExecutiveProfileFactory.create_batch(101, user=None)

    page = recruiter_api.get(LIST_URL, {"page_size": 500}).json()

    assert page["page_size"] == 100
    assert len(page["results"]) == 100
    assert page["next"] is not None


def test_the_listing_counts_only_up_to_the_cap(recruiter_api, people, settings):
    settings.CANDIDATE_COUNT_CAP = 2
    with CaptureQueriesContext(connection) as captured:
        response = recruiter_api.get(LIST_URL, {"platform": "weibo", "page_size": 2})

    assert response.status_code == 200
    counted = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    assert counted
    assert all(sql.endswith("LIMIT 3) subquery") for sql in counted)


@pytest.mark.parametrize(("word", "status"), [("yes", 200), ("1", 200), ("t", 400), ("y", 400)])
def test_platform_counts_takes_the_sites_yes_no_words(recruiter_api, people, word, status):
    response = recruiter_api.get(LIST_URL, {"platform_counts": word})

    assert response.status_code == status
    if status == 200:
        assert response.json()["platform_counts"] is not None
    else:
        assert "platform_counts" in response.json()


# The token with its user and the recruiter's permissions (one statement), one page of profiles
# and their channels; the platform choices come from the process's copy (warmed by a first
# request). Signed in with a session instead, the session adds one: four at most. Without
# Redis the per-user rate limit's counter is a row in the database, raised by one more statement
# (core/throttling.py); with REDIS_URL set it is not a query.
@pytest.mark.parametrize("count", [1, 25])
@pytest.mark.parametrize(("signed_in", "queries"), [("token", 4), ("session", 5)])
def test_the_query_count_is_fixed_whatever_the_page_holds(
    recruiter, recruiter_api, weibo, maimai, django_assert_num_queries, count, signed_in, queries
):
    for profile in ExecutiveProfileFactory.create_batch(count, user=None):
        MembershipFactory(profile=profile, platform=weibo)
        MembershipFactory(profile=profile, platform=maimai)
    client = recruiter_api
    if signed_in == "session":
        client = APIClient()
        client.force_login(recruiter)
    client.get(LIST_URL)

    with django_assert_num_queries(queries + PERMISSIONS_APART):
        response = client.get(LIST_URL, {"platform": "weibo", "verified": "no"})

    assert len(response.json()["results"]) == count


def test_a_candidate_opens_as_the_recruiter_may_see_them(recruiter_api, people):
    response = recruiter_api.get(detail_url(people["public"]))

    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == "Public on LinkedIn"
    assert body["channels"][0]["handle"] is None
    assert "visibility" not in body
    assert "publicizes_career" not in body["channels"][0]
    assert response["Cache-Control"] == "private, no-store"


def test_filters_do_not_apply_to_one_candidate(recruiter_api, people):
    response = recruiter_api.get(detail_url(people["public"]), {"city": "beijing"})

    assert response.status_code == 200
    assert response.json()["display_name"] == "Public on LinkedIn"  # not in Beijing


def test_a_private_profile_is_a_404_for_recruiters(recruiter_api, people):
    response = recruiter_api.get(detail_url(people["private"]))

    assert response.status_code == 404
    assert "detail" in response.json()


def test_admins_open_private_profiles_as_on_the_profile_page(admin_api, people):
    assert admin_api.get(detail_url(people["private"])).status_code == 200


@pytest.mark.parametrize("pk", [0, 987_654_321, 2**63 + 10])
def test_unknown_ids_are_a_404_never_a_500(recruiter_api, db, pk):
    response = recruiter_api.get(f"{LIST_URL}{pk}/")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 401), ("owner", 403), ("other_executive", 403)]
)
def test_only_recruiters_and_admins_search(api_client_for_role, people, role, status):
    response = api_client_for_role(role).get(LIST_URL)

    assert response.status_code == status
    assert "detail" in response.json()


def test_anonymous_callers_are_told_how_to_authenticate(api_client, db):
    response = api_client.get(LIST_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_recruiter_without_the_permission_any_more_is_refused(recruiter, people):
    client = token_client(recruiter)
    recruiter.groups.clear()

    assert client.get(LIST_URL).status_code == 403


def test_activity_filter_reads_the_same_membership(recruiter_api, weibo, maimai):
    """Active on Weibo means the Weibo membership is active, not some other one."""
    profile = ExecutiveProfileFactory(user=None)
    MembershipFactory(profile=profile, platform=weibo, activity=Activity.INACTIVE)
    MembershipFactory(profile=profile, platform=maimai, activity=Activity.DAILY)
    PlatformFactory(slug="spare")

    assert ids(recruiter_api.get(LIST_URL, {"platform": "weibo", "active": "true"})) == []


def test_a_handle_hidden_is_hidden_in_the_next_answer(recruiter_api, people):
    profile = people["open_on_weibo"]
    channel = profile.memberships.get()
    assert recruiter_api.get(detail_url(profile)).json()["channels"][0]["handle"] == channel.handle

    channel.hide_handle = True
    save_memberships(profile=profile, changed=[channel])

    (shown,) = recruiter_api.get(detail_url(profile)).json()["channels"]
    assert shown["handle"] is None
    assert shown["handle_hidden"] is True


def test_the_links_follow_the_address_asked(recruiter_api, people, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]

    on_a = recruiter_api.get(LIST_URL, headers={"host": "a.example"}).json()
    on_b = recruiter_api.get(LIST_URL, headers={"host": "b.example"}).json()

    assert on_a["results"][0]["url"].startswith("http://a.example/api/v1/candidates/")
    assert on_b["results"][0]["page_url"].startswith("http://b.example/")


def test_an_answer_has_the_fields_the_schema_declares(recruiter_api, people):
    """The answer is built without the serializer, which declares it for the schema."""
    (candidate, *_rest) = recruiter_api.get(LIST_URL, {"platform": "weibo"}).json()["results"]

    assert list(candidate) == list(CandidateSerializer.Meta.fields)
    assert list(candidate["channels"][0]) == list(ChannelSerializer.Meta.fields)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        *[(word, 200) for word in ("1", "0", "true", "False", "yes", "no", "on", "off", "")],
        *[(word, 400) for word in ("maybe", "2", "y")],
    ],
)
def test_switches_take_the_sites_yes_no_words(recruiter_api, people, value, status):
    response = recruiter_api.get(LIST_URL, {"open_to_inquiries": value})

    assert response.status_code == status
    if status == 400:
        assert list(response.json()) == ["open_to_inquiries"]
