"""Sign-up, log-in with lockout, log-out, password change and reset, and the privacy notice."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token

from profiles.models import City, CompanyType, ExecutiveProfile, Industry, Seniority, Visibility
from tests.factories import UserFactory
from tests.profiles.html_helpers import field_block

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "another-long-passphrase"


def signup_data(**overrides) -> dict:
    data = {
        "username": "li.jing",
        "email": "li.jing@example.com",
        "password1": "Harbour-lights-over-Pudong",
        "password2": "Harbour-lights-over-Pudong",
        "display_name": "Li Jing 李静",
        "title": "Chief Financial Officer",
        "company": "Example Precision Manufacturing",
        "company_type": CompanyType.CHINESE_PRIVATE,
        "industry": Industry.MANUFACTURING,
        "city": City.SUZHOU,
        "seniority": Seniority.C_LEVEL,
        "speaks_chinese": "on",
        "speaks_english": "on",
        "abroad_experience": "on",
        "open_to_opportunities": "on",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_signup_creates_the_account_and_a_private_profile_with_its_consent_time(client):
    before = timezone.now()

    response = client.post(reverse("profiles:signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("profiles:me")
    profile = ExecutiveProfile.objects.get(user__username="li.jing")
    assert profile.display_name == "Li Jing 李静"
    assert profile.city == City.SUZHOU
    assert profile.speaks_english is True
    assert profile.abroad_experience is True
    assert profile.visibility == Visibility.PRIVATE
    assert profile.is_fictional is False
    assert before <= profile.consent_at <= timezone.now()


def test_signup_sent_back_focuses_the_profile_field_in_error_not_the_username(client):
    response = client.post(reverse("profiles:signup"), signup_data(display_name="Li\x00Jing"))

    inputs = {
        name: re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode()).group()
        for name in ("username", "display_name")
    }
    assert "autofocus" not in inputs["username"]
    assert "autofocus" in inputs["display_name"]


def test_signup_logs_the_new_user_in(client):
    client.post(reverse("profiles:signup"), signup_data())

    response = client.get(reverse("profiles:me"))

    assert response.status_code == 200
    assert response.wsgi_request.user.username == "li.jing"
    assert "Li Jing 李静" in response.content.decode()


def test_signup_stores_the_password_hashed(client):
    client.post(reverse("profiles:signup"), signup_data())

    user = User.objects.get(username="li.jing")

    assert user.password != "Harbour-lights-over-Pudong"
    assert user.check_password("Harbour-lights-over-Pudong")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"password1": "Short-pw-1", "password2": "Short-pw-1"},
            "password1",
            "at least 12 characters",
        ),
        ({"password2": "a-different-passphrase"}, "password2", "didn\u2019t match"),
        ({"consent": None}, "consent", "agree to the privacy notice"),
        ({"consent": "0"}, "consent", "agree to the privacy notice"),
        ({"consent": "off"}, "consent", "agree to the privacy notice"),
        ({"consent": "maybe"}, "consent", "Enter yes or no"),
        ({"speaks_english": "maybe"}, "speaks_english", "Enter yes or no"),
        ({"username": "taken"}, "username", "already exists"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"display_name": ""}, "display_name", "required"),
        ({"city": "atlantis"}, "city", "valid choice"),
    ],
    ids=[
        "short-password",
        "password-mismatch",
        "missing-consent",
        "consent-0",
        "consent-off",
        "consent-maybe",
        "speaks-english-maybe",
        "duplicate-username",
        "bad-email",
        "missing-name",
        "unknown-city",
    ],
)
def test_signup_rejects_bad_input_with_the_message_next_to_the_field(
    client, overrides, field, message
):
    UserFactory(username="taken")

    response = client.post(reverse("profiles:signup"), signup_data(**overrides))

    assert response.status_code == 400
    assert message in field_block(response.content.decode(), f"id_{field}")
    assert not ExecutiveProfile.objects.exists()
    assert not User.objects.filter(username="li.jing").exists()


def test_signup_refuses_a_username_that_differs_only_in_case(client):
    UserFactory(username="Li.Jing")

    response = client.post(reverse("profiles:signup"), signup_data())

    assert response.status_code == 400
    assert User.objects.filter(username__iexact="li.jing").count() == 1


def test_signup_page_links_the_privacy_notice(client):
    response = client.get(reverse("profiles:signup"))

    assert response.status_code == 200
    assert reverse("profiles:privacy") in field_block(response.content.decode(), "id_consent")


def test_signup_sends_a_logged_in_user_to_their_profile(client):
    client.force_login(UserFactory())

    response = client.get(reverse("profiles:signup"))

    assert response.status_code == 302
    assert response.url == reverse("profiles:me")


def test_login_with_the_right_password_lands_on_my_profile(client):
    UserFactory(username="wang.wei", password=PASSWORD)

    response = client.post(reverse("login"), {"username": "wang.wei", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("profiles:me")


def test_login_with_a_wrong_password_says_so_on_the_form(client):
    UserFactory(username="wang.wei", password=PASSWORD)

    response = client.post(reverse("login"), {"username": "wang.wei", "password": "wrong"})

    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def fail_login(client, username: str = "wang.wei"):
    return client.post(reverse("login"), {"username": username, "password": "wrong-password"})


def test_four_failed_logins_do_not_lock_the_account(client):
    UserFactory(username="wang.wei", password=PASSWORD)
    for _ in range(4):
        fail_login(client)

    response = client.post(reverse("login"), {"username": "wang.wei", "password": PASSWORD})

    assert response.status_code == 302


def test_the_fifth_failed_login_locks_out_with_a_clear_message(client):
    UserFactory(username="wang.wei", password=PASSWORD)
    for _ in range(4):
        fail_login(client)

    response = fail_login(client)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Logging in is paused" in page
    assert "5 failed attempts" in page
    assert "60 minutes" in page
    assert reverse("password_reset") in page


def test_a_locked_out_username_cannot_log_in_even_with_the_right_password(client):
    UserFactory(username="wang.wei", password=PASSWORD)
    for _ in range(5):
        fail_login(client)

    response = client.post(reverse("login"), {"username": "wang.wei", "password": PASSWORD})

    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_a_lockout_is_per_username(client):
    UserFactory(username="wang.wei", password=PASSWORD)
    UserFactory(username="zhang.min", password=PASSWORD)
    for _ in range(5):
        fail_login(client)

    response = client.post(reverse("login"), {"username": "zhang.min", "password": PASSWORD})

    assert response.status_code == 302


def test_logout_needs_a_post_and_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get(reverse("profiles:me")).status_code == 302


def test_a_get_on_logout_shows_a_log_out_button_and_keeps_the_session(client):
    """A followed link or a typed address gets a page to confirm on, not a blank 405; only the
    button's POST logs out, so another site can't log anyone out with a link."""
    client.force_login(UserFactory(username="wang.wei"))

    response = client.get(reverse("logout"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "You are logged in as wang.wei." in page
    assert re.search(
        rf'<form method="post" action="{reverse("logout")}">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>\s*'
        r'<button type="submit" class="button button-primary">Log out</button>',
        page,
    )
    assert client.get(reverse("profiles:me")).status_code == 200


def test_a_get_on_logout_when_logged_out_offers_to_log_in(client):
    page = client.get(reverse("logout")).content.decode()

    assert "You are not logged in." in page
    assert f'href="{reverse("login")}"' in page


def test_the_nav_offers_sign_up_and_log_in_to_visitors(client):
    page = client.get(reverse("platforms:directory")).content.decode()

    assert reverse("profiles:signup") in page
    assert reverse("login") in page
    assert reverse("logout") not in page


def test_the_nav_offers_my_profile_and_a_logout_form_to_members(client):
    client.force_login(UserFactory())

    page = client.get(reverse("platforms:directory")).content.decode()

    assert reverse("profiles:me") in page
    assert re.search(rf'<form[^>]*method="post"[^>]*action="{reverse("logout")}"', page)
    assert reverse("profiles:signup") not in page


def test_password_change_sets_the_new_password(client):
    user = UserFactory(password=PASSWORD)
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_refuses_a_short_new_password_next_to_the_field(client):
    user = UserFactory(password=PASSWORD)
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short-pw", "new_password2": "short-pw"},
    )

    assert response.status_code == 200
    assert "at least 12 characters" in field_block(response.content.decode(), "id_new_password2")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_needs_a_login(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_password_reset_mails_a_working_link(client):
    user = UserFactory(username="wang.wei", email="wang.wei@example.com", password=PASSWORD)

    response = client.post(reverse("password_reset"), {"email": "wang.wei@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wang.wei@example.com"]
    assert "NetworkDir" in message.subject
    assert "\n" not in message.subject
    assert "Hello wang.wei" in message.body
    link = re.search(r"https?://[^/]+(/\S+/)", message.body).group(1)
    form_url = client.get(link).url
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def reset_by_mail(client, user, password: str):
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/]+(/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link).url
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_a_password_reset_by_mail_revokes_the_api_token_as_a_change_does(client):
    """The report: after a reset the old token still answered 200; after a change, 401."""
    user = UserFactory(username="wang.wei", email="wang.wei@example.com", password=PASSWORD)
    Token.objects.create(user=user)

    response = reset_by_mail(client, user, NEW_PASSWORD)

    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists()


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_link_keeps_the_visitor_language(client):
    UserFactory(username="wang.wei", email="wang.wei@example.com")

    with translation.override("zh-hans"):
        client.post(reverse("password_reset"), {"email": "wang.wei@example.com"})

    assert "/zh-hans/accounts/reset/" in mail.outbox[0].body


def test_privacy_notice_explains_storage_audiences_and_pipl_rights(client):
    response = client.get(reverse("profiles:privacy"))

    page = response.content.decode()
    assert response.status_code == 200
    for phrase in ("What we store", "Who sees what", "PIPL", "art. 45", "art. 47"):
        assert phrase in page
