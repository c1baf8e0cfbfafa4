"""The person's place in the network, as their personal data export holds it (PIPL art. 45).

Only what is theirs, or was addressed to them: their own side of each connection (how they
described it, never how the other side did), the requests they sent or received, the people
they blocked (not who blocked them), and the introductions they are party to, each with the
names that party could already see and only the changes they made themselves. A decline by
someone else reads as the introduction or request did before it until it would have expired,
then as expired: the export tells no more than the pages do ("not accepted", to save face).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile, Introduction
from profiles.network_models import IntroductionStatus, RequestStatus

# Who sees whose name in an introduction: the requester chose the path; whoever passes it on
# knows everyone on it; the person to meet hears of the requester from whoever brings it.
REQUESTER, INTERMEDIARY, SECOND, TARGET = (
    "requester",
    "intermediary",
    "second_intermediary",
    "target",
)
SEEN_BY = {
    REQUESTER: (INTERMEDIARY, SECOND, TARGET),
    INTERMEDIARY: (REQUESTER, SECOND, TARGET),
    SECOND: (REQUESTER, INTERMEDIARY, TARGET),
    TARGET: (REQUESTER,),
}


def _time(value: Any) -> str | None:
    return value.isoformat() if value else None


def _person(profile: ExecutiveProfile | None) -> dict[str, Any] | None:
    return {"profile_id": profile.pk, "name": profile.display_name} if profile else None


def _not_told_of_a_decline(before: str, expires_at: Any) -> str:
    """What a party who did not decline sees of a decline: the state before it, until it would
    have expired."""
    return before if timezone.now() < expires_at else "expired"


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


def _request(request: ConnectionRequest, *, sent: bool) -> dict[str, Any]:
    untold_decline = sent and request.status == RequestStatus.DECLINED
    return {
        ("to" if sent else "from"): _person(request.recipient if sent else request.sender),
        "relationship": request.relationship,
        "closeness": request.closeness,
        "message": request.message,
        "status": (
            _not_told_of_a_decline(RequestStatus.PENDING, request.expires_at)
            if untold_decline
            else request.status
        ),
        "sent_at": _time(request.created_at),
        "expires_at": _time(request.expires_at),
        "decided_at": None if untold_decline else _time(request.decided_at),
    }


def requests(profile: ExecutiveProfile) -> dict[str, list[dict[str, Any]]]:
    """Requests to connect the person sent and received, oldest first."""
    rows = (
        ConnectionRequest.objects.filter(Q(sender=profile) | Q(recipient=profile))
        .select_related("sender", "recipient")
        .order_by("created_at", "pk")
    )
    sent = [_request(row, sent=True) for row in rows if row.sender_id == profile.pk]
    received = [_request(row, sent=False) for row in rows if row.sender_id != profile.pk]
    return {"sent": sent, "received": received}


def blocked(profile: ExecutiveProfile) -> list[dict[str, Any]]:
    """The people the person blocked; who blocked them is not theirs to know."""
    return [
        {"person": _person(block.blocked), "blocked_at": _time(block.created_at)}
        for block in Block.objects.filter(blocker=profile)
        .select_related("blocked")
        .order_by("created_at", "pk")
    ]


def _role(introduction: Introduction, profile: ExecutiveProfile) -> str:
    return next(
        role
        for role in (REQUESTER, INTERMEDIARY, SECOND, TARGET)
        if getattr(introduction, f"{role}_id") == profile.pk
    )


def _status_seen(introduction: Introduction, profile: ExecutiveProfile) -> str:
    """The status as this party is told it: a decline by someone else stays unknown."""
    if introduction.status != IntroductionStatus.DECLINED:
        return introduction.status
    events = list(introduction.events.all())
    declined = next((e for e in events if e.status == IntroductionStatus.DECLINED), None)
    if declined is not None and declined.actor_id == profile.pk:
        return introduction.status
    before = [
        e.status for e in events if e is not declined and (declined is None or e.at <= declined.at)
    ]
    return _not_told_of_a_decline(
        before[-1] if before else IntroductionStatus.WITH_INTERMEDIARY, introduction.expires_at
    )


def _channel(introduction: Introduction, role: str) -> str | None:
    """The channel the person to meet chose: theirs to know, the requester's once accepted."""
    told = role == TARGET or (
        role == REQUESTER and introduction.status == IntroductionStatus.ACCEPTED
    )
    if not told:
        return None
    if introduction.reply_in_app:
        return "networkdir"
    membership = introduction.chosen_membership
    return membership.platform.slug if membership else None


def _introduction(introduction: Introduction, profile: ExecutiveProfile) -> dict[str, Any]:
    role = _role(introduction, profile)
    return {
        "your_role": role,
        **{party: _person(getattr(introduction, party)) for party in SEEN_BY[role]},
        "purpose": introduction.purpose,
        "message": introduction.message,
        "status": _status_seen(introduction, profile),
        "withdrawn_because_an_account_was_deleted": introduction.withdrawn_by_deletion,
        "chosen_channel": _channel(introduction, role),
        "asked_at": _time(introduction.created_at),
        "expires_at": _time(introduction.expires_at),
        "your_actions": [
            {"status": event.status, "at": _time(event.at)}
            for event in introduction.events.all()
            if event.actor_id == profile.pk
        ],
    }


def introductions(profile: ExecutiveProfile) -> list[dict[str, Any]]:
    """The introductions the person asked for, passes on, or was asked to accept."""
    rows = (
        Introduction.objects.filter(
            Q(requester=profile)
            | Q(intermediary=profile)
            | Q(second_intermediary=profile)
            | Q(target=profile)
        )
        .select_related(
            "requester",
            "intermediary",
            "second_intermediary",
            "target",
            "chosen_membership__platform",
        )
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    return [_introduction(row, profile) for row in rows]


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
