"""One preferred channel per executive, held by a partial unique index.

Two simultaneous edits could leave a profile with two preferred channels before this, so such
profiles keep the preferred flag on their oldest membership (the lowest id) and lose it on the
others; the index could not be built otherwise.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def keep_one_preferred_channel(apps, schema_editor):
    Membership = apps.get_model("profiles", "Membership")
    memberships = Membership.objects.using(schema_editor.connection.alias)
    older_preferred = memberships.filter(
        profile=OuterRef("profile"), preferred=True, pk__lt=OuterRef("pk")
    )
    memberships.filter(Exists(older_preferred), preferred=True).update(preferred=False)


class Migration(migrations.Migration):
    dependencies = [
        ("platforms", "0001_initial"),
        ("profiles", "0005_search_vector"),
    ]

    operations = [
        migrations.RunPython(keep_one_preferred_channel, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                condition=models.Q(("preferred", True)),
                fields=("profile",),
                name="membership_one_preferred",
                violation_error_code="preferred_taken",
                violation_error_message="Only one platform can be your preferred channel.",
            ),
        ),
    ]
