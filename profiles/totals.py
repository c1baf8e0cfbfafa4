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
of the (capped, exact) total, shown as approximate; past the cap only the share is known.

Counting still reads up to a thousand rows, and every search asks for it, so both answers
are kept in the cache for the filter asked (`SHARED_CACHE_SECONDS`), under a version that any
change of a profile or membership replaces (`profiles.signals`): a search repeated, or paged
through, counts once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, QuerySet

from core.cache import digest, recent_data_version
from profiles.models import Membership

if TYPE_CHECKING:
    from profiles.filters import CandidateFilter
    from profiles.selectors import CandidatePage

T = TypeVar("T")

# Counted exactly up to this many; more is "1,000+" (settings.CANDIDATE_COUNT_CAP overrides).
# A thousand is more than a recruiter reads through, and counting (and ranking: `CandidateFilter.
# ranked`) that many rows costs a millisecond or two at a million profiles, ten thousand about 12.
COUNT_CAP = 1_000
# The platform choices' counts are exact up to this many candidates, estimated beyond
# (settings.CANDIDATE_FACET_SAMPLE overrides). Each sampled candidate is one index probe of the
# memberships (about 5 µs); 300 give each platform's share within about five points.
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
    cap = count_cap() if cap is None else cap
    if expects_far_more(queryset, cap):
        return Total(cap, exact=False)
    found = queryset.order_by()[: cap + 1].count()
    return Total(min(found, cap), exact=found <= cap)


def expects_far_more(queryset: QuerySet, cap: int) -> bool:
    """Whether PostgreSQL's planner expects `queryset` to hold at least `ESTIMATE_MARGIN` times
    `cap` rows: then counting could only confirm "more than the cap", at the cost of reading
    cap + 1 rows (tens of milliseconds at a million profiles), and planning the statement says
    as much in a fraction of one. The margin leaves room for the planner's usual errors, which
    are rarely tenfold; below it the rows are counted.
    """
    if connections[queryset.db].vendor != "postgresql":
        return False
    plan = json.loads(queryset.order_by().explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"] >= ESTIMATE_MARGIN * cap


def _kept(name: str, filterset: CandidateFilter, build: Callable[[], T]) -> T:
    """`build()` kept for this filter (and viewer, for the network's filters) until a profile,
    a membership or a platform record changes, or `SHARED_CACHE_SECONDS` pass."""
    data = filterset.form.cleaned_data
    asked = sorted(
        (key, repr(value))
        for key, value in data.items()
        if key != "sort" and value not in (None, "", [])
    )
    viewer = getattr(filterset.viewer, "pk", None) if filterset.network_scope else None
    versions = (recent_data_version(CANDIDATES_VERSION), recent_data_version())
    key = f"candidates:{name}:{digest(*versions, count_cap(), facet_sample(), viewer, asked)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.SHARED_CACHE_SECONDS)
    return value


def result_total(filterset: CandidateFilter, page: CandidatePage | None = None) -> Total:
    """How many candidates the (valid) filter finds; `page`, a page of its results, may know."""
    if page is not None and page.candidates and not page.has_next:
        cap = count_cap()
        return Total(min(page.end_index, cap), exact=page.end_index <= cap)
    return _kept("total", filterset, lambda: capped_count(filterset.matches))


def platform_counts(
    filterset: CandidateFilter, total: Total | None = None
) -> dict[str, PlatformCount]:
    """How many candidates each platform choice would find, the other filters kept, by slug;
    `total`, the search's own (`result_total`), where the caller has it."""
    return _kept("platforms", filterset, lambda: _platform_counts(filterset, total))


def _platform_counts(filterset: CandidateFilter, total: Total | None) -> dict[str, PlatformCount]:
    base = filterset.without_channels()
    total = total or result_total(filterset)
    if filterset.has_channel_filters and total.exact:
        # The search's own matches are some of `base`'s: past the cap, so is `base`.
        total = capped_count(base)
    platforms = filterset.platforms
    sample = facet_sample()
    found: dict[Any, int] = dict(
        Membership.objects.filter(
            profile__in=base.order_by().values("pk")[:sample],
            platform__in=[platform.pk for platform in platforms.values()],
            **filterset.membership_conditions(),
        )
        .order_by()
        .values("platform")
        .annotate(count=Count("*"))
        .values_list("platform", "count")
    )
    sampled = min(total.count, sample) if total.exact else sample
    counts = {}
    for slug, platform in platforms.items():
        kept = found.get(platform.pk, 0)
        share = kept / sampled if sampled else 0.0
        if total.exact and total.count <= sample:
            counts[slug] = PlatformCount(kept, share, exact=True)
        elif total.exact:
            counts[slug] = PlatformCount(_roughly(share * total.count), share, exact=False)
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
