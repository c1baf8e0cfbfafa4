"""Statements compiled once per process and run with each request's key (`core.statements`)."""

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.db.models import JSONField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext

from core import statements
from core.statements import CompiledRows, KeyedRows, Prepared
from tests.databases import postgresql_only
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
on_postgresql = postgresql_only("PostgreSQL's prepared statements")


def usernames() -> Prepared:
    return Prepared.of(lambda key: User.objects.filter(pk=key).values("username"))


def test_each_run_finds_the_row_of_its_own_key():
    statement = usernames()
    first, second = UserFactory(username="first"), UserFactory(username="second")

    assert statement.first(first.pk) == {"username": "first"}
    assert statement.first(second.pk) == {"username": "second"}


def test_a_key_without_a_row_finds_none():
    assert usernames().first(2**31 - 1) is None


def test_rows_are_every_row_of_the_key():
    owner = UserFactory(username="owner")
    statement = Prepared.of(
        lambda key: User.objects.filter(pk__gte=key).order_by("pk").values("username")
    )
    UserFactory(username="later")

    assert statement.rows(owner.pk) == [{"username": "owner"}, {"username": "later"}]
    assert statement.rows(owner.pk, limit=1) == [{"username": "owner"}]


def test_each_run_reads_the_database_the_router_names_then(settings):
    """Compiled once, run on whichever copy a request may read: the replica, or the primary
    right after the person's own write."""
    statement = usernames()
    asked = []

    class Recording:
        def db_for_read(self, model, **hints):
            asked.append(model)
            return "default"

    settings.DATABASE_ROUTERS = [Recording()]
    statement.first(1)
    statement.rows(1)

    assert asked == [User, User]


@on_postgresql  # SQLite's integers have no narrower range to run past
@pytest.mark.parametrize(
    ("key", "within"),
    [(1, True), (2**31 - 1, True), (2**31, False), (-(2**31) - 1, False)],
)
def test_a_key_past_the_primary_keys_range_is_told_apart(key, within):
    """Django's user has a 32-bit primary key (`AutoField`)."""
    assert statements.within_key_range(User, key) is within


@pytest.mark.parametrize(
    "filtered",
    [
        lambda key: User.objects.all(),
        lambda key: User.objects.filter(pk=key, id__lte=key),
    ],
    ids=["no key", "the key twice"],
)
def test_a_statement_must_hold_the_key_once(filtered):
    with pytest.raises(ValueError, match="the key is"):
        Prepared.of(filtered)


@pytest.fixture
def unprepared():
    """The test's connection as a new one finds it: nothing prepared on it (earlier tests on the
    same connection prepared their statements, and the same SQL has the same name)."""
    statements.forget_prepared(connection)


def statements_of(run) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        run()
    return [query["sql"].split(" ", 1)[0] for query in captured]


@on_postgresql
@pytest.mark.usefixtures("unprepared")
def test_the_server_plans_a_statement_once_per_connection_in_the_run_that_first_needs_it():
    statement = usernames()
    first, second = UserFactory(username="first"), UserFactory(username="second")

    assert statements_of(lambda: statement.first(first.pk)) == ["PREPARE"]
    assert statements_of(lambda: statement.first(second.pk)) == ["EXECUTE"]
    assert statement.first(second.pk) == {"username": "second"}


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_the_statement_again():
    statement = usernames()
    user = UserFactory(username="kept")
    statement.first(user.pk)
    connection.close()
    connection.connect()

    assert statements_of(lambda: statement.first(user.pk)) == ["PREPARE"]


def test_a_literal_percent_in_the_statement_stays_one():
    statement = Prepared.of(
        lambda key: (
            User.objects.filter(pk=key).annotate(share=RawSQL("'100%%'", ())).values("share")
        )
    )
    user = UserFactory()

    assert statement.first(user.pk) == {"share": "100%"}
    assert statement.first(user.pk) == {"share": "100%"}


@on_postgresql
@pytest.mark.usefixtures("unprepared")
def test_after_a_failed_first_run_the_connection_runs_the_plain_statement():
    """The failed run may have left the statement prepared or not: the connection stops asking."""
    statement = usernames()
    user = UserFactory(username="after")
    with pytest.raises(DatabaseError), transaction.atomic():
        statement.first(2**40)

    assert statements_of(lambda: statement.first(user.pk)) == ["SELECT"]
    assert statement.first(user.pk) == {"username": "after"}


def test_a_statement_of_a_list_of_keys_finds_the_rows_of_each_run_s_keys():
    users = UserFactory.create_batch(3)
    statement = Prepared.of_each(
        lambda keys: User.objects.filter(pk__in=keys).order_by("pk").values_list("username"),
        2,
    )

    assert statement.tuples(users[0].pk, users[2].pk) == [
        (users[0].username,),
        (users[2].username,),
    ]
    assert statement.tuples(users[1].pk, users[1].pk) == [(users[1].username,)]


def test_a_statement_of_a_list_of_keys_runs_with_as_many_keys_as_it_was_compiled_for():
    statement = Prepared.of_each(lambda keys: User.objects.filter(pk__in=keys).values("pk"), 2)

    with pytest.raises(ValueError, match="shorter"):
        statement.tuples(1)


def test_a_paged_statement_reads_the_page_its_keys_ask_for():
    ids = sorted(user.pk for user in UserFactory.create_batch(5))
    statement = Prepared.of_each(
        lambda keys: User.objects.filter(pk__gte=keys[0]).order_by("pk").values_list("pk"),
        1,
        paged=True,
    )

    assert statement.tuples(ids[0], 2, 0) == [(ids[0],), (ids[1],)]
    assert statement.tuples(ids[0], 2, 2) == [(ids[2],), (ids[3],)]
    assert statement.tuples(ids[0], 2, 4) == [(ids[4],)]


def test_a_sliced_queryset_is_not_paged_by_keys():
    with pytest.raises(ValueError, match="sliced"):
        Prepared.of_each(
            lambda keys: User.objects.filter(pk=keys[0]).values("pk")[:5], 1, paged=True
        )


def test_values_come_as_the_orm_makes_them():
    """The database's text of a JSON value becomes the value, as a queryset reads it."""
    user = UserFactory()
    statement = Prepared.of(
        lambda key: (
            User.objects.filter(pk=key)
            .annotate(shown=Cast(Value('{"badge": "fictional"}'), JSONField()))
            .values("shown", "date_joined")
        )
    )

    assert statement.first(user.pk) == {
        "shown": {"badge": "fictional"},
        "date_joined": user.date_joined,
    }


@on_postgresql
@pytest.mark.usefixtures("unprepared")
def test_a_statement_not_to_be_prepared_runs_as_plain_sql():
    user = UserFactory(username="plain")
    statement = Prepared.of_each(
        lambda keys: User.objects.filter(pk=keys[0]).values_list("username"), 1, prepare=False
    )

    assert statements_of(lambda: statement.tuples(user.pk)) == ["SELECT"]
    assert statement.tuples(user.pk) == [("plain",)]


def usernames_of_each() -> KeyedRows:
    return KeyedRows(
        lambda keys: User.objects.filter(pk__in=keys).order_by("pk").values_list("username"),
        longest=2,
    )


def test_keyed_rows_of_a_short_list_run_its_compiled_statement():
    first, second = UserFactory(username="first"), UserFactory(username="second")
    rows = usernames_of_each()

    assert rows.tuples([first.pk, second.pk]) == [("first",), ("second",)]
    assert list(rows.statements) == [2]


def test_keyed_rows_of_a_longer_list_run_the_queryset_and_keep_no_statement():
    users = UserFactory.create_batch(3)
    rows = usernames_of_each()

    assert rows.tuples([user.pk for user in users]) == [(user.username,) for user in users]
    assert rows.statements == {}


def test_keyed_rows_of_no_keys_are_none_and_ask_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert usernames_of_each().tuples([]) == []


@on_postgresql
def test_a_statement_of_keys_and_lists_of_keys_finds_each_run_s_rows():
    users = sorted(UserFactory.create_batch(4), key=lambda user: user.pk)
    statement = Prepared.of_keys(
        lambda low, keys: (
            User.objects.filter(pk__gte=low, pk__any_of=keys).order_by("pk").values_list("pk")
        ),
        int,
        list,
        prepare=True,
    )
    ids = [user.pk for user in users]

    assert statement.tuples(ids[1], ids) == [(pk,) for pk in ids[1:]]
    assert statement.tuples(ids[0], ids[2:3]) == [(ids[2],)]
    assert statement.tuples(ids[0], []) == []


@on_postgresql
def test_a_key_used_twice_takes_both_its_places():
    first, second = UserFactory(username="first"), UserFactory(username="second")
    statement = Prepared.of_keys(
        lambda key: User.objects.filter(pk__gte=key, pk__lte=key).values_list("username"),
        int,
        prepare=False,
    )

    assert statement.tuples(first.pk) == [("first",)]
    assert statement.tuples(second.pk) == [("second",)]


def usernames_among() -> CompiledRows:
    return CompiledRows(
        User,
        lambda keys: User.objects.filter(pk__any_of=keys).order_by("pk").values_list("username"),
        list,
    )


@on_postgresql
def test_compiled_rows_compile_their_statement_once_on_postgresql():
    first, second = UserFactory(username="first"), UserFactory(username="second")
    rows = usernames_among()

    assert rows.tuples([first.pk]) == [("first",)]
    statement = rows.statement
    assert rows.tuples([first.pk, second.pk]) == [("first",), ("second",)]
    assert rows.statement is statement


def test_compiled_rows_run_the_queryset_on_other_databases(monkeypatch):
    """SQLite writes a list of keys as a parameter per key: no one statement serves them."""
    first, second = UserFactory(username="first"), UserFactory(username="second")
    monkeypatch.setattr(connection, "vendor", "sqlite")
    rows = usernames_among()

    assert rows.tuples([first.pk, second.pk]) == [("first",), ("second",)]
    assert rows.statement is None
