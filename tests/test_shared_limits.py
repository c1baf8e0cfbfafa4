"""Rate limits hold across gunicorn workers: each is counted once, in the shared store.

gunicorn serves the site with DEBUG off from the test database, with 1, 2 and 4 workers, and
eight clients send bursts of concurrent requests at three limits: the anonymous API rate, the
candidate export (the page and the API counted together for one recruiter) and advice per
minute. Each limit must let through its number, give or take 10%, whatever the number of
workers: with counters in each worker's memory, four workers let through about four times as
many. The access log names the worker (pid) of every answer, to show the load was shared.

The settings are networkdir.settings_test (the production settings with a fast password hasher
and static files served from their source) with DEBUG=0; the rates are the defaults, passed
explicitly. The figures are printed (`pytest -s`) for docs/RELIABILITY.md.
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.databases import postgresql_only
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    postgresql_only(
        "gunicorn's workers need a database server they can share with the test: runs "
        "on PostgreSQL (make test, bin/with-postgres), not SQLite in memory"
    ),
    pytest.mark.django_db(transaction=True),
]

CLIENTS = 8
TOLERANCE = 0.10
RATES = {"anon": 60, "candidate_export": 10, "recommendations": 30}
ENVIRONMENT_RATES = {
    "API_RATE_ANON": f"{RATES['anon']}/minute",
    "API_RATE_USER": "300/minute",
    "API_RATE_RECOMMENDATIONS": f"{RATES['recommendations']}/minute",
    "API_RATE_CANDIDATE_EXPORT": f"{RATES['candidate_export']}/hour",
}
ADVICE_BODY = json.dumps(
    {"purpose": "recruiting", "target": {"company_type": "foreign", "seniority": "junior"}}
)


@dataclass(frozen=True)
class Site:
    port: int
    access_log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for_gunicorn() -> str:
    """The test database as gunicorn must reach it (its name is the test run's, not the
    configured one)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


@pytest.fixture
def site(request, tmp_path) -> Iterator[Site]:
    workers = request.param
    port = free_port()
    access_log = tmp_path / "access.log"
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "networkdir.settings_test",
        "DEBUG": "0",
        # The test's own key: the session it signs in with is checked against it.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url_for_gunicorn(),
        "WEB_CONCURRENCY": str(workers),
        # The store the test clears between runs: Redis when the suite runs with it.
        "REDIS_URL": settings.REDIS_URL,
        **ENVIRONMENT_RATES,
    }
    server = subprocess.Popen(
        [
            Path(sys.executable).parent / "gunicorn",
            "networkdir.wsgi",
            "-c",
            "python:networkdir.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(s)s",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port, server)
        yield Site(port, access_log)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if send(port, "GET", "/healthz") == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def send(port: int, method: str, path: str, body: str = "", **headers: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def burst(port: int, requests: list[tuple[str, str, str, dict]]) -> Counter:
    """Every request sent by CLIENTS concurrent clients; the statuses counted."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = pool.map(lambda r: send(port, r[0], r[1], r[2], **r[3]), requests)
        return Counter(statuses)


def within_one_minute_window(seconds_needed: float = 15) -> None:
    """Counts are kept per clock minute (core.throttling): start the bursts early in a minute,
    so that none of them spans two windows and gets two allowances."""
    left = 60 - time.time() % 60
    if left < seconds_needed:
        time.sleep(left + 0.05)


def assert_held(name: str, statuses: Counter, workers: int) -> None:
    limit = RATES[name]
    allowed = statuses[200]
    sent = sum(statuses.values())
    print(f"{name}: {workers} workers, {allowed} allowed of {sent} sent, limit {limit}")
    assert set(statuses) <= {200, 429}, statuses
    assert abs(allowed - limit) <= TOLERANCE * limit, (name, workers, statuses)


def answering_workers(site: Site) -> int:
    lines = site.access_log.read_text().split("\n")
    return len({line.split()[0] for line in lines if line.endswith(" 200")})


@pytest.mark.parametrize("site", [1, 2, 4], indirect=True, ids=lambda n: f"{n}-workers")
def test_each_limit_holds_whatever_the_number_of_workers(site, recruiters_group, request):
    workers = request.node.callspec.params["site"]
    recruiter = UserFactory(username="limits-recruiter")
    recruiter.groups.add(recruiters_group)
    token = {"Authorization": f"Token {Token.objects.create(user=recruiter).key}"}
    browser = Client()
    browser.force_login(recruiter)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME]
    session = {"Cookie": f"{cookie.key}={cookie.value}"}
    page_export = ("GET", reverse("profiles:candidate_export"), "", session)
    api_export = ("GET", reverse("api-v1:candidate-export"), "", token)
    advice = (
        "POST",
        reverse("api-v1:recommendations"),
        ADVICE_BODY,
        {**token, "Content-Type": "application/json"},
    )

    within_one_minute_window()
    anonymous = burst(site.port, [("GET", reverse("api-v1:platform-list"), "", {})] * 120)
    exports = burst(site.port, [page_export, api_export] * 15)
    advised = burst(site.port, [advice] * 60)

    assert_held("anon", anonymous, workers)
    assert_held("candidate_export", exports, workers)
    assert_held("recommendations", advised, workers)
    answered_by = answering_workers(site)
    print(f"requests let through were answered by {answered_by} of {workers} workers")
    assert answered_by == workers
