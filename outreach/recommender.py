"""Outreach-channel recommender: which channels reach a target, in what order, and why.

Pure Python over frozen dataclasses: no ORM, no database. `profiles.advice` loads the platform
records into a `ChannelCatalog` once; `recommend()` then scores any number of targets against it
(10,000 in a fraction of a second). The rules R1-R12 are the ones in DESIGN.md; every reason
names its rule and cites the seed articles behind it plus the platform's own citations for the
trait the rule read, so an admin edit of a trait changes the advice and its footnotes.

Scoring model
-------------
Base score per channel:
- a platform the target is on: 40; a platform they are not on: 0 and nothing else counts
  (R12); a shut-down platform: 0, unavailable, nothing else counts (R1);
- warm introduction, email, phone, in person: 30.
Each rule then moves the score up or down by a fixed number of points (the constants below) and
records a reason. The sum is clamped to 0-100, and every channel but a warm introduction tops
out at 95 (`COLD_CEILING`): a message, call or meeting request is still a cold approach, so a
warm introduction at a Chinese firm (100, R2) stays first.

Two guarantees are enforced after scoring, structurally rather than by weights:
- R12: a platform where the target is not open to inquiries scores at most one point below the
  best channel that is open, and sorts after open channels on a tie, so it never ranks first.
- Ranking: available channels first, then by score, then open before closed, then by channel id,
  so the advice is deterministic.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# --- Vocabulary: the same values as the model choices, kept here so the module stays pure. ----


class Purpose(enum.StrEnum):
    BUSINESS_DEVELOPMENT = "business_development"
    RECRUITING = "recruiting"
    JOB_SEARCH = "job_search"
    PEER_NETWORKING = "peer_networking"


class CompanyType(enum.StrEnum):
    CHINESE_PRIVATE = "chinese_private"
    STATE_OWNED = "state_owned"
    MULTINATIONAL = "multinational"
    JOINT_VENTURE = "joint_venture"
    FOREIGN = "foreign"


class Seniority(enum.StrEnum):
    JUNIOR = "junior"
    MANAGER = "manager"
    DIRECTOR = "director"
    EXECUTIVE = "executive"
    C_LEVEL = "c_level"


class Kind(enum.StrEnum):
    MICROBLOG = "microblog"
    MESSAGING = "messaging"
    PROFESSIONAL_NETWORK = "professional_network"
    RECRUITING = "recruiting"
    CONTACTS = "contacts"
    MEETINGS = "meetings"


class Status(enum.StrEnum):
    ACTIVE = "active"
    RESTRICTED = "restricted"
    DECLINING = "declining"
    SHUT_DOWN = "shut_down"
    UNKNOWN = "unknown"


class Verification(enum.StrEnum):
    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"
    UNKNOWN = "unknown"


class Level(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    UNKNOWN = "unknown"


class ColdMessaging(enum.StrEnum):
    YES = "yes"
    LIMITED = "limited"
    NO = "no"
    UNKNOWN = "unknown"


class Availability(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Ease(enum.StrEnum):
    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"
    UNKNOWN = "unknown"


# Staff of these firms are "used to email" and LinkedIn's core users (S2); foreign firms are
# grouped with them because the sources contrast domestic firms with everyone else.
DOMESTIC_COMPANY_TYPES = frozenset({CompanyType.CHINESE_PRIVATE, CompanyType.STATE_OWNED})

PLATFORM = "platform"
OTHER = "other"

WARM_INTRODUCTION = "warm-introduction"
EMAIL = "email"
PHONE = "phone"
IN_PERSON = "in-person"
OTHER_CHANNELS = (WARM_INTRODUCTION, EMAIL, PHONE, IN_PERSON)
OTHER_CHANNEL_NAMES = {
    WARM_INTRODUCTION: _("Warm introduction"),
    EMAIL: _("Email"),
    PHONE: _("Phone"),
    IN_PERSON: _("In person"),
}

# --- Inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A citable source, as the page lists it: key (`s2`), title, publisher and URL."""

    key: str
    title: str = ""
    url: str = ""
    publisher: str = ""

    @property
    def label(self) -> str:
        return self.key.upper()


@dataclass(frozen=True, slots=True)
class PlatformTraits:
    """One platform's curated traits, as the rules read them.

    `interface_languages` holds language codes (`en`, `zh-hans`...); `citations` maps a claim
    name (`email_reliance`, `status`...) to the sources that back it.
    """

    slug: str
    name_en: str
    kind: str
    status: str
    name_zh: str = ""
    interface_languages: frozenset[str] = frozenset()
    real_name_verification: str = Verification.UNKNOWN
    email_reliance: str = Level.UNKNOWN
    cold_messaging: str = ColdMessaging.UNKNOWN
    anonymous_posting: str = Availability.UNKNOWN
    reach_beyond_china: str = Level.UNKNOWN
    ease_for_foreigners: str = Ease.UNKNOWN
    citations: Mapping[str, tuple[SourceRef, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )

    @property
    def name(self) -> PlatformName:
        return PlatformName(self.name_en, self.name_zh)

    @property
    def is_operating(self) -> bool:
        return self.status != Status.SHUT_DOWN

    @property
    def is_global_network(self) -> bool:
        """R5: what sets LinkedIn apart in the sources is a professional network whose reach goes
        beyond China (Chitu's drawback was lacking exactly that), so read the traits."""
        return self.kind == Kind.PROFESSIONAL_NETWORK and self.reach_beyond_china == Level.HIGH

    @property
    def allows_cold_socializing(self) -> bool:
        """R6: Weibo's cold socializing needs public career posts (a microblog) and private
        messages to strangers (cold messaging allowed)."""
        return self.kind == Kind.MICROBLOG and self.cold_messaging != ColdMessaging.NO

    @property
    def needs_introduction(self) -> bool:
        """R7: strangers can't message anyone there (WeChat)."""
        return self.cold_messaging == ColdMessaging.NO

    @property
    def offers_english(self) -> bool:
        return any(code == "en" or code.startswith("en-") for code in self.interface_languages)

    @property
    def is_chinese_only(self) -> bool:
        """True only when the languages are known and all of them are Chinese."""
        return bool(self.interface_languages) and all(
            code.startswith("zh") for code in self.interface_languages
        )


@dataclass(frozen=True, slots=True)
class TargetMembership:
    """The target's presence on one platform (by slug) and how they want to be reached there."""

    platform: str
    active: bool = True
    open_to_inquiries: bool = False
    publicizes_career: bool = False
    verified: bool = False
    preferred: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """The person to reach. Unknown vocabulary raises ValueError, naming the value."""

    company_type: str
    seniority: str
    languages: tuple[str, ...] = ()
    abroad_experience: bool = False
    memberships: tuple[TargetMembership, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "company_type", CompanyType(self.company_type))
        object.__setattr__(self, "seniority", Seniority(self.seniority))
        object.__setattr__(self, "languages", tuple(self.languages))
        object.__setattr__(self, "memberships", tuple(self.memberships))
        slugs = [membership.platform for membership in self.memberships]
        if len(slugs) != len(set(slugs)):
            raise ValueError(f"A platform appears twice in the memberships: {sorted(slugs)}")

    @property
    def at_domestic_firm(self) -> bool:
        return self.company_type in DOMESTIC_COMPANY_TYPES

    @property
    def speaks_english(self) -> bool:
        return "en" in self.languages


@dataclass(frozen=True, slots=True)
class Sender:
    """Who reaches out: what they can read and hold, and whom they know."""

    reads_chinese: bool = False
    can_verify_mainland_account: bool = False
    has_mutual_contact: bool = False


# --- Rules and the reasons they give -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: Promise
    seeds: tuple[str, ...]


RULES: Mapping[str, Rule] = MappingProxyType(
    {
        rule.id: rule
        for rule in (
            Rule("R1", _("A platform that has shut down is never advised."), ("s3",)),
            Rule("R2", _("A warm introduction comes first."), ("s2", "s4")),
            Rule("R3", _("Email is weak with managers at Chinese firms."), ("s2",)),
            Rule("R4", _("Cold calls get blocked by switchboards."), ("s4",)),
            Rule(
                "R5",
                _("Global professional networks fit the globally exposed."),
                ("s2", "s3", "s4"),
            ),
            Rule("R6", _("Cold socializing on a microblog, if you can use it."), ("s0", "s4")),
            Rule("R7", _("Messaging apps are for people you know."), ("s3", "s4")),
            Rule("R8", _("Recruiting platforms are for headhunting."), ("s3",)),
            Rule("R9", _("Contacts networks suit peers and recruiting, not proposals."), ("s3",)),
            Rule("R10", _("Chitu fits junior targets only."), ("s3",)),
            Rule("R11", _("Meeting apps matter when a meeting is the goal."), ("s3",)),
            Rule("R12", _("Respect the target's choices."), ("s2",)),
        )
    }
)


@dataclass(frozen=True, eq=False, slots=True)
class _Note:
    """A reason before it is tied to a platform: its rule, its message, the seeds behind it and
    the platform claims whose citations it also shows. Compared by identity (lazy messages must
    not be hashed, which would translate them)."""

    rule: str
    message: Promise
    seeds: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()


# R1
SHUT_DOWN = _Note("R1", _("It has shut down and can no longer reach anyone."), ("s3",), ("status",))
# R2
INTRO_MUTUAL_DOMESTIC = _Note(
    "R2",
    _("Chinese firms network through people they know: ask your mutual contact to introduce you."),
    ("s2",),
)
INTRO_MUTUAL_GLOBAL = _Note(
    "R2", _("An introduction through your mutual contact beats a cold message."), ("s2",)
)
INTRO_SEEK_DOMESTIC = _Note(
    "R2",
    _(
        "At a Chinese firm even an introduction by a loose acquaintance beats a cold message: "
        "look for someone who knows them."
    ),
    ("s2",),
)
INTRO_SEEK_GLOBAL = _Note(
    "R2", _("Without a mutual contact, first find someone who can introduce you."), ("s2",)
)
WORD_OF_MOUTH = _Note("R2", _("C-level executives in China rely on word of mouth."), ("s4",))
OFFLINE = _Note("R2", _("Networking at Chinese firms happens offline, face to face."), ("s2",))
MEETING_VIA_CONTACT = _Note("R2", _("Your mutual contact can set up a meeting."), ("s2",))
# R3
EMAIL_DOMESTIC = _Note(
    "R3",
    _("Managers at Chinese firms seldom use email; they prefer the phone or meeting in person."),
    ("s2",),
)
EMAIL_GLOBAL = _Note(
    "R3", _("Staff of multinationals, joint ventures and foreign firms are used to email."), ("s2",)
)
PHONE_AFTER_INTRO = _Note(
    "R3", _("Once you are introduced, call: managers at Chinese firms prefer the phone."), ("s2",)
)
PLATFORM_EMAIL_HIGH = _Note(
    "R3",
    _("It works through email, which managers at Chinese firms seldom read."),
    ("s2",),
    ("email_reliance",),
)
PLATFORM_EMAIL_MEDIUM = _Note(
    "R3",
    _("It partly works through email, which managers at Chinese firms seldom read."),
    ("s2",),
    ("email_reliance",),
)
# R4
COLD_CALL = _Note(
    "R4",
    _(
        "Switchboards block calls that are not for a named person, "
        "so a cold call rarely gets through."
    ),
    ("s4",),
)
# R5
GLOBAL_COMPANY = _Note(
    "R5",
    _("Its core users in China work for multinationals and joint ventures, as they do."),
    ("s2",),
    ("reach_beyond_china",),
)
SPEAKS_ENGLISH = _Note(
    "R5", _("They speak English, as its core users in China do."), ("s2",), ("reach_beyond_china",)
)
ABROAD = _Note(
    "R5",
    _("They studied or worked abroad, as many of its users in China did."),
    ("s2",),
    ("reach_beyond_china",),
)
LOCAL_PROFESSIONAL = _Note(
    "R5",
    _("It works poorly for local professionals at domestic firms."),
    ("s2", "s4"),
    ("reach_beyond_china",),
)
# R6
PUBLICIZES_CAREER = _Note(
    "R6",
    _(
        "They publicize their career here, and people who do tend to welcome business inquiries, "
        "executives included."
    ),
    ("s4",),
    ("cold_messaging",),
)
OPENS_DOORS = _Note(
    "R6",
    _(
        "For business with a domestic firm, a private message here "
        "opens doors a switchboard keeps shut."
    ),
    ("s4",),
    ("cold_messaging",),
)
CHINESE_ONLY = _Note(
    "R6",
    _("Its interface is in Chinese only and you don't read Chinese: ask a China-based colleague."),
    ("s0",),
    ("interface_languages",),
)
VERIFICATION = _Note(
    "R6",
    _(
        "It requires real-name verification, which is hard without a mainland identity: "
        "ask a China-based colleague with a verified account."
    ),
    ("s0",),
    ("real_name_verification",),
)
# R7
NEEDS_INTRODUCTION = _Note(
    "R7",
    _("A first contact here needs an introduction: it reaches people you already know."),
    ("s3", "s4"),
    ("cold_messaging",),
)
AFTER_INTRODUCTION = _Note(
    "R7",
    _("Once your mutual contact introduces you, this is the natural place to talk."),
    ("s3", "s4"),
    ("cold_messaging",),
)
# R8
HEADHUNTING = _Note(
    "R8",
    _("It connects headhunters with job seekers: the first place for recruiting and job search."),
    ("s3",),
    ("kind",),
)
NOT_FOR_PROPOSALS = _Note(
    "R8", _("It is built for headhunting, not for proposals or networking."), ("s3",), ("kind",)
)
# R9
CONTACTS = _Note(
    "R9",
    _("It is built to keep up with professional contacts and make new ones."),
    ("s3",),
    ("kind",),
)
GOSSIP = _Note(
    "R9",
    _("Anonymous posting turned it into a gossip venue: poor for formal proposals."),
    ("s3",),
    ("anonymous_posting",),
)
# R10
YOUNG_PROFESSIONALS = _Note(
    "R10", _("It was made for young, newly employed professionals."), ("s3",)
)
JUNIOR_ONLY = _Note(
    "R10",
    _(
        "It was made for young professionals and has no global network: "
        "it fits junior targets only."
    ),
    ("s3",),
)
# R11
MEETINGS = _Note(
    "R11",
    _("It arranges in-person meetings, where Chinese networking happens."),
    ("s3", "s2"),
    ("kind",),
)
NICHE = _Note(
    "R11", _("It is a niche app for arranging meetings, not for hiring."), ("s3",), ("kind",)
)
# R12
NOT_ON_PLATFORM = _Note("R12", _("They are not on this platform, so it cannot reach them."))
ACTIVE = _Note("R12", _("They are active here."))
INACTIVE = _Note("R12", _("They are inactive here, so a message may go unread."))
VERIFIED = _Note("R12", _("Their account here is verified."))
PREFERRED = _Note("R12", _("It is their preferred channel."))
OPEN = _Note("R12", _("They are open to inquiries here."))
CLOSED = _Note(
    "R12",
    _("They are not open to inquiries here: respect that, so it never comes first."),
    ("s2",),
)

PLATFORM_NOTES = (
    SHUT_DOWN,
    PLATFORM_EMAIL_HIGH,
    PLATFORM_EMAIL_MEDIUM,
    GLOBAL_COMPANY,
    SPEAKS_ENGLISH,
    ABROAD,
    LOCAL_PROFESSIONAL,
    PUBLICIZES_CAREER,
    OPENS_DOORS,
    CHINESE_ONLY,
    VERIFICATION,
    NEEDS_INTRODUCTION,
    AFTER_INTRODUCTION,
    HEADHUNTING,
    NOT_FOR_PROPOSALS,
    CONTACTS,
    GOSSIP,
    YOUNG_PROFESSIONALS,
    JUNIOR_ONLY,
    MEETINGS,
    NICHE,
    NOT_ON_PLATFORM,
    ACTIVE,
    INACTIVE,
    VERIFIED,
    PREFERRED,
    OPEN,
    CLOSED,
)
OTHER_NOTES = (
    INTRO_MUTUAL_DOMESTIC,
    INTRO_MUTUAL_GLOBAL,
    INTRO_SEEK_DOMESTIC,
    INTRO_SEEK_GLOBAL,
    WORD_OF_MOUTH,
    OFFLINE,
    MEETING_VIA_CONTACT,
    EMAIL_DOMESTIC,
    EMAIL_GLOBAL,
    PHONE_AFTER_INTRO,
    COLD_CALL,
)

# The seed keys any reason may cite: what `profiles.advice` loads titles and links for.
RULE_SOURCE_KEYS = frozenset(key for rule in RULES.values() for key in rule.seeds) | frozenset(
    key for note in PLATFORM_NOTES + OTHER_NOTES for key in note.seeds
)
CITED_CLAIMS = frozenset(claim for note in PLATFORM_NOTES for claim in note.claims)

# --- Weights (points added to the base score) ---------------------------------------------------

PLATFORM_BASE = 40
OTHER_BASE = 30
COLD_CEILING = 95

INTRO_WITH_CONTACT_DOMESTIC = 70
INTRO_WITH_CONTACT_GLOBAL = 55
INTRO_WITHOUT_CONTACT_DOMESTIC = 20
INTRO_WITHOUT_CONTACT_GLOBAL = 10
INTRO_C_LEVEL_DOMESTIC = 5
IN_PERSON_DOMESTIC = 15
IN_PERSON_WITH_CONTACT = 15
EMAIL_AT_DOMESTIC_FIRM = -10
EMAIL_AT_GLOBAL_FIRM = 20
PHONE_AFTER_INTRODUCTION = 20
PHONE_COLD = -10
EMAIL_RELIANCE_HIGH = -15
EMAIL_RELIANCE_MEDIUM = -5
GLOBAL_NETWORK_COMPANY = 15
GLOBAL_NETWORK_ENGLISH = 10
GLOBAL_NETWORK_ABROAD = 10
GLOBAL_NETWORK_LOCAL = -20
CAREER_PUBLICIZED = 15
CAREER_PUBLICIZED_DOMESTIC_BUSINESS = 10
CHINESE_ONLY_PENALTY = -25
VERIFICATION_PENALTY = -15
COLD_MESSAGE_BLOCKED = -30
INTRODUCED_ON_MESSAGING = 10
RECRUITING_FIT = 30
RECRUITING_FOR_BUSINESS = -20
RECRUITING_FOR_PEERS = -10
CONTACTS_FIT = 15
GOSSIP_FOR_BUSINESS = -15
CHITU_JUNIOR = 10
CHITU_SENIOR = -25
MEETINGS_FIT = 10
MEETINGS_FOR_HIRING = -10
MEMBER_ACTIVE = 10
MEMBER_INACTIVE = -20
MEMBER_VERIFIED = 5
MEMBER_PREFERRED = 5
MEMBER_OPEN = 10
MEMBER_CLOSED = -25

# --- Outputs ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """One sentence that moved a channel's score; rendered in the UI language when shown."""

    rule: str
    message: Promise | str
    sources: tuple[SourceRef, ...] = ()

    def __str__(self) -> str:
        return str(self.message)

    @property
    def text(self) -> str:
        return str(self.message)

    @property
    def rule_title(self) -> Promise:
        return RULES[self.rule].title


@dataclass(frozen=True, slots=True)
class PlatformName:
    """A platform's name in both languages; shows the Chinese one in a Chinese UI."""

    en: str
    zh: str = ""

    def __str__(self) -> str:
        if self.zh and (get_language() or "").startswith("zh"):
            return self.zh
        return self.en


@dataclass(frozen=True, slots=True)
class RankedChannel:
    """One channel's place in the advice: `kind` is "platform" or "other"."""

    channel: str
    kind: str
    name: PlatformName | Promise
    score: int
    available: bool
    reasons: tuple[Reason, ...]
    open_to_inquiries: bool = True

    @property
    def advised(self) -> bool:
        """Worth trying at all: it operates and some rule gives it a chance."""
        return self.available and self.score > 0


@dataclass(frozen=True, slots=True)
class Recommendation:
    """Every channel, best first; shut-down platforms last."""

    channels: tuple[RankedChannel, ...]

    @property
    def best(self) -> RankedChannel:
        return self.channels[0]

    @property
    def advised(self) -> tuple[RankedChannel, ...]:
        return tuple(channel for channel in self.channels if channel.advised)

    @property
    def unreachable(self) -> tuple[RankedChannel, ...]:
        """Operating channels that cannot reach this target (they are not on the platform)."""
        return tuple(c for c in self.channels if c.available and not c.advised)

    @property
    def unavailable(self) -> tuple[RankedChannel, ...]:
        return tuple(channel for channel in self.channels if not channel.available)

    def get(self, channel: str) -> RankedChannel:
        for ranked in self.channels:
            if ranked.channel == channel:
                return ranked
        raise KeyError(channel)

    def score(self, channel: str) -> int:
        return self.get(channel).score

    def position(self, channel: str) -> int:
        """0-based rank of `channel`."""
        return [ranked.channel for ranked in self.channels].index(channel)

    def top(self, count: int) -> tuple[RankedChannel, ...]:
        return self.advised[:count]

    @property
    def cited_sources(self) -> tuple[SourceRef, ...]:
        """Every source the reasons cite, once, in key order: the page's footnotes."""
        return sorted_sources(
            {source for channel in self.channels for r in channel.reasons for source in r.sources}
        )


# --- The catalog: per-platform work done once ---------------------------------------------------


def _source_order(source: SourceRef) -> tuple[str, int, str]:
    """Natural order of keys: s2 < s10 < w45 < w45b."""
    match = re.fullmatch(r"([a-z]*)(\d+)(.*)", source.key)
    if match:
        return (match.group(1), int(match.group(2)), match.group(3))
    return (source.key, 0, "")


def sorted_sources(sources: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    """Sources once each, in key order (s0 ... s4, then w11, w12 ...)."""
    unique = {source.key: source for source in sources}
    return tuple(sorted(unique.values(), key=_source_order))


@dataclass(frozen=True, eq=False, slots=True)
class _PlatformChannel:
    """A platform with its reasons resolved and its fixed outcome ready to reuse."""

    traits: PlatformTraits
    name: PlatformName
    reasons: Mapping[_Note, Reason]
    operating: bool
    fixed_outcome: RankedChannel  # shut down, or the target is not on it
    # Trait readings the rules use, worked out once.
    email_move: tuple[int, _Note] | None
    global_network: bool
    cold_socializing: bool
    chinese_only: bool
    verification_required: bool
    needs_introduction: bool
    recruiting: bool
    contacts: bool
    gossip: bool
    chitu: bool
    meetings: bool


class ChannelCatalog:
    """Every platform's traits plus the seed sources, compiled once for fast scoring.

    Build it with `ChannelCatalog(platforms, sources)`; `sources` maps a seed key (`s2`) to its
    title and link (missing keys are cited by key alone). Immutable after construction.
    """

    __slots__ = ("_other_reasons", "_others_cache", "_platforms", "sources")

    def __init__(
        self, platforms: Iterable[PlatformTraits], sources: Mapping[str, SourceRef] | None = None
    ) -> None:
        self.sources = MappingProxyType(dict(sources or {}))
        self._platforms = tuple(
            self._compile(traits) for traits in sorted(platforms, key=lambda t: t.slug)
        )
        self._other_reasons = MappingProxyType({note: self._reason(note) for note in OTHER_NOTES})
        self._others_cache: dict[_Context, tuple[RankedChannel, ...]] = {}

    @property
    def platforms(self) -> tuple[PlatformTraits, ...]:
        return tuple(platform.traits for platform in self._platforms)

    @property
    def operating_platforms(self) -> tuple[PlatformTraits, ...]:
        return tuple(traits for traits in self.platforms if traits.is_operating)

    @property
    def seed_sources(self) -> tuple[SourceRef, ...]:
        """The seed articles the rules rest on, with titles where the catalog has them."""
        return sorted_sources(self.sources.get(key) or SourceRef(key) for key in RULE_SOURCE_KEYS)

    @property
    def channel_ids(self) -> tuple[str, ...]:
        return tuple(p.traits.slug for p in self._platforms) + OTHER_CHANNELS

    def _reason(self, note: _Note, traits: PlatformTraits | None = None) -> Reason:
        sources = [self.sources.get(key) or SourceRef(key) for key in note.seeds]
        if traits is not None:
            for claim in note.claims:
                sources.extend(traits.citations.get(claim, ()))
        return Reason(note.rule, note.message, sorted_sources(sources))

    def _compile(self, traits: PlatformTraits) -> _PlatformChannel:
        reasons = MappingProxyType({note: self._reason(note, traits) for note in PLATFORM_NOTES})
        name = traits.name
        if traits.is_operating:
            fixed = RankedChannel(traits.slug, PLATFORM, name, 0, True, (reasons[NOT_ON_PLATFORM],))
        else:
            fixed = RankedChannel(traits.slug, PLATFORM, name, 0, False, (reasons[SHUT_DOWN],))
        return _PlatformChannel(
            traits=traits,
            name=name,
            reasons=reasons,
            operating=traits.is_operating,
            fixed_outcome=fixed,
            email_move={
                Level.HIGH: (EMAIL_RELIANCE_HIGH, PLATFORM_EMAIL_HIGH),
                Level.MEDIUM: (EMAIL_RELIANCE_MEDIUM, PLATFORM_EMAIL_MEDIUM),
            }.get(traits.email_reliance),
            global_network=traits.is_global_network,
            cold_socializing=traits.allows_cold_socializing,
            chinese_only=traits.is_chinese_only,
            verification_required=traits.real_name_verification == Verification.REQUIRED,
            needs_introduction=traits.needs_introduction,
            recruiting=traits.kind == Kind.RECRUITING,  # R8 (Liepin)
            contacts=traits.kind == Kind.CONTACTS,  # R9 (Maimai)
            gossip=traits.anonymous_posting == Availability.YES,  # R9
            # R10 is about Chitu alone: its audience (newly employed professionals) is not a
            # trait the model records, so the rule has to name the platform.
            chitu=traits.slug == "chitu",
            meetings=traits.kind == Kind.MEETINGS,  # R11 (Huihui)
        )


# --- Scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """The parts of a request the rules read, reduced to flags (hashable, so others cache)."""

    purpose: Purpose
    domestic: bool
    c_level: bool
    junior: bool
    speaks_english: bool
    abroad: bool
    reads_chinese: bool
    can_verify: bool
    mutual_contact: bool


def _clamp(score: int, ceiling: int = COLD_CEILING) -> int:
    return max(0, min(ceiling, score))


def _score_platform(
    platform: _PlatformChannel, membership: TargetMembership, ctx: _Context
) -> RankedChannel:
    moves: list[tuple[int, _Note]] = []
    add = moves.append
    purpose = ctx.purpose
    # R12: the target's own settings on this platform.
    add((MEMBER_ACTIVE, ACTIVE) if membership.active else (MEMBER_INACTIVE, INACTIVE))
    if membership.verified:
        add((MEMBER_VERIFIED, VERIFIED))
    if membership.preferred:
        add((MEMBER_PREFERRED, PREFERRED))
    add((MEMBER_OPEN, OPEN) if membership.open_to_inquiries else (MEMBER_CLOSED, CLOSED))
    # R3: platforms that work through email lose managers at Chinese firms.
    if ctx.domestic and platform.email_move:
        add(platform.email_move)
    # R5: a global professional network fits the globally exposed.
    if platform.global_network:
        if not ctx.domestic:
            add((GLOBAL_NETWORK_COMPANY, GLOBAL_COMPANY))
        if ctx.speaks_english:
            add((GLOBAL_NETWORK_ENGLISH, SPEAKS_ENGLISH))
        if ctx.abroad:
            add((GLOBAL_NETWORK_ABROAD, ABROAD))
        if ctx.domestic and not ctx.speaks_english and not ctx.abroad:
            add((GLOBAL_NETWORK_LOCAL, LOCAL_PROFESSIONAL))
    # R6: cold socializing with people who publicize their career...
    if platform.cold_socializing and membership.publicizes_career:
        add((CAREER_PUBLICIZED, PUBLICIZES_CAREER))
        if ctx.domestic and purpose is Purpose.BUSINESS_DEVELOPMENT:
            add((CAREER_PUBLICIZED_DOMESTIC_BUSINESS, OPENS_DOORS))
    # ...but only for a sender who can use the platform.
    if platform.chinese_only and not ctx.reads_chinese:
        add((CHINESE_ONLY_PENALTY, CHINESE_ONLY))
    if platform.verification_required and not ctx.can_verify:
        add((VERIFICATION_PENALTY, VERIFICATION))
    # R7: where strangers can't message, a first contact needs an introduction.
    if platform.needs_introduction:
        if ctx.mutual_contact:
            add((INTRODUCED_ON_MESSAGING, AFTER_INTRODUCTION))
        else:
            add((COLD_MESSAGE_BLOCKED, NEEDS_INTRODUCTION))
    # R8: recruiting platforms are for headhunting.
    if platform.recruiting:
        if purpose in (Purpose.RECRUITING, Purpose.JOB_SEARCH):
            add((RECRUITING_FIT, HEADHUNTING))
        elif purpose is Purpose.BUSINESS_DEVELOPMENT:
            add((RECRUITING_FOR_BUSINESS, NOT_FOR_PROPOSALS))
        else:
            add((RECRUITING_FOR_PEERS, NOT_FOR_PROPOSALS))
    # R9: contacts networks suit peers and recruiting; anonymous posting spoils proposals.
    if platform.contacts and purpose in (Purpose.PEER_NETWORKING, Purpose.RECRUITING):
        add((CONTACTS_FIT, CONTACTS))
    if platform.gossip and purpose is Purpose.BUSINESS_DEVELOPMENT:
        add((GOSSIP_FOR_BUSINESS, GOSSIP))
    # R10: Chitu fits junior targets only.
    if platform.chitu:
        add((CHITU_JUNIOR, YOUNG_PROFESSIONALS) if ctx.junior else (CHITU_SENIOR, JUNIOR_ONLY))
    # R11: meeting apps matter when a meeting is the goal.
    if platform.meetings:
        if purpose in (Purpose.BUSINESS_DEVELOPMENT, Purpose.PEER_NETWORKING):
            add((MEETINGS_FIT, MEETINGS))
        else:
            add((MEETINGS_FOR_HIRING, NICHE))

    reasons = platform.reasons
    return RankedChannel(
        channel=platform.traits.slug,
        kind=PLATFORM,
        name=platform.name,
        score=_clamp(PLATFORM_BASE + sum(delta for delta, _note in moves)),
        available=True,
        reasons=tuple(reasons[note] for _delta, note in moves),
        open_to_inquiries=membership.open_to_inquiries,
    )


def _score_others(catalog: ChannelCatalog, ctx: _Context) -> tuple[RankedChannel, ...]:
    reasons = catalog._other_reasons
    domestic, contact = ctx.domestic, ctx.mutual_contact

    # R2: warm introduction first.
    if contact:
        intro = [
            (INTRO_WITH_CONTACT_DOMESTIC, INTRO_MUTUAL_DOMESTIC)
            if domestic
            else (INTRO_WITH_CONTACT_GLOBAL, INTRO_MUTUAL_GLOBAL)
        ]
    else:
        intro = [
            (INTRO_WITHOUT_CONTACT_DOMESTIC, INTRO_SEEK_DOMESTIC)
            if domestic
            else (INTRO_WITHOUT_CONTACT_GLOBAL, INTRO_SEEK_GLOBAL)
        ]
    if domestic and ctx.c_level:
        intro.append((INTRO_C_LEVEL_DOMESTIC, WORD_OF_MOUTH))
    # R3: email is weak at Chinese firms, fair elsewhere.
    email = [
        (EMAIL_AT_DOMESTIC_FIRM, EMAIL_DOMESTIC)
        if domestic
        else (EMAIL_AT_GLOBAL_FIRM, EMAIL_GLOBAL)
    ]
    # R4: cold calls get blocked; R3: once introduced, Chinese managers prefer the phone.
    phone = [(PHONE_COLD, COLD_CALL)]
    if contact and domestic:
        phone.append((PHONE_AFTER_INTRODUCTION, PHONE_AFTER_INTRO))
    # R2: networking at Chinese firms happens offline; a mutual contact can set up a meeting.
    in_person = []
    if domestic:
        in_person.append((IN_PERSON_DOMESTIC, OFFLINE))
    if contact:
        in_person.append((IN_PERSON_WITH_CONTACT, MEETING_VIA_CONTACT))

    def ranked(channel: str, moves: list[tuple[int, _Note]], ceiling: int) -> RankedChannel:
        return RankedChannel(
            channel=channel,
            kind=OTHER,
            name=OTHER_CHANNEL_NAMES[channel],
            score=_clamp(OTHER_BASE + sum(delta for delta, _note in moves), ceiling),
            available=True,
            reasons=tuple(reasons[note] for _delta, note in moves),
        )

    return (
        ranked(WARM_INTRODUCTION, intro, 100),
        ranked(EMAIL, email, COLD_CEILING),
        ranked(PHONE, phone, COLD_CEILING),
        ranked(IN_PERSON, in_person, COLD_CEILING),
    )


def _rank_key(channel: RankedChannel) -> tuple[bool, int, bool, str]:
    return (not channel.available, -channel.score, not channel.open_to_inquiries, channel.channel)


def recommend(
    catalog: ChannelCatalog, *, purpose: Purpose | str, target: Target, sender: Sender
) -> Recommendation:
    """Rank every channel for reaching `target` with `purpose`, as `sender`."""
    ctx = _Context(
        purpose=Purpose(purpose),
        domestic=target.at_domestic_firm,
        c_level=target.seniority == Seniority.C_LEVEL,
        junior=target.seniority == Seniority.JUNIOR,
        speaks_english=target.speaks_english,
        abroad=target.abroad_experience,
        reads_chinese=sender.reads_chinese,
        can_verify=sender.can_verify_mainland_account,
        mutual_contact=sender.has_mutual_contact,
    )
    others = catalog._others_cache.get(ctx)
    if others is None:
        others = catalog._others_cache.setdefault(ctx, _score_others(catalog, ctx))

    memberships = {membership.platform: membership for membership in target.memberships}
    channels = list(others)
    for platform in catalog._platforms:
        membership = memberships.get(platform.traits.slug)
        if membership is None or not platform.operating:
            channels.append(platform.fixed_outcome)
        else:
            channels.append(_score_platform(platform, membership, ctx))

    # R12, enforced after scoring: a channel closed to inquiries never outranks the best open one.
    best_open = max(c.score for c in channels if c.available and c.open_to_inquiries)
    cap = max(best_open - 1, 0)
    channels = [
        replace(c, score=cap) if not c.open_to_inquiries and c.score > cap else c for c in channels
    ]
    channels.sort(key=_rank_key)
    return Recommendation(tuple(channels))
