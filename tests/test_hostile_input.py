"""Hostile input never makes a 500: each shape a fuzzer found, then arbitrary input everywhere.

The first tests pin the four shapes that once answered 500 (a lone surrogate in a JSON body,
deeply nested JSON, an overlong username, a NUL byte that reached PostgreSQL). The property tests
then feed arbitrary JSON values and query strings to every API operation and every page with a
form, as each role that can open it, and assert that nothing answers 5xx. They are bounded (a few
examples per target, derandomized so a failure repeats) to keep this file under a minute; on
PostgreSQL (`make test`) they also prove that nothing reaches the database that it refuses.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from profiles.models import ExecutiveProfile, Visibility
from tests.clients import token_client
from tests.databases import postgresql_only
from tests.factories import (
    ConnectionRequestFactory,
    ExecutiveProfileFactory,
    IntroductionFactory,
    MembershipFactory,
    connect,
)
from workspace import services as workspace_services
from workspace.outreach_log import log_outreach
from workspace.saved_searches import save_search

pytestmark = pytest.mark.django_db

LONE_SURROGATE = "\ud800"
EXAMPLES_PER_TARGET = 25

# --- The shapes the fuzzer found -----------------------------------------------------------------

RECOMMENDATION = {
    "purpose": "recruiting",
    "target": {"company_type": "foreign", "seniority": "junior", "memberships": []},
}


@pytest.fixture
def membership_url(executive, weibo) -> str:
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)
    return reverse("api-v1:me-membership-detail", kwargs={"pk": membership.pk})


def escaped(body: object) -> dict:
    """The request arguments for `body` as a client would send it: JSON with every non-ASCII
    character escaped, so a lone surrogate travels as the six characters `\\ud800`."""
    return {"data": json.dumps(body), "content_type": "application/json"}


def surrogate_in(body: dict, path: tuple[str, ...]) -> dict:
    """A copy of `body` with the lone surrogate at `path` (keys, then the value's key)."""
    body = json.loads(json.dumps(body))
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = LONE_SURROGATE
    return body


@pytest.mark.parametrize(
    "path",
    [
        ("purpose",),
        ("target", "company_type"),
        ("target", "seniority"),
        ("target", "languages"),
        ("sender", "reads_chinese"),
    ],
    ids="/".join,
)
def test_a_lone_surrogate_in_advice_input_is_a_400_naming_the_field(api_client, path):
    body = surrogate_in({**RECOMMENDATION, "sender": {}}, path)

    response = api_client.post(reverse("api-v1:recommendations"), **escaped(body))

    assert response.status_code == 400
    named = response.json()
    for key in path:
        named = named[key]
    assert named


@pytest.mark.parametrize(
    "field",
    ["city", "industry", "seniority", "company_type", "visibility", "display_name", "title"],
)
def test_a_lone_surrogate_in_the_own_profile_is_a_400_naming_the_field(owner_api, field):
    response = owner_api.patch(reverse("api-v1:me-profile"), **escaped({field: LONE_SURROGATE}))

    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize("field", ["activity", "handle", "platform"])
def test_a_lone_surrogate_in_a_membership_is_a_400_naming_the_field(
    owner_api, membership_url, field
):
    body = escaped({field: LONE_SURROGATE})
    created = owner_api.post(reverse("api-v1:me-membership-list"), **body)
    patched = owner_api.patch(membership_url, **body)

    assert (created.status_code, patched.status_code) == (400, 400)
    assert field in created.json()
    assert list(patched.json()) == [field]


def test_a_lone_surrogate_in_a_key_is_a_400_naming_it_readably(owner_api):
    body = escaped({f"city{LONE_SURROGATE}": "x"})

    response = owner_api.patch(reverse("api-v1:me-profile"), **body)

    assert response.status_code == 400
    assert list(response.json()) == ["city\N{REPLACEMENT CHARACTER}"]


def test_a_lone_surrogate_deep_in_a_list_is_named_by_its_place(api_client, weibo):
    body = {
        **RECOMMENDATION,
        "target": {
            **RECOMMENDATION["target"],
            "memberships": [{"platform": "weibo"}, {"platform": LONE_SURROGATE}],
        },
    }

    response = api_client.post(reverse("api-v1:recommendations"), **escaped(body))

    assert response.status_code == 400
    assert response.json()["target"]["memberships"]["1"]["platform"]


def test_a_paired_surrogate_escape_is_an_ordinary_character(owner_api, executive):
    """`\\ud83d\\ude00` is how JSON spells 😀 in ASCII: it must still be accepted."""
    body = '{"title": "Chief \\ud83d\\ude00 Officer"}'

    response = owner_api.patch(reverse("api-v1:me-profile"), body, content_type="application/json")

    assert response.status_code == 200
    assert ExecutiveProfile.objects.get(user=executive).title == "Chief 😀 Officer"


def deep_json_targets(membership_url: str) -> list[tuple[str, str]]:
    return [
        ("post", reverse("api-v1:recommendations")),
        ("patch", reverse("api-v1:me-profile")),
        ("post", reverse("api-v1:me-membership-list")),
        ("patch", membership_url),
        ("delete", reverse("api-v1:me")),
    ]


@pytest.mark.parametrize("body", ["[" * 3000, '{"a":' * 3000, "[" * 40 + "]" * 40])
def test_deeply_nested_json_is_a_400(owner_api, membership_url, body):
    for method, url in deep_json_targets(membership_url):
        response = getattr(owner_api, method)(url, body, content_type="application/json")

        assert response.status_code == 400, (method, url)
        assert "nested" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/en/accounts/login/", "/admin/login/"])
@pytest.mark.parametrize("length", [151, 256, 5000])
def test_an_overlong_username_is_a_form_error(client, url, length):
    response = client.post(url, {"username": "u" * length, "password": "wrong-password"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"]


def test_the_login_form_still_signs_in(client, executive):
    executive.set_password("a-long-correct-horse")
    executive.save()

    response = client.post(
        "/en/accounts/login/", {"username": "owner", "password": "a-long-correct-horse"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(executive.pk)


@pytest.mark.parametrize(
    "query",
    [
        "city__exact=%00",
        "q=%00",
        "visibility__exact=pub%00lic",
        "o=%00",
        "p=%00",
        "all=%00",
    ],
)
def test_a_nul_byte_in_an_admin_list_is_never_a_500(admin_client, executive, query):
    response = admin_client.get(f"/admin/profiles/executiveprofile/?{query}")

    assert response.status_code in (200, 302, 400)


@postgresql_only("only PostgreSQL's driver refuses a NUL character")
def test_a_nul_byte_that_would_reach_the_database_is_a_400(admin_client, executive):
    response = admin_client.get("/admin/profiles/executiveprofile/?city__exact=%00")

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_nul_byte_in_an_api_filter_is_a_json_400(admin_api):
    response = admin_api.get("/api/v1/candidates/?city=%00")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_a_body_larger_than_django_reads_is_a_json_413(owner_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"display_name": "x" * 2000})

    response = owner_api.patch(reverse("api-v1:me-profile"), body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "at most 1000 bytes" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/candidates/{id}/",
        "/api/v1/candidates/{id}/neighbours/",
        "/api/v1/projects/{id}/",
        "/api/v1/projects/{id}/candidates/",
        "/api/v1/saved-searches/{id}/",
        "/api/v1/outreach-logs/{id}/",
    ],
)
def test_an_id_longer_than_any_row_has_is_a_404(recruiter_api, path):
    """More digits than Python turns into a number (4,300) answered 500."""
    response = recruiter_api.get(path.format(id="1" * 5000))

    assert response.status_code == 404


# --- Arbitrary input everywhere ------------------------------------------------------------------

TALLY: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_the_tally():
    """The figures docs/RELIABILITY.md quotes: printed once the module has run (`pytest -s`)."""
    yield
    if TALLY["tried"]:
        print(
            f"\nhostile input: {TALLY['tried']} requests tried, "
            f"{TALLY['server_errors']} answered 5xx"
        )


HOSTILE_WORDS = [
    LONE_SURROGATE,
    "\udfff",
    "\x00",
    "",
    " ",
    "a" * 300,
    "[" * 50,
    "1e999",
    "-1",
    "0",
    "true",
    "NaN",
    "<script>",
    "weibo",
    "public",
    "beijing",
    "%00",
    "\N{RIGHT-TO-LEFT OVERRIDE}",
]
hostile_text = st.sampled_from(HOSTILE_WORDS) | st.text(
    st.characters(exclude_categories=()), max_size=40
)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)


def query_strings(names: list[str]) -> st.SearchStrategy[str]:
    """Known parameter names (and others) holding any text or bytes, percent-encoded as a
    browser would send them, or not at all."""
    name = st.sampled_from(names) | hostile_text if names else hostile_text
    raw = st.binary(max_size=20) | hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    pair = st.tuples(name.map(lambda t: t.encode("utf-8", "surrogatepass")), raw)
    return st.lists(pair, max_size=5).map(
        lambda pairs: "&".join(f"{quote(key)}={quote(value)}" for key, value in pairs)
    )


def bodies(names: list[str]) -> st.SearchStrategy[str]:
    """A JSON object whose keys are mostly the operation's own, with any values; or any JSON
    value at all; or not JSON. Serialized with escapes, so lone surrogates stay in the text."""
    known = st.dictionaries(st.sampled_from(names) | hostile_text, json_values, max_size=6)
    value = (known if names else st.nothing()) | json_values
    return value.map(json.dumps) | st.sampled_from(["", "{", "[" * 3000, "\x00", "null"])


def run_property(strategy: st.SearchStrategy, call: Callable[..., int]) -> None:
    @given(strategy)
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_TARGET,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(example) -> None:
        status = call(*example) if isinstance(example, tuple) else call(example)
        TALLY["tried"] += 1
        if status >= 500:
            TALLY["server_errors"] += 1
        assert status < 500, example

    check()


@pytest.fixture
def world(settings, rates, executive, recruiter, admin_user, weibo, maimai, linkedin, ushi):
    """Objects to find and users to be; no rate limits, so the fuzzer is never throttled."""
    rates(**dict.fromkeys(SimpleRateThrottle.THROTTLE_RATES))
    settings.AXES_ENABLED = False
    for visibility in Visibility.values:
        profile = ExecutiveProfileFactory(user=None, visibility=visibility)
        MembershipFactory(profile=profile, platform=weibo, open_to_inquiries=True)
    membership = MembershipFactory(profile=executive.executive_profile, platform=maimai)
    connection = ExecutiveProfileFactory(visibility=Visibility.PUBLIC)
    connect(executive.executive_profile, connection)
    request = ConnectionRequestFactory(recipient=executive.executive_profile)
    # Asked of the owner (their turn), so every answer reaches the code behind it.
    introduction = IntroductionFactory(intermediary=executive.executive_profile)
    project = workspace_services.create_project(owner=recruiter, name="CFO, Suzhou")
    entry = workspace_services.add_candidate(
        project=project, by=recruiter, profile_id=executive.executive_profile.pk
    )
    tag = workspace_services.tag_candidate(project_candidate=entry, by=recruiter, name="shortlist")
    saved = save_search(owner=recruiter, name="CFOs in Suzhou", query="city=suzhou")
    log = log_outreach(
        project_candidate=entry, by=recruiter, channel="weibo", sent_on=datetime.date(2026, 1, 5)
    )
    return {
        "users": {"owner": executive, "recruiter": recruiter, "admin": admin_user},
        "params": {"{project_pk}": project.pk, "{tag_pk}": tag.pk},
        "id": {
            # A project's candidates and members before the project itself.
            "/api/v1/projects/{project_pk}/candidates/": entry.pk,
            "/api/v1/projects/{project_pk}/members/": project.members.get().pk,
            "/api/v1/projects/": project.pk,
            "/en/workspace/projects/": project.pk,
            "/api/v1/saved-searches/": saved.pk,
            "/en/workspace/searches/": saved.pk,
            "/api/v1/outreach-logs/": log.pk,
            "/api/v1/candidates/": executive.executive_profile.pk,
            "/api/v1/people/": executive.executive_profile.pk,
            "/api/v1/me/memberships/": membership.pk,
            "/en/people/": executive.executive_profile.pk,
            "/api/v1/me/connections/": connection.pk,
            "/api/v1/me/connection-requests/": request.pk,
            "/api/v1/me/blocks/": connection.pk,
            "/en/me/network/": connection.pk,
            "/api/v1/me/introductions/": introduction.pk,
            "/en/me/introductions/": introduction.pk,
        },
    }


def api_client_as(world: dict, role: str) -> APIClient:
    """A client that, like a real one, gets a 500 answer rather than the exception behind it."""
    client = APIClient() if role == "anonymous" else token_client(world["users"][role])
    client.raise_request_exception = False
    return client


def page_client_as(world: dict, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def filled_in(path: str, world: dict) -> str:
    """The path with a real object's id or slug in place of its parameter."""
    for prefix, pk in world["id"].items():
        if path.startswith(prefix):
            path = path.replace("{id}", str(pk))
    for parameter, pk in world["params"].items():
        path = path.replace(parameter, str(pk))
    return path.replace("{slug}", "weibo")


# Every API operation, and who calls it: the role that reaches the code behind it. Account
# deletion is fuzzed by a user who would survive a lucky guess of the password.
@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    role: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


API_OPERATIONS = [
    Operation("get", "/api/v1/platforms/", "anonymous"),
    Operation("get", "/api/v1/platforms/{slug}/", "anonymous"),
    Operation("get", "/api/v1/compare/", "anonymous"),
    Operation("post", "/api/v1/recommendations/", "anonymous"),
    Operation("get", "/api/v1/candidates/", "recruiter"),
    Operation("get", "/api/v1/candidates/export/", "recruiter"),
    Operation("get", "/api/v1/candidates/{id}/", "recruiter"),
    Operation("get", "/api/v1/candidates/{id}/recommendation/", "recruiter"),
    Operation("get", "/api/v1/candidates/{id}/neighbours/", "recruiter"),
    Operation("delete", "/api/v1/me/", "recruiter"),
    Operation("get", "/api/v1/me/export/", "owner"),
    Operation("get", "/api/v1/people/{id}/paths/", "recruiter"),
    Operation("get", "/api/v1/me/profile/", "owner"),
    Operation("patch", "/api/v1/me/profile/", "owner"),
    Operation("get", "/api/v1/me/memberships/", "owner"),
    Operation("post", "/api/v1/me/memberships/", "owner"),
    Operation("get", "/api/v1/me/memberships/{id}/", "owner"),
    Operation("patch", "/api/v1/me/memberships/{id}/", "owner"),
    Operation("delete", "/api/v1/me/memberships/{id}/", "owner"),
    Operation("get", "/api/v1/me/connections/", "owner"),
    Operation("get", "/api/v1/me/connections/{id}/", "owner"),
    Operation("patch", "/api/v1/me/connections/{id}/", "owner"),
    Operation("delete", "/api/v1/me/connections/{id}/", "owner"),
    Operation("get", "/api/v1/me/connection-requests/", "owner"),
    Operation("post", "/api/v1/me/connection-requests/", "owner"),
    Operation("post", "/api/v1/me/connection-requests/{id}/accept/", "owner"),
    Operation("post", "/api/v1/me/connection-requests/{id}/decline/", "owner"),
    Operation("post", "/api/v1/me/connection-requests/{id}/withdraw/", "owner"),
    Operation("get", "/api/v1/me/blocks/", "owner"),
    Operation("post", "/api/v1/me/blocks/", "owner"),
    Operation("delete", "/api/v1/me/blocks/{id}/", "owner"),
    Operation("get", "/api/v1/me/introductions/", "owner"),
    Operation("post", "/api/v1/me/introductions/", "owner"),
    Operation("get", "/api/v1/me/introductions/{id}/", "owner"),
    *(
        Operation("post", f"/api/v1/me/introductions/{{id}}/{action}/", "owner")
        for action in ("accept", "decline", "pass-on", "withdraw")
    ),
    Operation("get", "/api/v1/projects/", "recruiter"),
    Operation("post", "/api/v1/projects/", "recruiter"),
    Operation("get", "/api/v1/projects/{id}/", "recruiter"),
    Operation("patch", "/api/v1/projects/{id}/", "recruiter"),
    Operation("get", "/api/v1/projects/{project_pk}/members/", "recruiter"),
    Operation("post", "/api/v1/projects/{project_pk}/members/", "recruiter"),
    Operation("delete", "/api/v1/projects/{project_pk}/members/{id}/", "recruiter"),
    Operation("get", "/api/v1/projects/{project_pk}/candidates/", "recruiter"),
    Operation("post", "/api/v1/projects/{project_pk}/candidates/", "recruiter"),
    Operation("get", "/api/v1/projects/{project_pk}/candidates/{id}/", "recruiter"),
    Operation("patch", "/api/v1/projects/{project_pk}/candidates/{id}/", "recruiter"),
    Operation("delete", "/api/v1/projects/{project_pk}/candidates/{id}/", "recruiter"),
    Operation("get", "/api/v1/projects/{project_pk}/candidates/{id}/notes/", "recruiter"),
    Operation("post", "/api/v1/projects/{project_pk}/candidates/{id}/notes/", "recruiter"),
    Operation("post", "/api/v1/projects/{project_pk}/candidates/{id}/tags/", "recruiter"),
    Operation(
        "delete", "/api/v1/projects/{project_pk}/candidates/{id}/tags/{tag_pk}/", "recruiter"
    ),
    Operation("get", "/api/v1/saved-searches/", "recruiter"),
    Operation("post", "/api/v1/saved-searches/", "recruiter"),
    Operation("get", "/api/v1/saved-searches/{id}/", "recruiter"),
    Operation("patch", "/api/v1/saved-searches/{id}/", "recruiter"),
    Operation("delete", "/api/v1/saved-searches/{id}/", "recruiter"),
    Operation("post", "/api/v1/saved-searches/{id}/open/", "recruiter"),
    Operation("get", "/api/v1/outreach-logs/", "recruiter"),
    Operation("post", "/api/v1/outreach-logs/", "recruiter"),
    Operation("get", "/api/v1/outreach-logs/{id}/", "recruiter"),
    Operation("patch", "/api/v1/outreach-logs/{id}/", "recruiter"),
    Operation("get", "/api/v1/evidence/", "recruiter"),
]


@cache
def api_schema() -> dict:
    """The OpenAPI schema as /api/schema/ serves it, built once for the module."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def test_every_api_operation_is_fuzzed():
    schema = api_schema()
    documented = {
        f"{method} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }

    assert {str(operation) for operation in API_OPERATIONS} == documented


def documented_names(operation: Operation) -> tuple[list[str], list[str]]:
    """The operation's query parameter names and body keys, as its schema documents them."""
    schema = api_schema()
    spec = schema["paths"][operation.path][operation.method]
    parameters = [p["name"] for p in spec.get("parameters", []) if p["in"] == "query"]
    body = spec.get("requestBody", {}).get("content", {}).get("application/json", {})
    reference = body.get("schema", {}).get("$ref", "")
    component = schema["components"]["schemas"].get(reference.rsplit("/", 1)[-1], {})
    return parameters, list(component.get("properties", {}))


@pytest.mark.parametrize("operation", API_OPERATIONS, ids=str)
def test_no_api_operation_answers_5xx(world, operation):
    parameters, keys = documented_names(operation)
    api = api_client_as(world, operation.role)
    path = filled_in(operation.path, world)

    def call(query: str, body: str) -> int:
        if operation.method == "get":
            return api.get(f"{path}?{query}").status_code
        response = getattr(api, operation.method)(
            f"{path}?{query}", body, content_type="application/json"
        )
        return response.status_code

    run_property(st.tuples(query_strings(parameters), bodies(keys)), call)


def test_unknown_api_paths_never_answer_5xx(world):
    api = api_client_as(world, "owner")
    paths = st.text(st.characters(exclude_categories=()), max_size=30).map(
        lambda text: "/api/v1/" + quote(text.encode("utf-8", "surrogatepass"))
    )

    run_property(paths, lambda path: api.get(path).status_code)


# Every page with a form, and who fills it in; its field names are read from the page itself.
PAGES_WITH_FORMS = [
    ("get", "/en/", "anonymous"),
    ("get", "/en/compare/", "anonymous"),
    ("get", "/en/compare.csv", "anonymous"),
    ("get", "/en/advisor/", "anonymous"),
    ("get", "/en/candidates/", "recruiter"),
    ("get", "/en/candidates/export.csv", "recruiter"),
    ("get", "/en/people/{id}/", "recruiter"),
    ("post", "/en/accounts/login/", "anonymous"),
    ("post", "/en/accounts/signup/", "anonymous"),
    ("post", "/en/accounts/password_reset/", "anonymous"),
    ("post", "/en/accounts/password_change/", "owner"),
    ("post", "/en/me/", "recruiter"),
    ("post", "/en/me/edit/", "owner"),
    ("post", "/en/me/memberships/", "owner"),
    ("post", "/en/me/delete/", "recruiter"),
    ("post", "/en/me/api-token/", "owner"),
    ("get", "/en/me/network/", "owner"),
    ("get", "/en/workspace/projects/{id}/", "recruiter"),
    ("post", "/en/workspace/projects/", "recruiter"),
    ("post", "/en/workspace/projects/{id}/settings/", "recruiter"),
    ("post", "/en/workspace/searches/new/", "recruiter"),
    ("post", "/en/workspace/searches/{id}/", "recruiter"),
    ("post", "/en/me/introductions/{id}/", "owner"),
    ("post", "/i18n/setlang/", "anonymous"),
    ("post", "/admin/login/", "anonymous"),
]
FIELD_NAME = re.compile(r'name="([^"]+)"')


def form_field_names(html: str) -> list[str]:
    return sorted(set(FIELD_NAME.findall(html)) - {"csrfmiddlewaretoken"})


@pytest.mark.parametrize(("method", "path", "role"), PAGES_WITH_FORMS, ids=lambda v: str(v))
def test_no_page_with_a_form_answers_5xx(world, method, path, role):
    client = page_client_as(world, role)
    url = filled_in(path, world)
    names = form_field_names(client.get(url).content.decode()) or ["q"]

    def call(query: str, form: list[tuple[str, object]]) -> int:
        if method == "get":
            return client.get(f"{url}?{query}").status_code
        data: dict[str, list] = {}
        for name, value in form:
            data.setdefault(name, []).append(value)
        return client.post(f"{url}?{query}", data).status_code

    form_values = st.lists(
        st.tuples(st.sampled_from(names) | hostile_text, hostile_text), max_size=6
    ).map(lambda pairs: [(n, v.encode("utf-8", "replace").decode()) for n, v in pairs])
    run_property(st.tuples(query_strings(names), form_values), call)


ADMIN_LISTS = sorted(
    f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model in admin.site._registry
)
FILTER_NAME = re.compile(r"\?([a-z_]+__[a-z_]+)=")


@pytest.mark.parametrize("path", ADMIN_LISTS)
def test_no_admin_list_answers_5xx(world, path):
    client = page_client_as(world, "admin")
    names = sorted({"q", "o", "p", "all", *FILTER_NAME.findall(client.get(path).content.decode())})

    run_property(query_strings(names), lambda query: client.get(f"{path}?{query}").status_code)
