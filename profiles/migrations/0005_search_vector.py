"""Keep the search document as a tsvector on PostgreSQL and index that instead of a cast.

A stored tsvector is matched without re-parsing the text row by row, and its column statistics
tell the planner how common each token is (a partial expression index's statistics are not
used), so a rare Chinese name is looked up in the GIN index rather than read in page order.
"""

from django.db import migrations, models

import profiles.search

OLD_INDEX = "profile_search_document"
NEW_INDEX = "profile_search_vector"
CREATE_NEW_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {NEW_INDEX} ON profiles_executiveprofile "
    "USING gin (search_vector) WHERE visibility IN ('recruiters', 'public')"
)
CREATE_OLD_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON profiles_executiveprofile "
    "USING gin ((search_document::tsvector)) WHERE visibility IN ('recruiters', 'public')"
)


def index_the_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
        schema_editor.execute(CREATE_NEW_INDEX)


def index_the_cast(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NEW_INDEX}")
        schema_editor.execute(CREATE_OLD_INDEX)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0004_search_document_gin")]

    operations = [
        migrations.AddField(
            model_name="executiveprofile",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=profiles.search.TokenVector(models.F("search_document")),
                output_field=profiles.search.TokenVectorField(),
            ),
        ),
        migrations.RunPython(index_the_vector, index_the_cast),
    ]
