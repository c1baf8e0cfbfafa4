"""The OpenAPI schema at /api/schema/ and its offline documentation at /api/docs/."""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from core.yesno import NO_WORDS, YES_WORDS
from platforms.filters import PlatformFilter
from profiles.filters import CandidateFilter

pytestmark = pytest.mark.django_db

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        response = APIClient().get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(schema: dict) -> Iterator[tuple[str, str, dict]]:
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def properties(node: object, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every property of every object schema below `node`, with where it was found."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, child in node.items():
            yield from properties(child, f"{where}.{key}" if key != "properties" else where)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from properties(child, f"{where}[{index}]")


def test_the_schema_validates_without_a_single_warning(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_the_schema_is_openapi_3_and_covers_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    assert {path for path, _method, _op in operations(schema)} == {
        "/api/v1/platforms/",
        "/api/v1/platforms/{slug}/",
        "/api/v1/compare/",
        "/api/v1/recommendations/",
        "/api/v1/candidates/",
        "/api/v1/candidates/{id}/",
        "/api/v1/candidates/{id}/recommendation/",
        "/api/v1/candidates/{id}/neighbours/",
        "/api/v1/candidates/export/",
        "/api/v1/me/",
        "/api/v1/me/profile/",
        "/api/v1/me/memberships/",
        "/api/v1/me/memberships/{id}/",
        "/api/v1/me/export/",
        "/api/v1/people/{id}/paths/",
        "/api/v1/me/connections/",
        "/api/v1/me/connections/{id}/",
        "/api/v1/me/connection-requests/",
        "/api/v1/me/connection-requests/{id}/accept/",
        "/api/v1/me/connection-requests/{id}/decline/",
        "/api/v1/me/connection-requests/{id}/withdraw/",
        "/api/v1/me/blocks/",
        "/api/v1/me/blocks/{id}/",
        "/api/v1/me/introductions/",
        "/api/v1/me/introductions/{id}/",
        "/api/v1/me/introductions/{id}/accept/",
        "/api/v1/me/introductions/{id}/decline/",
        "/api/v1/me/introductions/{id}/pass-on/",
        "/api/v1/me/introductions/{id}/withdraw/",
        "/api/v1/projects/",
        "/api/v1/projects/{id}/",
        "/api/v1/projects/{project_pk}/members/",
        "/api/v1/projects/{project_pk}/members/{id}/",
        "/api/v1/projects/{project_pk}/candidates/",
        "/api/v1/projects/{project_pk}/candidates/{id}/",
        "/api/v1/projects/{project_pk}/candidates/{id}/notes/",
        "/api/v1/projects/{project_pk}/candidates/{id}/tags/",
        "/api/v1/projects/{project_pk}/candidates/{id}/tags/{tag_pk}/",
        "/api/v1/saved-searches/",
        "/api/v1/saved-searches/{id}/",
        "/api/v1/saved-searches/{id}/open/",
        "/api/v1/outreach-logs/",
        "/api/v1/outreach-logs/{id}/",
        "/api/v1/evidence/",
    }


def test_every_operation_has_a_summary_and_documents_the_rate_limit(schema):
    for path, method, operation in operations(schema):
        assert operation.get("summary"), f"{method} {path}"
        assert "429" in operation["responses"], f"{method} {path}"


def test_every_error_response_is_described_with_a_json_body(schema):
    for path, method, operation in operations(schema):
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                assert response["description"], f"{method} {path} {status}"
                assert "application/json" in response["content"], f"{method} {path} {status}"


def test_endpoints_that_need_credentials_document_401(schema):
    public = {"/api/v1/platforms/", "/api/v1/platforms/{slug}/", "/api/v1/compare/"}
    public.add("/api/v1/recommendations/")
    for path, method, operation in operations(schema):
        if path not in public:
            assert "401" in operation["responses"], f"{method} {path}"


def test_every_parameter_is_described(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), f"{method} {path} {parameter['name']}"


def test_every_field_is_described(schema):
    undescribed = [
        where
        for where, prop in properties(schema["components"]["schemas"])
        if not prop.get("description") and "$ref" not in prop
    ]

    assert undescribed == []


@pytest.mark.parametrize(
    ("path", "filterset"),
    [
        ("/api/v1/platforms/", PlatformFilter),
        ("/api/v1/candidates/", CandidateFilter),
        ("/api/v1/candidates/export/", CandidateFilter),
    ],
)
def test_every_filter_is_a_parameter(schema, path, filterset):
    names = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}

    assert set(filterset.base_filters) <= names


@pytest.mark.parametrize("path", ["/api/v1/platforms/", "/api/v1/candidates/"])
def test_lists_document_their_paging(schema, path):
    names = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}

    assert {"page", "page_size"} <= names


def test_choice_filters_list_their_values(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/candidates/"]["get"]["parameters"]}

    assert "shanghai" in parameters["city"]["schema"]["enum"]
    assert set(parameters["open_to_inquiries"]["schema"]["enum"]) == YES_WORDS | NO_WORDS


def test_candidate_pages_are_documented_without_a_total(schema):
    ok = schema["paths"]["/api/v1/candidates/"]["get"]["responses"]["200"]
    reference = ok["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]

    assert "count" not in page["properties"]
    assert "next" in page["properties"]


def test_account_deletion_documents_the_password_body(schema):
    body = schema["paths"]["/api/v1/me/"]["delete"]["requestBody"]

    assert body["required"] is True


def test_both_ways_to_authenticate_are_documented(schema):
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_docs_work_offline_from_local_static_files(client):
    response = client.get(reverse("api-docs"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_the_docs_script_is_served_locally(client):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")

    assert response.status_code == 200


def test_a_project_candidates_notes_are_documented_as_the_plain_list_they_are(schema):
    (path,) = [path for path in schema["paths"] if path.endswith("/notes/")]
    listing = schema["paths"][path]["get"]
    body = listing["responses"]["200"]["content"]["application/json"]["schema"]

    assert body["type"] == "array"
    assert {parameter["name"] for parameter in listing.get("parameters", [])} == {
        "project_pk",
        "id",
    }
