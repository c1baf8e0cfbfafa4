"""Where an executive is reachable and what to change (outreach.reachability), without a database.

One table of suggestion cases: each starts from a well set-up executive (who gets no
suggestion) and changes what one suggestion is about, so exactly that suggestion appears.
The catalog is shaped like the real platform data, traits only.
"""

from dataclasses import dataclass, field, replace

import pytest
from django.utils import translation

from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.reachability import (
    CHINA_BASED_SENDER,
    FOREIGN_SENDER,
    OWNER_PURPOSES,
    Setting,
    headline_reason,
    reachable_by,
    suggestions,
    summarize,
)
from outreach.recommender import ChannelCatalog, recommend
from outreach.vocabulary import WARM_INTRODUCTION, Purpose


def platform(slug: str, name_en: str, name_zh: str, kind: str, **traits) -> PlatformTraits:
    return PlatformTraits(
        slug=slug,
        name_en=name_en,
        name_zh=name_zh,
        kind=kind,
        status=traits.pop("status", "active"),
        **traits,
    )


WEIBO = platform(
    "weibo",
    "Sina Weibo",
    "新浪微博",
    "microblog",
    interface_languages=frozenset({"zh-hans", "zh-hant"}),
    real_name_verification="required",
    cold_messaging="yes",
    reach_beyond_china="low",
)
LINKEDIN = platform(
    "linkedin",
    "LinkedIn",
    "领英",
    "professional_network",
    status="restricted",
    interface_languages=frozenset({"en", "zh-hans"}),
    email_reliance="high",
    cold_messaging="yes",
    reach_beyond_china="high",
)
WECHAT = platform(
    "wechat",
    "WeChat",
    "微信",
    "messaging",
    interface_languages=frozenset({"en", "zh-hans"}),
    real_name_verification="required",
    email_reliance="low",
    cold_messaging="no",
)
MAIMAI = platform(
    "maimai",
    "Maimai",
    "脉脉",
    "contacts",
    real_name_verification="required",
    anonymous_posting="yes",
)
LIEPIN = platform("liepin", "Liepin", "猎聘", "recruiting")
CHITU = platform(
    "chitu", "Chitu", "赤兔", "professional_network", status="shut_down", reach_beyond_china="low"
)
CATALOG = ChannelCatalog([WEIBO, LINKEDIN, WECHAT, MAIMAI, LIEPIN, CHITU])
# LinkedIn as if it were not restricted in China: cases about its reach, not its status.
UNRESTRICTED = ChannelCatalog(
    [WEIBO, replace(LINKEDIN, status="active"), WECHAT, MAIMAI, LIEPIN, CHITU]
)


def on(slug: str, **settings) -> TargetMembership:
    """Active and open to inquiries unless told otherwise."""
    return TargetMembership(slug, **{"active": True, "open_to_inquiries": True, **settings})


WELL_SET_UP = (
    on("weibo", publicizes_career=True, verified=True, preferred=True),
    on("liepin"),
    on("maimai"),
)


@dataclass(frozen=True)
class Executive:
    memberships: tuple[TargetMembership, ...] = WELL_SET_UP
    company_type: str = "chinese_private"
    languages: tuple[str, ...] = ("zh",)
    private: bool = False
    open_to_opportunities: bool = True
    catalog: ChannelCatalog = field(default=CATALOG)

    def target(self) -> Target:
        return Target(
            company_type=self.company_type,
            seniority="c_level",
            languages=self.languages,
            memberships=self.memberships,
        )

    def suggestions(self):
        return suggestions(
            catalog=self.catalog,
            target=self.target(),
            private=self.private,
            open_to_opportunities=self.open_to_opportunities,
        )


def replaced(memberships, slug: str, **settings) -> tuple[TargetMembership, ...]:
    return tuple(replace(m, **settings) if m.platform == slug else m for m in memberships)


@dataclass(frozen=True)
class SuggestionCase:
    executive: Executive
    suggestion: str
    rules: tuple[str, ...]
    setting: Setting
    platforms: tuple[str, ...] = ()


SUGGESTION_CASES = [
    pytest.param(
        SuggestionCase(Executive(private=True), "profile-private", ("R12",), Setting.VISIBILITY),
        id="private-profile-recruiters-cannot-find-you",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=(), open_to_opportunities=False),
            "no-platforms",
            ("R12",),
            Setting.MEMBERSHIPS,
        ),
        id="R12-no-operating-platform",
    ),
    pytest.param(
        SuggestionCase(
            Executive(
                memberships=(
                    on("weibo", open_to_inquiries=False, publicizes_career=True),
                    on("liepin", open_to_inquiries=False),
                ),
                open_to_opportunities=False,
            ),
            "closed-everywhere",
            ("R12", "R4"),
            Setting.MEMBERSHIPS,
        ),
        id="R12-not-open-to-inquiries-anywhere",
    ),
    pytest.param(
        SuggestionCase(
            Executive(
                memberships=(on("linkedin"), on("weibo", open_to_inquiries=False)),
                company_type="multinational",
                languages=("zh", "en"),
                open_to_opportunities=False,
                catalog=UNRESTRICTED,
            ),
            "closed-to-domestic-firms",
            ("R6", "R12"),
            Setting.MEMBERSHIPS,
            ("weibo",),
        ),
        id="R6-R12-not-open-where-domestic-firms-reach-you",
    ),
    pytest.param(
        SuggestionCase(
            Executive(
                memberships=(on("linkedin"),), open_to_opportunities=False, catalog=UNRESTRICTED
            ),
            "global-network-only",
            ("R5",),
            Setting.MEMBERSHIPS,
            ("linkedin",),
        ),
        id="R5-only-on-linkedin-at-a-domestic-firm",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=(on("wechat"),), open_to_opportunities=False),
            "introduction-only",
            ("R7",),
            Setting.MEMBERSHIPS,
            ("wechat",),
        ),
        id="R7-only-on-wechat-strangers-need-an-introduction",
    ),
    pytest.param(
        SuggestionCase(
            Executive(
                memberships=(
                    on("weibo", active=False, publicizes_career=True),
                    on("maimai"),
                ),
                open_to_opportunities=False,
            ),
            "inactive-on-best-channel",
            ("R12",),
            Setting.MEMBERSHIPS,
            ("weibo",),
        ),
        id="R12-inactive-on-the-best-channel",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=(*WELL_SET_UP, on("chitu", preferred=True))),
            "preferred-shut-down",
            ("R1",),
            Setting.MEMBERSHIPS,
            ("chitu",),
        ),
        id="R1-preferred-channel-shut-down",
    ),
    pytest.param(
        SuggestionCase(
            Executive(
                memberships=(
                    *replaced(WELL_SET_UP, "weibo", preferred=False),
                    on("linkedin", preferred=True),
                )
            ),
            "preferred-restricted",
            ("R1", "R5"),
            Setting.MEMBERSHIPS,
            ("linkedin",),
        ),
        id="R1-R5-preferred-channel-restricted-in-china",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=(*WELL_SET_UP, on("chitu"))),
            "on-shut-down-platform",
            ("R1",),
            Setting.MEMBERSHIPS,
            ("chitu",),
        ),
        id="R1-still-on-a-shut-down-platform",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=(*WELL_SET_UP, on("linkedin", open_to_inquiries=False))),
            "on-restricted-platform",
            ("R5",),
            Setting.MEMBERSHIPS,
            ("linkedin",),
        ),
        id="R5-on-a-platform-restricted-in-china",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=replaced(WELL_SET_UP, "liepin", open_to_inquiries=False)),
            "closed-on-recruiting-platforms",
            ("R8",),
            Setting.MEMBERSHIPS,
            ("liepin",),
        ),
        id="R8-open-to-opportunities-but-closed-on-liepin",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=tuple(m for m in WELL_SET_UP if m.platform != "liepin")),
            "no-recruiting-platform",
            ("R8",),
            Setting.MEMBERSHIPS,
        ),
        id="R8-open-to-opportunities-but-not-on-liepin",
    ),
    pytest.param(
        SuggestionCase(
            Executive(memberships=replaced(WELL_SET_UP, "weibo", publicizes_career=False)),
            "career-not-publicized",
            ("R6",),
            Setting.MEMBERSHIPS,
            ("weibo",),
        ),
        id="R6-open-on-weibo-without-publicizing-career",
    ),
]


def test_a_well_set_up_executive_gets_no_suggestion():
    assert Executive().suggestions() == ()


@pytest.mark.parametrize("case", SUGGESTION_CASES)
def test_each_setting_that_closes_a_door_gets_its_suggestion(case):
    assert [s.id for s in case.executive.suggestions()] == [case.suggestion]


@pytest.mark.parametrize("case", SUGGESTION_CASES)
def test_a_suggestion_names_its_rules_and_links_to_the_setting(case):
    (suggestion,) = case.executive.suggestions()

    assert tuple(rule.id for rule in suggestion.rules) == case.rules
    assert suggestion.setting is case.setting
    assert suggestion.platforms == case.platforms


@pytest.mark.parametrize("case", SUGGESTION_CASES)
def test_a_suggestion_reads_as_a_sentence_naming_its_platforms(case):
    (suggestion,) = case.executive.suggestions()
    names = {p.slug: p.name_en for p in CATALOG.platforms}

    with translation.override("en"):
        text = suggestion.text

    assert text.endswith(".")
    assert "%(" not in text
    assert all(names[slug] in text for slug in case.platforms)


@pytest.mark.parametrize("case", SUGGESTION_CASES)
def test_a_suggestion_is_only_about_the_executives_own_memberships(case):
    member_of = {m.platform for m in case.executive.memberships}

    assert all(set(s.platforms) <= member_of for s in case.executive.suggestions())


def test_no_recruiting_membership_suggests_joining_one_without_saying_you_are_closed_there():
    """Not on Liepin at all: never "not open to inquiries on Liepin", but Liepin to join."""
    executive = Executive(memberships=tuple(m for m in WELL_SET_UP if m.platform != "liepin"))
    (suggestion,) = executive.suggestions()

    with translation.override("en"):
        text = suggestion.text

    assert "not open to inquiries" not in text
    assert "not on a recruiting platform" in text
    assert "such as Liepin" in text


def test_no_recruiting_platform_to_join_means_no_suggestion():
    catalog = ChannelCatalog([WEIBO, MAIMAI, replace(LIEPIN, status="shut_down")])
    executive = Executive(
        memberships=tuple(m for m in WELL_SET_UP if m.platform != "liepin"), catalog=catalog
    )

    assert executive.suggestions() == ()


def test_only_on_a_shut_down_platform_says_add_one_and_remove_it():
    executive = Executive(memberships=(on("chitu"),), open_to_opportunities=False)

    assert [s.id for s in executive.suggestions()] == ["no-platforms", "on-shut-down-platform"]


def test_several_shut_down_platforms_are_named_in_one_plural_sentence():
    tianji = platform("tianji", "Tianji", "天际网", "professional_network", status="shut_down")
    catalog = ChannelCatalog([*CATALOG.platforms, tianji])
    executive = Executive(memberships=(*WELL_SET_UP, on("chitu"), on("tianji")), catalog=catalog)
    (suggestion,) = executive.suggestions()

    with translation.override("en"):
        text = suggestion.text

    assert suggestion.platforms == ("chitu", "tianji")
    assert text.startswith("Chitu, Tianji have shut down")
    assert "remove them" in text


def test_a_restricted_platform_is_flagged_even_when_only_on_it_at_a_domestic_firm():
    executive = Executive(memberships=(on("linkedin"),), open_to_opportunities=False)

    assert [s.id for s in executive.suggestions()] == [
        "global-network-only",
        "on-restricted-platform",
    ]


def test_platform_names_follow_the_language_of_the_page():
    executive = Executive(memberships=(on("wechat"),), open_to_opportunities=False)
    (suggestion,) = executive.suggestions()

    with translation.override("zh-hans"):
        assert "微信" in suggestion.text


def test_only_on_linkedin_suggests_domestic_platforms_to_join():
    executive = Executive(memberships=(on("linkedin"),), open_to_opportunities=False)
    suggestion = executive.suggestions()[0]

    with translation.override("en"):
        text = suggestion.text

    assert all(name in text for name in ("Sina Weibo", "Maimai", "Liepin"))
    assert "WeChat" not in text  # strangers can't message there: no use to join for this


def test_only_on_linkedin_is_fine_for_a_multinational_manager():
    executive = Executive(
        memberships=(on("linkedin"),),
        company_type="multinational",
        languages=("zh", "en"),
        open_to_opportunities=False,
    )

    assert "global-network-only" not in [s.id for s in executive.suggestions()]


def test_suggestions_read_traits_not_platform_names():
    """If WeChat let strangers message, being only there would no longer need an introduction."""
    open_wechat = replace(WECHAT, cold_messaging="yes")
    catalog = ChannelCatalog([WEIBO, LINKEDIN, open_wechat, MAIMAI, LIEPIN, CHITU])
    executive = Executive(memberships=(on("wechat"),), open_to_opportunities=False, catalog=catalog)

    assert "introduction-only" not in [s.id for s in executive.suggestions()]


def test_the_private_profile_comes_first():
    executive = Executive(
        private=True,
        memberships=replaced(WELL_SET_UP, "weibo", publicizes_career=False),
    )

    assert [s.id for s in executive.suggestions()] == ["profile-private", "career-not-publicized"]


# --- Where the executive is reachable -----------------------------------------------------------


def test_reachable_by_covers_each_owner_purpose_and_typical_sender():
    views = reachable_by(CATALOG, Executive().target())

    assert [view.purpose for view in views] == list(OWNER_PURPOSES)
    assert all(
        [s.sender for s in view.senders] == [CHINA_BASED_SENDER, FOREIGN_SENDER] for view in views
    )


def test_reachable_by_lists_only_the_executives_own_platforms():
    views = reachable_by(CATALOG, Executive().target())

    listed = {item.channel.channel for view in views for s in view.senders for item in s.platforms}
    assert listed <= {"weibo", "liepin", "maimai"}
    assert listed


def test_a_sender_who_cant_read_chinese_ranks_weibo_lower():
    (business,) = [
        v
        for v in reachable_by(CATALOG, Executive().target())
        if v.purpose == Purpose.BUSINESS_DEVELOPMENT
    ]
    china_based, foreign = business.senders

    def weibo_score(view):
        return next(i.channel.score for i in view.platforms if i.channel.channel == "weibo")

    assert weibo_score(foreign) < weibo_score(china_based)
    assert china_based.platforms[0].channel.channel == "weibo"


def test_channels_that_beat_every_platform_are_named_as_tried_first():
    """Only on WeChat and not open there: a stranger would look for an introduction first."""
    target = Executive(
        memberships=(on("wechat", open_to_inquiries=False),), open_to_opportunities=False
    ).target()

    recruiting = reachable_by(CATALOG, target)[0]

    assert all(s.ahead and s.ahead[0].channel == WARM_INTRODUCTION for s in recruiting.senders)
    assert all(not any(c.kind == "platform" for c in s.ahead) for s in recruiting.senders)


def test_a_channel_not_open_to_inquiries_is_never_what_they_try_first():
    """It may lead the executive's platforms, but then another channel comes before it."""
    target = Executive(
        memberships=(on("liepin", open_to_inquiries=False), on("weibo", publicizes_career=False)),
    ).target()

    views = [sender for view in reachable_by(CATALOG, target) for sender in view.senders]

    closed_first = [s for s in views if not s.platforms[0].channel.open_to_inquiries]
    assert closed_first  # the case this test is about occurs
    assert all(s.ahead for s in closed_first)


# --- Short summaries (search results) ------------------------------------------------------------


def test_summary_keeps_the_advised_order_and_size():
    advice = recommend(
        CATALOG,
        purpose=Purpose.RECRUITING,
        target=Executive().target(),
        sender=CHINA_BASED_SENDER.sender,
    )

    summary = summarize(advice, 2)

    assert [item.channel for item in summary] == list(advice.top(2))


def test_the_headline_reason_is_the_first_not_about_the_persons_settings():
    advice = recommend(
        CATALOG, purpose=Purpose.RECRUITING, target=Executive().target(), sender=Sender()
    )
    liepin = advice.get("liepin")

    reason = headline_reason(liepin)

    assert liepin.reasons[0].rule == "R12"
    assert reason.rule == "R8"


def test_the_headline_reason_falls_back_to_the_settings():
    target = Executive(memberships=(on("liepin"),)).target()
    neutral = replace(LIEPIN, kind="professional_network")
    advice = recommend(
        ChannelCatalog([neutral]), purpose=Purpose.RECRUITING, target=target, sender=Sender()
    )

    assert headline_reason(advice.get("liepin")).rule == "R12"
