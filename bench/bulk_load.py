"""The benchmark's data: a million demo people and their ten million connections, stored with
PostgreSQL's COPY.

The people come from the app's demo generator (`profiles.demo`), their network from its network
generator (`profiles.demo_network`: twenty million contact rows, both sides of each connection);
only the storing differs from `make run`'s, following the bulk-loading advice of PostgreSQL's
manual ("Populating a Database"): COPY rather than INSERT, in one transaction, with the tables'
secondary indexes and constraints dropped and rebuilt once at the end, and fresh statistics
afterwards. Generating and formatting rows is Python's work and COPY mostly PostgreSQL's, so a
worker thread prepares the next batch while the current one is copied: both cores of a small
machine are busy.

The COPY columns are the models' own, by name: every column gets the generated value of the
same name, a value the loader sets (the id, the search document, the record fields), or the
field's default. Connections go in after the people, read back from the table; into an empty
contact table they are copied FROZEN (the table truncated in the same transaction), so the
VACUUM that follows has nothing to rewrite and index-only scans work at once.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from operator import attrgetter
from queue import Full, Queue
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils import timezone

from profiles.demo import (
    DEFAULT_SEED,
    DemoMembership,
    DemoProfile,
    batches,
    document,
    generate_profiles,
    operating_platform_ids,
)
from profiles.demo_network import (
    DEFAULT_NETWORK_SEED,
    DemoContact,
    fictional_people,
    generate_contacts,
)
from profiles.models import Contact, ExecutiveProfile, Membership

T = TypeVar("T")

BATCH_SIZE = 10_000
CONTACT_BATCH_SIZE = 200_000
COPY_CHUNK = 1 << 20  # bytes handed to psycopg2 at a time
# Above this many profiles, loading without secondary indexes and constraints and rebuilding
# them afterwards beats updating them row by row.
REBUILD_INDEXES_FROM = 50_000


@dataclass(frozen=True)
class CopyLayout:
    """A table's COPY statement and how to make its rows: per row, the `leading` values the
    loader computes, then the generated ones named `generated`, then constants."""

    statement: str
    generated: attrgetter
    constants: tuple[Any, ...]


def _layout(
    model: type[models.Model], *, leading: Sequence[str], generated_from: type, fixed: dict
) -> CopyLayout:
    """The COPY layout of `model`'s table, from its concrete fields: generated columns are the
    database's, and so is the primary key unless the loader sets it."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.generated and (field.name in leading or not field.primary_key)
    ]
    by_name = {field.name: field for field in fields}
    generated = [field for field in fields if field.name in generated_from._fields]
    rest = [field for field in fields if field.name not in {*leading, *generated_from._fields}]
    columns = [by_name[name].column for name in leading]
    columns += [field.column for field in (*generated, *rest)]
    # In CSV an unquoted empty value means NULL: not in a NOT NULL column, where it is ''.
    not_null = [field.column for field in fields if not field.null and field.column in columns]
    quote = connection.ops.quote_name
    statement = (
        f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN "
        f"WITH (FORMAT csv, FORCE_NOT_NULL ({', '.join(map(quote, not_null))}))"
    )
    return CopyLayout(
        statement=statement,
        generated=attrgetter(*(field.name for field in generated)),
        constants=tuple(fixed.get(field.name, field.get_default()) for field in rest),
    )


def profile_layout(now: Any) -> CopyLayout:
    """Profiles: the id and search document, the person's fields, fictional, made `now`."""
    return _layout(
        ExecutiveProfile,
        leading=("id", "search_document"),
        generated_from=DemoProfile,
        fixed={"is_fictional": True, "created_at": now, "updated_at": now},
    )


def membership_layout() -> CopyLayout:
    """Memberships: the two keys, then the generated settings."""
    return _layout(
        Membership, leading=("profile", "platform"), generated_from=DemoMembership, fixed={}
    )


def contact_layout(now: Any) -> CopyLayout:
    """Contacts: the generated row (both keys and the owner's description), made `now`."""
    return _layout(Contact, leading=(), generated_from=DemoContact, fixed={"created_at": now})


def _csv_batch(
    batch: list[DemoProfile],
    *,
    first_id: int,
    platform_ids: dict[str, int],
    layouts: tuple[CopyLayout, CopyLayout],
) -> tuple[str, str, int]:
    """The batch as CSV for COPY (profiles, memberships) and its number of memberships."""
    profile, membership = layouts
    profiles, memberships = io.StringIO(), io.StringIO()
    membership_rows = [
        (pk, platform_ids[m.platform_slug], *membership.generated(m), *membership.constants)
        for pk, person in enumerate(batch, start=first_id)
        for m in person.memberships
    ]
    csv.writer(profiles, lineterminator="\n").writerows(
        (pk, document(person), *profile.generated(person), *profile.constants)
        for pk, person in enumerate(batch, start=first_id)
    )
    csv.writer(memberships, lineterminator="\n").writerows(membership_rows)
    return profiles.getvalue(), memberships.getvalue(), len(membership_rows)


def _csv_batches(
    people: Iterable[DemoProfile], *, ids: range, platform_ids: dict[str, int]
) -> Iterator[tuple[str, str, int, int]]:
    """CSV per batch, numbering profiles with the reserved `ids`."""
    layouts = (profile_layout(timezone.now().isoformat()), membership_layout())
    next_id = ids.start
    for batch in batches(people, BATCH_SIZE):
        if next_id + len(batch) > ids.stop:
            raise ValueError(f"More profiles than the {len(ids):,} announced.")
        profile_csv, membership_csv, membership_count = _csv_batch(
            batch, first_id=next_id, platform_ids=platform_ids, layouts=layouts
        )
        next_id += len(batch)
        yield profile_csv, membership_csv, len(batch), membership_count


def run_ahead(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Produce `items` in a worker thread, up to `depth` ahead of the consumer.

    psycopg2 releases the GIL while PostgreSQL works on a COPY, so the next batch is made
    meanwhile. An error in the worker is raised in the consumer.
    """
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        queue.put(item, timeout=0.5)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(done)
        except BaseException as error:  # handed over to the consumer, which re-raises it
            queue.put(error)

    worker = threading.Thread(target=produce, name="bench-bulk-load", daemon=True)
    worker.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def reserve_ids(cursor, count: int) -> range:
    """Take `count` consecutive profile ids from the table's sequence.

    The table lock keeps concurrent inserts (which draw from the sequence) out until commit.
    """
    table = ExecutiveProfile._meta.db_table
    cursor.execute(f"LOCK TABLE {connection.ops.quote_name(table)} IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    (sequence,) = cursor.fetchone()
    cursor.execute("SELECT nextval(%s)", [sequence])
    (first,) = cursor.fetchone()
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return range(first, first + count)


def _secondary_objects(cursor, tables: Sequence[str]) -> tuple[list, list]:
    """The tables' foreign-key and unique constraints, and their other non-primary indexes."""
    constraints, indexes = [], []
    for table in tables:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
            [table],
        )
        constraints += [(table, name, definition) for name, definition in cursor.fetchall()]
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
            [table, table],
        )
        indexes += cursor.fetchall()
    return constraints, indexes


@contextmanager
def secondary_indexes_rebuilt(cursor, tables: Sequence[str]) -> Iterator[None]:
    """Drop the tables' secondary indexes, unique and foreign-key constraints; rebuild them after.

    Building an index once over all rows is much faster than updating it row by row, and
    re-adding a foreign key checks it in one pass. Primary keys stay. Run inside a transaction:
    if the load fails, the dropped objects come back with the rollback.
    """
    constraints, indexes = _secondary_objects(cursor, tables)
    quote = connection.ops.quote_name
    # Earlier writes in this transaction may have deferred checks queued, and PostgreSQL won't
    # alter a table with pending trigger events: run them now, then defer again as Django does.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for table, name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        cursor.execute(definition)
    for table, name, definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def copy_profiles(
    people: Iterable[DemoProfile],
    *,
    count: int,
    platform_ids: dict[str, int],
    on_batch: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """COPY `count` generated people and their memberships; return (profiles, memberships).

    All or nothing, in one transaction, the tables locked meanwhile; for big loads
    (REBUILD_INDEXES_FROM people or more) the secondary indexes and constraints are rebuilt
    once at the end. `on_batch` hears how many profiles and memberships each batch added.
    """
    profile_copy = profile_layout(None).statement
    membership_copy = membership_layout().statement
    profile_total = membership_total = 0
    tables = [Membership._meta.db_table, ExecutiveProfile._meta.db_table]
    with transaction.atomic(), connection.cursor() as cursor:
        ids = reserve_ids(cursor, count)
        rebuilt = (
            secondary_indexes_rebuilt(cursor, tables)
            if count >= REBUILD_INDEXES_FROM
            else nullcontext()
        )
        with rebuilt:
            prepared = _csv_batches(people, ids=ids, platform_ids=platform_ids)
            for profile_csv, membership_csv, profiles, memberships in run_ahead(prepared):
                cursor.copy_expert(profile_copy, io.StringIO(profile_csv), COPY_CHUNK)
                cursor.copy_expert(membership_copy, io.StringIO(membership_csv), COPY_CHUNK)
                profile_total += profiles
                membership_total += memberships
                if on_batch is not None:
                    on_batch(profiles, memberships)
    with connection.cursor() as cursor:
        # Fresh statistics, so the planner sees a million rows rather than an empty table.
        cursor.execute(f"ANALYZE {', '.join(map(connection.ops.quote_name, tables))}")
    return profile_total, membership_total


def load_profiles(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    start: int = 0,
    on_batch: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Generate `count` demo people (from `start` in the seeded sequence, as `make run`'s would
    be) on the operating platforms and COPY them in; return (profiles, memberships)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The bulk loader needs PostgreSQL (COPY).")
    platform_ids = operating_platform_ids()
    people = generate_profiles(count, seed=seed, platform_slugs=list(platform_ids), start=start)
    return copy_profiles(people, count=count, platform_ids=platform_ids, on_batch=on_batch)


def _contact_batches(rows: Iterable[DemoContact]) -> Iterator[tuple[str, int]]:
    """Contact rows as CSV for COPY, CONTACT_BATCH_SIZE at a time, with their number.

    Every generated value is a number or a word of a fixed vocabulary, with nothing to quote,
    and the columns take them in the row's own order: each row is formatted with one `%`,
    three times as fast as the csv module, which matters twenty million times.
    """
    layout = contact_layout(timezone.now().isoformat())
    if layout.generated(DemoContact._make(DemoContact._fields)) != DemoContact._fields:
        raise ValueError("The contact columns no longer take DemoContact's order.")
    constants = io.StringIO()
    csv.writer(constants, lineterminator="\n").writerow(layout.constants)
    line = "%s," * len(DemoContact._fields) + constants.getvalue()
    for batch in batches(rows, CONTACT_BATCH_SIZE):
        yield "".join([line % row for row in batch]), len(batch)


def copy_contacts(
    rows: Iterable[DemoContact],
    *,
    rebuild_indexes: bool,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """COPY generated contact rows; return how many.

    All or nothing, in one transaction, the table locked meanwhile. An empty table is truncated
    first, so the rows go in frozen; `rebuild_indexes` drops the table's secondary indexes and
    constraints and builds them once at the end.
    """
    table = Contact._meta.db_table
    statement = contact_layout(None).statement
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"LOCK TABLE {quoted} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {quoted})")
        (empty,) = cursor.fetchone()
        if empty:
            cursor.execute(f"TRUNCATE {quoted}")
            statement = statement.replace("WITH (FORMAT csv", "WITH (FORMAT csv, FREEZE")
        rebuilt = secondary_indexes_rebuilt(cursor, [table]) if rebuild_indexes else nullcontext()
        with rebuilt:
            for text, count in run_ahead(_contact_batches(rows)):
                cursor.copy_expert(statement, io.StringIO(text), COPY_CHUNK)
                total += count
                if on_batch is not None:
                    on_batch(count)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return total


def load_contacts(
    *, seed: int = DEFAULT_NETWORK_SEED, on_batch: Callable[[int], None] | None = None
) -> int:
    """Generate the network of the demo people in the table (`profiles.demo_network`, as
    `make run`'s would be) and COPY it in; return how many contact rows (two per connection)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The bulk loader needs PostgreSQL (COPY).")
    people = fictional_people()
    rows = generate_contacts(people, seed=seed)
    return copy_contacts(
        rows, rebuild_indexes=len(people) >= REBUILD_INDEXES_FROM, on_batch=on_batch
    )
