"""Writes to the evidence table, one change at a time.

An outreach's outcome is recorded (or changed, or set to "no reply" by the daily sweep) in the
outreach log's own transaction, and these functions move the sums in that same transaction: an
UPDATE … SET replied = replied + 1 on the one row of the channel and kind of target (a new row
made once, when it is the first outcome there). The row's published sums, which advice and
recruiters read, catch up with it once `PUBLISH_AFTER` outcomes changed since they last did
(`outreach.models`). Nothing here reads the logs; rebuilding the table from them is for repair
only (`replace_observed_outcomes`), and publishes at once. Each change starts a new evidence
version once committed, so every process reads the new sums at its next advice
(`outreach.selectors.observed_evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveIntegerField, Q, Value, When
from django.db.models.functions import Greatest, Now

from core.cache import new_data_version
from outreach.models import PUBLISH_AFTER, ObservedOutcome, published
from outreach.vocabulary import Outcome

EVIDENCE_VERSION = "evidence-version"

# (channel, company type, seniority): the row an outcome is counted in.
Cell = tuple[str, str, str]


def _new_version() -> None:
    new_data_version(EVIDENCE_VERSION)


def add_outcomes(*, changes: Mapping[Cell, Mapping[str, int]]) -> None:
    """Add to (or, with negative numbers, take from) each cell's counters, e.g.
    `{("weibo", "chinese_private", "c_level"): {"replied": 1}}`: one UPDATE per cell, which also
    publishes the sums where due, and an INSERT for a cell seen the first time. A counter never
    goes below 0."""
    for (channel, company_type, seniority), counts in changes.items():
        counts = {Outcome(outcome).value: delta for outcome, delta in counts.items() if delta}
        if not counts:
            continue
        key = {"channel": channel, "company_type": company_type, "seniority": seniority}
        if not ObservedOutcome.objects.filter(**key).update(**_moves(counts), updated_at=Now()):
            _insert_or_update(key, counts)
    transaction.on_commit(_new_version)


def _changes(counts: Mapping[str, int]) -> int:
    """How many outcomes `counts` changes: one that went from one value to another is one."""
    return max(sum(max(d, 0) for d in counts.values()), -sum(min(d, 0) for d in counts.values()))


def _moves(counts: Mapping[str, int]) -> dict:
    """The UPDATE's new values: each live sum moved, and the published sums set to the live
    ones when this change makes `PUBLISH_AFTER` changes since they last were."""
    changed = _changes(counts)
    live = {outcome: F(outcome) for outcome in Outcome.values}
    for outcome, delta in counts.items():
        live[outcome] = Greatest(F(outcome) + delta, 0) if delta < 0 else F(outcome) + delta
    due = Q(unpublished_changes__gte=PUBLISH_AFTER - changed)
    count = PositiveIntegerField()
    return {
        **{outcome: live[outcome] for outcome in counts},
        **{
            published(outcome): Case(
                When(due, then=now), default=F(published(outcome)), output_field=count
            )
            for outcome, now in live.items()
        },
        "unpublished_changes": Case(
            When(due, then=Value(0)),
            default=F("unpublished_changes") + changed,
            output_field=count,
        ),
    }


def _insert_or_update(key: dict, counts: Mapping[str, int]) -> None:
    """The cell's first outcomes: its row, unless another outcome made it at this very moment."""
    first = {outcome: max(delta, 0) for outcome, delta in counts.items()}
    changed = _changes(counts)
    shown = first if changed >= PUBLISH_AFTER else {}
    row = ObservedOutcome(
        **key,
        **first,
        **{published(outcome): number for outcome, number in shown.items()},
        unpublished_changes=0 if shown else changed,
    )
    row.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        ObservedOutcome.objects.filter(**key).update(**_moves(counts), updated_at=Now())


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
        ObservedOutcome(
            channel=channel,
            company_type=company_type,
            seniority=seniority,
            **row,
            **{published(outcome): number for outcome, number in row.items()},
        )
        for (channel, company_type, seniority), row in cells.items()
    )
    transaction.on_commit(_new_version)
    return len(cells)
