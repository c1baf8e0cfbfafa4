"""R2 with a real path: the sender's best path in NetworkDir's network (`KnownPath`) in place of
their own word that someone can introduce them. Pure Python, no database."""

from __future__ import annotations

import pytest
from django.utils import translation

from outreach.inputs import KnownPath, PlatformTraits, Sender, Target, TargetMembership
from outreach.recommender import ChannelCatalog, Recommendation, SourceRef, recommend
from outreach.rules import PathKind, path_kind
from outreach.vocabulary import WARM_INTRODUCTION, Purpose

CATALOG = ChannelCatalog(
    [
        PlatformTraits(
            "weibo",
            "Weibo",
            "microblog",
            "active",
            interface_languages=frozenset({"zh-hans"}),
            cold_messaging="yes",
        ),
        PlatformTraits("wechat", "WeChat", "messaging", "active", cold_messaging="no"),
    ],
    {"s2": SourceRef("s2", "Networking in China", "https://example.com/s2")},
)
ON_BOTH = (
    TargetMembership("weibo", open_to_inquiries=True, publicizes_career=True, verified=True),
    TargetMembership("wechat", open_to_inquiries=True),
)
AT_A_CHINESE_FIRM = Target("chinese_private", "director", ("zh",), memberships=ON_BOTH)
AT_A_MULTINATIONAL = Target("multinational", "director", ("zh", "en"), memberships=ON_BOTH)

CLOSE_AND_WILLING = KnownPath(degree=2, weakest_closeness=3, intermediary="Li Wei", willing=True)
CLOSE_BUT_ASK_FIRST = KnownPath(degree=2, weakest_closeness=3, intermediary="Li Wei")
LOOSER = KnownPath(degree=2, weakest_closeness=1, intermediary="Li Wei", willing=True)
THIRD = KnownPath(degree=3, weakest_closeness=3, intermediary="Li Wei", willing=True)
# A teammate's third-degree path: the sender asks the teammate, then three more introductions.
LONGER = KnownPath(degree=4, weakest_closeness=3, intermediary="Gao Yan", willing=True)


def advice(target: Target = AT_A_CHINESE_FIRM, **sender) -> Recommendation:
    return recommend(
        CATALOG,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=target,
        sender=Sender(reads_chinese=True, can_verify_mainland_account=True, **sender),
    )


def warm(recommendation: Recommendation):
    return recommendation.get(WARM_INTRODUCTION)


@pytest.mark.parametrize(
    ("degree", "closeness", "willing", "kind"),
    [
        (2, 3, True, PathKind.CLOSE),
        (2, 3, False, PathKind.SECOND),
        (2, 2, True, PathKind.SECOND),
        (2, 1, True, PathKind.SECOND),
        (3, 3, True, PathKind.THIRD),
        (3, 1, False, PathKind.THIRD),
    ],
)
def test_what_a_path_counts_for(degree, closeness, willing, kind):
    assert path_kind(degree=degree, weakest_closeness=closeness, willing=willing) is kind


def test_a_close_willing_contact_puts_the_warm_introduction_first_at_a_chinese_firm():
    recommendation = advice(path=CLOSE_AND_WILLING)

    assert recommendation.best.channel == WARM_INTRODUCTION
    assert recommendation.best.score == 100


def test_the_reason_names_the_intermediary_and_cites_the_sources():
    (reason, *_more) = warm(advice(path=CLOSE_AND_WILLING)).reasons

    with translation.override("en"):
        assert str(reason.message) == (
            "Chinese firms network through people they know, and Li Wei, close to you both, is "
            "glad to introduce you: ask them first."
        )
    assert reason.rule == "R2"
    assert [source.key for source in reason.sources] == ["s2"]
    assert reason.sources[0].title == "Networking in China"


def test_the_name_is_put_in_when_shown_in_the_language_of_the_page():
    (reason, *_more) = warm(advice(path=CLOSE_AND_WILLING)).reasons

    with translation.override("zh-hans"):
        assert "Li Wei" in str(reason.message)


@pytest.mark.parametrize("target", [AT_A_CHINESE_FIRM, AT_A_MULTINATIONAL], ids=["cn", "mnc"])
def test_a_weaker_path_counts_for_less_and_any_path_more_than_none(target):
    scores = [
        warm(advice(target, path=path)).score
        for path in (CLOSE_AND_WILLING, CLOSE_BUT_ASK_FIRST, THIRD, LONGER, None)
    ]

    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[1] > scores[2] > scores[3] > scores[4]
    assert warm(advice(target, path=LOOSER)).score == scores[1]


def test_without_a_path_the_advice_is_to_find_someone_who_knows_them():
    (reason, *_more) = warm(advice()).reasons

    with translation.override("en"):
        assert "look for someone who knows them" in str(reason.message)


def test_a_real_path_decides_instead_of_the_senders_word():
    """A third-degree path is not "someone we both know", whatever the box says."""
    ticked = advice(has_mutual_contact=True)
    with_path = advice(has_mutual_contact=True, path=THIRD)

    assert warm(with_path).score < warm(ticked).score
    with translation.override("en"):
        assert "Li Wei knows someone who knows them" in str(warm(with_path).reasons[0].message)


def test_a_longer_path_says_how_many_people_stand_between():
    """The report: a teammate's third-degree path read "Gao Yan knows someone who knows them"."""
    (reason, *_more) = warm(advice(path=LONGER)).reasons

    with translation.override("en"):
        assert "Gao Yan can reach them through two more people" in str(reason.message)


def test_a_second_degree_path_is_a_mutual_contact_for_the_other_channels():
    """WeChat reaches people you are introduced to: after an introduction, it is the place."""
    wechat = advice(path=CLOSE_BUT_ASK_FIRST).get("wechat")
    cold = advice(path=THIRD).get("wechat")

    assert wechat.score > cold.score
    assert "R7" in {reason.rule for reason in wechat.reasons}


def test_the_advice_without_a_path_is_kept_for_every_sender():
    """Naming is done per sender; the catalog's kept outcomes stay unnamed."""
    advice(path=CLOSE_AND_WILLING)

    with translation.override("en"):
        text = str(warm(advice(has_mutual_contact=True)).reasons[0].message)
    assert "%(name)s" not in text
    assert "Li Wei" not in text
