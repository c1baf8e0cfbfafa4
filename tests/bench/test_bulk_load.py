"""The benchmark's bulk loader: COPY on PostgreSQL, the same people as the app's demo generator."""

import re

import pytest
from django.db import connection

from bench import bulk_load
from profiles import demo, demo_network
from profiles.models import Contact, ExecutiveProfile, Membership
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory, connect
from tests.profiles.test_demo import OPERATING, platforms, stored_people  # noqa: F401

pytestmark = pytest.mark.django_db

on_postgresql = postgresql_only("COPY is PostgreSQL's")


def copied_columns(layout: bulk_load.CopyLayout) -> list[str]:
    listed = re.search(r"\(([^)]*)\) FROM STDIN", layout.statement).group(1)
    return [column.strip().strip('"') for column in listed.split(",")]


@pytest.mark.parametrize(
    ("layout", "model", "database_sets"),
    [
        (bulk_load.profile_layout("2026-01-01T00:00:00+00:00"), ExecutiveProfile, set()),
        (bulk_load.membership_layout(), Membership, {"id"}),
        (bulk_load.contact_layout("2026-01-01T00:00:00+00:00"), Contact, {"id"}),
    ],
)
def test_copy_writes_every_column_but_the_databases_own(layout, model, database_sets):
    columns = {field.column for field in model._meta.concrete_fields if not field.generated}

    assert set(copied_columns(layout)) == columns - database_sets


@on_postgresql
def test_copied_people_are_exactly_the_generated_ones(platforms):  # noqa: F811
    written = bulk_load.load_profiles(120, seed=4)

    people = list(demo.generate_profiles(120, seed=4, platform_slugs=OPERATING))
    assert written == (120, sum(len(p.memberships) for p in people))
    assert stored_people() == people
    profiles = ExecutiveProfile.objects.order_by("pk")
    assert all(p.is_fictional and p.user_id is None and p.consent_at is None for p in profiles)
    assert [p.search_document for p in profiles] == [demo.document(p) for p in people]


@on_postgresql
def test_a_big_load_leaves_every_index_and_constraint_in_place(platforms, monkeypatch):  # noqa: F811
    tables = [ExecutiveProfile._meta.db_table, Membership._meta.db_table]

    def schema():
        with connection.cursor() as cursor:
            return {
                table: sorted(connection.introspection.get_constraints(cursor, table))
                for table in tables
            }

    before = schema()
    monkeypatch.setattr(bulk_load, "REBUILD_INDEXES_FROM", 1)

    bulk_load.load_profiles(60)

    assert schema() == before
    assert Membership.objects.count() > 60


@on_postgresql
def test_the_loader_reports_progress_per_batch(platforms, monkeypatch):  # noqa: F811
    monkeypatch.setattr(bulk_load, "BATCH_SIZE", 10)
    seen = []

    bulk_load.load_profiles(25, on_batch=lambda profiles, _memberships: seen.append(profiles))

    assert seen == [10, 10, 5]


@on_postgresql
def test_a_top_up_continues_the_sequence(platforms):  # noqa: F811
    bulk_load.load_profiles(10)

    bulk_load.load_profiles(6, start=10)

    assert stored_people() == list(
        demo.generate_profiles(16, seed=demo.DEFAULT_SEED, platform_slugs=OPERATING)
    )


# --- The network ----------------------------------------------------------------------------------

CONTACT_FIELDS = ("owner", "other", "relationship", "closeness", "willingness")


def stored_contacts() -> set[tuple]:
    return set(Contact.objects.values_list(*CONTACT_FIELDS))


@on_postgresql
def test_copied_contacts_are_exactly_the_generated_ones(platforms):  # noqa: F811
    bulk_load.load_profiles(150, seed=4)

    written = bulk_load.load_contacts(seed=9)

    generated = list(demo_network.generate_contacts(demo_network.fictional_people(), seed=9))
    assert written == len(generated) > 150
    assert stored_contacts() == set(generated)


@on_postgresql
def test_a_big_network_load_leaves_every_index_and_constraint_in_place(platforms, monkeypatch):  # noqa: F811
    table = Contact._meta.db_table

    def schema():
        with connection.cursor() as cursor:
            return sorted(connection.introspection.get_constraints(cursor, table).items())

    before = schema()
    bulk_load.load_profiles(80)
    monkeypatch.setattr(bulk_load, "REBUILD_INDEXES_FROM", 1)

    bulk_load.load_contacts()

    assert schema() == before
    assert Contact.objects.count() > 80


@on_postgresql
def test_contacts_already_there_are_kept(platforms, monkeypatch):  # noqa: F811
    first, second = ExecutiveProfileFactory.create_batch(2)
    connect(first, second)
    bulk_load.load_profiles(60)
    monkeypatch.setattr(bulk_load, "CONTACT_BATCH_SIZE", 100)
    batches = []

    added = bulk_load.load_contacts(on_batch=batches.append)

    assert Contact.objects.filter(owner=first, other=second).exists()
    assert Contact.objects.count() == added + 2
    assert sum(batches) == added
    assert max(batches) == 100
