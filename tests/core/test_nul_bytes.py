"""A NUL character the database driver refuses is the client's 400, in the API's shape or the
site's; every other error is left alone."""

import json

import pytest
from django.test import RequestFactory

from core.nul_bytes import NulByteMiddleware

# psycopg2's own words when a query parameter holds U+0000.
DRIVER_ERROR = ValueError("A string literal cannot contain NUL (0x00) characters.")


@pytest.fixture
def middleware() -> NulByteMiddleware:
    return NulByteMiddleware(lambda request: None)


def test_under_the_api_it_is_a_json_400(middleware):
    request = RequestFactory().get("/api/v1/candidates/?q=%00")

    response = middleware.process_exception(request, DRIVER_ERROR)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "NUL" in json.loads(response.content)["detail"]


def test_on_the_site_it_is_the_400_page(middleware):
    request = RequestFactory().get("/admin/profiles/executiveprofile/?city__exact=%00")

    response = middleware.process_exception(request, DRIVER_ERROR)

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize("error", [ValueError("invalid literal for int()"), RuntimeError("boom")])
def test_other_errors_are_left_to_the_500_handler(middleware, error):
    request = RequestFactory().get("/api/v1/platforms/")

    assert middleware.process_exception(request, error) is None
