"""Observed reply rates beside the rules (outreach.evidence) and how the recommender applies them.

Pure Python: no database. The rule under test, from the module's docstring: a rate is shown
where n ≥ 20, with its Wilson interval; it moves an advised channel's score only when the
interval is at most 20 points wide and clear of the rate of every channel for that kind of
target, by half the distance to the interval's near end, at most 10 points, within the
channel's own ceiling, before R12.
"""

from __future__ import annotations

import pytest

from outreach.evidence import (
    MAX_POINTS,
    NO_EVIDENCE,
    Evidence,
    ObservedRate,
    points_for,
    wilson_interval,
)
from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.recommender import ChannelCatalog, recommend
from outreach.rules import COLD_CEILING
from outreach.vocabulary import EMAIL, WARM_INTRODUCTION, Purpose
from tests.outreach.platform_traits import WEIBO

MAIMAI = PlatformTraits(
    slug="maimai", name_en="Maimai", name_zh="脉脉", kind="professional_network", status="active"
)
CATALOG = ChannelCatalog([WEIBO, MAIMAI])
C_LEVEL_PRIVATE = ("chinese_private", "c_level")


def target(*, closed: tuple[str, ...] = ()) -> Target:
    return Target(
        company_type="chinese_private",
        seniority="c_level",
        languages=("zh",),
        memberships=tuple(
            TargetMembership(slug, open_to_inquiries=slug not in closed, publicizes_career=True)
            for slug in ("weibo", "maimai")
        ),
    )


def advise(evidence: Evidence | None = None, **target_options):
    return recommend(
        CATALOG,
        purpose=Purpose.RECRUITING,
        target=target(**target_options),
        sender=Sender(reads_chinese=True),
        evidence=evidence,
    )


def rows(*cells: tuple[str, int, int], kind=C_LEVEL_PRIVATE):
    """Outcome rows for one kind of target: (channel, outreaches, replies)."""
    return [(channel, *kind, n, replied) for channel, n, replied in cells]


# --- The interval --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("replied", "n", "low", "high"),
    [
        (47, 124, 0.2985, 0.4668),  # the example, 38% of 124
        (0, 20, 0.0, 0.1611),
        (20, 20, 0.8389, 1.0),
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_the_wilson_interval_matches_the_formula(replied, n, low, high):
    assert wilson_interval(replied, n) == (
        pytest.approx(low, abs=1e-4),
        pytest.approx(high, abs=1e-4),
    )


def test_no_outreach_says_nothing():
    assert wilson_interval(0, 0) == (0.0, 1.0)


# --- When a rate is shown and how far it moves ---------------------------------------------


def observed(n: int, replied: int) -> ObservedRate:
    return ObservedRate.of("weibo", *C_LEVEL_PRIVATE, n, replied)


@pytest.mark.parametrize(
    ("n", "replied", "baseline", "points"),
    [
        pytest.param(19, 19, 0.2, 0, id="under 20 outreaches: not shown, no move"),
        pytest.param(20, 10, 0.2, 0, id="20 outreaches: interval too wide to move"),
        pytest.param(124, 47, 0.20, 5, id="narrow and clear above: half the gap to its low end"),
        pytest.param(124, 47, 0.35, 0, id="the baseline inside the interval: no move"),
        pytest.param(400, 40, 0.30, -8, id="clear below: half the gap to its high end"),
        pytest.param(1000, 900, 0.10, MAX_POINTS, id="never more than 10 points"),
        pytest.param(1000, 0, 0.90, -MAX_POINTS, id="nor less than -10"),
    ],
)
def test_points_follow_the_documented_rule(n, replied, baseline, points):
    assert points_for(observed(n, replied), baseline) == points


def test_the_sentence_says_rate_count_and_whom():
    assert str(observed(124, 47)) == (
        "Replied: 38% of 124 outreaches to C-level at Chinese private firms"
    )
    assert observed(124, 47).interval_text == "95% interval: 30% to 47%"


def test_the_baseline_is_every_channel_together_for_that_kind_of_target():
    """Weibo 60 of 200 against 40 of 400 elsewhere: the baseline is 100/600, not 40/400."""
    evidence = Evidence(rows(("weibo", 200, 60), (EMAIL, 400, 40)))

    weibo = evidence.for_target(*C_LEVEL_PRIVATE)["weibo"]
    expected = points_for(weibo.observed, 100 / 600)

    assert weibo.points == expected > 0


def test_rows_under_20_are_kept_for_admins_but_not_for_advice():
    evidence = Evidence(rows(("weibo", 19, 10), (EMAIL, 30, 3)))

    assert set(evidence.for_target(*C_LEVEL_PRIVATE)) == {EMAIL}
    assert {rate.channel for rate in evidence.rates} == {"weibo", EMAIL}


def test_another_kind_of_target_sees_nothing():
    evidence = Evidence(rows(("weibo", 200, 60)))

    assert evidence.for_target("state_owned", "c_level") == {}


# --- In the advice -------------------------------------------------------------------------------

STRONG_WEIBO = rows(("weibo", 400, 200), ("maimai", 400, 40), (EMAIL, 400, 40))


def test_without_evidence_the_advice_is_the_rules_alone():
    assert advise() == advise(NO_EVIDENCE)
    assert all(channel.observed is None for channel in advise().channels)


def test_an_advised_channel_shows_its_rate_and_moves_by_its_points():
    before, after = advise().get("weibo"), advise(Evidence(STRONG_WEIBO)).get("weibo")

    assert after.observed.outreaches == 400
    assert after.evidence_points == MAX_POINTS
    assert after.score == min(before.score + MAX_POINTS, COLD_CEILING)
    assert after.reasons == before.reasons  # the rules stay the explanation


def test_evidence_can_change_the_order_but_only_by_its_bound():
    plain = advise()
    weibo, maimai = plain.get("weibo"), plain.get("maimai")
    moved = advise(Evidence(STRONG_WEIBO))

    gap = moved.get("weibo").score - moved.get("maimai").score
    assert gap - (weibo.score - maimai.score) <= 2 * MAX_POINTS


def test_a_cold_channel_never_passes_its_ceiling_so_the_warm_introduction_stays_first():
    evidence = Evidence(rows((EMAIL, 1000, 950), ("weibo", 1000, 10), ("maimai", 1000, 10)))
    advice = recommend(
        CATALOG,
        purpose=Purpose.RECRUITING,
        target=target(),
        sender=Sender(reads_chinese=True, has_mutual_contact=True),
        evidence=evidence,
    )

    assert advice.get(EMAIL).score <= COLD_CEILING
    assert advice.best.channel == WARM_INTRODUCTION


def test_a_channel_they_are_not_on_is_neither_shown_evidence_nor_moved():
    evidence = Evidence(rows(("wechat", 1000, 900), ("weibo", 1000, 100)))
    catalog = ChannelCatalog(
        [WEIBO, MAIMAI, PlatformTraits("wechat", "WeChat", "", "chat", "active")]
    )

    advice = recommend(
        catalog,
        purpose=Purpose.RECRUITING,
        target=target(),
        sender=Sender(),
        evidence=evidence,
    )

    assert advice.get("wechat").score == 0
    assert advice.get("wechat").observed is None


def test_r12_still_holds_a_closed_channel_below_the_best_open_one():
    evidence = Evidence(rows(("maimai", 1000, 900), ("weibo", 1000, 100)))

    advice = advise(evidence, closed=("maimai",))

    best_open = max(c.score for c in advice.channels if c.available and c.open_to_inquiries)
    assert advice.get("maimai").score < best_open
