"""What is worth finding out about a target, and what the answer would change.

Whoever asks may not know whether the target is on a platform, or how they use it there. The
recommender scores what is known (an unknown counts neither for nor against); for a platform with
something unknown, this says the one thing most worth checking: whether they are on it, and the
unknown setting that would raise its score most, with the score it would then have, and whether
that would make it the strongest cold channel or the best channel of all ("Check whether they are
on Weibo: if they publicize their career there, it would be the strongest cold channel (65/100).").

Pure Python: the recommender works out the score; this module holds the words and the standing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outreach.vocabulary import PlatformName
from platforms.vocabulary import OperatingState, offered_name

# The unknown settings that could raise a platform's score, as an "if ..." clause says them, in
# the order a tie is broken in (R6's public career first: it is what opens a cold message).
CONDITIONS: Mapping[str, Promise] = MappingProxyType(
    {
        "publicizes_career": _("they publicize their career there"),
        "open_to_inquiries": _("they are open to inquiries there"),
        "active": _("they are active there"),
        "verified": _("they say their account there is verified"),
        "preferred": _("it is their preferred channel"),
    }
)


class Standing(enum.Enum):
    """Where the platform would then stand among the other channels, as they are scored now."""

    SCORE = "score"  # below another cold channel: only its score is said
    STRONGEST_COLD = "strongest_cold"  # above every cold channel, below a warm introduction
    BEST = "best"  # above every channel


OUTCOMES: Mapping[Standing, Promise] = MappingProxyType(
    {
        Standing.SCORE: _("it would score %(score)s/100"),
        Standing.STRONGEST_COLD: _("it would be the strongest cold channel (%(score)s/100)"),
        Standing.BEST: _("it would be the best way to reach them (%(score)s/100)"),
    }
)


@dataclass(frozen=True, slots=True)
class FindOut:
    """The question most worth asking about one platform, and what its answer would change.

    `setting` is the unknown setting (a `CONDITIONS` key) whose "yes" raises the score most, or
    None where only the presence is unknown; `score` is the platform's score if it were yes (and
    they are on it). A platform whose status is unknown (`status_unknown`) is named as such and
    only ever given its score: it is offered after every channel known to operate, so it is
    never the best or strongest way. Shown in the UI language as `str(find_out)`.
    """

    name: PlatformName
    presence_unknown: bool
    setting: str | None
    score: int
    standing: Standing = Standing.SCORE
    status_unknown: bool = False

    def placed(self, *, best_other: int, best_other_cold: int) -> FindOut:
        """This question with its standing among the other channels' final scores."""
        if self.status_unknown:
            standing = Standing.SCORE
        elif self.score > best_other:
            standing = Standing.BEST
        elif self.score > best_other_cold:
            standing = Standing.STRONGEST_COLD
        else:
            standing = Standing.SCORE
        return replace(self, standing=standing)

    @property
    def condition(self) -> Promise | None:
        return CONDITIONS[self.setting] if self.setting else None

    def __str__(self) -> str:
        outcome = str(OUTCOMES[self.standing]) % {"score": self.score}
        platform = str(self.name)
        if self.status_unknown:
            platform = offered_name(platform, OperatingState.STATUS_UNKNOWN)
        values = {"platform": platform, "condition": self.condition, "outcome": outcome}
        if self.presence_unknown and self.setting:
            text = gettext("Check whether they are on %(platform)s: if %(condition)s, %(outcome)s.")
        elif self.presence_unknown:
            text = gettext("Check whether they are on %(platform)s: if they are, %(outcome)s.")
        else:
            text = gettext("On %(platform)s, find out whether %(condition)s: if so, %(outcome)s.")
        return text % values

    @property
    def text(self) -> str:
        return str(self)
