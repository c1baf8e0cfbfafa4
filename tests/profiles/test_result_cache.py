"""Search results kept one row per candidate (page and API): reused by every recruiter, never
shown after the candidate, their channels or the platform records change."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from profiles import candidate_views
from profiles.api.candidates import CandidateSerializer
from profiles.models import Activity, ExecutiveProfile, Membership, Visibility
from profiles.recommender import recommend
from profiles.selectors import candidate_version, with_channels
from profiles.services import save_memberships, update_profile
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")
API_URL = reverse("api-v1:candidate-list")


@pytest.fixture(autouse=True)
def shared_cache_on(settings):
    settings.SHARED_CACHE_SECONDS = 600


@pytest.fixture
def weibo(db):
    return PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")


@pytest.fixture
def candidate(weibo):
    profile = ExecutiveProfileFactory(
        user=None, display_name="Zhou Min", title="Head of Sales", company="Hangzhou Tea Co"
    )
    MembershipFactory(profile=profile, platform=weibo, handle="@zhoumin", open_to_inquiries=True)
    return profile


@pytest.fixture
def recruiter_api(recruiter):
    client = Client()
    client.force_login(recruiter)
    return client


def results_part(response) -> str:
    return response.content.decode().split('id="results-heading"')[1]


def membership(profile: ExecutiveProfile) -> Membership:
    return profile.memberships.get()


def test_a_repeated_search_shows_the_same_rows_without_scoring_again(recruiter_client, candidate):
    first = recruiter_client.get(URL)

    with mock.patch.object(candidate_views, "recommend", wraps=recommend) as scoring:
        again = recruiter_client.get(URL)

    assert scoring.call_count == 0
    assert results_part(again) == results_part(first)
    assert "Zhou Min" in results_part(again)


def test_another_recruiter_reuses_the_rows(recruiter_client, admin_client, candidate):
    recruiter_client.get(URL)

    with mock.patch.object(candidate_views, "recommend", wraps=recommend) as scoring:
        response = admin_client.get(URL)

    assert scoring.call_count == 0
    assert "Zhou Min" in results_part(response)


def hide_handle(profile: ExecutiveProfile) -> None:
    channel = membership(profile)
    channel.hide_handle = True
    save_memberships(profile=profile, changed=[channel])


def change_handle(profile: ExecutiveProfile) -> None:
    channel = membership(profile)
    channel.handle = "@zhou-min-new"
    save_memberships(profile=profile, changed=[channel])


def close_to_inquiries(profile: ExecutiveProfile) -> None:
    channel = membership(profile)
    channel.open_to_inquiries = False
    save_memberships(profile=profile, changed=[channel])


def join_linkedin(profile: ExecutiveProfile) -> None:
    linkedin = PlatformFactory(slug="linkedin", name_en="LinkedIn")
    save_memberships(profile=profile, changed=[Membership(platform=linkedin, handle="li/zhou")])


def leave_weibo(profile: ExecutiveProfile) -> None:
    save_memberships(profile=profile, changed=[], removed=[membership(profile)])


def retitle(profile: ExecutiveProfile) -> None:
    update_profile(profile=profile, title="Chief Revenue Officer")


@pytest.mark.parametrize(
    ("edit", "gone", "shown"),
    [
        pytest.param(hide_handle, "@zhoumin", "Weibo", id="handle hidden"),
        pytest.param(change_handle, "@zhoumin", "@zhou-min-new", id="handle changed"),
        pytest.param(close_to_inquiries, "open to inquiries</span>", "Weibo", id="closed"),
        pytest.param(join_linkedin, "Not on any operating platform", "li/zhou", id="joined"),
        pytest.param(leave_weibo, "@zhoumin", "Not on any operating platform", id="left"),
        pytest.param(retitle, "Head of Sales", "Chief Revenue Officer", id="retitled"),
    ],
)
def test_an_edit_shows_in_the_next_search(recruiter_client, candidate, edit, gone, shown):
    if edit is join_linkedin:
        leave_weibo(candidate)
    before = results_part(recruiter_client.get(URL))
    assert gone in before

    edit(candidate)

    after = results_part(recruiter_client.get(URL))
    assert gone not in after
    assert shown in after


def test_a_profile_withdrawn_from_recruiters_leaves_the_results(recruiter_client, candidate):
    recruiter_client.get(URL)

    update_profile(profile=candidate, visibility=Visibility.PRIVATE)

    assert "Zhou Min" not in results_part(recruiter_client.get(URL))


def test_a_platform_renamed_in_the_admin_shows_in_kept_rows(
    recruiter_client, candidate, weibo, django_capture_on_commit_callbacks
):
    recruiter_client.get(URL)

    with django_capture_on_commit_callbacks(execute=True):
        weibo.name_en = "Sina Weibo"
        weibo.save()

    assert "Sina Weibo" in results_part(recruiter_client.get(URL))


def test_each_outreach_choice_keeps_its_own_rows(recruiter_client, candidate, settings):
    choices = [
        {"purpose": "recruiting"},
        {"purpose": "business_development", "has_mutual_contact": "true"},
    ]
    for choice in choices:
        recruiter_client.get(URL, choice)

    kept = [results_part(recruiter_client.get(URL, choice)) for choice in choices]
    settings.SHARED_CACHE_SECONDS = 0
    fresh = [results_part(recruiter_client.get(URL, choice)) for choice in choices]

    assert kept == fresh
    assert kept[0] != kept[1]


def test_each_language_keeps_its_own_rows(recruiter_client, candidate):
    english = results_part(recruiter_client.get(URL))
    chinese = results_part(recruiter_client.get("/zh-hans/candidates/"))

    assert "How to reach" in english
    assert "微博" in chinese
    assert "How to reach" not in chinese


def test_the_api_serializes_a_kept_candidate_once(recruiter_api, candidate):
    first = recruiter_api.get(API_URL).json()

    with mock.patch.object(
        CandidateSerializer, "to_representation", wraps=CandidateSerializer().to_representation
    ) as serializing:
        again = recruiter_api.get(API_URL).json()

    assert serializing.call_count == 0
    assert again == first


def test_the_api_shows_a_hidden_handle_as_hidden_at_once(recruiter_api, candidate):
    assert recruiter_api.get(API_URL).json()["results"][0]["channels"][0]["handle"] == "@zhoumin"

    hide_handle(candidate)

    (channel,) = recruiter_api.get(API_URL).json()["results"][0]["channels"]
    assert channel["handle"] is None
    assert channel["handle_hidden"] is True


def test_the_api_links_follow_the_address_asked(recruiter_api, candidate, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]

    on_a = recruiter_api.get(API_URL, headers={"host": "a.example"}).json()
    on_b = recruiter_api.get(API_URL, headers={"host": "b.example"}).json()

    assert on_a["results"][0]["url"].startswith("http://a.example/")
    assert on_b["results"][0]["url"].startswith("http://b.example/")


# --- What a candidate's version covers ------------------------------------------------------


def version_of(profile: ExecutiveProfile) -> tuple:
    """The version as a search reads it: the candidate queryset, channels attached."""
    return candidate_version(with_channels(ExecutiveProfile.objects.filter(pk=profile.pk)).get())


def test_an_unchanged_candidate_keeps_its_version(candidate):
    assert version_of(candidate) == version_of(candidate)


# Changed with update(), which leaves `updated_at` alone: the version must see the value itself.
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", "Zhou Min (Mandy)"),
        ("title", "CFO"),
        ("company", "Hangzhou Tea Group"),
        ("company_type", "state_owned"),
        ("industry", "energy"),
        ("city", "chengdu"),
        ("seniority", "junior"),
        ("speaks_chinese", False),
        ("speaks_english", True),
        ("abroad_experience", True),
        ("open_to_opportunities", True),
        ("is_fictional", True),
    ],
)
def test_every_profile_field_changes_the_version(candidate, field, value):
    before = version_of(candidate)
    assert getattr(candidate, field) != value

    ExecutiveProfile.objects.filter(pk=candidate.pk).update(**{field: value})

    assert version_of(candidate) != before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("handle", "@someone-else"),
        ("activity", Activity.RARELY),
        ("verified", True),
        ("open_to_inquiries", False),
        ("publicizes_career", True),
        ("preferred", True),
        ("hide_handle", True),
    ],
)
def test_every_channel_field_changes_the_version(candidate, field, value):
    before = version_of(candidate)
    channel = membership(candidate)
    assert getattr(channel, field) != value

    Membership.objects.filter(pk=channel.pk).update(**{field: value})

    assert version_of(candidate) != before


def test_moving_a_channel_to_another_platform_changes_the_version(candidate):
    before = version_of(candidate)

    Membership.objects.filter(profile=candidate).update(platform=PlatformFactory())

    assert version_of(candidate) != before


# --- Channels take their platforms from the process's copy of the records -------------------


def test_channels_come_with_their_platforms_in_two_queries(candidate, django_assert_num_queries):
    with_channels(ExecutiveProfile.objects.all()).get()  # the process copies the platforms

    with django_assert_num_queries(2):
        (channel,) = with_channels(ExecutiveProfile.objects.all()).get().channels
        assert channel.platform.name_en == "Weibo"


def test_a_platform_newer_than_the_process_copy_still_loads(candidate):
    with_channels(ExecutiveProfile.objects.all()).get()
    newcomer = PlatformFactory(slug="newcomer", name_en="Newcomer")  # uncommitted: same version
    MembershipFactory(profile=candidate, platform=newcomer)

    channels = with_channels(ExecutiveProfile.objects.all()).get().channels

    assert sorted(channel.platform.name_en for channel in channels) == ["Newcomer", "Weibo"]
