"""Fill `search_document` for existing profiles, and index it for text search on PostgreSQL.

The GIN index covers the document cast to a tsvector (profiles/search.py), only for profiles
recruiters may search, matching `ExecutiveProfile.objects.candidates_for()`. SQLite has no GIN
indexes; there the search matches the same tokens with LIKE.
"""

from django.db import migrations

from profiles.search import rebuild_documents

INDEX_NAME = "profile_search_document"
CREATE_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON profiles_executiveprofile "
    "USING gin ((search_document::tsvector)) "
    "WHERE visibility IN ('recruiters', 'public')"
)


def fill_search_documents(apps, schema_editor):
    ExecutiveProfile = apps.get_model("profiles", "ExecutiveProfile")
    rebuild_documents(ExecutiveProfile.objects.using(schema_editor.connection.alias))


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("profiles", "0003_candidate_search_indexes")]

    operations = [
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
