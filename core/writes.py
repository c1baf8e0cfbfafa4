"""Writing only what a caller changed, and only over the version they read.

A service that saved every column of the copy it was handed would put back whatever another
writer changed since that copy was read: a colleague's new description, the time a digest went
out. `write_only` locks the row, reads it again and writes just the given columns, so
concurrent changes of other columns hold.

A writer that must not overwrite a change it has not seen (an API client's If-Match, a form's
hidden version) sends the version tag it read (`version_tag`); the service compares it with the
row's under the lock and raises `StaleVersion` when the row moved on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def write_only(
    model: type[M], pk: int, changes: Mapping[str, Any], *, also: tuple[str, ...] = ()
) -> M:
    """Set `changes` on row `pk` as it is now, check it (`full_clean`) and save those columns
    and `also` (e.g. an `auto_now` column); returns the row as saved."""
    row = model._default_manager.select_for_update(no_key=True).get(pk=pk)
    for name, value in changes.items():
        setattr(row, name, value)
    row.full_clean()
    row.save(update_fields=[*changes, *also])
    return row


class StaleVersion(Exception):
    """The row changed, or went, since the caller read the version it sent: nothing was written.

    `current` is the row as it is now (None when it is gone), so a page can show what changed.
    """

    def __init__(self, current: models.Model | None) -> None:
        super().__init__("The row changed since its version was read.")
        self.current = current


def version_tag(values: Sequence[Any]) -> str:
    """The version tag of a row whose readable columns hold `values`: a digest that changes with
    every change a reader could see (a strong validator, RFC 9110 §8.8.1) and stays while
    nothing changed."""
    return hashlib.sha256(json.dumps(list(values), default=str).encode()).hexdigest()[:32]


def check_version(version: str, expected: Collection[str] | None, row: models.Model) -> None:
    """Raise `StaleVersion` when `row`, read under its lock at `version`, is not at one of the
    versions the caller read (`expected`; None to not check)."""
    if expected is not None and version not in expected:
        raise StaleVersion(row)
