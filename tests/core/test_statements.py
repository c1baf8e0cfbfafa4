"""Statements compiled once per process and run with each request's key (`core.statements`)."""

import pytest
from django.contrib.auth.models import User

from core.statements import Prepared
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def usernames() -> Prepared:
    return Prepared.of(lambda key: User.objects.filter(pk=key).values("username"))


def test_each_run_finds_the_row_of_its_own_key():
    statement = usernames()
    first, second = UserFactory(username="first"), UserFactory(username="second")

    assert statement.first(first.pk) == {"username": "first"}
    assert statement.first(second.pk) == {"username": "second"}


def test_a_key_without_a_row_finds_none():
    assert usernames().first(2**31 - 1) is None


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
