"""The outreach log: whom a recruiter contacted in a project, through which channel, and what
came of it; and the sums of those outcomes that advice learns from.

A log is its recruiter's own: only they see it and its outcome (`logs_of`), and only while the
candidate's profile is visible to them and they are a member of the project. Everyone else sees
outcomes only summed in the evidence table, which every change here moves in its own
transaction (`outreach.services.record_outcome_change`, an UPDATE with F()) — never recounted
over the logs, except by `rebuild_evidence` for repair — and publishes once outcomes of five
recruiters changed since it last did (`recruiters_since_published`). A log's outcome is pending
until the recruiter records it, or until the daily sweep (`mark_unanswered`, the management
command `mark_unanswered_outreach`) sets "no reply" 14 days after it was sent.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outreach.catalog import load_catalog
from outreach.services import (
    add_outcomes,
    publish_due,
    record_outcome_change,
    replace_observed_outcomes,
)
from outreach.vocabulary import OTHER_CHANNEL_NAMES, OTHER_CHANNELS, PlatformName
from outreach.vocabulary import Outcome as KnownOutcome
from platforms.vocabulary import offered_name
from profiles.models import ExecutiveProfile
from workspace.models import Outcome, OutreachLog, Project, ProjectCandidate
from workspace.services import check_may_edit

# Earlier than any outcome recorded: where an evidence row never published counts from.
BEFORE_ANY_OUTCOME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# An outreach without an answer after this many days gets "no reply" by itself.
NO_REPLY_AFTER_DAYS = 14
SWEEP_BATCH = 1000

NOT_YOURS = _("Only the recruiter who logged an outreach records its outcome.")
UNKNOWN_OUTCOME = _("Choose one of: %(outcomes)s.")


def channel_choices() -> list[tuple[str, str | PlatformName]]:
    """Every channel the advisor knows, as the outreach form offers them: the warm introduction
    and the other ways first, then the platforms still operating as platforms are offered
    everywhere (by name, those whose status is unknown last and saying so)."""
    platforms = load_catalog().operating_platforms
    return [
        *((channel, OTHER_CHANNEL_NAMES[channel]) for channel in OTHER_CHANNELS),
        *((p.slug, offered_name(str(p.name), p.operating_state)) for p in platforms),
    ]


def channel_name(channel: str) -> str | PlatformName:
    """A channel's name in the active language (the id itself for one no longer known)."""
    if channel in OTHER_CHANNEL_NAMES:
        return OTHER_CHANNEL_NAMES[channel]
    for platform in load_catalog().platforms:
        if platform.slug == channel:
            return platform.name
    return channel


def _cell(log: OutreachLog) -> tuple[str, str, str]:
    return (log.channel, log.company_type, log.seniority)


# --- Reads -----------------------------------------------------------------------------------


def logs_of(user: User) -> QuerySet[OutreachLog]:
    """The outreaches `user` logged that they may still see: in a project they are a member of,
    to a candidate whose profile they may search. The one rule of who sees a log."""
    searchable = ExecutiveProfile.objects.candidates_for(user).filter(
        pk=OuterRef("project_candidate__profile")
    )
    return OutreachLog.objects.filter(
        Exists(searchable),
        logged_by=user,
        project_candidate__project__in=Project.objects.for_member(user),
    )


def logs_on(entry: ProjectCandidate, user: User) -> QuerySet[OutreachLog]:
    """`user`'s outreaches to one project candidate, newest first."""
    return OutreachLog.objects.filter(project_candidate=entry, logged_by=user).order_by(
        "-sent_on", "-id"
    )


def outreach_on(entry: ProjectCandidate, user: User) -> list[OutreachLog]:
    """`logs_on`, each with its channel's name (`channel_label`) for the page."""
    logs = list(logs_on(entry, user))
    for log in logs:
        log.channel_label = channel_name(log.channel)
    return logs


# --- Writes ----------------------------------------------------------------------------------


@transaction.atomic
def log_outreach(
    *, project_candidate: ProjectCandidate, by: User, channel: str, sent_on: datetime.date
) -> OutreachLog:
    """An outreach to a project candidate, pending until its outcome is known. The person's
    company type and seniority are kept as they are today: the evidence row its outcome counts
    in. Members who can only view may not log (PermissionDenied)."""
    check_may_edit(project_candidate.project, by)
    profile = project_candidate.profile
    log = OutreachLog(
        project_candidate=project_candidate,
        logged_by=by,
        channel=channel,
        sent_on=sent_on,
        company_type=profile.company_type,
        seniority=profile.seniority,
    )
    log.full_clean()
    log.save()
    return log


def check_outcome(value: object) -> str:
    """`value` if it is an outcome one may record (not "pending"); else a refusal naming
    `outcome`."""
    if value in KnownOutcome.values:
        return str(value)
    message = UNKNOWN_OUTCOME % {"outcomes": ", ".join(KnownOutcome.values)}
    raise ValidationError({"outcome": ValidationError(message, code="invalid_choice")})


@transaction.atomic
def record_outcome(*, log: OutreachLog, by: User, outcome: str) -> OutreachLog:
    """Replied, declined or no reply, for the first time or instead of the one recorded, with
    the evidence moved in the same transaction. The log is locked and read again first, so two
    changes at once (the recruiter and the sweep, or two tabs) are counted one after the other,
    each from the outcome the other left. The project may have been archived, or the recruiter's
    access narrowed to "can view", since: the outreach happened, so its outcome still counts.
    Returns the log as saved."""
    check_outcome(outcome)
    if log.logged_by_id != by.pk:
        raise PermissionDenied(NOT_YOURS)
    current = OutreachLog.objects.select_for_update().get(pk=log.pk)
    if current.outcome == outcome:
        return current
    before = current.outcome
    current.outcome, current.outcome_at = outcome, timezone.now()
    current.save(update_fields=["outcome", "outcome_at"])
    cell = _cell(current)
    record_outcome_change(cell=cell, before=before, after=outcome)
    publish_due(cells=[cell], recruiters_since=recruiters_since_published())
    return current


def mark_unanswered(*, today: datetime.date | None = None, batch: int = SWEEP_BATCH) -> int:
    """Every outreach still pending 14 days after it was sent gets "no reply", a batch at a time
    (each its own transaction, so the sweep never holds many rows for long); rows a recruiter is
    changing at that moment are skipped and left for the next sweep. Returns how many."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=NO_REPLY_AFTER_DAYS)
    marked = 0
    while True:
        with transaction.atomic():
            rows = list(
                OutreachLog.objects.select_for_update(skip_locked=True)
                .filter(outcome=Outcome.PENDING, sent_on__lte=cutoff)
                .order_by()
                .values_list("pk", "channel", "company_type", "seniority")[:batch]
            )
            if not rows:
                return marked
            OutreachLog.objects.filter(pk__in=[row[0] for row in rows]).update(
                outcome=Outcome.NO_REPLY, outcome_at=timezone.now()
            )
            cells = Counter(row[1:] for row in rows)
            add_outcomes(changes={cell: {Outcome.NO_REPLY: n} for cell, n in cells.items()})
            publish_due(cells=cells, recruiters_since=recruiters_since_published())
        marked += len(rows)


def recruiters_since_published() -> Subquery:
    """How many different recruiters changed an outcome counted in an evidence row (the row
    being published, `OuterRef`) since it was last published, or ever before its first: what
    `outreach.services.publish_due` waits for, read from the logs' `outcome_at` through the
    index of their cells (`outreach_cell_changes`)."""
    since = Coalesce(OuterRef("published_at"), Value(BEFORE_ANY_OUTCOME))
    changed = OutreachLog.objects.filter(
        channel=OuterRef("channel"),
        company_type=OuterRef("company_type"),
        seniority=OuterRef("seniority"),
        outcome_at__gt=since,
    )
    recruiters = changed.order_by().values("channel").annotate(n=Count("logged_by", distinct=True))
    return Subquery(recruiters.values("n")[:1])


def rebuild_evidence() -> int:
    """Repair: the evidence table summed again from every log (one GROUP BY); returns the
    number of rows. The incremental updates make this unnecessary in normal running."""
    counted = (
        OutreachLog.objects.exclude(outcome=Outcome.PENDING)
        .order_by()
        .values_list("channel", "company_type", "seniority", "outcome")
        .annotate(number=Count("id"))
    )
    return replace_observed_outcomes(
        counts=(
            ((channel, company_type, seniority), outcome, number)
            for channel, company_type, seniority, outcome, number in counted
        )
    )
