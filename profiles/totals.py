"""How many candidates a search finds, and how many each platform choice would find, at a
bounded cost.

An exact COUNT over a million filtered profiles costs more than the page itself, so the total
is counted with a cap: `SELECT count(*) FROM (… LIMIT cap + 1)` reads at most `cap + 1` rows and
says "234 candidates" exactly up to the cap (1,000) and "1,000+" beyond. A page that ends
the result needs no count at all: it knows its last row's number; and where PostgreSQL's planner
expects ten times the cap or more, the answer is "1,000+" without reading the rows.

The platform choices' counts ("Weibo (1,234)") come from one statement over a sample of the
candidates that match every other filter (`CandidateFilter.without_channels`): its first
`FACET_SAMPLE` rows, in no order, and their memberships grouped by platform. While that result
is no bigger than the sample, the counts are exact; up to the cap, each is the sample's share
of the (capped, exact) total, shown as approximate; past the cap only the share is known. The
sample is read in the statement of the last count it needs (`capped_count_with`), so a new
search without platform filters counts in one statement after the planner's estimate.

Counting still reads up to a thousand rows, and every search asks for it, so both answers
are kept in the cache for the filter asked (`SHARED_CACHE_SECONDS`), under a version that any
change of a profile or membership replaces (`profiles.signals`): a search repeated, or paged
through, counts once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL

from core.cache import digest, recent_data_version
from profiles.models import Membership

if TYPE_CHECKING:
    from profiles.filters import CandidateFilter
    from profiles.selectors import CandidatePage

# Counted exactly up to this many; more is "1,000+" (settings.CANDIDATE_COUNT_CAP overrides).
# A thousand is more than a recruiter reads through, and counting (and ranking: `CandidateFilter.
# ranked`) that many rows costs a millisecond or two at a million profiles, ten thousand about 12.
COUNT_CAP = 1_000
# The platform choices' counts are exact up to this many candidates, estimated beyond
# (settings.CANDIDATE_FACET_SAMPLE overrides). Each sampled candidate is one probe of an index
# of the memberships that answers it alone (`membership_channel_columns`, about 2 µs); 300 give
# each platform's share within about five points.
FACET_SAMPLE = 300
# PostgreSQL's estimate of a result is trusted to say "more than the cap" from this many times
# the cap (`expects_far_more`).
ESTIMATE_MARGIN = 10
# The data version every kept count belongs to (`core.cache`): replaced when profiles change.
CANDIDATES_VERSION = "candidates-version"


def count_cap() -> int:
    return getattr(settings, "CANDIDATE_COUNT_CAP", COUNT_CAP)


def facet_sample() -> int:
    return getattr(settings, "CANDIDATE_FACET_SAMPLE", FACET_SAMPLE)


@dataclass(frozen=True)
class Total:
    """How many candidates match: `count` exactly, or more than `count` when not `exact`."""

    count: int
    exact: bool


@dataclass(frozen=True)
class PlatformCount:
    """How many of the candidates matching the other filters a platform choice would keep:
    `count` exactly, or about `count`, or (past the cap) only their `share`."""

    count: int | None
    share: float
    exact: bool


def capped_count(queryset: QuerySet, cap: int | None = None) -> Total:
    """`queryset`'s rows counted up to `cap` (one statement reading at most cap + 1 rows),
    unless PostgreSQL expects far more (`expects_far_more`)."""
    return capped_count_with(queryset, None, cap)[0]


# The SQL (and parameters) of (key, count) rows over the ids in the first rows of a `WITH counted
# (found_id)` table, which the statement that runs it defines (`_counting`).
Grouping = tuple[str, tuple]


def capped_count_with(
    queryset: QuerySet, grouping: Grouping | None, cap: int | None = None
) -> tuple[Total, dict[Any, int]]:
    """`capped_count(queryset)`, and `grouping`'s (key, count) rows over the first
    `facet_sample()` of those rows, read in the same statement: a search's round trips to the
    database cost it more than their rows.

    The filter is compiled once for all three uses (the planner's estimate, the count and the
    sample): compiling it cost as much as running it.
    """
    cap = count_cap() if cap is None else cap
    found = _ids_sql(queryset)
    if found is None:
        return Total(0, exact=True), {}
    found_sql, params = found
    if expects_far_more(queryset.db, found_sql, params, cap):
        return Total(cap, exact=False), _grouped(queryset.db, found_sql, params, grouping)
    groups = _run(queryset.db, _counting(found_sql, params, cap, grouping))
    counted = groups.pop(None)
    return Total(min(counted, cap), exact=counted <= cap), groups


def _sampled_groups(queryset: QuerySet, grouping: Grouping | None) -> dict[Any, int]:
    """`grouping`'s (key, count) rows over the first `facet_sample()` rows of `queryset`,
    uncounted."""
    found = _ids_sql(queryset)
    return {} if found is None else _grouped(queryset.db, *found, grouping)


def _ids_sql(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The SQL (and parameters) of `queryset`'s ids, unordered; None for a filter no row can
    pass."""
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None


def _grouped(
    database: str, found_sql: str, params: tuple, grouping: Grouping | None
) -> dict[Any, int]:
    """`grouping`'s rows over the first `facet_sample()` rows of `found_sql`."""
    if grouping is None:
        return {}
    rows_sql, rows_params = grouping
    statement = _with_counted(found_sql, facet_sample(), rows_sql)
    return _run(database, (statement, (*params, *rows_params)))


def _with_counted(found_sql: str, limit: int, body: str) -> str:
    """`body`, which reads `counted (found_id)`: the first `limit` ids of `found_sql`."""
    return f"WITH counted (found_id) AS ({found_sql} LIMIT {limit}) {body}"


def _run(database: str, statement: tuple[str, tuple]) -> dict[Any, int]:
    """The (key, count) rows of `statement` (its SQL and parameters)."""
    with connections[database].cursor() as cursor:
        cursor.execute(*statement)
        return dict(cursor.fetchall())


def _counting(
    found_sql: str, params: tuple, cap: int, grouping: Grouping | None
) -> tuple[str, tuple]:
    """The statement (and its parameters) that counts `found_sql`'s rows up to the cap, under
    the key None, beside `grouping`'s (key, count) rows over the first of them, if any: the
    rows found are read once for both."""
    if grouping is None:
        return f"SELECT NULL, COUNT(*) FROM ({found_sql} LIMIT {cap + 1}) subquery", params
    rows_sql, rows_params = grouping
    body = f"SELECT NULL, COUNT(*) FROM counted UNION ALL {rows_sql}"
    return _with_counted(found_sql, cap + 1, body), (*params, *rows_params)


def expects_far_more(database: str, sql: str, params: tuple, cap: int) -> bool:
    """Whether PostgreSQL's planner expects the rows of `sql` to number at least
    `ESTIMATE_MARGIN` times `cap`: then counting could only confirm "more than the cap", at the
    cost of reading cap + 1 rows (tens of milliseconds at a million profiles), and planning the
    statement says as much in a fraction of one. The margin leaves room for the planner's usual
    errors, which are rarely tenfold; below it the rows are counted.
    """
    expected = _planned_rows(database, sql, params)
    return expected is not None and expected >= ESTIMATE_MARGIN * cap


def planned_rows(queryset: QuerySet) -> int | None:
    """How many rows PostgreSQL's planner expects `queryset` to hold (0 for a filter no row can
    pass), from planning it, a fraction of a millisecond; None on other databases."""
    found = _ids_sql(queryset)
    return 0 if found is None else _planned_rows(queryset.db, *found)


def _planned_rows(database: str, sql: str, params: tuple) -> int | None:
    connection = connections[database]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _key(name: str, filterset: CandidateFilter) -> str:
    """Where `name`'s answer for this filter (and viewer, for the network's filters) is kept:
    under versions that a changed profile, membership or platform record replaces."""
    data = filterset.form.cleaned_data
    asked = sorted(
        (key, repr(value))
        for key, value in data.items()
        if key != "sort" and value not in (None, "", [])
    )
    viewer = getattr(filterset.viewer, "pk", None) if filterset.network_scope else None
    versions = (recent_data_version(CANDIDATES_VERSION), recent_data_version())
    return f"candidates:{name}:{digest(*versions, count_cap(), facet_sample(), viewer, asked)}"


@dataclass(frozen=True)
class Counts:
    """A search's total and, where asked for, its platform choices' counts (by slug)."""

    total: Total
    platforms: dict[str, PlatformCount] | None


def search_counts(
    filterset: CandidateFilter, page: CandidatePage | None = None, *, platforms: bool = False
) -> Counts:
    """How many candidates the (valid) filter finds, and, if `platforms`, how many each
    platform choice would find; `page`, a page of its results, may know the total.

    Both answers are looked up in the cache in one round trip, and whatever was missing is
    counted and stored in one more (`SHARED_CACHE_SECONDS`): each round trip to Redis costs a
    search about as much as one of its statements.
    """
    total = _total_of(page)
    keys = {} if total is not None else {"total": _key("total", filterset)}
    if platforms:
        keys["platforms"] = _key("platforms", filterset)
    kept = cache.get_many(list(keys.values())) if keys else {}
    found = {name: kept.get(key) for name, key in keys.items()}
    total = total or found["total"]
    if total is None or (platforms and found["platforms"] is None):
        total, found["platforms"] = _counted(filterset, total, platforms=platforms)
        found["total"] = total
    missing = {key: found[name] for name, key in keys.items() if key not in kept}
    if missing:
        cache.set_many(missing, settings.SHARED_CACHE_SECONDS)
    return Counts(total, found.get("platforms"))


def _total_of(page: CandidatePage | None) -> Total | None:
    """The total a page of results knows without counting: one that holds the last row."""
    if page is None or not page.candidates or page.has_next:
        return None
    cap = count_cap()
    return Total(min(page.end_index, cap), exact=page.end_index <= cap)


def result_total(filterset: CandidateFilter, page: CandidatePage | None = None) -> Total:
    """How many candidates the (valid) filter finds (`search_counts`)."""
    return search_counts(filterset, page).total


def _counted(
    filterset: CandidateFilter, total: Total | None, *, platforms: bool
) -> tuple[Total, dict[str, PlatformCount] | None]:
    """The total, and, if `platforms`, the platform choices' counts, counted in as few
    statements as the answers allow: the platforms' sample is read in the statement of the
    last count it needs."""
    if not platforms:
        return total or capped_count(filterset.matches), None

    grouping = _platforms_grouping(filterset)
    if total is None and not filterset.has_channel_filters:
        total, found = capped_count_with(filterset.matches, grouping)
        return total, _platform_counts(filterset, total, found)
    total = total or capped_count(filterset.matches)
    if filterset.has_channel_filters and total.exact:
        # Counted apart: past the cap, the search's own matches say `base` is too.
        base, found = capped_count_with(filterset.without_channels(), grouping)
    else:
        base, found = total, _sampled_groups(filterset.without_channels(), grouping)
    return total, _platform_counts(filterset, base, found)


def _platforms_grouping(filterset: CandidateFilter) -> Grouping | None:
    """The (platform, count) rows of the sample's memberships on the platforms offered, with
    the conditions chosen on the membership (`_compiled_grouping`)."""
    conditions = tuple(
        sorted(
            (lookup, tuple(value) if isinstance(value, list | tuple) else value)
            for lookup, value in filterset.membership_conditions().items()
        )
    )
    platform_ids = tuple(platform.pk for platform in filterset.platforms.values())
    return _compiled_grouping(platform_ids, conditions, facet_sample())


@lru_cache(maxsize=256)
def _compiled_grouping(
    platform_ids: tuple[int, ...], conditions: tuple[tuple[str, Any], ...], sample: int
) -> Grouping | None:
    """`_platforms_grouping`'s SQL, compiled once per process for each set of platforms and
    conditions (a handful): building and compiling it on each search cost a millisecond, a
    fifth of the counting. None when no platform is offered."""
    first = RawSQL("SELECT counted.found_id FROM counted LIMIT %s", (sample,))
    rows = (
        Membership.objects.filter(profile__in=first, platform__in=platform_ids, **dict(conditions))
        .order_by()
        .values("platform")
        .annotate(count=Count("*"))
        .values_list("platform", "count")
    )
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def _platform_counts(
    filterset: CandidateFilter, base: Total, found: dict[Any, int]
) -> dict[str, PlatformCount]:
    """Each platform choice's count from the sample's `found`, and how many candidates `base`,
    the total of every filter but the channels', holds."""
    sample = facet_sample()
    sampled = min(base.count, sample) if base.exact else sample
    counts = {}
    for slug, platform in filterset.platforms.items():
        kept = found.get(platform.pk, 0)
        share = kept / sampled if sampled else 0.0
        if base.exact and base.count <= sample:
            counts[slug] = PlatformCount(kept, share, exact=True)
        elif base.exact:
            counts[slug] = PlatformCount(_roughly(share * base.count), share, exact=False)
        else:
            counts[slug] = PlatformCount(None, share, exact=False)
    return counts


def _roughly(value: float) -> int:
    """An estimate to two significant figures, so it claims no more than it knows."""
    whole = round(value)
    if whole < 100:
        return whole
    scale = 10 ** (len(str(whole)) - 2)
    return round(whole / scale) * scale
