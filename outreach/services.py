"""Writes to the evidence table, one change at a time.

An outreach's outcome is recorded (or changed, or set to "no reply" by the daily sweep) in the
outreach log's own transaction, and these functions move the sums in that same transaction: an
UPDATE … SET replied = replied + 1 on the one row of the channel and kind of target (a new row
made once, when it is the first outcome there). Nothing here reads the logs; rebuilding the
table from them is for repair only (`replace_observed_outcomes`). Each change starts a new
evidence version once committed, so every process reads the new sums at its next advice
(`outreach.selectors.observed_evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest, Now

from core.cache import new_data_version
from outreach.models import ObservedOutcome
from outreach.vocabulary import Outcome

EVIDENCE_VERSION = "evidence-version"

# (channel, company type, seniority): the row an outcome is counted in.
Cell = tuple[str, str, str]


def _new_version() -> None:
    new_data_version(EVIDENCE_VERSION)


def add_outcomes(*, changes: Mapping[Cell, Mapping[str, int]]) -> None:
    """Add to (or, with negative numbers, take from) each cell's counters, e.g.
    `{("weibo", "chinese_private", "c_level"): {"replied": 1}}`; one UPDATE per cell, an INSERT
    for a cell seen the first time. A counter never goes below 0."""
    for (channel, company_type, seniority), counts in changes.items():
        counts = {Outcome(outcome).value: delta for outcome, delta in counts.items() if delta}
        if not counts:
            continue
        key = {"channel": channel, "company_type": company_type, "seniority": seniority}
        moves = {
            outcome: Greatest(F(outcome) + delta, 0) if delta < 0 else F(outcome) + delta
            for outcome, delta in counts.items()
        }
        if ObservedOutcome.objects.filter(**key).update(**moves, updated_at=Now()):
            continue
        row = ObservedOutcome(**key, **{o: max(d, 0) for o, d in counts.items()})
        row.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():  # another outcome may make the row at this very moment
                row.save(force_insert=True)
        except IntegrityError:
            ObservedOutcome.objects.filter(**key).update(**moves, updated_at=Now())
    transaction.on_commit(_new_version)


def record_outcome_change(*, cell: Cell, before: str | None, after: str | None) -> None:
    """An outreach's outcome went from `before` to `after` (None, or a value that is not an
    `Outcome` such as "pending", counts nowhere). Call it inside the transaction that changes
    the log, so the sums and the logs never disagree."""
    counts: dict[str, int] = {}
    if before in Outcome.values:
        counts[before] = counts.get(before, 0) - 1
    if after in Outcome.values:
        counts[after] = counts.get(after, 0) + 1
    add_outcomes(changes={cell: counts})


@transaction.atomic
def replace_observed_outcomes(*, counts: Iterable[tuple[Cell, str, int]]) -> int:
    """Repair: the whole table replaced by `counts` ((cell, outcome, number) rows, as summed
    from every log by `rebuild_outreach_evidence`); returns the number of rows written."""
    cells: dict[Cell, dict[str, int]] = {}
    for cell, outcome, number in counts:
        if outcome in Outcome.values:
            cells.setdefault(cell, {})[outcome] = number
    ObservedOutcome.objects.all().delete()
    ObservedOutcome.objects.bulk_create(
        ObservedOutcome(channel=channel, company_type=company_type, seniority=seniority, **row)
        for (channel, company_type, seniority), row in cells.items()
    )
    transaction.on_commit(_new_version)
    return len(cells)
