"""A source's description in both languages: the English one keeps its column under the name
`description_en` (renamed, no data moves), and `description_zh` starts empty, read as the
English until `load_platforms` fills it from the data file."""

from django.db import migrations, models

ENGLISH = {
    "verbose_name": "description (English)",
    "max_length": 300,
    "blank": True,
    "help_text": "What the source is, when its title is not known, e.g. “Article on Tianji”.",
}
CHINESE = {
    "verbose_name": "description (Chinese)",
    "max_length": 300,
    "blank": True,
    "help_text": "The same in Chinese, e.g. “关于天际网关闭的文章”; pages in English ignore it.",
}


class Migration(migrations.Migration):
    dependencies = [("platforms", "0002_date_qualifiers_and_provenance")]

    operations = [
        migrations.RemoveConstraint(model_name="source", name="source_titled_or_described"),
        *(
            operation
            for model_name in ("source", "historicalsource")
            for operation in (
                migrations.RenameField(model_name, "description", "description_en"),
                migrations.AlterField(model_name, "description_en", models.CharField(**ENGLISH)),
                migrations.AddField(model_name, "description_zh", models.CharField(**CHINESE)),
            )
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("title", ""), _negated=True),
                    models.Q(("description_en", ""), _negated=True),
                    _connector="OR",
                ),
                name="source_titled_or_described",
                violation_error_message="Give the source's title or, if unknown, describe it.",
            ),
        ),
    ]
