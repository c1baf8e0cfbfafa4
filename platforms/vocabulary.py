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


class OperatingState(TextChoices):
    """Whether a platform is still operating, in the words every page, filter, form, the advice
    and the API use for it; `operating_state()` decides it."""

    OPERATING = "operating", _("Still operating")
    STATUS_UNKNOWN = "status_unknown", _("Status unknown")
    HISTORICAL = "historical", _("Historical")


# Offered for new memberships, searches and advice, in this order: a platform whose status is
# unknown comes after every platform known to operate.
OFFERED_STATES = (OperatingState.OPERATING, OperatingState.STATUS_UNKNOWN)


def operating_state(status: str, historical: bool) -> OperatingState:
    """The one rule of "still operating": a platform that shut down or that the data keeps only
    for the record (historical) is history, never offered for a new membership or advice; one
    whose status no source gives is offered, last, and never called operating.

    `platforms.models.operating_q` is the same rule in SQL (a test holds them together).
    """
    if historical or status == Status.SHUT_DOWN:
        return OperatingState.HISTORICAL
    if status == Status.UNKNOWN:
        return OperatingState.STATUS_UNKNOWN
    return OperatingState.OPERATING


def offered_name(name: str, state: OperatingState) -> str:
    """A platform's name where it is offered as a choice: one whose status is unknown says so,
    so it never passes for operating."""
    if state == OperatingState.STATUS_UNKNOWN:
        return str(_("%(name)s (status unknown)") % {"name": name})
    return name


def offer_key(state: OperatingState, name_en: str) -> tuple[int, str]:
    """Sorts offered platforms as they are offered; `platforms.models.offer_order` in SQL."""
    return (OFFERED_STATES.index(state), name_en)


# The rated traits of how a platform reaches people: each cited, each read by the outreach
# advice. The loader, the admin, the API and the recommender's catalog all list them from here.
OUTREACH_TRAITS = (
    "real_name_verification",
    "email_reliance",
    "cold_messaging",
    "anonymous_posting",
    "reach_beyond_china",
    "ease_for_foreigners",
)


def must_be_historical(status: str, historical: bool) -> bool:
    """A platform that has shut down is historical; one that is not marked so breaks that."""
    return status == Status.SHUT_DOWN and not historical
