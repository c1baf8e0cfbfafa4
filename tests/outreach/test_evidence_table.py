"""The evidence table: moved one change at a time, read once per evidence version."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Value

from outreach.evidence import Evidence
from outreach.models import PUBLISH_AFTER_RECRUITERS, ObservedOutcome
from outreach.selectors import observed_evidence, read_evidence
from outreach.services import (
    add_outcomes,
    publish_due,
    record_outcome_change,
    replace_observed_outcomes,
)

pytestmark = pytest.mark.django_db

WEIBO_C_LEVEL = ("weibo", "chinese_private", "c_level")


def counts(cell=WEIBO_C_LEVEL) -> dict[str, int]:
    row = ObservedOutcome.objects.get(channel=cell[0], company_type=cell[1], seniority=cell[2])
    return {"replied": row.replied, "declined": row.declined, "no_reply": row.no_reply}


def test_the_first_outcome_of_a_kind_makes_its_row():
    record_outcome_change(cell=WEIBO_C_LEVEL, before="pending", after="replied")

    assert counts() == {"replied": 1, "declined": 0, "no_reply": 0}


def test_a_changed_outcome_moves_one_count_to_the_other_in_one_update(
    django_assert_num_queries,
):
    record_outcome_change(cell=WEIBO_C_LEVEL, before="pending", after="replied")

    with django_assert_num_queries(1):
        record_outcome_change(cell=WEIBO_C_LEVEL, before="replied", after="declined")

    assert counts() == {"replied": 0, "declined": 1, "no_reply": 0}


def test_pending_counts_nowhere():
    record_outcome_change(cell=WEIBO_C_LEVEL, before="pending", after="pending")

    assert not ObservedOutcome.objects.exists()


def test_a_count_never_goes_below_zero():
    add_outcomes(changes={WEIBO_C_LEVEL: {"declined": 1}})

    add_outcomes(changes={WEIBO_C_LEVEL: {"declined": -3, "replied": 2}})

    assert counts() == {"replied": 2, "declined": 0, "no_reply": 0}


def test_the_rebuild_replaces_the_whole_table():
    add_outcomes(changes={("email", "foreign", "junior"): {"replied": 5}})

    written = replace_observed_outcomes(
        counts=[
            (WEIBO_C_LEVEL, "replied", 3),
            (WEIBO_C_LEVEL, "no_reply", 7),
            (WEIBO_C_LEVEL, "x", 9),
        ]
    )

    assert written == 1
    assert counts() == {"replied": 3, "declined": 0, "no_reply": 7}
    assert ObservedOutcome.objects.count() == 1


def test_advice_reads_the_table_once_per_version(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    add_outcomes(changes={WEIBO_C_LEVEL: {"replied": 30, "no_reply": 10}})
    publish(PUBLISH_AFTER_RECRUITERS)
    with django_assert_num_queries(1):
        first = observed_evidence()
    with django_assert_num_queries(0):
        assert observed_evidence() is first

    with django_capture_on_commit_callbacks(execute=True):
        add_outcomes(changes={WEIBO_C_LEVEL: {"declined": 5}})
        publish(PUBLISH_AFTER_RECRUITERS)
    renewed = observed_evidence()

    assert renewed is not first
    assert isinstance(renewed, Evidence)
    assert weibo_outreaches(renewed) == 45


def publish(recruiters: int) -> int:
    """`publish_due` for the Weibo cell, as though `recruiters` recruiters had changed it."""
    return publish_due(cells=[WEIBO_C_LEVEL], recruiters_since=Value(recruiters))


def weibo_outreaches(evidence: Evidence) -> int | None:
    cells = {(rate.channel, rate.company_type, rate.seniority): rate for rate in evidence.rates}
    return cells[WEIBO_C_LEVEL].outreaches if WEIBO_C_LEVEL in cells else None


def test_what_advice_reads_stays_put_while_outcomes_change():
    add_outcomes(changes={WEIBO_C_LEVEL: {"replied": 15, "no_reply": 5}})
    publish(PUBLISH_AFTER_RECRUITERS)

    record_outcome_change(cell=WEIBO_C_LEVEL, before="pending", after="declined")

    assert weibo_outreaches(read_evidence()) == 20
    assert weibo_outreaches(read_evidence(live=True)) == 21


@pytest.mark.parametrize(
    ("recruiters", "published"),
    [(PUBLISH_AFTER_RECRUITERS - 1, 0), (PUBLISH_AFTER_RECRUITERS, 1)],
)
def test_the_sums_are_published_once_enough_recruiters_changed_them(recruiters, published):
    add_outcomes(changes={WEIBO_C_LEVEL: {"replied": 15, "no_reply": 5}})

    assert publish(recruiters) == published

    assert weibo_outreaches(read_evidence()) == (20 if published else None)
    row = ObservedOutcome.objects.get()
    assert (row.published_at is not None) == bool(published)


def test_a_cells_first_outcomes_are_not_read_until_published():
    add_outcomes(changes={WEIBO_C_LEVEL: {"replied": PUBLISH_AFTER_RECRUITERS - 1}})

    assert weibo_outreaches(read_evidence(live=True)) == PUBLISH_AFTER_RECRUITERS - 1
    assert weibo_outreaches(read_evidence()) is None


def test_the_rebuild_publishes_at_once():
    replace_observed_outcomes(
        counts=[(WEIBO_C_LEVEL, "replied", 3), (WEIBO_C_LEVEL, "declined", 4)]
    )

    assert weibo_outreaches(read_evidence()) == 7
    assert ObservedOutcome.objects.get().published_at is not None


def test_an_outcome_that_is_rolled_back_leaves_the_evidence_as_it_was():
    def replied_then_failed() -> None:
        with transaction.atomic():
            record_outcome_change(cell=WEIBO_C_LEVEL, before=None, after="replied")
            raise RuntimeError

    before = observed_evidence()
    with pytest.raises(RuntimeError):
        replied_then_failed()

    assert not ObservedOutcome.objects.exists()
    assert observed_evidence() is before
