"""The candidates just before and just after one in a search's results, for a candidate's page.

A recruiter who opens a candidate from the results moves to the previous or next one without
going back. The neighbours are found by keyset, in one statement: the candidate's own row in
the filtered results holds its sort keys, and two subqueries take the first row past them in
each direction, in the results' own order. Every ordering ends on the primary key, so the keys
are unique; the index that serves a page of that order serves these too (walked from the
candidate's keys, not from the start), and the cost does not grow with how far down the
results the candidate is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Expression,
    F,
    Func,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)


@dataclass(frozen=True)
class Neighbours:
    """The ids of the candidates before and after one in the results (None at either end)."""

    previous: int | None
    next: int | None


def _sort_keys(queryset: QuerySet) -> list[tuple[Expression, bool]]:
    """The results' ordering as (expression, descending) pairs."""
    query = queryset.query
    ordering = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    keys = []
    for item in ordering:
        if isinstance(item, str):
            name = item.removeprefix("-")
            keys.append((F("pk" if name == "id" else name), item.startswith("-")))
        elif isinstance(item, OrderBy):
            keys.append((item.expression, item.descending))
        else:
            keys.append((item, False))
    return keys


class Row(Func):
    """A row value, `(a, b, c)`, which compares element by element."""

    template = "(%(expressions)s)"


class RowBefore(Func):
    """`(a, b) < (c, d)`: lexicographic, and an index range where the index has those columns."""

    arg_joiner = " < "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _past(names: list[str], descending: list[bool], *, forward: bool) -> Q | RowBefore:
    """Rows after (or before) the outer row in the lexicographic order of `names`.

    Every ordering of the search runs one way on all its keys, so it is one row comparison,
    which PostgreSQL reads as a range of the index of that order; a mixed ordering is spelled
    out key by key.
    """
    inner = Row(*(F(name) for name in names))
    outer = Row(*(OuterRef(name) for name in names))
    # Whether the rows further on in that direction hold greater keys.
    if len(set(descending)) == 1:
        greater = descending[0] != forward
        return RowBefore(outer, inner) if greater else RowBefore(inner, outer)
    condition = Q()
    for level in reversed(range(len(names))):
        name, greater = names[level], descending[level] != forward
        strict = Q(**{f"{name}__{'gt' if greater else 'lt'}": OuterRef(name)})
        loose = Q(**{f"{name}__{'gte' if greater else 'lte'}": OuterRef(name)})
        condition = strict if not condition else loose & (strict | condition)
    return condition


def neighbours(results: QuerySet, pk: int) -> Neighbours | None:
    """The candidates around `pk` in `results` (sorted as the search shows them), or None when
    `pk` is not among them."""
    keys = _sort_keys(results)
    names = [f"sort_key_{index}" for index in range(len(keys))]
    descending = [is_descending for _expression, is_descending in keys]
    keyed = results.annotate(
        **{name: expression for name, (expression, _d) in zip(names, keys, strict=True)}
    )
    after = keyed.filter(_past(names, descending, forward=True))
    before = keyed.filter(_past(names, descending, forward=False)).reverse()
    found = (
        keyed.filter(pk=pk)
        .values(previous=Subquery(before.values("pk")[:1]), next=Subquery(after.values("pk")[:1]))
        .first()
    )
    return None if found is None else Neighbours(found["previous"], found["next"])
