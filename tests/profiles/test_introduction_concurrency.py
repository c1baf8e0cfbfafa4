"""Introductions under real concurrency: simultaneous API clients, each request on its own database
connection (the live server answers each in its own thread), on PostgreSQL.

Each round starts its clients together at a barrier. Two answers at once must leave exactly one
state and one recorded change (the conditional update from the status and version read); two
asks at once must keep one open request per person to meet and ten per requester.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.urls import reverse
from rest_framework.authtoken.models import Token

from profiles.introduction_rules import MAX_OPEN_PER_REQUESTER
from profiles.models import ExecutiveProfile, Introduction, IntroductionEvent, Visibility
from profiles.network_models import IntroductionStatus
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory, IntroductionFactory, connect

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only(
        "SQLite runs one writer at a time, so it can't show a race; "
        "make test runs these on PostgreSQL",
    ),
]

TIMEOUT = 20  # seconds for one request: a deadlock fails the test instead of hanging it
ROUNDS = 10
Status = IntroductionStatus
LIST = reverse("api-v1:me-introduction-list")


def report(what: str, **figures: int) -> None:
    print(f"RELIABILITY {what}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def simultaneously(*calls: Callable[[], requests.Response]) -> list[requests.Response]:
    """Run `calls` in threads of their own, released together."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], requests.Response]) -> requests.Response:
        barrier.wait(timeout=TIMEOUT)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def people() -> dict[str, ExecutiveProfile]:
    cast = {
        role: ExecutiveProfileFactory(visibility=Visibility.PUBLIC)
        for role in ("requester", "intermediary", "target")
    }
    connect(cast["requester"], cast["intermediary"])
    connect(cast["intermediary"], cast["target"])
    return cast


@pytest.fixture
def post(live_server, people) -> Callable[..., Callable[[], requests.Response]]:
    """A POST as one of the people, from a client of its own, ready to be sent."""
    tokens = {role: Token.objects.create(user=profile.user).key for role, profile in people.items()}

    def prepared(role: str, path: str, body: dict | None = None):
        return lambda: requests.post(
            live_server.url + path,
            json=body or {},
            headers={"Authorization": f"Token {tokens[role]}"},
            timeout=TIMEOUT,
        )

    return prepared


def with_target(people) -> Introduction:
    """An introduction passed on to the target (who sees it only once it was passed on)."""
    introduction = IntroductionFactory(
        requester=people["requester"],
        intermediary=people["intermediary"],
        target=people["target"],
        status=Status.WITH_TARGET,
    )
    IntroductionEvent.objects.create(
        introduction=introduction, actor=people["intermediary"], status=Status.WITH_TARGET
    )
    return introduction


def action(name: str, introduction: Introduction) -> str:
    return reverse(f"api-v1:me-introduction-{name}", kwargs={"pk": introduction.pk})


def recorded(introduction: Introduction) -> list[str]:
    """The changes the clients made (not the passing on that set the round up)."""
    events = IntroductionEvent.objects.filter(introduction=introduction).order_by("at", "id")
    return list(events.values_list("status", flat=True))[1:]


def test_accepting_twice_at_once_accepts_once(people, post):
    doubled = 0
    for _ in range(ROUNDS):
        introduction = with_target(people)
        accept = action("accept", introduction)

        responses = simultaneously(
            *(post("target", accept, {"reply_in_app": True}) for _ in range(2))
        )

        assert sorted(r.status_code for r in responses) == [200, 400]
        assert recorded(introduction) == [Status.ACCEPTED]
        doubled += len(recorded(introduction)) - 1
    report("an introduction accepted twice at once", rounds=ROUNDS, accepted_twice=doubled)


def test_accept_and_decline_at_once_leave_the_one_that_won(people, post):
    winners: list[str] = []
    for _ in range(ROUNDS):
        introduction = with_target(people)

        accepted, declined = simultaneously(
            post("target", action("accept", introduction), {"reply_in_app": True}),
            post("target", action("decline", introduction)),
        )

        assert sorted([accepted.status_code, declined.status_code]) == [200, 400]
        winner = Status.ACCEPTED if accepted.status_code == 200 else Status.DECLINED
        introduction.refresh_from_db()
        assert (introduction.status, introduction.version) == (winner, 2)
        assert recorded(introduction) == [winner]
        winners.append(winner)
    report(
        "accept and decline at once",
        rounds=ROUNDS,
        accepted=winners.count(Status.ACCEPTED),
        declined=winners.count(Status.DECLINED),
        both=0,
    )


def test_withdrawing_while_the_target_accepts_leaves_one_state(people, post):
    for _ in range(ROUNDS):
        introduction = with_target(people)

        accepted, withdrawn = simultaneously(
            post("target", action("accept", introduction), {"reply_in_app": True}),
            post("requester", action("withdraw", introduction)),
        )

        codes = [accepted.status_code, withdrawn.status_code]
        assert sorted(codes) == [200, 400]
        introduction.refresh_from_db()
        won = Status.ACCEPTED if accepted.status_code == 200 else Status.WITHDRAWN
        assert introduction.status == won
        assert recorded(introduction) == [won]


def test_passing_it_on_twice_at_once_passes_it_once(people, post):
    for _ in range(ROUNDS):
        introduction = IntroductionFactory(
            requester=people["requester"],
            intermediary=people["intermediary"],
            target=people["target"],
        )

        responses = simultaneously(
            *(post("intermediary", action("pass-on", introduction)) for _ in range(3))
        )

        assert sorted(r.status_code for r in responses) == [200, 400, 400]
        events = IntroductionEvent.objects.filter(introduction=introduction)
        assert list(events.values_list("status", flat=True)) == [Status.WITH_TARGET]
        Introduction.objects.filter(pk=introduction.pk).update(status=Status.WITHDRAWN)


def test_asking_twice_at_once_leaves_one_open_request(people, post):
    body = {
        "target": people["target"].pk,
        "via": people["intermediary"].pk,
        "purpose": "peer_networking",
        "message": "Tea next week?",
    }
    for _ in range(ROUNDS):
        responses = simultaneously(*(post("requester", LIST, body) for _ in range(3)))

        assert sorted(r.status_code for r in responses) == [201, 400, 400]
        assert all("target" in r.json() for r in responses if r.status_code == 400)
        assert Introduction.objects.filter(status=Status.WITH_INTERMEDIARY).count() == 1
        Introduction.objects.update(status=Status.WITHDRAWN)
    report("the same request asked three times at once", rounds=ROUNDS, open_left=1)


def test_the_limit_of_open_requests_holds_when_they_are_asked_at_once(people, post):
    intermediary = people["intermediary"]
    targets = [ExecutiveProfileFactory(visibility=Visibility.PUBLIC) for _ in range(12)]
    for target in targets:
        connect(intermediary, target)
    bodies = [
        {"target": t.pk, "via": intermediary.pk, "purpose": "recruiting", "message": "Hello"}
        for t in targets
    ]

    responses = simultaneously(*(post("requester", LIST, body) for body in bodies))

    codes = sorted(r.status_code for r in responses)
    assert codes == [201] * MAX_OPEN_PER_REQUESTER + [400] * 2
    assert Introduction.objects.count() == MAX_OPEN_PER_REQUESTER
    report("twelve requests asked at once", limit=MAX_OPEN_PER_REQUESTER, open=codes.count(201))
