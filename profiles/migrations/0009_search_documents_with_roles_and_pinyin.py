"""Rebuild every profile's search document: roles, pinyin and weights.

Documents now hold the token of each executive role a title names (`profiles.roles`), the
pinyin of Chinese names (`profiles.pinyin`) and each token's weight, which "most relevant
first" ranks by (`profiles.search`). The generated `search_vector` and its GIN index follow the
document. `updated_at` is left alone: nobody edited these profiles.
"""

from django.db import migrations

from profiles.search import search_document

BATCH_SIZE = 2000


def rebuild_search_documents(apps, schema_editor):
    ExecutiveProfile = apps.get_model("profiles", "ExecutiveProfile")
    profiles = ExecutiveProfile.objects.using(schema_editor.connection.alias)
    rows = profiles.order_by("pk").values_list("pk", "display_name", "company", "title", "city")
    batch = []
    for pk, display_name, company, title, city in rows.iterator(chunk_size=BATCH_SIZE):
        document = search_document(
            display_name=display_name, company=company, title=title, city=city
        )
        batch.append(ExecutiveProfile(pk=pk, search_document=document))
        if len(batch) == BATCH_SIZE:
            profiles.bulk_update(batch, ["search_document"])
            batch = []
    profiles.bulk_update(batch, ["search_document"])


class Migration(migrations.Migration):
    dependencies = [("profiles", "0008_contact_introducing")]

    operations = [
        migrations.RunPython(rebuild_search_documents, migrations.RunPython.noop, elidable=True),
    ]
