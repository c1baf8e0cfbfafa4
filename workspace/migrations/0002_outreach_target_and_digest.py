"""Each outreach keeps the kind of person it reached (company type, seniority) as they were when
it was sent, for the evidence; logs made before are filled in from the profiles as they are.
A saved search remembers its last digest."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def target_from_profiles(apps, schema_editor) -> None:
    OutreachLog = apps.get_model("workspace", "OutreachLog")
    ExecutiveProfile = apps.get_model("profiles", "ExecutiveProfile")
    profile = ExecutiveProfile.objects.filter(project_entries=OuterRef("project_candidate"))
    OutreachLog.objects.update(
        company_type=Subquery(profile.values("company_type")[:1]),
        seniority=Subquery(profile.values("seniority")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0001_workspace"),
        ("profiles", "0007_network"),
    ]

    operations = [
        migrations.AddField(
            model_name="savedsearch",
            name="digest_sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last digest"),
        ),
        migrations.AddField(
            model_name="outreachlog",
            name="company_type",
            field=models.CharField(
                choices=[
                    ("chinese_private", "Chinese private company"),
                    ("state_owned", "State-owned enterprise"),
                    ("multinational", "Multinational"),
                    ("joint_venture", "Joint venture"),
                    ("foreign", "Foreign company"),
                ],
                default="chinese_private",
                max_length=20,
                verbose_name="company type",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="outreachlog",
            name="seniority",
            field=models.CharField(
                choices=[
                    ("junior", "Junior"),
                    ("manager", "Manager"),
                    ("director", "Director"),
                    ("executive", "Executive"),
                    ("c_level", "C-level"),
                ],
                default="c_level",
                max_length=20,
                verbose_name="seniority",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(target_from_profiles, migrations.RunPython.noop, elidable=True),
    ]
