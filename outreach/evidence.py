"""What recruiters' logged outreaches say beside the rules: observed reply rates, as plain data.

Pure Python, like the recommender: `Evidence` is built from the summed outcomes per channel and
kind of target (company type by seniority) that `outreach.models.ObservedOutcome` keeps, and the
recommender reads it for one target at a time. The rules and their sources stay the
explanation; the evidence is a second line under a channel, and moves its score only by a
bounded amount, only when enough outreaches stand behind it.

The rule, in full (also in the README):

- A channel's rate for a kind of target is r / n: r replies among the n outreaches whose
  outcome is known (replied, declined, or no reply after 14 days; pending ones don't count).
- It is shown only where n ≥ 20 (`MIN_OUTREACHES`), with its 95% Wilson score interval
  [lo, hi], so no single recruiter's or executive's behaviour can be read from it.
- It moves the channel's rule score only when the interval is narrow, hi - lo ≤ 0.20
  (`MAX_INTERVAL_WIDTH`), and lies wholly above or below the baseline b, the rate of every
  channel together for that kind of target (Σr / Σn): by
  round(100 * `WEIGHT` * (lo - b)) points when lo > b, round(100 * `WEIGHT` * (hi - b)) when
  hi < b, with `WEIGHT` = 0.5, and never by more than ±10 (`MAX_POINTS`). The near end of the
  interval is used, so a channel moves by what the data makes sure of, not by its best guess.
- Only channels the rules advise move (available, score above 0): evidence never makes a
  channel the person is not on reachable. The moved score stays within the channel's own
  ceiling (a cold approach never passes `COLD_CEILING`, so a warm introduction at a Chinese firm
  stays first) and R12 is applied after it (a platform closed to inquiries never comes first).

Example: Weibo to C-level at Chinese private firms, 47 replies of 124 (38%, interval 30 to 47%),
against 20% for every channel to them: (0.30 - 0.20) * 50 = +5 points.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.per_page import texts_per_language
from outreach.vocabulary import CompanyType, Seniority

MIN_OUTREACHES = 20
MAX_INTERVAL_WIDTH = 0.20
WEIGHT = 0.5
MAX_POINTS = 10
Z_95 = 1.959964

# "… outreaches to C-level at Chinese private firms": the kinds of target as a sentence says them.
SENIORITY_PHRASES = {
    Seniority.JUNIOR: _("junior staff"),
    Seniority.MANAGER: _("managers"),
    Seniority.DIRECTOR: _("directors"),
    Seniority.EXECUTIVE: _("executives"),
    Seniority.C_LEVEL: _("C-level"),
}
COMPANY_PHRASES = {
    CompanyType.CHINESE_PRIVATE: _("Chinese private firms"),
    CompanyType.STATE_OWNED: _("state-owned enterprises"),
    CompanyType.MULTINATIONAL: _("multinationals"),
    CompanyType.JOINT_VENTURE: _("joint ventures"),
    CompanyType.FOREIGN: _("foreign companies"),
}
WHOM = _("%(seniority)s at %(company_type)s")


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion: unlike the textbook p ± z·√(p(1-p)/n), it
    stays within [0, 1] and is honest for small n and for rates near 0 or 1."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


@texts_per_language
def whom(company_type: str, seniority: str) -> str:
    """ "C-level at Chinese private firms", in the active language: made once per language for
    each kind of target, as every observed rate in a page's advice names its target again."""
    return str(WHOM) % {
        "seniority": SENIORITY_PHRASES[Seniority(seniority)],
        "company_type": COMPANY_PHRASES[CompanyType(company_type)],
    }


@dataclass(frozen=True, slots=True)
class ObservedRate:
    """One channel's outcomes with one kind of target: n outreaches with a known outcome, r
    replies, and the 95% interval of the rate."""

    channel: str
    company_type: str
    seniority: str
    outreaches: int
    replied: int
    low: float
    high: float

    @classmethod
    def of(
        cls, channel: str, company_type: str, seniority: str, outreaches: int, replied: int
    ) -> ObservedRate:
        low, high = wilson_interval(replied, outreaches)
        return cls(channel, company_type, seniority, outreaches, replied, low, high)

    @property
    def rate(self) -> float:
        return self.replied / self.outreaches if self.outreaches else 0.0

    @property
    def shown(self) -> bool:
        """Enough outreaches stand behind it to show it (and to move a score)."""
        return self.outreaches >= MIN_OUTREACHES

    @property
    def narrow(self) -> bool:
        return self.high - self.low <= MAX_INTERVAL_WIDTH

    @property
    def whom(self) -> str:
        return whom(self.company_type, self.seniority)

    @property
    def interval_text(self) -> str:
        return _("95%% interval: %(low)s to %(high)s") % {
            "low": percent(self.low),
            "high": percent(self.high),
        }

    def __str__(self) -> str:
        """ "Replied: 38% of 124 outreaches to C-level at Chinese private firms"."""
        return ngettext(
            "Replied: %(rate)s of %(count)s outreach to %(whom)s",
            "Replied: %(rate)s of %(count)s outreaches to %(whom)s",
            self.outreaches,
        ) % {"rate": percent(self.rate), "count": f"{self.outreaches:,}", "whom": self.whom}


@dataclass(frozen=True, slots=True, eq=False)
class ChannelEvidence:
    """A shown rate and the points it moves its channel by (0 when the interval is too wide or
    overlaps the baseline).

    Compared and hashed by identity: the recommender keys each platform's scored outcome by it
    (`ChannelCatalog._platform_outcome`), and one `Evidence` makes each once, so hashing its
    fields (and its rate's) on every scored membership would only cost time.
    """

    observed: ObservedRate
    points: int


def points_for(observed: ObservedRate, baseline: float) -> int:
    """How far the evidence moves a channel's score (see the module's docstring)."""
    if not (observed.shown and observed.narrow):
        return 0
    if observed.low > baseline:
        gap = observed.low - baseline
    elif observed.high < baseline:
        gap = observed.high - baseline
    else:
        return 0
    return max(-MAX_POINTS, min(MAX_POINTS, round(100 * WEIGHT * gap)))


# (channel, company type, seniority, outreaches with a known outcome, replies)
OutcomeRow = tuple[str, str, str, int, int]
_NOTHING: Mapping[str, ChannelEvidence] = MappingProxyType({})


class Evidence:
    """Every observed rate, by kind of target, with the moves worked out once: the recommender
    looks a target's up in one step. Plain data that never changes once built (apart from the
    recommender's `memo` of results for it), shared by every request of an evidence version
    (`outreach.selectors.observed_evidence`)."""

    __slots__ = ("_by_target", "memo", "rates")

    def __init__(self, rows: Iterable[OutcomeRow]) -> None:
        grouped: dict[tuple[str, str], list[ObservedRate]] = defaultdict(list)
        for channel, company_type, seniority, outreaches, replied in rows:
            if outreaches > 0:
                rate = ObservedRate.of(channel, company_type, seniority, outreaches, replied)
                grouped[company_type, seniority].append(rate)
        self.rates: tuple[ObservedRate, ...] = tuple(
            sorted(
                (rate for rates in grouped.values() for rate in rates),
                key=lambda r: (r.company_type, r.seniority, r.channel),
            )
        )
        self._by_target: dict[tuple[str, str], Mapping[str, ChannelEvidence]] = {}
        # The recommender's results kept for this evidence (`recommender._others_with_evidence`).
        self.memo: dict = {}
        for cell, rates in grouped.items():
            total = sum(rate.outreaches for rate in rates)
            baseline = sum(rate.replied for rate in rates) / total
            shown = {
                rate.channel: ChannelEvidence(rate, points_for(rate, baseline))
                for rate in rates
                if rate.shown
            }
            if shown:
                self._by_target[cell] = shown  # read-only by convention: a proxy is slower

    def for_target(self, company_type: str, seniority: str) -> Mapping[str, ChannelEvidence]:
        """The shown rates for this kind of target, by channel (empty when there are none)."""
        return self._by_target.get((company_type, seniority), _NOTHING)

    def __bool__(self) -> bool:
        return bool(self._by_target)


NO_EVIDENCE = Evidence(())
