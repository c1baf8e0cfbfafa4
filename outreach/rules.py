"""How far each of the recommender's rules R1-R12 moves a score, and when.

The rules and their reasons ("notes") are declared in `outreach.reasons`. Each move pairs its
points with its note where it is declared, so a move naming a note that does not exist stops the
import.

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

from outreach.reasons import Note
from outreach.vocabulary import (
    CLOSE_LINK,
    EMAIL,
    IN_PERSON,
    PHONE,
    WARM_INTRODUCTION,
    Presence,
    Purpose,
)


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
# a third-degree path less again, and a longer one (a teammate's third-degree path) less still,
# above having no one to ask.
INTRO_PATH_CLOSE_DOMESTIC = Move(70, Note.INTRO_PATH_CLOSE_DOMESTIC)
INTRO_PATH_CLOSE_GLOBAL = Move(55, Note.INTRO_PATH_CLOSE_GLOBAL)
INTRO_PATH_DOMESTIC = Move(55, Note.INTRO_PATH_DOMESTIC)
INTRO_PATH_GLOBAL = Move(45, Note.INTRO_PATH_GLOBAL)
INTRO_PATH_THIRD_DOMESTIC = Move(40, Note.INTRO_PATH_THIRD_DOMESTIC)
INTRO_PATH_THIRD_GLOBAL = Move(30, Note.INTRO_PATH_THIRD_GLOBAL)
INTRO_PATH_LONGER_DOMESTIC = Move(30, Note.INTRO_PATH_LONGER_DOMESTIC)
INTRO_PATH_LONGER_GLOBAL = Move(20, Note.INTRO_PATH_LONGER_GLOBAL)
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
    THIRD = "third"  # third degree
    LONGER = "longer"  # fourth degree: a teammate's third-degree path


def path_kind(*, degree: int, weakest_closeness: int, willing: bool) -> PathKind:
    """R2: how much a path counts, from its length, its weakest link and whether every
    intermediary said they are glad to introduce (rather than "ask me each time")."""
    if degree >= 4:
        return PathKind.LONGER
    if degree == 3:
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
    PathKind.LONGER: {True: INTRO_PATH_LONGER_DOMESTIC, False: INTRO_PATH_LONGER_GLOBAL},
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
    """The target's settings on a platform (`inputs.TargetMembership`); None is unknown."""

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
