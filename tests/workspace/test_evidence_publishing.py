"""When the evidence advice reads catches up with the outcomes recruiters record: once outcomes
of five different recruiters changed since it last did, so that reading it before and after a
colleague's outcome never tells that one outcome apart."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from outreach.models import PUBLISH_AFTER_RECRUITERS
from outreach.selectors import read_evidence
from tests.factories import (
    ExecutiveProfileFactory,
    OutreachLogFactory,
    PlatformFactory,
    ProjectCandidateFactory,
)
from workspace.models import OutreachLog
from workspace.outreach_log import mark_unanswered, record_outcome

pytestmark = pytest.mark.django_db

CELL = ("weibo", "chinese_private", "c_level")


@pytest.fixture(autouse=True)
def weibo():
    return PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")


def outreach(**fields) -> OutreachLog:
    """A pending Weibo outreach to a C-level person at a Chinese private firm, logged by a
    recruiter of its own (each log's project has a new owner)."""
    profile = ExecutiveProfileFactory(company_type="chinese_private", seniority="c_level")
    entry = ProjectCandidateFactory(profile=profile)
    return OutreachLogFactory(project_candidate=entry, channel="weibo", **fields)


def answer(log: OutreachLog, outcome: str = "replied") -> None:
    record_outcome(log=log, by=log.logged_by, outcome=outcome)


def read() -> int | None:
    """How many outreaches in the cell advice reads (None before any are published)."""
    rates = read_evidence().rates
    found = [rate for rate in rates if (rate.channel, rate.company_type, rate.seniority) == CELL]
    return found[0].outreaches if found else None


def test_outcomes_are_read_once_five_recruiters_recorded_theirs():
    seen = []
    for log in [outreach() for _ in range(PUBLISH_AFTER_RECRUITERS)]:
        answer(log)
        seen.append(read())

    assert seen == [None, None, None, None, 5]


def test_one_recruiter_changing_their_outcomes_again_and_again_publishes_nothing():
    mine = [outreach() for _ in range(2)]
    OutreachLog.objects.filter(pk=mine[1].pk).update(logged_by=mine[0].logged_by)

    for outcome in ["replied", "declined", "no_reply"] * 3:
        for log in OutreachLog.objects.filter(pk__in=[log.pk for log in mine]):
            answer(log, outcome)

    assert read() is None


def test_a_colleagues_one_outcome_moves_what_is_read_only_with_four_other_recruiters():
    """Publish, let a colleague record one outcome, then change one's own until the sums move:
    they move only once three more recruiters' outcomes are in them too."""
    mine = outreach()
    for log in [mine, *(outreach() for _ in range(PUBLISH_AFTER_RECRUITERS - 1))]:
        answer(log)
    assert read() == 5

    answer(outreach())  # the colleague's
    for outcome in ["declined", "replied"] * 4:
        answer(OutreachLog.objects.get(pk=mine.pk), outcome)
    assert read() == 5

    for log in [outreach() for _ in range(PUBLISH_AFTER_RECRUITERS - 2)]:
        answer(log)
    assert read() == 9


@pytest.mark.parametrize(("recruiters", "seen"), [(1, None), (PUBLISH_AFTER_RECRUITERS, 5)])
def test_the_sweeps_no_replies_count_their_recruiters(recruiters, seen):
    long_ago = timezone.localdate() - datetime.timedelta(days=20)
    logs = [outreach(sent_on=long_ago) for _ in range(PUBLISH_AFTER_RECRUITERS)]
    OutreachLog.objects.filter(pk__in=[log.pk for log in logs[recruiters - 1 :]]).update(
        logged_by=logs[recruiters - 1].logged_by
    )

    assert mark_unanswered() == PUBLISH_AFTER_RECRUITERS

    assert read() == seen
