"""`field__any_of=keys`: a long list of integer keys as one parameter.

Django writes `field__in=keys` as `IN (%s, %s, …)`, a parameter per key, each prepared and
resolved in Python, and PostgreSQL plans each as a literal. The network's paths read the people
around a page of search results (`profiles.paths.people`), some five hundred keys: at 200,000
profiles their statement took 3.5 ms to compile and 5.1 ms to run (with a sort it did not need);
with the keys as one array (`field = ANY(%s)`), and unsorted, 1.8 and 2.5 ms, the same rows.
Other databases, SQLite among them, get Django's `IN`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class AnyOf(In):
    """`IN` for a list of integer keys (not a subquery: `__in` takes those), written
    `= ANY(array)` on PostgreSQL."""

    lookup_name = "any_of"

    def get_prep_lookup(self) -> list[int]:
        return [int(key) for key in self.rhs]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple]:
        if not self.rhs:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)


# A foreign key's column too (`owner__any_of=keys`): Django's related lookups are its own.
ForeignKey.register_lookup(AnyOf)
