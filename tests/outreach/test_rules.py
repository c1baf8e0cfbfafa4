"""The rules and their reasons, each declared once with its text (outreach.rules); no database.

A reason is an enum member that carries its rule, text and sources, and the catalog resolves
every member: there is no separate list to keep in step, so no reason can be given without its
text. A move names its note where it is declared, so a move can't name a note that isn't there.
"""

import itertools
import re

import pytest
from django.utils import translation
from django.utils.functional import Promise

from outreach import reasons, rules
from outreach.inputs import KnownPath, PlatformTraits, Sender, Target, TargetMembership
from outreach.reasons import Note, Rule
from outreach.recommender import ChannelCatalog, recommend
from outreach.rules import Move
from outreach.vocabulary import Purpose

MOVES = [value for value in vars(rules).values() if isinstance(value, Move)]

# One platform per reading the rules make, so that every move can happen.
PLATFORMS = [
    PlatformTraits("weibo", "Weibo", "microblog", "active", interface_languages=frozenset({"zh"}),
                   real_name_verification="required", cold_messaging="yes"),
    PlatformTraits("linkedin", "LinkedIn", "professional_network", "restricted",
                   email_reliance="high", reach_beyond_china="high"),
    PlatformTraits("dajie", "Dajie", "professional_network", "active", email_reliance="medium"),
    PlatformTraits("wechat", "WeChat", "messaging", "active", cold_messaging="no"),
    PlatformTraits("maimai", "Maimai", "contacts", "active", anonymous_posting="yes"),
    PlatformTraits("liepin", "Liepin", "recruiting", "active"),
    PlatformTraits("huihui", "Huihui", "meetings", "active"),
    PlatformTraits("chitu", "Chitu", "professional_network", "active"),
    PlatformTraits("weirenmai", "WeiRenMai", "contacts", "unknown", historical=True),
    PlatformTraits("ushi", "Ushi", "professional_network", "shut_down"),
]  # fmt: skip


@pytest.mark.parametrize("note", list(Note), ids=lambda note: note.name)
def test_every_note_has_its_rule_and_its_text(note):
    assert isinstance(note.rule, Rule)
    assert isinstance(note.message, Promise)
    with translation.override("en"):
        assert str(note.message).endswith(".")
    assert all(re.fullmatch(r"s\d+", key) for key in note.seeds)


@pytest.mark.parametrize("rule", list(Rule), ids=lambda rule: rule.id)
def test_every_rule_has_its_title_its_seeds_and_a_note(rule):
    with translation.override("en"):
        assert str(rule.title).endswith(".")
    assert rule.seeds
    assert any(note.rule is rule for note in Note)


def test_every_move_names_a_declared_note():
    assert MOVES
    assert all(isinstance(move.note, Note) for move in MOVES)


def test_every_note_is_a_move_or_a_fixed_outcome():
    """Shut down or historical (R1) and not on the platform (R12) are outcomes that score 0,
    not moves."""
    fixed = {Note.SHUT_DOWN, Note.HISTORICAL, Note.NOT_ON_PLATFORM}
    assert set(Note) - {move.note for move in MOVES} == fixed


def every_kind_of_request():
    settings = [
        {"active": True, "open_to_inquiries": True, "publicizes_career": True, "verified": True,
         "preferred": True},
        {"active": False},
        {"active": None, "open_to_inquiries": None},  # how they use it is unknown
        {"presence": "unknown", "active": None, "open_to_inquiries": None},
        None,  # not on any platform
    ]  # fmt: skip
    for purpose, company_type, seniority, languages, flags, membership in itertools.product(
        Purpose,
        ("chinese_private", "multinational"),
        ("junior", "c_level"),
        (("zh",), ("zh", "en")),
        itertools.product((False, True), repeat=4),
        settings,
    ):
        abroad, *sender = flags
        memberships = (
            ()
            if membership is None
            else tuple(TargetMembership(p.slug, **membership) for p in PLATFORMS[:-1])
        )
        target = Target(company_type, seniority, languages, abroad, memberships)
        for path in PATHS:
            yield purpose, target, Sender(*sender, path=path)


# No path known, and one of each kind: close and willing, any other second degree, third degree,
# and longer (a teammate's third-degree path).
PATHS = (
    None,
    KnownPath(degree=2, weakest_closeness=3, intermediary="Li Wei", willing=True),
    KnownPath(degree=2, weakest_closeness=1, intermediary="Li Wei"),
    KnownPath(degree=3, weakest_closeness=3, intermediary="Li Wei", willing=True),
    KnownPath(degree=4, weakest_closeness=3, intermediary="Li Wei", willing=True),
)


def test_every_note_is_given_with_its_text_and_sources():
    catalog = ChannelCatalog(PLATFORMS)
    given = {}
    with translation.override("en"):
        for purpose, target, sender in every_kind_of_request():
            advice = recommend(catalog, purpose=purpose, target=target, sender=sender)
            for channel in advice.channels:
                for reason in channel.reasons:
                    given[str(reason.message)] = reason
        texts = {
            note: str(note.message) % {"name": "Li Wei"}
            if note in reasons.NAMING_NOTES
            else str(note.message)
            for note in Note
        }

    assert set(given) == set(texts.values())
    for note, text in texts.items():
        reason = given[text]
        assert reason.rule == note.rule.id
        assert {source.key for source in reason.sources} >= set(note.seeds)


def test_a_verified_account_is_their_own_word_not_a_fact():
    """R12's verified is what the executive (or whoever asks) says, never checked by NetworkDir:
    the reason and the find-out say so, as "says verified" does everywhere recruiters see it."""
    catalog = ChannelCatalog(PLATFORMS)
    sender = Sender()
    said = Target(
        "chinese_private", "c_level", memberships=(TargetMembership("weibo", verified=True),)
    )
    unknown = Target(
        "chinese_private", "c_level", memberships=(TargetMembership("huihui", verified=None),)
    )
    with translation.override("en"):
        reason = next(
            r.text
            for r in recommend(catalog, purpose="recruiting", target=said, sender=sender)
            .get("weibo")
            .reasons
            if r.message is Note.VERIFIED.message
        )
        find_out = str(
            recommend(catalog, purpose="recruiting", target=unknown, sender=sender)
            .get("huihui")
            .find_out
        )

    assert reason == "They say their account here is verified."
    assert "they say their account there is verified" in find_out
