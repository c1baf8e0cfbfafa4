"""Connections under real concurrency, on PostgreSQL: two clients over HTTP released together at
a barrier, each request on its own database connection (the live server answers each in its own
thread). What each race leaves must be one consistent state, held by the database's constraints
and conditional updates, not by checks in Python.

Each test prints a RELIABILITY line (run with `-s`) for docs/RELIABILITY.md.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
from django.db.models import Q
from django.urls import reverse
from rest_framework.authtoken.models import Token

from profiles.models import ConnectionRequest, Contact, ExecutiveProfile, Visibility
from profiles.network_models import RequestStatus
from tests.databases import postgresql_only
from tests.factories import ConnectionRequestFactory, ExecutiveProfileFactory
from tests.profiles.test_concurrency import TIMEOUT, report, simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only(
        "SQLite runs one writer at a time, so it can't show a race; "
        "make test runs these on PostgreSQL",
    ),
]

ROUNDS = 10
REQUESTS_URL = reverse("api-v1:me-connection-request-list")
ASK = {"relationship": "colleague", "closeness": 2}

Send = Callable[..., requests.Response]


@pytest.fixture
def as_person(live_server) -> Callable[[ExecutiveProfile], Send]:
    """A client of its own for each person: `as_person(profile)("POST", path, body)`."""

    def client(profile: ExecutiveProfile) -> Send:
        token, _created = Token.objects.get_or_create(user=profile.user)

        def send(method: str, path: str, body: dict | None = None) -> requests.Response:
            return requests.request(
                method,
                live_server.url + path,
                json=body,
                headers={"Authorization": f"Token {token.key}"},
                timeout=TIMEOUT,
            )

        return send

    return client


def pair() -> tuple[ExecutiveProfile, ExecutiveProfile]:
    return (
        ExecutiveProfileFactory(visibility=Visibility.PUBLIC),
        ExecutiveProfileFactory(visibility=Visibility.PUBLIC),
    )


def contacts_between(first: ExecutiveProfile, second: ExecutiveProfile) -> int:
    return Contact.objects.filter(
        Q(owner=first, other=second) | Q(owner=second, other=first)
    ).count()


def ask(send: Send, recipient: ExecutiveProfile) -> Callable[[], requests.Response]:
    return lambda: send("POST", REQUESTS_URL, {"recipient": recipient.pk, **ASK})


def action(send: Send, name: str, request: ConnectionRequest) -> Callable[[], requests.Response]:
    url = reverse(f"api-v1:me-connection-request-{name}", kwargs={"pk": request.pk})
    return lambda: send("POST", url)


def test_two_people_asking_each_other_at_once_end_connected_once(as_person):
    connected_once = 0
    for _ in range(ROUNDS):
        first, second = pair()

        responses = simultaneously(ask(as_person(first), second), ask(as_person(second), first))

        # One ask was written; the other met the one-pending-per-pair constraint and accepted it.
        assert sorted(response.status_code for response in responses) == [200, 201]
        between = ConnectionRequest.objects.filter(
            Q(sender=first, recipient=second) | Q(sender=second, recipient=first)
        )
        assert [request.status for request in between] == [RequestStatus.ACCEPTED]
        assert contacts_between(first, second) == 2
        connected_once += 1
    report("two people asking each other at once", rounds=ROUNDS, connected_once=connected_once)


def test_accepting_twice_at_once_leaves_one_connection(as_person):
    for _ in range(ROUNDS):
        sender, recipient = pair()
        request = ConnectionRequestFactory(sender=sender, recipient=recipient)
        accept = action(as_person(recipient), "accept", request)

        responses = simultaneously(accept, accept)

        assert [response.status_code for response in responses] == [200, 200]
        assert {response.json()["status"] for response in responses} == {"accepted"}
        assert contacts_between(sender, recipient) == 2
    report("the same request accepted twice at once", rounds=ROUNDS, duplicates=0)


@pytest.mark.parametrize(
    ("loser", "by_sender"),
    [("decline", False), ("withdraw", True)],
    ids=["accept against decline", "accept against withdraw"],
)
def test_an_accept_racing_another_answer_leaves_one_state(as_person, loser, by_sender):
    outcomes = {"accepted": 0, loser: 0}
    for _ in range(ROUNDS):
        sender, recipient = pair()
        request = ConnectionRequestFactory(sender=sender, recipient=recipient)
        other = action(as_person(sender if by_sender else recipient), loser, request)

        accepted, answered = simultaneously(action(as_person(recipient), "accept", request), other)

        # Exactly one answer took the request; the other was told it is no longer open.
        assert sorted([accepted.status_code, answered.status_code]) == [200, 400]
        request.refresh_from_db()
        connected = contacts_between(sender, recipient)
        if accepted.status_code == 200:
            assert (request.status, connected) == (RequestStatus.ACCEPTED, 2)
            outcomes["accepted"] += 1
        else:
            assert (request.status, connected) == (answered.json()["status"], 0)
            outcomes[loser] += 1
    report(f"accept against {loser} at once", rounds=ROUNDS, **outcomes)
    assert sum(outcomes.values()) == ROUNDS
