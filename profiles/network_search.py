"""The candidate search's "reachable through my network" filter and "closest first" sort, as
sets in SQL that the search's own statement filters by: never a check per row in Python.

Who is reachable follows the paths' rules (`profiles.paths`): the privacy rule and blocks
(`pathable`), consent and willingness (`INTRODUCES`, `INTRODUCING`), and the target's blocks on
the intermediary (`target_allows`). Two differences, both for speed: the target's blocks are
checked on the second degree only (a target who blocked the intermediaries of a third-degree
path still counts as reachable; the row's own path, from `best_paths_to_many`, leaves that path
out, and blocks are rare), and each hop follows a bounded number of people, the most recently
active: `MAX_FIRST` of a start's contacts (a median member has about 20) and, for the third
degree, `MAX_MIDDLE` people two links away. A median member has about 300 of those, each
knowing a hundred others on average (well-connected people are the ones most often met):
following them all would read 30,000 links for every search, 100 of them read about 13,000.

How PostgreSQL runs it (1M profiles, 19M contact rows): the second degree is a few hundred
ids, which the search reads by primary key. Up to the third degree the set is larger, read from
the partial index `contact_introducing` alone, and the filter is written
`id IN (second) OR id IN (third)`: the OR keeps PostgreSQL walking the search's own index in its
order, testing each row against the two sets hashed once, and stopping after a page. "Closest
first" must rank every reachable person, so there the ids are read first (at most `MAX_RANKED`
of each degree) and the search fetches just those profiles by primary key.

Each degree's subquery is built from querysets (`links`), and on PostgreSQL compiled to SQL once
per process for each kind of viewer (`Reach.reached`): building and compiling them for every
search took longer than running them (2.5 of 4 ms at the second degree, 6 of 9 ms up to the
third, at 100,000 profiles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.contrib.auth.models import User
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from core.statements import Prepared, lists_are_arrays
from profiles.access import shown_in_network
from profiles.models import Closeness, Contact, ExecutiveProfileQuerySet, Visibility
from profiles.network_models import INTRODUCING
from profiles.paths import Start, pathable, pathable_q, target_allows

# The most people the filter follows at each hop, the most recently active first: the people
# one link from a start, and (for the third degree) those two links away (see the docstring).
MAX_FIRST = 100
MAX_MIDDLE = 100
# "Closest first" ranks at most this many people of each degree.
MAX_RANKED = 5000


@dataclass(frozen=True)
class Links:
    """The contact rows of a network's reach, as querysets.

    `second`, `third`: the rows that end a path at that degree (`third` is None when only the
    second degree is asked for); `start_links` and `next_ones`: the starts' rows and who may
    come next, for `closer`.
    """

    second: QuerySet
    third: QuerySet | None
    start_links: QuerySet
    next_ones: Q

    def closer(self) -> tuple[QuerySet, ...]:
        """For each weakest link (close, know well), the rows ending a second-degree path at
        least that strong: built only for "closest first", the one order that reads them."""
        return tuple(
            self.second.filter(
                closeness__gte=weakest,
                owner__in=hop(
                    self.start_links.filter(closeness__gte=weakest), self.next_ones, MAX_FIRST
                ),
            )
            for weakest in (Closeness.CLOSE, Closeness.KNOW_WELL)
        )


def links(
    viewer: User,
    start_ids: list[int],
    *,
    max_degree: int,
    visible: tuple[str, ...] | None = None,
) -> Links:
    """The rows that reach people from `start_ids` within `max_degree` (2 or 3), by `viewer`'s
    rules (`visible`: as for `pathable_q`).

    Each hop is led by the contact index of the people before it and joins the people after
    it by their key, whatever PostgreSQL estimates of the profiles' filters.
    """
    next_ones = pathable_q(viewer, start_ids, via="other", visible=visible) & Q(
        other__accepts_introductions=True
    )
    introducing = Contact.objects.filter(willingness__in=INTRODUCING).order_by()
    start_links = Contact.objects.filter(owner__any_of=start_ids)
    first = hop(start_links, next_ones, MAX_FIRST)
    second = introducing.filter(target_allows(), owner__in=first)
    third = None
    if max_degree >= 3:
        third = introducing.filter(owner__in=hop(second, next_ones, MAX_MIDDLE)).exclude(
            other__in=first
        )
    return Links(second=second, third=third, start_links=start_links, next_ones=next_ones)


@dataclass(frozen=True)
class Reach:
    """The people reachable from `start_ids` through `viewer`'s network within `max_degree`,
    as SQL the search's own statement filters by."""

    viewer: User
    start_ids: tuple[int, ...]
    max_degree: int

    @cached_property
    def links(self) -> Links:
        return links(self.viewer, list(self.start_ids), max_degree=self.max_degree)

    def reached(self) -> list[QuerySet | RawSQL]:
        """The ids each degree reaches (`Links.second`, `third`). On PostgreSQL through SQL
        compiled once per process (`_reached_sql`): building and compiling these subqueries
        for every search cost more than running them. Elsewhere (SQLite writes a parameter
        for each start), the querysets."""
        if not lists_are_arrays(Contact):
            rows = (self.links.second, self.links.third)
            return [found.values("other") for found in rows if found is not None]
        keys = (self.viewer.pk, list(self.start_ids))
        return [
            RawSQL(statement.sql, statement.params_for(*keys))
            for statement in _reached_sql(shown_in_network(self.viewer), self.max_degree)
        ]

    def filter(self, queryset: ExecutiveProfileQuerySet, *, closest: bool) -> QuerySet:
        """`queryset`, only the people reachable; "closest first" if `closest`."""
        if closest and self.max_degree >= 3:
            # Ranking reads every reachable person. Their ids, read first, let PostgreSQL fetch
            # just those profiles; as a subquery it would hash them against every profile.
            ids = [
                *self.links.second.values_list("other", flat=True)[:MAX_RANKED],
                *self.links.third.values_list("other", flat=True)[:MAX_RANKED],
            ]
            reachable = Q(pk__in=ids)
        else:
            reachable = Q()
            for ids in self.reached():
                reachable |= Q(pk__in=ids)
        queryset = queryset.filter(reachable) & pathable(self.viewer, self.start_ids)
        return self.closest_first(queryset) if closest else queryset

    def closest_first(self, queryset: ExecutiveProfileQuerySet) -> QuerySet:
        """The second degree before the third; within the second, by the weakest link of the
        best path (close, know well, acquainted); then the most recently updated."""
        closer = self.links.closer()
        strength = Case(
            *(
                When(pk__in=rows.values("other"), then=Value(len(closer) + 1 - rank))
                for rank, rows in enumerate(closer)
            ),
            When(pk__in=self.links.second.values("other"), then=Value(0)),
            default=Value(-1),
            output_field=IntegerField(),
        )
        return queryset.annotate(network_strength=strength).order_by(
            "-network_strength", "-updated_at", "-id"
        )


def reach(viewer: User, starts: list[Start], *, max_degree: int) -> Reach:
    """Who is reachable from `starts` within `max_degree` (2 or 3), by `viewer`'s rules."""
    return Reach(viewer, tuple(start.profile_id for start in starts), max_degree)


@lru_cache(maxsize=4 * len(Visibility))
def _reached_sql(visible: tuple[str, ...], max_degree: int) -> tuple[Prepared, ...]:
    """`Reach.reached`'s subqueries for viewers who see the profiles of `visible`, compiled
    once per process from `links` with stand-ins for the viewer and the starts."""

    def ids_of(degree: str) -> Callable[[int, list[int]], QuerySet]:
        def filtered(viewer_id: int, start_ids: list[int]) -> QuerySet:
            found = links(User(pk=viewer_id), start_ids, max_degree=max_degree, visible=visible)
            return getattr(found, degree).values("other")

        return filtered

    degrees = ("second", "third")[: max_degree - 1]
    return tuple(Prepared.of_keys(ids_of(name), int, list, prepare=False) for name in degrees)


def hop(links: QuerySet, next_ones: Q, most: int) -> QuerySet:
    """The people `links` lead to who may come next: at most `most`, the most recently active."""
    return links.filter(next_ones).order_by("-other__updated_at").values("other")[:most]
