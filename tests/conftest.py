"""Fixtures shared by the whole suite: one per role a request can come from.

Roles: anonymous (the plain `client`), the owner of a profile (`executive`), another executive
(`other_executive`), a recruiter (holds `profiles.search_candidates` through the Recruiters
group), and an admin (staff superuser).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from hypothesis import HealthCheck, settings

from tests.factories import ExecutiveProfileFactory, UserFactory

# Property tests run beside the browser journeys on two busy cores: judge them by what they
# find, not by how fast the machine happens to be, and explore the same examples every run.
settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("suite")

ROLES = ["anonymous", "owner", "other_executive", "recruiter", "admin"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, so API rate-limit counters never carry over."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_cache_on(settings):
    """Keep shared pages and search rows as production does (the test settings turn it off)."""
    settings.SHARED_CACHE_SECONDS = 600


@pytest.fixture
def recruiters_group(db):
    group, _ = Group.objects.get_or_create(name="Recruiters")
    group.permissions.add(
        Permission.objects.get(codename="search_candidates", content_type__app_label="profiles")
    )
    return group


@pytest.fixture
def executive(db):
    """A user who owns a profile shared with recruiters."""
    return ExecutiveProfileFactory(user__username="owner").user


@pytest.fixture
def other_executive(db):
    return ExecutiveProfileFactory(user__username="other-executive").user


@pytest.fixture
def recruiter(db, recruiters_group):
    user = UserFactory(username="recruiter")
    user.groups.add(recruiters_group)
    return user


@pytest.fixture
def recruiter_client(client, recruiter):
    client.force_login(recruiter)
    return client


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


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
