"""Search results kept one row per candidate (page and API): reused by every recruiter, never
shown after the candidate, their channels or the platform records change."""

import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from outreach.recommender import recommend
from platforms.cache import retire_shared_entries
from platforms.models import Platform
from profiles import candidate_views
from profiles.api.candidates import CandidateSerializer
from profiles.models import Activity, ExecutiveProfile, Membership, Visibility
from profiles.selectors import candidate_version, with_channels
from profiles.services import save_memberships, update_profile
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

URL = reverse("profiles:candidates")
API_URL = reverse("api-v1:candidate-list")


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache_on")]


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


def channel_names(part: str) -> list[str]:
    return re.findall(r'<span class="channel-platform">([^<]*)</span>', part)


def test_a_platform_renamed_in_the_admin_shows_in_kept_rows(
    recruiter_client, candidate, weibo, django_capture_on_commit_callbacks
):
    assert channel_names(results_part(recruiter_client.get(URL))) == ["Weibo"]

    with django_capture_on_commit_callbacks(execute=True):
        weibo.name_en = "Sina Weibo"
        weibo.save()

    assert channel_names(results_part(recruiter_client.get(URL))) == ["Sina Weibo"]


def test_a_platform_shut_down_leaves_the_kept_rows(
    recruiter_client, candidate, weibo, django_capture_on_commit_callbacks
):
    recruiter_client.get(URL)

    with django_capture_on_commit_callbacks(execute=True):
        weibo.status = Platform.Status.SHUT_DOWN
        weibo.save()

    after = results_part(recruiter_client.get(URL))
    assert channel_names(after) == []
    assert "Not on any operating platform" in after


def test_a_rename_committed_while_a_search_reads_is_not_kept_as_current(recruiter_client, weibo):
    """The rows are filed under the version read before the candidates were: the rename's
    new version never holds a row built from the old platform names."""
    ExecutiveProfileFactory(user=None, display_name="Zhou Min")
    MembershipFactory(profile=ExecutiveProfile.objects.get(), platform=weibo)
    read_page = candidate_views.candidate_page

    def rename_while_reading(*args, **kwargs):
        page = read_page(*args, **kwargs)
        Platform.objects.filter(pk=weibo.pk).update(name_en="Sina Weibo")
        retire_shared_entries()  # as the rename's on_commit would
        return page

    with mock.patch.object(candidate_views, "candidate_page", rename_while_reading):
        recruiter_client.get(URL)

    assert channel_names(results_part(recruiter_client.get(URL))) == ["Sina Weibo"]


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
        CandidateSerializer,
        "to_representation",
        autospec=True,
        side_effect=CandidateSerializer.to_representation,
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


@pytest.fixture
def version_of(recruiter):
    def read(profile: ExecutiveProfile) -> tuple:
        """The version as a search reads it: the candidate queryset, channels attached."""
        candidates = ExecutiveProfile.objects.candidates_for(recruiter)
        return candidate_version(with_channels(candidates).get(pk=profile.pk))

    return read


def test_a_version_refuses_a_profile_read_without_a_column_it_shows(candidate):
    profile = with_channels(ExecutiveProfile.objects.defer("title")).get(pk=candidate.pk)

    with pytest.raises(ValueError, match="title"):
        candidate_version(profile)


def test_an_unchanged_candidate_keeps_its_version(candidate, version_of):
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
def test_every_profile_field_changes_the_version(candidate, version_of, field, value):
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
def test_every_channel_field_changes_the_version(candidate, version_of, field, value):
    before = version_of(candidate)
    channel = membership(candidate)
    assert getattr(channel, field) != value

    Membership.objects.filter(pk=channel.pk).update(**{field: value})

    assert version_of(candidate) != before


def test_moving_a_channel_to_another_platform_changes_the_version(candidate, version_of):
    before = version_of(candidate)

    Membership.objects.filter(profile=candidate).update(platform=PlatformFactory())

    assert version_of(candidate) != before


# --- Channels take their platforms from the process's copy of the records -------------------


def test_channels_come_with_their_platforms_in_two_queries(candidate, django_assert_num_queries):
    with_channels(ExecutiveProfile.objects.all()).get()  # the process copies the platforms

    with django_assert_num_queries(2):
        (channel,) = with_channels(ExecutiveProfile.objects.all()).get().channels
        assert channel.platform.name_en == "Weibo"


def test_platforms_newer_than_the_process_copy_come_in_one_query(
    candidate, django_assert_num_queries
):
    with_channels(ExecutiveProfile.objects.all()).get()
    for slug in ("newcomer", "latecomer"):  # uncommitted: the data version stays the same
        MembershipFactory(profile=candidate, platform=PlatformFactory(slug=slug, name_en=slug))

    with django_assert_num_queries(3):
        channels = with_channels(ExecutiveProfile.objects.all()).get().channels
        names = sorted(channel.platform.name_en for channel in channels)

    assert names == ["Weibo", "latecomer", "newcomer"]
