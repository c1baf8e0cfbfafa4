"""Rebuild every profile's search document: roles, pinyin and weights.

Documents now hold the token of each executive role a title names (`profiles.roles`), the
pinyin of Chinese names (`profiles.pinyin`) and each token's weight, which "most relevant
first" ranks by (`profiles.search`). The generated `search_vector` and its GIN index follow the
document. `updated_at` is left alone: nobody edited these profiles.
"""

from django.db import migrations

from profiles.search import rebuild_documents


def rebuild_search_documents(apps, schema_editor):
    ExecutiveProfile = apps.get_model("profiles", "ExecutiveProfile")
    rebuild_documents(ExecutiveProfile.objects.using(schema_editor.connection.alias))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0008_contact_introducing")]

    operations = [
        migrations.RunPython(rebuild_search_documents, migrations.RunPython.noop, elidable=True),
    ]
