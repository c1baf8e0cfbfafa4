"""The demo's fictional outreach history: deterministic, plausible, made afresh on each run, and
enough of it that the advice shows observed rates."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from outreach.models import ObservedOutcome
from outreach.selectors import read_evidence
from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory
from workspace.demo_outreach import DemoCandidate, outreaches_for, store_demo_history
from workspace.models import OutreachLog, Project

TODAY = datetime.date(2026, 5, 20)
CANDIDATES = [
    DemoCandidate(n, "chinese_private", "c_level", (("weibo", 70), ("email", 20), ("phone", 5)))
    for n in range(200)
]


def test_the_same_seed_gives_the_same_history():
    assert list(outreaches_for(CANDIDATES, today=TODAY)) == list(
        outreaches_for(CANDIDATES, today=TODAY)
    )


def test_only_recent_outreaches_may_be_pending_and_none_is_in_the_future():
    history = list(outreaches_for(CANDIDATES, today=TODAY))

    assert all(o.sent_on <= TODAY for o in history)
    assert all((TODAY - o.sent_on).days < 14 for o in history if o.outcome == "pending")


def test_a_channel_the_rules_rank_higher_is_answered_more_often():
    history = [o for o in outreaches_for(CANDIDATES, today=TODAY) if o.outcome != "pending"]

    def rate(channel: str) -> float:
        tried = [o for o in history if o.channel == channel]
        return sum(o.outcome == "replied" for o in tried) / len(tried)

    assert rate("weibo") > rate("email")


@pytest.mark.django_db
def test_the_demo_makes_fictional_recruiters_and_evidence_and_replaces_them(settings):
    settings.DEBUG = True
    weibo = PlatformFactory(slug="weibo", name_en="Weibo", kind="microblog")
    for _ in range(30):
        person = ExecutiveProfileFactory(user=None, is_fictional=True, visibility=Visibility.PUBLIC)
        MembershipFactory(profile=person, platform=weibo, open_to_inquiries=True)

    call_command("setup_workspace_demo")
    first = OutreachLog.objects.count()
    call_command("setup_workspace_demo")

    assert OutreachLog.objects.count() == first > 0
    assert Project.objects.filter(owner__username__startswith="fictional-recruiter-").count() == 8
    assert not any(p.owner.has_usable_password() for p in Project.objects.select_related("owner"))
    shown = [rate for rate in read_evidence().rates if rate.shown]
    assert shown
    assert all((r.company_type, r.seniority) == ("chinese_private", "c_level") for r in shown)


@pytest.mark.django_db
def test_the_evidence_is_summed_from_the_logs():
    weibo = PlatformFactory(slug="weibo", name_en="Weibo", kind="microblog")
    person = ExecutiveProfileFactory(user=None, is_fictional=True)
    MembershipFactory(profile=person, platform=weibo)

    made = store_demo_history(today=TODAY, recruiters=2)

    known = OutreachLog.objects.exclude(outcome="pending").count()
    assert made == OutreachLog.objects.count()
    assert sum(row.outreaches for row in ObservedOutcome.objects.all()) == known
