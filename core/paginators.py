"""A paginator for the admin's lists of tables built for a million rows."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


class LargeTablePaginator(Paginator):
    """Read the row count of an unfiltered PostgreSQL table from the planner's statistics.

    COUNT(*) over a million profiles scans the table on every changelist page, while
    pg_class.reltuples (kept fresh by autovacuum) answers at once and is close enough for page
    links. Filtered or searched lists, other databases, and tables too small for the statistics
    to be trusted are counted exactly.
    """

    exact_below = 10_000

    @cached_property
    def count(self) -> int:
        estimate = self.estimated_table_rows()
        if estimate is not None and estimate >= self.exact_below:
            return estimate
        return super().count

    def estimated_table_rows(self) -> int | None:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or queryset.query.has_filters():
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row else None
