"""Reads of the evidence table, for advice and for the people who may see it whole.

Advice reads the whole table once per evidence version (`observed_evidence`): a few hundred rows
at most (channels by company types by seniorities), kept by each process as plain data, so
scoring a page of candidates costs one lookup in the shared cache for the version and nothing
else. A new outcome starts a new version when it commits (`outreach.services`).
"""

from __future__ import annotations

from django.db.models import F, QuerySet

from core.cache import held_by_process
from outreach.evidence import Evidence, OutcomeRow
from outreach.models import ObservedOutcome, published
from outreach.services import EVIDENCE_VERSION
from outreach.vocabulary import Outcome


def outcome_rows(*, live: bool = False) -> QuerySet:
    """(channel, company type, seniority, outreaches with a known outcome, replies), per row:
    the published sums, or with `live` (for admins) the sums as they are now."""
    column = (lambda outcome: outcome) if live else published
    known = sum((F(column(outcome)) for outcome in Outcome.values[1:]), F(column("replied")))
    return (
        ObservedOutcome.objects.order_by()
        .annotate(outreaches=known, replies=F(column("replied")))
        .filter(outreaches__gt=0)
        .values_list("channel", "company_type", "seniority", "outreaches", "replies")
    )


def read_evidence(*, live: bool = False) -> Evidence:
    rows: list[OutcomeRow] = list(outcome_rows(live=live))
    return Evidence(rows)


def observed_evidence() -> Evidence:
    """Every observed rate, as the recommender takes them; built once per evidence version and
    process."""
    return held_by_process("observed-evidence", read_evidence, version_key=EVIDENCE_VERSION)
