"""The load balancer's probes: /healthz (the process answers) and /readyz (it can serve)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.db.utils import OperationalError
from django.test import override_settings
from django.urls import reverse

from core.health import redis_outage
from core.outage import outage

pytestmark = pytest.mark.django_db

LOCAL_MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.fixture(autouse=True)
def _no_outage_before_or_after(monkeypatch):
    for log in (outage, redis_outage):
        monkeypatch.setattr(log, "started", None)
        monkeypatch.setattr(log, "answered", 0)


@contextmanager
def database_fails() -> Iterator[None]:
    """Every query of this thread fails as when the server has gone away."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def database_down():
    with database_fails():
        yield


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache_at(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }


def assert_never_cached(response) -> None:
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "path"), [("healthz", "/healthz"), ("readyz", "/readyz")])
def test_the_probes_live_outside_the_language_prefix(name, path):
    assert reverse(name) == path


def test_healthz_answers_ok_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


def test_healthz_stays_ok_while_the_database_is_down(client, database_down):
    """A database outage must not make the load balancer restart every worker."""
    assert client.get("/healthz").status_code == 200


def test_readyz_answers_ok_when_the_database_answers(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert_never_cached(response)


def test_readyz_answers_503_naming_the_database_when_it_is_down(client, database_down):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unavailable"}}
    assert_never_cached(response)


def test_a_probe_during_an_outage_logs_the_outage_once(client, database_down, caplog):
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            client.get("/readyz")

    assert [record.name for record in caplog.records] == ["networkdir.outage"]
    assert outage.answered == 3


def test_readyz_answering_again_ends_the_outage(client, caplog):
    with database_fails():
        client.get("/readyz")

    with caplog.at_level(logging.INFO):
        assert client.get("/readyz").status_code == 200

    assert not outage.active
    assert "Database available again" in caplog.records[-1].getMessage()


def test_readyz_answers_503_naming_redis_when_it_is_configured_but_down(client):
    with override_settings(CACHES=redis_cache_at(closed_port())):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "unavailable"},
    }


def test_readyz_reads_through_the_redis_cache_client(client, monkeypatch):
    asked = []
    monkeypatch.setattr(RedisCache, "get", lambda self, key, default=None: asked.append(key))

    with override_settings(CACHES=redis_cache_at(closed_port())):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}
    assert asked


def test_without_redis_readyz_does_not_ask_for_it(client):
    with override_settings(CACHES={"default": LOCAL_MEMORY}):
        response = client.get("/readyz")

    assert "redis" not in response.json()["checks"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_head_and_refuse_writes(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("name", ["healthz", "readyz"])
def test_probes_over_plain_http_are_answered_when_https_is_enforced(client, settings, name):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("platforms:directory")).status_code == 301
