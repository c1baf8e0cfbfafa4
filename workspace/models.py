"""A recruiter's workspace: projects shared with their members, the candidates in each with a
pipeline stage, its history, notes and tags, saved searches and the outreach log.

Only members see a project (`Project.objects.for_member`), and a project candidate is shown only
while its profile is visible to the viewer (`ExecutiveProfile.objects.visible_to`). The database
holds the rules concurrency could break: one row per candidate in a project, one membership per
recruiter, one tag of a name per project, and only known stages and outcomes.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from core.validators import visible_text
from core.writes import version_tag
from outreach.catalog import load_catalog
from outreach.vocabulary import CompanyType, Seniority
from outreach.vocabulary import Outcome as KnownOutcome

PROFILE = "profiles.ExecutiveProfile"
NOTE_MAX_LENGTH = 5000


class Stage(models.TextChoices):
    """Where a candidate is in a project's pipeline, in the order a search moves through it."""

    SOURCED = "sourced", _("Sourced")
    CONTACTED = "contacted", _("Contacted")
    REPLIED = "replied", _("Replied")
    MEETING = "meeting", _("Meeting")
    HIRED = "hired", _("Hired")
    NOT_A_FIT = "not_a_fit", _("Not a fit")


class Role(models.TextChoices):
    CAN_EDIT = "edit", _("Can edit")
    CAN_VIEW = "view", _("Can view")


# An outreach's outcome: pending until one of outreach's outcomes is known, the one vocabulary
# the evidence counts in.
Outcome = models.TextChoices(
    "Outcome",
    [
        ("PENDING", ("pending", _("Pending"))),
        *((outcome.name, (outcome.value, outcome.label)) for outcome in KnownOutcome),
    ],
)


UNKNOWN_STAGE = _("“%(value)s” is not a stage. Choose one of: %(stages)s.")


def check_stage(value: object) -> str:
    """`value` if it is a stage; otherwise a refusal naming `stage` that lists the stages, for
    the pages, the API and the services alike."""
    if value in Stage.values:
        return str(value)
    error = ValidationError(
        UNKNOWN_STAGE,
        code="invalid_choice",
        params={"value": str(value)[:50], "stages": ", ".join(Stage.values)},
    )
    raise ValidationError({"stage": error})


# How far back an outreach may be dated. An older one says little about how people answer today,
# and the evidence it would join is about today's channels.
OLDEST_OUTREACH = datetime.timedelta(days=365)


def within_the_last_year(value: datetime.date) -> None:
    """An outreach is logged once it is sent (a date after today, Beijing time, is a typo) and
    while it still tells something (`OLDEST_OUTREACH`)."""
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("The date can't be in the future."), code="future")
    if value < today - OLDEST_OUTREACH:
        raise ValidationError(
            _("Log outreaches of the last 12 months: an older one says little about today."),
            code="too_old",
        )


class ProjectQuerySet(models.QuerySet):
    def for_member(self, user: AbstractBaseUser | AnonymousUser) -> ProjectQuerySet:
        """The projects `user` is a member of: the one rule of who sees a project."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(members__user=user)

    def editable_by(self, user: AbstractBaseUser | AnonymousUser) -> ProjectQuerySet:
        """The projects `user` may change while they are active: the one rule of who edits."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(members__user=user, members__role=Role.CAN_EDIT)

    def active(self) -> ProjectQuerySet:
        return self.filter(archived=False)


class Project(models.Model):
    """A search for one role, e.g. "CFO, Suzhou manufacturer", and the candidates kept for it."""

    name = models.CharField(_("name"), max_length=120, validators=[visible_text])
    description = models.TextField(_("description"), max_length=2000, blank=True)
    # The creator; deleting their account hands a shared project to another member
    # (`services.hand_over_projects`) and deletes one no one else works in.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="owned_projects",
    )
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["archived", "-updated_at", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    @property
    def version(self) -> str:
        """The version of what a member reads of the project itself (an API ETag)."""
        return version_tag([self.pk, self.name, self.description, self.archived])


class ProjectMember(models.Model):
    """A recruiter's access to a project; the owner is a member who can edit."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.CASCADE,
        related_name="project_memberships",
    )
    role = models.CharField(_("access"), max_length=10, choices=Role, default=Role.CAN_VIEW)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "project"],
                name="project_member_once",
                violation_error_message=_("This recruiter is already a member of the project."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="project_member_known_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.project}"

    @property
    def can_edit(self) -> bool:
        return self.role == Role.CAN_EDIT


class Tag(models.Model):
    """A label the project's members put on its candidates, e.g. "speaks German"."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("tag"), max_length=50, validators=[visible_text])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="tag_once_per_project",
                violation_error_message=_("The project already has this tag."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# The pipeline's order, for sorting in SQL: a board lists its candidates by it.
STAGE_ORDER = models.Case(
    *(
        models.When(stage=stage, then=models.Value(index))
        for index, stage in enumerate(Stage.values)
    ),
    default=models.Value(len(Stage.values)),
)


class ProjectCandidate(models.Model):
    """An executive kept in a project, with where they are in its pipeline.

    Deleting the profile deletes the row with its notes, history and outreach log; while the
    profile is private it is counted in the project and never shown.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="candidates"
    )
    profile = models.ForeignKey(
        PROFILE,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="project_entries",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.SOURCED)
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), related_name="candidates", blank=True
    )
    # A candidate stays in a shared project when whoever added them deletes their account.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="added_project_candidates",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("project candidate")
        verbose_name_plural = _("project candidates")
        indexes = [
            # A board's page in its order: read in the index, each entry's profile probed until
            # the page is full, rather than every entry probed and sorted.
            models.Index(
                "project",
                STAGE_ORDER,
                models.F("updated_at").desc(),
                models.F("id").desc(),
                name="project_candidate_board",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "profile"],
                name="project_candidate_once",
                violation_error_message=_("This candidate is already in the project."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="project_candidate_known_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} · {self.project}"


class StageChange(models.Model):
    """One move of a candidate between stages: who moved them, from where to where, when."""

    project_candidate = models.ForeignKey(
        ProjectCandidate,
        verbose_name=_("project candidate"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage)
    # The project's history keeps a move when whoever made it deletes their account.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="stage_changes",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class Note(models.Model):
    """A note on a project candidate, seen by the project's members only."""

    project_candidate = models.ForeignKey(
        ProjectCandidate,
        verbose_name=_("project candidate"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="project_notes",
    )
    # A TextField's max_length reaches only forms; the validator holds it for every writer.
    text = models.TextField(
        _("note"), max_length=NOTE_MAX_LENGTH, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)]
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:50]


class SavedSearch(models.Model):
    """A recruiter's candidate filters kept under a name, alone or in a project."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    # A saved search outlives its project as one on its own.
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=120, validators=[visible_text])
    # The candidate search's query string, e.g. "q=cfo&city=suzhou".
    query = models.TextField(_("filters"), max_length=2000, blank=True)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True)
    # The last digest that listed its new matches: the next lists only those after it.
    digest_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("Send me an email each day listing new matches."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name


UNKNOWN_CHANNEL = _("Choose a platform or another channel the advisor knows.")


class OutreachLog(models.Model):
    """One outreach to a project candidate: the channel, the day it was sent, and what came of
    it. Only the recruiter who logged it sees the outcome for that person; everyone else sees
    outcomes only summed up in the evidence table."""

    project_candidate = models.ForeignKey(
        ProjectCandidate,
        verbose_name=_("project candidate"),
        on_delete=models.CASCADE,
        related_name="outreach_logs",
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.CASCADE,
        related_name="outreach_logs",
    )
    # A platform slug, or one of the other channels the advisor knows (a warm introduction...).
    channel = models.CharField(_("channel"), max_length=50)
    sent_on = models.DateField(_("sent on"), validators=[within_the_last_year])
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome, default=Outcome.PENDING
    )
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    # The kind of person reached, as it was when the outreach was sent: the evidence row its
    # outcome is counted in, which a later change of the profile must not move.
    company_type = models.CharField(_("company type"), max_length=20, choices=CompanyType)
    seniority = models.CharField(_("seniority"), max_length=20, choices=Seniority)
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("outreach")
        verbose_name_plural = _("outreach log")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="outreach_known_outcome"
            ),
        ]
        indexes = [
            # The daily sweep that marks outreaches without an answer after 14 days.
            models.Index(
                fields=["sent_on"], condition=Q(outcome="pending"), name="outreach_pending"
            ),
            # Whose outcomes in an evidence row changed since it was published.
            models.Index(
                fields=["channel", "company_type", "seniority", "outcome_at"],
                include=["logged_by"],
                name="outreach_cell_changes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.sent_on}"

    def clean(self) -> None:
        catalog = load_catalog()
        if self.channel and self.channel not in catalog.channel_ids:
            raise ValidationError(
                {"channel": UNKNOWN_CHANNEL},
                code="unknown_channel",
            )
        # A log kept from before its platform shut down keeps its channel; a missing one is
        # the field's own error.
        operating = catalog.operating_channel_ids
        if self._state.adding and self.channel and self.channel not in operating:
            raise ValidationError(
                {"channel": _("This platform no longer operates: nothing can be sent on it.")}
            )
