"""Errors are JSON objects naming what went wrong, never an HTML page or a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.api import exception_handler
from profiles.models import ExecutiveProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_api_address_is_a_json_404(api_client, method):
    response = getattr(api_client, method)("/api/v1/no/such/thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "no API endpoint" in response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/x%0A/", "/api/v1/x%0A", "/api/v1/%0D%0A", "/api/", "/api/v2/platforms/"]
)
def test_every_unknown_address_under_the_api_is_a_json_404(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "no API endpoint" in response.json()["detail"]


def test_a_missing_trailing_slash_is_pointed_out(api_client):
    response = api_client.get("/api/v1/platforms")

    assert response.status_code == 404
    assert "/api/v1/platforms/" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/candidates/-1/", "/api/v1/me/memberships/abc/"])
def test_ids_that_are_not_numbers_are_a_json_404(recruiter_api, path):
    response = recruiter_api.get(path)

    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_method_an_endpoint_does_not_offer_is_a_json_405(api_client):
    response = api_client.delete(reverse("api-v1:platform-list"))

    assert response.status_code == 405
    assert "DELETE" in response.json()["detail"]


def test_asking_for_anything_but_json_is_a_json_406(api_client):
    response = api_client.get(reverse("api-v1:platform-list"), HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response.json()["detail"]


def test_a_service_validation_error_becomes_a_400_naming_its_fields():
    error = ValidationError({"platform": ["Shut down."], "__all__": ["Conflict."]})

    response = exception_handler(error, {})

    assert response.status_code == 400
    assert response.data == {"platform": ["Shut down."], "non_field_errors": ["Conflict."]}


def test_a_service_validation_error_without_fields_is_a_400_too():
    response = exception_handler(ValidationError("Not allowed."), {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Not allowed."]}


def test_other_exceptions_are_left_to_django():
    assert exception_handler(RuntimeError("boom"), {}) is None


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        ("api-v1:platform-list", {"q": "wei\x00bo"}, "q"),
        ("api-v1:platform-list", {"language": "e\x00n"}, "language"),
        ("api-v1:compare", {"p": ["weibo", "mai\x00mai"]}, "p"),
        ("api-v1:candidate-list", {"platform": "wei\x00bo"}, "platform"),
        ("api-v1:candidate-list", {"q": "\x00"}, "q"),
        ("api-v1:candidate-export", {"city": "shang\x00hai"}, "city"),
    ],
)
def test_a_nul_byte_in_a_parameter_is_a_400_naming_it(admin_api, weibo, url, query, field):
    """PostgreSQL refuses NUL bytes outright; they must be turned away before they reach it."""
    response = admin_api.get(reverse(url), query)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        ("patch", "api-v1:me-profile", {"display_name": "Wang\x00"}, "display_name"),
        ("post", "api-v1:me-membership-list", {"platform": "wei\x00bo"}, "platform"),
        ("post", "api-v1:me-membership-list", {"platform": "weibo", "handle": "@\x00"}, "handle"),
    ],
)
def test_a_nul_byte_in_a_body_is_a_400_naming_it(owner_api, weibo, method, url, body, field):
    response = getattr(owner_api, method)(reverse(url), body)

    assert response.status_code == 400
    assert field in response.json()


def test_a_nul_byte_in_advice_input_is_a_400_naming_it(api_client, weibo):
    body = {
        "purpose": "recruiting",
        "target": {
            "company_type": "foreign",
            "seniority": "junior",
            "memberships": [{"platform": "wei\x00bo"}],
        },
    }

    response = api_client.post(reverse("api-v1:recommendations"), body, format="json")

    assert response.status_code == 400
    assert "platform" in response.json()["target"]["memberships"]["0"]


@pytest.mark.parametrize(
    "body",
    [
        {"is_fictional": True},
        {"id": 1},
        {"consent_at": "2000-01-01T00:00:00Z"},
        {"created_at": "2000-01-01T00:00:00Z"},
        {"updated_at": "2000-01-01T00:00:00Z"},
        {"page_url": "https://example.com/"},
    ],
    ids=lambda body: next(iter(body)),
)
def test_a_read_only_key_in_the_own_profile_is_a_400_naming_it(owner_api, executive, body):
    response = owner_api.patch(reverse("api-v1:me-profile"), {"title": "CEO", **body})

    assert response.status_code == 400
    assert response.json() == {next(iter(body)): ["This field is read-only."]}
    assert ExecutiveProfile.objects.get(user=executive).title != "CEO"


@pytest.mark.parametrize("body", [{"platform_name": "Weibo"}, {"id": 1}], ids=["name", "id"])
def test_a_read_only_key_in_a_membership_is_a_400_naming_it(owner_api, executive, weibo, body):
    created = owner_api.post(reverse("api-v1:me-membership-list"), {"platform": "weibo", **body})

    assert created.status_code == 400
    assert list(created.json()) == list(body)


def test_unknown_and_read_only_keys_are_named_together(owner_api):
    response = owner_api.patch(reverse("api-v1:me-profile"), {"sendr": 1, "is_fictional": True})

    assert response.status_code == 400
    assert response.json() == {
        "is_fictional": ["This field is read-only."],
        "sendr": ["This field is not part of this request."],
    }


@pytest.mark.parametrize("value", [123, 1.5, True, ["CEO"], {"en": "CEO"}], ids=repr)
def test_a_json_value_that_is_not_text_for_a_text_field_is_a_400_naming_it(
    owner_api, executive, value
):
    response = owner_api.patch(reverse("api-v1:me-profile"), {"title": value}, format="json")

    assert response.status_code == 400
    assert response.json() == {"title": ["Not a valid string."]}
    assert ExecutiveProfile.objects.get(user=executive).title != str(value)
