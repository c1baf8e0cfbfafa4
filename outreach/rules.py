"""The recommender's rules R1-R12: the reasons they give, how far each moves a score, and when.

Each rule and each reason ("note") is an enum member declared once with its text, its seed
articles and the platform claims whose citations it shows; the catalog resolves every member, so
no reason can lack its text. Each move pairs its points with its note where it is declared, so a
move naming a note that does not exist stops the import. The rules are the ones in DESIGN.md.

Scoring model: a platform the target is on starts at `PLATFORM_BASE` (so does one where whoever
asks doesn't know: unknown counts neither for nor against), a platform they are not
on scores 0 (R12), a shut-down one scores 0 and is unavailable (R1); the other channels (warm
introduction, email, phone, in person) start at `OTHER_BASE`. Each move that applies adds its
points and records its note. Every channel but a warm introduction tops out at `COLD_CEILING`:
a message, call or meeting request is still a cold approach, so a warm introduction at a
Chinese firm (100, R2) stays first. `outreach.recommender` applies the moves and ranks.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from outreach.vocabulary import (
    CLOSE_LINK,
    EMAIL,
    IN_PERSON,
    PHONE,
    WARM_INTRODUCTION,
    Presence,
    Purpose,
)


class Rule(enum.Enum):
    """A rule of the advice: its title and the seed articles behind it. `id` is `R1`...`R12`."""

    def __new__(cls, title: Promise, seeds: tuple[str, ...]) -> Rule:
        rule = object.__new__(cls)
        # Numbered in declaration order: the lazy title must not be compared or hashed, which
        # would translate it at import time.
        rule._value_ = len(cls._member_names_) + 1
        rule.title = title
        rule.seeds = seeds
        return rule

    @property
    def id(self) -> str:
        return self.name

    R1 = _("A platform that has shut down is never advised."), ("s3",)
    R2 = _("A warm introduction comes first."), ("s2", "s4")
    R3 = _("Email is weak with managers at Chinese firms."), ("s2",)
    R4 = _("Cold calls get blocked by switchboards."), ("s4",)
    R5 = _("Global professional networks fit the globally exposed."), ("s2", "s3", "s4")
    R6 = _("Cold socializing on a microblog, if you can use it."), ("s0", "s4")
    R7 = _("Messaging apps are for people you know."), ("s3", "s4")
    R8 = _("Recruiting platforms are for headhunting."), ("s3",)
    R9 = _("Contacts networks suit keeping up with peers, not proposals."), ("s3",)
    R10 = _("Chitu fits junior targets only."), ("s3",)
    R11 = _("Meeting apps matter when a meeting is the goal."), ("s3",)
    R12 = _("Respect the target's choices."), ("s2",)


class Note(enum.Enum):
    """A reason before it is tied to a platform: its rule, its message, the seeds behind it and
    the platform claims (`email_reliance`, `status`...) whose citations it also shows."""

    def __new__(
        cls,
        rule: Rule,
        message: Promise,
        seeds: tuple[str, ...] = (),
        claims: tuple[str, ...] = (),
    ) -> Note:
        note = object.__new__(cls)
        note._value_ = len(cls._member_names_) + 1  # see Rule.__new__
        note.rule = rule
        note.message = message
        note.seeds = seeds
        note.claims = claims
        return note

    # Looked up for every move of every channel scored: identity hashing is the fastest.
    __hash__ = object.__hash__

    # R1
    SHUT_DOWN = (
        Rule.R1,
        _("It has shut down and can no longer reach anyone."),
        ("s3",),
        ("status",),
    )
    HISTORICAL = (
        Rule.R1,
        _(
            "It is kept for the record only: no source shows it still operating, so it is "
            "never advised."
        ),
        (),
        ("status",),
    )
    # R2
    INTRO_MUTUAL_DOMESTIC = (
        Rule.R2,
        _(
            "Chinese firms network through people they know: "
            "ask your mutual contact to introduce you."
        ),
        ("s2",),
    )
    INTRO_MUTUAL_GLOBAL = (
        Rule.R2,
        _("An introduction through your mutual contact beats a cold message."),
        ("s2",),
    )
    INTRO_SEEK_DOMESTIC = (
        Rule.R2,
        _(
            "At a Chinese firm even an introduction by a loose acquaintance beats a cold message: "
            "look for someone who knows them."
        ),
        ("s2",),
    )
    INTRO_SEEK_GLOBAL = (
        Rule.R2,
        _("Without a mutual contact, first find someone who can introduce you."),
        ("s2",),
    )
    # R2, with the sender's best real path in NetworkDir's network: `%(name)s` is the person
    # to ask first, named to the sender (see NAMING_NOTES).
    INTRO_PATH_CLOSE_DOMESTIC = (
        Rule.R2,
        _(
            "Chinese firms network through people they know, and %(name)s, close to you both, "
            "is glad to introduce you: ask them first."
        ),
        ("s2",),
    )
    INTRO_PATH_CLOSE_GLOBAL = (
        Rule.R2,
        _(
            "%(name)s, close to you both, is glad to introduce you: an introduction beats a "
            "cold message."
        ),
        ("s2",),
    )
    INTRO_PATH_DOMESTIC = (
        Rule.R2,
        _(
            "Chinese firms network through people they know: ask %(name)s, whom you both know, "
            "to introduce you."
        ),
        ("s2",),
    )
    INTRO_PATH_GLOBAL = (
        Rule.R2,
        _("%(name)s, whom you both know, can introduce you: an introduction beats a cold message."),
        ("s2",),
    )
    INTRO_PATH_THIRD_DOMESTIC = (
        Rule.R2,
        _(
            "At a Chinese firm even an introduction through two people beats a cold message: "
            "%(name)s knows someone who knows them."
        ),
        ("s2",),
    )
    INTRO_PATH_THIRD_GLOBAL = (
        Rule.R2,
        _(
            "%(name)s knows someone who knows them: two introductions take longer, but beat a "
            "cold message."
        ),
        ("s2",),
    )
    WORD_OF_MOUTH = (Rule.R2, _("C-level executives in China rely on word of mouth."), ("s4",))
    OFFLINE = (Rule.R2, _("Networking at Chinese firms happens offline, face to face."), ("s2",))
    MEETING_VIA_CONTACT = (Rule.R2, _("Your mutual contact can set up a meeting."), ("s2",))
    # R3
    EMAIL_DOMESTIC = (
        Rule.R3,
        _(
            "Managers at Chinese firms seldom use email; "
            "they prefer the phone or meeting in person."
        ),
        ("s2",),
    )
    EMAIL_GLOBAL = (
        Rule.R3,
        _("Staff of multinationals, joint ventures and foreign firms are used to email."),
        ("s2",),
    )
    PHONE_AFTER_INTRO = (
        Rule.R3,
        _("Once you are introduced, call: managers at Chinese firms prefer the phone."),
        ("s2",),
    )
    PLATFORM_EMAIL_HIGH = (
        Rule.R3,
        _("It works through email, which managers at Chinese firms seldom read."),
        ("s2",),
        ("email_reliance",),
    )
    PLATFORM_EMAIL_MEDIUM = (
        Rule.R3,
        _("It partly works through email, which managers at Chinese firms seldom read."),
        ("s2",),
        ("email_reliance",),
    )
    # R4
    COLD_CALL = (
        Rule.R4,
        _(
            "Switchboards block calls that are not for a named person, "
            "so a cold call rarely gets through."
        ),
        ("s4",),
    )
    # R5
    GLOBAL_COMPANY = (
        Rule.R5,
        _("Its core users in China work for multinationals and joint ventures, as they do."),
        ("s2",),
        ("reach_beyond_china",),
    )
    SPEAKS_ENGLISH = (
        Rule.R5,
        _("They speak English, as its core users in China do."),
        ("s2",),
        ("reach_beyond_china",),
    )
    ABROAD = (
        Rule.R5,
        _("They studied or worked abroad, as many of its users in China did."),
        ("s2",),
        ("reach_beyond_china",),
    )
    LOCAL_PROFESSIONAL = (
        Rule.R5,
        _("It works poorly for local professionals at domestic firms."),
        ("s2", "s4"),
        ("reach_beyond_china",),
    )
    # R6
    PUBLICIZES_CAREER = (
        Rule.R6,
        _(
            "They publicize their career here, and people who do tend to welcome business "
            "inquiries, executives included."
        ),
        ("s4",),
        ("cold_messaging",),
    )
    OPENS_DOORS = (
        Rule.R6,
        _(
            "For business with a domestic firm, a private message here "
            "opens doors a switchboard keeps shut."
        ),
        ("s4",),
        ("cold_messaging",),
    )
    CHINESE_ONLY = (
        Rule.R6,
        _(
            "Its interface is in Chinese only and you don't read Chinese: "
            "ask a China-based colleague."
        ),
        ("s0",),
        ("interface_languages",),
    )
    VERIFICATION = (
        Rule.R6,
        _(
            "It requires real-name verification, which is hard without a mainland identity: "
            "ask a China-based colleague with a verified account."
        ),
        ("s0",),
        ("real_name_verification",),
    )
    # R7
    NEEDS_INTRODUCTION = (
        Rule.R7,
        _("A first contact here needs an introduction: it reaches people you already know."),
        ("s3", "s4"),
        ("cold_messaging",),
    )
    AFTER_INTRODUCTION = (
        Rule.R7,
        _("Once your mutual contact introduces you, this is the natural place to talk."),
        ("s3", "s4"),
        ("cold_messaging",),
    )
    # R8
    HEADHUNTING = (
        Rule.R8,
        _(
            "It connects headhunters with job seekers and lists open positions: "
            "it is built for recruiting and job search."
        ),
        ("s3",),
        ("kind",),
    )
    NOT_FOR_PROPOSALS = (
        Rule.R8,
        _("It is built for headhunting, not for proposals or networking."),
        ("s3",),
        ("kind",),
    )
    # R9
    CONTACTS = (
        Rule.R9,
        _("It is built to keep up with professional contacts and make new ones."),
        ("s3",),
        ("kind",),
    )
    GOSSIP = (
        Rule.R9,
        _("Anonymous posting turned it into a gossip venue: poor for formal proposals."),
        ("s3",),
        ("anonymous_posting",),
    )
    # R10
    YOUNG_PROFESSIONALS = (
        Rule.R10,
        _("It was made for young, newly employed professionals."),
        ("s3",),
    )
    JUNIOR_ONLY = (
        Rule.R10,
        _(
            "It was made for young professionals and has no global network: "
            "it fits junior targets only."
        ),
        ("s3",),
    )
    # R11
    MEETINGS = (
        Rule.R11,
        _("It arranges in-person meetings, where Chinese networking happens."),
        ("s3", "s2"),
        ("kind",),
    )
    NICHE = (
        Rule.R11,
        _("It is a niche app for arranging meetings, not for hiring."),
        ("s3",),
        ("kind",),
    )
    # R12
    NOT_ON_PLATFORM = (Rule.R12, _("They are not on this platform, so it cannot reach them."))
    PRESENCE_UNKNOWN = (
        Rule.R12,
        _(
            "You don't know whether they are on it: this is what it is worth if they are, "
            "counting only what you know."
        ),
    )
    SETTINGS_UNKNOWN = (
        Rule.R12,
        _(
            "You don't know whether they are active or open to inquiries here: "
            "that counts neither for nor against."
        ),
    )
    ACTIVE = (Rule.R12, _("They are active here."))
    INACTIVE = (Rule.R12, _("They are inactive here, so a message may go unread."))
    VERIFIED = (Rule.R12, _("Their account here is verified."))
    PREFERRED = (Rule.R12, _("It is their preferred channel."))
    OPEN = (Rule.R12, _("They are open to inquiries here."))
    CLOSED = (
        Rule.R12,
        _("They are not open to inquiries here: respect that, so it never comes first."),
        ("s2",),
    )


# The notes whose text names the sender's intermediary: the recommender fills in `%(name)s`.
NAMING_NOTES = frozenset(
    {
        Note.INTRO_PATH_CLOSE_DOMESTIC,
        Note.INTRO_PATH_CLOSE_GLOBAL,
        Note.INTRO_PATH_DOMESTIC,
        Note.INTRO_PATH_GLOBAL,
        Note.INTRO_PATH_THIRD_DOMESTIC,
        Note.INTRO_PATH_THIRD_GLOBAL,
    }
)

# The seed keys any reason may cite, and the platform claims whose citations reasons show: what
# the catalog loads from the database.
RULE_SOURCE_KEYS = frozenset(key for rule in Rule for key in rule.seeds) | frozenset(
    key for note in Note for key in note.seeds
)
CITED_CLAIMS = frozenset(claim for note in Note for claim in note.claims)


@dataclass(frozen=True, slots=True, eq=False)
class Move:
    """Points a rule adds to a channel's score, and the note that says why.

    Compared and hashed by identity: each move is declared once below, and the catalog keys the
    reason it shows (with its points) by the move itself.
    """

    points: int
    note: Note


PLATFORM_BASE = 40
OTHER_BASE = 30
COLD_CEILING = 95
SCORE_MAX = 100


def ceiling(channel: str) -> int:
    """The highest score `channel` can reach: only an introduction is warm, every other channel
    is capped as a cold approach."""
    return SCORE_MAX if channel == WARM_INTRODUCTION else COLD_CEILING


# R2
INTRO_WITH_CONTACT_DOMESTIC = Move(70, Note.INTRO_MUTUAL_DOMESTIC)
INTRO_WITH_CONTACT_GLOBAL = Move(55, Note.INTRO_MUTUAL_GLOBAL)
INTRO_WITHOUT_CONTACT_DOMESTIC = Move(20, Note.INTRO_SEEK_DOMESTIC)
INTRO_WITHOUT_CONTACT_GLOBAL = Move(10, Note.INTRO_SEEK_GLOBAL)
INTRO_C_LEVEL_DOMESTIC = Move(5, Note.WORD_OF_MOUTH)
# R2 with a real path: through a close, willing contact it counts as the mutual contact the
# sender would tick (first at a Chinese firm: 100); any other second-degree path a little less;
# a third-degree path less again, still above having no one to ask.
INTRO_PATH_CLOSE_DOMESTIC = Move(70, Note.INTRO_PATH_CLOSE_DOMESTIC)
INTRO_PATH_CLOSE_GLOBAL = Move(55, Note.INTRO_PATH_CLOSE_GLOBAL)
INTRO_PATH_DOMESTIC = Move(55, Note.INTRO_PATH_DOMESTIC)
INTRO_PATH_GLOBAL = Move(45, Note.INTRO_PATH_GLOBAL)
INTRO_PATH_THIRD_DOMESTIC = Move(40, Note.INTRO_PATH_THIRD_DOMESTIC)
INTRO_PATH_THIRD_GLOBAL = Move(30, Note.INTRO_PATH_THIRD_GLOBAL)
IN_PERSON_DOMESTIC = Move(15, Note.OFFLINE)
IN_PERSON_WITH_CONTACT = Move(15, Note.MEETING_VIA_CONTACT)
# R3
EMAIL_AT_DOMESTIC_FIRM = Move(-10, Note.EMAIL_DOMESTIC)
EMAIL_AT_GLOBAL_FIRM = Move(20, Note.EMAIL_GLOBAL)
PHONE_AFTER_INTRODUCTION = Move(20, Note.PHONE_AFTER_INTRO)
EMAIL_RELIANCE_HIGH = Move(-15, Note.PLATFORM_EMAIL_HIGH)
EMAIL_RELIANCE_MEDIUM = Move(-5, Note.PLATFORM_EMAIL_MEDIUM)
# R4
PHONE_COLD = Move(-10, Note.COLD_CALL)
# R5
GLOBAL_NETWORK_COMPANY = Move(15, Note.GLOBAL_COMPANY)
GLOBAL_NETWORK_ENGLISH = Move(10, Note.SPEAKS_ENGLISH)
GLOBAL_NETWORK_ABROAD = Move(10, Note.ABROAD)
GLOBAL_NETWORK_LOCAL = Move(-20, Note.LOCAL_PROFESSIONAL)
# R6
CAREER_PUBLICIZED = Move(15, Note.PUBLICIZES_CAREER)
CAREER_PUBLICIZED_DOMESTIC_BUSINESS = Move(10, Note.OPENS_DOORS)
CHINESE_ONLY_PENALTY = Move(-25, Note.CHINESE_ONLY)
VERIFICATION_PENALTY = Move(-15, Note.VERIFICATION)
# R7
COLD_MESSAGE_BLOCKED = Move(-30, Note.NEEDS_INTRODUCTION)
INTRODUCED_ON_MESSAGING = Move(10, Note.AFTER_INTRODUCTION)
# R8
RECRUITING_FIT = Move(30, Note.HEADHUNTING)
RECRUITING_FOR_BUSINESS = Move(-20, Note.NOT_FOR_PROPOSALS)
RECRUITING_FOR_PEERS = Move(-10, Note.NOT_FOR_PROPOSALS)
# R9
CONTACTS_FIT = Move(15, Note.CONTACTS)
GOSSIP_FOR_BUSINESS = Move(-15, Note.GOSSIP)
# R10
CHITU_JUNIOR = Move(10, Note.YOUNG_PROFESSIONALS)
CHITU_SENIOR = Move(-25, Note.JUNIOR_ONLY)
# R11
MEETINGS_FIT = Move(10, Note.MEETINGS)
MEETINGS_FOR_HIRING = Move(-10, Note.NICHE)
# R12
MEMBER_ACTIVE = Move(10, Note.ACTIVE)
MEMBER_INACTIVE = Move(-20, Note.INACTIVE)
MEMBER_VERIFIED = Move(5, Note.VERIFIED)
MEMBER_PREFERRED = Move(5, Note.PREFERRED)
MEMBER_OPEN = Move(10, Note.OPEN)
MEMBER_CLOSED = Move(-25, Note.CLOSED)
# R12, where whoever asks doesn't know: neither for nor against, only said.
MEMBER_UNKNOWN = Move(0, Note.PRESENCE_UNKNOWN)
SETTINGS_UNKNOWN = Move(0, Note.SETTINGS_UNKNOWN)

# Every move declared above: the catalog gives each its reason once.
MOVES = tuple(value for value in tuple(globals().values()) if isinstance(value, Move))


# --- When each move applies ---------------------------------------------------------------------


class PathKind(enum.Enum):
    """What the sender's best real path to the target is worth for a warm introduction."""

    NONE = "none"  # no path known: the sender's own word (the mutual-contact box) decides
    CLOSE = "close"  # second degree, every link close, the intermediary glad to introduce
    SECOND = "second"  # any other second-degree path
    THIRD = "third"  # third degree (or longer)


def path_kind(*, degree: int, weakest_closeness: int, willing: bool) -> PathKind:
    """R2: how much a path counts, from its length, its weakest link and whether every
    intermediary said they are glad to introduce (rather than "ask me each time")."""
    if degree >= 3:
        return PathKind.THIRD
    if weakest_closeness >= CLOSE_LINK and willing:
        return PathKind.CLOSE
    return PathKind.SECOND


# Where a path is known, the warm introduction's move by path and by whether the target works
# at a Chinese firm.
PATH_MOVES = {
    PathKind.CLOSE: {True: INTRO_PATH_CLOSE_DOMESTIC, False: INTRO_PATH_CLOSE_GLOBAL},
    PathKind.SECOND: {True: INTRO_PATH_DOMESTIC, False: INTRO_PATH_GLOBAL},
    PathKind.THIRD: {True: INTRO_PATH_THIRD_DOMESTIC, False: INTRO_PATH_THIRD_GLOBAL},
}


@dataclass(frozen=True, slots=True)
class Context:
    """The parts of a request the rules read, reduced to flags (hashable: the catalog keeps the
    other channels' outcome per context, since only a few contexts exist)."""

    purpose: Purpose
    domestic: bool
    c_level: bool
    junior: bool
    speaks_english: bool
    abroad: bool
    reads_chinese: bool
    can_verify: bool
    mutual_contact: bool
    path: PathKind = PathKind.NONE


@dataclass(frozen=True, slots=True)
class Readings:
    """What the rules read in one platform's traits, worked out once per catalog."""

    email_move: Move | None  # R3
    global_network: bool  # R5
    cold_socializing: bool  # R6
    chinese_only: bool  # R6
    verification_required: bool  # R6
    needs_introduction: bool  # R7
    recruiting: bool  # R8 (Liepin)
    contacts: bool  # R9 (Maimai)
    gossip: bool  # R9
    chitu: bool  # R10
    meetings: bool  # R11 (Huihui)


class Settings(Protocol):
    """The target's settings on a platform (`recommender.TargetMembership`); None is unknown."""

    presence: Presence
    active: bool | None
    open_to_inquiries: bool | None
    publicizes_career: bool | None
    verified: bool | None
    preferred: bool | None


def platform_moves(platform: Readings, settings: Settings, ctx: Context) -> list[Move]:
    """Every move for a platform the target is on, in the order its reasons are shown."""
    return [
        *_settings_moves(settings),
        *_audience_moves(platform, ctx),
        *_sender_moves(platform, settings, ctx),
        *_purpose_moves(platform, ctx),
    ]


def _settings_moves(settings: Settings) -> Iterator[Move]:
    """R12: the target's own settings on the platform. What isn't known moves nothing: only
    being active and being open can count against, so only those are said to be unknown."""
    active, open_to_inquiries = settings.active, settings.open_to_inquiries
    if settings.presence == Presence.UNKNOWN:
        yield MEMBER_UNKNOWN
    elif active is None or open_to_inquiries is None:
        yield SETTINGS_UNKNOWN
    if active is not None:
        yield MEMBER_ACTIVE if active else MEMBER_INACTIVE
    if settings.verified:
        yield MEMBER_VERIFIED
    if settings.preferred:
        yield MEMBER_PREFERRED
    if open_to_inquiries is not None:
        yield MEMBER_OPEN if open_to_inquiries else MEMBER_CLOSED


def _audience_moves(platform: Readings, ctx: Context) -> Iterator[Move]:
    """R3 and R5: whether the platform's users are people like the target."""
    if ctx.domestic and platform.email_move:
        yield platform.email_move
    if platform.global_network:
        if not ctx.domestic:
            yield GLOBAL_NETWORK_COMPANY
        if ctx.speaks_english:
            yield GLOBAL_NETWORK_ENGLISH
        if ctx.abroad:
            yield GLOBAL_NETWORK_ABROAD
        if ctx.domestic and not ctx.speaks_english and not ctx.abroad:
            yield GLOBAL_NETWORK_LOCAL


def _sender_moves(platform: Readings, settings: Settings, ctx: Context) -> Iterator[Move]:
    """R6 and R7: whether the sender can approach them there, and without an introduction."""
    if platform.cold_socializing and settings.publicizes_career:
        yield CAREER_PUBLICIZED
        if ctx.domestic and ctx.purpose is Purpose.BUSINESS_DEVELOPMENT:
            yield CAREER_PUBLICIZED_DOMESTIC_BUSINESS
    if platform.chinese_only and not ctx.reads_chinese:
        yield CHINESE_ONLY_PENALTY
    if platform.verification_required and not ctx.can_verify:
        yield VERIFICATION_PENALTY
    if platform.needs_introduction:
        yield INTRODUCED_ON_MESSAGING if ctx.mutual_contact else COLD_MESSAGE_BLOCKED


def _purpose_moves(platform: Readings, ctx: Context) -> Iterator[Move]:
    """R8-R11: what the platform is built for, against why the sender reaches out."""
    purpose = ctx.purpose
    if platform.recruiting:
        if purpose in (Purpose.RECRUITING, Purpose.JOB_SEARCH):
            yield RECRUITING_FIT
        elif purpose is Purpose.BUSINESS_DEVELOPMENT:
            yield RECRUITING_FOR_BUSINESS
        else:
            yield RECRUITING_FOR_PEERS
    if platform.contacts and purpose in (Purpose.PEER_NETWORKING, Purpose.RECRUITING):
        yield CONTACTS_FIT
    if platform.gossip and purpose is Purpose.BUSINESS_DEVELOPMENT:
        yield GOSSIP_FOR_BUSINESS
    if platform.chitu:
        yield CHITU_JUNIOR if ctx.junior else CHITU_SENIOR
    if platform.meetings:
        if purpose in (Purpose.BUSINESS_DEVELOPMENT, Purpose.PEER_NETWORKING):
            yield MEETINGS_FIT
        else:
            yield MEETINGS_FOR_HIRING


def other_moves(ctx: Context) -> dict[str, list[Move]]:
    """R2-R4 for a warm introduction, email, phone and meeting in person, in that order."""
    domestic, contact = ctx.domestic, ctx.mutual_contact
    if ctx.path is not PathKind.NONE:
        intro = [PATH_MOVES[ctx.path][domestic]]
    elif contact:
        intro = [INTRO_WITH_CONTACT_DOMESTIC if domestic else INTRO_WITH_CONTACT_GLOBAL]
    else:
        intro = [INTRO_WITHOUT_CONTACT_DOMESTIC if domestic else INTRO_WITHOUT_CONTACT_GLOBAL]
    if domestic and ctx.c_level:
        intro.append(INTRO_C_LEVEL_DOMESTIC)
    phone = [PHONE_COLD]
    if contact and domestic:
        phone.append(PHONE_AFTER_INTRODUCTION)
    in_person = []
    if domestic:
        in_person.append(IN_PERSON_DOMESTIC)
    if contact:
        in_person.append(IN_PERSON_WITH_CONTACT)
    return {
        WARM_INTRODUCTION: intro,
        EMAIL: [EMAIL_AT_DOMESTIC_FIRM if domestic else EMAIL_AT_GLOBAL_FIRM],
        PHONE: phone,
        IN_PERSON: in_person,
    }
