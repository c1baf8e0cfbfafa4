"""Outcomes recorded at the same moment, as real concurrent clients over HTTP on PostgreSQL: the
evidence counts each once, and agrees with the logs. A lost increment would show as a sum
short of the logs; a double one as a sum over them.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from outreach.models import ObservedOutcome
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory
from tests.profiles.test_concurrency import report, simultaneously
from tests.workspace.test_concurrency import as_user  # noqa: F401 (a fixture)
from workspace import services
from workspace.models import OutreachLog, Role
from workspace.outreach_log import log_outreach, mark_unanswered

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only(
        "SQLite runs one writer at a time; run with bin/with-postgres",
    ),
]

ROUNDS = 10


def counted() -> dict[str, int]:
    rows = ObservedOutcome.objects.all()
    return {
        outcome: sum(getattr(row, outcome) for row in rows)
        for outcome in ("replied", "declined", "no_reply")
    }


def in_logs() -> dict[str, int]:
    return {
        outcome: OutreachLog.objects.filter(outcome=outcome).count()
        for outcome in ("replied", "declined", "no_reply")
    }


@pytest.fixture
def entries(recruiter, colleague):
    """Two candidates in the recruiter's project, shared with the colleague (can edit)."""
    project = services.create_project(owner=recruiter, name="CFO, Suzhou")
    services.share_project(project=project, by=recruiter, username="colleague", role=Role.CAN_EDIT)
    return [
        services.add_candidate(
            project=project, by=recruiter, profile_id=ExecutiveProfileFactory().pk
        )
        for _ in range(2)
    ]


def test_two_recruiters_first_outcomes_in_one_cell_at_once_are_both_counted(
    as_user,  # noqa: F811
    entries,
    recruiter,
    colleague,
):
    mine, theirs = as_user(recruiter), as_user(colleague)
    for round_number in range(ROUNDS):
        ObservedOutcome.objects.all().delete()  # each round makes the cell's row anew
        logs = [
            log_outreach(
                project_candidate=entry, by=user, channel="email", sent_on=datetime.date(2026, 1, 5)
            )
            for entry, user in zip(entries, (recruiter, colleague), strict=True)
        ]
        outcome = ("replied", "declined")[round_number % 2]

        responses = simultaneously(
            *(
                lambda send=send, log=log, outcome=outcome: send(
                    "PATCH",
                    reverse("api-v1:outreach-log-detail", args=[log.pk]),
                    {"outcome": outcome},
                )
                for send, log in zip((mine, theirs), logs, strict=True)
            )
        )

        assert [response.status_code for response in responses] == [200, 200]
        assert counted()[outcome] == 2
    report("first outcomes of one cell at once", tried=2 * ROUNDS, lost=0)


def test_one_outcome_changed_twice_at_once_is_counted_once(as_user, entries, recruiter):  # noqa: F811
    send = as_user(recruiter)
    log = log_outreach(
        project_candidate=entries[0],
        by=recruiter,
        channel="email",
        sent_on=datetime.date(2026, 1, 5),
    )
    url = reverse("api-v1:outreach-log-detail", args=[log.pk])
    for _round in range(ROUNDS):
        simultaneously(
            lambda: send("PATCH", url, {"outcome": "replied"}),
            lambda: send("PATCH", url, {"outcome": "declined"}),
        )

        assert counted() == in_logs()
        assert sum(counted().values()) == 1
    report("one outcome changed twice at once", tried=2 * ROUNDS, miscounted=0)


def test_the_sweep_and_a_recruiter_at_once_agree_with_the_logs(as_user, entries, recruiter):  # noqa: F811
    send = as_user(recruiter)
    old = datetime.date(2026, 1, 5)
    for _round in range(ROUNDS):
        OutreachLog.objects.all().delete()
        ObservedOutcome.objects.all().delete()
        logs = [
            log_outreach(project_candidate=entries[0], by=recruiter, channel="email", sent_on=old)
            for _ in range(20)
        ]
        url = reverse("api-v1:outreach-log-detail", args=[logs[7].pk])

        def sweep() -> None:
            try:
                mark_unanswered(today=datetime.date(2026, 3, 1), batch=5)
            finally:
                connection.close()  # this thread's own connection

        simultaneously(lambda url=url: send("PATCH", url, {"outcome": "replied"}), sweep)

        assert counted() == in_logs()
        assert sum(counted().values()) >= 19
    report("the sweep beside a recruiter", tried=2 * ROUNDS, miscounted=0)
