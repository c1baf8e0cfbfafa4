"""Outreach-channel recommender: which channels reach a target, in what order, and why.

Pure Python over frozen dataclasses: no ORM, no database. `outreach.catalog` loads the platform
records into a `ChannelCatalog` once; `recommend()` then scores any number of targets against it
(10,000 in a fraction of a second). The rules, their reasons and their points are declared in
`outreach.rules`; every reason names its rule and cites the seed articles behind it plus the
platform's own citations for the trait the rule read, so an admin edit of a trait changes the
advice and its footnotes.

Two guarantees are enforced after scoring, structurally rather than by weights:
- R12: a platform where the target is not open to inquiries scores at most one point below the
  best channel that is open, and sorts after open channels on a tie, so it never ranks first.
- Ranking: available channels first, then by score, then open before closed, then by channel id,
  so the advice is deterministic.

Observed reply rates (`outreach.evidence`), when given, are a second line under a channel and
move its score by a bounded amount before R12 is applied; the formula is in that module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language

from outreach.evidence import ChannelEvidence, Evidence, ObservedRate
from outreach.rules import (
    COLD_CEILING,
    EMAIL_RELIANCE_HIGH,
    EMAIL_RELIANCE_MEDIUM,
    NAMING_NOTES,
    OTHER_BASE,
    PLATFORM_BASE,
    RULE_SOURCE_KEYS,
    SCORE_MAX,
    Context,
    Move,
    Note,
    PathKind,
    Readings,
    Rule,
    other_moves,
    path_kind,
    platform_moves,
)
from outreach.vocabulary import (
    DOMESTIC_COMPANY_TYPES,
    ENGLISH,
    OTHER,
    OTHER_CHANNEL_NAMES,
    OTHER_CHANNELS,
    PLATFORM,
    WARM_INTRODUCTION,
    CompanyType,
    Purpose,
    Seniority,
)
from platforms.vocabulary import (
    Availability,
    ColdMessaging,
    Ease,
    Kind,
    Level,
    Status,
    Verification,
)

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
        return ENGLISH in self.languages


@dataclass(frozen=True, slots=True)
class KnownPath:
    """The sender's best real path to the target in NetworkDir's network (found by `profiles`).

    `degree` 2 runs through one intermediary, 3 through two; `weakest_closeness` is the weakest
    link's (1 acquainted to 3 close); `willing` says every intermediary is glad to introduce
    (rather than "ask me each time"); `intermediary` is whom the sender asks first, by name.
    """

    degree: int
    weakest_closeness: int
    intermediary: str
    willing: bool = False

    @property
    def kind(self) -> PathKind:
        return path_kind(
            degree=self.degree, weakest_closeness=self.weakest_closeness, willing=self.willing
        )


@dataclass(frozen=True, slots=True)
class Sender:
    """Who reaches out: what they can read and hold, and whom they know.

    `has_mutual_contact` is the sender's own word (the anonymous advisor's box); `path`, where
    a signed-in sender's network has one, is the real thing and decides instead.
    """

    reads_chinese: bool = False
    can_verify_mainland_account: bool = False
    has_mutual_contact: bool = False
    path: KnownPath | None = None


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
        return Rule[self.rule].title


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
    # What recruiters observed with this kind of target, where enough outreaches stand behind
    # it, and the points it moved the rule score by (already in `score`).
    observed: ObservedRate | None = None
    evidence_points: int = 0

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

    def top(self, count: int) -> tuple[RankedChannel, ...]:
        return self.advised[:count]

    @property
    def cited_sources(self) -> tuple[SourceRef, ...]:
        """Every source the reasons cite, once, in key order: the page's footnotes."""
        return sorted_sources(
            {source for channel in self.channels for r in channel.reasons for source in r.sources}
        )


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


# --- Scoring ------------------------------------------------------------------------------------


def _context(purpose: Purpose | str, target: Target, sender: Sender) -> Context:
    path = PathKind.NONE if sender.path is None else sender.path.kind
    # Someone both know: the sender's word, or a second-degree path (a third-degree one is not).
    mutual_contact = (
        sender.has_mutual_contact
        if sender.path is None
        else path in (PathKind.CLOSE, PathKind.SECOND)
    )
    return Context(
        purpose=Purpose(purpose),
        domestic=target.at_domestic_firm,
        c_level=target.seniority == Seniority.C_LEVEL,
        junior=target.seniority == Seniority.JUNIOR,
        speaks_english=target.speaks_english,
        abroad=target.abroad_experience,
        reads_chinese=sender.reads_chinese,
        can_verify=sender.can_verify_mainland_account,
        mutual_contact=mutual_contact,
        path=path,
    )


def _clamp(score: int, ceiling: int = COLD_CEILING) -> int:
    return max(0, min(ceiling, score))


@dataclass(frozen=True, eq=False, slots=True)
class _PlatformChannel:
    """A platform with its reasons resolved, its trait readings worked out once, and its fixed
    outcome (shut down, or the target is not on it) ready to reuse."""

    traits: PlatformTraits
    name: PlatformName
    operating: bool
    reasons: Mapping[Note, Reason]
    fixed_outcome: RankedChannel
    readings: Readings

    def rank(self, membership: TargetMembership, ctx: Context) -> RankedChannel:
        """This platform's score for a target on it, with a reason for every move."""
        moves = platform_moves(self.readings, membership, ctx)
        reasons = self.reasons
        return RankedChannel(
            channel=self.traits.slug,
            kind=PLATFORM,
            name=self.name,
            score=_clamp(PLATFORM_BASE + sum(move.points for move in moves)),
            available=True,
            reasons=tuple(reasons[move.note] for move in moves),
            open_to_inquiries=membership.open_to_inquiries,
        )


def _rank_other(channel: str, moves: list[Move], reasons: Mapping[Note, Reason]) -> RankedChannel:
    # Only an introduction is warm; every other channel is capped as a cold approach.
    ceiling = SCORE_MAX if channel == WARM_INTRODUCTION else COLD_CEILING
    return RankedChannel(
        channel=channel,
        kind=OTHER,
        name=OTHER_CHANNEL_NAMES[channel],
        score=_clamp(OTHER_BASE + sum(move.points for move in moves), ceiling),
        available=True,
        reasons=tuple(reasons[move.note] for move in moves),
    )


# --- The catalog: per-platform work done once ---------------------------------------------------


class ChannelCatalog:
    """Every platform's traits plus the seed sources, compiled once for fast scoring.

    Build it with `ChannelCatalog(platforms, sources)`; `sources` maps a seed key (`s2`) to its
    title and link (missing keys are cited by key alone). Immutable after construction, apart
    from the other channels' outcomes it remembers per context.
    """

    __slots__ = ("_naming_reasons", "_other_reasons", "_others", "_platforms", "sources")

    def __init__(
        self, platforms: Iterable[PlatformTraits], sources: Mapping[str, SourceRef] | None = None
    ) -> None:
        self.sources = MappingProxyType(dict(sources or {}))
        self._platforms = tuple(
            self._compile(traits) for traits in sorted(platforms, key=lambda t: t.slug)
        )
        self._other_reasons = MappingProxyType({note: self._reason(note) for note in Note})
        self._naming_reasons = frozenset(id(self._other_reasons[note]) for note in NAMING_NOTES)
        self._others: dict[Context, tuple[RankedChannel, ...]] = {}

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

    def other_channels(self, ctx: Context) -> tuple[RankedChannel, ...]:
        """The warm introduction, email, phone and meeting in person, scored for `ctx`.

        They depend on the context alone, which takes few values, so each outcome is kept.
        """
        others = self._others.get(ctx)
        if others is None:
            reasons = self._other_reasons
            ranked = tuple(
                _rank_other(channel, moves, reasons) for channel, moves in other_moves(ctx).items()
            )
            others = self._others.setdefault(ctx, ranked)
        return others

    def naming(self, channel: RankedChannel, intermediary: str) -> RankedChannel:
        """`channel` with the intermediary's name in the reasons that name them (only the warm
        introduction's, for a sender with a known path): the only part of the advice that
        differs from one sender to the next, so it is not kept."""
        reasons = tuple(
            replace(reason, message=_named(reason.message, intermediary))
            if id(reason) in self._naming_reasons
            else reason
            for reason in channel.reasons
        )
        return replace(channel, reasons=reasons) if reasons != channel.reasons else channel

    def platform_channels(self, target: Target, ctx: Context) -> Iterator[RankedChannel]:
        """Every platform scored for `target`; 0 where they are not on it or it has shut down."""
        memberships = {membership.platform: membership for membership in target.memberships}
        for platform in self._platforms:
            membership = memberships.get(platform.traits.slug)
            if membership is None or not platform.operating:
                yield platform.fixed_outcome
            else:
                yield platform.rank(membership, ctx)

    def _reason(self, note: Note, traits: PlatformTraits | None = None) -> Reason:
        sources = [self.sources.get(key) or SourceRef(key) for key in note.seeds]
        if traits is not None:
            for claim in note.claims:
                sources.extend(traits.citations.get(claim, ()))
        return Reason(note.rule.id, note.message, sorted_sources(sources))

    def _compile(self, traits: PlatformTraits) -> _PlatformChannel:
        reasons = MappingProxyType({note: self._reason(note, traits) for note in Note})
        name, operating = traits.name, traits.is_operating
        fixed_note = Note.NOT_ON_PLATFORM if operating else Note.SHUT_DOWN
        fixed = RankedChannel(traits.slug, PLATFORM, name, 0, operating, (reasons[fixed_note],))
        return _PlatformChannel(
            traits=traits,
            name=name,
            operating=operating,
            reasons=reasons,
            fixed_outcome=fixed,
            readings=_readings(traits),
        )


def _readings(traits: PlatformTraits) -> Readings:
    return Readings(
        email_move={
            Level.HIGH: EMAIL_RELIANCE_HIGH,
            Level.MEDIUM: EMAIL_RELIANCE_MEDIUM,
        }.get(traits.email_reliance),
        global_network=traits.is_global_network,
        cold_socializing=traits.allows_cold_socializing,
        chinese_only=traits.is_chinese_only,
        verification_required=traits.real_name_verification == Verification.REQUIRED,
        needs_introduction=traits.needs_introduction,
        recruiting=traits.kind == Kind.RECRUITING,
        contacts=traits.kind == Kind.CONTACTS,
        gossip=traits.anonymous_posting == Availability.YES,
        # R10 is about Chitu alone: its audience (newly employed professionals) is not a trait
        # the model records, so the rule has to name the platform.
        chitu=traits.slug == "chitu",
        meetings=traits.kind == Kind.MEETINGS,
    )


def _format_name(message: Promise | str, name: str) -> str:
    return str(message) % {"name": name}


# The text of a reason that names the intermediary, translated when it is shown.
_named = lazy(_format_name, str)


def _rank_key(channel: RankedChannel) -> tuple[bool, int, bool, str]:
    return (not channel.available, -channel.score, not channel.open_to_inquiries, channel.channel)


def _with_evidence(channel: RankedChannel, found: ChannelEvidence | None) -> RankedChannel:
    """An advised channel with its observed rate, moved by the rate's points within the
    channel's own ceiling; any other channel as it is."""
    if found is None or not channel.advised:
        return channel
    ceiling = SCORE_MAX if channel.channel == WARM_INTRODUCTION else COLD_CEILING
    score = _clamp(channel.score + found.points, ceiling) if found.points else channel.score
    return replace(
        channel, score=score, observed=found.observed, evidence_points=score - channel.score
    )


def recommend(
    catalog: ChannelCatalog,
    *,
    purpose: Purpose | str,
    target: Target,
    sender: Sender,
    evidence: Evidence | None = None,
) -> Recommendation:
    """Rank every channel for reaching `target` with `purpose`, as `sender`; with `evidence`,
    each advised channel also shows, and is moved by, what recruiters observed with this kind
    of target."""
    ctx = _context(purpose, target, sender)
    others = catalog.other_channels(ctx)
    if sender.path is not None:
        others = tuple(catalog.naming(channel, sender.path.intermediary) for channel in others)
    channels = [*others, *catalog.platform_channels(target, ctx)]
    observed = evidence.for_target(target.company_type, target.seniority) if evidence else None
    if observed:
        channels = [_with_evidence(channel, observed.get(channel.channel)) for channel in channels]

    # R12, enforced after scoring: a channel closed to inquiries never outranks the best open one.
    best_open = max(c.score for c in channels if c.available and c.open_to_inquiries)
    cap = max(best_open - 1, 0)
    channels = [
        replace(c, score=cap) if not c.open_to_inquiries and c.score > cap else c for c in channels
    ]
    channels.sort(key=_rank_key)
    return Recommendation(tuple(channels))
