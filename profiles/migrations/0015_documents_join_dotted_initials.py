"""Rebuild the search documents of profiles whose name, title or company has a dot.

Dotted initials ("C.F.O.") became one word in `profiles.text` after these documents were saved:
until each profile was next saved, its document kept "c", "f" and "o", and a search for "CFO"
missed it. Only documents that change are written.
"""

from django.db import migrations
from django.db.models import Q

from profiles.search import search_document

BATCH_SIZE = 2000
DOTTED = Q(display_name__contains=".") | Q(title__contains=".") | Q(company__contains=".")


def rebuild_dotted_documents(apps, schema_editor):
    ExecutiveProfile = apps.get_model("profiles", "ExecutiveProfile")
    profiles = ExecutiveProfile.objects.using(schema_editor.connection.alias)
    changed = []
    dotted = profiles.filter(DOTTED).only(
        "display_name", "company", "title", "city", "search_document"
    )
    for profile in dotted.iterator(chunk_size=BATCH_SIZE):
        document = search_document(
            display_name=profile.display_name,
            company=profile.company,
            title=profile.title,
            city=profile.city,
        )
        if document != profile.search_document:
            profile.search_document = document
            changed.append(profile)
    profiles.bulk_update(changed, ["search_document"], batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0014_consent_is_a_moment_of_the_service")]

    operations = [
        migrations.RunPython(rebuild_dotted_documents, migrations.RunPython.noop, elidable=True),
    ]
