"""Statements that every signed-in request runs, compiled to SQL once per process and planned
once per database connection.

The user with their permissions, for a session (`core.auth`) or an API token
(`core.throttling`), and the viewer's own profile, team and counts (`profiles.viewer`) are each
one statement with subqueries, the same on every request but for one key. Compiling such a
queryset to SQL costs about as much as running it (0.3-0.4 ms each); a `Prepared` statement is
compiled once, with a stand-in for the key, and run with each request's key in its place; a
statement of a list of keys (a page's rows' ids) is compiled once for each length of list.

PostgreSQL then plans it again on every run, and planning those subqueries costs more than
running them: the session's user took 1.8 ms of a search page's request, 0.6 ms once prepared
on the server (`PREPARE`), which a persistent connection keeps for its life.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet

# Stands for an integer key while a statement is compiled: a value no other parameter holds,
# within any integer column's range.
KEY = 2_147_480_647


@dataclass(frozen=True)
class Prepared:
    """The SQL of a `values()` queryset filtered by one key or several (a list of keys), with
    the keys' places among its parameters (each key's, in the order of the keys) and the names
    of its columns, and the model whose database the router names when it runs (`alias`)."""

    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, ...], ...]
    names: tuple[str, ...]
    model: type[Model]
    # What the ORM makes of a column's value as it reads it (`(place, converters, column)`):
    # SQLite's dates and times come as text, for one.
    converters: tuple[tuple[int, list[Callable], Any], ...] = ()
    # Whether PostgreSQL plans it once per connection (`PREPARE`). Not where the plan must see
    # a parameter's value as the literal an expression index was built with: the prepared
    # statement's untyped parameters may take another type (text for a `CASE`'s results).
    prepare: bool = True

    @classmethod
    def of(cls, filtered: Callable[[Any], QuerySet], stand_in: object = KEY) -> Prepared:
        """`filtered(stand_in)`'s statement, for `first(key)` to run as `filtered(key)`'s.

        `stand_in` is a value of the key's type that no other parameter of the statement holds
        (`KEY` for an integer)."""
        return cls.standing_in(filtered(stand_in), [stand_in], repeated=False)

    @classmethod
    def of_each(
        cls,
        filtered: Callable[[list[int]], QuerySet],
        count: int,
        *,
        paged: bool = False,
        prepare: bool = True,
    ) -> Prepared:
        """`filtered(keys)`'s statement for any `count` integer keys, for `tuples(*keys)` to
        run: a list of keys (`pk__in=keys`: one statement for each length of list, since SQL's
        `IN` holds a parameter per key), or keys of several columns.

        `paged`: the statement's rows are cut to a page by two more keys, the number of rows and
        how many come before them (`LIMIT` and `OFFSET`, which Django writes into the SQL
        rather than among its parameters: one statement for each page otherwise)."""
        stand_ins = [KEY - place for place in range(count)]
        return cls.standing_in(
            filtered(stand_ins), stand_ins, paged=paged, prepare=prepare, repeated=False
        )

    @classmethod
    def of_keys(
        cls, filtered: Callable[..., QuerySet], *kinds: type[int] | type[list], prepare: bool
    ) -> Prepared:
        """`filtered(*keys)`'s statement, for `tuples(*keys)` to run, where each key is of its
        kind: an integer, or a list of integer keys that `filtered` filters by with `__any_of`
        (PostgreSQL's `= ANY(array)`: one parameter whatever the list's length; not SQLite's,
        which writes a parameter per key). A key may be used more than once: it takes each of
        its places (a viewer's id in several subqueries, say)."""
        stand_ins = [
            [KEY - place] if kind is list else KEY - place for place, kind in enumerate(kinds)
        ]
        return cls.standing_in(filtered(*stand_ins), stand_ins, prepare=prepare)

    @classmethod
    def standing_in(
        cls,
        queryset: QuerySet,
        stand_ins: list[object],
        *,
        paged: bool = False,
        prepare: bool = True,
        repeated: bool = True,
    ) -> Prepared:
        """`queryset`'s statement, for `tuples(*values)` to run with `values` in the places of
        `stand_ins`, values no other parameter of the statement holds: the statement of a
        search's shape (`profiles.search_shapes`), and what `of`, `of_each` and `of_keys`
        compile through. Each stand-in takes one place, or with `repeated` one or several.
        `paged` as for `of_each`: the page's two keys follow the values, standing in below any
        integer's."""
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        if paged:
            if query.is_sliced:
                raise ValueError("a paged statement is cut to its page by its keys, not sliced")
            lowest = min((key for key in stand_ins if isinstance(key, int)), default=KEY + 1)
            stand_ins = [*stand_ins, lowest - 1, lowest - 2]
            sql, params = f"{sql} LIMIT %s OFFSET %s", (*params, *stand_ins[-2:])
        slots = []
        for stand_in in stand_ins:
            found = tuple(index for index, value in enumerate(params) if value == stand_in)
            if not found or (len(found) > 1 and not repeated):
                raise ValueError(f"the key is {len(found)} of the statement's parameters, not one")
            slots.append(found)
        # In the order `values()` was given them, annotations among the fields.
        names = tuple(query.selected or ())
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        converting = tuple((place, *found) for place, found in converters.items())
        return cls(sql, tuple(params), tuple(slots), names, queryset.model, converting, prepare)

    @property
    def alias(self) -> str:
        """The database this run reads, asked of the router on each run, not once when
        compiled: a read that goes to the replica must go to the primary right after the same
        person's write (`networkdir.db_router`)."""
        return router.db_for_read(self.model)

    def first(self, *keys: object) -> dict[str, Any] | None:
        """The first row for `keys`, by the names `values()` gives its columns, or None."""
        return next(iter(self.rows(*keys, limit=1)), None)

    def rows(self, *keys: object, limit: int | None = None) -> list[dict[str, Any]]:
        """The rows for `keys` (the first `limit` of them), by the names `values()` gives their
        columns."""
        return [dict(zip(self.names, row, strict=True)) for row in self.tuples(*keys, limit=limit)]

    def params_for(self, *keys: object) -> list[Any]:
        """The statement's parameters with `keys` in their places: for `tuples`, or for a
        subquery of another statement (`RawSQL(statement.sql, statement.params_for(...))`)."""
        params = list(self.params)
        for places, key in zip(self.slots, keys, strict=True):
            for place in places:
                params[place] = key
        return params

    def tuples(self, *keys: object, limit: int | None = None) -> list[tuple[Any, ...]]:
        """The rows for `keys` (one for each stand-in the statement was compiled with; the
        first `limit` rows), as tuples of their columns in the order of `names`."""
        params = self.params_for(*keys)
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and self.prepare:
                _run_prepared(cursor, connection.connection, self.sql, tuple(params))
            else:
                cursor.execute(self.sql, params)
            rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
        return self._converted(rows, connection) if self.converters else rows

    def _converted(
        self, rows: list[tuple[Any, ...]], connection: BaseDatabaseWrapper
    ) -> list[tuple[Any, ...]]:
        """`rows` with their values as the ORM would have made them."""
        converted = []
        for row in map(list, rows):
            for place, converters, column in self.converters:
                for converter in converters:
                    row[place] = converter(row[place], column, connection)
            converted.append(tuple(row))
        return converted


class KeyedRows:
    """The rows of `filtered(keys)`, a `values_list()` queryset of a list of integer keys (a
    page's rows' ids): for up to `longest` keys through a statement compiled once per process for
    each length of list (`Prepared.of_each`), for a longer list (an export's) through the
    queryset, since a statement for each length would be compiled once and rarely run again."""

    def __init__(self, filtered: Callable[[list[int]], QuerySet], *, longest: int) -> None:
        self.filtered = filtered
        self.longest = longest
        self.statements: dict[int, Prepared] = {}

    def tuples(self, keys: list[int]) -> list[tuple[Any, ...]]:
        if not keys:
            return []
        if len(keys) > self.longest:
            return list(self.filtered(keys))
        statement = self.statements.get(len(keys))
        if statement is None:
            statement = Prepared.of_each(self.filtered, len(keys))
            self.statements[len(keys)] = statement
        return statement.tuples(*keys)


# For each open PostgreSQL connection, its statements by name: prepared on it (True), or not to
# be prepared there (False) because a run that prepared one failed and may or may not have left
# it prepared. A connection that closes takes its entry with it.
_prepared_on: weakref.WeakKeyDictionary[Any, dict[str, bool]] = weakref.WeakKeyDictionary()


def _run_prepared(cursor: Any, raw_connection: Any, sql: str, params: tuple[Any, ...]) -> None:
    """Run `sql` as a statement prepared on this connection: prepared and run in one round trip
    the first time (so that a page's count of statements never changes), run by name after."""
    name = "networkdir_" + hashlib.sha1(sql.encode()).hexdigest()[:20]
    known = _prepared_on.setdefault(raw_connection, {})
    state = known.get(name)
    if state is False:
        cursor.execute(sql, params)
        return
    run = f"EXECUTE {name}({', '.join(['%s'] * len(params))})"
    if state:
        cursor.execute(run, params)
        return
    try:
        cursor.execute(f"PREPARE {name} AS {_numbered(sql)}; {run}", params)
    except DatabaseError:
        known[name] = False
        raise
    known[name] = True


def forget_prepared(connection: BaseDatabaseWrapper) -> None:
    """Drop the statements prepared on `connection`, so that the next run of each prepares it
    again, as on a new connection (for the tests and the benchmark, which record that run)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")
        _prepared_on.pop(connection.connection, None)


def _numbered(sql: str) -> str:
    """Django's SQL with PostgreSQL's numbered parameters ($1, $2...) for its `%s`s, for
    `PREPARE`; a literal `%%` stays as it is, since the `EXECUTE` beside it has parameters."""
    numbers = iter(range(1, sql.count("%s") + 1))
    return re.sub(r"%%|%s", lambda token: "%%" if token[0] == "%%" else f"${next(numbers)}", sql)


def within_key_range(model: type[Model], key: int) -> bool:
    """Whether `key` fits `model`'s integer primary key: the ORM finds no row for one that
    doesn't, while a prepared statement's parameter out of its column's range is an error."""
    low, high = connections[router.db_for_read(model)].ops.integer_field_range(
        model._meta.pk.get_internal_type()
    )
    return (low is None or key >= low) and (high is None or key <= high)


def columns(model: type[Model], prefix: str = "") -> list[str]:
    """`model`'s columns as `values()` names them, through `prefix` ("user__") for a related
    row's."""
    return [prefix + field.attname for field in model._meta.concrete_fields]


def instance_from(model: type[Model], row: dict[str, Any], alias: str, prefix: str = "") -> Model:
    """The `model` instance whose `columns(model, prefix)` a prepared statement read from the
    database `alias`, as the ORM would have made it: a column the row does not hold is
    deferred, read from the database if asked for."""
    names = [name for name in columns(model) if prefix + name in row]
    return model.from_db(alias, names, [row[prefix + name] for name in names])


def lists_are_arrays(model: type[Model]) -> bool:
    """Whether the database `model` is read from takes a list of keys written `__any_of` as one
    array parameter (PostgreSQL), so that one statement compiled once serves every list."""
    return connections[router.db_for_read(model)].vendor == "postgresql"


class CompiledRows:
    """The rows of `filtered(*keys)`, a `values_list()` queryset of `model` filtered by keys of
    `kinds` (`Prepared.of_keys`: integers, or lists of them written `__any_of`).

    On PostgreSQL, where a list of keys is one array parameter whatever its length, through a
    statement compiled once per process: building and compiling a queryset of subqueries cost
    as much as running it. Elsewhere (SQLite, the newcomer's database, writes a parameter per
    key) through the queryset itself.
    """

    def __init__(
        self,
        model: type[Model],
        filtered: Callable[..., QuerySet],
        *kinds: type[int] | type[list],
        prepare: bool = False,
    ) -> None:
        self.model = model
        self.filtered = filtered
        self.kinds = kinds
        self.prepare = prepare
        self.statement: Prepared | None = None

    def tuples(self, *keys: int | list[int]) -> list[tuple[Any, ...]]:
        if not lists_are_arrays(self.model):
            return list(self.filtered(*keys))
        if self.statement is None:
            self.statement = Prepared.of_keys(self.filtered, *self.kinds, prepare=self.prepare)
        return self.statement.tuples(*keys)
