"""Statements that every signed-in request runs, compiled to SQL once per process.

The user with their permissions, for a session (`core.auth`) or an API token
(`core.throttling`), and the viewer's own profile, team and counts (`profiles.viewer`) are each
one statement with subqueries, the same on every request but for one key. Compiling such a
queryset to SQL costs about as much as running it (0.3-0.4 ms each); a `Prepared` statement is
compiled once, with a stand-in for the key, and run with each request's key in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# Stands for an integer key while a statement is compiled: a value no other parameter holds,
# within any integer column's range.
KEY = 2_147_480_647


@dataclass(frozen=True)
class Prepared:
    """The SQL of a `values()` queryset filtered by one key, with the key's place among its
    parameters and the names of its columns."""

    sql: str
    params: tuple[Any, ...]
    slot: int
    names: tuple[str, ...]
    alias: str

    @classmethod
    def of(cls, filtered: Callable[[Any], QuerySet], stand_in: object = KEY) -> Prepared:
        """`filtered(stand_in)`'s statement, for `first(key)` to run as `filtered(key)`'s.

        `stand_in` is a value of the key's type that no other parameter of the statement holds
        (`KEY` for an integer)."""
        queryset = filtered(stand_in)
        query = queryset.query
        sql, params = query.sql_with_params()
        slots = [index for index, value in enumerate(params) if value == stand_in]
        if len(slots) != 1:
            raise ValueError(f"the key is {len(slots)} of the statement's parameters, not one")
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
        return cls(sql, tuple(params), slots[0], names, queryset.db)

    def first(self, key: object) -> dict[str, Any] | None:
        """The first row for `key`, by the names `values()` gives its columns, or None."""
        params = (*self.params[: self.slot], key, *self.params[self.slot + 1 :])
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        return None if row is None else dict(zip(self.names, row, strict=True))


def columns(model: type[Model], prefix: str = "") -> list[str]:
    """`model`'s columns as `values()` names them, through `prefix` ("user__") for a related
    row's."""
    return [prefix + field.attname for field in model._meta.concrete_fields]


def instance_from(model: type[Model], row: dict[str, Any], alias: str, prefix: str = "") -> Model:
    """The `model` instance whose `columns(model, prefix)` a prepared statement read from the
    database `alias`, as the ORM would have made it."""
    return model.from_db(alias, columns(model), [row[name] for name in columns(model, prefix)])
