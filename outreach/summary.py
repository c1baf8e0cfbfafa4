"""The question the advice answers, said back in one sentence.

"CFO at a Chinese private company in manufacturing, in Suzhou, reached by someone who doesn't
read Chinese, for business development." Shown above the ranked channels (and in the API's
answer), so whoever asks can check at a glance that the advice is for the person they meant.
Each variant is one whole sentence to translate, so the Chinese can put the city first.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from outreach.inputs import Sender, Target
from outreach.vocabulary import City, CompanyType, Industry, Purpose, Seniority

# Whom, where no title is given: a role in a sentence, not a seniority in a list.
ROLES: Mapping[str, Promise] = MappingProxyType(
    {
        Seniority.JUNIOR: pgettext_lazy("target's role", "Junior employee"),
        Seniority.MANAGER: pgettext_lazy("target's role", "Manager"),
        Seniority.DIRECTOR: pgettext_lazy("target's role", "Director"),
        Seniority.EXECUTIVE: pgettext_lazy("target's role", "Executive"),
        Seniority.C_LEVEL: pgettext_lazy("target's role", "C-level executive"),
    }
)
COMPANIES: Mapping[str, Promise] = MappingProxyType(
    {
        CompanyType.CHINESE_PRIVATE: _("a Chinese private company"),
        CompanyType.STATE_OWNED: _("a state-owned enterprise"),
        CompanyType.MULTINATIONAL: _("a multinational"),
        CompanyType.JOINT_VENTURE: _("a joint venture"),
        CompanyType.FOREIGN: _("a foreign company"),
    }
)
PURPOSES: Mapping[str, Promise] = MappingProxyType(
    {
        Purpose.BUSINESS_DEVELOPMENT: _("business development"),
        Purpose.RECRUITING: _("recruiting"),
        Purpose.JOB_SEARCH: _("a job search"),
        Purpose.PEER_NETWORKING: _("peer networking"),
    }
)
# By (whether they name the industry, whether they name the city).
WHOM: Mapping[tuple[bool, bool], Promise] = MappingProxyType(
    {
        (False, False): _("%(role)s at %(company)s"),
        (False, True): _("%(role)s at %(company)s in %(city)s"),
        (True, False): _("%(role)s at %(company)s in %(industry)s"),
        (True, True): _("%(role)s at %(company)s in %(industry)s, in %(city)s"),
    }
)
# By (the sender reads Chinese, the sender has a mutual contact).
SENDERS: Mapping[tuple[bool, bool], Promise] = MappingProxyType(
    {
        (False, False): _("someone who doesn't read Chinese"),
        (True, False): _("someone who reads Chinese"),
        (False, True): _("someone who doesn't read Chinese, through someone you both know"),
        (True, True): _("someone who reads Chinese, through someone you both know"),
    }
)


def whom(target: Target) -> str:
    """The target in a phrase: their title (or seniority), company type, industry and city."""
    city, industry = target.city, target.industry
    phrase = str(WHOM[bool(industry), bool(city)]) % {
        "role": target.title or ROLES[target.seniority],
        "company": COMPANIES[target.company_type],
        # Lowercase mid-sentence in English; Chinese has no case.
        "industry": str(Industry(industry).label).lower() if industry else "",
        "city": City(city).label if city else "",
    }
    return phrase[:1].upper() + phrase[1:]


def describe(*, purpose: Purpose | str, target: Target, sender: Sender) -> str:
    """The whole question in one sentence, in the active language."""
    return gettext("%(whom)s, reached by %(sender)s, for %(purpose)s.") % {
        "whom": whom(target),
        "sender": SENDERS[sender.reads_chinese, sender.has_mutual_contact],
        "purpose": PURPOSES[Purpose(purpose)],
    }
