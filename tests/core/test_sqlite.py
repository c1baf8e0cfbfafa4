"""SQLite connections fold case as PostgreSQL does (`core.sqlite`)."""

import sqlite3
from types import SimpleNamespace

import pytest

from core.sqlite import lower_in_every_script


def sqlite_connection() -> sqlite3.Connection:
    raw = sqlite3.connect(":memory:")
    lower_in_every_script(sender=None, connection=SimpleNamespace(vendor="sqlite", connection=raw))
    return raw


def test_lower_folds_letters_beyond_ascii():
    rows = sqlite_connection().execute("SELECT LOWER('Ärzte'), LOWER('STRAẞE'), LOWER(NULL)")

    assert rows.fetchone() == ("ärzte", "straße", None)


def test_a_unique_index_on_lower_refuses_the_same_name_in_another_case():
    raw = sqlite_connection()
    raw.execute("CREATE TABLE tag (name TEXT)")
    raw.execute("CREATE UNIQUE INDEX tag_name ON tag (LOWER(name))")
    raw.execute("INSERT INTO tag VALUES ('Ärzte')")

    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO tag VALUES ('ärzte')")


def test_other_databases_keep_their_own_lower():
    raw = sqlite3.connect(":memory:")
    lower_in_every_script(
        sender=None, connection=SimpleNamespace(vendor="postgresql", connection=raw)
    )

    assert raw.execute("SELECT LOWER('Ärzte')").fetchone() == ("Ärzte",)
