"""The permission matrix: every named route, role and method, and the status it must answer.

A route added without a row here fails `test_every_route_is_in_the_matrix`, so nobody ships a
page without deciding who may open it. Deny by default: an object outside a user's reach is a
404 (its existence doesn't leak), a page outside a user's role is a 403, and anonymous visitors
of a page that needs an account are sent to log in (302).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from profiles.models import Visibility
from tests.conftest import ROLES
from tests.factories import ExecutiveProfileFactory, PlatformFactory

pytestmark = pytest.mark.django_db

# Namespaces left out of the matrix on purpose:
# - "admin": Django's admin has its own staff-only permission system, tested by the admin tests.
SKIPPED_NAMESPACES = {"admin"}

GET, POST = "GET", "POST"


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def by_role(
    *, anonymous: int, owner: int, other_executive: int, recruiter: int, admin: int
) -> dict[str, int]:
    return {
        "anonymous": anonymous,
        "owner": owner,
        "other_executive": other_executive,
        "recruiter": recruiter,
        "admin": admin,
    }


def logged_in(status: int, *, anonymous: int = 302) -> dict[str, int]:
    """A page for anyone with an account; anonymous visitors are sent to log in."""
    return {**everyone(status), "anonymous": anonymous}


@dataclass(frozen=True)
class Row:
    """One route and method, the status per role; URL kwargs and query built from `objects`."""

    name: str
    method: str
    statuses: dict[str, int]
    kwargs: Callable[[dict], dict] = field(default=lambda objects: {})
    label: str = ""
    query: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.name}{f'[{self.label}]' if self.label else ''} {self.method}"


RECRUITERS_ONLY = by_role(anonymous=302, owner=403, other_executive=403, recruiter=200, admin=200)
NOT_ACCEPTED = everyone(405)
# Executives have a profile; the recruiter and admin accounts in the fixtures do not.
OWN_PROFILE_PAGE_WITHOUT_PROFILE_REDIRECTS = by_role(
    anonymous=302, owner=200, other_executive=200, recruiter=302, admin=302
)

MATRIX = [
    # Public platform pages.
    Row("platforms:directory", GET, everyone(200)),
    Row("platforms:detail", GET, everyone(200), lambda o: {"slug": o["platform"].slug}),
    Row("platforms:compare", GET, everyone(200)),
    Row("platforms:compare_csv", GET, everyone(200), query={"p": ["weibo", "maimai"]}),
    # Language switch.
    Row("set_language", GET, everyone(302)),
    Row("set_language", POST, everyone(302)),
    # Accounts (django.contrib.auth): forms answer 200 when re-shown with errors.
    Row("login", GET, everyone(200)),
    Row("login", POST, everyone(200)),
    Row("logout", GET, everyone(405)),
    Row("logout", POST, everyone(302)),
    Row("password_change", GET, logged_in(200)),
    Row("password_change", POST, logged_in(200)),
    Row("password_change_done", GET, logged_in(200)),
    Row("password_reset", GET, everyone(200)),
    Row("password_reset", POST, everyone(200)),
    Row("password_reset_done", GET, everyone(200)),
    Row(
        "password_reset_confirm",
        GET,
        everyone(200),
        lambda o: {"uidb64": "bm9ib2R5", "token": "not-a-token"},
    ),
    Row(
        "password_reset_confirm",
        POST,
        everyone(200),
        lambda o: {"uidb64": "bm9ib2R5", "token": "not-a-token"},
    ),
    Row("password_reset_complete", GET, everyone(200)),
    # Sign-up and the privacy notice; a logged-in person is sent to their own profile.
    Row("profiles:signup", GET, logged_in(302, anonymous=200)),
    Row("profiles:signup", POST, logged_in(302, anonymous=400)),
    Row("profiles:privacy", GET, everyone(200)),
    # The executive's own pages: no id in the URL, each works on request.user's own profile.
    Row("profiles:me", GET, logged_in(200)),
    Row(
        "profiles:me",
        POST,
        by_role(anonymous=302, owner=302, other_executive=302, recruiter=400, admin=400),
    ),
    Row("profiles:me_edit", GET, OWN_PROFILE_PAGE_WITHOUT_PROFILE_REDIRECTS),
    Row(
        "profiles:me_edit",
        POST,
        by_role(anonymous=302, owner=400, other_executive=400, recruiter=302, admin=302),
    ),
    Row("profiles:me_memberships", GET, OWN_PROFILE_PAGE_WITHOUT_PROFILE_REDIRECTS),
    Row(
        "profiles:me_memberships",
        POST,
        by_role(anonymous=302, owner=400, other_executive=400, recruiter=302, admin=302),
    ),
    Row("profiles:me_export", GET, logged_in(200)),
    # Staff accounts are not deleted from the site: an admin removes them in the admin.
    Row(
        "profiles:me_delete",
        GET,
        by_role(anonymous=302, owner=200, other_executive=200, recruiter=200, admin=403),
    ),
    Row(
        "profiles:me_delete",
        POST,
        by_role(anonymous=302, owner=400, other_executive=400, recruiter=400, admin=403),
    ),
    # Outreach advice for a hypothetical target: public.
    Row("profiles:advisor", GET, everyone(200)),
    # Recruiter candidate search: read-only, so POST is refused.
    Row("profiles:candidates", GET, RECRUITERS_ONLY),
    Row("profiles:candidates", POST, NOT_ACCEPTED),
    Row("profiles:candidate_export", GET, RECRUITERS_ONLY),
    Row("profiles:candidate_export", POST, NOT_ACCEPTED),
    # Profile pages: outside a user's reach is a 404, never a 403.
    Row(
        "profiles:detail",
        GET,
        by_role(anonymous=404, owner=200, other_executive=404, recruiter=200, admin=200),
        lambda o: {"pk": o["shared_profile"].pk},
        label="owner's profile, shared with recruiters",
    ),
    Row(
        "profiles:detail",
        GET,
        everyone(200),
        lambda o: {"pk": o["public_profile"].pk},
        label="public profile",
    ),
    # IDOR: guessing the id of someone else's private profile finds nothing.
    Row(
        "profiles:detail",
        GET,
        by_role(anonymous=404, owner=404, other_executive=404, recruiter=404, admin=200),
        lambda o: {"pk": o["private_profile"].pk},
        label="someone else's private profile",
    ),
    Row(
        "profiles:detail",
        POST,
        NOT_ACCEPTED,
        lambda o: {"pk": o["shared_profile"].pk},
        label="owner's profile, shared with recruiters",
    ),
]


@pytest.fixture
def objects(executive):
    """The objects the matrix's URLs point at."""
    return {
        "platform": PlatformFactory(slug="weibo", name_en="Weibo"),
        "other_platform": PlatformFactory(slug="maimai", name_en="Maimai"),
        "shared_profile": executive.executive_profile,
        "public_profile": ExecutiveProfileFactory(visibility=Visibility.PUBLIC),
        "private_profile": ExecutiveProfileFactory(visibility=Visibility.PRIVATE),
    }


@pytest.mark.parametrize(
    ("row", "role"),
    [pytest.param(row, role, id=f"{row.id} as {role}") for row in MATRIX for role in ROLES],
)
def test_permission_matrix(client_for_role, objects, row, role):
    url = reverse(row.name, kwargs=row.kwargs(objects))
    client = client_for_role(role)

    response = client.get(url, row.query) if row.method == GET else client.post(url)

    assert response.status_code == row.statuses[role]


def test_the_executive_fixture_is_shared_with_recruiters(executive):
    """The matrix's first profile row relies on this: a private one would hide from recruiters."""
    assert executive.executive_profile.visibility == Visibility.RECRUITERS


def named_routes(patterns, namespace: str | None = None) -> set[str]:
    """Every reversible route name below `patterns`, namespaced as reverse() takes it."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = pattern.namespace
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            names |= named_routes(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_route_is_in_the_matrix():
    routes = named_routes(get_resolver().url_patterns)
    covered = {row.name for row in MATRIX}

    assert routes - covered == set(), "routes without a row in the permission matrix"
    assert covered - routes == set(), "matrix rows for routes that no longer exist"


def test_the_walk_finds_nested_namespaced_routes():
    """Guards the walker itself: it must see routes inside includes, with their namespace."""
    routes = named_routes(get_resolver().url_patterns)

    assert {"profiles:candidates", "platforms:directory", "login"} <= routes
    assert not any(name.startswith("admin:") for name in routes)
