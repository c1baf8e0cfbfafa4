"""The recruiter searches the benchmark times in its own process: each search's first page
through the ORM beside the same statements as raw SQL (the database's floor), and what its
capped total and platform counts add, nothing kept."""

from __future__ import annotations

import os
import statistics
import time

import psycopg2
from django.contrib.auth.models import User
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from bench.figures import CountTiming, SearchTiming, ms, percentile, timed_ms
from bench.load import say
from core.cache import new_data_version, recent_data_version
from core.statements import forget_prepared
from profiles.filters import CandidateFilter
from profiles.selectors import Candidate, candidate_filter, candidate_page
from profiles.totals import CANDIDATES_VERSION, search_counts

MULTI_PLATFORM = "platform=weibo&platform=maimai&open_to_inquiries=true"
PLACE = "city=shanghai&industry=finance&seniority=c_level"
SEARCHES = {
    "multi-platform": MULTI_PLATFORM,
    "city+industry+seniority": PLACE,
    "q=王伟 (2-char name)": "q=王伟",
    "q=上海 (2-char city)": "q=上海",
}
CJK_QUERIES = ["上海", "王伟", "腾讯", "北京", "张静", "欧阳"]
# Where a recruiter searches, and with which credential; and the search that is new each request.
SEARCH_PAGE_PATH = "/en/candidates/"
SEARCH_API_PATH = "/api/v1/candidates/"
SEARCH_KINDS = (("page", SEARCH_PAGE_PATH, "session"), ("API", SEARCH_API_PATH, "token"))
UNSEEN = "a new city+industry+seniority each request"


def search_label(kind: str, name: str) -> str:
    """A search's row in the results: its kind (page or API) and what it asks."""
    return f"Recruiter search {kind}, {name}"


def search_filter(recruiter: User, query: str) -> CandidateFilter:
    """The page's and the API's FilterSet for `query`, validated."""
    filterset = candidate_filter(user=recruiter, data=QueryDict(query))
    assert filterset.is_valid(), filterset.errors
    return filterset


def first_page(filterset: CandidateFilter) -> list[Candidate]:
    """The ORM query of a search: one page of 25 with its channels (two statements)."""
    return candidate_page(filterset, number=1, size=25).candidates


def measure_searches(
    recruiter: User, repeat: int, searches: dict[str, str] | None = None
) -> dict[str, SearchTiming]:
    """Each search's first page through the ORM and as raw SQL (by default the recruiter's
    SEARCHES and the CJK queries), with the plan of its main statement."""
    raw = psycopg2.connect(os.environ["DATABASE_URL"])
    raw.autocommit = True
    prepared: set[str] = set()
    timings = {}
    if searches is None:
        searches = {**SEARCHES, **{f"q={q}": f"q={q}" for q in CJK_QUERIES}}
    for name, query in searches.items():
        timing = SearchTiming(name)
        filterset = search_filter(recruiter, query)
        first_page(filterset)  # the process's copy of the platforms is fresh, the shape compiled
        forget_prepared(connection)  # recorded as a new connection runs them
        with CaptureQueriesContext(connection) as captured:
            timing.rows = len(first_page(filterset))
        timing.statements = [entry["sql"] for entry in captured.captured_queries]
        timing.orm_ms = timed_ms(lambda search=filterset: first_page(search), repeat)
        timing.filter_ms = timed_ms(lambda q=query: search_filter(recruiter, q).qs, repeat)

        runs = as_run_again(raw, timing.statements, prepared)

        def run_raw(statements=runs) -> None:
            with raw.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                    cursor.fetchall()

        timing.raw_ms = timed_ms(run_raw, repeat)
        with raw.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + timing.statements[0])
            timing.plan = "\n".join(row[0] for row in cursor.fetchall())
        timings[name] = timing
        say(
            f"    {name}: raw {statistics.median(timing.raw_ms):.2f} ms, "
            f"ORM {statistics.median(timing.orm_ms):.2f} ms "
            f"(+ filter {statistics.median(timing.filter_ms):.2f} ms), {timing.rows} rows"
        )
    raw.close()
    return timings


def as_run_again(raw, statements: list[str], prepared: set[str]) -> list[str]:
    """`statements` as the raw connection runs them on each page: a statement the ORM's
    connection prepared (`PREPARE name AS ...; EXECUTE name(...)`, `core.statements`) is
    prepared on the raw connection once too, and run by name, so both sides plan it once."""
    runs = []
    for statement in statements:
        if statement.startswith("PREPARE "):
            prepare, run = statement.split("; EXECUTE ", 1)
            name = prepare.split(" ", 2)[1]
            if name not in prepared:
                with raw.cursor() as cursor:
                    cursor.execute(prepare)
                prepared.add(name)
            statement = "EXECUTE " + run
        runs.append(statement)
    return runs


def measure_counts(
    recruiter: User, repeat: int, searches: dict[str, str] = SEARCHES, warmup: int = 5
) -> dict[str, CountTiming]:
    """What counting adds to each search: `search_counts` as the API calls it (the total) and
    as the search page does (with the platforms), each call with nothing kept (a new version of
    the candidates' data, as a saved profile starts, before it). The filter's queryset is built
    first, as the search has built it by then. The page's shortcut (a page that holds the last
    row needs no count) is not taken: a search with more results than a page always counts."""
    timings = {}
    for name, query in searches.items():
        timing = CountTiming(name)
        last = warmup + repeat  # one more round, its statements recorded and not timed
        for round_ in range(last + 1):
            total_ms, both_ms = (
                _time_counts(recruiter, query, platforms=platforms) for platforms in (False, True)
            )
            if round_ == last:
                filterset = search_filter(recruiter, query)
                new_data_version(CANDIDATES_VERSION)
                with CaptureQueriesContext(connection) as captured:
                    timing.total = search_counts(filterset, platforms=True).total
                timing.statements = [entry["sql"] for entry in captured.captured_queries]
            elif round_ >= warmup:
                timing.total_ms.append(total_ms)
                timing.both_ms.append(both_ms)
        timings[name] = timing
        say(
            f"    {name}: total {statistics.median(timing.total_ms):.2f} ms, with the platforms "
            f"{statistics.median(timing.both_ms):.2f} ms (p95 "
            f"{percentile(timing.both_ms, 0.95):.2f}), {len(timing.statements)} statements"
        )
    return timings


def _time_counts(recruiter: User, query: str, *, platforms: bool) -> float:
    """Milliseconds of one `search_counts` of `query`, nothing kept. The new version is read
    before the clock starts, as a process reads it at most once a second
    (`core.cache.recent_data_version`), not once a search."""
    filterset = search_filter(recruiter, query)
    filterset.matches  # noqa: B018 - the search's own work, done before it counts
    new_data_version(CANDIDATES_VERSION)
    recent_data_version(CANDIDATES_VERSION)
    started = time.perf_counter()
    search_counts(filterset, platforms=platforms)
    return ms(time.perf_counter() - started)
