"""Every answer carries a Content-Security-Policy that allows nothing inline, and no page needs
anything inline: scripts and styles come from files on this site.

The routes are the permission matrix's (tests/test_permissions.py), which itself is checked to
hold every named route; the admin, the API docs and the error pages are added here.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import test_permissions
from tests.test_permissions import API_MATRIX, MATRIX

# The matrix's fixtures: the roles and the objects its URLs point at, built once for the module.
world = test_permissions.world
executive, other_executive, recruiter, admin_user, objects, api_objects = (
    getattr(test_permissions, name) for name in test_permissions.WORLD_FIXTURES
)

pytestmark = pytest.mark.django_db

# Script elements that run code without a src (JSON data blocks don't run), inline style
# elements and attributes, and inline event handlers.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"
    r"|<style\b|\sstyle=\"|\son[a-z]+=\"",
    re.IGNORECASE,
)
ROUTES = sorted({row.name for row in MATRIX} | {row.name for row in API_MATRIX})
OTHER_PAGES = [
    "/admin/",
    "/admin/login/",
    "/admin/profiles/executiveprofile/",
    "/admin/platforms/platform/",
    "/en/no-such-page/",
    "/api/v1/no-such-endpoint/",
    "/api/schema/?format=json",
]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_strict(response) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def url_of(name: str, objects: dict) -> str:
    row = next(row for row in [*MATRIX, *API_MATRIX] if row.name == name)
    return reverse(name, kwargs=row.kwargs(objects))


@pytest.mark.parametrize("name", ROUTES)
def test_every_route_answers_with_a_strict_policy(admin_client, api_objects, name):
    response = admin_client.get(url_of(name, api_objects))

    assert_strict(response)


@pytest.mark.parametrize("path", OTHER_PAGES)
def test_the_admin_and_the_error_pages_answer_with_a_strict_policy(admin_client, path):
    assert_strict(admin_client.get(path))


def test_a_refused_request_carries_the_policy_too(client):
    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    assert_strict(response)


@pytest.mark.parametrize(
    "name", [row.name for row in MATRIX if row.method == "GET" and "export" not in row.name]
)
@pytest.mark.parametrize("role", ["anonymous", "owner", "recruiter", "admin"])
def test_no_page_holds_an_inline_script_or_style(client_for_role, objects, name, role):
    response = client_for_role(role).get(url_of(name, objects))

    if response["Content-Type"].startswith("text/html"):
        assert INLINE.findall(response.content.decode()) == []


def test_the_advice_page_uses_its_script_file_and_a_meter(client, objects):
    query = {
        "purpose": "recruiting",
        "company_type": "foreign",
        "seniority": "junior",
        "weibo": "active",
    }
    html = client.get(reverse("outreach:advisor"), query).content.decode()

    assert 'src="/static/js/copy-link.js"' in html
    assert 'data-copied="Link copied"' in html
    assert '<meter class="score-bar"' in html
    assert INLINE.findall(html) == []


def test_the_api_docs_get_images_from_data_uris_and_nothing_else(client):
    response = client.get(reverse("api-docs"))

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert INLINE.findall(response.content.decode()) == []


def test_the_api_docs_start_up_script_is_a_file(client):
    page = client.get(reverse("api-docs")).content.decode()
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', page).group(1)

    response = client.get(script_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
