"""What each party to an introduction is shown: its state, history, names and, once accepted, the
chosen channel; the inbox's two lists; the unread count in the navigation.

Face saving is decided here, from the stored status (the truth, which only admins see): nobody
but the person who declined learns of a decline. To everyone else a declined introduction looks
as it did before the decline — waiting — until its deadline, and then "not accepted", exactly like
one nobody answered. The person to meet sees who asks by title and company only, and their name
once they accept; then both see each other's names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.introduction_rules import (
    HOLDER,
    Action,
    Role,
    Status,
    actions_for,
    involving,
    offerable_channels,
    role_of,
)
from profiles.models import ExecutiveProfile, Introduction, IntroductionEvent
from profiles.network_models import OPEN_INTRODUCTION, Block
from profiles.visibility import Audience, handle_visible_to

INBOX_LIMIT = 50
NEVER_SEEN = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class Shown(models.TextChoices):
    """An introduction's state as one party sees it."""

    YOUR_TURN = "your_turn", _("Waiting for your answer")
    WAITING = "waiting", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    DECLINED = "declined", _("You declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What each recorded change says, with who made it (`by`) and whom it reached (`name`).
EVENT_TEXT = {
    Status.WITH_INTERMEDIARY: _("%(by)s asked %(name)s for an introduction."),
    Status.WITH_SECOND_INTERMEDIARY: _("%(by)s passed it on to %(name)s."),
    Status.WITH_TARGET: _("%(by)s passed it on to %(name)s."),
    Status.ACCEPTED: _("%(by)s accepted."),
    Status.DECLINED: _("%(by)s declined."),
    Status.WITHDRAWN: _("%(by)s withdrew the request."),
}
NOT_ACCEPTED_TEXT = _("Not accepted.")
WITHDRAWN_BY_DELETION = _("Withdrawn: an account was deleted.")
DELETED_ACCOUNT = _("A deleted account")


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    text: str


@dataclass(frozen=True)
class ChosenChannel:
    """How the person to meet chose to be reached: a platform and handle, or NetworkDir."""

    platform: str
    handle: str
    in_app: bool


@dataclass(frozen=True)
class IntroductionView:
    """One introduction as one party sees it."""

    introduction: Introduction
    role: Role
    shown: Shown
    waiting_on: str | None
    actions: tuple[Action, ...]
    requester: str
    target: str
    intermediary: str
    second_intermediary: str | None
    channel: ChosenChannel | None
    history: tuple[HistoryEntry, ...]
    # For a target who accepted and writes first: where to write to the requester.
    requester_channels: tuple[ChosenChannel, ...] = ()
    is_new: bool = False

    @property
    def pk(self) -> int:
        return self.introduction.pk

    @property
    def introduced_by(self) -> str:
        """Who passed it on to the person to meet: the last intermediary."""
        return self.second_intermediary or self.intermediary

    def get_shown_display(self) -> str:
        return str(self.shown.label)

    @property
    def open_until(self) -> datetime.datetime | None:
        """The deadline of the step it waits at, while it waits."""
        waits = self.shown in (Shown.YOUR_TURN, Shown.WAITING)
        return self.introduction.expires_at if waits else None


def described(profile: ExecutiveProfile | None) -> str:
    """Who someone is without their name: "Chief Financial Officer, Example Ltd"."""
    if profile is None:
        return str(DELETED_ACCOUNT)
    parts = [part for part in (profile.title, profile.company) if part]
    return ", ".join(parts) if parts else str(_("A member of NetworkDir"))


def name_of(profile: ExecutiveProfile | None) -> str:
    return profile.display_name if profile is not None else str(DELETED_ACCOUNT)


# --- One introduction, as one party sees it -------------------------------------------------------


def _apparent(
    introduction: Introduction, viewer_id: int, events: list[IntroductionEvent], now
) -> Status | None:
    """The status this viewer is shown; None once it reads as "not accepted"."""
    status = introduction.status
    if status == Status.DECLINED:
        decline = next((event for event in events if event.status == Status.DECLINED), None)
        if decline is not None and decline.actor_id == viewer_id:
            return status
        steps = [event.status for event in events if event.status in OPEN_INTRODUCTION]
        status = steps[-1] if steps else Status.WITH_INTERMEDIARY
    if status in OPEN_INTRODUCTION and introduction.expires_at <= now:
        return None
    return None if status == Status.EXPIRED else status


SHOWN = {
    Status.ACCEPTED: Shown.ACCEPTED,
    Status.DECLINED: Shown.DECLINED,
    Status.WITHDRAWN: Shown.WITHDRAWN,
}


def _holder_name(introduction: Introduction, status: Status) -> str:
    holder = {
        Status.WITH_INTERMEDIARY: introduction.intermediary,
        Status.WITH_SECOND_INTERMEDIARY: introduction.second_intermediary,
        Status.WITH_TARGET: introduction.target,
    }[status]
    return name_of(holder)


def _history(
    introduction: Introduction,
    viewer_id: int,
    events: list[IntroductionEvent],
    *,
    requester_named: bool,
    not_accepted: bool,
) -> tuple[HistoryEntry, ...]:
    """The recorded changes this viewer may know of, in order, each as a sentence."""

    def person(profile: ExecutiveProfile | None, *, you, someone) -> str:
        if profile is not None and profile.pk == viewer_id:
            return str(you)
        if profile is not None and profile.pk == introduction.requester_id and not requester_named:
            return str(someone)
        return name_of(profile)

    reached = {
        Status.WITH_INTERMEDIARY: introduction.intermediary,
        Status.WITH_SECOND_INTERMEDIARY: introduction.second_intermediary,
        Status.WITH_TARGET: introduction.target,
    }
    entries = []
    for event in events:
        if event.status == Status.DECLINED and event.actor_id != viewer_id:
            continue
        if event.status == Status.EXPIRED:
            text = str(NOT_ACCEPTED_TEXT)
        elif event.status == Status.WITHDRAWN and introduction.withdrawn_by_deletion:
            text = str(WITHDRAWN_BY_DELETION)
        else:
            by = person(event.actor, you=_("You"), someone=_("Someone"))
            name = person(reached.get(event.status), you=_("you"), someone=_("someone"))
            text = str(EVENT_TEXT[event.status]) % {"by": by, "name": name}
        entries.append(HistoryEntry(event.at, text))
    if not_accepted and not any(event.status == Status.EXPIRED for event in events):
        entries.append(HistoryEntry(introduction.expires_at, str(NOT_ACCEPTED_TEXT)))
    return tuple(entries)


def _channel(introduction: Introduction, role: Role) -> ChosenChannel | None:
    """The chosen channel, for the requester and the target of an accepted introduction only,
    while neither blocks the other (`with_details` reads it): a block takes back the contact
    details the introduction gave, as it takes back a connection. The handle is shown even where
    the membership hides it from recruiters: the target chose it for this introduction."""
    if introduction.status != Status.ACCEPTED or role not in (Role.REQUESTER, Role.TARGET):
        return None
    if introduction.blocked_between:
        return None
    membership = introduction.chosen_membership
    if introduction.reply_in_app or membership is None:
        return ChosenChannel(platform="", handle="", in_app=True)
    return ChosenChannel(
        platform=str(membership.platform.name), handle=membership.handle, in_app=False
    )


def _requester_channels(
    introduction: Introduction, channel: ChosenChannel | None, role: Role
) -> tuple[ChosenChannel, ...]:
    """Where a target who chose to write first writes to: the requester's offerable channels
    (read by `with_details`) whose handle the requester did not hide."""
    requester = introduction.requester
    if channel is None or not channel.in_app or role is not Role.TARGET or requester is None:
        return ()
    return tuple(
        ChosenChannel(platform=str(m.platform.name), handle=m.handle, in_app=False)
        for m in requester.offered_channels
        if handle_visible_to(Audience.INTRODUCED, m)
    )


def view_of(
    introduction: Introduction,
    viewer: ExecutiveProfile,
    *,
    now: datetime.datetime | None = None,
    seen_at: datetime.datetime | None = None,
) -> IntroductionView:
    """`introduction` as `viewer` (one of its parties) sees it; read it through `with_details`
    so its people and events come with it."""
    now = now or timezone.now()
    role = role_of(introduction, viewer.pk)
    events = list(introduction.events.all())
    status = _apparent(introduction, viewer.pk, events, now)
    if status is None:
        shown, waiting_on = Shown.NOT_ACCEPTED, None
    elif status in OPEN_INTRODUCTION:
        shown = Shown.YOUR_TURN if HOLDER[status] is role else Shown.WAITING
        waiting_on = _holder_name(introduction, status)
    else:
        shown, waiting_on = SHOWN[status], None
    requester_named = role is not Role.TARGET or introduction.status == Status.ACCEPTED
    channel = _channel(introduction, role)
    news = shown is Shown.YOUR_TURN or (role is Role.REQUESTER and shown is Shown.ACCEPTED)
    return IntroductionView(
        introduction=introduction,
        role=role,
        shown=shown,
        waiting_on=waiting_on,
        actions=actions_for(introduction, role, now=now),
        requester=(
            name_of(introduction.requester)
            if requester_named
            else described(introduction.requester)
        ),
        target=name_of(introduction.target),
        intermediary=name_of(introduction.intermediary),
        second_intermediary=(
            name_of(introduction.second_intermediary)
            if introduction.second_intermediary_id
            else None
        ),
        channel=channel,
        requester_channels=_requester_channels(introduction, channel, role),
        history=_history(
            introduction,
            viewer.pk,
            events,
            requester_named=requester_named,
            not_accepted=shown is Shown.NOT_ACCEPTED,
        ),
        is_new=news and introduction.updated_at > (seen_at or NEVER_SEEN),
    )


# --- Reading them -------------------------------------------------------------------------------


def with_details(introductions: QuerySet[Introduction]) -> QuerySet[Introduction]:
    """Introductions with their people, the chosen channel, whether the requester and the person
    to meet block each other, the events (with who made each) and the requesters' channels:
    three queries for any number of them."""
    events = IntroductionEvent.objects.select_related("actor").order_by("at", "id")
    requester, target = OuterRef("requester"), OuterRef("target")
    blocks = Block.objects.filter(
        Q(blocker=requester, blocked=target) | Q(blocker=target, blocked=requester)
    )
    return (
        introductions.annotate(blocked_between=Exists(blocks))
        .select_related(
            "requester",
            "intermediary",
            "second_intermediary",
            "target",
            "chosen_membership__platform",
        )
        .prefetch_related(
            Prefetch("events", queryset=events),
            Prefetch(
                "requester__memberships", queryset=offerable_channels(), to_attr="offered_channels"
            ),
        )
    )


def introduction_for(profile: ExecutiveProfile, pk: int) -> Introduction | None:
    """One introduction `profile` may see, with its details; None otherwise (a 404)."""
    return with_details(involving(profile).filter(pk=pk)).first()


def your_turn(profile: ExecutiveProfile | int | OuterRef, now: datetime.datetime | Now) -> Q:
    """Introductions waiting for `profile`'s answer."""
    return Q(expires_at__gt=now) & (
        Q(intermediary=profile, status=Status.WITH_INTERMEDIARY)
        | Q(second_intermediary=profile, status=Status.WITH_SECOND_INTERMEDIARY)
        | Q(target=profile, status=Status.WITH_TARGET)
    )


@dataclass(frozen=True)
class Inbox:
    """Introductions asked of the person (their turn first), and the ones they asked for."""

    received: list[IntroductionView]
    sent: list[IntroductionView]


def received_introductions(profile: ExecutiveProfile) -> QuerySet[Introduction]:
    """Introductions asked of `profile` (as an intermediary or the person to meet), those
    waiting for their answer first. Ordered by when each was asked, never by its last change,
    which would move one when someone else declined it."""
    turn = Case(When(your_turn(profile, timezone.now()), then=Value(0)), default=Value(1))
    return (
        involving(profile)
        .exclude(requester=profile)
        .annotate(turn=turn)
        .order_by("turn", "-created_at", "-id")
    )


def sent_introductions(profile: ExecutiveProfile) -> QuerySet[Introduction]:
    """Introductions `profile` asked for, newest first (by when asked, as above)."""
    return Introduction.objects.filter(requester=profile).order_by("-created_at", "-id")


def views_of(
    introductions: QuerySet[Introduction] | list[Introduction], profile: ExecutiveProfile
) -> list[IntroductionView]:
    """Each introduction as `profile` sees it; what changed since they last looked is new."""
    now = timezone.now()
    seen_at = profile.introductions_seen_at
    return [view_of(item, profile, now=now, seen_at=seen_at) for item in introductions]


def inbox(profile: ExecutiveProfile, *, limit: int = INBOX_LIMIT) -> Inbox:
    """The newest `limit` of each list, in five queries."""
    return Inbox(
        received=views_of(with_details(received_introductions(profile))[:limit], profile),
        sent=views_of(with_details(sent_introductions(profile))[:limit], profile),
    )


def unread_introductions(now: datetime.datetime | Now | None = None) -> QuerySet[Introduction]:
    """For a viewer row of an outer query (`profiles.viewer`: its `profile_id` and
    `introductions_seen_at`): the introductions waiting for the viewer's answer, or newly
    accepted for them, that changed since they last opened their inbox. The navigation counts
    them beside its other counts, in the same one query."""
    profile = OuterRef("profile_id")
    seen_at = Coalesce(OuterRef("introductions_seen_at"), Value(NEVER_SEEN))
    news = your_turn(profile, now or timezone.now()) | Q(requester=profile, status=Status.ACCEPTED)
    return Introduction.objects.filter(news, updated_at__gt=seen_at).order_by().values("pk")
