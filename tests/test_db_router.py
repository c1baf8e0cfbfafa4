"""The read-replica router: lag-tolerant reads go to the replica, everything else to the primary."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from networkdir.db_router import (
    PRIMARY_COOKIE,
    PrimaryAfterWriteMiddleware,
    PrimaryReplicaRouter,
    primary_only,
)
from platforms.models import Platform
from profiles.models import ExecutiveProfile
from tests.test_deploy import PRODUCTION, settings_in

router = PrimaryReplicaRouter()


@pytest.mark.parametrize("model", [Platform, ExecutiveProfile])
def test_reads_of_the_directory_and_candidates_go_to_the_replica(model):
    assert router.db_for_read(model) == "replica"


@pytest.mark.parametrize("model", [Session, User])
def test_sessions_and_accounts_are_read_as_just_written(model):
    assert router.db_for_read(model) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_see_its_writes():
    with transaction.atomic():
        assert router.db_for_read(Platform) == "default"


def test_every_write_goes_to_the_primary():
    assert router.db_for_write(Platform) == "default"


@pytest.mark.parametrize(("db", "allowed"), [("default", True), ("replica", False)])
def test_migrations_run_on_the_primary_only(db, allowed):
    assert router.allow_migrate(db, "platforms") is allowed


def reads_seen_by(request) -> tuple[str, HttpResponse]:
    """Where the view behind the middleware would read a platform from, and the response."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Platform))
        return HttpResponse()

    response = PrimaryAfterWriteMiddleware(view)(request)
    return seen[0], response


def test_a_write_request_reads_the_primary_and_pins_the_next_requests():
    db, response = reads_seen_by(RequestFactory().post("/en/me/edit/"))

    assert db == "default"
    assert response.cookies[PRIMARY_COOKIE]["max-age"] > 0


def test_a_request_just_after_a_write_reads_the_primary():
    request = RequestFactory().get("/en/me/")
    request.COOKIES[PRIMARY_COOKIE] = "1"

    assert reads_seen_by(request)[0] == "default"


def test_a_plain_read_request_uses_the_replica_and_sets_no_cookie():
    db, response = reads_seen_by(RequestFactory().get("/en/"))

    assert db == "replica"
    assert PRIMARY_COOKIE not in response.cookies


def test_primary_only_pins_reads_within_the_block():
    with primary_only():
        assert router.db_for_read(Platform) == "default"
    assert router.db_for_read(Platform) == "replica"


def test_the_router_is_on_only_with_a_replica_url():
    replica = "postgres://reader@replica.internal:5432/networkdir"

    with_replica = settings_in(
        {**PRODUCTION, "DATABASE_REPLICA_URL": replica},
        "[settings.DATABASE_ROUTERS, settings.DATABASES['replica']['HOST'],"
        " 'networkdir.db_router.PrimaryAfterWriteMiddleware' in settings.MIDDLEWARE]",
    )
    without = settings_in(PRODUCTION, "[settings.DATABASE_ROUTERS, sorted(settings.DATABASES)]")

    assert with_replica == [["networkdir.db_router.PrimaryReplicaRouter"], "replica.internal", True]
    assert without == [[], ["default"]]
