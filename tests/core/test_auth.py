"""The site's model backend: a user's permissions, their own and their groups', read with the
user for each request (session or token), or in one query of their own."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from core.auth import ModelBackend
from core.throttling import TokenAuthentication
from tests.databases import postgresql_only
from tests.factories import UserFactory

SEARCH = "profiles.search_candidates"
# Elsewhere the permissions are read in a query of their own, on the first check (`core.auth`).
read_with_the_user = postgresql_only("read with the user on PostgreSQL only")


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


@read_with_the_user
def test_a_signed_in_user_is_read_with_their_permissions_in_one_query(
    recruiter, export_permission, django_assert_num_queries
):
    recruiter.user_permissions.add(export_permission)

    with django_assert_num_queries(1):
        user = ModelBackend().get_user(recruiter.pk)
        assert user.has_perm(SEARCH)  # through the recruiters' group
        assert user.has_perm("profiles.change_executiveprofile")  # their own

    assert not user.has_perm("profiles.delete_executiveprofile")


@read_with_the_user
def test_a_token_is_read_with_its_users_permissions_in_one_query(
    recruiter, django_assert_num_queries
):
    key = Token.objects.create(user=recruiter).key

    with django_assert_num_queries(1):
        user, token = TokenAuthentication().authenticate_credentials(key)
        assert user.has_perm(SEARCH)

    assert token.key == key


def test_a_permission_taken_away_is_gone_on_the_next_request(recruiter, recruiters_group):
    assert ModelBackend().get_user(recruiter.pk).has_perm(SEARCH)

    recruiter.groups.remove(recruiters_group)

    assert not ModelBackend().get_user(recruiter.pk).has_perm(SEARCH)


def test_an_inactive_user_is_not_signed_in(recruiter):
    recruiter.is_active = False
    recruiter.save()

    assert ModelBackend().get_user(recruiter.pk) is None


def test_a_signed_in_superuser_still_holds_every_permission(db):
    admin = UserFactory(is_superuser=True)

    user = ModelBackend().get_user(admin.pk)

    assert user.has_perm(SEARCH)
    assert "profiles.delete_executiveprofile" in user.get_all_permissions()


def test_the_signed_in_user_is_the_whole_record_and_can_be_saved(recruiter):
    user = ModelBackend().get_user(recruiter.pk)
    user.first_name = "Renamed"
    user.save(update_fields=["first_name"])

    recruiter.refresh_from_db()
    assert (user.username, user.email, recruiter.first_name) == (
        recruiter.username,
        recruiter.email,
        "Renamed",
    )
    assert user.check_password("a-long-test-password")


def test_a_user_that_no_longer_exists_is_not_signed_in(recruiter):
    user_id = recruiter.pk
    recruiter.delete()

    assert ModelBackend().get_user(user_id) is None


def test_a_token_is_read_with_its_whole_user(recruiter):
    token = Token.objects.create(user=recruiter)

    user, read = TokenAuthentication().authenticate_credentials(token.key)

    assert (user.pk, user.username, user.email) == (
        recruiter.pk,
        recruiter.username,
        recruiter.email,
    )
    assert (read.pk, read.user_id, read.created) == (token.pk, recruiter.pk, token.created)


def test_an_unknown_token_is_refused(db):
    with pytest.raises(AuthenticationFailed):
        TokenAuthentication().authenticate_credentials("0" * 40)


def test_an_inactive_users_token_is_refused(recruiter):
    token = Token.objects.create(user=recruiter)
    recruiter.is_active = False
    recruiter.save()

    with pytest.raises(AuthenticationFailed):
        TokenAuthentication().authenticate_credentials(token.key)
