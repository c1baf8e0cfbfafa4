"""Writes to the evidence table, one change at a time.

An outreach's outcome is recorded (or changed, or set to "no reply" by the daily sweep) in the
outreach log's own transaction, and these functions move the sums in that same transaction: an
UPDATE … SET replied = replied + 1 on the one row of the channel and kind of target (a new row
made once, when it is the first outcome there). The row's published sums, which advice and
recruiters read, catch up with it in a second UPDATE once outcomes of `PUBLISH_AFTER_RECRUITERS`
recruiters changed since they last did (`publish_due`, told by the logs' app how to count them).
Nothing here reads the logs; rebuilding the table from them is for repair only
(`replace_observed_outcomes`), and publishes at once. Each change starts a new evidence
version once committed, so every process reads the new sums at its next advice
(`outreach.selectors.observed_evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import reduce
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.expressions import Expression
from django.db.models.functions import Greatest, Now
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from core.cache import new_data_version
from outreach.models import PUBLISH_AFTER_RECRUITERS, ObservedOutcome, published
from outreach.vocabulary import Outcome

EVIDENCE_VERSION = "evidence-version"

# (channel, company type, seniority): the row an outcome is counted in.
Cell = tuple[str, str, str]


def _new_version() -> None:
    new_data_version(EVIDENCE_VERSION)


def add_outcomes(*, changes: Mapping[Cell, Mapping[str, int]]) -> None:
    """Add to (or, with negative numbers, take from) each cell's live counters, e.g.
    `{("weibo", "chinese_private", "c_level"): {"replied": 1}}`: one UPDATE per cell, and an
    INSERT for a cell seen the first time. A counter never goes below 0. What is read of them
    moves only with `publish_due`."""
    for cell, counts in changes.items():
        counts = {Outcome(outcome).value: delta for outcome, delta in counts.items() if delta}
        if not counts:
            continue
        key = _key(cell)
        if not ObservedOutcome.objects.filter(**key).update(**_moves(counts), updated_at=Now()):
            _insert_or_update(key, counts)
    transaction.on_commit(_new_version)


def _key(cell: Cell) -> dict[str, str]:
    channel, company_type, seniority = cell
    return {"channel": channel, "company_type": company_type, "seniority": seniority}


def _moves(counts: Mapping[str, int]) -> dict:
    """The UPDATE's new values: each live sum moved, never below 0."""
    return {
        outcome: Greatest(F(outcome) + delta, 0) if delta < 0 else F(outcome) + delta
        for outcome, delta in counts.items()
    }


def _insert_or_update(key: dict, counts: Mapping[str, int]) -> None:
    """The cell's first outcomes: its row, unless another outcome made it at this very moment."""
    row = ObservedOutcome(**key, **{outcome: max(delta, 0) for outcome, delta in counts.items()})
    row.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        ObservedOutcome.objects.filter(**key).update(**_moves(counts), updated_at=Now())


def publish_due(*, cells: Iterable[Cell], recruiters_since: Expression) -> int:
    """The live sums of each of `cells` published where outcomes of at least
    `PUBLISH_AFTER_RECRUITERS` recruiters changed since the row's `published_at` (ever, before
    its first): one UPDATE, in the transaction that moved them; returns the rows published.

    `recruiters_since` counts those recruiters for the row being updated (`OuterRef`): the
    logs belong to the app above, which says how to read them. Two changes at once wait on
    the row's lock, and the later one may not yet count the earlier's recruiter: publishing
    then waits for the next change, never comes early.
    """
    in_cells = [Q(**_key(cell)) for cell in cells]
    if not in_cells:
        return 0
    due = GreaterThanOrEqual(recruiters_since, PUBLISH_AFTER_RECRUITERS)
    rows = ObservedOutcome.objects.filter(reduce(or_, in_cells), due)
    return rows.update(
        **{published(outcome): F(outcome) for outcome in Outcome.values}, published_at=Now()
    )


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
    now = timezone.now()
    ObservedOutcome.objects.bulk_create(
        ObservedOutcome(
            channel=channel,
            company_type=company_type,
            seniority=seniority,
            **row,
            **{published(outcome): number for outcome, number in row.items()},
            published_at=now,
        )
        for (channel, company_type, seniority), row in cells.items()
    )
    transaction.on_commit(_new_version)
    return len(cells)
