"""The outreach recommender, from hand-made platform traits (no database).

One table of rule cases (at least one per rule R1-R12, each named after its rule): each case
changes one input and says which way one channel's score must move and which rule says so. Then
the issue's "Done when" scenarios and the guarantees, on a catalog shaped like the real data.
"""

from dataclasses import dataclass, replace

import pytest
from django.utils.functional import Promise

from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.reasons import Rule
from outreach.recommender import ChannelCatalog, Recommendation, SourceRef, recommend
from outreach.vocabulary import (
    EMAIL,
    IN_PERSON,
    OTHER_CHANNELS,
    PHONE,
    WARM_INTRODUCTION,
    Purpose,
)

ALPHA = "alpha"

NEUTRAL_TRAITS = {
    "slug": ALPHA,
    "name_en": "Alpha",
    "name_zh": "阿尔法",
    "kind": "professional_network",
    "status": "active",
    "interface_languages": frozenset({"en", "zh-hans"}),
    "real_name_verification": "optional",
    "email_reliance": "low",
    "cold_messaging": "yes",
    "anonymous_posting": "no",
    "reach_beyond_china": "low",
    "ease_for_foreigners": "moderate",
}


def scenario(
    *,
    platform: dict | None = None,
    membership: dict | None = None,
    on_platform: bool = True,
    target: dict | None = None,
    sender: dict | None = None,
    purpose: str = Purpose.BUSINESS_DEVELOPMENT,
):
    """Advice for one neutral platform (`alpha`, active and open), varied by the overrides."""
    traits = PlatformTraits(**{**NEUTRAL_TRAITS, **(platform or {})})
    settings = {"active": True, "open_to_inquiries": True, **(membership or {})}
    memberships = (TargetMembership(traits.slug, **settings),) if on_platform else ()
    target_fields = {
        "company_type": "chinese_private",
        "seniority": "manager",
        "languages": ("zh",),
        "abroad_experience": False,
        **(target or {}),
    }
    sender_fields = {"reads_chinese": True, "can_verify_mainland_account": True, **(sender or {})}
    return recommend(
        ChannelCatalog([traits]),
        purpose=purpose,
        target=Target(**target_fields, memberships=memberships),
        sender=Sender(**sender_fields),
    )


def rank_of(advice: Recommendation, channel: str) -> int:
    """Where `channel` comes in the advice, 0 for the best."""
    return [ranked.channel for ranked in advice.channels].index(channel)


@dataclass(frozen=True)
class RuleCase:
    """Going from scenario `before` to `after` moves `channel` in `direction`; the moved
    channel's reasons name `rule`."""

    channel: str
    before: dict
    after: dict
    direction: str  # "up" or "down"
    rule: str


GLOBAL_TARGET = {"company_type": "multinational", "languages": ("zh", "en")}
LOCAL_TARGET = {"company_type": "chinese_private", "languages": ("zh",)}
GLOBAL_NETWORK = {"reach_beyond_china": "high"}

RULE_CASES = [
    pytest.param(
        RuleCase(ALPHA, {}, {"platform": {"status": "shut_down"}}, "down", "R1"),
        id="R1-shut-down-platform-drops-to-zero",
    ),
    pytest.param(
        RuleCase(WARM_INTRODUCTION, {}, {"sender": {"has_mutual_contact": True}}, "up", "R2"),
        id="R2-mutual-contact-raises-warm-introduction",
    ),
    pytest.param(
        RuleCase(
            WARM_INTRODUCTION, {"target": GLOBAL_TARGET}, {"target": LOCAL_TARGET}, "up", "R2"
        ),
        id="R2-introductions-count-more-at-chinese-firms",
    ),
    pytest.param(
        RuleCase(
            WARM_INTRODUCTION,
            {"target": {"seniority": "manager"}},
            {"target": {"seniority": "c_level"}},
            "up",
            "R2",
        ),
        id="R2-c-level-rely-on-word-of-mouth",
    ),
    pytest.param(
        RuleCase(IN_PERSON, {"target": GLOBAL_TARGET}, {"target": LOCAL_TARGET}, "up", "R2"),
        id="R2-chinese-firms-network-offline",
    ),
    pytest.param(
        RuleCase(EMAIL, {"target": GLOBAL_TARGET}, {"target": LOCAL_TARGET}, "down", "R3"),
        id="R3-email-weak-at-chinese-firms",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"platform": {"email_reliance": "high"}}, "down", "R3"),
        id="R3-high-email-reliance-counts-against-platform",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"platform": {"email_reliance": "medium"}}, "down", "R3"),
        id="R3-medium-email-reliance-counts-a-little",
    ),
    pytest.param(
        RuleCase(PHONE, {}, {"sender": {"has_mutual_contact": True}}, "up", "R3"),
        id="R3-phone-works-once-introduced",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"target": GLOBAL_TARGET, "platform": GLOBAL_NETWORK},
            {"target": {**GLOBAL_TARGET, "abroad_experience": True}, "platform": GLOBAL_NETWORK},
            "up",
            "R5",
        ),
        id="R5-global-network-fits-abroad-experience",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"target": LOCAL_TARGET, "platform": GLOBAL_NETWORK},
            {"target": GLOBAL_TARGET, "platform": GLOBAL_NETWORK},
            "up",
            "R5",
        ),
        id="R5-global-network-fits-multinational-english-speakers",
    ),
    pytest.param(
        RuleCase(ALPHA, {"target": LOCAL_TARGET}, {"platform": GLOBAL_NETWORK}, "down", "R5"),
        id="R5-global-network-works-poorly-for-local-professionals",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"kind": "microblog"}},
            {"platform": {"kind": "microblog"}, "membership": {"publicizes_career": True}},
            "up",
            "R6",
        ),
        id="R6-weibo-cold-socializing",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {
                "platform": {"kind": "microblog"},
                "membership": {"publicizes_career": True},
                "purpose": Purpose.PEER_NETWORKING,
            },
            {"platform": {"kind": "microblog"}, "membership": {"publicizes_career": True}},
            "up",
            "R6",
        ),
        id="R6-weibo-strongest-for-business-development",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"interface_languages": frozenset({"zh-hans"})}},
            {
                "platform": {"interface_languages": frozenset({"zh-hans"})},
                "sender": {"reads_chinese": False},
            },
            "down",
            "R6",
        ),
        id="R6-chinese-only-interface-needs-a-chinese-reader",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"real_name_verification": "required"}},
            {
                "platform": {"real_name_verification": "required"},
                "sender": {"can_verify_mainland_account": False},
            },
            "down",
            "R6",
        ),
        id="R6-required-verification-needs-a-mainland-account",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"platform": {"cold_messaging": "no"}}, "down", "R7"),
        id="R7-wechat-needs-an-introduction",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"cold_messaging": "no"}},
            {"platform": {"cold_messaging": "no"}, "sender": {"has_mutual_contact": True}},
            "up",
            "R7",
        ),
        id="R7-wechat-strong-once-introduced",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"kind": "recruiting"}, "purpose": Purpose.BUSINESS_DEVELOPMENT},
            {"platform": {"kind": "recruiting"}, "purpose": Purpose.RECRUITING},
            "up",
            "R8",
        ),
        id="R8-liepin-for-recruiting",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"platform": {"kind": "recruiting"}}, "down", "R8"),
        id="R8-liepin-not-for-business-proposals",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"kind": "contacts"}},
            {"platform": {"kind": "contacts"}, "purpose": Purpose.PEER_NETWORKING},
            "up",
            "R9",
        ),
        id="R9-maimai-for-peer-networking",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"platform": {"anonymous_posting": "yes"}}, "down", "R9"),
        id="R9-maimai-gossip-poor-for-proposals",
    ),
    pytest.param(
        RuleCase(
            "chitu",
            {"platform": {"slug": "chitu"}, "target": {"seniority": "director"}},
            {"platform": {"slug": "chitu"}, "target": {"seniority": "junior"}},
            "up",
            "R10",
        ),
        id="R10-chitu-fits-junior-targets",
    ),
    pytest.param(
        RuleCase(
            "chitu",
            {"platform": {"slug": "chitu"}, "target": {"seniority": "junior"}},
            {"platform": {"slug": "chitu"}, "target": {"seniority": "c_level"}},
            "down",
            "R10",
        ),
        id="R10-chitu-poor-for-senior-targets",
    ),
    pytest.param(
        RuleCase(
            ALPHA,
            {"platform": {"kind": "meetings"}, "purpose": Purpose.RECRUITING},
            {"platform": {"kind": "meetings"}, "purpose": Purpose.BUSINESS_DEVELOPMENT},
            "up",
            "R11",
        ),
        id="R11-huihui-for-meetings",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"on_platform": False}, "down", "R12"),
        id="R12-not-on-platform-cannot-reach",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"membership": {"active": False}}, "down", "R12"),
        id="R12-inactive-below-active",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"membership": {"verified": True}}, "up", "R12"),
        id="R12-verified-ranks-higher",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"membership": {"preferred": True}}, "up", "R12"),
        id="R12-preferred-ranks-higher",
    ),
    pytest.param(
        RuleCase(ALPHA, {}, {"membership": {"open_to_inquiries": False}}, "down", "R12"),
        id="R12-closed-to-inquiries-ranks-lower",
    ),
]


@pytest.mark.parametrize("case", RULE_CASES)
def test_rule_moves_the_channel_and_says_why(case):
    before = scenario(**case.before).get(case.channel)
    after = scenario(**case.after).get(case.channel)

    if case.direction == "up":
        assert after.score > before.score
    else:
        assert after.score < before.score
    assert case.rule in {reason.rule for reason in after.reasons}


# Rules that set an order rather than move one score: (scenario, channel above, channel below).
ORDER_CASES = [
    pytest.param({}, ALPHA, PHONE, "R4", id="R4-cold-call-below-a-message-on-their-platform"),
    pytest.param({}, IN_PERSON, PHONE, "R4", id="R4-cold-call-below-meeting-in-person"),
    pytest.param(
        {"sender": {"has_mutual_contact": True}, "membership": {"verified": True}},
        WARM_INTRODUCTION,
        ALPHA,
        "R2",
        id="R2-warm-introduction-first-at-chinese-firms",
    ),
    pytest.param(
        {"target": GLOBAL_TARGET},
        EMAIL,
        PHONE,
        "R3",
        id="R3-email-fair-for-multinational-staff",
    ),
    pytest.param(
        {"platform": {"kind": "recruiting"}, "purpose": Purpose.JOB_SEARCH},
        ALPHA,
        WARM_INTRODUCTION,
        "R8",
        id="R8-liepin-first-for-job-search",
    ),
]


@pytest.mark.parametrize(("overrides", "above", "below", "rule"), ORDER_CASES)
def test_rule_orders_the_channels(overrides, above, below, rule):
    advice = scenario(**overrides)

    assert rank_of(advice, above) < rank_of(advice, below)
    assert rule in {r.rule for r in advice.get(above).reasons + advice.get(below).reasons}


def test_every_rule_has_a_named_case():
    case_rules = {param.id.split("-")[0] for param in RULE_CASES + ORDER_CASES}

    assert case_rules == {rule.id for rule in Rule}


# --- A catalog shaped like the curated data ---------------------------------------------------


def traits(slug: str, kind: str, status: str = "active", **fields) -> PlatformTraits:
    return PlatformTraits(slug=slug, name_en=slug.title(), kind=kind, status=status, **fields)


CHINA = ChannelCatalog(
    [
        traits(
            "weibo",
            "microblog",
            interface_languages=frozenset({"zh-hans", "zh-hant"}),
            real_name_verification="required",
            email_reliance="low",
            cold_messaging="yes",
            anonymous_posting="no",
            reach_beyond_china="low",
            citations={"kind": (SourceRef("s0", "Weibo for executives"),)},
        ),
        traits(
            "linkedin",
            "professional_network",
            status="restricted",
            interface_languages=frozenset({"en", "zh-hans"}),
            real_name_verification="optional",
            email_reliance="high",
            cold_messaging="limited",
            anonymous_posting="no",
            reach_beyond_china="high",
        ),
        traits(
            "wechat",
            "messaging",
            interface_languages=frozenset({"en", "zh-hans"}),
            real_name_verification="required",
            email_reliance="low",
            cold_messaging="no",
        ),
        traits(
            "liepin",
            "recruiting",
            interface_languages=frozenset({"zh-hans"}),
            email_reliance="medium",
            cold_messaging="limited",
        ),
        traits(
            "maimai",
            "contacts",
            interface_languages=frozenset({"zh-hans"}),
            real_name_verification="required",
            cold_messaging="limited",
            anonymous_posting="yes",
        ),
        traits("huihui", "meetings", status="unknown"),
        traits("chitu", "professional_network", status="shut_down"),
        traits("ushi", "professional_network", status="shut_down"),
    ],
    sources={"s4": SourceRef("s4", "Business social networking on Sina Weibo", "https://e.x/4")},
)

PRIVATE_FIRM_CEO = Target(
    company_type="chinese_private",
    seniority="c_level",
    languages=("zh",),
    memberships=(TargetMembership("weibo", active=True, publicizes_career=True),),
)
SENDER_SETTINGS = [
    pytest.param(open_, verify, id=f"open={open_}-can-verify={verify}")
    for open_ in (True, False)
    for verify in (True, False)
]


def ceo_on_weibo(open_to_inquiries: bool) -> Target:
    membership = replace(PRIVATE_FIRM_CEO.memberships[0], open_to_inquiries=open_to_inquiries)
    return replace(PRIVATE_FIRM_CEO, memberships=(membership,))


@pytest.mark.parametrize(("open_to_inquiries", "can_verify"), SENDER_SETTINGS)
def test_done_when_private_firm_ceo_on_weibo_gets_weibo_above_email_and_phone(
    open_to_inquiries, can_verify
):
    advice = recommend(
        CHINA,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=ceo_on_weibo(open_to_inquiries),
        sender=Sender(reads_chinese=True, can_verify_mainland_account=can_verify),
    )

    assert rank_of(advice, "weibo") < rank_of(advice, EMAIL)
    assert rank_of(advice, "weibo") < rank_of(advice, PHONE)
    cold_socializing = [r for r in advice.get("weibo").reasons if r.rule == "R6"]
    assert cold_socializing
    assert all(reason.sources for reason in cold_socializing)


@pytest.mark.parametrize(("open_to_inquiries", "can_verify"), SENDER_SETTINGS)
def test_done_when_a_mutual_contact_puts_the_warm_introduction_first(open_to_inquiries, can_verify):
    advice = recommend(
        CHINA,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=ceo_on_weibo(open_to_inquiries),
        sender=Sender(
            reads_chinese=True, can_verify_mainland_account=can_verify, has_mutual_contact=True
        ),
    )

    assert advice.best.channel == WARM_INTRODUCTION
    assert {"s2", "s4"} <= {s.key for r in advice.best.reasons for s in r.sources}


@pytest.mark.parametrize("mutual_contact", [True, False], ids=["mutual-contact", "no-contact"])
@pytest.mark.parametrize(("open_to_inquiries", "can_verify"), SENDER_SETTINGS)
def test_done_when_a_multinational_english_speaker_on_linkedin_gets_linkedin_above_weibo(
    open_to_inquiries, can_verify, mutual_contact
):
    settings = {"active": True, "open_to_inquiries": open_to_inquiries}
    target = Target(
        company_type="multinational",
        seniority="manager",
        languages=("zh", "en"),
        abroad_experience=True,
        memberships=(
            TargetMembership("weibo", publicizes_career=True, **settings),
            TargetMembership("linkedin", **settings),
        ),
    )

    advice = recommend(
        CHINA,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=target,
        sender=Sender(
            reads_chinese=True,
            can_verify_mainland_account=can_verify,
            has_mutual_contact=mutual_contact,
        ),
    )

    assert advice.get("linkedin").score > advice.get("weibo").score
    assert "R5" in {reason.rule for reason in advice.get("linkedin").reasons}


def test_recruiting_puts_a_recruiting_platform_first_when_the_target_is_on_it():
    target = Target(
        company_type="state_owned",
        seniority="director",
        languages=("zh",),
        memberships=(
            TargetMembership("liepin", open_to_inquiries=True),
            TargetMembership("weibo", open_to_inquiries=True),
        ),
    )

    advice = recommend(
        CHINA, purpose=Purpose.RECRUITING, target=target, sender=Sender(reads_chinese=True)
    )

    assert advice.best.channel == "liepin"


# --- Guarantees -------------------------------------------------------------------------------

EVERYWHERE = Target(
    company_type="chinese_private",
    seniority="junior",
    languages=("zh", "en"),
    abroad_experience=True,
    memberships=tuple(
        TargetMembership(t.slug, open_to_inquiries=True, publicizes_career=True, verified=True)
        for t in CHINA.platforms
    ),
)


def test_every_channel_is_listed_once_with_shut_down_platforms_last_and_unavailable():
    advice = recommend(CHINA, purpose=Purpose.RECRUITING, target=EVERYWHERE, sender=Sender())

    assert sorted(c.channel for c in advice.channels) == sorted(CHINA.channel_ids)
    assert [c.channel for c in advice.channels[-2:]] == ["chitu", "ushi"]
    assert all(not c.available and c.score == 0 for c in advice.channels[-2:])
    assert {c.channel for c in advice.unavailable} == {"chitu", "ushi"}


def test_other_channels_are_marked_as_such():
    advice = recommend(CHINA, purpose=Purpose.RECRUITING, target=EVERYWHERE, sender=Sender())

    assert {c.channel for c in advice.channels if c.kind == "other"} == set(OTHER_CHANNELS)


def test_a_channel_closed_to_inquiries_never_ranks_first_however_strong():
    """Liepin for recruiting would win on points; closed to inquiries, it must not come first."""
    target = Target(
        company_type="multinational",
        seniority="manager",
        languages=("en",),
        memberships=(TargetMembership("liepin", verified=True, preferred=True),),
    )

    advice = recommend(
        CHINA,
        purpose=Purpose.RECRUITING,
        target=target,
        sender=Sender(reads_chinese=True, can_verify_mainland_account=True),
    )

    assert advice.best.channel != "liepin"
    assert advice.get("liepin").score < advice.best.score


def test_a_platform_the_target_is_not_on_is_not_advised():
    advice = recommend(
        CHINA, purpose=Purpose.BUSINESS_DEVELOPMENT, target=PRIVATE_FIRM_CEO, sender=Sender()
    )

    linkedin = advice.get("linkedin")
    assert linkedin.score == 0
    assert not linkedin.advised
    assert [reason.rule for reason in linkedin.reasons] == ["R12"]
    assert linkedin in advice.unreachable


def test_advice_is_deterministic_whatever_the_input_order():
    shuffled = ChannelCatalog(reversed(CHINA.platforms), CHINA.sources)
    reordered = replace(EVERYWHERE, memberships=tuple(reversed(EVERYWHERE.memberships)))

    first = recommend(CHINA, purpose=Purpose.PEER_NETWORKING, target=EVERYWHERE, sender=Sender())
    second = recommend(shuffled, purpose=Purpose.PEER_NETWORKING, target=reordered, sender=Sender())

    assert first == second


def test_a_catalog_that_has_advised_others_advises_as_a_new_one():
    """The catalog keeps each platform's outcome per membership and context; what it advised
    before never shows in what it advises next."""
    questions = [
        (purpose, replace(EVERYWHERE, seniority=seniority, company_type=company_type), sender)
        for purpose in (Purpose.RECRUITING, Purpose.PEER_NETWORKING)
        for seniority in ("c_level", "manager")
        for company_type in ("chinese_private", "multinational")
        for sender in (Sender(), Sender(reads_chinese=True, has_mutual_contact=True))
    ]
    kept = ChannelCatalog(CHINA.platforms, CHINA.sources)

    for purpose, target, sender in [*questions, *reversed(questions)]:
        new = ChannelCatalog(CHINA.platforms, CHINA.sources)
        advice = recommend(kept, purpose=purpose, target=target, sender=sender)
        assert advice == recommend(new, purpose=purpose, target=target, sender=sender)


def test_ties_are_broken_by_channel_id():
    advice = recommend(
        CHINA, purpose=Purpose.BUSINESS_DEVELOPMENT, target=PRIVATE_FIRM_CEO, sender=Sender()
    )

    unreachable = [c.channel for c in advice.unreachable]
    assert unreachable == sorted(unreachable)


@pytest.mark.parametrize("slug", ["weibo", "renamed-microblog"])
def test_rules_read_traits_not_slugs(slug):
    """A Weibo-like platform under another slug gets the same score (only R10 names a slug)."""
    weibo = replace(CHINA.platforms[[t.slug for t in CHINA.platforms].index("weibo")], slug=slug)
    target = replace(
        PRIVATE_FIRM_CEO, memberships=(TargetMembership(slug, publicizes_career=True),)
    )

    advice = recommend(
        ChannelCatalog([weibo]),
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=target,
        sender=Sender(reads_chinese=True),
    )

    expected = recommend(
        ChannelCatalog([replace(weibo, slug="weibo")]),
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=replace(target, memberships=(replace(target.memberships[0], platform="weibo"),)),
        sender=Sender(reads_chinese=True),
    )
    assert advice.get(slug).score == expected.get("weibo").score


def test_an_english_interface_lifts_the_chinese_only_penalty():
    chinese_only = scenario(
        platform={"interface_languages": frozenset({"zh-hans"})},
        sender={"reads_chinese": False},
    )
    bilingual = scenario(
        platform={"interface_languages": frozenset({"zh-hans", "en"})},
        sender={"reads_chinese": False},
    )

    assert bilingual.get(ALPHA).score > chinese_only.get(ALPHA).score


def test_reasons_cite_the_rule_seeds_and_the_platforms_own_citations_in_key_order():
    catalog = ChannelCatalog(
        [
            PlatformTraits(
                **{**NEUTRAL_TRAITS, "email_reliance": "high"},
                citations={"email_reliance": (SourceRef("w15", "Foreign Policy"),)},
            )
        ],
        sources={"s2": SourceRef("s2", "China's old-school networking", "https://e.x/2")},
    )
    advice = recommend(
        catalog,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=Target("state_owned", "director", ("zh",), memberships=(TargetMembership(ALPHA),)),
        sender=Sender(),
    )

    email_reason = next(r for r in advice.get(ALPHA).reasons if r.rule == "R3")
    assert [s.key for s in email_reason.sources] == ["s2", "w15"]
    assert email_reason.sources[0].url == "https://e.x/2"
    cited = [source.key for source in advice.cited_sources]
    assert cited.count("s2") == 1
    assert cited.index("s2") < cited.index("w15")


def test_reasons_are_translated_when_shown_not_when_scored():
    advice = scenario()

    assert all(isinstance(r.message, Promise) for c in advice.channels for r in c.reasons)


def test_scores_are_integers_between_0_and_100():
    advice = recommend(CHINA, purpose=Purpose.JOB_SEARCH, target=EVERYWHERE, sender=Sender())

    assert all(isinstance(c.score, int) and 0 <= c.score <= 100 for c in advice.channels)


@pytest.mark.parametrize(
    "fields",
    [
        {"company_type": "startup", "seniority": "manager"},
        {"company_type": "state_owned", "seniority": "intern"},
    ],
    ids=["unknown-company-type", "unknown-seniority"],
)
def test_unknown_target_vocabulary_is_refused(fields):
    with pytest.raises(ValueError, match="is not a valid"):
        Target(**fields)


def test_a_platform_listed_twice_in_memberships_is_refused():
    with pytest.raises(ValueError, match="twice"):
        Target("state_owned", "manager", memberships=(TargetMembership("x"), TargetMembership("x")))


def test_an_unknown_purpose_is_refused():
    with pytest.raises(ValueError, match="is not a valid"):
        scenario(purpose="selling")


def test_top_gives_the_best_advised_channels_only():
    advice = recommend(
        CHINA, purpose=Purpose.BUSINESS_DEVELOPMENT, target=PRIVATE_FIRM_CEO, sender=Sender()
    )

    top = advice.top(10)

    assert top == advice.advised
    assert all(channel.score > 0 for channel in top)
    assert [c.channel for c in advice.top(2)] == [c.channel for c in advice.channels[:2]]
