"""The one handle rule (`profiles.visibility`), as every way out applies it: each audience, with
the executive's "hide handle" on and off, for each choice of who may see the profile, through
the profile page, the search page, the API (one candidate and the list) and the CSV exports."""

from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from profiles.models import ExecutiveProfile, Visibility
from profiles.visibility import Audience, audiences_for, handle_visible_to
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HANDLE = "@the-handle-of-the-owner"
ROLES = ["anonymous", "owner", "other_executive", "recruiter", "admin"]
VISIBILITIES = [Visibility.PRIVATE, Visibility.RECRUITERS, Visibility.PUBLIC]

NOT_RECRUITERS = ("anonymous", "owner", "other_executive")
# (role, visibility): whether the handle is shown (when not hidden, when hidden).
NOWHERE = (False, False)
UNLESS_HIDDEN = (True, False)
ALWAYS = (True, True)
# The profile page: the owner sees their own; recruiters see what
# is shared with them and not hidden; admins open every profile, hidden handles still hidden.
ON_ITS_PAGE = {
    **{("anonymous", v): NOWHERE for v in VISIBILITIES},
    **{("other_executive", v): NOWHERE for v in VISIBILITIES},
    **{("owner", v): ALWAYS for v in VISIBILITIES},
    ("recruiter", Visibility.PRIVATE): NOWHERE,
    ("recruiter", Visibility.RECRUITERS): UNLESS_HIDDEN,
    ("recruiter", Visibility.PUBLIC): UNLESS_HIDDEN,
    **{("admin", v): UNLESS_HIDDEN for v in VISIBILITIES},
}
# One candidate in the API: as on the page, but the API is for recruiters and admins only.
IN_THE_API = {**ON_ITS_PAGE, **{("owner", v): NOWHERE for v in VISIBILITIES}}
# The search page, the API's list and the CSV: recruiters and admins, shared profiles only.
IN_SEARCH = {
    **{(role, v): NOWHERE for role in NOT_RECRUITERS for v in VISIBILITIES},
    **{(role, Visibility.PRIVATE): NOWHERE for role in ("recruiter", "admin")},
    **{(role, Visibility.RECRUITERS): UNLESS_HIDDEN for role in ("recruiter", "admin")},
    **{(role, Visibility.PUBLIC): UNLESS_HIDDEN for role in ("recruiter", "admin")},
}
CASES = [
    pytest.param(role, visibility, hidden, id=f"{role}-{visibility}-{'hidden' * hidden}")
    for role in ROLES
    for visibility in VISIBILITIES
    for hidden in (False, True)
]


@pytest.fixture
def owned(executive, weibo):
    def make(visibility: str, hidden: bool) -> ExecutiveProfile:
        profile = executive.executive_profile
        profile.visibility = visibility
        profile.save()
        MembershipFactory(profile=profile, platform=weibo, handle=HANDLE, hide_handle=hidden)
        return profile

    return make


def expected(table: dict, role: str, visibility: str, hidden: bool) -> bool:
    return table[(role, visibility)][1 if hidden else 0]


@pytest.mark.parametrize(("role", "visibility", "hidden"), CASES)
def test_the_pages(client_for_role, owned, role, visibility, hidden):
    profile = owned(visibility, hidden)
    client = client_for_role(role)

    page = client.get(reverse("profiles:detail", kwargs={"pk": profile.pk}))
    search = client.get(reverse("profiles:candidates"))
    export = client.get(reverse("profiles:candidate_export"))

    assert (HANDLE in unescape(page.content.decode())) is expected(
        ON_ITS_PAGE, role, visibility, hidden
    )
    assert (HANDLE in unescape(search.content.decode())) is expected(
        IN_SEARCH, role, visibility, hidden
    )
    assert (HANDLE in export.content.decode("utf-8-sig")) is expected(
        IN_SEARCH, role, visibility, hidden
    )


@pytest.mark.parametrize(("role", "visibility", "hidden"), CASES)
def test_the_api(api_client_for_role, owned, role, visibility, hidden):
    profile = owned(visibility, hidden)
    client = api_client_for_role(role)

    one = client.get(reverse("api-v1:candidate-detail", kwargs={"pk": profile.pk}))
    listed = client.get(reverse("api-v1:candidate-list"))
    export = client.get(reverse("api-v1:candidate-export"))

    assert (HANDLE in one.content.decode()) is expected(IN_THE_API, role, visibility, hidden)
    assert (HANDLE in listed.content.decode()) is expected(IN_SEARCH, role, visibility, hidden)
    assert (HANDLE in export.content.decode("utf-8-sig")) is expected(
        IN_SEARCH, role, visibility, hidden
    )


@pytest.mark.parametrize(
    ("audience", "handle", "hidden", "shown"),
    [
        (Audience.OWNER, "@me", True, True),
        (Audience.OWNER, "", False, False),
        (Audience.RECRUITER, "@me", False, True),
        (Audience.RECRUITER, "@me", True, False),
        (Audience.RECRUITER, "", False, False),
        (Audience.INTRODUCED, "@me", False, True),
        (Audience.INTRODUCED, "@me", True, False),
        (Audience.PUBLIC, "@me", False, False),
        (Audience.PUBLIC, "@me", True, False),
    ],
)
def test_the_rule_itself(audience, handle, hidden, shown):
    membership = MembershipFactory.build(handle=handle, hide_handle=hidden)

    assert handle_visible_to(audience, membership) is shown


@pytest.mark.parametrize(
    ("role", "of_the_executives"),
    [
        ("anonymous", Audience.PUBLIC),
        ("owner", Audience.OWNER),
        ("other_executive", Audience.PUBLIC),
        ("recruiter", Audience.RECRUITER),
        ("admin", Audience.RECRUITER),
    ],
)
def test_a_page_of_profiles_finds_each_viewers_audience_once(
    user_for_role, executive, role, of_the_executives
):
    audience = audiences_for(user_for_role(role) or AnonymousUser())

    assert audience(executive.pk) is of_the_executives
    # A profile without an account (a fictional person) is nobody's own.
    assert audience(None) is (
        Audience.PUBLIC if of_the_executives is Audience.OWNER else of_the_executives
    )
