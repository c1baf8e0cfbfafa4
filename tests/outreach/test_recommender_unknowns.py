"""What whoever asks doesn't know, in the pure recommender: unknown counts neither for nor
against, the advice says what to find out, and every score adds up from its reasons."""

import itertools
from dataclasses import replace

import pytest
from django.utils import translation

from outreach.findout import Standing
from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.reasons import Note
from outreach.recommender import ChannelCatalog, recommend
from outreach.summary import describe
from outreach.vocabulary import WARM_INTRODUCTION, Presence, Purpose
from tests.outreach.test_rules import PLATFORMS, every_kind_of_request

WEIBO = PlatformTraits(
    "weibo",
    "Sina Weibo",
    "microblog",
    "active",
    name_zh="新浪微博",
    interface_languages=frozenset({"zh-hans"}),
    real_name_verification="optional",
    cold_messaging="yes",
)
CATALOG = ChannelCatalog([WEIBO, *PLATFORMS[1:]])

# The question: a CFO at a Chinese private manufacturer in Suzhou.
SUZHOU_CFO = {
    "company_type": "chinese_private",
    "seniority": "c_level",
    "languages": ("zh",),
    "city": "suzhou",
    "industry": "manufacturing",
    "title": "CFO",
}


def advise(*memberships, sender=None, purpose=Purpose.BUSINESS_DEVELOPMENT, **target):
    return recommend(
        CATALOG,
        purpose=purpose,
        target=Target(**{**SUZHOU_CFO, **target}, memberships=memberships),
        sender=sender or Sender(reads_chinese=True),
    )


def weibo_score(**settings) -> int:
    return advise(TargetMembership("weibo", **settings)).get("weibo").score


# --- Unknown counts neither for nor against -----------------------------------------------------

SETTINGS = ["active", "open_to_inquiries", "publicizes_career", "verified", "preferred"]


@pytest.mark.parametrize("setting", SETTINGS)
def test_an_unknown_setting_scores_between_no_and_yes(setting):
    """Unknown moves nothing: where "no" costs points (inactive, closed) it scores above no;
    where "no" is only the absence of a plus (career, verified, preferred) it scores as no."""
    base = dict.fromkeys(SETTINGS)
    yes = weibo_score(**{**base, setting: True})
    no = weibo_score(**{**base, setting: False})
    unknown = weibo_score(**base)

    assert no <= unknown < yes


@pytest.mark.parametrize("setting", ["active", "open_to_inquiries"])
def test_an_unknown_activity_or_openness_is_not_held_against_them(setting):
    known_no = advise(TargetMembership("weibo", **{setting: False})).get("weibo")
    unknown = advise(TargetMembership("weibo", **{setting: None})).get("weibo")

    assert unknown.score > known_no.score
    assert Note.SETTINGS_UNKNOWN.message in [reason.message for reason in unknown.reasons]


def test_unknown_openness_is_neither_open_nor_closed_for_r12():
    unknown = advise(TargetMembership("weibo", open_to_inquiries=None)).get("weibo")

    assert unknown.open_to_inquiries is None
    assert not unknown.closed
    assert unknown.capped == 0


def test_a_platform_of_unknown_presence_is_scored_as_if_they_were_on_it_knowing_nothing():
    unknown = advise(TargetMembership.unknown("weibo")).get("weibo")
    on_it = advise(TargetMembership("weibo", None, None, None, None, None)).get("weibo")

    assert unknown.score == on_it.score > 0
    assert unknown.advised
    assert unknown.presence_unknown
    assert not on_it.presence_unknown
    assert unknown.reasons[0].message == Note.PRESENCE_UNKNOWN.message


def test_not_on_it_scores_0_and_unlisted_platforms_keep_their_old_meaning():
    explicit = advise(TargetMembership("weibo", presence=Presence.NOT_ON_IT)).get("weibo")
    left_out = advise().get("weibo")

    assert explicit.score == left_out.score == 0
    assert not left_out.advised
    assert left_out.reasons[0].message == Note.NOT_ON_PLATFORM.message


def test_unlisted_unknown_is_every_platform_listed_as_unknown():
    listed = advise(*(TargetMembership.unknown(p.slug) for p in CATALOG.platforms))
    unlisted = advise(unlisted=Presence.UNKNOWN)

    assert unlisted == listed


def test_a_shut_down_platform_stays_unavailable_however_unknown():
    ushi = advise(unlisted=Presence.UNKNOWN).get("ushi")

    assert (ushi.available, ushi.score, ushi.find_out) == (False, 0, None)
    assert ushi.presence == Presence.UNKNOWN  # as said of it


@pytest.mark.parametrize(
    ("memberships", "presence"),
    [((), Presence.NOT_ON_IT), ((TargetMembership("ushi"),), Presence.ON_IT)],
)
def test_a_shut_down_platform_says_back_what_was_said_of_it(memberships, presence):
    ushi = advise(*memberships).get("ushi")

    assert (ushi.available, ushi.score, ushi.presence) == (False, 0, presence)


TWINS = ChannelCatalog(
    PlatformTraits(slug, slug.title(), "professional_network", "active", cold_messaging="yes")
    for slug in ("alpha", "beta")
)


def twins_order(alpha: TargetMembership, beta: TargetMembership) -> list[str]:
    target = Target("multinational", "manager", memberships=(alpha, beta))
    advice = recommend(TWINS, purpose=Purpose.PEER_NETWORKING, target=target, sender=Sender())
    assert advice.get("alpha").score == advice.get("beta").score  # a tie
    return [channel.channel for channel in advice.channels if channel.kind == "platform"]


def test_on_a_tie_open_comes_before_unknown_openness():
    order = twins_order(
        TargetMembership("alpha", active=True, open_to_inquiries=None),
        TargetMembership("beta", active=None, open_to_inquiries=True),
    )

    assert order == ["beta", "alpha"]


def test_on_a_tie_a_known_presence_comes_before_an_unknown_one():
    order = twins_order(
        TargetMembership.unknown("alpha"), TargetMembership("beta", None, None, None, None, None)
    )

    assert order == ["beta", "alpha"]


def test_knowing_nothing_still_gives_a_ranked_answer():
    advice = advise(unlisted=Presence.UNKNOWN, sender=Sender())

    assert advice.best.channel == WARM_INTRODUCTION
    assert {c.channel for c in advice.advised} > {WARM_INTRODUCTION, "in-person"}
    assert all(c.presence_unknown for c in advice.advised if c.kind == "platform")


def test_refuses_a_target_on_every_platform_it_does_not_list():
    with pytest.raises(ValueError, match="never on it"):
        Target("chinese_private", "c_level", unlisted=Presence.ON_IT)


@pytest.mark.parametrize(("field", "value"), [("city", "atlantis"), ("industry", "piracy")])
def test_refuses_a_city_or_industry_outside_the_profiles_vocabulary(field, value):
    with pytest.raises(ValueError, match=value):
        Target("chinese_private", "c_level", **{field: value})


# --- What to find out ---------------------------------------------------------------------------


def test_says_to_check_weibo_where_a_public_career_would_make_it_the_strongest_cold_channel():
    """With a mutual contact the introduction stays first (100): Weibo would lead the rest."""
    advice = advise(unlisted=Presence.UNKNOWN, sender=Sender(True, has_mutual_contact=True))
    weibo = advice.get("weibo")

    assert weibo.find_out.setting == "publicizes_career"
    assert weibo.find_out.standing is Standing.STRONGEST_COLD
    assert weibo.find_out.score > max(
        c.score for c in advice.channels if c.channel not in ("weibo", WARM_INTRODUCTION)
    )
    with translation.override("en"):
        assert str(weibo.find_out) == (
            "Check whether they are on Sina Weibo: if they publicize their career there, it "
            f"would be the strongest cold channel ({weibo.find_out.score}/100)."
        )
    with translation.override("zh-hans"):
        assert "新浪微博" in str(weibo.find_out)


def test_the_find_out_score_is_the_score_the_answer_would_give():
    find_out = advise(unlisted=Presence.UNKNOWN).get("weibo").find_out

    unknown_but_career = {**dict.fromkeys(SETTINGS), "publicizes_career": True}
    assert find_out.score == weibo_score(**unknown_but_career)


def test_a_known_presence_with_an_unknown_setting_asks_about_the_setting():
    weibo = advise(TargetMembership("weibo", publicizes_career=None)).get("weibo")

    assert not weibo.find_out.presence_unknown
    with translation.override("en"):
        assert str(weibo.find_out).startswith(
            "On Sina Weibo, find out whether they publicize their career there: if so, it would"
        )


def test_nothing_to_find_out_when_everything_is_known():
    advice = advise(TargetMembership("weibo", open_to_inquiries=True, publicizes_career=True))

    assert advice.get("weibo").find_out is None
    assert advice.find_outs == ()


def test_what_can_only_score_0_is_not_worth_finding_out():
    """Chitu never suits a C-level target (R10): not worth asking about, whatever the answer."""
    advice = advise(unlisted=Presence.UNKNOWN, sender=Sender())

    assert all(find_out.score > 0 for find_out in advice.find_outs)
    assert [f.score for f in advice.find_outs] == sorted((f.score for f in advice.find_outs),
                                                         reverse=True)  # fmt: skip


def test_a_find_out_that_would_top_everything_says_so():
    """Without anyone to introduce them, a public career on Weibo would beat looking for one."""
    advice = advise(unlisted=Presence.UNKNOWN)
    find_out = advice.get("weibo").find_out

    assert find_out.score > advice.get(WARM_INTRODUCTION).score == advice.best.score
    assert find_out.standing is Standing.BEST
    with translation.override("en"):
        assert str(find_out).endswith(
            f"it would be the best way to reach them ({find_out.score}/100)."
        )


def test_a_find_out_below_another_cold_channel_only_gives_its_score():
    """A sender who can't read Chinese: Weibo's Chinese-only interface costs it (R6)."""
    advice = advise(unlisted=Presence.UNKNOWN, sender=Sender(has_mutual_contact=True))
    find_out = advice.get("weibo").find_out

    assert find_out.standing is Standing.SCORE
    with translation.override("en"):
        assert str(find_out).endswith(f"it would score {find_out.score}/100.")


# --- Every score adds up ------------------------------------------------------------------------


def test_every_score_is_its_base_plus_its_reasons_plus_its_limits():
    catalog = ChannelCatalog(PLATFORMS)
    for purpose, target, sender in itertools.islice(every_kind_of_request(), 0, None, 7):
        for channel in recommend(catalog, purpose=purpose, target=target, sender=sender).channels:
            parts = (channel.base, *(r.points for r in channel.reasons), channel.limited,
                     channel.evidence_points, channel.capped)  # fmt: skip
            assert sum(parts) == channel.score, channel


def test_a_channel_no_rule_moves_is_explained_by_its_base():
    """In person to a multinational's manager, without a contact: 30, and that is why."""
    in_person = advise(company_type="multinational", sender=Sender()).get("in-person")

    assert (in_person.score, in_person.base, in_person.reasons) == (30, 30, ())


def test_a_closed_platform_shows_what_r12_took():
    advice = advise(TargetMembership("liepin", open_to_inquiries=False, preferred=True,
                                     verified=True), purpose=Purpose.RECRUITING)  # fmt: skip
    liepin = advice.get("liepin")

    assert liepin.closed
    assert liepin.score < advice.best.score
    assert liepin.capped <= 0


# --- The question said back ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "target", "sender", "expected"),
    [
        ("en", SUZHOU_CFO, Sender(),
         "CFO at a Chinese private company in manufacturing, in Suzhou, reached by someone who "
         "doesn't read Chinese, for business development."),
        ("en", {**SUZHOU_CFO, "title": "", "city": "", "industry": ""}, Sender(reads_chinese=True),
         "C-level executive at a Chinese private company, reached by someone who reads Chinese, "
         "for business development."),
        ("en", {**SUZHOU_CFO, "industry": ""}, Sender(has_mutual_contact=True),
         "CFO at a Chinese private company in Suzhou, reached by someone who doesn't read "
         "Chinese, through someone you both know, for business development."),
        ("zh-hans", SUZHOU_CFO, Sender(), None),
    ],
)  # fmt: skip
def test_the_question_is_said_back_in_one_sentence(language, target, sender, expected):
    with translation.override(language):
        sentence = describe(
            purpose=Purpose.BUSINESS_DEVELOPMENT, target=Target(**target), sender=sender
        )

    if expected:
        assert sentence == expected
    else:
        assert "苏州" in sentence
        assert "CFO" in sentence


# --- A platform whose status is unknown: offered last, never called the best ------------------

# Huihui as the data has it: a meeting app no source says still operates (status unknown), not
# historical. Arranging meetings is what a business development question wants (R11).
HUIHUI_UNKNOWN = PlatformTraits("huihui", "Huihui", "meetings", "unknown", name_zh="会会")
WITH_HUIHUI = ChannelCatalog([WEIBO, *PLATFORMS[1:6], HUIHUI_UNKNOWN, *PLATFORMS[7:]])
KNOWN_HUIHUI = ChannelCatalog([WEIBO, *PLATFORMS[1:6], replace(HUIHUI_UNKNOWN, status="active"),
                               *PLATFORMS[7:]])  # fmt: skip


def suzhou_cfo_knowing_nothing(catalog=WITH_HUIHUI, sender=None):
    """The QA pass's question: every platform left "Don't know", a sender who reads no Chinese."""
    return recommend(
        catalog,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=Target(**SUZHOU_CFO, unlisted=Presence.UNKNOWN),
        sender=sender or Sender(),
    )


def test_a_platform_whose_status_is_unknown_keeps_its_score_but_comes_after_every_known_channel():
    advice = suzhou_cfo_knowing_nothing()
    huihui = advice.get("huihui")
    known = [c for c in advice.advised if c.channel != "huihui"]

    assert huihui.status_unknown
    assert huihui.advised
    assert huihui.score == suzhou_cfo_knowing_nothing(KNOWN_HUIHUI).get("huihui").score
    assert huihui.score > advice.get("in-person").score  # it would have ranked above
    assert advice.advised[-1] is huihui
    assert known
    assert all(not c.status_unknown for c in known)
    assert advice.best.channel == WARM_INTRODUCTION


def test_a_platform_whose_status_is_unknown_is_never_called_the_best_way_to_find_out_about():
    advice = suzhou_cfo_knowing_nothing()
    find_out = advice.get("huihui").find_out

    assert find_out.score > advice.best.score  # the answer would outscore every known channel
    assert find_out.standing is Standing.SCORE
    assert advice.find_outs[-1] is find_out
    with translation.override("en"):
        assert str(find_out) == (
            "Check whether they are on Huihui (status unknown): if they are open to inquiries "
            f"there, it would score {find_out.score}/100."
        )
    with translation.override("zh-hans"):
        assert "会会（状态不明）" in str(find_out)  # noqa: RUF001


def test_a_known_platform_is_the_best_way_even_when_one_of_unknown_status_scores_more():
    """Weibo's find-out is placed among the channels known to operate: Huihui, whatever it
    scores, comes after them."""
    huihui = TargetMembership("huihui", open_to_inquiries=True, verified=True, preferred=True)
    advice = recommend(
        WITH_HUIHUI,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=Target(**SUZHOU_CFO, memberships=(huihui,), unlisted=Presence.UNKNOWN),
        sender=Sender(reads_chinese=True),
    )
    weibo = advice.get("weibo").find_out

    assert advice.get("huihui").score > weibo.score > advice.best.score
    assert advice.advised[-1].channel == "huihui"
    assert weibo.standing is Standing.BEST


def test_r12_measures_a_closed_channel_against_the_open_channels_known_to_operate():
    """Open on Huihui (status unknown) does not lift the cap of a closed channel above the best
    known open one, so the closed channel still never comes first."""
    open_huihui = TargetMembership("huihui", open_to_inquiries=True, preferred=True)
    closed_weibo = TargetMembership("weibo", open_to_inquiries=False, publicizes_career=True,
                                    verified=True, preferred=True)  # fmt: skip
    advice = recommend(
        WITH_HUIHUI,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=Target(**SUZHOU_CFO, memberships=(open_huihui, closed_weibo)),
        sender=Sender(reads_chinese=True),
    )

    assert advice.best.open_to_inquiries is True
    assert not advice.best.status_unknown
    assert advice.get("weibo").score < advice.best.score
