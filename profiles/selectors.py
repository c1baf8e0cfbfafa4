"""Reads across several models for the profiles app."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects
from django.http import QueryDict

from platforms.models import Platform
from profiles.filters import CandidateFilter
from profiles.models import (
    SEARCH_COLUMNS,
    ExecutiveProfile,
    ExecutiveProfileQuerySet,
    Membership,
)

# --- The owner's own profile (/me/ pages) -----------------------------------------------------


def profile_of(user: User) -> ExecutiveProfile | None:
    """The user's own profile, or None (staff and recruiters may have none)."""
    return ExecutiveProfile.objects.filter(user=user).first()


def memberships_of(profile: ExecutiveProfile) -> QuerySet[Membership]:
    """A profile's memberships with their platforms, in a stable order for forms and tables."""
    return profile.memberships.select_related("platform").order_by("platform__name_en", "pk")


def with_memberships(profile: ExecutiveProfile) -> ExecutiveProfile:
    """Load `memberships_of(profile)` into `profile.memberships.all()` in one query, so the page
    and the outreach advice (`advice.target_from_profile`) share it."""
    prefetch_related_objects(
        [profile],
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("platform").order_by(
                "platform__name_en", "pk"
            ),
        ),
    )
    return profile


# --- Candidate search and profile pages (recruiters, visitors) -------------------------------

# Rows in one CSV export at most; override with settings.CANDIDATE_EXPORT_ROW_LIMIT.
EXPORT_ROW_LIMIT = 1000


def export_row_limit() -> int:
    return getattr(settings, "CANDIDATE_EXPORT_ROW_LIMIT", EXPORT_ROW_LIMIT)


def with_channels(queryset: ExecutiveProfileQuerySet) -> ExecutiveProfileQuerySet:
    """Attach `channels`: memberships on operating platforms, in one query, each with its
    platform from the process's copy of the records (`with_held_platforms`).

    A shut-down platform can't reach anyone, so it is not a channel.
    """
    channels = (
        Membership.objects.exclude(platform__status=Platform.Status.SHUT_DOWN)
        .order_by("-preferred", "-open_to_inquiries", "platform__name_en")
        .with_held_platforms()
    )
    return queryset.prefetch_related(Prefetch("memberships", queryset=channels, to_attr="channels"))


def candidate_version(profile: ExecutiveProfile) -> tuple:
    """Everything stored that a candidate's search result is made from: the profile's loaded
    fields and its channels', in order (a profile from `with_channels`).

    An unchanged candidate gives the same value on every read; any edit of the profile or of a
    channel (a handle hidden, a membership added or removed) gives another, so a result kept
    under the old value is never shown again. The platforms are the data version's business
    (`platforms.cache`).
    """
    return (
        stored_values(profile, unread=SEARCH_COLUMNS),
        tuple(stored_values(channel) for channel in profile.channels),
    )


def stored_values(instance: Model, *, unread: Iterable[str] = ()) -> tuple:
    """The values of the instance's columns, in the model's field order.

    Columns in `unread` may have been left in the database; any other deferred column is an
    error, not a gap in the version: a row could show it (loaded on first use) while the
    version ignored its changes.
    """
    deferred = instance.get_deferred_fields()
    if not deferred <= set(unread):
        raise ValueError(
            f"A version of {instance!r} needs every column it shows; "
            f"not read: {', '.join(sorted(deferred))}"
        )
    return tuple(
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in deferred
    )


def candidate_filter(*, user: User | AnonymousUser, data: QueryDict | dict) -> CandidateFilter:
    """The candidate filter bound to `data`, over the profiles `user` may search."""
    return CandidateFilter(data, queryset=ExecutiveProfile.objects.candidates_for(user))


@dataclass(frozen=True)
class CandidatePage:
    """One page of results, known to have a next page without counting the whole result."""

    candidates: list[ExecutiveProfile]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.candidates else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.size + len(self.candidates)


def candidate_page(queryset: ExecutiveProfileQuerySet, *, number: int, size: int) -> CandidatePage:
    """Fetch one row more than the page holds: its presence says there is a next page.

    An exact COUNT(*) over a million filtered profiles costs more than the page itself.
    """
    offset = (number - 1) * size
    rows = list(with_channels(queryset)[offset : offset + size + 1])
    return CandidatePage(
        candidates=rows[:size], number=number, size=size, has_next=len(rows) > size
    )


def candidates_for_export(queryset: ExecutiveProfileQuerySet) -> list[ExecutiveProfile]:
    """The filtered result with its channels, capped at `export_row_limit()` rows."""
    return list(with_channels(queryset)[: export_row_limit()])


def profiles_for_detail(user: User | AnonymousUser) -> ExecutiveProfileQuerySet:
    """Profiles `user` may open, each with all its memberships and their platforms.

    Prefetched into `profile.memberships.all()`, which the outreach advice reads too.
    """
    memberships = Membership.objects.select_related("platform").order_by(
        "-preferred", "platform__name_en"
    )
    return ExecutiveProfile.objects.visible_to(user).prefetch_related(
        Prefetch("memberships", queryset=memberships)
    )
