"""What the test database is, for tests that only hold on one: `make test` runs the whole suite
on PostgreSQL, so a test marked here always runs there; a quick run on SQLite skips it and says
why."""

import pytest
from django.db import connection


def postgresql_only(reason: str) -> pytest.MarkDecorator:
    """Skip where the test database is not PostgreSQL, because `reason` is PostgreSQL's."""
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)
