"""Outreach-channel recommender: which channels reach a target, in what order, and why.

Pure Python over frozen dataclasses (what it is asked about is in `outreach.inputs`): no ORM, no
database. `outreach.catalog` loads the platform records into a `ChannelCatalog` once; `recommend()`
then scores any number of targets against it (10,000 in a fraction of a second). The rules and
their reasons are declared in `outreach.reasons`, their points in `outreach.rules`; every reason
names its rule and cites the seed articles behind it plus the platform's own citations for the
trait the rule read, so an admin edit of a trait changes the advice and its footnotes.

Two guarantees are enforced after scoring, structurally rather than by weights:
- R12: a platform where the target is not open to inquiries scores at most one point below the
  best channel that is open, and sorts after open channels on a tie, so it never ranks first.
- Ranking: available channels first, advised ones (scoring above 0) before the rest; among
  the advised, channels known to operate before platforms whose status is unknown (the one rule of
  "still operating": offered last, whatever they score); then by score, then open before
  unknown before closed, then a known presence before an unknown one, then by channel id, so
  the advice is deterministic. R12 and what to find out measure a channel against those known
  to operate, so a platform whose status is unknown is never the best way, nor said to be.

What whoever asks doesn't know (whether the target is on a platform, a setting there) counts
neither for nor against: a platform of unknown presence is scored as if they were on it,
counting only what is known, and says what to find out (`outreach.findout`). Every score adds
up from its base and its reasons' points (`outreach.ranking.RankedChannel`).

Observed reply rates (`outreach.evidence`), when given, are a second line under a channel and
move its score by a bounded amount before R12 is applied; the formula is in that module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from operator import attrgetter
from types import MappingProxyType

from django.utils.functional import Promise, lazy

from outreach.evidence import ChannelEvidence, Evidence
from outreach.findout import CONDITIONS, FindOut
from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.observed import others_with_evidence, with_observed
from outreach.ranking import (
    RankedChannel,
    Reason,
    Recommendation,
    SourceRef,
    sorted_sources,
)
from outreach.reasons import NAMING_NOTES, RULE_SOURCE_KEYS, Note
from outreach.rules import (
    COLD_CEILING,
    EMAIL_RELIANCE_HIGH,
    EMAIL_RELIANCE_MEDIUM,
    MOVES,
    OTHER_BASE,
    PLATFORM_BASE,
    Context,
    Move,
    PathKind,
    Readings,
    ceiling,
    other_moves,
    platform_moves,
)
from outreach.vocabulary import (
    OTHER,
    OTHER_CHANNEL_NAMES,
    OTHER_CHANNELS,
    PLATFORM,
    WARM_INTRODUCTION,
    PlatformName,
    Presence,
    Purpose,
    Seniority,
)
from platforms.vocabulary import (
    Availability,
    Kind,
    Level,
    OperatingState,
    Status,
    Verification,
    offer_key,
)

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


def _scored(base: int, reasons: tuple[Reason, ...], ceiling: int = COLD_CEILING) -> dict:
    """A channel's score from its base and its reasons' points, kept within 0 and `ceiling`,
    with what that limit took or gave, so the score shown adds up."""
    total = base + sum(reason.points for reason in reasons)
    score = _clamp(total, ceiling)
    return {"score": score, "base": base, "limited": score - total, "reasons": reasons}


@dataclass(frozen=True, eq=False, slots=True)
class _PlatformChannel:
    """A platform with its reasons resolved, its trait readings worked out once, and its fixed
    outcome (shut down, or the target is not on it) ready to reuse."""

    traits: PlatformTraits
    name: PlatformName
    operating: bool
    reasons: Mapping[Move, Reason]
    fixed_outcome: RankedChannel
    readings: Readings

    def rank(
        self, membership: TargetMembership, ctx: Context, found: ChannelEvidence | None = None
    ) -> RankedChannel:
        """This platform's score for a target on it (or perhaps on it), with a reason for
        every move, and what recruiters observed there with such a target (`found`)."""
        reasons = self.reasons
        moves = platform_moves(self.readings, membership, ctx)
        scored = _scored(PLATFORM_BASE, tuple(reasons[move] for move in moves))
        return RankedChannel(
            channel=self.traits.slug,
            kind=PLATFORM,
            name=self.name,
            available=True,
            open_to_inquiries=membership.open_to_inquiries,
            presence=membership.presence,
            operating_state=self.traits.operating_state,
            **(scored if found is None else with_observed(scored, found, COLD_CEILING)),
        )

    def find_out(self, membership: TargetMembership, ctx: Context, score: int) -> FindOut | None:
        """The question most worth asking about this platform: whether they are on it, and
        the unknown setting whose "yes" would raise its `score` most (None if nothing would
        make it worth trying)."""
        presence_unknown = membership.presence == Presence.UNKNOWN
        setting, best = None, score
        for name in CONDITIONS:
            if getattr(membership, name) is None:
                if_yes = self.rank(replace(membership, **{name: True}), ctx).score
                if if_yes > best:
                    setting, best = name, if_yes
        if best == 0 or not (presence_unknown or setting):
            return None
        status_unknown = self.traits.operating_state == OperatingState.STATUS_UNKNOWN
        return FindOut(self.name, presence_unknown, setting, best, status_unknown=status_unknown)


def _rank_other(channel: str, moves: list[Move], reasons: Mapping[Move, Reason]) -> RankedChannel:
    return RankedChannel(
        channel=channel,
        kind=OTHER,
        name=OTHER_CHANNEL_NAMES[channel],
        available=True,
        **_scored(OTHER_BASE, tuple(reasons[move] for move in moves), ceiling(channel)),
    )


# --- The catalog: per-platform work done once ---------------------------------------------------

# The platform outcomes a catalog keeps (`ChannelCatalog._platform_outcomes`) before it starts
# again: far more than the memberships, contexts and observed rates that occur take.
KEPT_PLATFORM_OUTCOMES = 50_000
# The whole recommendations a catalog keeps (`ChannelCatalog.kept_advice`) before it starts again:
# the people of the boards a process's recruiters open, many times over.
KEPT_RECOMMENDATIONS = 20_000


class ChannelCatalog:
    """Every platform's traits plus the seed sources, compiled once for fast scoring.

    Build it with `ChannelCatalog(platforms, sources)`; `sources` maps a seed key (`s2`) to its
    title and link (missing keys are cited by key alone). Immutable after construction, apart
    from the outcomes it remembers: the other channels' per context, each platform's per
    membership, context and observed rate (`_platform_outcome`), and whole recommendations per
    question (`kept_advice`).
    """

    __slots__ = (
        "_naming_reasons",
        "_other_reasons",
        "_others",
        "_platform_outcomes",
        "_platforms",
        "_recommendations",
        "sources",
    )

    def __init__(
        self, platforms: Iterable[PlatformTraits], sources: Mapping[str, SourceRef] | None = None
    ) -> None:
        self.sources = MappingProxyType(dict(sources or {}))
        self._platforms = tuple(
            self._compile(traits) for traits in sorted(platforms, key=lambda t: t.slug)
        )
        self._other_reasons = MappingProxyType({move: self._reason(move) for move in MOVES})
        self._naming_reasons = frozenset(
            id(reason) for move, reason in self._other_reasons.items() if move.note in NAMING_NOTES
        )
        self._others: dict[Context, tuple[RankedChannel, ...]] = {}
        self._platform_outcomes: dict[tuple, RankedChannel] = {}
        self._recommendations: dict[tuple, Recommendation] = {}

    @property
    def platforms(self) -> tuple[PlatformTraits, ...]:
        return tuple(platform.traits for platform in self._platforms)

    @property
    def operating_platforms(self) -> tuple[PlatformTraits, ...]:
        """The platforms advice may be asked about, in the order they are offered: those known
        to operate by name, then those whose status is unknown (`Platform.objects.operating()`
        and `in_offer_order()`)."""
        offered = (traits for traits in self.platforms if traits.is_operating)
        return tuple(
            sorted(offered, key=lambda traits: offer_key(traits.operating_state, traits.name_en))
        )

    @property
    def seed_sources(self) -> tuple[SourceRef, ...]:
        """The seed articles the rules rest on, with titles where the catalog has them."""
        return sorted_sources(self.sources.get(key) or SourceRef(key) for key in RULE_SOURCE_KEYS)

    @property
    def channel_ids(self) -> tuple[str, ...]:
        return tuple(p.traits.slug for p in self._platforms) + OTHER_CHANNELS

    @property
    def operating_channel_ids(self) -> tuple[str, ...]:
        """The channels a message can be sent through today (`operating_platforms` and the
        channels off-platform): what a new outreach may be logged on."""
        return tuple(traits.slug for traits in self.operating_platforms) + OTHER_CHANNELS

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

    def platform_channels(
        self,
        target: Target,
        ctx: Context,
        observed: Mapping[str, ChannelEvidence] | None = None,
    ) -> Iterator[RankedChannel]:
        """Every platform scored for `target`; 0 where they are not on it or it has shut down.
        A platform where their presence or a setting is unknown carries what to find out; one
        with an observed rate for such a target (`observed`, by slug), that rate."""
        memberships = {membership.platform: membership for membership in target.memberships}
        unknown = target.unlisted == Presence.UNKNOWN
        for platform in self._platforms:
            slug = platform.traits.slug
            membership = memberships.get(slug)
            if membership is None and unknown:
                membership = TargetMembership.unknown(slug)
            if membership is None or membership.presence == Presence.NOT_ON_IT:
                yield platform.fixed_outcome
                continue
            if not platform.operating:  # never advised, whatever was said of it
                yield replace(platform.fixed_outcome, presence=membership.presence)
                continue
            yield self._platform_outcome(
                platform, membership, ctx, observed.get(slug) if observed else None
            )

    def _platform_outcome(
        self,
        platform: _PlatformChannel,
        membership: TargetMembership,
        ctx: Context,
        found: ChannelEvidence | None,
    ) -> RankedChannel:
        """`platform` scored for a target with `membership` there, with what to find out: kept
        per (platform, membership, context, evidence), which take few values, as the other
        channels' outcomes are kept per context; a search page scores a hundred memberships."""
        key = (platform.traits.slug, membership, ctx, found)
        outcome = self._platform_outcomes.get(key)
        if outcome is None:
            ranked = platform.rank(membership, ctx, found)
            find_out = platform.find_out(membership, ctx, ranked.score)
            outcome = replace(ranked, find_out=find_out) if find_out else ranked
            if len(self._platform_outcomes) >= KEPT_PLATFORM_OUTCOMES:
                self._platform_outcomes.clear()
            self._platform_outcomes[key] = outcome
        return outcome

    def kept_advice(self, question: tuple, rank: Callable[[], Recommendation]) -> Recommendation:
        """The recommendation for `question`, ranked by `rank` the first time it is asked.

        Scoring is pure, so a question (every input of `recommend`) always gets the same
        answer; and a project's board scores the same people each time a recruiter opens it.
        """
        kept = self._recommendations.get(question)
        if kept is None:
            kept = rank()
            if len(self._recommendations) >= KEPT_RECOMMENDATIONS:
                self._recommendations.clear()
            self._recommendations[question] = kept
        return kept

    def _reason(self, said: Move | Note, traits: PlatformTraits | None = None) -> Reason:
        note, points = (said.note, said.points) if isinstance(said, Move) else (said, 0)
        sources = [self.sources.get(key) or SourceRef(key) for key in note.seeds]
        if traits is not None:
            for claim in note.claims:
                sources.extend(traits.citations.get(claim, ()))
        return Reason(note.rule.id, note.message, sorted_sources(sources), points)

    def _compile(self, traits: PlatformTraits) -> _PlatformChannel:
        reasons = MappingProxyType({move: self._reason(move, traits) for move in MOVES})
        name, operating = traits.name, traits.is_operating
        if operating:
            fixed_note = Note.NOT_ON_PLATFORM
        else:
            fixed_note = Note.SHUT_DOWN if traits.status == Status.SHUT_DOWN else Note.HISTORICAL
        fixed = RankedChannel(
            traits.slug,
            PLATFORM,
            name,
            0,
            operating,
            (self._reason(fixed_note, traits),),
            presence=Presence.NOT_ON_IT,
            operating_state=traits.operating_state,
        )
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


def _known(channel: RankedChannel) -> bool:
    """Available, and not a platform whose status is unknown: what the others are measured by."""
    return channel.available and not channel.status_unknown


def _capped(channels: list[RankedChannel]) -> list[RankedChannel]:
    """R12: a channel closed to inquiries scores at most one point below the best open one known
    to operate (the channels off-platform always are: there is one)."""
    best_open = max(c.score for c in channels if c.open_to_inquiries is True and _known(c))
    cap = max(best_open - 1, 0)
    return [
        replace(c, score=cap, capped=c.capped + cap - c.score) if c.closed and c.score > cap else c
        for c in channels
    ]


def _placed(channel: RankedChannel, channels: list[RankedChannel]) -> RankedChannel:
    """`channel` with its question placed among the other channels known to operate, as they
    now score (those whose status is unknown come after them whatever they score)."""
    others = [c for c in channels if _known(c) and c is not channel]
    best_other = max((c.score for c in others), default=0)
    best_other_cold = max((c.score for c in others if c.channel != WARM_INTRODUCTION), default=0)
    find_out = channel.find_out.placed(best_other=best_other, best_other_cold=best_other_cold)
    return replace(channel, find_out=find_out)


def recommend(
    catalog: ChannelCatalog,
    *,
    purpose: Purpose | str,
    target: Target,
    sender: Sender,
    evidence: Evidence | None = None,
    keep: bool = False,
) -> Recommendation:
    """Rank every channel for reaching `target` with `purpose`, as `sender`; with `evidence`,
    each advised channel also shows, and is moved by, what recruiters observed with this kind
    of target.

    With `keep`, the catalog keeps the answer for the same question (`kept_advice`): for the
    pages that list the same people each time, as a project's board does for a recruiter who
    opens it many times a day. The evidence, compared by identity, is a new object in each
    evidence version; the catalog, in each platform data version. Not for search results: a new
    search's people are mostly new, and keeping each answer cost more than it saved (the
    garbage collector walks what is kept).
    """
    if keep:
        question = (purpose, target, sender, evidence)
        rank = partial(
            recommend, catalog, purpose=purpose, target=target, sender=sender, evidence=evidence
        )
        return catalog.kept_advice(question, rank)
    ctx = _context(purpose, target, sender)
    others = catalog.other_channels(ctx)
    if sender.path is not None:
        others = tuple(catalog.naming(channel, sender.path.intermediary) for channel in others)
    observed = evidence.for_target(target.company_type, target.seniority) if evidence else None
    if observed:
        others = others_with_evidence(others, evidence, observed)
    channels = [*others, *catalog.platform_channels(target, ctx, observed)]

    # R12, enforced after scoring: a channel closed to inquiries never outranks the best open one.
    channels = _capped(channels)
    if any(c.find_out for c in channels):
        channels = [_placed(c, channels) if c.find_out else c for c in channels]
    channels.sort(key=attrgetter("sort_key"))
    return Recommendation(tuple(channels))
