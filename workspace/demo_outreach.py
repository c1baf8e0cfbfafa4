"""Fictional outreach history for the demo (`make run`) and the benchmark: who was contacted
through which channel, when, and what came of it, so the advice has evidence to show.

`outreaches_for` is pure: the same seed and candidates give the same history. Recruiters try a
candidate's best channels as the rules rank them (the first always, the next two less often);
a reply comes with a chance that follows the channel's rule score, nudged per channel and kind
of target so the evidence sometimes disagrees with the rules a little. It is an invented world
in which the rules are roughly right: it states no fact about any platform. Outreaches sent in
the last 14 days may still be pending; older ones have an outcome.

`store_demo_history` makes the demo's fictional recruiters (no password, never a login), a
project each holding the chosen candidates, and their outreaches, then sums the evidence from
the logs (`workspace.outreach_log.rebuild_evidence`). Run again, it replaces what it made.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from outreach.catalog import load_catalog
from outreach.evidence import NO_EVIDENCE
from outreach.inputs import Sender
from outreach.recommender import recommend
from outreach.vocabulary import Outcome, Purpose
from profiles.access import SEEN_BY_RECRUITERS
from profiles.advice import target_from_profile
from profiles.models import ExecutiveProfile
from profiles.selectors import candidate_rows
from profiles.services import recruiters_group
from workspace.models import OutreachLog, Project, ProjectCandidate, ProjectMember, Role
from workspace.outreach_log import NO_REPLY_AFTER_DAYS, rebuild_evidence

DEMO_SEED = 2026
DEMO_RECRUITERS = 8
CANDIDATES_PER_KIND = 30
KINDS_OF_TARGET = 4
# The chance of trying a candidate's first, second and third best channel.
TRIED = (1.0, 0.6, 0.35)
DAYS_BACK = 120
PROJECT_NAME = "Fictional outreach history (demo data)"
PROJECT_DESCRIPTION = "Generated for the demo: these people and outreaches never existed."


@dataclass(frozen=True)
class DemoCandidate:
    """A candidate as the generator needs them: their kind and their best channels, scored."""

    profile_id: int
    company_type: str
    seniority: str
    channels: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class DemoOutreach:
    profile_id: int
    channel: str
    sent_on: datetime.date
    outcome: str
    company_type: str
    seniority: str


def reply_chance(score: int, nudge: float) -> float:
    """From 5% for a channel the rules barely advise to about 50% for their best, nudged."""
    return min(0.9, max(0.02, 0.05 + 0.45 * score / 100 + nudge))


def _nudge(seed: int, channel: str, company_type: str, seniority: str) -> float:
    return random.Random(f"{seed}:{channel}:{company_type}:{seniority}").uniform(-0.08, 0.08)


def outreaches_for(
    candidates: Iterable[DemoCandidate], *, today: datetime.date, seed: int = DEMO_SEED
) -> Iterator[DemoOutreach]:
    """One recruiter's outreaches to `candidates`, each on some of their best channels."""
    rng = random.Random(seed)
    for candidate in candidates:
        for (channel, score), chance in zip(candidate.channels, TRIED, strict=False):
            if rng.random() >= chance:
                continue
            sent_on = today - datetime.timedelta(days=rng.randrange(DAYS_BACK))
            if (today - sent_on).days < NO_REPLY_AFTER_DAYS and rng.random() < 0.5:
                outcome = "pending"
            elif rng.random() < reply_chance(
                score, _nudge(seed, channel, candidate.company_type, candidate.seniority)
            ):
                outcome = Outcome.REPLIED
            else:
                outcome = Outcome.DECLINED if rng.random() < 0.3 else Outcome.NO_REPLY
            yield DemoOutreach(
                candidate.profile_id,
                channel,
                sent_on,
                str(outcome),
                candidate.company_type,
                candidate.seniority,
            )


def demo_candidates(profiles: Iterable[ExecutiveProfile]) -> list[DemoCandidate]:
    """The profiles with their three best channels for a recruiter who reads Chinese."""
    catalog, sender = load_catalog(), Sender(reads_chinese=True)
    chosen = []
    for row in candidate_rows(profiles):
        advice = recommend(
            catalog,
            purpose=Purpose.RECRUITING,
            target=target_from_profile(row),
            sender=sender,
            evidence=NO_EVIDENCE,
        )
        best = tuple((channel.channel, channel.score) for channel in advice.top(len(TRIED)))
        chosen.append(DemoCandidate(row.id, row.company_type, row.seniority, best))
    return chosen


def _kinds_of_target() -> list[tuple[str, str]]:
    """C-level at Chinese private firms (the issue's example), then the commonest kinds."""
    shared = ExecutiveProfile.objects.filter(is_fictional=True, visibility__in=SEEN_BY_RECRUITERS)
    counted = Counter(shared.values_list("company_type", "seniority"))
    kinds = [("chinese_private", "c_level")]
    kinds += [kind for kind, _n in counted.most_common() if kind not in kinds]
    return kinds[:KINDS_OF_TARGET]


def _recruiter(number: int) -> User:
    user, _created = User.objects.get_or_create(
        username=f"fictional-recruiter-{number}",
        defaults={
            "first_name": "Fictional",
            "last_name": f"Recruiter {number}",
            "email": f"fictional-recruiter-{number}@networkdir.example",
        },
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(recruiters_group())
    return user


@transaction.atomic
def store_demo_history(*, today: datetime.date, recruiters: int = DEMO_RECRUITERS) -> int:
    """The demo's outreach history, made afresh; returns the number of outreaches."""
    shared = ExecutiveProfile.objects.filter(is_fictional=True, visibility__in=SEEN_BY_RECRUITERS)
    candidates = []
    for company_type, seniority in _kinds_of_target():
        kind = shared.filter(company_type=company_type, seniority=seniority).order_by("id")
        candidates += demo_candidates(kind[:CANDIDATES_PER_KIND])
    made = 0
    for number in range(1, recruiters + 1):
        user = _recruiter(number)
        Project.objects.filter(owner=user).delete()
        project = Project.objects.create(
            owner=user, name=PROJECT_NAME, description=PROJECT_DESCRIPTION
        )
        ProjectMember.objects.create(project=project, user=user, role=Role.CAN_EDIT)
        entries = ProjectCandidate.objects.bulk_create(
            ProjectCandidate(project=project, profile_id=c.profile_id, added_by=user)
            for c in candidates
        )
        entry_of = {entry.profile_id: entry for entry in entries}
        logs = [
            OutreachLog(
                project_candidate=entry_of[o.profile_id],
                logged_by=user,
                channel=o.channel,
                sent_on=o.sent_on,
                outcome=o.outcome,
                company_type=o.company_type,
                seniority=o.seniority,
            )
            for o in outreaches_for(candidates, today=today, seed=DEMO_SEED + number)
        ]
        OutreachLog.objects.bulk_create(logs)
        made += len(logs)
    rebuild_evidence()
    return made
