"""A database that can't be reached answers 503 with Retry-After, logged once per outage.

These tests make every query fail inside the request (an execute wrapper) or make a middleware
fail, on any database. tests/test_outage_live.py stops a real PostgreSQL cluster under load.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from core.outage import RETRY_AFTER_SECONDS, outage
from tests.factories import PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db

OUTAGE_LOGGER = "networkdir.outage"


@pytest.fixture(autouse=True)
def _no_outage_before_or_after(monkeypatch):
    """The outage log is per process: each test starts without an outage in progress."""
    monkeypatch.setattr(outage, "started", None)
    monkeypatch.setattr(outage, "answered", 0)


@pytest.fixture
def visitor() -> Client:
    """A client that gets the response Django serves for an uncaught error, as a browser would."""
    return Client(raise_request_exception=False)


@contextmanager
def database_fails(error: Exception) -> Iterator[None]:
    """Every query of this thread raises `error`, as when the server has gone away."""

    def refuse(execute, sql, params, many, context):
        raise error

    with connection.execute_wrapper(refuse):
        yield


def refused() -> OperationalError:
    return OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "error", [refused(), InterfaceError("connection already closed")], ids=type
)
def test_the_api_answers_json_503_with_retry_after(visitor, error):
    with database_fails(error):
        response = visitor.get(reverse("api-v1:platform-list"))

    assert_unavailable(response)
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The service is briefly unavailable. Try again in a moment."
    }


def test_a_write_to_the_api_answers_json_503(visitor, executive):
    visitor.force_login(executive)

    with database_fails(refused()):
        response = visitor.patch(
            reverse("api-v1:me-profile"), {"title": "CEO"}, content_type="application/json"
        )

    assert_unavailable(response)
    assert response.json()["detail"]


def test_a_page_answers_the_bilingual_503_page(visitor):
    with database_fails(refused()):
        response = visitor.get(reverse("platforms:directory"))

    assert_unavailable(response)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Briefly unavailable" in html
    assert "暂时无法访问" in html


@pytest.mark.parametrize(
    ("middleware", "path"),
    [
        (SessionMiddleware, "/en/"),
        (SessionMiddleware, "/api/v1/platforms/"),
        (AuthenticationMiddleware, "/en/me/"),
    ],
    ids=["session, page", "session, API", "authentication, page"],
)
def test_an_error_inside_session_or_auth_middleware_is_a_503_too(
    visitor, monkeypatch, middleware, path
):
    """Django turns a middleware's exception into a response where it is raised, so only the
    500 handler (not a middleware above) can answer it; it must still be a 503."""

    def fail(self, request):
        raise refused()

    monkeypatch.setattr(middleware, "process_request", fail)

    response = visitor.get(path)

    assert_unavailable(response)
    assert response["Content-Type"].startswith(
        "application/json" if path.startswith("/api/") else "text/html"
    )


def test_a_session_the_database_could_not_save_is_a_503_not_a_400(visitor, monkeypatch, caplog):
    """Django's database sessions turn a failed save into "the session was deleted" (a 400):
    signing in while the database goes away must still say "come back in a moment"."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    save = store.save

    def save_as_the_database_fails(self, must_create=False):
        if must_create:
            return save(self, must_create=True)
        try:
            raise refused()
        except OperationalError:
            raise UpdateError from None

    monkeypatch.setattr(store, "save", save_as_the_database_fails)
    UserFactory(username="wang.wei", password="a-long-password-1")

    with caplog.at_level(logging.INFO):
        response = visitor.post(
            reverse("login"), {"username": "wang.wei", "password": "a-long-password-1"}
        )

    assert_unavailable(response)
    assert "暂时无法访问" in response.content.decode()
    assert len(outage_records(caplog)) == 1
    assert [r for r in caplog.records if r.name == "django.request"] == []


def test_other_bad_requests_stay_400(visitor, monkeypatch):
    def interrupted(self, must_create=False):
        raise UpdateError

    store = import_module(settings.SESSION_ENGINE).SessionStore
    monkeypatch.setattr(store, "save", interrupted)
    monkeypatch.setattr(store, "create", lambda self: None)
    UserFactory(username="wang.wei", password="a-long-password-1")

    response = visitor.post(
        reverse("login"), {"username": "wang.wei", "password": "a-long-password-1"}
    )

    assert response.status_code == 400


def test_other_errors_stay_500_and_are_json_under_the_api(visitor):
    with database_fails(RuntimeError("a bug")):
        api = visitor.get(reverse("api-v1:platform-list"))
        page = visitor.get(reverse("platforms:directory"))

    assert api.status_code == 500
    assert api.json() == {"detail": "A server error occurred."}
    assert page.status_code == 500
    assert "Something went wrong" in page.content.decode()


def test_api_errors_speak_the_language_asked_for_even_before_locale_middleware(
    visitor, monkeypatch
):
    """The session middleware runs before LocaleMiddleware has chosen a language."""

    def fail(self, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(SessionMiddleware, "process_request", fail)

    response = visitor.get(reverse("api-v1:platform-list"), headers={"accept-language": "zh-hans"})

    assert response.status_code == 500
    assert response.json() == {"detail": "服务器出现了错误。"}


def outage_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == OUTAGE_LOGGER]


def test_an_outage_is_logged_once_and_its_end_once(visitor, caplog):
    PlatformFactory()
    with caplog.at_level(logging.INFO), database_fails(refused()):
        for _ in range(5):
            visitor.get(reverse("api-v1:platform-list"))
            visitor.get(reverse("platforms:directory"))

    during = list(caplog.records)
    assert len(outage_records(caplog)) == 1
    assert outage_records(caplog)[0].levelno == logging.ERROR
    assert "Database unavailable" in outage_records(caplog)[0].getMessage()
    # Django's own request log adds no traceback per request.
    assert [r for r in during if r.name == "django.request"] == []

    with caplog.at_level(logging.INFO):
        assert visitor.get(reverse("api-v1:platform-list")).status_code == 200

    ended = outage_records(caplog)[-1]
    assert ended.levelno == logging.WARNING
    assert "available again" in ended.getMessage()
    assert "10 requests were answered 503" in ended.getMessage()
    assert not outage.active


def test_a_new_outage_after_recovery_is_logged_again(visitor, caplog):
    with caplog.at_level(logging.INFO):
        with database_fails(refused()):
            visitor.get(reverse("api-v1:platform-list"))
        visitor.get(reverse("api-v1:platform-list"))
        with database_fails(refused()):
            visitor.get(reverse("api-v1:platform-list"))

    messages = [record.getMessage() for record in outage_records(caplog)]
    assert [message.split(" (")[0].split(" after")[0] for message in messages] == [
        "Database unavailable",
        "Database available again",
        "Database unavailable",
    ]


def test_other_server_errors_are_still_logged_with_their_traceback(visitor, caplog):
    with caplog.at_level(logging.ERROR), database_fails(RuntimeError("a bug")):
        visitor.get(reverse("api-v1:platform-list"))

    logged = [record for record in caplog.records if record.name == "django.request"]
    assert len(logged) == 1
    assert logged[0].exc_info[0] is RuntimeError


def test_the_503_page_renders_without_a_request():
    html = render_to_string("503.html")

    assert "Briefly unavailable" in html
    assert "暂时无法访问" in html


def test_the_outage_middleware_sits_above_everything_that_reads_the_database():
    middleware = settings.MIDDLEWARE
    position = middleware.index("core.outage.DatabaseOutageMiddleware")

    assert position < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position < middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")


def test_connections_are_checked_before_reuse_so_recovery_needs_no_restart():
    """A persistent connection broken by an outage is closed at the end of the request that
    hit it, and checked before reuse otherwise: the next request connects afresh."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
