"""/me/api-token/: a signed-in person creates, replaces and revokes their own API token."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

URL = reverse("profiles:api_token")
API_URL = reverse("api-v1:me-export")


def api_status(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(API_URL).status_code


@pytest.fixture(params=["owner", "recruiter"])
def signed_in(request, client_for_role, user_for_role):
    """The page as an executive and as a recruiter: both script the API."""
    return client_for_role(request.param), user_for_role(request.param)


def test_the_page_says_there_is_no_token_yet(signed_in):
    client, _user = signed_in

    response = client.get(URL)

    assert response.status_code == 200
    assert "You have no token" in response.content.decode()


def test_creating_a_token_shows_it_once_and_it_works(signed_in):
    client, user = signed_in

    created = client.post(URL, {"action": "create"}, follow=True)

    key = Token.objects.get(user=user).key
    assert created.redirect_chain == [(URL, 302)]
    assert key in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    assert key not in client.get(URL).content.decode()
    assert api_status(key) == 200


def test_reloading_the_page_after_creating_keeps_the_token(signed_in):
    """The POST redirects, so a reload asks for the page again instead of sending the form again
    (which would replace the token the person is copying)."""
    client, user = signed_in
    client.post(URL, {"action": "create"}, follow=True)
    key = Token.objects.get(user=user).key

    client.get(URL)

    assert Token.objects.get(user=user).key == key
    assert api_status(key) == 200


def test_a_new_key_revoked_before_the_page_shows_it_is_not_shown(signed_in):
    client, user = signed_in
    client.post(URL, {"action": "create"})
    key = Token.objects.get(user=user).key
    Token.objects.filter(user=user).delete()

    assert key not in client.get(URL).content.decode()


def test_replacing_the_token_stops_the_old_one(signed_in):
    client, user = signed_in
    client.post(URL, {"action": "create"})
    old_key = Token.objects.get(user=user).key

    client.post(URL, {"action": "create"})

    assert api_status(old_key) == 401
    assert api_status(Token.objects.get(user=user).key) == 200


def test_revoking_the_token_stops_it(signed_in):
    client, user = signed_in
    client.post(URL, {"action": "create"})
    key = Token.objects.get(user=user).key

    response = client.post(URL, {"action": "revoke"})

    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists()
    assert api_status(key) == 401


def test_a_person_only_touches_their_own_token(client, executive, other_executive):
    others = Token.objects.create(user=other_executive)
    client.force_login(executive)

    client.post(URL, {"action": "revoke"})
    client.post(URL, {"action": "create"})

    assert Token.objects.get(user=other_executive).key == others.key


@pytest.mark.parametrize("data", [{}, {"action": "steal"}])
def test_an_unknown_action_is_a_400(client, executive, data):
    client.force_login(executive)

    response = client.post(URL, data)

    assert response.status_code == 400
    assert not Token.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_navigation_links_to_the_page_for_signed_in_people(client, executive):
    client.force_login(executive)

    assert f'href="{URL}"' in client.get(reverse("profiles:me")).content.decode()


def test_a_wrong_token_is_a_401(db):
    assert api_status("0" * 40) == 401


def test_a_new_token_has_a_copy_button_that_only_javascript_shows(signed_in):
    """Progressive enhancement: the button starts hidden and copy-value.js (a file, as the CSP
    requires) shows it where a clipboard is at hand; without it the read-only field remains."""
    client, user = signed_in

    page = client.post(URL, {"action": "create"}, follow=True).content.decode()

    key = Token.objects.get(user=user).key
    assert f'id="api-token-key" class="api-token-key" type="text" value="{key}" readonly' in page
    button = page[page.index("<button", page.index('id="api-token-key"')) :].split(">")[0]
    assert 'data-copy-from="api-token-key"' in button
    assert 'data-copy-status="api-token-copied"' in button
    assert " hidden" in button
    assert '<span class="helptext" id="api-token-copied" role="status"></span>' in page
    assert 'src="/static/js/copy-value.js" defer' in page


def test_the_copy_button_is_only_there_with_a_new_token(signed_in):
    client, _user = signed_in

    assert "data-copy-from" not in client.get(URL).content.decode()
