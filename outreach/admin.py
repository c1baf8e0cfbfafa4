"""The evidence table for admins: every row, with its counts, rate and interval, read-only.

The rows are sums kept by `outreach.services` as outcomes are recorded; an admin who finds them
wrong rebuilds them from the logs (`manage.py rebuild_outreach_evidence`) rather than editing.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from outreach.evidence import percent
from outreach.models import ObservedOutcome


@admin.register(ObservedOutcome)
class ObservedOutcomeAdmin(admin.ModelAdmin):
    list_display = [
        "channel",
        "company_type",
        "seniority",
        "outreaches",
        "replied",
        "declined",
        "no_reply",
        "rate",
        "interval",
        "shown_in_advice",
        "updated_at",
        "published_at",
    ]
    list_filter = ["company_type", "seniority", "channel"]
    search_fields = ["channel"]
    readonly_fields = [field.name for field in ObservedOutcome._meta.fields]

    @admin.display(description=_("outreaches"))
    def outreaches(self, row: ObservedOutcome) -> int:
        return row.outreaches

    @admin.display(description=_("reply rate"))
    def rate(self, row: ObservedOutcome) -> str:
        return percent(row.observed.rate) if row.outreaches else "-"

    @admin.display(description=_("interval (95%)"))
    def interval(self, row: ObservedOutcome) -> str:
        observed = row.observed
        return f"{percent(observed.low)} to {percent(observed.high)}" if row.outreaches else "-"

    @admin.display(description=_("shown in advice"), boolean=True)
    def shown_in_advice(self, row: ObservedOutcome) -> bool:
        return row.observed.shown

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
