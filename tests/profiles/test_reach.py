"""Which profiles a viewer reaches (`profiles.access.reach_of`): the one privacy rule, as SQL for
querysets and as a check of a profile already read (a person's page), which must agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from profiles.access import Visibility, reach_of
from profiles.models import ExecutiveProfile
from tests.factories import ExecutiveProfileFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "owner", "other_executive", "recruiter", "admin")

# Who reaches the owner's profile, by its visibility.
REACHED_BY = {
    Visibility.PRIVATE: {"owner", "admin"},
    Visibility.RECRUITERS: {"owner", "recruiter", "admin"},
    Visibility.PUBLIC: set(ROLES),
}


@pytest.mark.parametrize("visibility", Visibility)
@pytest.mark.parametrize("role", ROLES)
def test_the_check_and_the_query_reach_the_same_profiles(
    user_for_role, executive, role, visibility
):
    profile = executive.executive_profile
    profile.visibility = visibility
    profile.save()
    viewer = user_for_role(role) or AnonymousUser()

    admitted = reach_of(viewer).admits(visibility=visibility, owner_id=profile.user_id)
    queried = ExecutiveProfile.objects.visible_to(viewer).filter(pk=profile.pk).exists()

    assert admitted is queried is (role in REACHED_BY[visibility])


@pytest.mark.parametrize("role", ["anonymous", "other_executive", "recruiter"])
def test_a_profile_without_an_owner_is_no_ones_own(user_for_role, role):
    """A fictional person has no user: no viewer's missing id may match theirs."""
    profile = ExecutiveProfileFactory(user=None, visibility=Visibility.PRIVATE)
    viewer = user_for_role(role) or AnonymousUser()

    assert not reach_of(viewer).admits(visibility=profile.visibility, owner_id=None)
    assert not ExecutiveProfile.objects.visible_to(viewer).filter(pk=profile.pk).exists()
