"""The words a platform's traits are rated in, defined once for the models and the outreach advice.

Plain choices, no models: `platforms.models` stores them and `outreach` reads them without
touching the database. Unknown stays unknown: every rated trait has an explicit "unknown".
"""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Kind(TextChoices):
    MICROBLOG = "microblog", _("Microblog")
    MESSAGING = "messaging", _("Messaging")
    PROFESSIONAL_NETWORK = "professional_network", _("Professional network")
    RECRUITING = "recruiting", _("Recruiting")
    CONTACTS = "contacts", _("Contacts network")
    MEETINGS = "meetings", _("Meetings")


class Status(TextChoices):
    ACTIVE = "active", _("Active")
    RESTRICTED = "restricted", _("Restricted in China")
    DECLINING = "declining", _("Declining")
    SHUT_DOWN = "shut_down", _("Shut down")
    UNKNOWN = "unknown", _("Unknown")


class Verification(TextChoices):
    NONE = "none", _("None")
    OPTIONAL = "optional", _("Optional")
    REQUIRED = "required", _("Required")
    UNKNOWN = "unknown", _("Unknown")


class Level(TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    UNKNOWN = "unknown", _("Unknown")


class ColdMessaging(TextChoices):
    YES = "yes", _("Yes")
    LIMITED = "limited", _("Limited")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class Availability(TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class Ease(TextChoices):
    EASY = "easy", _("Easy")
    MODERATE = "moderate", _("Moderate")
    HARD = "hard", _("Hard")
    UNKNOWN = "unknown", _("Unknown")
