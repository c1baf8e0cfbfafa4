"""Writes on connections: asking to connect, answering, removing, blocking, and each side's view.

A connection exists only once both people confirmed it: the request's recipient accepts, and
both `Contact` rows are written in that transaction. Whatever two people can do at the same
moment is settled by the database, not by checks in Python: an answer is a conditional update
from PENDING (two answers at once leave one), and two people asking each other at once meet at
`request_one_pending_per_pair`, where the second ask turns into accepting the first.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile
from profiles.network_models import RequestStatus
from profiles.network_selectors import between, open_requests, relation

REQUEST_LIFETIME = datetime.timedelta(days=30)
MAX_PENDING_SENT = 50
# What the owner of a contact row may change of it; who it links is fixed.
CONTACT_SETTING_FIELDS = ("relationship", "closeness", "willingness")

NO_PROFILE_TO_CONNECT = _(
    "Connections are between people with a profile: create yours on your profile page first. "
    "A private profile is enough; it never appears in anyone else's paths or counts."
)
NOT_VISIBLE = _("There is no profile with this id that you can see.")
# The same words whoever blocked whom: a blocked person doesn't learn that they were blocked.
CANT_ASK = _("You can't send this person a request.")
NOT_OPEN = {
    RequestStatus.ACCEPTED: _("This request was already accepted: you are connected."),
    RequestStatus.DECLINED: _("This request was declined."),
    RequestStatus.WITHDRAWN: _("This request was withdrawn."),
    RequestStatus.EXPIRED: _("This request expired: requests are open for 30 days."),
}
# A sender is not told that their request was declined, only that it is no longer open.
NO_LONGER_OPEN = _("This request is no longer open.")


# --- Asking --------------------------------------------------------------------------------------


def _refusal(field: str, message: str, code: str, **params: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def _check_may_ask(sender: ExecutiveProfile, recipient: ExecutiveProfile) -> None:
    """Each reason a request can't be sent, under `recipient`, with a message that says why."""
    if sender.pk == recipient.pk:
        raise _refusal("recipient", _("You can't ask yourself to connect."), "self")
    viewer = sender.user if sender.user_id else AnonymousUser()
    if not ExecutiveProfile.objects.visible_to(viewer).filter(pk=recipient.pk).exists():
        raise _refusal("recipient", NOT_VISIBLE, "not_visible")
    if recipient.user_id is None:
        raise _refusal(
            "recipient",
            _("This person has no account here, so they can't answer a request."),
            "no_account",
        )
    between_them = relation(sender.pk, recipient.pk)
    if between_them.blocked_them or between_them.blocked_by_them:
        raise _refusal("recipient", CANT_ASK, "blocked")
    if between_them.connected:
        raise _refusal(
            "recipient",
            _("You are already connected with %(name)s."),
            "connected",
            name=recipient.display_name,
        )
    if between_them.asked_them:
        raise _already_asked(recipient)


def _already_asked(recipient: ExecutiveProfile) -> ValidationError:
    return _refusal(
        "recipient",
        _(
            "You have already asked %(name)s to connect: wait for their answer, or withdraw "
            "your request."
        ),
        "already_asked",
        name=recipient.display_name,
    )


def _check_pending_limit(sender: ExecutiveProfile) -> None:
    if open_requests().filter(sender=sender).count() >= MAX_PENDING_SENT:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _(
                        "You can have at most %(limit)d pending requests; withdraw some or wait "
                        "for answers."
                    ),
                    code="too_many",
                    params={"limit": MAX_PENDING_SENT},
                )
            }
        )


def _expire_between(first: ExecutiveProfile, second: ExecutiveProfile) -> None:
    """Flip the pair's stale pending request, which would otherwise hold the one-pending slot."""
    ConnectionRequest.objects.filter(
        between(first, second), status=RequestStatus.PENDING, expires_at__lte=timezone.now()
    ).update(status=RequestStatus.EXPIRED, decided_at=F("expires_at"))


@transaction.atomic
def ask_to_connect(
    *,
    sender: ExecutiveProfile,
    recipient: ExecutiveProfile,
    relationship: str,
    closeness: int,
    message: str = "",
) -> ConnectionRequest:
    """Ask `recipient` to connect, saying how `sender` knows them and how well.

    If `recipient` already asked `sender`, asking back accepts their request: returns it,
    accepted, with `sender`'s description on `sender`'s side. Otherwise returns the new pending
    request. Asks of one sender are taken one at a time (a lock on their profile row), so the
    limit on pending requests holds exactly; two people asking each other at once meet at the
    database's one-pending-per-pair constraint, and the second ask accepts the first.
    """
    request = ConnectionRequest(
        sender=sender,
        recipient=recipient,
        relationship=relationship,
        closeness=closeness,
        message=message,
        expires_at=timezone.now() + REQUEST_LIFETIME,
    )
    # The constraints are the database's: a concurrent ask meets them at the insert, below.
    request.full_clean(exclude=("sender", "recipient"), validate_constraints=False)
    list(ExecutiveProfile.objects.select_for_update(no_key=True).filter(pk=sender.pk).values("pk"))
    _check_may_ask(sender, recipient)
    _expire_between(sender, recipient)
    theirs = open_requests().filter(sender=recipient, recipient=sender).first()
    if theirs is not None:
        return _accept(theirs, relationship=relationship, closeness=closeness)
    _check_pending_limit(sender)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        # They asked at the same moment and their request was written first: accept it.
        theirs = open_requests().filter(sender=recipient, recipient=sender).first()
        if theirs is not None:
            return _accept(theirs, relationship=relationship, closeness=closeness)
        if open_requests().filter(sender=sender, recipient=recipient).exists():
            raise _already_asked(recipient) from None
        raise
    return request


# --- Answering -----------------------------------------------------------------------------------


def _not_open(current: ConnectionRequest, actor: ExecutiveProfile) -> ValidationError:
    status = current.status
    if status == RequestStatus.PENDING:  # past its expiry, not flipped yet
        status = RequestStatus.EXPIRED
    message = NOT_OPEN[status]
    if status == RequestStatus.DECLINED and actor.pk != current.recipient_id:
        message = NO_LONGER_OPEN
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="not_open")})


def _answer(
    connection_request: ConnectionRequest, status: RequestStatus, actor: ExecutiveProfile
) -> bool:
    """Move an open request to `status`, as a conditional update from PENDING: True if this call
    moved it. Already in `status` (a second click) is not an error; any other state is."""
    now = timezone.now()
    moved = ConnectionRequest.objects.filter(
        pk=connection_request.pk, status=RequestStatus.PENDING, expires_at__gt=now
    ).update(status=status, decided_at=now)
    connection_request.refresh_from_db(fields=["status", "decided_at"])
    if not moved and connection_request.status != status:
        raise _not_open(connection_request, actor)
    return bool(moved)


def _accept(
    connection_request: ConnectionRequest,
    *,
    relationship: str | None = None,
    closeness: int | None = None,
) -> ConnectionRequest:
    """Accept for the recipient and write both sides of the connection.

    The recipient's side takes their own description when given, else the sender's. Each row
    starts at "ask me each time" for introductions. A row already there (the pair was connected
    by a concurrent accept) is kept as it is: `contact_one_per_pair` holds one per side.
    """
    sender, recipient = connection_request.sender, connection_request.recipient
    sides = [
        Contact(
            owner=sender,
            other=recipient,
            relationship=connection_request.relationship,
            closeness=connection_request.closeness,
        ),
        Contact(
            owner=recipient,
            other=sender,
            relationship=relationship or connection_request.relationship,
            closeness=closeness or connection_request.closeness,
        ),
    ]
    for side in sides:
        side.full_clean(exclude=("owner", "other"), validate_unique=False)
    if _answer(connection_request, RequestStatus.ACCEPTED, recipient):
        Contact.objects.bulk_create(sides, ignore_conflicts=True)
    return connection_request


def _check_role(actor: ExecutiveProfile, expected_id: int) -> None:
    """Pages and the API look requests up among the actor's own; this holds for other callers."""
    if actor.pk != expected_id:
        raise PermissionDenied("Only the other side of this request can do that.")


@transaction.atomic
def accept_request(
    *,
    connection_request: ConnectionRequest,
    recipient: ExecutiveProfile,
    relationship: str | None = None,
    closeness: int | None = None,
) -> ConnectionRequest:
    """The recipient accepts: both sides' rows are written. Accepting twice, or twice at once,
    leaves one connection and answers the same both times."""
    _check_role(recipient, connection_request.recipient_id)
    return _accept(connection_request, relationship=relationship, closeness=closeness)


@transaction.atomic
def decline_request(
    *, connection_request: ConnectionRequest, recipient: ExecutiveProfile
) -> ConnectionRequest:
    _check_role(recipient, connection_request.recipient_id)
    _answer(connection_request, RequestStatus.DECLINED, recipient)
    return connection_request


@transaction.atomic
def withdraw_request(
    *, connection_request: ConnectionRequest, sender: ExecutiveProfile
) -> ConnectionRequest:
    _check_role(sender, connection_request.sender_id)
    _answer(connection_request, RequestStatus.WITHDRAWN, sender)
    return connection_request


def expire_stale_requests(*, now: datetime.datetime | None = None) -> int:
    """Flip every pending request past its expiry to EXPIRED, in one statement; returns how many.

    Reads already treat them as expired; this keeps the table's statuses true for the admin and
    the data export, and frees the one-pending-per-pair slot.
    """
    return ConnectionRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__lte=now or timezone.now()
    ).update(status=RequestStatus.EXPIRED, decided_at=F("expires_at"))


# --- Connections ---------------------------------------------------------------------------------


def _both_sides(first: ExecutiveProfile | int, second: ExecutiveProfile | int) -> Q:
    return Q(owner=first, other=second) | Q(owner=second, other=first)


@transaction.atomic
def update_connection(*, contact: Contact, **settings: Any) -> Contact:
    """Change the owner's view of one connection (how they know the other, how well, whether
    they would introduce them); the other side's row is theirs alone. Raises Contact.DoesNotExist
    when the connection was removed meanwhile."""
    unknown = set(settings) - set(CONTACT_SETTING_FIELDS)
    if unknown:
        raise TypeError(f"Not editable contact fields: {', '.join(sorted(unknown))}")
    if not settings:
        return contact
    for name, value in settings.items():
        setattr(contact, name, value)
    contact.full_clean(exclude=("owner", "other"), validate_unique=False)
    if not Contact.objects.filter(pk=contact.pk).update(**settings):
        raise Contact.DoesNotExist
    return contact


@transaction.atomic
def remove_connection(*, contact: Contact) -> None:
    """Either side removes the connection: both rows go."""
    Contact.objects.filter(_both_sides(contact.owner_id, contact.other_id)).delete()


@transaction.atomic
def block_person(*, blocker: ExecutiveProfile, blocked: ExecutiveProfile) -> tuple[Block, bool]:
    """`blocker` takes no more requests from `blocked`: their connection goes, and open requests
    between them close (the blocker's own withdrawn, theirs declined). Returns the block and
    whether it is new; blocking again changes nothing."""
    if blocker.pk == blocked.pk:
        raise _refusal("profile", _("You can't block yourself."), "self")
    Contact.objects.filter(_both_sides(blocker, blocked)).delete()
    now = timezone.now()
    pending = ConnectionRequest.objects.filter(status=RequestStatus.PENDING)
    pending.filter(sender=blocker, recipient=blocked).update(
        status=RequestStatus.WITHDRAWN, decided_at=now
    )
    pending.filter(sender=blocked, recipient=blocker).update(
        status=RequestStatus.DECLINED, decided_at=now
    )
    return Block.objects.get_or_create(blocker=blocker, blocked=blocked)


@transaction.atomic
def unblock_person(*, block: Block) -> None:
    """Requests may flow again; the removed connection does not come back by itself."""
    Block.objects.filter(pk=block.pk).delete()
