"""SQLite, the newcomer's database, folding case as PostgreSQL does.

SQLite's own `LOWER()` folds ASCII letters only: a project's tag "Ärzte" and one "ärzte" were
two tags there, since the unique index on `LOWER(name)` (`workspace.models.Tag`) let both in
and the lookup by it missed the first. Python's `str.lower` folds every script, as PostgreSQL
does, so each SQLite connection takes it as its `LOWER()`.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.dispatch import receiver


@receiver(connection_created)
def lower_in_every_script(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("LOWER", 1, _lower, deterministic=True)


def _lower(value: object) -> str | None:
    return None if value is None else str(value).lower()
