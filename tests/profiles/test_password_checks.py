"""Signed-in password checks count with the login's failures: five, then an hour's lock.

The account deletion page, the password change page and DELETE /api/v1/me/ each ask for the
password; a wrong one is a failed login for django-axes (profiles/password_checks.py).
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.clients import token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "Harbour-lights-over-Pudong"
DELETE_URL = reverse("profiles:me_delete")
CHANGE_URL = reverse("password_change")
ME_API_URL = reverse("api-v1:me")
LOGIN_URL = reverse("login")
HOUR = 3600


@pytest.fixture
def user() -> User:
    return UserFactory(username="wang.wei", password=PASSWORD)


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _lenient_deletion_rate(rates):
    """The API's own deletion rate (5/hour) would answer 429 first: these tests are about the
    lock on wrong passwords, which holds whatever that rate is."""
    rates(account_deletion="1000/hour")


def wrong_deletion(client):
    return client.post(DELETE_URL, {"password": "guess"})


def wrong_change(client):
    return client.post(
        CHANGE_URL,
        {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def right_change(client):
    return client.post(
        CHANGE_URL,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def test_the_lock_is_the_logins_five_failures_for_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 1


def test_the_fifth_wrong_password_on_the_deletion_page_locks(signed_in, user):
    statuses = [wrong_deletion(signed_in).status_code for _ in range(5)]

    response = signed_in.post(DELETE_URL, {"password": PASSWORD})

    assert statuses == [400, 400, 400, 400, 429]
    assert response.status_code == 429
    assert "Logging in is paused" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_the_fifth_wrong_old_password_on_the_change_page_locks(signed_in, user):
    statuses = [wrong_change(signed_in).status_code for _ in range(5)]

    response = right_change(signed_in)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_fifth_wrong_password_in_the_api_locks_with_json(user):
    api = token_client(user)
    statuses = [api.delete(ME_API_URL, {"password": "guess"}).status_code for _ in range(5)]

    response = api.delete(ME_API_URL, {"password": PASSWORD})

    assert statuses == [400, 400, 400, 400, 429]
    assert response.status_code == 429
    assert "paused for an hour" in response.json()["detail"]
    assert HOUR - 60 <= int(response["Retry-After"]) <= HOUR
    assert User.objects.filter(pk=user.pk).exists()


def test_the_fifth_failure_in_the_api_is_answered_in_json(user):
    api = token_client(user)
    for _ in range(4):
        api.delete(ME_API_URL, {"password": "guess"})

    response = api.delete(ME_API_URL, {"password": "guess"})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "paused for an hour" in response.json()["detail"]


def test_every_check_and_the_login_count_together(client, signed_in, user):
    wrong_deletion(signed_in)
    wrong_change(signed_in)
    token_client(user).delete(ME_API_URL, {"password": "guess"})
    wrong_deletion(signed_in)
    assert AccessAttempt.objects.get(username="wang.wei").failures_since_start == 4
    signed_in.logout()

    fifth = client.post(LOGIN_URL, {"username": "wang.wei", "password": "guess"})

    assert fifth.status_code == 429
    assert client.post(LOGIN_URL, {"username": "wang.wei", "password": PASSWORD}).status_code == 429


def test_the_lock_holds_for_the_password_checks_after_failed_logins(client, user):
    for _ in range(5):
        client.post(LOGIN_URL, {"username": "wang.wei", "password": "guess"})
    client.force_login(user)

    assert client.post(DELETE_URL, {"password": PASSWORD}).status_code == 429
    assert right_change(client).status_code == 429


def test_a_right_password_before_the_limit_still_works(signed_in, user):
    for _ in range(4):
        wrong_change(signed_in)

    assert right_change(signed_in).status_code == 302


def test_passwords_typed_are_never_kept_with_the_failures(signed_in):
    wrong_change(signed_in)
    wrong_deletion(signed_in)

    kept = AccessAttempt.objects.get(username="wang.wei").post_data

    assert "guess" not in kept
    assert NEW_PASSWORD not in kept


def test_changing_the_password_revokes_the_api_token_and_says_so(signed_in, user):
    api = token_client(user)
    old_key = Token.objects.get(user=user).key

    response = right_change(signed_in)

    assert not Token.objects.filter(key=old_key).exists()
    assert api.get(ME_API_URL.replace("me/", "me/export/")).status_code == 401
    page = signed_in.get(response.url).content.decode()
    assert "Your API token was revoked" in page
    assert "scripts need a new token from the API token page, /en/me/api-token/." in page


def test_changing_the_password_without_a_token_says_only_that(signed_in):
    response = right_change(signed_in)

    page = signed_in.get(response.url).content.decode()
    assert "Your password was changed." in page
    assert "API token" not in page.split('class="messages"')[1].split("</ul>")[0]
