"""Property-based tests of the whole API against its own schema, with schemathesis.

For each role, every operation is called with generated input — valid input (positive), input
that breaks the schema (negative), and, for paths with an id or slug, valid input aimed at an
object that exists — through the WSGI app in-process. Every answer must be below 500, have a
status code and content type the schema documents, and a body that matches the schema.

Bounded so the file runs in about a minute: a few examples per operation and mode, derandomized
so a failure repeats. Account deletion is left out: a fuzzer that guessed the password would
end the test's user (its behaviour is tested in test_me.py and the permission matrix).
"""

from __future__ import annotations

import datetime
import logging

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from jsonschema import Draft202012Validator
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory
from workspace import services as workspace_services
from workspace.outreach_log import log_outreach
from workspace.saved_searches import save_search

pytestmark = pytest.mark.django_db

FUZZED_ROLES = ["anonymous", "owner", "recruiter", "admin"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_MODE = 12
UNLIMITED = "1000000/minute"


@pytest.fixture
def world(executive, recruiter, weibo, maimai, linkedin, ushi) -> dict[str, str]:
    """Objects for the generated requests to find; returns a real value per path parameter."""
    MembershipFactory(profile=executive.executive_profile, platform=maimai)
    for visibility in Visibility.values:
        profile = ExecutiveProfileFactory(user=None, visibility=visibility)
        MembershipFactory(profile=profile, platform=weibo, open_to_inquiries=True)
        MembershipFactory(profile=profile, platform=ushi)
    own_membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)
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
        "slug": weibo.slug,
        "id": str(own_membership.pk),
        "project_pk": str(project.pk),
        "project_candidate": str(entry.pk),
        "tag_pk": str(tag.pk),
        "saved_search": str(saved.pk),
        "outreach_log": str(log.pk),
    }


@pytest.fixture
def keep_the_test_connection():
    """Called through the raw WSGI app, Django would close the database connection around each
    request and end the test's transaction; its own test client holds these signals back too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def only_server_errors_logged():
    """Thousands of 4xx answers are the point here, not news; a 5xx still gets logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def api_schema(settings, rates, world, keep_the_test_connection):
    settings.ALLOWED_HOSTS = ["localhost"]
    rates(
        anon=UNLIMITED,
        user=UNLIMITED,
        recommendations=UNLIMITED,
        candidate_export=UNLIMITED,
        account_deletion=UNLIMITED,
    )
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    return schema.exclude(method="DELETE", path="/api/v1/me/")


def candidate_id(path: str, world: dict[str, str], shared_profile_id: int) -> str:
    """Candidate paths aim at a profile shared with recruiters, project paths at the
    recruiter's project and the candidate in it, membership paths at the owner's."""
    if path.startswith("/api/v1/projects/{id}/"):
        return world["project_pk"]
    if path.startswith("/api/v1/projects/{project_pk}/candidates/{id}/"):
        return world["project_candidate"]
    if path.startswith("/api/v1/saved-searches/{id}/"):
        return world["saved_search"]
    if path.startswith("/api/v1/outreach-logs/{id}/"):
        return world["outreach_log"]
    return str(shared_profile_id) if path.startswith("/api/v1/candidates/") else world["id"]


def has_input(operation) -> bool:
    """Negative input needs some input to break: a path or query parameter, or a body (the
    security schemes' header and cookie don't count: they are not the operation's input)."""
    return bool(list(operation.path_parameters) or list(operation.query) or operation.body)


def run_operation(strategy, headers: dict[str, str]) -> None:
    @given(case=strategy)
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_MODE,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    call()


@pytest.mark.parametrize("role", FUZZED_ROLES)
def test_every_operation_answers_as_documented(
    api_schema, world, executive, user_for_role, only_server_errors_logged, role
):
    user = user_for_role(role)
    headers = {} if user is None else {"Authorization": f"Token {Token.objects.create(user=user)}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 64  # all 65 but account deletion

    for operation in operations:
        strategies = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE)]
        if has_input(operation):
            strategies.append(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        path_names = {parameter.name for parameter in operation.path_parameters}
        if path_names:
            real = {
                **world,
                "id": candidate_id(operation.path, world, executive.executive_profile.pk),
            }
            strategies.append(
                operation.as_strategy(
                    generation_mode=GenerationMode.POSITIVE,
                    path_parameters={name: real[name] for name in path_names},
                )
            )
        for strategy in strategies:
            run_operation(strategy, headers)


# --- Where schema and behaviour once disagreed ---------------------------------------------------


def query_parameter(path: str, name: str) -> dict:
    """The documented schema of one query parameter of GET `path`."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][path]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)["schema"]


def allowed(value: object, schema: dict) -> bool:
    return Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize(
    ("path", "name", "values"),
    [
        ("/api/v1/compare/", "p", ["", ""]),
        ("/api/v1/compare/", "p", ["weibo"]),
        ("/api/v1/compare/", "p", ["weibo", "wei bo"]),
        ("/api/v1/platforms/", "language", [""]),
    ],
)
def test_values_the_api_refuses_are_outside_its_schema(api_client, weibo, path, name, values):
    response = api_client.get(path, {name: values})

    assert response.status_code == 400
    assert name in response.json()
    assert not allowed(values, query_parameter(path, name))


@pytest.mark.parametrize("word", ["1", "0", "true", "false", "yes", "no", "on", "off"])
def test_every_yes_no_word_the_schema_allows_is_accepted(api_client, weibo, word):
    response = api_client.get("/api/v1/platforms/", {"show_historical": word})

    assert response.status_code == 200
    assert allowed(word, query_parameter("/api/v1/platforms/", "show_historical"))


@pytest.mark.parametrize("value", ["2", "-1", "maybe"])
def test_a_yes_no_value_outside_the_schema_is_refused(api_client, value):
    response = api_client.get("/api/v1/platforms/", {"show_historical": value})

    assert response.status_code == 400
    assert not allowed(value, query_parameter("/api/v1/platforms/", "show_historical"))
