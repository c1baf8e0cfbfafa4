"""The person's place in the network, as their personal data export holds it (PIPL art. 45).

Only what is theirs, or was addressed to them: their own side of each connection (how they
described it, never how the other side did), the requests they sent or received, the people
they blocked (not who blocked them), and the introductions they are party to. The export tells
no more than the pages do: a sender is told only that a declined request is no longer open
(`connections.NO_LONGER_OPEN`), and each introduction is exported as its party sees it on the
inbox (`introduction_selectors.view_of`: names, state, history, the chosen channel), so nobody
learns of a decline but the person who made it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from profiles.introduction_rules import involving
from profiles.introduction_selectors import IntroductionView, views_of, with_details
from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile
from profiles.network_models import RequestStatus

# What a sender is told of a request its recipient declined (connections.NO_LONGER_OPEN).
NO_LONGER_OPEN = "no_longer_open"


def _time(value: Any) -> str | None:
    return value.isoformat() if value else None


def _person(profile: ExecutiveProfile | None) -> dict[str, Any] | None:
    return {"profile_id": profile.pk, "name": profile.display_name} if profile else None


def _request_status(request: ConnectionRequest, *, sent: bool, now: datetime.datetime) -> str:
    """The status as the person is told it: a pending request past its deadline has expired
    everywhere; a sender learns only that a declined request is no longer open."""
    if request.status == RequestStatus.PENDING and request.expires_at <= now:
        return RequestStatus.EXPIRED
    if sent and request.status == RequestStatus.DECLINED:
        return NO_LONGER_OPEN
    return request.status


def connections(profile: ExecutiveProfile) -> list[dict[str, Any]]:
    """The person's own side of each connection."""
    return [
        {
            "person": _person(contact.other),
            "relationship": contact.relationship,
            "closeness": contact.closeness,
            "willing_to_introduce": contact.willingness,
            "connected_at": _time(contact.created_at),
        }
        for contact in Contact.objects.filter(owner=profile)
        .select_related("other")
        .order_by("created_at", "pk")
    ]


def _request(request: ConnectionRequest, *, sent: bool, now: datetime.datetime) -> dict[str, Any]:
    status = _request_status(request, sent=sent, now=now)
    return {
        ("to" if sent else "from"): _person(request.recipient if sent else request.sender),
        "relationship": request.relationship,
        "closeness": request.closeness,
        "message": request.message,
        "status": status,
        "sent_at": _time(request.created_at),
        "expires_at": _time(request.expires_at),
        "decided_at": None if status == NO_LONGER_OPEN else _time(request.decided_at),
    }


def requests(profile: ExecutiveProfile) -> dict[str, list[dict[str, Any]]]:
    """Requests to connect the person sent and received, oldest first."""
    rows = (
        ConnectionRequest.objects.filter(Q(sender=profile) | Q(recipient=profile))
        .select_related("sender", "recipient")
        .order_by("created_at", "pk")
    )
    now = timezone.now()
    sent = [_request(row, sent=True, now=now) for row in rows if row.sender_id == profile.pk]
    received = [_request(row, sent=False, now=now) for row in rows if row.sender_id != profile.pk]
    return {"sent": sent, "received": received}


def blocked(profile: ExecutiveProfile) -> list[dict[str, Any]]:
    """The people the person blocked; who blocked them is not theirs to know."""
    return [
        {"person": _person(block.blocked), "blocked_at": _time(block.created_at)}
        for block in Block.objects.filter(blocker=profile)
        .select_related("blocked")
        .order_by("created_at", "pk")
    ]


def _channel(view: IntroductionView) -> dict[str, Any] | None:
    if view.channel is None:
        return None
    return {
        "platform": view.channel.platform,
        "handle": view.channel.handle,
        "reply_in_networkdir": view.channel.in_app,
    }


def _introduction(view: IntroductionView) -> dict[str, Any]:
    introduction = view.introduction
    return {
        "your_role": view.role.value,
        "requester": view.requester,
        "intermediary": view.intermediary,
        "second_intermediary": view.second_intermediary,
        "target": view.target,
        "purpose": introduction.purpose,
        "message": introduction.message,
        "state": view.shown.value,
        "chosen_channel": _channel(view),
        "asked_at": _time(introduction.created_at),
        "history": [{"at": _time(entry.at), "what": entry.text} for entry in view.history],
    }


def introductions(profile: ExecutiveProfile) -> list[dict[str, Any]]:
    """The introductions the person asked for, passes on, or was asked to accept, each as
    they see it on their inbox."""
    rows = with_details(involving(profile)).order_by("created_at", "pk")
    return [_introduction(view) for view in views_of(rows, profile)]


NETWORK_KEYS = ("connections", "requests_sent", "requests_received", "blocked", "introductions")


def network_of(profile: ExecutiveProfile | None) -> dict[str, Any]:
    """The person's network for the export: empty lists without a profile."""
    if profile is None:
        return {key: [] for key in NETWORK_KEYS}
    sent_and_received = requests(profile)
    return {
        "connections": connections(profile),
        "requests_sent": sent_and_received["sent"],
        "requests_received": sent_and_received["received"],
        "blocked": blocked(profile),
        "introductions": introductions(profile),
    }
