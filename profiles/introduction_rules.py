"""The rules of an introduction that both its writes and its reads follow: who holds it at each
step, who may do what from which status (the state machine, as a table), and who may see it.

`profiles.introductions` writes by these rules; `profiles.introduction_selectors` shows each
party what they may see; `profiles.introduction_mail` tells the party whose turn it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from platforms.models import operating_q
from profiles.models import ExecutiveProfile, Introduction, IntroductionEvent, Membership
from profiles.network_models import OPEN_INTRODUCTION, IntroductionStatus

STEP_LIFETIME = datetime.timedelta(days=14)
MAX_OPEN_PER_REQUESTER = 10
Status = IntroductionStatus


class Role(models.TextChoices):
    """A party's place in an introduction."""

    REQUESTER = "requester", _("You asked")
    INTERMEDIARY = "intermediary", _("Asked to introduce")
    SECOND_INTERMEDIARY = "second_intermediary", _("Asked to pass it on")
    TARGET = "target", _("Asked to meet")


class Action(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    DECLINE = "decline", _("Decline")
    PASS_ON = "pass-on", _("Pass it on")
    WITHDRAW = "withdraw", _("Withdraw")


# Whose turn each open status is.
HOLDER = {
    Status.WITH_INTERMEDIARY: Role.INTERMEDIARY,
    Status.WITH_SECOND_INTERMEDIARY: Role.SECOND_INTERMEDIARY,
    Status.WITH_TARGET: Role.TARGET,
}


@dataclass(frozen=True)
class Transition:
    """Who may take an action from a status, and the status it leads to (None: the next step
    on the path, the second intermediary or the target)."""

    role: Role
    to: Status | None


# The state machine: (action, the status it starts from) -> who may take it, and where it leads.
# A requester may withdraw a declined introduction too, before it expires: to them it still
# looks open (they are never told of a decline), so withdrawing must work as it would then.
TRANSITIONS: dict[tuple[Action, Status], Transition] = {
    (Action.PASS_ON, Status.WITH_INTERMEDIARY): Transition(Role.INTERMEDIARY, None),
    (Action.DECLINE, Status.WITH_INTERMEDIARY): Transition(Role.INTERMEDIARY, Status.DECLINED),
    (Action.PASS_ON, Status.WITH_SECOND_INTERMEDIARY): Transition(
        Role.SECOND_INTERMEDIARY, Status.WITH_TARGET
    ),
    (Action.DECLINE, Status.WITH_SECOND_INTERMEDIARY): Transition(
        Role.SECOND_INTERMEDIARY, Status.DECLINED
    ),
    (Action.ACCEPT, Status.WITH_TARGET): Transition(Role.TARGET, Status.ACCEPTED),
    (Action.DECLINE, Status.WITH_TARGET): Transition(Role.TARGET, Status.DECLINED),
    **{
        (Action.WITHDRAW, status): Transition(Role.REQUESTER, Status.WITHDRAWN)
        for status in (*OPEN_INTRODUCTION, Status.DECLINED)
    },
}
WITHDRAWABLE = tuple(status for action, status in TRANSITIONS if action is Action.WITHDRAW)


def role_of(introduction: Introduction, profile_id: int | None) -> Role | None:
    """The place of the profile `profile_id` in `introduction`, or None if it has none."""
    if profile_id is None:
        return None
    parties = (
        (Role.REQUESTER, introduction.requester_id),
        (Role.INTERMEDIARY, introduction.intermediary_id),
        (Role.SECOND_INTERMEDIARY, introduction.second_intermediary_id),
        (Role.TARGET, introduction.target_id),
    )
    return next((role for role, party in parties if party == profile_id), None)


def actions_for(
    introduction: Introduction, role: Role | None, *, now: datetime.datetime
) -> tuple[Action, ...]:
    """The actions `role` may take on `introduction` now, in the table's order."""
    if role is None or introduction.expires_at <= now:
        return ()
    return tuple(
        action
        for (action, status), transition in TRANSITIONS.items()
        if status == introduction.status and transition.role is role
    )


def involving(profile: ExecutiveProfile | int) -> QuerySet[Introduction]:
    """The introductions `profile` is party to and may see: those they asked for or were asked
    to broker, and those passed on to them (a second intermediary, or the target, sees nothing
    before the introduction reaches them)."""

    def reached(status: Status) -> models.Exists:
        events = IntroductionEvent.objects.filter(introduction=models.OuterRef("pk"), status=status)
        return models.Exists(events)

    return Introduction.objects.filter(
        Q(requester=profile)
        | Q(intermediary=profile)
        | Q(reached(Status.WITH_SECOND_INTERMEDIARY), second_intermediary=profile)
        | Q(reached(Status.WITH_TARGET), target=profile)
    )


def waiting_as_the_requester_sees_it(now: datetime.datetime) -> Q:
    """Open, or declined but not yet past its deadline: to its requester both look the same."""
    return Q(status__in=OPEN_INTRODUCTION, expires_at__gt=now) | Q(
        status=Status.DECLINED, expires_at__gt=now
    )


def standing_introductions(
    requester_id: int, target_id: int, now: datetime.datetime
) -> QuerySet[Introduction]:
    """The requester's introductions to the target that still stand, newest first: waiting as
    the requester sees them, or accepted (after which asking again would only trouble the
    people on the path)."""
    standing = waiting_as_the_requester_sees_it(now) | Q(status=IntroductionStatus.ACCEPTED)
    return Introduction.objects.filter(
        standing, requester_id=requester_id, target_id=target_id
    ).order_by("-created_at")


def offerable_channels() -> QuerySet[Membership]:
    """Memberships that can be offered as a way to reach someone: on platforms still operating,
    with a handle to pass on; the preferred one first."""
    return (
        Membership.objects.filter(operating_q("platform__"))
        .exclude(handle="")
        .select_related("platform")
        .order_by("-preferred", "platform__name_en", "pk")
    )


def channel_choices(profile: ExecutiveProfile) -> QuerySet[Membership]:
    """The memberships a target may choose as the way the requester reaches them."""
    return offerable_channels().filter(profile=profile)
