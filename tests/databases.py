"""What the test database is, for tests that only hold on one: `make test` runs the whole suite
on PostgreSQL, so a test marked here always runs there; a quick run on SQLite skips it and says
why."""

import pytest
from django.db import connection


def postgresql_only(reason: str) -> pytest.MarkDecorator:
    """Skip where the test database is not PostgreSQL, because `reason` is PostgreSQL's."""
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)


# The statements a signed-in request reads beyond PostgreSQL's: there the user's permissions
# come in the user's own statement (`core.auth.rows_with_permissions`); elsewhere Django's
# backend reads them in one more, when a page first asks.
PERMISSIONS_APART = 0 if connection.vendor == "postgresql" else 1
