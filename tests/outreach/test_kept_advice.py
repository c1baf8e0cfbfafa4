"""`recommend(keep=True)`: the catalog keeps each recommendation for the pages that list the
same people again (a project's board); a question that differs in any input is scored anew (no
database)."""

from dataclasses import replace

import pytest

from outreach.evidence import Evidence
from outreach.inputs import KnownPath, Sender, Target, TargetMembership
from outreach.recommender import ChannelCatalog, recommend
from outreach.vocabulary import EMAIL, Purpose
from tests.outreach.platform_traits import WEIBO


def catalog() -> ChannelCatalog:
    return ChannelCatalog([WEIBO])


CEO = Target(
    company_type="chinese_private",
    seniority="c_level",
    memberships=(TargetMembership("weibo", active=True, open_to_inquiries=True),),
)
OUTCOMES = [
    ("weibo", "chinese_private", "c_level", 200, 60),
    (EMAIL, "chinese_private", "c_level", 400, 40),
]
QUESTION = {
    "purpose": Purpose.RECRUITING,
    "target": CEO,
    "sender": Sender(),
    "evidence": Evidence(OUTCOMES),
}


def test_the_same_question_gets_the_recommendation_kept():
    channels = catalog()

    first = recommend(channels, **QUESTION, keep=True)

    assert recommend(channels, **{**QUESTION, "purpose": "recruiting"}, keep=True) is first
    assert first == recommend(channels, **QUESTION)


CHANGES = {
    "purpose": {"purpose": Purpose.PEER_NETWORKING},
    "target's membership": {
        "target": replace(CEO, memberships=(TargetMembership("weibo", active=False),))
    },
    "target's seniority": {"target": replace(CEO, seniority="manager")},
    "sender": {"sender": Sender(reads_chinese=True)},
    "sender's path": {"sender": Sender(path=KnownPath(2, 3, "Chen Jing", willing=True))},
    "no evidence": {"evidence": None},
    "a new evidence version": {"evidence": Evidence(OUTCOMES)},
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_question_that_differs_in_any_input_is_scored_anew(change):
    channels = catalog()
    first = recommend(channels, **QUESTION, keep=True)

    changed = recommend(channels, **{**QUESTION, **change}, keep=True)

    assert changed is not first
    assert changed == recommend(channels, **{**QUESTION, **change})


def test_past_its_limit_the_catalog_starts_again(monkeypatch):
    monkeypatch.setattr("outreach.recommender.KEPT_RECOMMENDATIONS", 2)
    channels = catalog()
    first = recommend(channels, **QUESTION, keep=True)
    recommend(channels, **{**QUESTION, "purpose": Purpose.PEER_NETWORKING}, keep=True)

    recommend(channels, **{**QUESTION, "purpose": Purpose.BUSINESS_DEVELOPMENT}, keep=True)

    assert recommend(channels, **QUESTION, keep=True) is not first
