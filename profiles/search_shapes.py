"""A search's page of rows through a statement compiled once per process for each shape of
search, rather than compiled from the FilterSet's queryset on every request.

Compiling a search's queryset to SQL cost about as much as PostgreSQL took to run it: 0.3 of a
page's 0.85 ms at a million profiles, its channels included. Searches of one shape have one SQL:
the same filters chosen, as many values for each, and the same value for those that change the
SQL itself (a yes/no switch, the language, the sort, "all of" the platforms, whether the result
is ranked); they differ only in the values that are the statement's parameters (a city, an
industry, the seniorities and company types, the platforms' ids, the words' tsquery). A shape's
statement is compiled once, from the FilterSet's own code run on stand-ins for those values
(`CandidateFilter.standing_in`, `core.statements.Prepared.standing_in`), and each search of that
shape runs it with its own values in the stand-ins' places.

Compiled from the queryset as before, not shaped: a search through the viewer's network (its
subqueries hold the viewer's starts), words sorted by name (whether the matches are sorted in
SQL depends on how many PostgreSQL expects, `names_in_order`), words on another database than
PostgreSQL (SQLite matches each word with its own LIKE), and a search no profile can pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from core.statements import KEY, Prepared
from platforms.models import Platform
from profiles.filters import CandidateFilter, search_text
from profiles.search import query_terms, tsquery

# The filters whose values are parameters of the statement: one value, or a list of them.
ONE_VALUE = frozenset({"city", "industry"})
VALUES = frozenset({"seniority", "company_type", "platform"})
WORDS = "q"
# What stands for a search's words while its shape is compiled: its tsquery is a parameter no
# other holds.
STAND_IN_WORDS = "shapestandin"
# Shapes kept per process; the oldest goes first. Each is a few kilobytes of SQL.
MAX_SHAPES = 1_000


@dataclass
class Shape:
    """What decides a search's SQL (`key`: for a filter whose values are parameters, how many it
    has), and those parameters' values, in the order of the key."""

    key: list[tuple[str, Any]] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)

    def parameters(self, name: str, values: list[Any]) -> None:
        self.key.append((name, len(values)))
        self.values.extend(values)


def shape_of(filterset: CandidateFilter) -> Shape | None:
    """The shape of a valid search (see the module's docstring), or None where it has none.

    Read on every search: what its statement is compiled from is made only for a new shape
    (`_standing_in`)."""
    data = filterset.form.cleaned_data
    if filterset.queryset.query.is_empty() or data.get("network"):
        return None
    shape = Shape()
    for name, value in data.items():
        if value in (None, "", []):
            shape.key.append((name, None))
        elif name in ONE_VALUE:
            shape.parameters(name, [value])
        elif name == "platform":
            shape.parameters(name, sorted({filterset.platforms[slug].pk for slug in value}))
        elif name in VALUES:
            shape.parameters(name, sorted(set(value)))
        elif name == WORDS:
            words = _words(filterset, value)
            if words is None:
                return None
            shape.parameters(name, words)
        else:
            shape.key.append((name, tuple(value) if isinstance(value, list) else value))
    if data.get("sort") == "relevance":
        shape.key.append(("ranked", filterset.ranked))
    return shape


def _words(filterset: CandidateFilter, value: str) -> list[str] | None:
    """The words' tsquery as the statement's parameter (none for words that are all
    punctuation); None where the words change the SQL itself (SQLite, sorted by name)."""
    terms = query_terms(search_text(value))
    if not terms:
        return []
    if connections[filterset.queryset.db].vendor != "postgresql":
        return None
    if filterset.form.cleaned_data.get("sort") == "name":
        return None
    return [tsquery(terms)]


@cache
def _stand_in_words() -> str:
    return tsquery(query_terms(STAND_IN_WORDS))


def _standing_in(filterset: CandidateFilter, shape: Shape) -> tuple[CandidateFilter, list[Any]]:
    """The search as its shape's statement is compiled from: its filters with a stand-in for
    each value that is a parameter (a value no other parameter holds; for a platform, a stand-in
    slug naming a platform of a stand-in id), and those stand-ins in the order of the values."""
    data = dict(filterset.form.cleaned_data)
    platforms: dict[str, Platform] = {}
    stand_ins: list[Any] = []
    for name, count in shape.key:
        if name == WORDS and count:
            data[name] = STAND_IN_WORDS
            stand_ins.append(_stand_in_words())
        elif name in VALUES and count:
            slugs = [f"\x00{name}{n}" for n in range(count)]
            data[name] = slugs
            if name == "platform":
                ids = [KEY - n for n in range(count)]
                platforms = {slug: Platform(pk=pk) for slug, pk in zip(slugs, ids, strict=True)}
                stand_ins.extend(ids)
            else:
                stand_ins.extend(slugs)
        elif name in ONE_VALUE and count:
            data[name] = f"\x00{name}"
            stand_ins.append(data[name])
    return filterset.standing_in(data, platforms), stand_ins


class ShapedStatements:
    """`select(filterset.qs)` cut to a page, through a statement for each shape of search:
    compiled the first time a shape is searched, then run with each search's values."""

    def __init__(self, select: Callable[[QuerySet], QuerySet]) -> None:
        self.select = select
        self.statements: dict[tuple, Prepared] = {}

    def tuples(self, filterset: CandidateFilter, *, limit: int, offset: int) -> list[tuple]:
        """The rows of the page (`limit` rows after `offset`): through the statement of the
        search's shape, or for a search without one through its queryset."""
        shape = shape_of(filterset)
        if shape is None:
            return list(self.select(filterset.qs[offset : offset + limit]))
        return self.statement(filterset, shape).tuples(*shape.values, limit, offset)

    def statement(self, filterset: CandidateFilter, shape: Shape) -> Prepared:
        """The statement of `shape`, the shape of `filterset`: compiled from the FilterSet's code
        run on the shape's stand-ins the first time, and not prepared on the server, whose one
        plan for every city would fit some badly."""
        key = tuple(shape.key)
        statement = self.statements.get(key)
        if statement is None:
            twin, stand_ins = _standing_in(filterset, shape)
            queryset = self.select(twin.filter_queryset(twin.queryset.all()))
            statement = Prepared.standing_in(queryset, stand_ins, paged=True, prepare=False)
            if len(self.statements) >= MAX_SHAPES:
                del self.statements[next(iter(self.statements))]
            self.statements[key] = statement
        return statement
