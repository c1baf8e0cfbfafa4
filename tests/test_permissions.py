"""The permission matrix: every named route, role and method, and the status it must answer.

A route added without a row here fails `test_every_route_is_in_the_matrix`, so nobody ships a
page without deciding who may open it. Deny by default: an object outside a user's reach is a
404 (its existence doesn't leak), a page outside a user's role is a 403, and anonymous visitors
of a page that needs an account are sent to log in (302).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from profiles.models import Block, ExecutiveProfile, Visibility
from tests.conftest import (
    ROLES,
    make_admin,
    make_executive,
    make_recruiter,
    make_recruiters_group,
)
from tests.factories import (
    ConnectionRequestFactory,
    ExecutiveProfileFactory,
    IntroductionFactory,
    MembershipFactory,
    PlatformFactory,
    SavedSearchFactory,
    UserFactory,
    connect,
)
from workspace import services as workspace_services
from workspace.outreach_log import log_outreach

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

# My network's actions on one request or person, and which of the owner's objects each names.
NETWORK_ACTIONS = (
    ("network_accept", "request_to_owner"),
    ("network_decline", "request_to_owner"),
    ("network_withdraw", "request_from_owner"),
    ("network_remove", "owners_connection"),
    ("network_unblock", "blocked_by_owner"),
)

RECRUITERS_REFUSED_INPUT = {**RECRUITERS_ONLY, "recruiter": 400, "admin": 400}
NOT_A_MEMBER = {**RECRUITERS_ONLY, "recruiter": 404, "admin": 404}


def project_member(status: int) -> dict[str, int]:
    """A page of one project: the status for its member (the recruiter), 404 for the admin."""
    return {**NOT_A_MEMBER, "recruiter": status}


def workspace_rows(project: str, entry: str, member: dict[str, int] | None = None) -> list[Row]:
    """Every page of a project and of a candidate in it, each method it refuses included;
    `member`, when given, is every role's status in place of the member's own (another
    recruiter's project)."""

    def of_project(o: dict) -> dict:
        return {"pk": o[project].pk}

    def of_entry(o: dict, **more: int) -> dict:
        return {"pk": o[project].pk, "entry_pk": o[entry].pk, **more}

    pages = [
        ("workspace:project", GET, 200, of_project),
        ("workspace:project_settings", GET, 200, of_project),
        ("workspace:project_settings", POST, 400, of_project),
        ("workspace:project_archive", POST, 400, of_project),
        ("workspace:project_share", POST, 400, of_project),
        (
            "workspace:member_remove",
            POST,
            302,
            lambda o: {"pk": o[project].pk, "member_pk": o[f"{project}_member"].pk},
        ),
        ("workspace:project_export", GET, 200, of_project),
        ("workspace:entry", GET, 200, of_entry),
        ("workspace:entry_stage", POST, 400, of_entry),
        ("workspace:entry_note", POST, 400, of_entry),
        ("workspace:note_delete", POST, 302, lambda o: of_entry(o, note_pk=o[f"{entry}_note"].pk)),
        ("workspace:entry_tag", POST, 400, of_entry),
        ("workspace:entry_untag", POST, 302, lambda o: of_entry(o, tag_pk=o[f"{entry}_tag"].pk)),
        ("workspace:entry_remove", POST, 302, of_entry),
        ("workspace:entry_outreach", POST, 400, of_entry),
        (
            "workspace:outreach_outcome",
            POST,
            400,
            lambda o: of_entry(o, log_pk=o[f"{entry}_log"].pk),
        ),
    ]
    answered = {(name, method) for name, method, _status, _kwargs in pages}
    label = project.replace("_", " ")
    rows = []
    for name, method, status, kwargs in pages:
        rows.append(Row(name, method, member or project_member(status), kwargs, label=label))
        refused = POST if method == GET else GET
        if (name, refused) not in answered:
            rows.append(Row(name, refused, NOT_ACCEPTED, kwargs, label=label))
    return rows


def saved_search_rows(search: str, *, recruiter_get: int, recruiter_post: int) -> list[Row]:
    """A saved search's pages: settings (GET, and POST refused without a name), open, delete;
    the admin owns none of them (404), each other method is refused."""

    def of_search(o: dict) -> dict:
        return {"pk": o[search].pk}

    def statuses(recruiter: int) -> dict[str, int]:
        return {**NOT_A_MEMBER, "recruiter": recruiter}

    opened = 302 if recruiter_get == 200 else recruiter_get
    label = search.replace("_", " ")
    return [
        Row("workspace:saved_search", GET, statuses(recruiter_get), of_search, label=label),
        Row("workspace:saved_search", POST, statuses(recruiter_post), of_search, label=label),
        Row("workspace:saved_search_open", GET, statuses(opened), of_search, label=label),
        Row("workspace:saved_search_open", POST, NOT_ACCEPTED, of_search, label=label),
        Row("workspace:saved_search_delete", POST, statuses(opened), of_search, label=label),
        Row("workspace:saved_search_delete", GET, NOT_ACCEPTED, of_search, label=label),
    ]


MATRIX = [
    # Public platform pages.
    Row("platforms:directory", GET, everyone(200)),
    Row("platforms:detail", GET, everyone(200), lambda o: {"slug": o["platform"].slug}),
    Row("platforms:compare", GET, everyone(200)),
    Row("platforms:compare_csv", GET, everyone(200), query={"p": ["weibo", "maimai"]}),
    Row("platforms:changes_feed", GET, everyone(200)),
    Row(
        "platforms:platform_changes_feed",
        GET,
        everyone(200),
        lambda o: {"slug": o["platform"].slug},
    ),
    # The load balancer's probes: anyone may ask, nobody may write.
    Row("healthz", GET, everyone(200)),
    Row("healthz", POST, everyone(405)),
    Row("readyz", GET, everyone(200)),
    Row("readyz", POST, everyone(405)),
    # Language switch.
    Row("set_language", GET, everyone(302)),
    Row("set_language", POST, everyone(302)),
    # Accounts (django.contrib.auth): forms answer 200 when re-shown with errors.
    Row("login", GET, everyone(200)),
    Row("login", POST, everyone(200)),
    Row("logout", GET, everyone(200)),  # a page with the "Log out" button
    Row("logout", POST, everyone(302)),
    Row("password_change", GET, logged_in(200)),
    Row("password_change", POST, logged_in(200)),
    # The same page (profiles' view, found first: wrong old passwords count as failed logins).
    Row("profiles:password_change", GET, logged_in(200)),
    Row("profiles:password_change", POST, logged_in(200)),
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
    # The same page (profiles' view, found first: a reset revokes the API token).
    *(
        Row(
            "profiles:password_reset_confirm",
            method,
            everyone(200),
            lambda o: {"uidb64": "bm9ib2R5", "token": "not-a-token"},
        )
        for method in (GET, POST)
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
    # The API token page: any signed-in person manages their own token; a POST without a
    # known action is refused.
    Row("profiles:api_token", GET, logged_in(200)),
    Row("profiles:api_token", POST, logged_in(400)),
    # Outreach advice for a hypothetical target: public.
    Row("outreach:advisor", GET, everyone(200)),
    # Recruiter candidate search: read-only, so POST is refused.
    Row("profiles:candidates", GET, RECRUITERS_ONLY),
    Row("profiles:candidates", POST, NOT_ACCEPTED),
    Row("profiles:candidate_export", GET, RECRUITERS_ONLY),
    Row("profiles:candidate_export", POST, NOT_ACCEPTED),
    # Introductions: the inbox, asking (the person to meet in ?target=, else a 404) and one
    # introduction, which only its parties reach (the owner asked for it). Accounts without a
    # profile are sent to make one.
    Row("profiles:introductions", GET, OWN_PROFILE_PAGE_WITHOUT_PROFILE_REDIRECTS),
    Row("profiles:introductions", POST, logged_in(405)),
    *(
        Row(
            "profiles:introduction_new",
            method,
            by_role(anonymous=302, owner=404, other_executive=404, recruiter=302, admin=302),
            label="nobody named",
        )
        for method in (GET, POST)
    ),
    Row(
        "profiles:introduction",
        GET,
        by_role(anonymous=302, owner=200, other_executive=404, recruiter=404, admin=404),
        lambda o: {"pk": o["introduction"].pk},
    ),
    Row(
        "profiles:introduction",
        POST,
        by_role(anonymous=302, owner=400, other_executive=404, recruiter=404, admin=404),
        lambda o: {"pk": o["introduction"].pk},
        label="no action",
    ),
    # My network: the owner's own, no id in the page's URL; each action names a request or a
    # person, and one that is not the caller's to act on is a 404. Accounts without a profile
    # are sent to My network, which says how to make one.
    Row("profiles:network", GET, logged_in(200)),
    Row("profiles:network", POST, everyone(405)),
    *(
        row
        for name, obj in NETWORK_ACTIONS
        for row in (
            Row(
                f"profiles:{name}",
                POST,
                by_role(anonymous=302, owner=302, other_executive=404, recruiter=302, admin=302),
                lambda o, obj=obj: {"pk": o[obj].pk},
            ),
            Row(f"profiles:{name}", GET, everyone(405), lambda o, obj=obj: {"pk": o[obj].pk}),
        )
    ),
    Row(
        "profiles:network_connection",
        POST,
        by_role(anonymous=302, owner=400, other_executive=404, recruiter=302, admin=302),
        lambda o: {"pk": o["owners_connection"].pk},
        label="nothing chosen",
    ),
    Row(
        "profiles:network_connection",
        GET,
        everyone(405),
        lambda o: {"pk": o["owners_connection"].pk},
    ),
    Row("profiles:network_block", POST, logged_in(302), lambda o: {"pk": o["public_profile"].pk}),
    Row(
        "profiles:network_block",
        POST,
        by_role(anonymous=302, owner=404, other_executive=404, recruiter=302, admin=302),
        lambda o: {"pk": o["private_profile"].pk},
        label="someone else's private profile, never in touch",
    ),
    Row("profiles:network_block", GET, everyone(405), lambda o: {"pk": o["public_profile"].pk}),
    # Asking to connect: a profile the caller may not see is a 404.
    Row("profiles:connect", GET, logged_in(200), lambda o: {"pk": o["public_profile"].pk}),
    Row(
        "profiles:connect",
        POST,
        logged_in(400),
        lambda o: {"pk": o["public_profile"].pk},
        label="nothing chosen",
    ),
    Row(
        "profiles:connect",
        GET,
        by_role(anonymous=302, owner=404, other_executive=404, recruiter=404, admin=200),
        lambda o: {"pk": o["private_profile"].pk},
        label="someone else's private profile",
    ),
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
    # The owner's preview as a recruiter: anyone else's `as` is ignored, never a way in.
    Row(
        "profiles:detail",
        GET,
        by_role(anonymous=404, owner=200, other_executive=404, recruiter=200, admin=200),
        lambda o: {"pk": o["shared_profile"].pk},
        label="owner's profile, previewed as a recruiter",
        query={"as": "recruiter"},
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
    # The recruiter's workspace: recruiters only; a project is its members' (the recruiter's
    # here), and for anyone else, admins included, it doesn't exist.
    Row("workspace:home", GET, RECRUITERS_ONLY),
    Row("workspace:home", POST, NOT_ACCEPTED),
    Row("workspace:projects", GET, RECRUITERS_ONLY),
    Row("workspace:projects", POST, RECRUITERS_REFUSED_INPUT, label="no name"),
    Row("workspace:add_candidates", GET, RECRUITERS_REFUSED_INPUT, label="nobody chosen"),
    Row("workspace:add_candidates", POST, RECRUITERS_REFUSED_INPUT, label="nobody chosen"),
    *workspace_rows("project", "entry"),
    *workspace_rows("others_project", "others_entry", member=NOT_A_MEMBER),
    # Saved searches: recruiters only, each its owner's (the recruiter's here); another's, and
    # any for an admin who doesn't own it, doesn't exist.
    Row("workspace:saved_searches", GET, RECRUITERS_ONLY),
    Row("workspace:saved_searches", POST, NOT_ACCEPTED),
    Row("workspace:saved_search_new", GET, RECRUITERS_ONLY),
    Row("workspace:saved_search_new", POST, RECRUITERS_REFUSED_INPUT, label="no name"),
    *saved_search_rows("saved_search", recruiter_get=200, recruiter_post=400),
    *saved_search_rows("others_saved_search", recruiter_get=404, recruiter_post=404),
]


def network_objects(owner: ExecutiveProfile, other: ExecutiveProfile) -> dict:
    """The owner's network: connected with the other executive, a request to them and one from
    them open, someone they blocked."""
    connect(owner, other)
    blocked = ExecutiveProfileFactory(visibility=Visibility.PUBLIC)
    Block.objects.create(blocker=owner, blocked=blocked)
    return {
        "owners_connection": other,
        "request_to_owner": ConnectionRequestFactory(recipient=owner),
        "request_from_owner": ConnectionRequestFactory(sender=owner),
        "blocked_by_owner": blocked,
    }


def workspace_objects(owner, candidate: ExecutiveProfile, name: str) -> dict:
    """A project of `owner`'s (a recruiter) with a second member who can view, and `candidate`
    in it with a note and a tag; the keys start with `name` (the candidate's: its "entry")."""
    colleague = UserFactory()
    colleague.groups.add(*owner.groups.all())
    project = workspace_services.create_project(owner=owner, name="CFO, Suzhou")
    entry = workspace_services.add_candidate(project=project, by=owner, profile_id=candidate.pk)
    entry_name = name.replace("project", "entry")
    return {
        name: project,
        f"{name}_member": workspace_services.share_project(
            project=project, by=owner, username=colleague.username, role="view"
        ),
        entry_name: entry,
        f"{entry_name}_note": workspace_services.add_note(
            project_candidate=entry, by=owner, text="Met at the Suzhou CFO forum."
        ),
        f"{entry_name}_tag": workspace_services.tag_candidate(
            project_candidate=entry, by=owner, name="shortlist"
        ),
        f"{entry_name}_log": log_outreach(
            project_candidate=entry, by=owner, channel="email", sent_on=datetime.date(2026, 1, 5)
        ),
    }


def matrix_objects(executive, other_executive, recruiter) -> dict:
    """The objects the matrix's URLs point at."""
    other_recruiter = UserFactory(username="other-recruiter")
    other_recruiter.groups.add(*recruiter.groups.all())
    return {
        **workspace_objects(recruiter, executive.executive_profile, "project"),
        **workspace_objects(other_recruiter, executive.executive_profile, "others_project"),
        "saved_search": SavedSearchFactory(owner=recruiter, query="city=suzhou"),
        "others_saved_search": SavedSearchFactory(owner=other_recruiter, query="city=suzhou"),
        "platform": PlatformFactory(slug="weibo", name_en="Weibo"),
        "other_platform": PlatformFactory(slug="maimai", name_en="Maimai"),
        "shared_profile": executive.executive_profile,
        "public_profile": ExecutiveProfileFactory(visibility=Visibility.PUBLIC),
        "private_profile": ExecutiveProfileFactory(visibility=Visibility.PRIVATE),
        **network_objects(executive.executive_profile, other_executive.executive_profile),
        "introduction": IntroductionFactory(requester=executive.executive_profile),
    }


@pytest.fixture(scope="module")
def world(module_transaction) -> SimpleNamespace:
    """The roles' users and the matrix's objects, built once for the module: the matrix's
    thousands of requests only read them, and each test's writes are rolled back."""
    executive, other_executive = make_executive(), make_executive("other-executive")
    recruiter = make_recruiter(make_recruiters_group())
    objects = matrix_objects(executive, other_executive, recruiter)
    api_objects = {
        **objects,
        "own_membership": MembershipFactory(
            profile=executive.executive_profile, platform=objects["platform"]
        ),
        "others_membership": MembershipFactory(
            profile=other_executive.executive_profile, platform=objects["platform"]
        ),
    }
    return SimpleNamespace(
        executive=executive,
        other_executive=other_executive,
        recruiter=recruiter,
        admin_user=make_admin(),
        objects=objects,
        api_objects=api_objects,
    )


def from_world(name: str):
    """The suite's fixture `name`, answered from the module's world."""

    @pytest.fixture(name=name)
    def fixture(db, world):
        return getattr(world, name)

    return fixture


WORLD_FIXTURES = (
    "executive",
    "other_executive",
    "recruiter",
    "admin_user",
    "objects",
    "api_objects",
)
executive, other_executive, recruiter, admin_user, objects, api_objects = map(
    from_world, WORLD_FIXTURES
)


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


# --- The API ---------------------------------------------------------------------------------
# Every API route with every method, requested as a script would: with the role's token.
# Deny by default: no credentials is a 401, a role that may not use the endpoint a 403, an
# object outside the caller's reach a 404, a method the endpoint doesn't offer a 405 (after
# authentication, so an anonymous caller learns nothing about the endpoint).

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def api_statuses(otherwise: dict[str, int], **per_method: dict[str, int]) -> dict:
    """Statuses by method and role: `otherwise` for every method not given."""
    return {method: per_method.get(method, otherwise) for method in API_METHODS}


@dataclass(frozen=True)
class ApiRow:
    name: str
    statuses: dict[str, dict[str, int]]
    kwargs: Callable[[dict], dict] = field(default=lambda objects: {})
    label: str = ""
    query: dict = field(default_factory=dict)
    body: dict | Callable[[dict], dict] = field(default_factory=dict)

    def id(self, method: str) -> str:
        return f"{self.name}{f'[{self.label}]' if self.label else ''} {method}"


API_RECRUITERS_ONLY = by_role(
    anonymous=401, owner=403, other_executive=403, recruiter=200, admin=200
)
API_RECRUITER_METHOD_REFUSED = by_role(
    anonymous=401, owner=403, other_executive=403, recruiter=405, admin=405
)
API_SIGNED_IN_METHOD_REFUSED = {**everyone(405), "anonymous": 401}
# The executives have profiles; the recruiter and admin accounts in the fixtures do not.
API_OWN_PROFILE = by_role(anonymous=401, owner=200, other_executive=200, recruiter=404, admin=404)
# What only the owner reaches: an object of theirs, named in the URL.
API_OWNERS_OWN = by_role(anonymous=401, owner=200, other_executive=404, recruiter=404, admin=404)
API_INTRODUCTION_PARTY = by_role(
    anonymous=401, owner=200, other_executive=404, recruiter=404, admin=404
)
RECOMMENDATION_BODY = {
    "purpose": "recruiting",
    "target": {"company_type": "foreign", "seniority": "junior"},
}


def recruiter_endpoint(get: dict[str, int]) -> dict:
    return api_statuses(API_RECRUITER_METHOD_REFUSED, GET=get)


API_NOT_A_MEMBER = by_role(anonymous=401, owner=403, other_executive=403, recruiter=404, admin=404)


def project_endpoint(member: dict[str, int] | None = None, **ok: int) -> dict:
    """An endpoint of one project: per method, the status its member (the recruiter) gets; the
    admin, not a member, gets 404. With `member`, every role's status for those methods
    instead (another recruiter's project). Other methods are refused (405)."""
    return api_statuses(
        API_RECRUITER_METHOD_REFUSED,
        **{
            method: member or {**API_NOT_A_MEMBER, "recruiter": status}
            for method, status in ok.items()
        },
    )


def project_api_rows(project: str, entry: str, member: dict[str, int] | None = None) -> list:
    """The API of one project, its members and candidates (see `project_endpoint`)."""

    def of_entry(o: dict, **more: object) -> dict:
        return {"project_pk": o[project].pk, "pk": o[entry].pk, **more}

    label = project.replace("_", " ")
    return [
        ApiRow(
            "api-v1:project-detail",
            project_endpoint(member, GET=200, PATCH=200),
            lambda o: {"pk": o[project].pk},
            label=label,
            body={"name": "CFO, Suzhou plant"},
        ),
        ApiRow(
            "api-v1:project-member-list",
            project_endpoint(member, GET=200, POST=400),
            lambda o: {"project_pk": o[project].pk},
            label=f"{label}, nobody named",
            body={"username": "nobody", "role": "view"},
        ),
        ApiRow(
            "api-v1:project-member-detail",
            project_endpoint(member, DELETE=204),
            lambda o: {"project_pk": o[project].pk, "pk": o[f"{project}_member"].pk},
            label=label,
        ),
        ApiRow(
            "api-v1:project-candidate-list",
            project_endpoint(member, GET=200, POST=400),
            lambda o: {"project_pk": o[project].pk},
            label=f"{label}, a profile id below 1",
            body={"profile": 0},
        ),
        ApiRow(
            "api-v1:project-candidate-detail",
            project_endpoint(member, GET=200, PATCH=200, DELETE=204),
            of_entry,
            label=label,
            body={"stage": "contacted"},
        ),
        ApiRow(
            "api-v1:project-candidate-notes",
            project_endpoint(member, GET=200, POST=201),
            of_entry,
            label=label,
            body={"text": "Met at the Suzhou CFO forum."},
        ),
        ApiRow(
            "api-v1:project-candidate-tags",
            project_endpoint(member, POST=200),
            of_entry,
            label=label,
            body={"name": "shortlist"},
        ),
        ApiRow(
            "api-v1:project-candidate-tag",
            project_endpoint(member, DELETE=204),
            lambda o: of_entry(o, tag_pk=o[f"{entry}_tag"].pk),
            label=label,
        ),
    ]


def own_membership_row(label: str, obj: str, ok: dict[str, int], deleted: dict[str, int]):
    """One membership: only its owner reaches it; for everyone else it doesn't exist."""
    return ApiRow(
        "api-v1:me-membership-detail",
        api_statuses(API_SIGNED_IN_METHOD_REFUSED, GET=ok, PATCH=ok, DELETE=deleted),
        lambda o: {"pk": o[obj].pk},
        label=label,
        body={"handle": "@changed"},
    )


def own_api_rows(
    obj: str, route: str, *, action: bool = False, body: dict | None = None, **ok: int
) -> list[ApiRow]:
    """One of the recruiter's own objects (`obj`) and the other recruiter's (`others_<obj>`):
    GET (unless `action`) and each method in `ok` answer the recruiter that status, the admin
    404; the other's is a 404 for both; other methods are refused."""
    methods = ok if action else {"GET": 200, **ok}
    rows = []
    for owner in (obj, f"others_{obj}"):
        mine = owner == obj
        rows.append(
            ApiRow(
                f"api-v1:{route}" if action else f"api-v1:{route}-detail",
                api_statuses(
                    API_RECRUITER_METHOD_REFUSED,
                    **{
                        method: {**API_NOT_A_MEMBER, "recruiter": status if mine else 404}
                        for method, status in methods.items()
                    },
                ),
                lambda o, owner=owner: {"pk": o[owner].pk},
                label=owner.replace("_", " "),
                body=body or {},
            )
        )
    return rows


API_MATRIX = [
    # Public platform data and advice; read-only, except that advice is asked for by POST.
    ApiRow("api-v1:platform-list", api_statuses(everyone(405), GET=everyone(200))),
    ApiRow(
        "api-v1:platform-detail",
        api_statuses(everyone(405), GET=everyone(200)),
        lambda o: {"slug": o["platform"].slug},
    ),
    ApiRow(
        "api-v1:platform-detail",
        api_statuses(everyone(405), GET=everyone(404)),
        lambda o: {"slug": "friendster"},
        label="unknown slug",
    ),
    ApiRow(
        "api-v1:compare",
        api_statuses(everyone(405), GET=everyone(200)),
        query={"p": ["weibo", "maimai"]},
    ),
    ApiRow(
        "api-v1:recommendations",
        api_statuses(everyone(405), POST=everyone(200)),
        body=RECOMMENDATION_BODY,
    ),
    # Candidates: recruiters and admins; a profile outside their reach is a 404.
    ApiRow("api-v1:candidate-list", recruiter_endpoint(API_RECRUITERS_ONLY)),
    ApiRow("api-v1:candidate-export", recruiter_endpoint(API_RECRUITERS_ONLY)),
    ApiRow(
        "api-v1:candidate-detail",
        recruiter_endpoint(API_RECRUITERS_ONLY),
        lambda o: {"pk": o["shared_profile"].pk},
        label="owner's profile, shared with recruiters",
    ),
    ApiRow(
        "api-v1:candidate-detail",
        recruiter_endpoint(API_RECRUITERS_ONLY),
        lambda o: {"pk": o["public_profile"].pk},
        label="public profile",
    ),
    ApiRow(
        "api-v1:candidate-detail",
        recruiter_endpoint(
            by_role(anonymous=401, owner=403, other_executive=403, recruiter=404, admin=200)
        ),
        lambda o: {"pk": o["private_profile"].pk},
        label="someone else's private profile",
    ),
    ApiRow(
        "api-v1:candidate-recommendation",
        recruiter_endpoint(API_RECRUITERS_ONLY),
        lambda o: {"pk": o["shared_profile"].pk},
        label="owner's profile, shared with recruiters",
        query={"purpose": "recruiting"},
    ),
    ApiRow(
        "api-v1:candidate-recommendation",
        recruiter_endpoint(
            by_role(anonymous=401, owner=403, other_executive=403, recruiter=404, admin=200)
        ),
        lambda o: {"pk": o["private_profile"].pk},
        label="someone else's private profile",
        query={"purpose": "recruiting"},
    ),
    # A candidate's neighbours in a search: only among the results recruiters may search.
    ApiRow(
        "api-v1:candidate-neighbours",
        recruiter_endpoint(API_RECRUITERS_ONLY),
        lambda o: {"pk": o["shared_profile"].pk},
        label="owner's profile, shared with recruiters",
    ),
    ApiRow(
        "api-v1:candidate-neighbours",
        recruiter_endpoint(
            by_role(anonymous=401, owner=403, other_executive=403, recruiter=404, admin=404)
        ),
        lambda o: {"pk": o["private_profile"].pk},
        label="someone else's private profile: not among any search's results",
    ),
    # The signed-in person's own data: no id to guess except a membership's.
    ApiRow(
        "api-v1:me-profile",
        api_statuses(API_SIGNED_IN_METHOD_REFUSED, GET=API_OWN_PROFILE, PATCH=API_OWN_PROFILE),
        body={"title": "Chief Executive Officer"},
    ),
    ApiRow(
        "api-v1:me-membership-list",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            GET=API_OWN_PROFILE,
            POST=by_role(anonymous=401, owner=201, other_executive=201, recruiter=404, admin=404),
        ),
        body={"platform": "maimai"},
    ),
    own_membership_row(
        "the owner's membership",
        "own_membership",
        ok=by_role(anonymous=401, owner=200, other_executive=404, recruiter=404, admin=404),
        deleted=by_role(anonymous=401, owner=204, other_executive=404, recruiter=404, admin=404),
    ),
    # IDOR: the other executive's membership id finds nothing for the owner.
    own_membership_row(
        "the other executive's membership",
        "others_membership",
        ok=by_role(anonymous=401, owner=404, other_executive=200, recruiter=404, admin=404),
        deleted=by_role(anonymous=401, owner=404, other_executive=204, recruiter=404, admin=404),
    ),
    ApiRow(
        "api-v1:me-export",
        api_statuses(API_SIGNED_IN_METHOD_REFUSED, GET={**everyone(200), "anonymous": 401}),
    ),
    # Account deletion needs the password; staff accounts are removed in the admin.
    ApiRow(
        "api-v1:me",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            DELETE=by_role(anonymous=401, owner=400, other_executive=400, recruiter=400, admin=403),
        ),
        label="wrong password",
        body={"password": "not-the-password"},
    ),
    ApiRow(
        "api-v1:me",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            DELETE=by_role(anonymous=401, owner=204, other_executive=204, recruiter=204, admin=403),
        ),
        label="right password",
        body={"password": "a-long-test-password"},
    ),
    # Introductions: the caller's own (the owner asked for this one); anyone else's id is a 404.
    ApiRow(
        "api-v1:me-introduction-list",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            GET=API_OWN_PROFILE,
            POST=by_role(anonymous=401, owner=400, other_executive=400, recruiter=404, admin=404),
        ),
        label="nobody named",
    ),
    ApiRow(
        "api-v1:me-introduction-detail",
        api_statuses(API_SIGNED_IN_METHOD_REFUSED, GET=API_INTRODUCTION_PARTY),
        lambda o: {"pk": o["introduction"].pk},
    ),
    *(
        ApiRow(
            f"api-v1:me-introduction-{name}",
            api_statuses(
                API_SIGNED_IN_METHOD_REFUSED,
                POST=by_role(
                    anonymous=401, owner=owner, other_executive=404, recruiter=404, admin=404
                ),
            ),
            lambda o: {"pk": o["introduction"].pk},
            label="as its requester",
        )
        # Only withdrawing is the requester's to do; the rest wait on someone else (400).
        for name, owner in (("accept", 400), ("decline", 400), ("pass-on", 400), ("withdraw", 200))
    ),
    # The caller's network. Requests and blocks name another person or a request; one that is
    # not the caller's to act on is a 404, and so is everything for an account without a profile.
    ApiRow(
        "api-v1:me-connection-list",
        api_statuses(API_SIGNED_IN_METHOD_REFUSED, GET=API_OWN_PROFILE),
    ),
    ApiRow(
        "api-v1:me-connection-detail",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            GET=API_OWNERS_OWN,
            PATCH=API_OWNERS_OWN,
            DELETE={**API_OWNERS_OWN, "owner": 204},
        ),
        lambda o: {"pk": o["owners_connection"].pk},
        body={"willingness": "never"},
    ),
    ApiRow(
        "api-v1:me-connection-request-list",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            GET=API_OWN_PROFILE,
            POST=by_role(anonymous=401, owner=201, other_executive=201, recruiter=404, admin=404),
        ),
        body=lambda o: {
            "recipient": o["public_profile"].pk,
            "relationship": "colleague",
            "closeness": 2,
        },
    ),
    *(
        ApiRow(
            f"api-v1:me-connection-request-{name}",
            api_statuses(API_SIGNED_IN_METHOD_REFUSED, POST=API_OWNERS_OWN),
            lambda o, obj=obj: {"pk": o[obj].pk},
        )
        for name, obj in (
            ("accept", "request_to_owner"),
            ("decline", "request_to_owner"),
            ("withdraw", "request_from_owner"),
        )
    ),
    ApiRow(
        "api-v1:me-block-list",
        api_statuses(
            API_SIGNED_IN_METHOD_REFUSED,
            GET=API_OWN_PROFILE,
            POST=by_role(anonymous=401, owner=201, other_executive=201, recruiter=404, admin=404),
        ),
        body=lambda o: {"profile": o["public_profile"].pk},
    ),
    ApiRow(
        "api-v1:me-block-detail",
        api_statuses(API_SIGNED_IN_METHOD_REFUSED, DELETE={**API_OWNERS_OWN, "owner": 204}),
        lambda o: {"pk": o["blocked_by_owner"].pk},
    ),
    # Paths to a person: anyone signed in, for a person they may see (else a 404).
    *(
        ApiRow(
            "api-v1:person-paths",
            api_statuses(API_SIGNED_IN_METHOD_REFUSED, GET=get),
            lambda o, profile=profile: {"pk": o[profile].pk},
            label=profile,
        )
        for profile, get in (
            ("shared_profile", {**everyone(200), "anonymous": 401, "other_executive": 404}),
            ("public_profile", {**everyone(200), "anonymous": 401}),
            ("private_profile", {**everyone(404), "anonymous": 401, "admin": 200}),
        )
    ),
    # Projects: recruiters and admins make their own; a project is its members' (the
    # recruiter's here), and for anyone else, admins included, it doesn't exist.
    ApiRow(
        "api-v1:project-list",
        api_statuses(
            API_RECRUITER_METHOD_REFUSED,
            GET=API_RECRUITERS_ONLY,
            POST={**API_RECRUITERS_ONLY, "recruiter": 201, "admin": 201},
        ),
        body={"name": "CFO, Suzhou"},
    ),
    *project_api_rows("project", "entry"),
    *project_api_rows("others_project", "others_entry", member=API_NOT_A_MEMBER),
    # Saved searches and outreach logs: recruiters and admins keep their own; anyone else's,
    # the admin's view of the recruiter's included, doesn't exist.
    ApiRow(
        "api-v1:saved-search-list",
        api_statuses(
            API_RECRUITER_METHOD_REFUSED,
            GET=API_RECRUITERS_ONLY,
            POST={**API_RECRUITERS_ONLY, "recruiter": 201, "admin": 201},
        ),
        body={"name": "CFOs in Suzhou", "query": "city=suzhou"},
    ),
    *own_api_rows("saved_search", "saved-search", PATCH=200, DELETE=204, body={"name": "CFOs"}),
    *own_api_rows("saved_search", "saved-search-open", action=True, POST=200),
    ApiRow(
        "api-v1:outreach-log-list",
        api_statuses(
            API_RECRUITER_METHOD_REFUSED,
            GET=API_RECRUITERS_ONLY,
            POST={**API_NOT_A_MEMBER, "recruiter": 201},
        ),
        label="to a candidate in the recruiter's project",
        body=lambda o: {
            "project_candidate": o["entry"].pk,
            "channel": "email",
            "sent_on": "2026-01-05",
        },
    ),
    *own_api_rows("entry_log", "outreach-log", PATCH=200, body={"outcome": "replied"}),
    ApiRow("api-v1:evidence", recruiter_endpoint(API_RECRUITERS_ONLY)),
    # Any other address under /api/v1/ is a JSON 404, whatever the method.
    ApiRow("api-v1:not-found", api_statuses(everyone(404)), lambda o: {"unmatched": "nowhere/"}),
    # The schema and its documentation are public and read-only.
    ApiRow("api-schema", api_statuses(everyone(405), GET=everyone(200))),
    ApiRow("api-docs", api_statuses(everyone(405), GET=everyone(200))),
]


@pytest.mark.parametrize(
    ("row", "method", "role"),
    [
        pytest.param(row, method, role, id=f"{row.id(method)} as {role}")
        for row in API_MATRIX
        for method in API_METHODS
        for role in ROLES
    ],
)
def test_api_permission_matrix(user_for_role, api_objects, row, method, role):
    url = reverse(row.name, kwargs=row.kwargs(api_objects))
    if row.query:
        url += "?" + urlencode(row.query, doseq=True)
    client = APIClient()
    user = user_for_role(role)
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    body = row.body(api_objects) if callable(row.body) else row.body
    response = client.generic(method, url, json.dumps(body), content_type="application/json")

    assert response.status_code == row.statuses[method][role]


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
    covered = {row.name for row in [*MATRIX, *API_MATRIX]}

    assert routes - covered == set(), "routes without a row in the permission matrix"
    assert covered - routes == set(), "matrix rows for routes that no longer exist"


def test_the_walk_finds_nested_namespaced_routes():
    """Guards the walker itself: it must see routes inside includes, with their namespace."""
    routes = named_routes(get_resolver().url_patterns)

    assert {"profiles:candidates", "platforms:directory", "login"} <= routes
    assert not any(name.startswith("admin:") for name in routes)


def test_the_walk_finds_the_api_routes():
    """The API is mounted outside the language prefix; its routes must be walked too."""
    routes = named_routes(get_resolver().url_patterns)

    assert {"api-v1:platform-list", "api-v1:me-membership-detail", "api-schema"} <= routes
