"""Admin for curating platforms: traits, dated figures and events, and the sources behind them.

Every curated model keeps a django-simple-history trail, so each change page has a "History"
button showing who changed what and when. Figures, events and citations are edited as inlines
of their platform; simple-history records those saves as history of their own models (the
request's user comes from `HistoryRequestMiddleware`), and the platform change page lists the
latest of them under "Recent changes to figures, events and citations", each linking to that
item's full history.
"""

from __future__ import annotations

from itertools import chain

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from platforms.models import (
    OUTREACH_TRAITS,
    Citation,
    Language,
    Platform,
    Source,
    StatusEvent,
    UserCount,
)
from platforms.selectors import LATEST_FIRST

RECENT_CHANGES_SHOWN = 15

SOURCE_REQUIRED = _("Every figure, event and citation needs a source: pick one or add it first.")
COUNT_NOT_POSITIVE = _("A user count must be greater than zero.")

# Django 6 makes https the default scheme for URLs typed without one; take it now.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class UserCountForm(forms.ModelForm):
    """One message for zero and negative counts, and a source demanded in plain words."""

    class Meta:
        model = UserCount
        fields = [
            "platform",
            "value",
            "qualifier",
            "metric",
            "scope",
            "as_of",
            "precision",
            "date_qualifier",
            "source",
            "note_en",
            "note_zh",
        ]
        error_messages = {
            "value": {"min_value": COUNT_NOT_POSITIVE},
            "source": {"required": SOURCE_REQUIRED},
        }


class StatusEventForm(forms.ModelForm):
    class Meta:
        model = StatusEvent
        fields = [
            "platform",
            "kind",
            "happened_on",
            "precision",
            "date_qualifier",
            "description_en",
            "description_zh",
            "source",
        ]
        error_messages = {"source": {"required": SOURCE_REQUIRED}}


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = ["platform", "claim", "source"]
        error_messages = {"source": {"required": SOURCE_REQUIRED}}


class UserCountInline(admin.TabularInline):
    model = UserCount
    form = UserCountForm
    fields = [
        "value",
        "qualifier",
        "metric",
        "scope",
        "as_of",
        "precision",
        "date_qualifier",
        "source",
        "note_en",
        "note_zh",
    ]
    autocomplete_fields = ["source"]
    extra = 1


class StatusEventInline(admin.TabularInline):
    model = StatusEvent
    form = StatusEventForm
    fields = [
        "kind",
        "happened_on",
        "precision",
        "date_qualifier",
        "description_en",
        "description_zh",
        "source",
    ]
    autocomplete_fields = ["source"]
    extra = 0


class CitationInline(admin.TabularInline):
    model = Citation
    form = CitationForm
    fields = ["claim", "source"]
    autocomplete_fields = ["source"]
    extra = 0
    # A platform has dozens of citations; keep them folded so the figures stay in view.
    classes = ["collapse"]


def latest_user_count(field: str) -> Subquery:
    """A column of the platform's newest figure (the one the site shows), in the same query."""
    newest = UserCount.objects.filter(platform=OuterRef("pk")).order_by(*LATEST_FIRST)
    return Subquery(newest.values(field)[:1])


@admin.register(Platform)
class PlatformAdmin(SimpleHistoryAdmin):
    list_display = [
        "name_en",
        "name_zh",
        "kind",
        "status",
        "historical",
        "latest_figure",
        "updated_at",
    ]
    list_filter = [
        "status",
        "kind",
        "historical",
        "real_name_verification",
        "email_reliance",
        "interface_languages",
    ]
    search_fields = ["slug", "name_en", "name_zh", "parent_company"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["interface_languages"]
    readonly_fields = ["updated_at", "recent_changes"]
    fieldsets = [
        (
            _("Identity"),
            {
                "fields": [
                    "slug",
                    ("name_en", "name_zh"),
                    "kind",
                    ("parent_company", "parent"),
                    "launched_year",
                    "website",
                ]
            },
        ),
        (_("Status"), {"fields": [("status", "status_since"), "historical"]}),
        (
            _("Traits"),
            {
                "fields": [
                    "interface_languages",
                    *OUTREACH_TRAITS,
                ]
            },
        ),
        (
            _("Bilingual texts"),
            {
                "description": _("Write in your own words; never copy a source's sentences."),
                "fields": [
                    ("audience_en", "audience_zh"),
                    ("summary_en", "summary_zh"),
                    ("strengths_en", "strengths_zh"),
                    ("weaknesses_en", "weaknesses_zh"),
                ],
            },
        ),
        (
            _("Recent changes to figures, events and citations"),
            {"fields": ["recent_changes", "updated_at"]},
        ),
    ]
    inlines = [UserCountInline, StatusEventInline, CitationInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Platform]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                latest_count_value=latest_user_count("value"),
                latest_count_metric=latest_user_count("metric"),
                latest_count_as_of=latest_user_count("as_of"),
            )
        )

    @admin.display(description=_("latest figure"), ordering="latest_count_value")
    def latest_figure(self, platform: Platform) -> str:
        if platform.latest_count_value is None:
            return "—"
        metric = UserCount.Metric(platform.latest_count_metric).label
        return f"{platform.latest_count_value:,} {metric} ({platform.latest_count_as_of})"

    @admin.display(description=_("who changed what"))
    def recent_changes(self, platform: Platform) -> str:
        """Who added, changed or deleted this platform's figures, events and citations, and when.

        Read from the history tables by platform id, so deleted items still show.
        """
        if platform.pk is None:
            return "—"
        described = [
            (UserCount, self._describe_count),
            (StatusEvent, self._describe_event),
            (Citation, self._describe_citation),
        ]
        records = sorted(
            chain.from_iterable(
                model.history.filter(platform_id=platform.pk)
                .select_related("history_user")
                .order_by("-history_date")[:RECENT_CHANGES_SHOWN]
                for model, _describe in described
            ),
            key=lambda record: record.history_date,
            reverse=True,
        )[:RECENT_CHANGES_SHOWN]
        if not records:
            return _("No changes recorded yet.")
        describe_by_model = dict(described)
        # Sources may since have been deleted, so look their keys up rather than join them.
        source_keys = dict(
            Source.objects.filter(pk__in={record.source_id for record in records}).values_list(
                "pk", "key"
            )
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            '<td><a href="{}">{}</a></td></tr>',
            (
                (
                    timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M"),
                    record.history_user or _("(system)"),
                    record.get_history_type_display(),
                    describe_by_model[record.instance_type](record),
                    source_keys.get(record.source_id, "?"),
                    reverse(
                        f"admin:platforms_{record.instance_type._meta.model_name}_history",
                        args=[record.id],
                    ),
                    _("history"),
                )
                for record in records
            ),
        )
        return format_html(
            "<table><thead><tr>" + "<th>{}</th>" * 5 + "<th></th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("when"),
            _("who"),
            _("change"),
            _("item"),
            _("source"),
            rows,
        )

    @staticmethod
    def _describe_count(record: UserCount) -> str:
        return f"{_('user count')}: {record.value:,} {record.get_metric_display()} ({record.as_of})"

    @staticmethod
    def _describe_event(record: StatusEvent) -> str:
        return f"{_('status event')}: {record.get_kind_display()} ({record.happened_on})"

    @staticmethod
    def _describe_citation(record: Citation) -> str:
        return f"{_('citation')}: {record.get_claim_display()}"


class PlatformScopedHistoryAdmin(SimpleHistoryAdmin):
    """The standalone lists of figures, events and citations, each with its change history."""

    list_select_related = ["platform", "source"]
    autocomplete_fields = ["platform", "source"]
    search_fields = ["platform__name_en", "platform__name_zh", "platform__slug", "source__key"]


@admin.register(UserCount)
class UserCountAdmin(PlatformScopedHistoryAdmin):
    form = UserCountForm
    list_display = ["platform", "value", "qualifier", "metric", "scope", "as_of", "source"]
    list_filter = ["metric", "scope", "platform"]
    history_list_display = ["value", "metric", "scope", "as_of", "source"]
    date_hierarchy = "as_of"


@admin.register(StatusEvent)
class StatusEventAdmin(PlatformScopedHistoryAdmin):
    form = StatusEventForm
    list_display = ["platform", "kind", "happened_on", "description_en", "source"]
    list_filter = ["kind", "platform"]
    history_list_display = ["kind", "happened_on", "source"]


@admin.register(Citation)
class CitationAdmin(PlatformScopedHistoryAdmin):
    form = CitationForm
    list_display = ["platform", "claim", "source"]
    list_filter = ["claim", "platform"]
    history_list_display = ["claim", "source"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "title", "publisher", "published", "times_cited"]
    search_fields = ["key", "title", "publisher"]
    readonly_fields = ["cited_by"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fields = [
        "key",
        "title",
        "publisher",
        "url",
        ("published", "precision", "date_qualifier"),
        "cited_by",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                figure_count=Count("user_counts", distinct=True),
                event_count=Count("events", distinct=True),
                citation_count=Count("citations", distinct=True),
            )
            # Django drops Meta.ordering from aggregated querysets; pagination needs an order.
            .order_by("key")
        )

    @admin.display(description=_("times cited"))
    def times_cited(self, source: Source) -> int:
        return source.figure_count + source.event_count + source.citation_count

    @admin.display(description=_("cited by"))
    def cited_by(self, source: Source) -> str:
        """Every figure, event and trait resting on this source, linked to its platform."""
        if source.pk is None:
            return "—"
        items = chain(
            source.user_counts.select_related("platform"),
            source.events.select_related("platform"),
            source.citations.select_related("platform", "source"),
        )
        lines = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse("admin:platforms_platform_change", args=[item.platform_id]), item)
                for item in items
            ),
        )
        return format_html("<ul>{}</ul>", lines) if lines else _("Nothing cites it yet.")


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh"]
    search_fields = ["code", "name_en", "name_zh"]
