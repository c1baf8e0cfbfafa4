"""Admin for the network: connections, requests, blocks and introductions, for abuse handling,
and the recruiter teams administrators set up.

Only staff holding each model's permissions see these lists (Django's admin permissions); no
page outside the admin lists anyone's connections but their own. What people decided is shown
read-only: a connection, a block or an introduction changes only through the person's own
pages, which keep both rows of a connection and each introduction's history consistent. Admins
may remove a connection (both rows go) and a request, as abuse handling needs. The contact
table is the largest in the database (two rows per connection), so its list never counts the
whole table and reads each page through the primary key index.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.paginators import LargeTablePaginator
from profiles.access import is_recruiter
from profiles.models import (
    Block,
    ConnectionRequest,
    Contact,
    Introduction,
    IntroductionEvent,
    RecruiterTeam,
    RecruiterTeamMembership,
)

PERSON_SEARCH_FIELDS = ("display_name", "user__username")


def people_searched(*parties: str) -> list[str]:
    """Search each party by display name and by the username of their account."""
    return [f"{party}__{field}" for party in parties for field in PERSON_SEARCH_FIELDS]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows people made through their own pages: admins read them, never add or edit them."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class LargeTableAdmin(ReadOnlyAdmin):
    """Never counts the whole table; newest first through the primary key index."""

    ordering = ["-id"]
    paginator = LargeTablePaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER


@admin.register(Contact)
class ContactAdmin(LargeTableAdmin):
    """One side of a connection per row; deleting it removes the connection, both rows."""

    list_display = ["owner", "other", "relationship", "closeness", "willingness", "created_at"]
    list_filter = ["relationship", "closeness", "willingness"]
    list_select_related = ["owner", "other"]
    search_fields = people_searched("owner", "other")
    fields = ["owner", "other", "relationship", "closeness", "willingness", "created_at"]
    readonly_fields = fields

    @staticmethod
    def both_sides(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
        pairs = Q(pk__in=[])
        for owner, other in contacts.values_list("owner", "other"):
            pairs |= Q(owner=owner, other=other) | Q(owner=other, other=owner)
        return Contact.objects.filter(pairs)

    def delete_model(self, request: HttpRequest, obj: Contact) -> None:
        self.both_sides(Contact.objects.filter(pk=obj.pk)).delete()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Contact]) -> None:
        self.both_sides(queryset).delete()


@admin.register(ConnectionRequest)
class ConnectionRequestAdmin(LargeTableAdmin):
    list_display = ["sender", "recipient", "relationship", "status", "created_at", "expires_at"]
    list_filter = ["status", "relationship"]
    list_select_related = ["sender", "recipient"]
    search_fields = people_searched("sender", "recipient")
    date_hierarchy = "created_at"
    fields = [
        "sender",
        "recipient",
        "relationship",
        "closeness",
        "message",
        "status",
        "created_at",
        "expires_at",
        "decided_at",
    ]
    readonly_fields = fields


@admin.register(Block)
class BlockAdmin(LargeTableAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    list_select_related = ["blocker", "blocked"]
    search_fields = people_searched("blocker", "blocked")
    fields = ["blocker", "blocked", "created_at"]
    readonly_fields = fields

    def has_delete_permission(self, request: HttpRequest, obj: Block | None = None) -> bool:
        return False


class IntroductionEventInline(admin.TabularInline):
    """Each recorded change of an introduction: who, which status, when."""

    model = IntroductionEvent
    fields = ["status", "actor", "at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[IntroductionEvent]:
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


INTRODUCTION_PARTIES = ["requester", "intermediary", "second_intermediary", "target"]


@admin.register(Introduction)
class IntroductionAdmin(LargeTableAdmin):
    list_display = [
        *INTRODUCTION_PARTIES,
        "purpose",
        "status",
        "withdrawn_by_deletion",
        "created_at",
        "expires_at",
    ]
    list_filter = ["status", "purpose", "withdrawn_by_deletion"]
    list_select_related = INTRODUCTION_PARTIES
    search_fields = people_searched(*INTRODUCTION_PARTIES)
    date_hierarchy = "created_at"
    fields = [
        *INTRODUCTION_PARTIES,
        "purpose",
        "message",
        "status",
        "chosen_membership",
        "reply_in_app",
        "withdrawn_by_deletion",
        "version",
        "created_at",
        "updated_at",
        "expires_at",
    ]
    readonly_fields = fields
    inlines = [IntroductionEventInline]

    def has_delete_permission(self, request: HttpRequest, obj: Introduction | None = None) -> bool:
        return False


class RecruiterTeamMembershipForm(forms.ModelForm):
    class Meta:
        model = RecruiterTeamMembership
        fields = ["user"]

    def clean_user(self) -> User:
        user = self.cleaned_data["user"]
        if not is_recruiter(user):
            raise ValidationError(
                _(
                    "%(username)s is not a recruiter: add them to the Recruiters group first, "
                    "then to a team."
                ),
                code="not_a_recruiter",
                params={"username": user.get_username()},
            )
        return user


class RecruiterTeamMembershipInline(admin.TabularInline):
    model = RecruiterTeamMembership
    form = RecruiterTeamMembershipForm
    autocomplete_fields = ["user"]
    extra = 1


@admin.register(RecruiterTeam)
class RecruiterTeamAdmin(admin.ModelAdmin):
    """Recruiters in one team see introduction paths through each other's connections."""

    list_display = ["name"]
    search_fields = ["name", "members__username"]
    inlines = [RecruiterTeamMembershipInline]
