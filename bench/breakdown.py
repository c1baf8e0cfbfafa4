"""Where a request's time goes, on the pages that miss their share of the bare view: the search
page and API (a new city + industry + seniority each request) and a project's board and its
API listing, requested in this process through Django's test client (no server, no wrk).

Each request is timed whole, and so are the steps its view takes, each as the view calls it;
within each step, the time spent in SQL (every statement, through Django's execute wrapper) and
in the shared cache (every Redis round trip) is counted apart. What no step holds is the
middleware's (the session, the user), the view's own small work and the response. The CPU time
of the whole loop says how much of a request is this process's Python, against waiting on
PostgreSQL and Redis (which, on the benchmark's machine, share its cores).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import redis
from django.db import connection
from django.test import Client

from bench.figures import ms
from bench.project import BOARD_LABEL, LISTING_LABEL, board_path, listing_path
from bench.searches import SEARCH_API_PATH, SEARCH_PAGE_PATH, UNSEEN, search_label
from core.cache import new_data_version
from core.renderers import FastJSONRenderer
from profiles import candidate_views
from profiles.api import candidates as candidate_api
from profiles.filters import CandidateFilter
from profiles.totals import CANDIDATES_VERSION
from workspace import api as workspace_api
from workspace import selectors as workspace_selectors
from workspace import views as workspace_views

# The part of a request no step holds, and the whole request.
REST = "the rest: middleware, session and user, the response"
WHOLE = "the whole request"
# Requests made untimed before each breakdown, so that what a process reads once is read.
WARMUP = 30


@dataclass
class Breakdown:
    """Seconds of each step (a step's own time, less the steps it calls), with the SQL and
    cache time within it, over `requests` requests; `cpu_ms` is this process's CPU time per
    request."""

    label: str
    requests: int = 0
    whole: float = 0.0
    cpu_ms: float = 0.0
    steps: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    sql: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cache: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def rows(self) -> list[tuple[str, float, float, float]]:
        """(step, ms, of which SQL ms, of which cache ms) per request: each step, the rest,
        and the whole request."""
        per = ms(1) / self.requests
        rows = [
            (name, spent * per, self.sql[name] * per, self.cache[name] * per)
            for name, spent in self.steps.items()
        ]
        rest = self.whole - sum(self.steps.values())
        rows.append((REST, rest * per, self.sql[REST] * per, self.cache[REST] * per))
        totals = (self.whole, sum(self.sql.values()), sum(self.cache.values()))
        rows.append((WHOLE, *(value * per for value in totals)))
        return rows


class Stopwatch:
    """Times the steps it is given (functions replaced, for as long as it runs, by timed
    wrappers) and the SQL and Redis round trips within them, into a `Breakdown`."""

    def __init__(self, breakdown: Breakdown) -> None:
        self.breakdown = breakdown
        self.current = REST
        # The time of the steps called within each step running, innermost last.
        self.inner: list[float] = []

    @contextmanager
    def running(self, steps: list[tuple[object, str, str]]) -> Iterator[None]:
        """While it runs: each `(owner, attribute, step)` of `steps` timed as `step`, and every
        statement and Redis command within it."""
        with ExitStack() as stack:
            for owner, attribute, step in steps:
                timing = partial(self._timing_step, step=step)
                stack.enter_context(self._replaced(owner, attribute, timing))
            stack.enter_context(connection.execute_wrapper(self._statement))
            for owner, attribute in (
                (redis.Redis, "execute_command"),
                (redis.client.Pipeline, "execute"),
            ):
                stack.enter_context(self._replaced(owner, attribute, self._timing_cache))
            yield

    def request(self, call: Callable[[], Any]) -> None:
        """One request, timed whole."""
        started = time.perf_counter()
        call()
        self.breakdown.whole += time.perf_counter() - started
        self.breakdown.requests += 1

    @contextmanager
    def _replaced(
        self, owner: object, attribute: str, timing: Callable[[Callable], Callable]
    ) -> Iterator[None]:
        """`owner.attribute` (a module's function, or a class's method, its own or inherited)
        replaced by `timing` of it, then put back as it was."""
        own = vars(owner)
        had, original = attribute in own, own.get(attribute)
        setattr(owner, attribute, timing(getattr(owner, attribute)))
        try:
            yield
        finally:
            if had:
                setattr(owner, attribute, original)
            else:
                delattr(owner, attribute)

    def _timing_step(self, function: Callable, step: str) -> Callable:
        """`function` timed as `step`, less the steps it calls (each is timed as itself)."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            outer, self.current = self.current, step
            self.inner.append(0.0)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self.breakdown.steps[step] += spent - self.inner.pop()
                if self.inner:
                    self.inner[-1] += spent
                self.current = outer

        return timed

    def _timing_cache(self, function: Callable) -> Callable:
        """`function`, a round trip to Redis, timed within the step running."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.breakdown.cache[self.current] += time.perf_counter() - started

        return timed

    def _statement(self, execute: Callable, sql: str, params: Any, many: bool, context: Any):
        """Django's execute wrapper: each statement timed within the step running."""
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.breakdown.sql[self.current] += time.perf_counter() - started


def broken_down(
    label: str,
    client: Client,
    paths: list[str],
    steps: list[tuple[object, str, str]],
    *,
    warmup: int = WARMUP,
) -> Breakdown:
    """`paths` requested in turn through `client`, after `warmup` of them untimed, broken down
    into `steps`."""
    for path in paths[:warmup]:
        client.get(path)
    breakdown = Breakdown(label)
    breakdown.steps.update((step, 0.0) for _owner, _attribute, step in steps)  # in this order
    watch = Stopwatch(breakdown)
    with watch.running(steps):
        started = time.process_time()
        for path in paths[warmup:]:
            watch.request(lambda path=path: client.get(path))
        breakdown.cpu_ms = ms(time.process_time() - started) / breakdown.requests
    return breakdown


FILTERS = "the filters: form built and checked"
QUERYSET = "the search's queryset built"
ROWS = "the page's candidates and their channels (SQL)"
TEMPLATES = "drawing the page (templates, rows' markup)"
API_ENTRY = "authentication, permission, throttle"
JSON = "JSON encoding"
BOARD = "the board's page of entries (SQL)"
STAGES = "the counts by stage (kept; SQL after a change)"
ENTRIES = "the entries' candidates, channels and tags (SQL)"
ADVICE = "advice and introduction paths, each row"

# What each breakdown times: (owner, attribute, step). A step called within another is timed as
# itself, and the other's time is its own less that.
SEARCH_PAGE = [
    (CandidateFilter, "is_valid", FILTERS),
    (CandidateFilter, "filter_queryset", QUERYSET),
    (candidate_views, "candidate_page", ROWS),
    (candidate_views, "search_results", ADVICE),
    (candidate_views, "search_counts", "the total and the platforms' counts (SQL)"),
    (candidate_views, "render", TEMPLATES),
]
SEARCH_API = [
    (candidate_api.CandidateViewSet, "initial", API_ENTRY),
    (candidate_api.CandidateViewSet, "search", FILTERS),
    (CandidateFilter, "filter_queryset", QUERYSET),
    (candidate_api.CandidatePagination, "paginate_search", ROWS),
    (candidate_api, "counts_data", "the total (SQL)"),
    (candidate_api, "candidate_data", "each row as data"),
    (FastJSONRenderer, "render", JSON),
]
BOARD_STEPS = [
    (workspace_selectors, "project_board", BOARD),
    (workspace_selectors, "stage_counts", STAGES),
    (workspace_selectors, "_with_candidates", ENTRIES),
    (workspace_selectors, "_advised", ADVICE),
]
BOARD_PAGE = [
    (workspace_views, "project_or_404", "the project, for a member (SQL)"),
    *BOARD_STEPS,
    (workspace_views, "render", TEMPLATES),
]
BOARD_API = [
    (workspace_api.ProjectCandidateViewSet, "initial", API_ENTRY),
    *BOARD_STEPS,
    (workspace_api, "entry_data", "each row as data"),
    (FastJSONRenderer, "render", JSON),
]


def measure_breakdowns(
    credentials: dict[str, str], searches: list[str], project_id: int, requests: int
) -> list[Breakdown]:
    """The search page and API through `searches` (query strings, a new one each request: the
    API from the middle of the list, so that it finds none of the page's counts kept), and the
    project's board and API listing, each `requests` times, as the load's recruiter. Nothing
    they count is kept for the load after them: the candidates' data version is replaced."""
    page = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
    page.cookies["sessionid"] = credentials["session"]
    api = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {credentials['token']}")
    count = requests + WARMUP

    def rotation(prefix: str, start: int) -> list[str]:
        return [f"{prefix}?{searches[(start + n) % len(searches)]}" for n in range(count)]

    breakdowns = [
        broken_down(search_label("page", UNSEEN), page, rotation(SEARCH_PAGE_PATH, 0), SEARCH_PAGE),
        broken_down(
            search_label("API", UNSEEN),
            api,
            rotation(SEARCH_API_PATH, len(searches) // 2),
            SEARCH_API,
        ),
        broken_down(BOARD_LABEL, page, [board_path(project_id)] * count, BOARD_PAGE),
        broken_down(LISTING_LABEL, api, [listing_path(project_id)] * count, BOARD_API),
    ]
    new_data_version(CANDIDATES_VERSION)
    return breakdowns
