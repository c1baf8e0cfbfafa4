"""The recommender's answer: every channel ranked, each score with the reasons that make it up.

Plain frozen dataclasses, no ORM: `outreach.recommender` builds them, the pages, the API and the
executive's own view (`outreach.reachability`) read them. The names are re-exported by
`outreach.recommender`, where callers have always found them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from outreach.evidence import ObservedRate
from outreach.findout import FindOut
from outreach.rules import ceiling
from outreach.vocabulary import PlatformName, Presence
from platforms.vocabulary import OperatingState


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
class Reason:
    """One sentence that moved a channel's score; rendered in the UI language when shown."""

    rule: str
    message: Promise | str
    sources: tuple[SourceRef, ...] = ()
    points: int = 0  # how far it moved the score

    def __str__(self) -> str:
        return str(self.message)

    @property
    def text(self) -> str:
        return str(self.message)


# Open before unknown before closed, on a tie.
_OPENNESS = {True: 0, None: 1, False: 2}


@dataclass(frozen=True, slots=True)
class RankedChannel:
    """One channel's place in the advice: `kind` is "platform" or "other".

    Every point of `score` is accounted for: it is `base` plus each reason's points, plus
    `limited` (what keeping it within 0 and its ceiling took or gave), `evidence_points` and
    `capped` (what R12 took so that a channel closed to inquiries never comes first).
    `open_to_inquiries` is None where that is unknown, as are the platforms with
    `presence` unknown: those carry the question worth asking (`find_out`).
    `operating_state` is a platform's (`platforms.vocabulary.operating_state`, the one rule of
    "still operating"), None for the channels off-platform.
    """

    channel: str
    kind: str
    name: PlatformName | Promise
    score: int
    available: bool
    reasons: tuple[Reason, ...]
    open_to_inquiries: bool | None = True
    # What recruiters observed with this kind of target, where enough outreaches stand behind
    # it, and the points it moved the rule score by (already in `score`).
    observed: ObservedRate | None = None
    evidence_points: int = 0
    base: int = 0
    limited: int = 0
    capped: int = 0
    presence: Presence = Presence.ON_IT
    find_out: FindOut | None = None
    operating_state: OperatingState | None = None
    # Where it comes in the advice (`_sort_key`), worked out once per channel: the recommender
    # keeps most channels from one target to the next, and sorts every target's.
    sort_key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sort_key", self._sort_key())

    def _sort_key(self) -> tuple[bool, bool, bool, int, int, bool, str]:
        """Advised and known to operate first, then by score; on a tie open before unknown
        before closed, a known presence before an unknown one, then by name."""
        advised = self.advised
        return (
            not self.available,
            not advised,
            advised and self.status_unknown,
            -self.score,
            _OPENNESS[self.open_to_inquiries],
            self.presence == Presence.UNKNOWN,
            self.channel,
        )

    @property
    def advised(self) -> bool:
        """Worth trying at all: it operates and some rule gives it a chance."""
        return self.available and self.score > 0

    @property
    def closed(self) -> bool:
        """Known to be closed to inquiries (not merely not known to be open)."""
        return self.open_to_inquiries is False

    @property
    def presence_unknown(self) -> bool:
        return self.presence == Presence.UNKNOWN

    @property
    def status_unknown(self) -> bool:
        """A platform no source says still operates: offered after every channel known to
        operate, badged, and never called the best way to reach anyone."""
        return self.operating_state == OperatingState.STATUS_UNKNOWN

    @property
    def ceiling(self) -> int:
        """The highest score this channel can reach (`limited` says when it did)."""
        return ceiling(self.channel)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """Every channel, best first: the advised ones known to operate, then those on platforms
    whose status is unknown, then the ones that can't reach the target, then the platforms that
    shut down or are kept for the record."""

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
    def find_outs(self) -> tuple[FindOut, ...]:
        """The questions worth asking, the one whose answer could score highest first; those
        about platforms whose status is unknown after the rest, as their channels are."""
        found = [channel.find_out for channel in self.channels if channel.find_out]
        return tuple(sorted(found, key=lambda find_out: (find_out.status_unknown, -find_out.score)))

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
