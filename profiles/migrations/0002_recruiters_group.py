"""Create the "Recruiters" group holding `profiles.search_candidates`.

Permissions are normally created after all migrations (post_migrate), so on a fresh database the
permission does not exist yet: create it here, exactly as post_migrate would, so both agree.
"""

from django.db import migrations

RECRUITERS_GROUP = "Recruiters"
PERMISSION_CODENAME = "search_candidates"
PERMISSION_NAME = "Can search and export candidates"


def create_recruiters_group(apps, schema_editor):
    db_alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.using(db_alias).get_or_create(
        app_label="profiles", model="executiveprofile"
    )
    permission, _ = Permission.objects.using(db_alias).get_or_create(
        content_type=content_type,
        codename=PERMISSION_CODENAME,
        defaults={"name": PERMISSION_NAME},
    )
    group, _ = Group.objects.using(db_alias).get_or_create(name=RECRUITERS_GROUP)
    group.permissions.add(permission)


def remove_recruiters_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=RECRUITERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_recruiters_group, remove_recruiters_group),
    ]
