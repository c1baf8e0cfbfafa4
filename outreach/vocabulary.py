"""The words outreach advice is asked and answered in, each defined once.

Why someone reaches out, whom they reach (company type, seniority, spoken languages), as whom
(the sender's flags) and through what (the channel ids). Plain choices, no models: the advisor
form, the recommendations API and the pure recommender read them from here, and
`profiles.models` stores a person's company type and seniority in the same choices.
"""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Purpose(TextChoices):
    BUSINESS_DEVELOPMENT = (
        "business_development",
        _("Business development: propose a deal or partnership"),
    )
    RECRUITING = "recruiting", _("Recruiting: offer them a job")
    JOB_SEARCH = "job_search", _("Job search: ask them for a job")
    PEER_NETWORKING = "peer_networking", _("Peer networking: get to know a peer")


class CompanyType(TextChoices):
    CHINESE_PRIVATE = "chinese_private", _("Chinese private company")
    STATE_OWNED = "state_owned", _("State-owned enterprise")
    MULTINATIONAL = "multinational", _("Multinational")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    FOREIGN = "foreign", _("Foreign company")


class Seniority(TextChoices):
    JUNIOR = "junior", _("Junior")
    MANAGER = "manager", _("Manager")
    DIRECTOR = "director", _("Director")
    EXECUTIVE = "executive", _("Executive")
    C_LEVEL = "c_level", _("C-level")


class Outcome(TextChoices):
    """What came of an outreach, once known: the outreach log records it (pending until then)
    and the evidence counts it. No reply is also set by itself 14 days after sending."""

    REPLIED = "replied", _("Replied")
    DECLINED = "declined", _("Declined")
    NO_REPLY = "no_reply", _("No reply")


# Staff of these firms are "used to email" and LinkedIn's core users (S2); foreign firms are
# grouped with them because the sources contrast domestic firms with everyone else.
DOMESTIC_COMPANY_TYPES = frozenset({CompanyType.CHINESE_PRIVATE, CompanyType.STATE_OWNED})

# The languages a target may speak, as the rules tell them apart.
CHINESE = "zh"
ENGLISH = "en"
LANGUAGE_CHOICES = [(CHINESE, _("Chinese")), (ENGLISH, _("English"))]

# How close the strongest link between two people is, on the scale NetworkDir's network records
# (`profiles.network_models.Closeness`: 1 acquainted, 2 know well, 3 close).
CLOSE_LINK = 3

# The sender's flags, named alike in the advisor's URL, the API body and `Sender`.
SENDER_FIELDS = ("reads_chinese", "can_verify_mainland_account", "has_mutual_contact")

# A ranked channel is one of the platforms, or one of the other ways to reach someone.
PLATFORM = "platform"
OTHER = "other"

WARM_INTRODUCTION = "warm-introduction"
EMAIL = "email"
PHONE = "phone"
IN_PERSON = "in-person"
OTHER_CHANNELS = (WARM_INTRODUCTION, EMAIL, PHONE, IN_PERSON)
OTHER_CHANNEL_NAMES = {
    WARM_INTRODUCTION: _("Warm introduction"),
    EMAIL: _("Email"),
    PHONE: _("Phone"),
    IN_PERSON: _("In person"),
}
