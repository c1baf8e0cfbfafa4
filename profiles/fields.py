"""The fields of a profile and of a membership, declared once, in the order people see them.

The owner's forms, the API's serializers, the personal data export, the admin and the demo
generator all take their fields from here, so a new profile field is added in the model and in
this module, and nowhere else.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# What an owner says about themselves, in sections as the admin groups them.
PROFILE_SECTIONS: tuple[tuple[str | Promise | None, tuple[str, ...]], ...] = (
    (None, ("display_name",)),
    (_("Work"), ("title", "company", "company_type", "industry", "city", "seniority")),
    (_("Languages and experience"), ("speaks_chinese", "speaks_english", "abroad_experience")),
    (_("Privacy"), ("open_to_opportunities", "visibility")),
    (_("Introductions"), ("accepts_introductions",)),
)
# Everything the owner edits, in the order of every form.
PROFILE_FIELDS = tuple(name for _title, names in PROFILE_SECTIONS for name in names)
# What a new profile asks for: it starts private and open to introduction requests, so who may
# see it, and whether others may ask the owner for introductions, are chosen later.
CHOSEN_LATER = ("visibility", "accepts_introductions")
PROFILE_DETAIL_FIELDS = tuple(name for name in PROFILE_FIELDS if name not in CHOSEN_LATER)
# What the site records about the profile itself; the owner reads these, never writes them.
PROFILE_RECORD_FIELDS = ("consent_at", "is_fictional", "created_at", "updated_at")
# Whether others may ask the owner for introductions, and when they last read theirs; each
# field once in the export, wherever else it is listed.
PROFILE_NETWORK_FIELDS = ("accepts_introductions", "introductions_seen_at")
PROFILE_EXPORT_FIELDS = tuple(
    dict.fromkeys((*PROFILE_FIELDS, *PROFILE_RECORD_FIELDS, *PROFILE_NETWORK_FIELDS))
)

# How the owner wants to be reached on one platform; the platform itself is chosen once.
MEMBERSHIP_SETTING_FIELDS = (
    "handle",
    "activity",
    "verified",
    "open_to_inquiries",
    "publicizes_career",
    "preferred",
    "hide_handle",
)
MEMBERSHIP_FIELDS = ("platform", *MEMBERSHIP_SETTING_FIELDS)

# The account's own fields in the personal data export; the password hash stays out.
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
CANDIDATE_EXPORT_FIELDS = ("created_at", "query", "row_count")
