"""Executives, the platforms they are on, and who may see what.

Who may see a profile is decided in one place, `ExecutiveProfile.objects.visible_to(user)` (and
`candidates_for(user)` for search), which every page, export and API endpoint reads profiles
through; whether a viewer sees a handle is decided in one place too, `profiles.visibility`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import a_moment_of_the_service, visible_text
from outreach.vocabulary import City, CompanyType, Industry, Seniority
from platforms.models import Platform
from profiles.access import (
    SEEN_BY_RECRUITERS,
    Visibility,
    may_search_candidates,
    reach_of,
    shown_in_network,
)
from profiles.search import SEARCHED_FIELDS, TokenVector, TokenVectorField, search_document

# Derived for matching in SQL (profiles/search.py); nothing reads them back.
SEARCH_COLUMNS = ("search_document", "search_vector")


def seniority_rank() -> Case:
    """Each seniority's rank, C-level highest (`Seniority` lists the junior first): the "most
    senior first" sort's key and the first key of the index that serves it, which must be the
    same expression for PostgreSQL to walk the index rather than sort every candidate."""
    ranks = (When(seniority=code, then=Value(rank)) for rank, code in enumerate(Seniority.values))
    return Case(*ranks, output_field=IntegerField())


class Activity(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    RARELY = "rarely", _("Rarely")
    INACTIVE = "inactive", _("Inactive")


ACTIVE_LEVELS = (Activity.DAILY, Activity.WEEKLY, Activity.MONTHLY)


def choice_label(choices: type[models.Choices], value: str) -> str:
    """The label of `value` (the value itself if unknown), found in one step.

    Django's get_FOO_display() builds a dict of every choice, translating each label, on each
    call; a page of 25 candidates calls it over a hundred times.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


class ExecutiveProfileQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser) -> ExecutiveProfileQuerySet:
        """The profiles `user` may see: the single privacy rule every page and endpoint uses
        (`reach_of`)."""
        return self.filter(reach_of(user).as_q())

    def shown_in_network_to(self, user: User | AnonymousUser) -> ExecutiveProfileQuerySet:
        """The other people's profiles that may appear in `user`'s view of the network
        (`shown_in_network`)."""
        return self.filter(visibility__in=shown_in_network(user))

    def candidates_for(self, user: User | AnonymousUser) -> ExecutiveProfileQuerySet:
        """What `user` searches as a recruiter: `searchable()`, or nothing for anyone who may
        not search candidates."""
        if not may_search_candidates(user):
            return self.none()
        return self.searchable()

    def searchable(self) -> ExecutiveProfileQuerySet:
        """What every recruiter searches, the same for each of them (so a statement built on it
        may be compiled once for all, `workspace.selectors`): profiles shared with recruiters or
        the public.

        The search columns are matched in SQL, never shown: they stay in the database.
        """
        return self.filter(visibility__in=SEEN_BY_RECRUITERS).defer(*SEARCH_COLUMNS)

    def on_platforms(
        self,
        platforms: Iterable[Platform | int] | models.QuerySet,
        *,
        all_of: bool = False,
        **membership_filters: object,
    ) -> ExecutiveProfileQuerySet:
        """Profiles with a membership on any (or all) of `platforms`, as EXISTS subqueries.

        EXISTS keeps one row per profile (no DISTINCT) and lets PostgreSQL use the membership
        index; `membership_filters` narrow the membership (e.g. open_to_inquiries=True).
        `platforms`: records or ids, or a queryset of platforms, which stays a subquery (any of
        them only).
        """

        def membership_exists(platform_filter: Q) -> Exists:
            return Exists(
                Membership.objects.filter(
                    platform_filter, profile=OuterRef("pk"), **membership_filters
                )
            )

        if isinstance(platforms, models.QuerySet):
            return self.filter(membership_exists(Q(platform__in=platforms)))
        platforms = list(platforms)
        if not platforms:
            return self

        if all_of:
            queryset = self
            for platform in platforms:
                queryset = queryset.filter(membership_exists(Q(platform=platform)))
            return queryset
        return self.filter(membership_exists(Q(platform__in=platforms)))


class ExecutiveProfile(models.Model):
    """An executive's professional profile: at most one per user.

    Demo profiles are fictional (`is_fictional`) and most have no user account.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="executive_profile",
    )
    display_name = models.CharField(_("display name"), max_length=100, validators=[visible_text])
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=150, blank=True)
    company = models.CharField(_("company"), max_length=150, blank=True)
    company_type = models.CharField(_("company type"), max_length=20, choices=CompanyType)
    industry = models.CharField(_("industry"), max_length=30, choices=Industry)
    city = models.CharField(_("city"), max_length=20, choices=City)
    seniority = models.CharField(_("seniority"), max_length=20, choices=Seniority)
    speaks_chinese = models.BooleanField(_("speaks Chinese"), default=True)
    speaks_english = models.BooleanField(_("speaks English"), default=False)
    abroad_experience = models.BooleanField(_("studied or worked abroad"), default=False)
    open_to_opportunities = models.BooleanField(_("open to opportunities"), default=False)
    visibility = models.CharField(
        _("who can see this profile"),
        max_length=20,
        choices=Visibility,
        default=Visibility.PRIVATE,
    )
    consent_at = models.DateTimeField(
        _("consented to the privacy notice at"), null=True, validators=[a_moment_of_the_service]
    )
    accepts_introductions = models.BooleanField(
        _("accept introduction requests"),
        default=True,
        help_text=_("Others in your network may ask you to introduce them to people you know."),
    )
    introductions_seen_at = models.DateTimeField(
        _("introductions last seen at"), null=True, blank=True, editable=False
    )
    is_fictional = models.BooleanField(
        _("fictional demo person"),
        default=False,
        help_text=_("Generated demo data: this person does not exist."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Derived from the name, company, title and city on every save (profiles/search.py).
    search_document = models.TextField(_("search document"), blank=True, editable=False)
    # The same tokens as a tsvector on PostgreSQL, where a GIN index covers it.
    search_vector = models.GeneratedField(
        expression=TokenVector(F("search_document")),
        output_field=TokenVectorField(),
        db_persist=True,
    )

    objects = ExecutiveProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("executive profile")
        verbose_name_plural = _("executive profiles")
        permissions = [("search_candidates", _("Can search and export candidates"))]
        # Each index walks the candidates in a search's order, so a page stops after its rows:
        # the newest first (any filter), by place and kind of role, by name, and the most
        # senior first. Candidate text search also has a GIN index, on PostgreSQL only
        # (profiles/search.py).
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="profile_recent"),
            models.Index(
                fields=["city", "industry", "seniority", "-updated_at", "-id"],
                name="profile_place_recent",
                # Who may see the profile, so a capped count of a place-and-role search reads
                # the index alone (PostgreSQL; `profiles.totals`).
                include=["visibility"],
            ),
            models.Index(fields=["display_name", "id"], name="profile_name"),
            models.Index(
                seniority_rank().desc(),
                F("updated_at").desc(),
                F("id").desc(),
                name="profile_senior_recent",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        """Keep `search_document` in step with the fields it is built from (no other effect)."""
        self.search_document = search_document(
            display_name=self.display_name, company=self.company, title=self.title, city=self.city
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCHED_FIELDS.intersection(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def get_company_type_display(self) -> str:
        return choice_label(CompanyType, self.company_type)

    def get_industry_display(self) -> str:
        return choice_label(Industry, self.industry)

    def get_city_display(self) -> str:
        return choice_label(City, self.city)

    def get_seniority_display(self) -> str:
        return choice_label(Seniority, self.seniority)

    def get_visibility_display(self) -> str:
        return choice_label(Visibility, self.visibility)

    @property
    def languages(self) -> list[str]:
        """Language codes as the recommender takes them (`zh`, `en`)."""
        return [
            code
            for code, spoken in (("zh", self.speaks_chinese), ("en", self.speaks_english))
            if spoken
        ]


# The error code of the "one preferred channel" constraint, which services turn into a message
# on the `preferred` field.
PREFERRED_TAKEN = "preferred_taken"


class MembershipQuerySet(models.QuerySet):
    def open_to_inquiries(self) -> MembershipQuerySet:
        return self.filter(open_to_inquiries=True)

    def active(self) -> MembershipQuerySet:
        return self.filter(activity__in=ACTIVE_LEVELS)


class Membership(models.Model):
    """An executive's presence on one platform, and how they want to be reached there."""

    # No plain indexes of the two keys: the unique (profile, platform) constraint and the indexes
    # in Meta lead with them, and three million rows make each index costly.
    profile = models.ForeignKey(
        ExecutiveProfile,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="memberships",
        db_index=False,
    )
    platform = models.ForeignKey(
        Platform,
        verbose_name=_("platform"),
        on_delete=models.PROTECT,
        related_name="memberships",
        db_index=False,
    )
    handle = models.CharField(
        _("handle or profile URL"),
        max_length=200,
        blank=True,
    )
    activity = models.CharField(
        _("activity"), max_length=10, choices=Activity, default=Activity.WEEKLY
    )
    verified = models.BooleanField(_("verified on this platform"), default=False)
    open_to_inquiries = models.BooleanField(_("open to inquiries here"), default=False)
    publicizes_career = models.BooleanField(_("publicizes career here"), default=False)
    preferred = models.BooleanField(_("preferred channel"), default=False)
    hide_handle = models.BooleanField(
        _("hide handle"),
        default=False,
        help_text=_("Recruiters see that you are on this platform, but not your handle."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-preferred", "platform__name_en"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "platform"],
                name="membership_one_per_platform",
                violation_error_message=_("You already have a membership on this platform."),
            ),
            # Held by the database, so two edits at once can't both leave a preferred channel.
            models.UniqueConstraint(
                fields=["profile"],
                condition=Q(preferred=True),
                name="membership_one_preferred",
                violation_error_code=PREFERRED_TAKEN,
                violation_error_message=_("Only one platform can be your preferred channel."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["platform", "profile"],
                name="membership_platform_profile",
            ),
            models.Index(
                fields=["platform", "open_to_inquiries", "activity", "profile"],
                name="membership_channel_filters",
            ),
            # A person's memberships with every column a search's channel filters and the
            # platforms' counts ask of them, so that probing each candidate's reads the index
            # alone (PostgreSQL; elsewhere an index of the profile).
            models.Index(
                fields=["profile"],
                include=["platform", "open_to_inquiries", "activity", "verified"],
                name="membership_channel_columns",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} on {self.platform.name_en}"

    def get_activity_display(self) -> str:
        return choice_label(Activity, self.activity)

    @property
    def is_active(self) -> bool:
        return self.activity in ACTIVE_LEVELS


class CandidateExport(models.Model):
    """An audit record for every CSV export of candidates: who, when, which filter, how many."""

    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="candidate_exports",
    )
    recruiter_username = models.CharField(
        _("recruiter's username"), max_length=150, help_text=_("Kept if the account is deleted.")
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    query = models.TextField(_("filter"), blank=True)
    row_count = models.PositiveIntegerField(_("rows"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("candidate export")
        verbose_name_plural = _("candidate exports")

    def __str__(self) -> str:
        return f"{self.recruiter_username} · {self.created_at:%Y-%m-%d %H:%M} · {self.row_count}"


# Registered with the app here; defined beside each other in their own module.
from profiles.network_models import (  # noqa: E402
    Block,
    Closeness,
    ConnectionRequest,
    Contact,
    Introduction,
    IntroductionEvent,
    RecruiterTeam,
    RecruiterTeamMembership,
    Relationship,
    Willingness,
)

__all__ = [
    "Block",
    "Closeness",
    "ConnectionRequest",
    "Contact",
    "Introduction",
    "IntroductionEvent",
    "RecruiterTeam",
    "RecruiterTeamMembership",
    "Relationship",
    "Willingness",
]
