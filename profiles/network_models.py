"""Who knows whom: connections, requests to connect, blocks, recruiter teams and introductions.

A connection is stored as two directed rows (`Contact`), one per side, written together when a
request is accepted: each side keeps its own view of the link (how they know the other, how well,
whether they would introduce them), and a path query walks one index, `(owner, other)`, in either
direction. The database holds the rules that concurrency could break: one contact row per
ordered pair, one pending request per unordered pair, one open introduction per requester and
target, and no row that points a person at themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from outreach.vocabulary import Purpose
from profiles.access import shown_in_network

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

PROFILE = "profiles.ExecutiveProfile"


class Relationship(models.TextChoices):
    COLLEAGUE = "colleague", _("Colleague")
    FORMER_COLLEAGUE = "former_colleague", _("Former colleague")
    CLASSMATE = "classmate", _("Classmate")
    CLIENT_OR_PARTNER = "client_or_partner", _("Client or partner")
    FRIEND_OR_FAMILY = "friend_or_family", _("Friend or family")
    MET_AT_EVENT = "met_at_event", _("Met at an event")
    OTHER = "other", _("Other")


class Closeness(models.IntegerChoices):
    """How well two people know each other; a larger number is a stronger link."""

    ACQUAINTED = 1, _("Acquainted")
    KNOW_WELL = 2, _("Know well")
    CLOSE = 3, _("Close")


class Willingness(models.TextChoices):
    """Whether the owner of a contact row would introduce the other person to someone."""

    WILLING = "willing", _("Yes, happy to introduce them")
    ASK = "ask", _("Ask me each time")
    NEVER = "never", _("No, don't route introductions to them through me")


# Paths run only through contacts whose owner may be asked to introduce.
INTRODUCING = (Willingness.WILLING, Willingness.ASK)


class ContactQuerySet(models.QuerySet):
    def showable_to(self, viewer: AbstractBaseUser | AnonymousUser) -> ContactQuerySet:
        """The network's one privacy rule: the contact rows that may appear to `viewer` (in
        paths, counts and names of connections in common, the search's network filter, advice).

        A row is shown when both its ends are profiles `viewer` may see in the network
        (`profiles.access.shown_in_network`: visible to them, never private) and neither end
        is on the other side of a block with them (`apart_from_blocks`); the viewer's own rows
        are always theirs to see. Anonymous visitors see no one's. Checked on each row's
        two profiles (joins), so a query led by an index reads only the rows it needs.
        """
        if not viewer.is_authenticated:
            return self.none()
        levels = shown_in_network(viewer)
        both_shown = Q(owner__visibility__in=levels, other__visibility__in=levels)
        unblocked = apart_from_blocks(viewer, "owner") & apart_from_blocks(viewer, "other")
        return self.filter(Q(owner__user=viewer) | (both_shown & unblocked))


class Contact(models.Model):
    """One side of a confirmed connection: `owner` knows `other`, as the owner describes it."""

    owner = models.ForeignKey(
        PROFILE,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="contacts",
        db_index=False,
    )
    other = models.ForeignKey(
        PROFILE,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="contact_of",
        db_index=False,
    )
    relationship = models.CharField(
        _("how you know each other"), max_length=20, choices=Relationship
    )
    closeness = models.PositiveSmallIntegerField(_("how well"), choices=Closeness)
    willingness = models.CharField(
        _("willing to introduce them"),
        max_length=10,
        choices=Willingness,
        default=Willingness.ASK,
    )
    created_at = models.DateTimeField(_("connected at"), auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "-closeness", "other"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["owner", "other"], name="contact_one_per_pair"),
            models.CheckConstraint(condition=~Q(owner=models.F("other")), name="contact_not_self"),
        ]
        indexes = [
            models.Index(fields=["other", "owner"], name="contact_other_owner"),
            # The links someone would introduce along, the only ones paths and the search's
            # network filter follow: their hops are read from this index alone.
            models.Index(
                fields=["owner", "other"],
                condition=Q(willingness__in=INTRODUCING),
                name="contact_introducing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} knows {self.other_id}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class ConnectionRequest(models.Model):
    """A request to connect; the connection exists only once the recipient accepts."""

    sender = models.ForeignKey(
        PROFILE, verbose_name=_("from"), on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        PROFILE, verbose_name=_("to"), on_delete=models.CASCADE, related_name="received_requests"
    )
    relationship = models.CharField(
        _("how you know each other"), max_length=20, choices=Relationship
    )
    closeness = models.PositiveSmallIntegerField(_("how well"), choices=Closeness)
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("connection request")
        verbose_name_plural = _("connection requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="request_not_self"
            ),
            # Whoever asks second while the first is pending collides here, in the database.
            models.UniqueConstraint(
                Least("sender", "recipient"),
                Greatest("sender", "recipient"),
                condition=Q(status=RequestStatus.PENDING),
                name="request_one_pending_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["sender", "status", "-created_at"], name="request_sender_status"),
            models.Index(
                fields=["recipient", "status", "-created_at"], name="request_recipient_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id} ({self.status})"


class Block(models.Model):
    """`blocker` takes no further requests or introductions from `blocked`."""

    blocker = models.ForeignKey(
        PROFILE, verbose_name=_("blocked by"), on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        PROFILE, verbose_name=_("blocked"), on_delete=models.CASCADE, related_name="blocked_by"
    )
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_one_per_pair"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


def apart_from_blocks(viewer: AbstractBaseUser, key: str) -> Q:
    """The network's one block rule, on the profile id at `key` ("pk", or a row's "owner",
    "other"): not someone who blocked `viewer`, nor someone `viewer` blocked. Such a person is
    on none of the viewer's paths and in none of their connections in common. Each side is a
    small subquery that PostgreSQL reads once per statement."""
    blockers = Block.objects.filter(blocked__user=viewer).values("blocker")
    blocked = Block.objects.filter(blocker__user=viewer).values("blocked")
    return ~Q(**{f"{key}__in": blockers}) & ~Q(**{f"{key}__in": blocked})


class RecruiterTeam(models.Model):
    """Recruiters grouped by an admin (e.g. a search firm): they share introduction paths."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="RecruiterTeamMembership",
        verbose_name=_("members"),
        related_name="recruiter_teams",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("recruiter team")
        verbose_name_plural = _("recruiter teams")

    def __str__(self) -> str:
        return self.name


class RecruiterTeamMembership(models.Model):
    team = models.ForeignKey(RecruiterTeam, verbose_name=_("team"), on_delete=models.CASCADE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.CASCADE,
        related_name="team_membership",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id}"


class IntroductionStatus(models.TextChoices):
    WITH_INTERMEDIARY = "with_intermediary", _("With the first intermediary")
    WITH_SECOND_INTERMEDIARY = "with_second", _("With the second intermediary")
    WITH_TARGET = "with_target", _("With the person to meet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


OPEN_INTRODUCTION = (
    IntroductionStatus.WITH_INTERMEDIARY,
    IntroductionStatus.WITH_SECOND_INTERMEDIARY,
    IntroductionStatus.WITH_TARGET,
)


class Introduction(models.Model):
    """A double opt-in introduction: requester → intermediary (→ second) → target.

    Each step is a conditional update from the status it expects (`version` guards races), so
    accepting twice, or accepting and declining at once, leaves one state.
    """

    requester = models.ForeignKey(
        PROFILE,
        verbose_name=_("requester"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="introductions_requested",
    )
    intermediary = models.ForeignKey(
        PROFILE,
        verbose_name=_("intermediary"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="introductions_brokered",
    )
    second_intermediary = models.ForeignKey(
        PROFILE,
        verbose_name=_("second intermediary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions_passed_on",
    )
    target = models.ForeignKey(
        PROFILE,
        verbose_name=_("person to meet"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="introductions_received",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose)
    message = models.CharField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IntroductionStatus,
        default=IntroductionStatus.WITH_INTERMEDIARY,
    )
    chosen_membership = models.ForeignKey(
        "profiles.Membership",
        verbose_name=_("channel chosen by the person to meet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_in_app = models.BooleanField(_("reply in NetworkDir"), default=False)
    withdrawn_by_deletion = models.BooleanField(
        _("withdrawn because an account was deleted"), default=False
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "target"],
                condition=Q(status__in=OPEN_INTRODUCTION),
                name="introduction_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("target")), name="introduction_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["requester", "status"], name="introduction_requester"),
            models.Index(fields=["intermediary", "status"], name="introduction_intermediary"),
            models.Index(fields=["second_intermediary", "status"], name="introduction_second"),
            models.Index(fields=["target", "status"], name="introduction_target"),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.target_id} ({self.status})"


class IntroductionEvent(models.Model):
    """One recorded state change of an introduction, with who made it and when."""

    introduction = models.ForeignKey(
        Introduction,
        verbose_name=_("introduction"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        PROFILE, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("new status"), max_length=20, choices=IntroductionStatus)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["introduction", "at", "id"]
        verbose_name = _("introduction event")
        verbose_name_plural = _("introduction events")

    def __str__(self) -> str:
        return f"{self.introduction_id}: {self.status}"
