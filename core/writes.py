"""Writing only what a caller changed.

A service that saved every column of the copy it was handed would put back whatever another
writer changed since that copy was read: a colleague's new description, the time a digest went
out. `write_only` locks the row, reads it again and writes just the given columns, so
concurrent changes of other columns hold.
"""

from __future__ import annotations

from collections.abc import Mapping
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
