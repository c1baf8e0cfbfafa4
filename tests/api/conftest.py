"""Fixtures for the API tests: clients that authenticate as each role with a real token, a few
platforms shaped like the real ones, and a way to set rate limits for one test."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from platforms.models import Platform
from tests.factories import PlatformFactory


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


def token_client(user) -> APIClient:
    """A client sending `user`'s API token, as a script would."""
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api_client_for_role(user_for_role) -> Callable[[str], APIClient]:
    """An API client holding the named role's token (anonymous sends none)."""

    def client_for(role: str) -> APIClient:
        user = user_for_role(role)
        return APIClient() if user is None else token_client(user)

    return client_for


@pytest.fixture
def owner_api(executive) -> APIClient:
    return token_client(executive)


@pytest.fixture
def recruiter_api(recruiter) -> APIClient:
    return token_client(recruiter)


@pytest.fixture
def admin_api(admin_user) -> APIClient:
    return token_client(admin_user)


@pytest.fixture
def weibo(db) -> Platform:
    return PlatformFactory(
        slug="weibo",
        name_en="Weibo",
        name_zh="微博",
        kind=Platform.Kind.MICROBLOG,
        cold_messaging=Platform.ColdMessaging.YES,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        languages=["zh-hans"],
    )


@pytest.fixture
def maimai(db) -> Platform:
    return PlatformFactory(
        slug="maimai",
        name_en="Maimai",
        name_zh="脉脉",
        kind=Platform.Kind.CONTACTS,
        anonymous_posting=Platform.Availability.YES,
        languages=["zh-hans"],
    )


@pytest.fixture
def linkedin(db) -> Platform:
    return PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        name_zh="领英",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.RESTRICTED,
        email_reliance=Platform.Level.HIGH,
        reach_beyond_china=Platform.Level.HIGH,
        languages=["en", "zh-hans"],
    )


@pytest.fixture
def ushi(db) -> Platform:
    """A platform that has shut down (Ushi collapsed)."""
    return PlatformFactory(
        slug="ushi",
        name_en="Ushi",
        name_zh="优士网",
        status=Platform.Status.SHUT_DOWN,
        historical=True,
        languages=["en", "zh-hans"],
    )


@pytest.fixture
def rates(monkeypatch) -> Callable[..., None]:
    """Set API rate limits for one test: `rates(anon="2/minute", recommendations="1/minute")`.

    DRF reads the rates into a class attribute at import, so overriding the setting alone would
    not reach the throttles.
    """

    def set_rates(**overrides: str) -> None:
        merged = {**SimpleRateThrottle.THROTTLE_RATES, **overrides}
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", merged)

    return set_rates
