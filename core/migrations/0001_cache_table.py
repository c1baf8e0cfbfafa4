"""The table of the "shared" cache (rate-limit counters) when it lives in the database.

A migration rather than a separate step, because `migrate` is what every deployment and
`make run` already run: the table can't be forgotten. (Django's test database creation runs
`createcachetable` after migrating as well, and finds the table there.) It runs
`createcachetable`, which creates the table of every DatabaseCache in settings.CACHES and leaves
an existing one alone; with Redis configured there is none, and after switching Redis off
`manage.py createcachetable` (which `make run` also runs) creates it.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
