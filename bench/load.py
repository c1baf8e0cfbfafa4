"""The server and the load: gunicorn in production mode, driven by wrk (bench/run.py)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from bench.figures import Endpoint

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"


def say(message: str) -> None:
    print(message, flush=True)


def scratch_file(suffix: str, text: str) -> str:
    """A temporary file holding `text`, for wrk to read; the caller removes it."""
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as file:
        file.write(text)
    return file.name


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LoadResult:
    rps: float
    p50: float
    p95: float
    p99: float
    bad: int


@contextmanager
def gunicorn(worker_class: str, workers: int, threads: int) -> Iterator[str]:
    port = free_port()
    environment = {
        **os.environ,
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_WORKER_CLASS": worker_class,
        "GUNICORN_THREADS": str(threads),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "networkdir.wsgi",
            "-c",
            "python:networkdir.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/bench/bare/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def headers_for(endpoint: Endpoint, credentials: dict[str, str]) -> dict[str, str]:
    """The request's headers: `endpoint.auth` names its credential, a session cookie
    ("...session") or an API token."""
    headers = {"Accept-Language": "en"}
    if endpoint.auth.endswith("session"):
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={credentials[endpoint.auth]}"
    elif endpoint.auth:
        headers["Authorization"] = f"Token {credentials[endpoint.auth]}"
    return headers


def quoted(path: str) -> str:
    """The path as sent on the wire: Chinese in the query string percent-encoded."""
    return urllib.parse.quote(path, safe="/?&=:%")


def check(base: str, endpoint: Endpoint, headers: dict[str, str]) -> int:
    """One request first: the figures mean nothing unless the answer is a 200."""
    body = json.dumps(endpoint.body).encode() if endpoint.body else None
    request = urllib.request.Request(base + quoted(endpoint.path), data=body, headers=headers)
    if body:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{endpoint.path} answered {response.status}")
        return len(response.read())


def wrk(
    url: str,
    headers: dict[str, str],
    seconds: float,
    connections: int,
    body_file: str = "",
    paths_file: str = "",
):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s"]
    command += ["-s", str(WRK_SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    environment = {**os.environ, "BENCH_BODY_FILE": body_file, "BENCH_PATHS_FILE": paths_file}
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, env=environment, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    summary = json.loads(line[len("BENCH ") :])
    return LoadResult(
        rps=summary["requests"] / (summary["duration_us"] / 1e6),
        p50=summary["p50_us"] / 1000,
        p95=summary["p95_us"] / 1000,
        p99=summary["p99_us"] / 1000,
        bad=summary["socket_errors"] + summary["bad_status"],
    )


def load_all(
    base: str,
    points: list[Endpoint],
    credentials: dict[str, str],
    options: argparse.Namespace,
    runs: int | None = None,
) -> dict[str, LoadResult]:
    """Warm every endpoint up, then run them in rounds (each round visits every endpoint once).

    Rounds put each page's runs beside the bare view's, so a neighbour stealing the CPU for a
    while weighs on both sides of a ratio rather than on one.
    """
    prepared = []
    for point in points:
        headers = headers_for(point, credentials)
        check(base, point, headers)
        files = {}
        if point.body:
            files["body_file"] = scratch_file(".json", json.dumps(point.body))
        if point.rotation:
            files["paths_file"] = scratch_file(".txt", "\n".join(map(quoted, point.rotation)))
        url = base + quoted(point.path)
        wrk(url, headers, options.warmup, options.connections, **files)
        prepared.append((point, url, headers, files))
    results: dict[str, list[LoadResult]] = {point.key: [] for point in points}
    try:
        for _ in range(runs or options.runs):
            for point, url, headers, files in prepared:
                results[point.key].append(
                    wrk(url, headers, options.duration, options.connections, **files)
                )
    finally:
        for *_rest, files in prepared:
            for name in files.values():
                os.unlink(name)
    medians = {}
    for point in points:
        runs_of = results[point.key]
        median = LoadResult(
            rps=statistics.median(r.rps for r in runs_of),
            p50=statistics.median(r.p50 for r in runs_of),
            p95=statistics.median(r.p95 for r in runs_of),
            p99=statistics.median(r.p99 for r in runs_of),
            bad=sum(r.bad for r in runs_of),
        )
        say(
            f"    {point.label}: {median.rps:,.0f} req/s, p50 {median.p50:.1f} ms, "
            f"p95 {median.p95:.1f} ms, p99 {median.p99:.1f} ms"
            + (f", {median.bad} errors" if median.bad else "")
        )
        medians[point.key] = median
    return medians
