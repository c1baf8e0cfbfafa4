"""Fixtures shared by the whole suite: one per role a request can come from.

Roles: anonymous (the plain `client`), the owner of a profile (`executive`), another executive
(`other_executive`), a recruiter (holds `profiles.search_candidates` through the Recruiters
group), and an admin (staff superuser).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from core import cache as core_cache
from core import throttling
from platforms.models import Platform
from tests.clients import token_client
from tests.factories import ExecutiveProfileFactory, PlatformFactory, UserFactory

# Property tests run beside the browser journeys on two busy cores: judge them by what they
# find, not by how fast the machine happens to be, and explore the same examples every run.
settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("suite")

ROLES = ["anonymous", "owner", "other_executive", "recruiter", "admin"]

# CI (.ci/run) runs every test: a skip there means a server or setting the suite relies on went
# missing, so it fails the run instead of passing quietly. Elsewhere a skip names what it needs
# (Redis, PostgreSQL, the database's counter table) and the run goes on.
EVERY_TEST_RUNS = os.environ.get("EVERY_TEST_RUNS") == "1"
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if EVERY_TEST_RUNS and report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _skipped:
        print(f"\nEVERY_TEST_RUNS: {len(_skipped)} skipped, so the run fails:", *_skipped, sep="\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """Every test starts with empty caches, so rate-limit counters never carry over. Those live
    in the database (the "shared" cache), where a transactional test or a module's fixture may
    have committed some: a test that uses the database starts by clearing them."""
    cache.clear()
    caches[django_settings.PAGES_CACHE_ALIAS].clear()
    core_cache._versions_read.clear()  # the versions this process read lately, with the rest
    uses_database = {"db", "transactional_db"} & set(request.fixturenames)
    if uses_database or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            caches[django_settings.SHARED_CACHE_ALIAS].clear()
    yield
    cache.clear()


# A moment at the start of every rate limit's window (each rate's period divides it).
WINDOW_START = 3600 * 500_000


@pytest.fixture(autouse=True)
def _steady_rate_limits(monkeypatch):
    """Rate limits without chance or time: their counters' table deletes expired rows on one new
    window in a thousand, at random, and a new window starts its counter with a second
    statement. A test pinning a page's statements would meet either now and then, so tests
    start in one window, at its start, without the clean-up; the tests of those turn them on."""
    monkeypatch.setattr(throttling, "CLEAN_UP_EVERY", 0)
    monkeypatch.setattr(throttling, "clock", lambda: WINDOW_START)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. A request to a /zh-hans/ page leaves
    Chinese active in the thread (LocaleMiddleware never switches back), and `reverse()` in the
    next test would build its addresses in Chinese."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


def make_recruiters_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Recruiters")
    group.permissions.add(
        Permission.objects.get(codename="search_candidates", content_type__app_label="profiles")
    )
    return group


def make_executive(username: str = "owner") -> User:
    """A user who owns a profile shared with recruiters."""
    return ExecutiveProfileFactory(user__username=username).user


def make_recruiter(group: Group) -> User:
    user = UserFactory(username="recruiter")
    user.groups.add(group)
    return user


def make_admin() -> User:
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def recruiters_group(db):
    return make_recruiters_group()


@pytest.fixture
def executive(db):
    return make_executive()


@pytest.fixture
def other_executive(db):
    return make_executive("other-executive")


@pytest.fixture
def recruiter(db, recruiters_group):
    return make_recruiter(recruiters_group)


@pytest.fixture
def recruiter_client(client, recruiter):
    client.force_login(recruiter)
    return client


@pytest.fixture
def admin_user(db):
    return make_admin()


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """One transaction around a whole module, rolled back at its end, for objects that all its
    tests read and none keeps (Django's `setUpTestData`): each test runs in a savepoint inside
    it, so what a test writes is gone before the next, and the objects are built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def user_for_role(request, executive, other_executive, recruiter, admin_user):
    """Look up the user of a role by name; None for anonymous."""
    users = {
        "anonymous": None,
        "owner": executive,
        "other_executive": other_executive,
        "recruiter": recruiter,
        "admin": admin_user,
    }
    return users.__getitem__


@pytest.fixture
def client_for_role(client, user_for_role):
    """A test client logged in as the named role (anonymous stays logged out)."""

    def login(role: str):
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


# --- API clients and platforms shaped like the real ones ---


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


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
