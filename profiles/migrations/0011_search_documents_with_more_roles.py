"""Rebuild every profile's search document for the roles added to `profiles.roles`.

Operations, technology and marketing directors (运营总监, 技术总监, 市场总监 …) are now written as
the COO, CTO and CMO, and heads of R&D (研发总监) are a role of their own: a title's document
holds the token of each role it names, so documents written before hold none of these.
"""

from importlib import import_module

from django.db import migrations

rebuild_search_documents = import_module(
    "profiles.migrations.0009_search_documents_with_roles_and_pinyin"
).rebuild_search_documents


class Migration(migrations.Migration):
    dependencies = [("profiles", "0010_place_index_covers_visibility")]

    operations = [
        migrations.RunPython(rebuild_search_documents, migrations.RunPython.noop, elidable=True),
    ]
