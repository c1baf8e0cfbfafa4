"""Reads of one person's own network: connections, requests, blocks.

Everything here is the viewer's own data (a person's connections are visible only to them), so
nothing here applies the network privacy rule of `profiles.paths`: that rule is for what others
may see. Who may be asked or blocked still starts from `ExecutiveProfile.objects.visible_to`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Now
from django.utils import timezone

from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile
from profiles.network_models import RequestStatus
from profiles.search import filter_by_text, most_relevant_first

Direction = Literal["sent", "received"]
DIRECTIONS: tuple[Direction, ...] = ("sent", "received")


def open_requests(now: datetime.datetime | Now | None = None) -> QuerySet[ConnectionRequest]:
    """Requests still awaiting an answer: pending and not yet expired.

    A pending request past `expires_at` counts as expired everywhere, whether or not
    `expire_network_requests` has flipped its status yet.
    """
    return ConnectionRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__gt=now or timezone.now()
    )


def between(first: ExecutiveProfile | int, second: ExecutiveProfile | int) -> Q:
    """Requests between two people, whoever sent them."""
    return Q(sender=first, recipient=second) | Q(sender=second, recipient=first)


# --- The owner's lists ---------------------------------------------------------------------------


def connections_of(profile: ExecutiveProfile) -> QuerySet[Contact]:
    """The owner's side of each of their connections, closest first, then by name."""
    return (
        Contact.objects.filter(owner=profile)
        .select_related("other")
        .order_by("-closeness", "other__display_name", "other_id")
    )


def received_requests(profile: ExecutiveProfile) -> QuerySet[ConnectionRequest]:
    """Open requests to `profile`, newest first, with who sent them."""
    return open_requests().filter(recipient=profile).select_related("sender")


def sent_requests(profile: ExecutiveProfile) -> QuerySet[ConnectionRequest]:
    """Open requests from `profile`, newest first, with whom they went to."""
    return open_requests().filter(sender=profile).select_related("recipient")


def requests_of(
    profile: ExecutiveProfile, direction: Direction | None = None
) -> QuerySet[ConnectionRequest]:
    """Open requests `profile` sent or received (or both), newest first."""
    sides = {"sent": Q(sender=profile), "received": Q(recipient=profile)}
    mine = sides[direction] if direction else sides["sent"] | sides["received"]
    return open_requests().filter(mine).select_related("sender", "recipient")


def requests_to_answer(profile: ExecutiveProfile) -> QuerySet[ConnectionRequest]:
    """Every request `profile` received, open or not: what accept and decline look up, so an
    answered request says why it can't be answered again, and another's is a 404."""
    return ConnectionRequest.objects.filter(recipient=profile).select_related("sender", "recipient")


def requests_to_withdraw(profile: ExecutiveProfile) -> QuerySet[ConnectionRequest]:
    """Every request `profile` sent, open or not: what withdraw looks up."""
    return ConnectionRequest.objects.filter(sender=profile).select_related("sender", "recipient")


def blocks_of(profile: ExecutiveProfile) -> QuerySet[Block]:
    return Block.objects.filter(blocker=profile).select_related("blocked").order_by("-created_at")


def blockable_by(profile: ExecutiveProfile, user: User | AnonymousUser) -> QuerySet:
    """Whom `profile` may block: anyone they may see, and anyone they met through a request or a
    connection, whose name they saw even if that profile is private. Nobody else: blocking an
    id must not tell whether a profile exists."""
    met = Exists(ConnectionRequest.objects.filter(between(OuterRef("pk"), profile))) | Exists(
        Contact.objects.filter(owner=profile, other=OuterRef("pk"))
    )
    visible = ExecutiveProfile.objects.visible_to(user)
    return (visible | ExecutiveProfile.objects.filter(met)).exclude(pk=profile.pk)


def findable_people(
    profile: ExecutiveProfile, user: User | AnonymousUser, text: str, *, limit: int
) -> list[ExecutiveProfile]:
    """Whom `profile`'s owner finds by name (pinyin too), company or title, to connect with:
    the profiles the network may show them (never a private one), not their own, nobody either
    of them blocked; the best matches first."""
    blocked = Block.objects.filter(
        Q(blocker=profile, blocked=OuterRef("pk")) | Q(blocker=OuterRef("pk"), blocked=profile)
    )
    people = (
        ExecutiveProfile.objects.shown_in_network_to(user)
        .exclude(pk=profile.pk)
        .exclude(Exists(blocked))
    )
    return list(most_relevant_first(filter_by_text(people, text), text)[:limit])


# --- Where two people stand ----------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """Where the owner of a profile stands with one other person."""

    connected: bool = False
    asked_them: bool = False
    asked_by_them: bool = False
    blocked_them: bool = False
    blocked_by_them: bool = False


def relation(profile_id: int, other_id: int) -> Relation:
    """Where the profile `profile_id` stands with `other_id`, in one query."""
    now = timezone.now()
    flags = {
        "connected": Exists(Contact.objects.filter(owner=OuterRef("pk"), other=other_id)),
        "asked_them": Exists(open_requests(now).filter(sender=OuterRef("pk"), recipient=other_id)),
        "asked_by_them": Exists(
            open_requests(now).filter(sender=other_id, recipient=OuterRef("pk"))
        ),
        "blocked_them": Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked=other_id)),
        "blocked_by_them": Exists(Block.objects.filter(blocker=other_id, blocked=OuterRef("pk"))),
    }
    profile = ExecutiveProfile.objects.filter(pk=profile_id).order_by()
    row = profile.annotate(**flags).values(*flags).first()
    return Relation(**row) if row else Relation()


# --- Counting in a subquery ----------------------------------------------------------------------


class SubqueryCount(Subquery):
    """How many rows a subquery finds, as a column of the outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = models.IntegerField()
