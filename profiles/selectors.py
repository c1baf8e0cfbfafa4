"""Reads across several models for the profiles app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from profiles.models import CandidateExport, ExecutiveProfile, Membership

# --- The owner's own profile (/me/ pages) -----------------------------------------------------


def profile_of(user: User) -> ExecutiveProfile | None:
    """The user's own profile, or None (staff and recruiters may have none)."""
    return ExecutiveProfile.objects.filter(user=user).first()


def memberships_of(profile: ExecutiveProfile) -> QuerySet[Membership]:
    """A profile's memberships with their platforms, in a stable order for forms and tables."""
    return profile.memberships.select_related("platform").order_by("platform__name_en", "pk")


# --- Personal data (PIPL): what the owner gets when they ask for a copy of their data ---------

EXPORT_FORMAT_VERSION = 1

ACCOUNT_EXPORT_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "date_joined",
    "last_login",
    "is_active",
    "is_staff",
    "is_superuser",
)
PROFILE_EXPORT_FIELDS = (
    "display_name",
    "title",
    "company",
    "company_type",
    "industry",
    "city",
    "seniority",
    "speaks_chinese",
    "speaks_english",
    "abroad_experience",
    "open_to_opportunities",
    "visibility",
    "consent_at",
    "is_fictional",
    "created_at",
    "updated_at",
)
MEMBERSHIP_EXPORT_FIELDS = (
    "handle",
    "activity",
    "verified",
    "open_to_inquiries",
    "publicizes_career",
    "preferred",
    "hide_handle",
)


def _as_json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _fields(obj: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _as_json_value(getattr(obj, name)) for name in names}


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything NetworkDir holds about `user`, as JSON-ready data (PIPL art. 45: copy and port).

    Only the password hash is left out. The page and the API both serve this, so they can't
    disagree about what "all of it" means.
    """
    profile = ExecutiveProfile.objects.filter(user=user).first()
    memberships: list[dict[str, Any]] = []
    if profile is not None:
        memberships = [
            {"platform": membership.platform.slug, **_fields(membership, MEMBERSHIP_EXPORT_FIELDS)}
            for membership in memberships_of(profile)
        ]
    exports = CandidateExport.objects.filter(recruiter=user).order_by("created_at")
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            **_fields(user, ACCOUNT_EXPORT_FIELDS),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "consent_at": _as_json_value(profile.consent_at) if profile else None,
        "profile": _fields(profile, PROFILE_EXPORT_FIELDS) if profile else None,
        "memberships": memberships,
        "candidate_exports": [
            {
                "created_at": _as_json_value(export.created_at),
                "query": export.query,
                "row_count": export.row_count,
            }
            for export in exports
        ],
    }
