"""Version tags of the rows an owner edits: what an API ETag carries and a form's hidden field.

A tag is a digest of the row's own columns, so it changes with every change the owner could
read (a strong validator, RFC 9110 §8.8.1) and stays the same while nothing changed. A writer
that sends the tag it read is refused (`core.writes.StaleVersion`) when the row moved on since.
"""

from __future__ import annotations

from core.writes import version_tag
from profiles.fields import MEMBERSHIP_SETTING_FIELDS, PROFILE_EXPORT_FIELDS
from profiles.models import ExecutiveProfile, Membership

# Every column the owner reads back; `updated_at` alone would do for a profile, but memberships
# have no such column, so both are digested the same way.
VERSIONED_COLUMNS: dict[type, tuple[str, ...]] = {
    ExecutiveProfile: ("id", *PROFILE_EXPORT_FIELDS),
    Membership: ("id", "profile_id", "platform_id", *MEMBERSHIP_SETTING_FIELDS),
}


def version_of(row: ExecutiveProfile | Membership) -> str:
    """The row's version tag, as it is in memory (read it from the database to compare)."""
    return version_tag([getattr(row, column) for column in VERSIONED_COLUMNS[type(row)]])
