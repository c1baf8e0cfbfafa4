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
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from core.statements import KEY, Prepared
from platforms.models import Platform
from profiles.filters import CandidateFilter, search_text
from profiles.search import query_terms, tsquery

# The filters whose values are parameters of the statement: one value, or a list of them.
ONE_VALUE = frozenset({"city", "industry"})
VALUES = frozenset({"seniority", "company_type"})
# What stands for a search's words while its shape is compiled: its tsquery is a parameter no
# other holds.
STAND_IN_WORDS = "shapestandin"
# Shapes kept per process; the oldest goes first. Each is a few kilobytes of SQL.
MAX_SHAPES = 1_000


@dataclass
class Shape:
    """What decides a search's SQL (`key`), its parameters' values in the order of `stand_ins`,
    and what the FilterSet's code is run on to compile it: its cleaned data with stand-ins for
    those values (`data`), and the platforms the stand-in slugs name."""

    key: list[Any] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)
    stand_ins: list[Any] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    platforms: dict[str, Platform] = field(default_factory=dict)

    def stand_in(self, name: str, values: list[Any], stand_ins: list[Any]) -> None:
        """Filter `name`'s `values` as parameters, in the places of `stand_ins`: the shape
        holds only how many there are."""
        self.key.append((name, len(values)))
        self.values.extend(values)
        self.stand_ins.extend(stand_ins)


def shape_of(filterset: CandidateFilter) -> Shape | None:
    """The shape of a valid search (see the module's docstring), or None where it has none."""
    data = filterset.form.cleaned_data
    if filterset.queryset.query.is_empty() or data.get("network"):
        return None
    shape = Shape(data=dict(data))
    for name, value in data.items():
        if value in (None, "", []):
            shape.key.append((name, None))
        elif name in ONE_VALUE:
            shape.stand_in(name, [value], [f"\x00{name}"])
            shape.data[name] = f"\x00{name}"
        elif name in VALUES:
            chosen = sorted(set(value))
            shape.data[name] = [f"\x00{name}{n}" for n in range(len(chosen))]
            shape.stand_in(name, chosen, shape.data[name])
        elif name == "platform":
            _platforms(shape, filterset, value)
        elif name == "q":
            if not _words(shape, filterset, value):
                return None
        else:
            shape.key.append((name, tuple(value) if isinstance(value, list) else value))
    if data.get("sort") == "relevance":
        shape.key.append(("ranked", filterset.ranked))
    return shape


def _platforms(shape: Shape, filterset: CandidateFilter, slugs: list[str]) -> None:
    """The platforms' ids as parameters: stand-in slugs, naming platforms of stand-in ids."""
    ids = sorted({filterset.platforms[slug].pk for slug in slugs})
    stand_ins = [KEY - n for n in range(len(ids))]
    shape.data["platform"] = [f"\x00platform{n}" for n in range(len(ids))]
    shape.platforms = {
        slug: Platform(pk=pk) for slug, pk in zip(shape.data["platform"], stand_ins, strict=True)
    }
    shape.stand_in("platform", ids, stand_ins)


def _words(shape: Shape, filterset: CandidateFilter, value: str) -> bool:
    """The words' tsquery as a parameter, where it is one (PostgreSQL, not sorted by name);
    whether the search has a shape."""
    terms = query_terms(search_text(value))
    if not terms:
        shape.key.append(("q", 0))
        return True
    if connections[filterset.queryset.db].vendor != "postgresql":
        return False
    if filterset.form.cleaned_data.get("sort") == "name":
        return False
    shape.data["q"] = STAND_IN_WORDS
    shape.stand_in("q", [tsquery(terms)], [tsquery(query_terms(STAND_IN_WORDS))])
    return True


class ShapedStatements:
    """`select(filterset.qs)`'s statement, cut to a page, for each shape of search: compiled the
    first time a shape is searched, then run with each search's values (`tuples`)."""

    def __init__(self, select: Callable[[QuerySet], QuerySet]) -> None:
        self.select = select
        self.statements: dict[tuple, Prepared] = {}

    def tuples(self, filterset: CandidateFilter, *, limit: int, offset: int) -> list[tuple] | None:
        """The rows of the page (`limit` rows after `offset`), or None for a search with no
        shape, which the caller reads through its queryset."""
        shape = shape_of(filterset)
        if shape is None:
            return None
        return self.statement(filterset, shape).tuples(*shape.values, limit, offset)

    def statement(self, filterset: CandidateFilter, shape: Shape) -> Prepared:
        """The statement of `shape`, the shape of `filterset`: compiled from the FilterSet's code
        run on the shape's stand-ins the first time, and not prepared on the server, whose one
        plan for every city would fit some badly."""
        key = tuple(shape.key)
        statement = self.statements.get(key)
        if statement is None:
            twin = filterset.standing_in(shape.data, shape.platforms)
            queryset = self.select(twin.filter_queryset(twin.queryset.all()))
            statement = Prepared.standing_in(queryset, shape.stand_ins, paged=True, prepare=False)
            if len(self.statements) >= MAX_SHAPES:
                del self.statements[next(iter(self.statements))]
            self.statements[key] = statement
        return statement
