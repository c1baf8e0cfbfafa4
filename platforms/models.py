"""China's professional networking platforms, their traits, and the sources behind every claim.

Every figure and status change is dated and cites a `Source`; traits that need support cite
theirs through `Citation`. Unknown stays unknown: every trait has an explicit "unknown" choice.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.language import localized
from platforms import vocabulary
from platforms.dates import (
    UPPER_BOUNDS,
    CitedSourceText,
    DatePrecision,
    DateQualifier,
    format_partial_date,
    is_undated,
)


def not_in_future(value: datetime.date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future_date")


# No platform the directory records launched before this year.
FIRST_LAUNCH_YEAR = 1990


def not_before_the_platforms(value: datetime.date) -> None:
    """A date of the record is not older than the first platform (a year 1 drew a chart from
    year 1 to today)."""
    if value and value.year < FIRST_LAUNCH_YEAR:
        message = _("This date is before %(year)d, older than any platform recorded here.")
        raise ValidationError(message, code="too_old", params={"year": FIRST_LAUNCH_YEAR})


# Every date of the record: a figure's, an event's, a source's, a claim's.
RECORD_DATE = [not_in_future, not_before_the_platforms]


class PartialDate(models.Model):
    """A date as precise as its source: day, month or year, and how it relates to the moment."""

    precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    date_qualifier = models.CharField(
        _("date qualifier"), max_length=6, choices=DateQualifier, default=DateQualifier.EXACT
    )

    class Meta:
        abstract = True


class Source(CitedSourceText, PartialDate):
    """A publication that supports a claim; shown on pages as a numbered citation.

    A source is named by its real title, or, when the title is not known, described in brackets
    ("[Article on Tianji's closure]", on Chinese pages "[关于天际网关闭的文章]") rather than
    given an invented headline. `precision` and `date_qualifier` qualify `published`; a page
    with no publication date shows the day it was retrieved by instead.
    """

    key = models.SlugField(
        _("key"), max_length=20, unique=True, help_text=_("Stable id, e.g. s3 or w43.")
    )
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Its real title; empty if unknown.")
    )
    description_en = models.CharField(
        _("description (English)"),
        max_length=300,
        blank=True,
        help_text=_("What the source is, when its title is not known, e.g. “Article on Tianji”."),
    )
    description_zh = models.CharField(
        _("description (Chinese)"),
        max_length=300,
        blank=True,
        help_text=_(
            "The same in Chinese, e.g. “关于天际网关闭的文章”; pages in English ignore it."
        ),
    )
    publisher = models.CharField(_("author or publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published = models.DateField(_("published"), null=True, blank=True, validators=RECORD_DATE)
    published_until = models.DateField(
        _("published until"),
        null=True,
        blank=True,
        validators=RECORD_DATE,
        help_text=_("For a source dated only to a span of years: the last year of the span."),
    )
    retrieved = models.DateField(
        _("retrieved by"),
        null=True,
        blank=True,
        validators=RECORD_DATE,
        help_text=_("The day the page had been read by; shown when there is no publication date."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(description_en=""),
                name="source_titled_or_described",
                violation_error_message=_("Give the source's title or, if unknown, describe it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.publisher})" if self.publisher else self.label

    def clean(self) -> None:
        errors = {}
        if not (self.title or self.description_en):
            errors["title"] = _("Give the source's title or, if unknown, describe it.")
        if is_undated(self.published, self.retrieved):
            errors["published"] = _(
                "Give the publication date or, for a page without one, the day it was retrieved."
            )
        if self.published and self.published_until and self.published_until < self.published:
            errors["published_until"] = _("The span cannot end before it begins.")
        if errors:
            raise ValidationError(errors)


class Language(models.Model):
    """An interface language a platform offers."""

    code = models.SlugField(_("code"), max_length=10, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=50)
    name_zh = models.CharField(_("name (Chinese)"), max_length=50)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


def operating_q(prefix: str = "") -> Q:
    """`vocabulary.operating_state()` in SQL: the platform (reached through `prefix`, e.g.
    "platform__" from a membership) is neither historical nor shut down, so it may be offered."""
    return Q(**{f"{prefix}historical": False}) & ~Q(
        **{f"{prefix}status": vocabulary.Status.SHUT_DOWN}
    )


def offer_order(prefix: str = "") -> tuple:
    """The order platforms are offered in: those known to operate, then those whose status is
    unknown (`vocabulary.OFFERED_STATES`), each by name."""
    status_unknown = Case(
        When(**{f"{prefix}status": vocabulary.Status.UNKNOWN}, then=Value(1)), default=Value(0)
    )
    return (status_unknown.asc(), f"{prefix}name_en")


class PlatformQuerySet(models.QuerySet):
    def operating(self) -> PlatformQuerySet:
        """Platforms still operating as far as the sources tell (`vocabulary.operating_state`):
        the ones offered for new memberships, searches and advice, and the directory's default.
        Those whose status is unknown are included; `in_offer_order()` puts them last."""
        return self.filter(operating_q())

    def in_offer_order(self) -> PlatformQuerySet:
        return self.order_by(*offer_order())


class Platform(models.Model):
    # The rated traits' vocabularies live in platforms.vocabulary, where outreach reads them too.
    Kind = vocabulary.Kind
    Status = vocabulary.Status
    Verification = vocabulary.Verification
    Level = vocabulary.Level
    ColdMessaging = vocabulary.ColdMessaging
    Availability = vocabulary.Availability
    Ease = vocabulary.Ease

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    parent_company = models.CharField(_("parent company"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offshoots",
    )
    launched_year = models.PositiveSmallIntegerField(_("launched (year)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.UNKNOWN, db_index=True
    )
    status_since = models.DateField(
        _("status since"), null=True, blank=True, validators=RECORD_DATE
    )
    status_since_precision = models.CharField(
        _("status since: precision"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
    )
    status_since_qualifier = models.CharField(
        _("status since: qualifier"),
        max_length=6,
        choices=DateQualifier,
        default=DateQualifier.EXACT,
    )
    historical = models.BooleanField(
        _("historical"),
        default=False,
        help_text=_("Kept for the record; hidden from the directory unless asked for."),
    )
    website = models.URLField(_("website"), blank=True)
    interface_languages = models.ManyToManyField(
        Language, verbose_name=_("interface languages"), blank=True, related_name="platforms"
    )
    real_name_verification = models.CharField(
        _("real-name verification"), max_length=10, choices=Verification, default="unknown"
    )
    email_reliance = models.CharField(
        _("email reliance"), max_length=10, choices=Level, default="unknown"
    )
    cold_messaging = models.CharField(
        _("cold messaging of strangers"), max_length=10, choices=ColdMessaging, default="unknown"
    )
    anonymous_posting = models.CharField(
        _("anonymous posting"), max_length=10, choices=Availability, default="unknown"
    )
    reach_beyond_china = models.CharField(
        _("reach beyond China"), max_length=10, choices=Level, default="unknown"
    )
    ease_for_foreigners = models.CharField(
        _("ease for foreigners"), max_length=10, choices=Ease, default="unknown"
    )
    audience_en = models.TextField(_("audience (English)"), blank=True)
    audience_zh = models.TextField(_("audience (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    strengths_en = models.TextField(_("strengths (English)"), blank=True)
    strengths_zh = models.TextField(_("strengths (Chinese)"), blank=True)
    weaknesses_en = models.TextField(_("weaknesses (English)"), blank=True)
    weaknesses_zh = models.TextField(_("weaknesses (Chinese)"), blank=True)
    seed_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Hash of the values `load_platforms` last wrote; tells admin edits apart.",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[interface_languages])
    objects = PlatformQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        constraints = [
            models.CheckConstraint(
                condition=Q(launched_year__isnull=True) | Q(launched_year__gte=FIRST_LAUNCH_YEAR),
                name="platform_launched_year_plausible",
                violation_error_message=_("A platform cannot have launched before 1990."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="platform_not_its_own_parent",
                violation_error_message=_("A platform cannot be its own parent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} {self.name_zh}".strip()

    def clean(self) -> None:
        """Name the field at fault; the check constraints alone give only a form-wide message."""
        errors = {}
        if self.launched_year and self.launched_year > timezone.localdate().year:
            errors["launched_year"] = _("The launch year is in the future.")
        elif self.launched_year is not None and self.launched_year < FIRST_LAUNCH_YEAR:
            errors["launched_year"] = _("A platform cannot have launched before 1990.")
        if vocabulary.must_be_historical(self.status, self.historical):
            errors["historical"] = _("A platform that has shut down is historical: tick it.")
        if self.parent_id is not None and self._parent_chain_reaches_self():
            errors["parent"] = _(
                "A platform cannot be its own parent, directly or through its parent platforms."
            )
        if errors:
            raise ValidationError(errors)

    def _parent_chain_reaches_self(self) -> bool:
        """Walk up from the chosen parent; meeting this platform again would close a cycle."""
        if self.pk is None:
            return False
        seen = set()
        ancestor_id = self.parent_id
        while ancestor_id is not None and ancestor_id not in seen:
            if ancestor_id == self.pk:
                return True
            seen.add(ancestor_id)
            ancestor_id = (
                Platform.objects.filter(pk=ancestor_id).values_list("parent_id", flat=True).first()
            )
        return False

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def audience(self) -> str:
        return localized(self, "audience")

    @property
    def strengths(self) -> str:
        return localized(self, "strengths")

    @property
    def weaknesses(self) -> str:
        return localized(self, "weaknesses")

    @property
    def operating_state(self) -> vocabulary.OperatingState:
        return vocabulary.operating_state(self.status, self.historical)

    @property
    def is_operating(self) -> bool:
        """Whether it may be offered: `Platform.objects.operating()` for one platform."""
        return self.operating_state != vocabulary.OperatingState.HISTORICAL

    @property
    def status_is_unknown(self) -> bool:
        return self.operating_state == vocabulary.OperatingState.STATUS_UNKNOWN

    @property
    def status_since_display(self) -> str:
        if self.status_since is None:
            return ""
        return format_partial_date(
            self.status_since, self.status_since_precision, self.status_since_qualifier
        )


class UserCountQuerySet(models.QuerySet):
    def users(self) -> UserCountQuerySet:
        """Figures that count a platform's users, not its headhunters."""
        return self.filter(metric__in=UserCount.USER_METRICS)


class UserCount(PartialDate):
    """One dated, sourced user figure; a platform has a series of them, never one number."""

    class Metric(models.TextChoices):
        REGISTERED = "registered", _("Registered users")
        MONTHLY_ACTIVE = "monthly_active", _("Monthly active users")
        DAILY_ACTIVE = "daily_active", _("Daily active users")
        USERS = "users", _("Users")
        HEADHUNTERS = "headhunters", _("Headhunters")
        VERIFIED_HEADHUNTERS = "verified_headhunters", _("Verified headhunters")

    class Scope(models.TextChoices):
        CHINA = "china", _("China")
        WORLDWIDE = "worldwide", _("Worldwide")

    class Qualifier(models.TextChoices):
        """How the figure relates to the number the source gives, as one choice."""

        EXACT = "exact", _("exactly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")

    # What counts as a user figure for "the latest figure" of a platform; headhunter counts
    # (a recruiting platform's other side) are figures, not its users.
    USER_METRICS = (
        Metric.REGISTERED,
        Metric.MONTHLY_ACTIVE,
        Metric.DAILY_ACTIVE,
        Metric.USERS,
    )

    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.CASCADE, related_name="user_counts"
    )
    value = models.PositiveBigIntegerField(_("value"))
    qualifier = models.CharField(
        _("figure qualifier"), max_length=10, choices=Qualifier, default=Qualifier.EXACT
    )
    metric = models.CharField(_("metric"), max_length=20, choices=Metric)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.CHINA)
    as_of = models.DateField(_("as of"), validators=RECORD_DATE)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="user_counts"
    )
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = UserCountQuerySet.as_manager()

    class Meta:
        ordering = ["platform", "as_of"]
        verbose_name = _("user count")
        verbose_name_plural = _("user counts")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "metric", "scope", "as_of", "source"],
                name="user_count_unique_per_source",
                violation_error_message=_(
                    "This source already gives this figure for this date, metric and scope."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__gt=0),
                name="user_count_positive",
                violation_error_message=_("A user count must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        metric = self.get_metric_display()
        return f"{self.platform.name_en}: {self.value:,} {metric} ({self.as_of_display})"

    def clean(self) -> None:
        # Negative values already fail the field's own validator; zero passes it but is no figure.
        if self.value == 0:
            raise ValidationError({"value": _("A user count must be greater than zero.")})

    @property
    def as_of_display(self) -> str:
        return format_partial_date(self.as_of, self.precision, self.date_qualifier)

    @property
    def dated(self) -> bool:
        """Whether its date dates it, rather than only bounding it from above ("by 2017")."""
        return self.date_qualifier not in UPPER_BOUNDS

    @property
    def note(self) -> str:
        return localized(self, "note")


class StatusEvent(PartialDate):
    """A dated change in a platform's life: launch, a feature closed, a rename, a shutdown."""

    class Kind(models.TextChoices):
        LAUNCHED = "launched", _("Launched")
        ACQUIRED = "acquired", _("Acquired")
        LISTED = "listed", _("Listed on a stock exchange")
        FEATURE_LAUNCHED = "feature_launched", _("Feature launched")
        FEATURE_CLOSED = "feature_closed", _("Feature closed")
        RESTRICTED = "restricted", _("Restricted")
        REGULATION = "regulation", _("Regulation")
        RENAMED = "renamed", _("Renamed or replaced")
        OPERATING = "operating", _("Reported operating")
        # A platform's decline, not a person's "no" (declined requests and outreaches).
        DECLINED = "declined", pgettext_lazy("platform event", "Declined")
        SHUT_DOWN = "shut_down", _("Shut down")

    # The status each kind of event leaves a platform in; other kinds leave it as it was.
    # A platform's status and `status_since` follow its latest such event.
    STATUS_AFTER = {
        Kind.LAUNCHED: vocabulary.Status.ACTIVE,
        Kind.OPERATING: vocabulary.Status.ACTIVE,
        Kind.RESTRICTED: vocabulary.Status.RESTRICTED,
        Kind.DECLINED: vocabulary.Status.DECLINING,
        Kind.SHUT_DOWN: vocabulary.Status.SHUT_DOWN,
    }

    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    happened_on = models.DateField(_("date"), validators=RECORD_DATE)
    description_en = models.CharField(_("description (English)"), max_length=300)
    description_zh = models.CharField(_("description (Chinese)"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="events"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["platform", "happened_on"]
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "kind", "happened_on"],
                name="status_event_unique_per_day",
                violation_error_message=_("This platform already has this event on this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.platform.name_en}: {self.get_kind_display()} ({self.happened_display})"

    @property
    def happened_display(self) -> str:
        return format_partial_date(self.happened_on, self.precision, self.date_qualifier)

    @property
    def description(self) -> str:
        return localized(self, "description")


class Citation(PartialDate):
    """Links a source to one trait of a platform, so a trait can show where it comes from, and
    as of when the source says so (`as_of`, as precise as the source; empty when it gives none).
    """

    class Claim(models.TextChoices):
        KIND = "kind", _("kind")
        PARENT_COMPANY = "parent_company", _("parent company")
        PARENT = "parent", _("parent platform")
        LAUNCHED_YEAR = "launched_year", _("launched (year)")
        STATUS = "status", _("status")
        INTERFACE_LANGUAGES = "interface_languages", _("interface languages")
        REAL_NAME_VERIFICATION = "real_name_verification", _("real-name verification")
        EMAIL_RELIANCE = "email_reliance", _("email reliance")
        COLD_MESSAGING = "cold_messaging", _("cold messaging of strangers")
        ANONYMOUS_POSTING = "anonymous_posting", _("anonymous posting")
        REACH_BEYOND_CHINA = "reach_beyond_china", _("reach beyond China")
        EASE_FOR_FOREIGNERS = "ease_for_foreigners", _("ease for foreigners")
        AUDIENCE = "audience", _("audience")
        SUMMARY = "summary", _("summary")
        STRENGTHS = "strengths", _("strengths")
        WEAKNESSES = "weaknesses", _("weaknesses")

    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.CASCADE, related_name="citations"
    )
    claim = models.CharField(_("claim"), max_length=30, choices=Claim)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    as_of = models.DateField(_("as of"), null=True, blank=True, validators=RECORD_DATE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["platform", "claim", "source"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "claim", "source"],
                name="citation_unique",
                violation_error_message=_("This source is already cited for this claim."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.platform.name_en} · {self.get_claim_display()} · {self.source.key}"

    @property
    def as_of_display(self) -> str:
        return (
            format_partial_date(self.as_of, self.precision, self.date_qualifier)
            if self.as_of
            else ""
        )
