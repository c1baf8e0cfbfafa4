"""Admin for curating platforms: traits, dated figures and events, and the sources behind them.

Every curated model keeps a django-simple-history trail in words (`platforms.admin_history`):
choice labels rather than stored values, the reason a curator gave on saving, and on a platform
the figures, events and citations the same save changed. Figures, events and citations are
edited as stacked inlines of their platform, so the page never scrolls sideways; a figure is
spelt out in words as it is typed. A platform's status changes only through "Record a status
change", which writes the dated, sourced event and the status together
(`platforms.services.record_status_change`). The staleness dashboard lists platforms by the age
of their newest figure.
"""

from __future__ import annotations

from itertools import chain

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import INVALID_FORM_STATUS, report_errors
from platforms import changes, presentation, services
from platforms.admin_forms import (
    CitationForm,
    StatusChangeForm,
    StatusEventForm,
    UserCountForm,
)
from platforms.admin_history import HistoryInWordsAdmin, describe_record, inline_changes
from platforms.dates import format_partial_date
from platforms.models import Citation, Language, Platform, Source, StatusEvent, UserCount
from platforms.vocabulary import OUTREACH_TRAITS

RECENT_CHANGES_SHOWN = 15
# The staleness dashboard highlights platforms whose newest figure is older than this.
STALE_FIGURE_YEARS = 2

# Django 6 makes https the default scheme for URLs typed without one; take it now.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}
DATE_FIELDS = ("precision", "date_qualifier")


def newest_figure_text(platform: Platform) -> str:
    """The platform's newest figure as the directory reads it ("more than 140 million
    Registered users"), from `changes.with_newest_figure`; a dash when it has none."""
    if platform.newest_figure_value is None:
        return "—"
    figure = presentation.figure_text(
        platform.newest_figure_value, platform.newest_figure_qualifier
    )
    metric = presentation.choice_label(UserCount, "metric", platform.newest_figure_metric)
    return f"{figure} {metric}"


def newest_figure_date(platform: Platform) -> str:
    """The newest figure's date as precise as its source gives it ("2012", "by 2017-03")."""
    return format_partial_date(
        platform.newest_figure_as_of,
        platform.newest_figure_precision,
        platform.newest_figure_date_qualifier,
    )


class UserCountInline(admin.StackedInline):
    model = UserCount
    form = UserCountForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("value", "qualifier"),
                    ("metric", "scope"),
                    ("as_of", *DATE_FIELDS),
                    "source",
                    ("note_en", "note_zh"),
                ]
            },
        )
    ]
    autocomplete_fields = ["source"]
    extra = 1
    classes = ["platform-inline"]


class StatusEventInline(admin.StackedInline):
    model = StatusEvent
    form = StatusEventForm
    fieldsets = [
        (
            None,
            {
                "description": _(
                    "To change the platform's status, use “Record a status change” above: it "
                    "adds the event here and the status together."
                ),
                "fields": [
                    ("kind", "happened_on", *DATE_FIELDS),
                    "source",
                    ("description_en", "description_zh"),
                ],
            },
        )
    ]
    autocomplete_fields = ["source"]
    extra = 0
    classes = ["platform-inline"]


class CitationInline(admin.TabularInline):
    model = Citation
    form = CitationForm
    fields = ["claim", "source", "as_of", *DATE_FIELDS]
    autocomplete_fields = ["source"]
    extra = 0
    # A platform has dozens of citations; keep them folded so the figures stay in view.
    classes = ["collapse"]


@admin.register(Platform)
class PlatformAdmin(HistoryInWordsAdmin):
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
    # The status follows the platform's status events: it changes through the action.
    readonly_fields = ["status", "status_since_display", "updated_at", "recent_changes"]
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
        (
            _("Status"),
            {
                "description": _(
                    "The status changes only with “Record a status change”, which adds the "
                    "dated, sourced event to the timeline."
                ),
                "fields": [("status", "status_since_display"), "historical"],
            },
        ),
        (_("Traits"), {"fields": ["interface_languages", *OUTREACH_TRAITS]}),
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
    actions = ["record_status_change"]

    class Media:
        css = {"all": ["css/platform-admin.css"]}

    def get_urls(self) -> list:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/status/",
                self.admin_site.admin_view(self.status_change_view),
                name=f"{name}_status_change",
            ),
            path(
                "staleness/",
                self.admin_site.admin_view(self.staleness_view),
                name=f"{name}_staleness",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Platform]:
        return changes.with_newest_figure(super().get_queryset(request))

    def revert_disabled(self, request: HttpRequest, obj: Platform | None = None) -> bool:
        """A revert would bring an old status back without the event that explains it."""
        return True

    @admin.display(description=_("status since"))
    def status_since_display(self, platform: Platform) -> str:
        return platform.status_since_display or "—"

    @admin.display(description=_("latest figure"), ordering="newest_figure_value")
    def latest_figure(self, platform: Platform) -> str:
        if platform.newest_figure_value is None:
            return "—"
        return f"{newest_figure_text(platform)} ({newest_figure_date(platform)})"

    @admin.display(description=_("who changed what"))
    def recent_changes(self, platform: Platform) -> str:
        """Who added, changed or deleted this platform's figures, events and citations, and when.

        Read from the history tables by platform id, so deleted items still show.
        """
        if platform.pk is None:
            return "—"
        records = sorted(
            chain.from_iterable(
                model.history.filter(platform_id=platform.pk)
                .select_related("history_user")
                .order_by("-history_date")[:RECENT_CHANGES_SHOWN]
                for model in (UserCount, StatusEvent, Citation)
            ),
            key=lambda record: record.history_date,
            reverse=True,
        )[:RECENT_CHANGES_SHOWN]
        if not records:
            return gettext("No changes recorded yet.")
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
                    record.history_user or gettext("(system)"),
                    record.get_history_type_display(),
                    describe_record(record),
                    source_keys.get(record.source_id, "?"),
                    reverse(
                        f"admin:platforms_{record.instance_type._meta.model_name}_history",
                        args=[record.id],
                    ),
                    gettext("history"),
                )
                for record in records
            ),
        )
        return format_html(
            "<table><thead><tr>" + "<th>{}</th>" * 5 + "<th></th></tr></thead>"
            "<tbody>{}</tbody></table>",
            gettext("when"),
            gettext("who"),
            gettext("change"),
            gettext("item"),
            gettext("source"),
            rows,
        )

    def render_history_view(
        self, request: HttpRequest, template: str, context: dict, **kwargs
    ) -> HttpResponse:
        """Under each save of the platform, the figures, events and citations it changed."""
        records = list(context.get("page_obj", ()))
        if records:
            by_date = inline_changes(
                platform_id=records[0].id,
                dates={record.history_date for record in records},
                item_models=(UserCount, StatusEvent, Citation),
            )
            # A save that also changed the languages wrote two platform rows at its time.
            for record in records:
                record.inline_changes = by_date.pop(record.history_date, [])
        return super().render_history_view(request, template, context, **kwargs)

    @admin.action(description=_("Record a status change"), permissions=["change"])
    def record_status_change(self, request: HttpRequest, queryset: QuerySet[Platform]):
        """The changelist's way in to the status change page, for one platform at a time."""
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose one platform to record its status change."), messages.WARNING
            )
            return None
        url = reverse("admin:platforms_platform_status_change", args=[queryset.get().pk])
        return HttpResponseRedirect(url)

    def status_change_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Record a status change: the event in the timeline and the new status, together."""
        platform = self.get_object(request, unquote(object_id))
        if platform is None:
            raise Http404(gettext("No platform has this id."))
        if not self.has_change_permission(request, platform):
            raise PermissionDenied
        form = StatusChangeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                event = services.record_status_change(
                    platform=platform, user=request.user, **form.service_arguments()
                )
            except ValidationError as refused:
                report_errors(form, refused)
            else:
                self.log_change(request, platform, str(event))
                self.message_user(
                    request,
                    gettext(
                        "Recorded: %(event)s. The status is now “%(status)s”. Check that the "
                        "summary, strengths and weaknesses still read true: they may describe "
                        "the status before."
                    )
                    % {"event": event, "status": event.platform.get_status_display()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:platforms_platform_change", args=[platform.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Record a status change"),
            "subtitle": str(platform),
            "opts": self.opts,
            "original": platform,
            "adminform": helpers.AdminForm(
                form, [(None, {"fields": form.layout})], prepopulated_fields={}
            ),
            "form": form,
            "media": self.media + form.media,
            "errors": helpers.AdminErrorList(form, []),
        }
        return TemplateResponse(
            request,
            "admin/platforms/platform/status_change.html",
            context,
            status=INVALID_FORM_STATUS if form.errors else 200,
        )

    def staleness_view(self, request: HttpRequest) -> HttpResponse:
        """Platforms by the age of their newest figure, the ones to update highlighted."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        stale_before = presentation.years_before(timezone.localdate(), STALE_FIGURE_YEARS)
        add_figure = reverse("admin:platforms_usercount_add")
        rows = [
            {
                "platform": platform,
                "figure": newest_figure_text(platform),
                "as_of": platform.newest_figure_as_of,
                "as_of_display": newest_figure_date(platform),
                # A shut-down platform's figures can only be history: nothing to update.
                "stale": platform.is_operating
                and platform.newest_figure_as_of is not None
                and platform.newest_figure_as_of < stale_before,
                "add_figure_url": f"{add_figure}?platform={platform.pk}",
            }
            for platform in changes.platforms_by_figure_age()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Figures by age"),
            "opts": self.opts,
            "rows": rows,
            "stale_years": STALE_FIGURE_YEARS,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/platforms/platform/staleness.html", context)


class PlatformScopedHistoryAdmin(HistoryInWordsAdmin):
    """The standalone lists of figures, events and citations, each with its change history."""

    list_select_related = ["platform", "source"]
    autocomplete_fields = ["platform", "source"]
    search_fields = ["platform__name_en", "platform__name_zh", "platform__slug", "source__key"]


@admin.register(UserCount)
class UserCountAdmin(PlatformScopedHistoryAdmin):
    form = UserCountForm
    list_display = ["platform", "figure", "metric", "scope", "as_of_shown", "source"]
    list_filter = ["metric", "scope", "platform"]
    history_list_display = ["value", "qualifier", "metric", "scope", "as_of", "source"]
    date_hierarchy = "as_of"

    @admin.display(description=_("figure"), ordering="value")
    def figure(self, count: UserCount) -> str:
        """In words, with the digits as typed beside them to check them against the source."""
        return format_html(
            '{} <span class="quiet">({})</span>',
            presentation.figure_value(count),
            f"{count.value:,}",
        )

    @admin.display(description=_("as of"), ordering="as_of")
    def as_of_shown(self, count: UserCount) -> str:
        return count.as_of_display


@admin.register(StatusEvent)
class StatusEventAdmin(PlatformScopedHistoryAdmin):
    form = StatusEventForm
    list_display = ["platform", "kind", "happened_shown", "description_en", "source"]
    list_filter = ["kind", "platform"]
    history_list_display = ["kind", "happened_on", "source"]

    @admin.display(description=_("date"), ordering="happened_on")
    def happened_shown(self, event: StatusEvent) -> str:
        return event.happened_display


@admin.register(Citation)
class CitationAdmin(PlatformScopedHistoryAdmin):
    form = CitationForm
    list_display = ["platform", "claim", "source", "as_of_shown"]
    list_filter = ["claim", "platform"]
    history_list_display = ["claim", "source"]

    @admin.display(description=_("as of"), ordering="as_of")
    def as_of_shown(self, citation: Citation) -> str:
        return citation.as_of_display or "—"


@admin.register(Source)
class SourceAdmin(HistoryInWordsAdmin):
    list_display = ["key", "__str__", "published_shown", "retrieved", "times_cited"]
    search_fields = ["key", "title", "description_en", "description_zh", "publisher"]
    readonly_fields = ["cited_by"]
    history_list_display = ["title", "publisher", "published"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fields = [
        "key",
        "title",
        ("description_en", "description_zh"),
        "publisher",
        "url",
        ("published", *DATE_FIELDS, "published_until"),
        "retrieved",
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

    @admin.display(description=_("published"), ordering="published")
    def published_shown(self, source: Source) -> str:
        return source.published_display if source.published else "—"

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
        return format_html("<ul>{}</ul>", lines) if lines else gettext("Nothing cites it yet.")


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh"]
    search_fields = ["code", "name_en", "name_zh"]
