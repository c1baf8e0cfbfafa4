"""The words outreach advice is asked and answered in, each defined once.

Why someone reaches out, whom they reach (company type, seniority, industry, city, spoken
languages, presence on each platform), as whom (the sender's flags) and through what (the
channel ids). Plain choices, no models: the advisor form, the recommendations API and the pure
recommender read them from here, and `profiles.models` stores a person's company type,
seniority, industry and city in the same choices (it re-exports them), so a target described on
the advisor and a profile speak one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from core.language import reads_chinese


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


class Industry(TextChoices):
    FINANCE = "finance", _("Finance")
    TECHNOLOGY = "technology", _("Technology")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSUMER = "consumer", _("Consumer goods and retail")
    HEALTHCARE = "healthcare", _("Healthcare and life sciences")
    ENERGY = "energy", _("Energy and resources")
    REAL_ESTATE = "real_estate", _("Real estate and construction")
    LOGISTICS = "logistics", _("Logistics and transport")
    PROFESSIONAL_SERVICES = "professional_services", _("Professional services")
    EDUCATION = "education", _("Education")
    MEDIA = "media", _("Media and entertainment")
    PUBLIC_SECTOR = "public_sector", _("Public sector")


class City(TextChoices):
    BEIJING = "beijing", _("Beijing")
    SHANGHAI = "shanghai", _("Shanghai")
    SHENZHEN = "shenzhen", _("Shenzhen")
    GUANGZHOU = "guangzhou", _("Guangzhou")
    HANGZHOU = "hangzhou", _("Hangzhou")
    SUZHOU = "suzhou", _("Suzhou")
    NANJING = "nanjing", _("Nanjing")
    CHENGDU = "chengdu", _("Chengdu")
    WUHAN = "wuhan", _("Wuhan")
    TIANJIN = "tianjin", _("Tianjin")
    CHONGQING = "chongqing", _("Chongqing")
    XIAN = "xian", _("Xi'an")
    XIAMEN = "xiamen", _("Xiamen")
    QINGDAO = "qingdao", _("Qingdao")
    DALIAN = "dalian", _("Dalian")
    HONG_KONG = "hong_kong", _("Hong Kong")
    TAIPEI = "taipei", _("Taipei")
    SINGAPORE = "singapore", _("Singapore")
    OTHER = "other", _("Other")


class Presence(TextChoices):
    """Whether the target is on a platform. Whoever asks may not know: unknown counts neither
    for nor against, and the advice says what finding out would change."""

    ON_IT = "on_it", _("On it")
    NOT_ON_IT = "not_on_it", _("Not on it")
    UNKNOWN = "unknown", _("Don't know")


# The target's settings on a platform the rules read (`inputs.TargetMembership`), each
# yes, no or unknown.
MEMBERSHIP_FLAGS = ("active", "open_to_inquiries", "publicizes_career", "verified", "preferred")

# The longest role or title a target is described by, as a profile's title.
TITLE_MAX_LENGTH = 150


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
# The query parameters that set the advice beside a search's results: who asks, and why.
OUTREACH_PARAMETERS = ("purpose", *SENDER_FIELDS)

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


@dataclass(frozen=True, slots=True)
class PlatformName:
    """A platform's name in both languages; shows the Chinese one in a Chinese UI."""

    en: str
    zh: str = ""

    def __str__(self) -> str:
        if self.zh and reads_chinese():
            return self.zh
        return self.en
