"""The site's model backend: a user's permissions, their own and their groups', in one query."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

SEARCH = "profiles.search_candidates"


@pytest.fixture
def export_permission(db):
    return Permission.objects.get(codename="change_executiveprofile")


def test_own_and_group_permissions_are_read_in_one_query(
    recruiter, export_permission, django_assert_num_queries
):
    recruiter.user_permissions.add(export_permission)

    with django_assert_num_queries(1):
        granted = recruiter.get_all_permissions()
        assert recruiter.has_perm(SEARCH)
        assert recruiter.has_perm("profiles.change_executiveprofile")

    assert {SEARCH, "profiles.change_executiveprofile"} <= granted


def test_a_user_without_permissions_holds_none(db):
    assert not UserFactory().has_perm(SEARCH)


def test_an_inactive_user_holds_none_of_their_groups_permissions(recruiter):
    recruiter.is_active = False

    assert recruiter.get_all_permissions() == set()
    assert not recruiter.has_perm(SEARCH)


def test_a_superuser_holds_every_permission(db):
    admin = UserFactory(is_superuser=True)

    assert admin.has_perm(SEARCH)
    assert SEARCH in admin.get_all_permissions()


def test_a_recruiter_signed_in_through_the_login_page_keeps_their_session(client, recruiter):
    credentials = {"username": "recruiter", "password": "a-long-test-password"}
    client.post("/en/accounts/login/", credentials)

    assert client.get("/en/candidates/").status_code == 200
