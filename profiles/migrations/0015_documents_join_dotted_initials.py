"""Rebuild the search documents of profiles whose name, title or company has a dot.

Dotted initials ("C.F.O.") became one word in `profiles.text` after these documents were saved:
until each profile was next saved, its document kept "c", "f" and "o", and a search for "CFO"
missed it. Only documents that change are written.
"""

from django.db import migrations
from django.db.models import Q

from profiles.search import rebuild_documents

DOTTED = Q(display_name__contains=".") | Q(title__contains=".") | Q(company__contains=".")


def rebuild_dotted_documents(apps, schema_editor):
    ExecutiveProfile = apps.get_model("profiles", "ExecutiveProfile")
    profiles = ExecutiveProfile.objects.using(schema_editor.connection.alias)
    rebuild_documents(profiles.filter(DOTTED))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0014_consent_is_a_moment_of_the_service")]

    operations = [
        migrations.RunPython(rebuild_dotted_documents, migrations.RunPython.noop, elidable=True),
    ]
