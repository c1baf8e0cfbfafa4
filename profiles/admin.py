"""Admin for executive profiles and the audit trail of candidate exports.

Granting the recruiter role: open Authentication and Authorization > Users, pick the user, and
add them to the "Recruiters" group (it holds `profiles.search_candidates`; a data migration
creates it). Removing them from the group takes the role away.

The profiles table is built for a million rows, so its changelist never counts the whole table
(see `LargeTablePaginator`), shows no facet counts, and orders by the primary key index.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.paginators import LargeTablePaginator

# The network's admin (connections, requests, blocks, introductions, recruiter teams) is
# registered by its own module.
from profiles import network_admin  # noqa: F401
from profiles.fields import MEMBERSHIP_FIELDS, PROFILE_RECORD_FIELDS, PROFILE_SECTIONS
from profiles.models import CandidateExport, ExecutiveProfile, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = MEMBERSHIP_FIELDS
    autocomplete_fields = ["platform"]
    extra = 0


@admin.register(ExecutiveProfile)
class ExecutiveProfileAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "title",
        "company",
        "company_type",
        "seniority",
        "city",
        "industry",
        "visibility",
        "is_fictional",
        "user",
    ]
    list_filter = ["visibility", "company_type", "seniority", "city", "industry", "is_fictional"]
    search_fields = ["display_name", "company"]
    list_select_related = ["user"]
    # Newest first through the primary key index: the model's "-updated_at" order has no index
    # of its own and would sort the whole table for every page.
    ordering = ["-id"]
    paginator = LargeTablePaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
    # The owner's sections, with the account first and the site's own record last.
    fieldsets = [
        (None, {"fields": ["user"]}),
        *((title, {"fields": names}) for title, names in PROFILE_SECTIONS),
        (_("Record"), {"fields": PROFILE_RECORD_FIELDS}),
    ]
    inlines = [MembershipInline]


@admin.register(CandidateExport)
class CandidateExportAdmin(admin.ModelAdmin):
    """An audit trail: admins read it, nobody edits or deletes it."""

    list_display = ["created_at", "recruiter_username", "row_count", "query"]
    list_filter = ["created_at"]
    search_fields = ["recruiter_username", "query"]
    date_hierarchy = "created_at"
    fields = ["recruiter", "recruiter_username", "created_at", "query", "row_count"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: CandidateExport | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: CandidateExport | None = None
    ) -> bool:
        return False
