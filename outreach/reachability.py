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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext

from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.reasons import Rule
from outreach.recommender import (
    ChannelCatalog,
    PlatformName,
    RankedChannel,
    Reason,
    Recommendation,
    recommend,
)
from outreach.vocabulary import PLATFORM, Purpose
from platforms.vocabulary import Kind, Status

# How many channels a short summary shows (a search result, a cell on /me/).
SUMMARY_SIZE = 3

# R12 reasons say how the person set a channel up (active, open, verified...); the other rules
# say why the channel suits them, which is the more telling line when only one is shown.
SETTINGS_RULE = Rule.R12.id


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


class Setting(TextChoices):
    """Which of the executive's settings a suggestion is about, labelled as the action that
    changes it; the page that shows the suggestion links each to its own form."""

    MEMBERSHIPS = "memberships", _("Edit my platforms")
    VISIBILITY = "visibility", _("Change who can see my profile")


@dataclass(frozen=True, slots=True)
class PlatformNames:
    """Platform names joined for a sentence, in the language active when it is shown."""

    names: tuple[PlatformName, ...]

    def __str__(self) -> str:
        return pgettext("list separator", ", ").join(str(name) for name in self.names)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One concrete change, the rules behind it and which setting makes it.

    `id` is stable (tests and anchors); `message` is a lazy template filled with `params` when
    shown, so platform names appear in the language of the page (and a plural message picks its
    form from `params["count"]`). `platforms` are the executive's own memberships the change is
    about: a suggestion never asks them to change a setting on a platform they are not on, and
    names platforms to join only as examples, in `params`.
    """

    id: str
    rules: tuple[Rule, ...]
    message: Promise
    setting: Setting
    platforms: tuple[str, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    @property
    def text(self) -> str:
        return str(self.message % self.params) if self.params else str(self.message)

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


def _slugs(channels: Iterable[_Channel | PlatformTraits]) -> tuple[str, ...]:
    return tuple(channel.slug for channel in channels)


def _about_platforms(
    suggestion_id: str,
    rules: tuple[Rule, ...],
    message: Promise,
    channels: Sequence[_Channel],
) -> Suggestion | None:
    """A change to the memberships on `channels`, naming them as `%(platforms)s` (and counting
    them as `%(count)s` for a plural message); none if none."""
    if not channels:
        return None
    params = {"platforms": _names(channels), "count": len(channels)}
    return Suggestion(suggestion_id, rules, message, Setting.MEMBERSHIPS, _slugs(channels), params)


@dataclass(frozen=True, slots=True)
class _Situation:
    """The executive's memberships, sorted the ways the suggestion rules read them."""

    catalog: ChannelCatalog
    target: Target
    private: bool
    open_to_opportunities: bool
    channels: tuple[_Channel, ...]  # every membership, shut-down platforms included
    operating: tuple[_Channel, ...]
    open_channels: tuple[_Channel, ...]  # operating, and open to inquiries
    domestic: tuple[_Channel, ...]  # operating, and where Chinese firms approach strangers

    @classmethod
    def of(
        cls, catalog: ChannelCatalog, target: Target, *, private: bool, open_to_opportunities: bool
    ) -> _Situation:
        traits = {platform.slug: platform for platform in catalog.platforms}
        channels = tuple(
            _Channel(m, traits[m.platform]) for m in target.memberships if m.platform in traits
        )
        operating = tuple(c for c in channels if c.traits.is_operating)
        return cls(
            catalog=catalog,
            target=target,
            private=private,
            open_to_opportunities=open_to_opportunities,
            channels=channels,
            operating=operating,
            open_channels=tuple(c for c in operating if c.membership.open_to_inquiries),
            domestic=tuple(c for c in operating if reaches_domestic_firms(c.traits)),
        )


def _private_profile(situation: _Situation) -> Suggestion | None:
    if not situation.private:
        return None
    return Suggestion(
        "profile-private",
        (Rule.R12,),
        _(
            "Your profile is private, so recruiters can't find you in their search at "
            "all. That is your choice to make; share it with recruiters if you want "
            "offers."
        ),
        Setting.VISIBILITY,
    )


def _closed_doors(situation: _Situation) -> Suggestion | None:
    """R12: no operating platform at all, or none open to inquiries where it matters."""
    open_channels, domestic = situation.open_channels, situation.domestic
    if not situation.operating:
        return Suggestion(
            "no-platforms",
            (Rule.R12,),
            _(
                "You have recorded no platform that still operates, and a platform you are "
                "not on can't reach you: add the ones you use."
            ),
            Setting.MEMBERSHIPS,
        )
    if not open_channels:
        return Suggestion(
            "closed-everywhere",
            (Rule.R12, Rule.R4),
            _(
                "You are not open to inquiries on any platform, so none of them comes first: "
                "people fall back on cold calls, which switchboards block. Say where you "
                "welcome inquiries."
            ),
            Setting.MEMBERSHIPS,
        )
    if not domestic or any(c.membership.open_to_inquiries for c in domestic):
        return None
    return Suggestion(
        "closed-to-domestic-firms",
        (Rule.R6, Rule.R12),
        _(
            "You are open to inquiries only on %(open)s, not on %(domestic)s, where "
            "recruiters and partners at Chinese firms would approach you."
        ),
        Setting.MEMBERSHIPS,
        _slugs(domestic),
        {"open": _names(open_channels), "domestic": _names(domestic)},
    )


def _global_network_only(situation: _Situation) -> Suggestion | None:
    """R5: a global network alone misses the people who approach a domestic firm's staff."""
    operating = situation.operating
    if not operating or not situation.target.at_domestic_firm:
        return None
    if not all(c.traits.is_global_network for c in operating):
        return None
    member_of = {c.slug for c in situation.channels}
    joinable = [
        t
        for t in situation.catalog.platforms
        if t.status == Status.ACTIVE and reaches_domestic_firms(t) and t.slug not in member_of
    ]
    return Suggestion(
        "global-network-only",
        (Rule.R5,),
        _(
            "You are only on %(platforms)s, which works poorly for professionals at "
            "domestic firms like yours: recruiters and partners there use Chinese "
            "platforms such as %(joinable)s."
        ),
        Setting.MEMBERSHIPS,
        _slugs(operating),
        {"platforms": _names(operating), "joinable": _names(joinable)},
    )


def _introduction_only(situation: _Situation) -> Suggestion | None:
    operating = situation.operating
    if not operating or not all(c.traits.needs_introduction for c in operating):
        return None
    return _about_platforms(
        "introduction-only",
        (Rule.R7,),
        _(
            "You are only on %(platforms)s, where a first contact needs an introduction: "
            "strangers can't reach you there without one. Add a platform where you "
            "welcome inquiries."
        ),
        operating,
    )


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


def _inactive_on_best_channel(situation: _Situation) -> Suggestion | None:
    inactive = [c for c in situation.operating if not c.membership.active]
    if not inactive:
        return None  # nothing to say, so the three purposes' advice is not worked out
    best = _best_platforms(situation.catalog, situation.target)
    return _about_platforms(
        "inactive-on-best-channel",
        (Rule.R12,),
        _(
            "%(platforms)s would be where people reach you first, but you are rarely "
            "active there, so their messages may go unread. Check it more often, or say "
            "how active you really are."
        ),
        [c for c in inactive if c.slug in best],
    )


def _preferred_shut_down(situation: _Situation) -> Suggestion | None:
    return _about_platforms(
        "preferred-shut-down",
        (Rule.R1,),
        _(
            "Your preferred channel, %(platforms)s, has shut down and reaches no one: "
            "choose another."
        ),
        [
            c
            for c in situation.channels
            if c.membership.preferred and c.traits.status == Status.SHUT_DOWN
        ],
    )


def _preferred_restricted(situation: _Situation) -> Suggestion | None:
    return _about_platforms(
        "preferred-restricted",
        (Rule.R1, Rule.R5),
        _(
            "Your preferred channel, %(platforms)s, is restricted in China: it reaches "
            "staff of multinationals abroad, but many people in China can't use it. "
            "Prefer a channel that fully operates there."
        ),
        [
            c
            for c in situation.operating
            if c.membership.preferred and c.traits.status == Status.RESTRICTED
        ],
    )


def _on_shut_down_platforms(situation: _Situation) -> Suggestion | None:
    """R1: memberships kept on platforms that have shut down (a preferred one has its own)."""
    return _about_platforms(
        "on-shut-down-platform",
        (Rule.R1,),
        ngettext_lazy(
            "%(platforms)s has shut down, so nobody can reach you there any more: remove it "
            "from your platforms.",
            "%(platforms)s have shut down, so nobody can reach you there any more: remove "
            "them from your platforms.",
            "count",
        ),
        [
            c
            for c in situation.channels
            if c.traits.status == Status.SHUT_DOWN and not c.membership.preferred
        ],
    )


def _on_restricted_platforms(situation: _Situation) -> Suggestion | None:
    """R5: memberships on platforms restricted in China (a preferred one has its own)."""
    return _about_platforms(
        "on-restricted-platform",
        (Rule.R5,),
        ngettext_lazy(
            "%(platforms)s is restricted in China, so many people there can't reach you on "
            "it: don't count on it alone to hear from them.",
            "%(platforms)s are restricted in China, so many people there can't reach you on "
            "them: don't count on these alone to hear from them.",
            "count",
        ),
        [
            c
            for c in situation.operating
            if c.traits.status == Status.RESTRICTED and not c.membership.preferred
        ],
    )


def _no_recruiting_platform(situation: _Situation) -> Suggestion | None:
    """R8: open to opportunities, yet not open to inquiries where headhunters look.

    Closed on the recruiting platforms they are on: those are named. On none: a suggestion to
    join one, naming some as examples, never as if they were already there.
    """
    if not situation.open_to_opportunities:
        return None
    recruiting = [c for c in situation.operating if c.traits.kind == Kind.RECRUITING]
    if any(c.membership.open_to_inquiries for c in recruiting):
        return None
    if recruiting:
        return _about_platforms(
            "closed-on-recruiting-platforms",
            (Rule.R8,),
            _(
                "You are open to opportunities, but not open to inquiries on %(platforms)s, "
                "where headhunters look first."
            ),
            recruiting,
        )
    joinable = [
        t
        for t in situation.catalog.platforms
        if t.kind == Kind.RECRUITING and t.status == Status.ACTIVE
    ]
    if not joinable:
        return None
    return Suggestion(
        "no-recruiting-platform",
        (Rule.R8,),
        _(
            "You are open to opportunities, but not on a recruiting platform, where "
            "headhunters look first, such as %(joinable)s. Add one and say you welcome "
            "inquiries there."
        ),
        Setting.MEMBERSHIPS,
        params={"joinable": _names(joinable)},
    )


def _career_not_publicized(situation: _Situation) -> Suggestion | None:
    return _about_platforms(
        "career-not-publicized",
        (Rule.R6,),
        _(
            "On %(platforms)s, people who publicize their career tend to get business "
            "inquiries, executives included. If you welcome them, say that you do."
        ),
        [
            c
            for c in situation.open_channels
            if c.traits.allows_cold_socializing and not c.membership.publicizes_career
        ],
    )


# Most important first: the order the page lists the suggestions in.
SUGGESTION_RULES: tuple[Callable[[_Situation], Suggestion | None], ...] = (
    _private_profile,
    _closed_doors,
    _global_network_only,
    _introduction_only,
    _inactive_on_best_channel,
    _preferred_shut_down,
    _preferred_restricted,
    _on_shut_down_platforms,
    _on_restricted_platforms,
    _no_recruiting_platform,
    _career_not_publicized,
)


def suggestions(
    *,
    catalog: ChannelCatalog,
    target: Target,
    private: bool,
    open_to_opportunities: bool,
) -> tuple[Suggestion, ...]:
    """What the executive could change so the people they want to hear from can reach them.

    `target` holds all their memberships, shut-down platforms included; `private` says whether
    only they can see their profile. Most important first.
    """
    situation = _Situation.of(
        catalog, target, private=private, open_to_opportunities=open_to_opportunities
    )
    found = (rule(situation) for rule in SUGGESTION_RULES)
    return tuple(suggestion for suggestion in found if suggestion is not None)
