"""One choice for how a date relates to its moment (replacing the `approximate` flag), the
kinds of count and event the newer figures need, and provenance fields: a source's description,
span and retrieval date, a citation's as-of date, and how precise a status's "since" is.

The data step keeps today's values: an approximate date becomes "about", any other "exact".
"""

import platforms.models
from django.db import migrations, models


DATED_MODELS = (
    "source",
    "usercount",
    "statusevent",
    "historicalsource",
    "historicalusercount",
    "historicalstatusevent",
)


def approximate_to_qualifier(apps, schema_editor):
    for name in DATED_MODELS:
        model = apps.get_model("platforms", name)
        model.objects.filter(approximate=True).update(date_qualifier="about")


def qualifier_to_approximate(apps, schema_editor):
    for name in DATED_MODELS:
        model = apps.get_model("platforms", name)
        model.objects.filter(date_qualifier="about").update(approximate=True)


class Migration(migrations.Migration):
    dependencies = [
        ("platforms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="citation",
            name="as_of",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[platforms.models.not_in_future],
                verbose_name="as of",
            ),
        ),
        migrations.AddField(
            model_name="citation",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="citation",
            name="precision",
            field=models.CharField(
                choices=[("day", "day"), ("month", "month"), ("year", "year")],
                default="day",
                max_length=5,
                verbose_name="date precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalcitation",
            name="as_of",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[platforms.models.not_in_future],
                verbose_name="as of",
            ),
        ),
        migrations.AddField(
            model_name="historicalcitation",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="historicalcitation",
            name="precision",
            field=models.CharField(
                choices=[("day", "day"), ("month", "month"), ("year", "year")],
                default="day",
                max_length=5,
                verbose_name="date precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalplatform",
            name="status_since_precision",
            field=models.CharField(
                choices=[("day", "day"), ("month", "month"), ("year", "year")],
                default="day",
                max_length=5,
                verbose_name="status since: precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalplatform",
            name="status_since_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="status since: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="description",
            field=models.CharField(
                blank=True,
                help_text="What the source is, when its title is not known, e.g. “Article on Tianji”.",
                max_length=300,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="published_until",
            field=models.DateField(
                blank=True,
                help_text="For a source dated only to a span of years: the last year of the span.",
                null=True,
                validators=[platforms.models.not_in_future],
                verbose_name="published until",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="retrieved",
            field=models.DateField(
                blank=True,
                help_text="The day the page had been read by; shown when there is no publication date.",
                null=True,
                validators=[platforms.models.not_in_future],
                verbose_name="retrieved by",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusevent",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="historicalusercount",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="platform",
            name="status_since_precision",
            field=models.CharField(
                choices=[("day", "day"), ("month", "month"), ("year", "year")],
                default="day",
                max_length=5,
                verbose_name="status since: precision",
            ),
        ),
        migrations.AddField(
            model_name="platform",
            name="status_since_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="status since: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="description",
            field=models.CharField(
                blank=True,
                help_text="What the source is, when its title is not known, e.g. “Article on Tianji”.",
                max_length=300,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="published_until",
            field=models.DateField(
                blank=True,
                help_text="For a source dated only to a span of years: the last year of the span.",
                null=True,
                validators=[platforms.models.not_in_future],
                verbose_name="published until",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="retrieved",
            field=models.DateField(
                blank=True,
                help_text="The day the page had been read by; shown when there is no publication date.",
                null=True,
                validators=[platforms.models.not_in_future],
                verbose_name="retrieved by",
            ),
        ),
        migrations.AddField(
            model_name="statusevent",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AddField(
            model_name="usercount",
            name="date_qualifier",
            field=models.CharField(
                choices=[
                    ("exact", "as stated"),
                    ("about", "about"),
                    ("before", "before"),
                    ("by", "by (no later than)"),
                ],
                default="exact",
                max_length=6,
                verbose_name="date qualifier",
            ),
        ),
        migrations.AlterField(
            model_name="citation",
            name="claim",
            field=models.CharField(
                choices=[
                    ("kind", "kind"),
                    ("parent_company", "parent company"),
                    ("parent", "parent platform"),
                    ("launched_year", "launched (year)"),
                    ("status", "status"),
                    ("interface_languages", "interface languages"),
                    ("real_name_verification", "real-name verification"),
                    ("email_reliance", "email reliance"),
                    ("cold_messaging", "cold messaging of strangers"),
                    ("anonymous_posting", "anonymous posting"),
                    ("reach_beyond_china", "reach beyond China"),
                    ("ease_for_foreigners", "ease for foreigners"),
                    ("audience", "audience"),
                    ("summary", "summary"),
                    ("strengths", "strengths"),
                    ("weaknesses", "weaknesses"),
                ],
                max_length=30,
                verbose_name="claim",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcitation",
            name="claim",
            field=models.CharField(
                choices=[
                    ("kind", "kind"),
                    ("parent_company", "parent company"),
                    ("parent", "parent platform"),
                    ("launched_year", "launched (year)"),
                    ("status", "status"),
                    ("interface_languages", "interface languages"),
                    ("real_name_verification", "real-name verification"),
                    ("email_reliance", "email reliance"),
                    ("cold_messaging", "cold messaging of strangers"),
                    ("anonymous_posting", "anonymous posting"),
                    ("reach_beyond_china", "reach beyond China"),
                    ("ease_for_foreigners", "ease for foreigners"),
                    ("audience", "audience"),
                    ("summary", "summary"),
                    ("strengths", "strengths"),
                    ("weaknesses", "weaknesses"),
                ],
                max_length=30,
                verbose_name="claim",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="Its real title; empty if unknown.",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="historicalstatusevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("launched", "Launched"),
                    ("acquired", "Acquired"),
                    ("listed", "Listed on a stock exchange"),
                    ("feature_launched", "Feature launched"),
                    ("feature_closed", "Feature closed"),
                    ("restricted", "Restricted"),
                    ("regulation", "Regulation"),
                    ("renamed", "Renamed or replaced"),
                    ("operating", "Reported operating"),
                    ("declined", "Declined"),
                    ("shut_down", "Shut down"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="historicalusercount",
            name="metric",
            field=models.CharField(
                choices=[
                    ("registered", "Registered users"),
                    ("monthly_active", "Monthly active users"),
                    ("daily_active", "Daily active users"),
                    ("users", "Users"),
                    ("headhunters", "Headhunters"),
                    ("verified_headhunters", "Verified headhunters"),
                ],
                max_length=20,
                verbose_name="metric",
            ),
        ),
        migrations.AlterField(
            model_name="historicalusercount",
            name="qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("about", "about"), ("more_than", "more than")],
                default="exact",
                max_length=10,
                verbose_name="figure qualifier",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="Its real title; empty if unknown.",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="statusevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("launched", "Launched"),
                    ("acquired", "Acquired"),
                    ("listed", "Listed on a stock exchange"),
                    ("feature_launched", "Feature launched"),
                    ("feature_closed", "Feature closed"),
                    ("restricted", "Restricted"),
                    ("regulation", "Regulation"),
                    ("renamed", "Renamed or replaced"),
                    ("operating", "Reported operating"),
                    ("declined", "Declined"),
                    ("shut_down", "Shut down"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="usercount",
            name="metric",
            field=models.CharField(
                choices=[
                    ("registered", "Registered users"),
                    ("monthly_active", "Monthly active users"),
                    ("daily_active", "Daily active users"),
                    ("users", "Users"),
                    ("headhunters", "Headhunters"),
                    ("verified_headhunters", "Verified headhunters"),
                ],
                max_length=20,
                verbose_name="metric",
            ),
        ),
        migrations.AlterField(
            model_name="usercount",
            name="qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("about", "about"), ("more_than", "more than")],
                default="exact",
                max_length=10,
                verbose_name="figure qualifier",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("title", ""), _negated=True),
                    models.Q(("description", ""), _negated=True),
                    _connector="OR",
                ),
                name="source_titled_or_described",
                violation_error_message="Give the source's title or, if unknown, describe it.",
            ),
        ),
        migrations.RunPython(approximate_to_qualifier, qualifier_to_approximate),
        migrations.RemoveField(
            model_name="historicalsource",
            name="approximate",
        ),
        migrations.RemoveField(
            model_name="historicalstatusevent",
            name="approximate",
        ),
        migrations.RemoveField(
            model_name="historicalusercount",
            name="approximate",
        ),
        migrations.RemoveField(
            model_name="source",
            name="approximate",
        ),
        migrations.RemoveField(
            model_name="statusevent",
            name="approximate",
        ),
        migrations.RemoveField(
            model_name="usercount",
            name="approximate",
        ),
    ]
