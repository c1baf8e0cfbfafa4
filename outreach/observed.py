"""Observed rates applied to ranked channels, for the recommender (the rule is in
`outreach.evidence`).

A platform gets its rate as it is scored (`with_observed`, inside the one RankedChannel made for
it); the other channels (warm introduction, email, phone, in person), which the catalog keeps
per context, get theirs once per evidence version and context (`others_with_evidence`), so the
evidence costs scoring a dictionary lookup per channel rather than a copy of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from outreach.evidence import ChannelEvidence, Evidence
from outreach.ranking import RankedChannel
from outreach.rules import ceiling


def with_observed(scored: dict, found: ChannelEvidence, highest: int) -> dict:
    """A channel's score fields with the observed rate, for a channel the rules advise (score
    above 0): its points move the score, within the channel's ceiling `highest`."""
    if scored["score"] <= 0:
        return scored
    score = max(0, min(highest, scored["score"] + found.points))
    moved = score - scored["score"]
    return {**scored, "score": score, "observed": found.observed, "evidence_points": moved}


def _other_observed(channel: RankedChannel, found: ChannelEvidence) -> RankedChannel:
    moved = with_observed({"score": channel.score}, found, ceiling(channel.channel))
    return replace(channel, **moved) if len(moved) > 1 else channel


def others_with_evidence(
    others: tuple[RankedChannel, ...], evidence: Evidence, observed: Mapping[str, ChannelEvidence]
) -> tuple[RankedChannel, ...]:
    """The other channels with their observed rates (`observed`: a kind of target's, from
    `evidence`), kept in `evidence.memo` for the catalog's tuple `others`."""
    key = (id(others), id(observed))
    kept = evidence.memo.get(key)
    if kept is None or kept[0] is not others:  # an id may be reused once its object is gone
        kept = evidence.memo[key] = (
            others,
            tuple(
                _other_observed(c, observed[c.channel]) if c.channel in observed else c
                for c in others
            ),
        )
    return kept[1]
