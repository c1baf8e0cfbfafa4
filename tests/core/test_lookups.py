"""`field__any_of=keys`: the rows of `field__in=keys`, the list sent as one parameter on
PostgreSQL (`core.lookups`)."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.databases import postgresql_only
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_finds_the_rows_of_the_keys_as_in_does():
    first, _other, third = UserFactory(), UserFactory(), UserFactory()
    keys = {first.pk, third.pk, 2**31 - 1}

    found = set(User.objects.filter(pk__any_of=keys).values_list("pk", flat=True))

    assert found == {first.pk, third.pk}
    assert found == set(User.objects.filter(pk__in=keys).values_list("pk", flat=True))


def test_a_foreign_key_takes_the_keys_too():
    group = Group.objects.create(name="readers")
    first, other = UserFactory(), UserFactory()
    group.user_set.add(first, other)
    memberships = User.groups.through.objects

    found = memberships.filter(user__any_of=[first.pk]).values_list("user_id", flat=True)

    assert list(found) == [first.pk]


def test_no_keys_find_no_rows():
    UserFactory()

    assert not User.objects.filter(pk__any_of=[]).exists()


def test_keys_written_as_text_are_taken_as_numbers():
    user = UserFactory()

    assert User.objects.filter(pk__any_of=[str(user.pk)]).get() == user


def test_a_key_that_is_not_a_number_is_refused_before_the_database():
    with pytest.raises(ValueError, match="invalid literal for int"):
        User.objects.filter(pk__any_of=["1; DROP TABLE auth_user"])


@postgresql_only("the array is PostgreSQL's")
def test_postgresql_gets_the_keys_as_one_array_parameter():
    users = UserFactory.create_batch(3)
    keys = [user.pk for user in users]

    with CaptureQueriesContext(connection) as queries:
        list(User.objects.filter(pk__any_of=keys))

    (query,) = queries.captured_queries
    assert "= ANY(ARRAY[" in query["sql"]
    assert " IN (" not in query["sql"]
