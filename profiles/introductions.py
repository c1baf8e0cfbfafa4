"""Double opt-in introductions: asking, passing on, accepting, declining, withdrawing, expiring.

A requester asks one of their connections (the intermediary) to introduce them to someone the
intermediary knows; on a third-degree path the intermediary passes it on to a second
intermediary, who knows the person to meet. That person, the target, accepts (choosing how the
requester may reach them) or declines. Each step waits at most `STEP_LIFETIME`.

Every transition is one conditional UPDATE from the status (and version) the caller read, so two
answers racing leave exactly one: the loser writes nothing and is told the introduction no longer
waits for them. Each change writes an `IntroductionEvent` (who, when). The stored status is the
truth, which admins see; what each party is shown — never that someone declined — is derived
from it in `profiles.introduction_selectors`.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import LARGEST_ID
from profiles.introduction_mail import notify_next_party
from profiles.introduction_rules import (
    MAX_OPEN_PER_REQUESTER,
    STEP_LIFETIME,
    TRANSITIONS,
    WITHDRAWABLE,
    Action,
    Status,
    channel_choices,
    role_of,
    waiting_as_the_requester_sees_it,
)
from profiles.models import Block, Contact, ExecutiveProfile, Introduction, IntroductionEvent
from profiles.network_models import INTRODUCING, OPEN_INTRODUCTION

NOT_WAITING = _("This introduction is no longer waiting for you.")
UNKNOWN_PERSON = _("There is no profile with this id that you can see in your network.")
# The same words whoever blocked whom: a blocked person doesn't learn that they were blocked.
NOT_FROM_YOU = _("%(name)s can't take introduction requests from you.")
CLOSED = _("%(name)s does not take introduction requests.")
# The same words whether the link is missing, its owner would not introduce through it, or the
# other person blocked its owner: the requester learns nothing of other people's links and blocks.
NO_PATH = _("%(name)s can't introduce you to %(other)s.")
DUPLICATE = _("You already have an open introduction request to this person.")
INTRODUCED = _(
    "This person already accepted an introduction to you: your introductions say how to reach "
    "each other."
)


def refused(field: str, message: str, code: str) -> ValidationError:
    """A refusal under `field`, with a code callers and tests can tell apart."""
    return ValidationError({field: ValidationError(message, code=code)})


# --- Asking ---------------------------------------------------------------------------------------


class _PathCheck:
    """Whether requester → via (→ then) → target is a real path the requester may use, with each
    problem under the field that caused it. Reads everything in four queries."""

    def __init__(
        self, requester: ExecutiveProfile, target_id: int, via_id: int, then_id: int | None
    ) -> None:
        self.requester = requester
        self.ids = {"target": target_id, "via": via_id, "then": then_id}
        ids = [pk for pk in self.ids.values() if pk is not None]
        viewer = requester.user if requester.user_id else AnonymousUser()
        self.people = ExecutiveProfile.objects.shown_in_network_to(viewer).in_bulk(ids)
        blocks = Block.objects.filter(
            Q(blocked=requester, blocker__in=ids)
            | Q(blocker=requester, blocked__in=ids)
            | Q(blocker=target_id, blocked__in=ids)
        ).values_list("blocker_id", "blocked_id")
        self.blocks = set(blocks)
        self.links = self._links(via_id, then_id, target_id)

    def _links(self, via_id: int, then_id: int | None, target_id: int) -> dict:
        """(owner, other) -> the owner's willingness, for each row the path needs."""
        rows = Q(owner=self.requester, other=via_id) | Q(owner=via_id, other=then_id or target_id)
        if then_id is not None:
            rows |= Q(owner=then_id, other=target_id)
        contacts = Contact.objects.filter(rows).values_list("owner_id", "other_id", "willingness")
        return {(owner, other): willingness for owner, other, willingness in contacts}

    def errors(self) -> dict[str, ValidationError]:
        """Each field's first problem; the later parts of the path are checked only once the
        earlier ones hold, so one mistake is reported once."""
        errors = {}
        for field, check in (("target", self._target), ("via", self._via), ("then", self._then)):
            problem = check()
            if problem is not None:
                errors[field] = problem
                break
        return errors

    def _person(self, field: str) -> ExecutiveProfile | None:
        return self.people.get(self.ids[field])

    def _refusal(self, person: ExecutiveProfile) -> ValidationError | None:
        """Why `person` can't take part, if they blocked the requester (or the other way round)
        or take no introduction requests."""
        params = {"name": person.display_name}
        requester = self.requester.pk
        if {(person.pk, requester), (requester, person.pk)} & self.blocks:
            return ValidationError(NOT_FROM_YOU, code="blocked", params=params)
        if not person.accepts_introductions:
            return ValidationError(CLOSED, code="closed", params=params)
        return None

    def _target(self) -> ValidationError | None:
        if self.ids["target"] == self.requester.pk:
            return ValidationError(_("You can't ask for an introduction to yourself."), code="self")
        target = self._person("target")
        if target is None:
            return ValidationError(UNKNOWN_PERSON, code="unknown")
        return self._refusal(target)

    def _via(self) -> ValidationError | None:
        via_id, target = self.ids["via"], self._person("target")
        if via_id == target.pk:
            return ValidationError(
                _("Ask someone who knows %(name)s: they can't introduce you to themselves."),
                code="target",
                params={"name": target.display_name},
            )
        if (self.requester.pk, via_id) not in self.links:
            return ValidationError(_("You have no connection with this id."), code="not_connected")
        via = self._person("via")
        if via is None:
            return ValidationError(
                _(
                    "This connection's profile is private: private profiles don't pass on "
                    "introductions."
                ),
                code="private",
            )
        if self.ids["then"] is None:
            return self._refusal(via) or self._link(via, target)
        return self._refusal(via)

    def _then(self) -> ValidationError | None:
        then_id = self.ids["then"]
        if then_id is None:
            return None
        via, target = self._person("via"), self._person("target")
        if then_id in (self.requester.pk, via.pk, target.pk):
            return ValidationError(
                _(
                    "The second intermediary must be someone other than you, the first "
                    "intermediary and the person you want to meet."
                ),
                code="repeated",
            )
        then = self._person("then")
        if then is None:
            return ValidationError(UNKNOWN_PERSON, code="unknown")
        # Their own refusal first: whether the first intermediary knows them stays unsaid.
        return self._refusal(then) or self._link(via, then) or self._link(then, target)

    def _link(self, owner: ExecutiveProfile, other: ExecutiveProfile) -> ValidationError | None:
        """Whether `owner` knows `other` and would introduce them (and, introducing the target,
        is not someone the target blocked): one refusal for all three (`NO_PATH`)."""
        willingness = self.links.get((owner.pk, other.pk))
        blocked = (self.ids["target"], owner.pk) in self.blocks
        if willingness in INTRODUCING and not blocked:
            return None
        params = {"name": owner.display_name, "other": other.display_name}
        return ValidationError(NO_PATH, code="no_path", params=params)


def _check_room(requester: ExecutiveProfile, target_id: int, now: datetime.datetime) -> None:
    """One request per target, none once the target accepted one, and at most
    MAX_OPEN_PER_REQUESTER open ones, counting the declined ones still within their deadline, as
    the requester sees them."""
    waiting = Introduction.objects.filter(
        waiting_as_the_requester_sees_it(now), requester=requester
    )
    targets = list(waiting.values_list("target_id", flat=True))
    if target_id in targets:
        raise refused("target", DUPLICATE, "duplicate")
    accepted = Introduction.objects.filter(
        requester=requester, target_id=target_id, status=Status.ACCEPTED
    )
    if accepted.exists():
        raise refused("target", INTRODUCED, "introduced")
    if len(targets) >= MAX_OPEN_PER_REQUESTER:
        too_many = _(
            "You can have at most %(limit)d open introduction requests: wait for answers, or "
            "withdraw one first."
        ) % {"limit": MAX_OPEN_PER_REQUESTER}
        raise refused(NON_FIELD_ERRORS, too_many, "too_many")


@transaction.atomic
def ask_for_introduction(
    *,
    requester: ExecutiveProfile,
    target_id: int,
    via_id: int,
    then_id: int | None = None,
    purpose: str,
    message: str,
) -> Introduction:
    """Ask `via` (one of the requester's connections) to introduce the requester to `target`,
    through `then` on a third-degree path.

    The requester's profile row is locked first, so two asks at once by the same person are
    counted one after the other (the limit holds); the one-open-per-target rule is also held by
    the database, for whatever gets past the count.
    """
    now = timezone.now()
    for field, pk in (("target", target_id), ("via", via_id), ("then", then_id)):
        if pk is not None and not 0 < pk <= LARGEST_ID:
            raise refused(field, UNKNOWN_PERSON, "unknown")
    ExecutiveProfile.objects.select_for_update(no_key=True).filter(pk=requester.pk).first()
    expire_stale_introductions(now=now, among=Introduction.objects.filter(requester=requester))
    introduction = Introduction(
        requester=requester, purpose=purpose, message=message, expires_at=now + STEP_LIFETIME
    )
    errors = _field_errors(introduction)
    errors.update(_PathCheck(requester, target_id, via_id, then_id).errors())
    if errors:
        raise ValidationError(errors)
    _check_room(requester, target_id, now)
    introduction.target_id, introduction.intermediary_id = target_id, via_id
    introduction.second_intermediary_id = then_id
    introduction.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise refused("target", DUPLICATE, "duplicate") from None
    _record(introduction.pk, actor=requester, status=Status.WITH_INTERMEDIARY)
    notify_next_party(introduction)
    return introduction


def _field_errors(introduction: Introduction) -> dict:
    """The purpose's and the message's problems, reported beside the path's."""
    try:
        introduction.clean_fields(
            exclude=["requester", "intermediary", "second_intermediary", "target"]
        )
    except ValidationError as error:
        return dict(error.error_dict)
    return {}


def mark_introductions_seen(*, profile: ExecutiveProfile) -> None:
    """Record that `profile` opened their inbox: what changed before is no longer news. Leaves
    `updated_at` alone, which orders the candidate search."""
    ExecutiveProfile.objects.filter(pk=profile.pk).update(introductions_seen_at=timezone.now())


# --- Answering ------------------------------------------------------------------------------------


def _channel(introduction: Introduction, membership_id: int | None, reply_in_app: bool) -> dict:
    """The values an acceptance writes: the target's chosen membership, or a reply in the app."""
    if reply_in_app and membership_id is not None:
        problem = _("Choose one of your platforms or to write to them first, not both.")
    elif reply_in_app:
        return {"chosen_membership": None, "reply_in_app": True}
    elif membership_id is None:
        problem = _("Choose how they may reach you: one of your platforms, or write to them first.")
    else:
        membership = channel_choices(introduction.target).filter(pk=membership_id).first()
        if membership is not None:
            return {"chosen_membership": membership, "reply_in_app": False}
        problem = _("Choose one of your own platforms where you recorded a handle.")
    raise refused("membership", problem, "channel")


def act_on_introduction(
    *,
    introduction: Introduction,
    actor: ExecutiveProfile,
    action: Action | str,
    membership_id: int | None = None,
    reply_in_app: bool = False,
) -> Introduction:
    """Take `action` on `introduction` as `actor`, from the status and version the caller read.

    One conditional UPDATE: if another answer, a withdrawal or the deadline came first, nothing
    is written and the caller learns the introduction no longer waits for them. A withdrawal
    applies to whatever withdrawable status the row is in by then, so it can't fail merely
    because someone else answered at the same moment. Returns the row as saved.
    """
    now = timezone.now()
    try:
        action = Action(action)
    except ValueError:
        raise refused("action", _("Unknown action."), "action") from None
    transition = TRANSITIONS.get((action, introduction.status))
    if transition is None or transition.role is not role_of(introduction, actor.pk):
        raise refused("status", NOT_WAITING, "not_waiting")
    values = _channel(introduction, membership_id, reply_in_app) if action is Action.ACCEPT else {}
    to = transition.to or _next_step(introduction)
    if to in OPEN_INTRODUCTION:
        values["expires_at"] = now + STEP_LIFETIME
    expected = (
        Q(status__in=WITHDRAWABLE)
        if action is Action.WITHDRAW
        else Q(status=introduction.status, version=introduction.version)
    )
    with transaction.atomic():
        changed = Introduction.objects.filter(expected, pk=introduction.pk, expires_at__gt=now)
        written = changed.update(status=to, version=F("version") + 1, updated_at=now, **values)
        if written:
            _record(introduction.pk, actor=actor, status=to)
    if not written:
        expire_stale_introductions(now=now, among=Introduction.objects.filter(pk=introduction.pk))
        raise refused("status", NOT_WAITING, "not_waiting")
    introduction.refresh_from_db()
    notify_next_party(introduction)
    return introduction


def _next_step(introduction: Introduction) -> Status:
    if introduction.status == Status.WITH_INTERMEDIARY and introduction.second_intermediary_id:
        return Status.WITH_SECOND_INTERMEDIARY
    return Status.WITH_TARGET


def _record(introduction_id: int, *, actor: ExecutiveProfile | None, status: Status) -> None:
    IntroductionEvent.objects.create(introduction_id=introduction_id, actor=actor, status=status)


# --- Expiry ---------------------------------------------------------------------------------------

EXPIRY_BATCH = 1000


def expire_stale_introductions(
    *, now: datetime.datetime | None = None, among: QuerySet[Introduction] | None = None
) -> int:
    """Flip open introductions past their deadline to EXPIRED, each with its event; returns how
    many. Pages and the API already treat them as expired; this keeps the stored status true
    (for the admin, the export, the one-open-per-pair constraint). Rows another transaction is
    answering are skipped: that answer fails on the deadline anyway, and the next run takes them.
    """
    now = now or timezone.now()
    among = Introduction.objects.all() if among is None else among
    stale = among.filter(status__in=OPEN_INTRODUCTION, expires_at__lte=now)
    total = 0
    while True:
        with transaction.atomic():
            batch = stale.select_for_update(skip_locked=True).order_by("pk")[:EXPIRY_BATCH]
            ids = list(batch.values_list("pk", flat=True))
            if not ids:
                return total
            Introduction.objects.filter(pk__in=ids, status__in=OPEN_INTRODUCTION).update(
                status=Status.EXPIRED, version=F("version") + 1, updated_at=now
            )
            IntroductionEvent.objects.bulk_create(
                IntroductionEvent(introduction_id=pk, actor=None, status=Status.EXPIRED)
                for pk in ids
            )
        total += len(ids)
