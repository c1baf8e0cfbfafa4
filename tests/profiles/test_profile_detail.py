"""The profile page /people/<id>/: which fields each role sees, hidden handles, 404s."""

from html import unescape

import pytest
from django.urls import reverse

from platforms.models import Platform
from profiles.models import CompanyType, Visibility
from tests.databases import PERMISSIONS_APART
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = ["Owner Person", "Chief Executive", "Harbour Logistics", "Shanghai", "Finance"]
PLATFORM_NAMES = ["Weibo", "LinkedIn"]
RECRUITER_FIELDS = ["Joint venture", "@shown_handle", "Open to opportunities"]
OWNER_FIELDS = ["@hidden_handle", "hidden from recruiters", "Who can see this profile"]


def detail_url(profile) -> str:
    return reverse("profiles:detail", kwargs={"pk": profile.pk})


@pytest.fixture
def owner_profile(executive):
    """The owner's public profile: on Weibo with a handle, on LinkedIn with a hidden one."""
    profile = executive.executive_profile
    profile.display_name = "Owner Person"
    profile.title = "Chief Executive"
    profile.company = "Harbour Logistics"
    profile.company_type = CompanyType.JOINT_VENTURE
    profile.visibility = Visibility.PUBLIC
    profile.save()
    MembershipFactory(
        profile=profile,
        platform=PlatformFactory(slug="weibo", name_en="Weibo"),
        handle="@shown_handle",
    )
    MembershipFactory(
        profile=profile,
        platform=PlatformFactory(slug="linkedin", name_en="LinkedIn"),
        handle="@hidden_handle",
        hide_handle=True,
    )
    return profile


@pytest.mark.parametrize(
    ("role", "shown", "not_shown"),
    [
        ("anonymous", PUBLIC_FIELDS + PLATFORM_NAMES, RECRUITER_FIELDS + OWNER_FIELDS),
        ("other_executive", PUBLIC_FIELDS + PLATFORM_NAMES, RECRUITER_FIELDS + OWNER_FIELDS),
        ("recruiter", PUBLIC_FIELDS + PLATFORM_NAMES + RECRUITER_FIELDS, OWNER_FIELDS),
        ("admin", PUBLIC_FIELDS + PLATFORM_NAMES + RECRUITER_FIELDS, OWNER_FIELDS),
        ("owner", PUBLIC_FIELDS + PLATFORM_NAMES + RECRUITER_FIELDS + OWNER_FIELDS, []),
    ],
)
def test_fields_shown_per_role(client_for_role, owner_profile, role, shown, not_shown):
    response = client_for_role(role).get(detail_url(owner_profile))

    page = unescape(response.content.decode())
    assert response.status_code == 200
    for text in shown:
        assert text in page, text
    for text in not_shown:
        assert text not in page, text


def test_recruiters_are_told_a_handle_is_hidden(client_for_role, owner_profile):
    page = client_for_role("recruiter").get(detail_url(owner_profile)).content.decode()

    assert "Hidden by the executive" in page


def platforms_row(page: str, name: str) -> str:
    """The row of the profile's table of platforms that names `name`."""
    table = page.split('class="table table-reflow profile-memberships"')[1].split("</table>")[0]
    return next(row for row in table.split("<tr>") if name in row)


@pytest.mark.parametrize(
    ("status", "historical", "badge"),
    [
        (Platform.Status.SHUT_DOWN, True, "shut down"),
        (Platform.Status.ACTIVE, True, "historical"),
        (Platform.Status.UNKNOWN, False, "status unknown"),
        (Platform.Status.RESTRICTED, False, "restricted in China"),
        (Platform.Status.ACTIVE, False, None),
    ],
)
def test_each_platform_says_where_it_stands(
    client_for_role, owner_profile, django_capture_on_commit_callbacks, status, historical, badge
):
    weibo = Platform.objects.get(slug="weibo")
    weibo.status, weibo.historical = status, historical
    with django_capture_on_commit_callbacks(execute=True):
        weibo.save()

    page = unescape(client_for_role("recruiter").get(detail_url(owner_profile)).content.decode())

    row = platforms_row(page, "Weibo")
    badges = ("shut down", "historical", "status unknown", "restricted in China")
    assert [text for text in badges if text in row] == ([badge] if badge else [])
    assert "restricted in China" not in platforms_row(page, "LinkedIn")


def test_a_platform_renamed_since_the_last_view_shows_its_new_name(
    client_for_role, owner_profile, django_capture_on_commit_callbacks
):
    client = client_for_role("recruiter")
    client.get(detail_url(owner_profile))
    weibo = Platform.objects.get(slug="weibo")
    weibo.name_en = "Sina Weibo"
    with django_capture_on_commit_callbacks(execute=True):
        weibo.save()

    page = client.get(detail_url(owner_profile)).content.decode()

    assert "Sina Weibo" in platforms_row(page, "Weibo")


def test_a_platform_newer_than_the_processs_copy_is_read_on_use(
    client_for_role, owner_profile, monkeypatch
):
    """Another process's curator added it within the second this one trusts its copy."""
    monkeypatch.setattr("profiles.selectors.platforms_by_id", dict)

    response = client_for_role("recruiter").get(detail_url(owner_profile))

    assert response.status_code == 200
    assert "@shown_handle" in platforms_row(response.content.decode(), "Weibo")


@pytest.mark.parametrize(
    ("visibility", "role", "status"),
    [
        (Visibility.PRIVATE, "anonymous", 404),
        (Visibility.PRIVATE, "other_executive", 404),
        (Visibility.PRIVATE, "recruiter", 404),
        (Visibility.PRIVATE, "owner", 200),
        (Visibility.PRIVATE, "admin", 200),
        (Visibility.RECRUITERS, "anonymous", 404),
        (Visibility.RECRUITERS, "other_executive", 404),
        (Visibility.RECRUITERS, "recruiter", 200),
        (Visibility.RECRUITERS, "owner", 200),
        (Visibility.PUBLIC, "anonymous", 200),
        (Visibility.PUBLIC, "other_executive", 200),
    ],
)
def test_a_profile_outside_reach_is_a_404(client_for_role, executive, visibility, role, status):
    profile = executive.executive_profile
    profile.visibility = visibility
    profile.save()

    response = client_for_role(role).get(detail_url(profile))

    assert response.status_code == status


def test_a_missing_profile_is_a_404(client_for_role):
    response = client_for_role("admin").get(reverse("profiles:detail", kwargs={"pk": 999_999}))

    assert response.status_code == 404


@pytest.mark.parametrize("pk", [2**63, 10**30], ids=["just past the key range", "far past it"])
def test_an_id_past_the_key_range_is_a_404(client_for_role, pk):
    response = client_for_role("recruiter").get(reverse("profiles:detail", kwargs={"pk": pk}))

    assert response.status_code == 404


def test_the_preferred_platform_comes_first_then_the_others_by_name(client_for_role, owner_profile):
    MembershipFactory(
        profile=owner_profile, platform=PlatformFactory(slug="maimai", name_en="Maimai")
    )
    owner_profile.memberships.filter(platform__slug="weibo").update(preferred=True)

    page = client_for_role("recruiter").get(detail_url(owner_profile)).content.decode()

    table = page.split('class="table table-reflow profile-memberships"')[1]
    order = sorted(("LinkedIn", "Maimai", "Weibo"), key=table.index)
    assert order == ["Weibo", "LinkedIn", "Maimai"]


def test_fictional_people_are_labelled(client):
    profile = ExecutiveProfileFactory(user=None, is_fictional=True, visibility=Visibility.PUBLIC)

    page = client.get(detail_url(profile)).content.decode()

    assert "fictional-badge" in page


def test_pages_with_more_than_public_fields_are_not_cached(client_for_role, owner_profile):
    response = client_for_role("recruiter").get(detail_url(owner_profile))

    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # The session, the user with their permissions and the viewer (`profiles.auth`: where
        # their paths start, with the navigation's counts), the profile and its memberships: a
        # recruiter without a profile of their own has no relation to look up.
        ("recruiter", 4),
        # An executive with a profile also asks where they stand with the person, the paths to
        # them, their connections in common and an introduction to them they asked for.
        ("other_executive", 8),
    ],
)
def test_a_persons_page_takes_a_fixed_number_of_queries(
    client_for_role, owner_profile, django_assert_num_queries, role, queries
):
    client = client_for_role(role)
    client.get(detail_url(owner_profile))

    with django_assert_num_queries(queries + PERMISSIONS_APART):
        client.get(detail_url(owner_profile))
