"""Rate limits: per user and per anonymous address, stricter for advice, export and deletion."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from profiles.models import CandidateExport
from tests.clients import token_client

pytestmark = pytest.mark.django_db

PLATFORMS_URL = reverse("api-v1:platform-list")
RECOMMENDATIONS_URL = reverse("api-v1:recommendations")
CANDIDATES_URL = reverse("api-v1:candidate-list")
EXPORT_URL = reverse("api-v1:candidate-export")
ME_URL = reverse("api-v1:me")
BODY = {"purpose": "recruiting", "target": {"company_type": "foreign", "seniority": "junior"}}


def assert_throttled(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"]


def test_anonymous_callers_are_limited_by_address(api_client, rates, db):
    rates(anon="2/minute")

    statuses = [api_client.get(PLATFORMS_URL).status_code for _ in range(2)]
    response = api_client.get(PLATFORMS_URL)

    assert statuses == [200, 200]
    assert_throttled(response)


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(api_client, rates, db):
    rates(anon="1/minute")
    api_client.get(PLATFORMS_URL, HTTP_X_FORWARDED_FOR="203.0.113.1")

    assert_throttled(api_client.get(PLATFORMS_URL, HTTP_X_FORWARDED_FOR="203.0.113.2"))


def test_signed_in_callers_are_limited_per_user(executive, other_executive, rates):
    rates(user="2/minute")
    owner, other = token_client(executive), token_client(other_executive)
    for _ in range(2):
        owner.get(PLATFORMS_URL)

    assert_throttled(owner.get(PLATFORMS_URL))
    assert other.get(PLATFORMS_URL).status_code == 200


def test_advice_has_a_stricter_limit_than_the_rest(api_client, rates, db):
    rates(recommendations="1/minute")
    assert api_client.post(RECOMMENDATIONS_URL, BODY, format="json").status_code == 200

    assert_throttled(api_client.post(RECOMMENDATIONS_URL, BODY, format="json"))
    assert api_client.get(PLATFORMS_URL).status_code == 200


def test_advice_on_a_candidate_counts_against_the_same_limit(recruiter, executive, rates):
    rates(recommendations="1/minute")
    client = token_client(recruiter)
    client.post(RECOMMENDATIONS_URL, BODY, format="json")
    url = reverse("api-v1:candidate-recommendation", kwargs={"pk": executive.executive_profile.pk})

    assert_throttled(client.get(url, {"purpose": "recruiting"}))


def test_candidate_export_has_the_strictest_limit(recruiter, rates):
    rates(candidate_export="1/hour")
    client = token_client(recruiter)
    assert client.get(EXPORT_URL).status_code == 200

    assert_throttled(client.get(EXPORT_URL))
    assert CandidateExport.objects.count() == 1
    assert client.get(CANDIDATES_URL).status_code == 200


def test_password_guesses_on_account_deletion_are_limited(executive, rates):
    rates(account_deletion="2/hour")
    client = token_client(executive)
    for _ in range(2):
        client.delete(ME_URL, {"password": "guess"})

    assert_throttled(client.delete(ME_URL, {"password": "a-long-test-password"}))


def test_counters_live_in_the_shared_cache(api_client, db):
    api_client.get(PLATFORMS_URL)

    assert cache.get("throttle_anon_127.0.0.1")
