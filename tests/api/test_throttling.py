"""Rate limits: per user and per anonymous address, stricter for advice, export and deletion,
counted in the shared cache; the page export shares the API export's; bad tokens count as
anonymous requests. tests/test_shared_limits.py proves them across gunicorn workers."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from core import throttling
from core.throttling import count_request, shared_cache
from profiles.models import CandidateExport
from tests.clients import token_client
from tests.conftest import WINDOW_START
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLATFORMS_URL = reverse("api-v1:platform-list")
RECOMMENDATIONS_URL = reverse("api-v1:recommendations")
CANDIDATES_URL = reverse("api-v1:candidate-list")
EXPORT_URL = reverse("api-v1:candidate-export")
ME_URL = reverse("api-v1:me")
PAGE_EXPORT_URL = reverse("profiles:candidate_export")
# Stores every worker and server sees; never a process's memory.
SHARED_BACKENDS = {
    "core.throttling.CounterDatabaseCache",
    "core.redis_cache.RedisCache",
}
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


@pytest.fixture
def window_start(monkeypatch):
    """The clock at the start of a window, so a limit's Retry-After is its whole period."""
    monkeypatch.setattr(throttling, "clock", lambda: WINDOW_START)


def test_counters_live_in_the_shared_cache_not_in_process_memory(api_client, window_start, db):
    api_client.get(PLATFORMS_URL)

    counter = f"throttle:throttle_anon_127.0.0.1:{WINDOW_START // 60}"
    assert shared_cache().incr(counter) == 2
    assert cache.get("throttle_anon_127.0.0.1") is None
    assert settings.CACHES[settings.SHARED_CACHE_ALIAS]["BACKEND"] in SHARED_BACKENDS


def test_a_limit_lets_through_exactly_its_number_per_window(window_start, db):
    answers = [count_request("test", limit=3, period=60) for _ in range(4)]

    assert answers == [None, None, None, 60]


def test_the_next_window_starts_a_new_count(monkeypatch, db):
    now = [WINDOW_START + 59.5]
    monkeypatch.setattr(throttling, "clock", lambda: now[0])
    answers = [count_request("test", limit=1, period=60) for _ in range(2)]

    now[0] = WINDOW_START + 60
    answers.append(count_request("test", limit=1, period=60))

    assert answers == [None, 1.0, None]


in_the_database = pytest.mark.skipif(
    settings.REDIS_URL != "", reason="the database's counter table; Redis expires keys itself"
)


@in_the_database
def test_an_expired_counter_is_never_raised_and_is_taken_over_by_add(db):
    store = shared_cache()
    store.add("counter", 5, timeout=-1)

    with pytest.raises(ValueError, match="not found"):
        store.incr("counter")
    assert store.add("counter", 1, timeout=60) is True
    assert store.add("counter", 1, timeout=60) is False
    assert store.incr("counter") == 2


@in_the_database
def test_expired_counters_are_cleaned_up_now_and_then(monkeypatch, db):
    store = shared_cache()
    store.add("gone", 1, timeout=-1)
    monkeypatch.setattr(throttling, "CLEAN_UP_EVERY", 1)

    store.add("kept", 1, timeout=60)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {store._table}")
        assert [key for (key,) in cursor.fetchall()] == [store.make_key("kept")]


def test_page_and_api_exports_count_against_one_limit_per_recruiter(
    recruiter, recruiter_client, rates, window_start, db
):
    rates(candidate_export="2/hour")
    assert recruiter_client.get(PAGE_EXPORT_URL).status_code == 200
    assert token_client(recruiter).get(EXPORT_URL).status_code == 200

    page = recruiter_client.get(PAGE_EXPORT_URL)
    assert_throttled(token_client(recruiter).get(EXPORT_URL))
    assert page.status_code == 429
    assert page["Retry-After"] == "3600"
    assert "Try again in 60 minutes." in page.content.decode()
    assert CandidateExport.objects.count() == 2


def test_another_recruiters_exports_are_counted_apart(recruiter, client, rates, db):
    rates(candidate_export="1/hour")
    other = UserFactory(username="other-recruiter")
    other.groups.set(recruiter.groups.all())
    token_client(recruiter).get(EXPORT_URL)
    client.force_login(other)

    assert client.get(PAGE_EXPORT_URL).status_code == 200


def test_invalid_tokens_are_throttled_at_the_anonymous_rate(api_client, rates, db):
    rates(anon="2/minute")
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")

    statuses = [api_client.get(PLATFORMS_URL).status_code for _ in range(2)]
    response = api_client.get(PLATFORMS_URL)

    assert statuses == [401, 401]
    assert_throttled(response)


def test_invalid_tokens_and_anonymous_requests_share_one_count(api_client, owner_api, rates, db):
    rates(anon="2/minute")
    api_client.get(PLATFORMS_URL)
    api_client.credentials(HTTP_AUTHORIZATION="Token garbage garbage")
    assert api_client.get(PLATFORMS_URL).status_code == 401

    assert_throttled(api_client.get(PLATFORMS_URL))
    assert owner_api.get(PLATFORMS_URL).status_code == 200
