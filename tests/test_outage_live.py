"""A real outage: the site's own PostgreSQL cluster stopped under load, then started again.

gunicorn serves the site with DEBUG off, persistent connections checked before reuse, and two
workers, from a throwaway cluster of its own (the recipe of bin/with-postgres). Four clients read
a signed-in page, the API and the probes, edit their profiles and sign up, while the cluster is
stopped with `pg_ctl stop -m fast` and started again. Every answer in the outage must be a 503
with Retry-After (JSON on the API, never a 500), the site must come back without a restart, and
every write that was acknowledged must be in the database afterwards.

The settings are networkdir.settings_test, which are the production settings with the test
suite's fast password hasher and static files served from their source (a collected manifest is
the deployment's, not the test's); DEBUG=0 switches production mode on.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg2
import pytest
from django.conf import settings

from tests.databases import postgresql_only

ROOT = Path(__file__).resolve().parent.parent
PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
PG_BIN = PG_BINS[-1] if PG_BINS else None

pytestmark = [
    postgresql_only(
        "stops a PostgreSQL cluster under load: runs on PostgreSQL (make test, "
        "bin/with-postgres), not SQLite"
    ),
    pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL's initdb and pg_ctl are not installed"),
]

WORKERS = 2
EDITORS = 2
BEFORE, OUTAGE, AFTER = 1.0, 3.0, 1.0
# How long every kind of request may take to succeed once, when the server is new and when the
# cluster is back: a bound for a busy machine, not a figure.
PATIENCE = 20.0
SIGNUP_PASSWORD = "Harbour-lights-over-Pudong"
SIGNUP_DETAILS = {
    "display_name": "Outage Test",
    "company_type": "chinese_private",
    "industry": "manufacturing",
    "city": "suzhou",
    "seniority": "c_level",
    "consent": "on",
}


INITDB_OPTIONS = ("-E", "UTF8", "--locale=C.UTF-8", "--no-sync")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary directory on a free loopback port, as
    bin/with-postgres makes one: initdb refuses root, so then it belongs to `postgres`."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="networkdir-outage-"))
        self.directory.chmod(0o755)
        self.port = free_port()
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            if subprocess.run(["id", "postgres"], capture_output=True, check=False).returncode:
                subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
            shutil.chown(self.directory, "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/networkdir"

    @property
    def data(self) -> str:
        return str(self.directory / "data")

    def run(self, program: str, *args: str, check: bool = True) -> None:
        command = [*self.as_owner, str(PG_BIN / program), *args]
        subprocess.run(command, check=check, capture_output=True)

    def create(self) -> None:
        self.run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", *INITDB_OPTIONS)
        self.start()
        address = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        subprocess.run([PG_BIN / "createdb", *address, "networkdir"], check=True)

    def start(self) -> None:
        # Durability costs time a deleted cluster doesn't need; commits still wait for the WAL,
        # and a fast stop is a clean shutdown that keeps every committed row.
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        log = str(self.directory / "server.log")
        self.run("pg_ctl", "-D", self.data, "-l", log, "-w", "-o", options, "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.directory, ignore_errors=True)


def site_environment(database_url: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "networkdir.settings_test",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "300",
        "WEB_CONCURRENCY": str(WORKERS),
        # The limits are not what this test is about; a thousand requests must not meet them.
        "API_RATE_ANON": "100000/minute",
        "API_RATE_USER": "100000/minute",
    }


def seed() -> None:
    """Run in the site's environment: migrate, then print the editors' tokens and profile ids
    and a signed-in session, as JSON."""
    from django.core.management import call_command
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from tests.factories import ExecutiveProfileFactory, PlatformFactory

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    PlatformFactory.create_batch(3)
    editors = ExecutiveProfileFactory.create_batch(EDITORS)
    browser = Client()
    browser.force_login(editors[0].user)
    print(
        json.dumps(
            {
                "tokens": [Token.objects.create(user=profile.user).key for profile in editors],
                "profiles": [profile.pk for profile in editors],
                "session": browser.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        )
    )


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.remove()


@dataclass
class Site:
    port: int
    log: Path
    seeded: dict


@pytest.fixture
def site(cluster) -> Iterator[Site]:
    environment = site_environment(cluster.url)
    seeded = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); import {__name__} as t; t.seed()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    port = free_port()
    log = cluster.directory / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [
                Path(sys.executable).parent / "gunicorn",
                "networkdir.wsgi",
                "-c",
                "python:networkdir.gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_healthz(port, server, log)
        yield Site(port, log, json.loads(seeded.stdout.splitlines()[-1]))
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_healthz(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if request(port, "GET", "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}")


@dataclass
class Answer:
    kind: str
    sent: float
    received: float
    status: int  # 0: no answer at all
    content_type: str = ""
    retry_after: str | None = None
    body: bytes = b""
    write: str = ""  # the value a write sent, to look for in the database afterwards


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def request(port: int, method: str, path: str, body: bytes = b"", **headers: str) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


class Load:
    """Clients in threads, each sending one kind of request after another until told to stop."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.answers: list[Answer] = []
        self.stopping = threading.Event()
        self.failures: list[Exception] = []
        self._lock = threading.Lock()

    def ask(self, kind: str, method: str, path: str, body=b"", write="", **headers) -> Answer:
        sent = time.monotonic()
        try:
            reply = request(self.site.port, method, path, body, **headers)
        except OSError:
            answer = Answer(kind, sent, time.monotonic(), 0, write=write)
        else:
            answer = Answer(
                kind,
                sent,
                time.monotonic(),
                reply.status,
                reply.headers.get("Content-Type", ""),
                reply.headers.get("Retry-After"),
                reply.body,
                write,
            )
        with self._lock:
            self.answers.append(answer)
        return answer

    def reader(self) -> None:
        """The API, a signed-in page (its session and user are read in middleware), probes."""
        cookie = f"{settings.SESSION_COOKIE_NAME}={self.site.seeded['session']}"
        while not self.stopping.is_set():
            self.ask("api", "GET", "/api/v1/platforms/")
            self.ask("page", "GET", "/en/me/", Cookie=cookie)
            self.ask("readyz", "GET", "/readyz")
            self.ask("healthz", "GET", "/healthz")

    def editor(self, number: int) -> None:
        """PATCHes of one profile's title, each with a new value."""
        token = self.site.seeded["tokens"][number]
        edit = 0
        while not self.stopping.is_set():
            edit += 1
            title = f"Editor {number}, edit {edit}"
            self.ask(
                "edit",
                "PATCH",
                "/api/v1/me/profile/",
                json.dumps({"title": title}).encode(),
                write=title,
                Authorization=f"Token {token}",
                **{"Content-Type": "application/json"},
            )

    def signer(self) -> None:
        """Sign-ups through the page's form, each a new account."""
        form = request(self.site.port, "GET", "/en/accounts/signup/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
        assert token, f"no sign-up form: {form.status} {form.body[:300]!r}"
        cookie = form.headers["Set-Cookie"].split(";")[0]
        number = 0
        while not self.stopping.is_set():
            number += 1
            username = f"outage-{number}"
            fields = {
                "csrfmiddlewaretoken": token[1].decode(),
                "username": username,
                "email": f"{username}@example.com",
                "password1": SIGNUP_PASSWORD,
                "password2": SIGNUP_PASSWORD,
                **SIGNUP_DETAILS,
            }
            self.ask(
                "signup",
                "POST",
                "/en/accounts/signup/",
                urlencode(fields).encode(),
                write=username,
                Cookie=cookie,
                **{"Content-Type": "application/x-www-form-urlencoded"},
            )

    def threads(self) -> list[threading.Thread]:
        targets = [self.reader, self.signer] + [
            lambda number=number: self.editor(number) for number in range(EDITORS)
        ]
        return [threading.Thread(target=self.noting_failures(t), daemon=True) for t in targets]

    def noting_failures(self, client: Callable[[], None]) -> Callable[[], None]:
        """A client that leaves its exception for the test to report, rather than dying quietly."""

        def run() -> None:
            try:
                client()
            except Exception as error:
                self.failures.append(error)
                raise

        return run


SUCCESS = {"api": 200, "page": 200, "readyz": 200, "healthz": 200, "edit": 200, "signup": 302}
JSON_KINDS = {"api", "readyz", "edit"}


def succeeded(answer: Answer) -> bool:
    return answer.status == SUCCESS[answer.kind]


@dataclass
class Timeline:
    """When every kind of request had succeeded once, the cluster was told to stop, had
    stopped, was told to start, and accepted connections again."""

    warm: float
    stopping: float
    stopped: float
    starting: float
    started: float


def wait_until_every_kind_succeeds(load: Load, since: float, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while {a.kind for a in load.answers if a.sent > since and succeeded(a)} != set(SUCCESS):
        assert not load.failures, load.failures
        assert time.monotonic() < deadline, f"not every kind of request succeeded {what}"
        time.sleep(0.1)


def stop_and_start_under_load(cluster: Cluster, load: Load) -> Timeline:
    """Every kind of request succeeding, then an outage under load, then until every kind has
    succeeded again and a little longer."""
    clients = load.threads()
    for client in clients:
        client.start()
    wait_until_every_kind_succeeds(load, 0.0, "before the outage")
    warm = time.monotonic()
    time.sleep(BEFORE)
    stopping = time.monotonic()
    cluster.stop()
    stopped = time.monotonic()
    time.sleep(OUTAGE)
    starting = time.monotonic()
    cluster.start()
    timeline = Timeline(warm, stopping, stopped, starting, time.monotonic())
    wait_until_every_kind_succeeds(load, timeline.started, "after the outage")
    time.sleep(AFTER)
    load.stopping.set()
    for client in clients:
        client.join(timeout=15)
    return timeline


def edit_number(title: str) -> int:
    return int(title.rsplit(" ", 1)[1])


def last_acknowledged_edit(answers: list[Answer], editor: int) -> int:
    """The number of the editor's last edit answered 200 (edits of one editor are sequential)."""
    return max(
        (
            edit_number(a.write)
            for a in answers
            if a.kind == "edit" and succeeded(a) and a.write.startswith(f"Editor {editor},")
        ),
        default=0,
    )


def lost_writes(database_url: str, answers: list[Answer], profile_ids: list[int]) -> list[str]:
    """Acknowledged writes missing from the database. Each profile must hold its editor's last
    acknowledged title or a later one (a write may commit and lose its answer); every
    acknowledged sign-up must have its account."""
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, title FROM profiles_executiveprofile WHERE id = ANY(%s)", [profile_ids]
        )
        titles = dict(cursor.fetchall())
        cursor.execute("SELECT username FROM auth_user WHERE username LIKE 'outage-%%'")
        usernames = {row[0] for row in cursor.fetchall()}
    connection.close()
    lost = [
        f"Editor {editor}, edit {last_acknowledged_edit(answers, editor)}"
        for editor, profile in enumerate(profile_ids)
        if edit_number(titles[profile]) < last_acknowledged_edit(answers, editor)
    ]
    signed_up = {a.write for a in answers if a.kind == "signup" and succeeded(a)}
    return lost + sorted(signed_up - usernames)


def assert_told_to_come_back(answer: Answer) -> None:
    assert answer.status == 503, answer
    assert answer.retry_after == "30", answer
    if answer.kind in JSON_KINDS:
        assert answer.content_type == "application/json", answer
        body = json.loads(answer.body)
        assert body.get("detail") or body.get("status") == "unavailable", answer
    else:
        assert answer.content_type.startswith("text/html"), answer
        assert "暂时无法访问".encode() in answer.body, answer


def figures(answers: list[Answer], timeline: Timeline, lost: list[str], log: str) -> dict:
    """What docs/RELIABILITY.md reports of the run."""
    during = [a for a in answers if timeline.stopped < a.sent and a.received < timeline.starting]
    failed_after = [a for a in answers if a.sent > timeline.started and not succeeded(a)]
    before = [a.received - a.sent for a in answers if timeline.warm < a.sent < timeline.stopping]
    first_success = min(a.received for a in answers if a.sent > timeline.starting and succeeded(a))
    return {
        "requests": len(answers),
        "requests during the outage": len(during),
        "503 during the outage": sum(a.status == 503 for a in during),
        "5xx other than 503": sum(a.status >= 500 and a.status != 503 for a in answers),
        "no answer": sum(a.status == 0 for a in answers),
        "outage (s)": round(timeline.starting - timeline.stopping, 1),
        "cluster start (s)": round(timeline.started - timeline.starting, 2),
        "first success after the cluster accepted (s)": round(
            max(0.0, first_success - timeline.started), 2
        ),
        "failures after the cluster accepted again": len(failed_after),
        "median success before the outage (s)": round(statistics.median(before or [0]), 2),
        "acknowledged writes": sum(succeeded(a) for a in answers if a.kind in {"edit", "signup"}),
        "acknowledged writes lost": len(lost),
        "outage lines logged": log.count("Database unavailable"),
        "recovery lines logged": log.count("Database available again"),
        "tracebacks logged": tracebacks(log),
    }


def tracebacks(log: str) -> int:
    """Separate tracebacks in the log: a chained exception prints several, linked by a sentence."""
    printed = log.count("Traceback (most recent call last)")
    return printed - log.count("direct cause of the following") - log.count("During handling of")


def test_a_stopped_database_answers_503_and_the_site_recovers_with_nothing_lost(cluster, site):
    load = Load(site)
    timeline = stop_and_start_under_load(cluster, load)

    answers = load.answers
    lost = lost_writes(cluster.url, answers, site.seeded["profiles"])
    log = site.log.read_text()
    run = figures(answers, timeline, lost, log)
    print("\noutage figures:", json.dumps(run))
    assert run["5xx other than 503"] == run["no answer"] == 0
    assert all(succeeded(a) for a in answers if a.received < timeline.stopping)
    during = [a for a in answers if timeline.stopped < a.sent and a.received < timeline.starting]
    assert {a.kind for a in during} == set(SUCCESS), "every kind of request was tried"
    for answer in during:
        if answer.kind == "healthz":
            assert answer.status == 200, answer
        else:
            assert_told_to_come_back(answer)
    # The cluster accepting connections again is enough: no restart, no failed request after.
    assert run["failures after the cluster accepted again"] == 0
    assert lost == []
    # Each worker logs the outage once and its end once, not a line per request.
    assert 1 <= run["outage lines logged"] <= WORKERS
    assert run["recovery lines logged"] == run["outage lines logged"]
    # One traceback with each outage record, however long its chain, and none per request.
    assert run["tracebacks logged"] == run["outage lines logged"], log
    assert "Service Unavailable" not in log
    assert "Internal Server Error" not in log
