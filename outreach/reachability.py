"""How reachable a person is: short advice for result lists, and the executive's own view.

The recommender answers "how do I reach them?"; this module turns the answer round for the
executive ("where would recruiters and partners reach me first?") and says which of their
settings close doors ("what to change"). Pure Python over the recommender's dataclasses and the
catalog's traits: no ORM, so the suggestions are table-tested without a database.

Trait readings here are the recommender's own (`PlatformTraits.is_global_network`,
`needs_introduction`, `allows_cold_socializing`), so an admin's edit of a trait changes the
suggestions as it changes the advice.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from outreach.recommender import (
    PLATFORM,
    RULES,
    ChannelCatalog,
    Kind,
    PlatformName,
    PlatformTraits,
    Purpose,
    RankedChannel,
    Reason,
    Recommendation,
    Rule,
    Sender,
    Status,
    Target,
    TargetMembership,
    recommend,
)

# How many channels a short summary shows (a search result, a cell on /me/).
SUMMARY_SIZE = 3

# R12 reasons say how the person set a channel up (active, open, verified...); the other rules
# say why the channel suits them, which is the more telling line when only one is shown.
SETTINGS_RULE = "R12"


@dataclass(frozen=True, slots=True)
class ChannelSummary:
    """One channel in a short list: the channel (name, score, reasons) and its headline reason."""

    channel: RankedChannel
    reason: Reason | None


def headline_reason(channel: RankedChannel) -> Reason | None:
    """The reason to show when only one fits: the first that is not about the person's settings."""
    for reason in channel.reasons:
        if reason.rule != SETTINGS_RULE:
            return reason
    return channel.reasons[0] if channel.reasons else None


def summaries(channels: Iterable[RankedChannel]) -> tuple[ChannelSummary, ...]:
    """Each channel with its headline reason."""
    return tuple(ChannelSummary(channel, headline_reason(channel)) for channel in channels)


def summarize(
    recommendation: Recommendation, count: int = SUMMARY_SIZE
) -> tuple[ChannelSummary, ...]:
    """The first `count` advised channels, each with its headline reason."""
    return summaries(recommendation.top(count))


# --- The executive's own view: who would reach them where ---------------------------------------


@dataclass(frozen=True, slots=True)
class TypicalSender:
    """A kind of person who reaches out, as the executive's page describes them."""

    id: str
    label: Promise
    sender: Sender


CHINA_BASED_SENDER = TypicalSender(
    "china-based",
    _("Someone in China who reads Chinese, without a mutual contact"),
    Sender(reads_chinese=True, can_verify_mainland_account=True),
)
FOREIGN_SENDER = TypicalSender(
    "foreign",
    _("Someone abroad who can't read Chinese, without a mutual contact"),
    Sender(),
)
TYPICAL_SENDERS = (CHINA_BASED_SENDER, FOREIGN_SENDER)

# The reasons people reach out to an executive. Job search (asking them for a job) is left out:
# the executive's settings for it are the same as for peer networking.
OWNER_PURPOSES: Mapping[Purpose, Promise] = MappingProxyType(
    {
        Purpose.RECRUITING: _("Recruiters with a job for you"),
        Purpose.BUSINESS_DEVELOPMENT: _("Partners with a business proposal"),
        Purpose.PEER_NETWORKING: _("Peers who want to get to know you"),
    }
)


@dataclass(frozen=True, slots=True)
class SenderView:
    """What one typical sender would do: the owner's platforms they would use, best first, and
    the other channels (an introduction, a meeting...) they would try before any of them."""

    sender: TypicalSender
    platforms: tuple[ChannelSummary, ...]
    ahead: tuple[RankedChannel, ...]


@dataclass(frozen=True, slots=True)
class PurposeView:
    """For one purpose, the channels each typical sender would use first."""

    purpose: Purpose
    label: Promise
    senders: tuple[SenderView, ...]


def sender_view(
    recommendation: Recommendation, sender: TypicalSender, count: int = SUMMARY_SIZE
) -> SenderView:
    """The owner's own channels (their platforms) in the sender's ranking, and what beats them."""
    advised = recommendation.advised
    platforms = [channel for channel in advised if channel.kind == PLATFORM]
    first_platform = advised.index(platforms[0]) if platforms else len(advised)
    return SenderView(
        sender=sender,
        platforms=summaries(platforms[:count]),
        ahead=advised[:first_platform],
    )


def reachable_by(
    catalog: ChannelCatalog,
    target: Target,
    *,
    senders: Sequence[TypicalSender] = TYPICAL_SENDERS,
    count: int = SUMMARY_SIZE,
) -> tuple[PurposeView, ...]:
    """The recommender run with the executive as the target, once per purpose and sender."""
    return tuple(
        PurposeView(
            purpose=purpose,
            label=label,
            senders=tuple(
                sender_view(
                    recommend(catalog, purpose=purpose, target=target, sender=typical.sender),
                    typical,
                    count,
                )
                for typical in senders
            ),
        )
        for purpose, label in OWNER_PURPOSES.items()
    )


# --- What to change ----------------------------------------------------------------------------


class Setting(enum.StrEnum):
    """Where the executive changes what a suggestion is about: a URL name and its anchor."""

    MEMBERSHIPS = "profiles:me_memberships"
    VISIBILITY = "profiles:me_edit"

    @property
    def anchor(self) -> str:
        return "id_visibility_0" if self is Setting.VISIBILITY else ""

    @property
    def action(self) -> Promise:
        return SETTING_ACTIONS[self]


SETTING_ACTIONS = {
    Setting.MEMBERSHIPS: _("Edit my platforms"),
    Setting.VISIBILITY: _("Change who can see my profile"),
}

# The model's visibility value for "only me" (kept here so the module stays pure).
PRIVATE = "private"


@dataclass(frozen=True, slots=True)
class PlatformNames:
    """Platform names joined for a sentence, in the language active when it is shown."""

    names: tuple[PlatformName, ...]

    def __str__(self) -> str:
        return pgettext("list separator", ", ").join(str(name) for name in self.names)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One concrete change, the rules behind it and where to make it.

    `id` is stable (tests and anchors); `message` is a lazy template filled with `params` when
    shown, so platform names appear in the language of the page.
    """

    id: str
    rules: tuple[str, ...]
    message: Promise
    setting: Setting
    platforms: tuple[str, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    @property
    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    @property
    def cited_rules(self) -> tuple[Rule, ...]:
        return tuple(RULES[rule] for rule in self.rules)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class _Channel:
    """One of the executive's memberships with the traits of its platform."""

    membership: TargetMembership
    traits: PlatformTraits

    @property
    def slug(self) -> str:
        return self.traits.slug

    @property
    def name(self) -> PlatformName:
        return self.traits.name


def reaches_domestic_firms(traits: PlatformTraits) -> bool:
    """A platform people at Chinese firms use to approach someone they don't know yet."""
    return traits.is_operating and not traits.is_global_network and not traits.needs_introduction


def _names(channels: Iterable[_Channel | PlatformTraits]) -> PlatformNames:
    return PlatformNames(tuple(channel.name for channel in channels))


def _slugs(channels: Iterable[_Channel]) -> tuple[str, ...]:
    return tuple(channel.slug for channel in channels)


def _best_platforms(catalog: ChannelCatalog, target: Target) -> set[str]:
    """The platform each owner purpose would rank first if the executive were active everywhere.

    Judged as a China-based sender would, so an inactive membership can't hide its own promise.
    """
    all_active = replace(
        target, memberships=tuple(replace(m, active=True) for m in target.memberships)
    )
    best = set()
    for purpose in OWNER_PURPOSES:
        advice = recommend(
            catalog, purpose=purpose, target=all_active, sender=CHINA_BASED_SENDER.sender
        )
        platforms = [c for c in advice.advised if c.kind == PLATFORM]
        if platforms:
            best.add(platforms[0].channel)
    return best


def suggestions(
    *,
    catalog: ChannelCatalog,
    target: Target,
    visibility: str,
    open_to_opportunities: bool,
) -> tuple[Suggestion, ...]:
    """What the executive could change so the people they want to hear from can reach them.

    `target` holds all their memberships, shut-down platforms included. Most important first.
    """
    traits = {platform.slug: platform for platform in catalog.platforms}
    channels = [_Channel(m, traits[m.platform]) for m in target.memberships if m.platform in traits]
    operating = [c for c in channels if c.traits.is_operating]
    open_channels = [c for c in operating if c.membership.open_to_inquiries]
    domestic = [c for c in operating if reaches_domestic_firms(c.traits)]
    member_of = {c.slug for c in channels}
    joinable = [
        t
        for t in catalog.platforms
        if t.status == Status.ACTIVE and reaches_domestic_firms(t) and t.slug not in member_of
    ]
    found: list[Suggestion] = []
    add = found.append

    if visibility == PRIVATE:
        add(
            Suggestion(
                "profile-private",
                ("R12",),
                _(
                    "Your profile is private, so recruiters can't find you in their search at "
                    "all. That is your choice to make; share it with recruiters if you want "
                    "offers."
                ),
                Setting.VISIBILITY,
            )
        )
    if not operating:
        add(
            Suggestion(
                "no-platforms",
                ("R12",),
                _(
                    "You have recorded no platform that still operates, and a platform you are "
                    "not on can't reach you: add the ones you use."
                ),
                Setting.MEMBERSHIPS,
            )
        )
    elif not open_channels:
        add(
            Suggestion(
                "closed-everywhere",
                ("R12", "R4"),
                _(
                    "You are not open to inquiries on any platform, so none of them comes first: "
                    "people fall back on cold calls, which switchboards block. Say where you "
                    "welcome inquiries."
                ),
                Setting.MEMBERSHIPS,
            )
        )
    elif domestic and not any(c.membership.open_to_inquiries for c in domestic):
        add(
            Suggestion(
                "closed-to-domestic-firms",
                ("R6", "R12"),
                _(
                    "You are open to inquiries only on %(open)s, not on %(domestic)s, where "
                    "recruiters and partners at Chinese firms would approach you."
                ),
                Setting.MEMBERSHIPS,
                _slugs(domestic),
                {"open": _names(open_channels), "domestic": _names(domestic)},
            )
        )

    if operating and target.at_domestic_firm and all(c.traits.is_global_network for c in operating):
        add(
            Suggestion(
                "global-network-only",
                ("R5",),
                _(
                    "You are only on %(platforms)s, which works poorly for professionals at "
                    "domestic firms like yours: recruiters and partners there use Chinese "
                    "platforms such as %(joinable)s."
                ),
                Setting.MEMBERSHIPS,
                _slugs(operating),
                {"platforms": _names(operating), "joinable": _names(joinable)},
            )
        )
    if operating and all(c.traits.needs_introduction for c in operating):
        add(
            Suggestion(
                "introduction-only",
                ("R7",),
                _(
                    "You are only on %(platforms)s, where a first contact needs an introduction: "
                    "strangers can't reach you there without one. Add a platform where you "
                    "welcome inquiries."
                ),
                Setting.MEMBERSHIPS,
                _slugs(operating),
                {"platforms": _names(operating)},
            )
        )

    best = _best_platforms(catalog, target)
    inactive_best = [c for c in operating if c.slug in best and not c.membership.active]
    if inactive_best:
        add(
            Suggestion(
                "inactive-on-best-channel",
                ("R12",),
                _(
                    "%(platforms)s would be where people reach you first, but you are rarely "
                    "active there, so their messages may go unread. Check it more often, or say "
                    "how active you really are."
                ),
                Setting.MEMBERSHIPS,
                _slugs(inactive_best),
                {"platforms": _names(inactive_best)},
            )
        )

    preferred_shut = [c for c in channels if c.membership.preferred and not c.traits.is_operating]
    if preferred_shut:
        add(
            Suggestion(
                "preferred-shut-down",
                ("R1",),
                _(
                    "Your preferred channel, %(platforms)s, has shut down and reaches no one: "
                    "choose another."
                ),
                Setting.MEMBERSHIPS,
                _slugs(preferred_shut),
                {"platforms": _names(preferred_shut)},
            )
        )
    preferred_restricted = [
        c for c in operating if c.membership.preferred and c.traits.status == Status.RESTRICTED
    ]
    if preferred_restricted:
        add(
            Suggestion(
                "preferred-restricted",
                ("R1", "R5"),
                _(
                    "Your preferred channel, %(platforms)s, is restricted in China: it reaches "
                    "staff of multinationals abroad, but many people in China can't use it. "
                    "Prefer a channel that fully operates there."
                ),
                Setting.MEMBERSHIPS,
                _slugs(preferred_restricted),
                {"platforms": _names(preferred_restricted)},
            )
        )

    recruiting = [t for t in catalog.platforms if t.kind == Kind.RECRUITING and t.is_operating]
    open_recruiting = [c for c in open_channels if c.traits.kind == Kind.RECRUITING]
    if open_to_opportunities and recruiting and not open_recruiting:
        add(
            Suggestion(
                "no-recruiting-platform",
                ("R8",),
                _(
                    "You are open to opportunities, but not open to inquiries on %(platforms)s, "
                    "where headhunters look first."
                ),
                Setting.MEMBERSHIPS,
                tuple(t.slug for t in recruiting),
                {"platforms": _names(recruiting)},
            )
        )

    career_hidden = [
        c
        for c in open_channels
        if c.traits.allows_cold_socializing and not c.membership.publicizes_career
    ]
    if career_hidden:
        add(
            Suggestion(
                "career-not-publicized",
                ("R6",),
                _(
                    "On %(platforms)s, people who publicize their career tend to get business "
                    "inquiries, executives included. If you welcome them, say that you do."
                ),
                Setting.MEMBERSHIPS,
                _slugs(career_hidden),
                {"platforms": _names(career_hidden)},
            )
        )
    return tuple(found)
