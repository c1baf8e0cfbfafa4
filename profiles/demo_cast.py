"""The demo's named people and whom they know, so that `make run`'s logins show every network
journey at once: paths of the second and third degree, a request to accept, an introduction to
pass on and to accept, and a recruiter team whose paths run through a teammate.

Everyone here is fictional (`is_fictional`, labelled so on their pages). Each has an account,
as everyone who connects does; only the logins in `setup_demo.DEMO_PASSWORDS` can be used, the
others have no usable password. Their network is reset to this description on every run, and
each is also linked to a few generated people of their city and industry, so that searches
"reachable through my network" find more than the cast.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from platforms.models import Platform
from profiles.models import (
    Activity,
    City,
    Closeness,
    CompanyType,
    ConnectionRequest,
    Contact,
    ExecutiveProfile,
    Industry,
    Introduction,
    Membership,
    RecruiterTeam,
    RecruiterTeamMembership,
    Relationship,
    Seniority,
    Visibility,
    Willingness,
)

TEAM_NAME = "Bluepeak Search (demo)"
TEAM_LOGINS = ("demo-recruiter", "demo-recruiter-2")
# How many generated people of their city and industry each cast member knows.
CROWD_CONTACTS = 4
CROWD_RELATIONSHIPS = (Relationship.FORMER_COLLEAGUE, Relationship.CLIENT_OR_PARTNER)
REQUEST_LIFETIME = datetime.timedelta(days=30)


# A platform's slug and the membership's fields there.
DemoPlatform = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class CastMember:
    """A named demo person: their account's username, their profile's fields and the platforms
    they are on."""

    username: str
    profile: dict[str, Any]
    memberships: tuple[DemoPlatform, ...] = ()


def give_memberships(profile: ExecutiveProfile, memberships: tuple[DemoPlatform, ...]) -> None:
    """Put `profile` on each platform with the fields given, where the platform still operates."""
    platforms = Platform.objects.operating().in_bulk(
        [slug for slug, _fields in memberships], field_name="slug"
    )
    for slug, fields in memberships:
        if slug in platforms:
            Membership.objects.update_or_create(
                profile=profile, platform=platforms[slug], defaults=fields
            )


def _person(
    name: str,
    title: str,
    company: str,
    company_type: str,
    industry: str,
    city: str,
    seniority: str,
    visibility: str = Visibility.PUBLIC,
) -> dict[str, Any]:
    return {
        "display_name": name,
        "title": title,
        "company": company,
        "company_type": company_type,
        "industry": industry,
        "city": city,
        "seniority": seniority,
        "speaks_chinese": True,
        "speaks_english": True,
        "visibility": visibility,
        "is_fictional": True,
    }


# The executive login's own profile (Zhou Lan) is setup_demo's; these are the people around her.
CAST = (
    CastMember(
        "demo-intermediary",
        _person(
            "Li Wei 李伟",
            "Chief Financial Officer",
            "Songyue Capital Co., Ltd.",
            CompanyType.CHINESE_PRIVATE,
            Industry.FINANCE,
            City.SHANGHAI,
            Seniority.C_LEVEL,
        ),
        (("maimai", {"handle": "demo-liwei-maimai", "activity": Activity.WEEKLY}),),
    ),
    CastMember(
        "demo-target",
        _person(
            "Chen Jing 陈静",
            "Head of Sales, Greater China",
            "Northwind Semiconductor (China)",
            CompanyType.MULTINATIONAL,
            Industry.TECHNOLOGY,
            City.SHENZHEN,
            Seniority.EXECUTIVE,
        ),
        # One handle hidden from recruiters, which she may still choose for an introduction.
        (
            ("linkedin", {"handle": "demo-chenjing-linkedin", "activity": Activity.WEEKLY}),
            (
                "wechat",
                {"handle": "demo-chenjing-wx", "activity": Activity.DAILY, "hide_handle": True},
            ),
        ),
    ),
    CastMember(
        "demo-recruiter-2",
        _person(
            "Gao Yan 高岩",
            "Director of Talent",
            "Alder & Finch Consulting Ltd.",
            CompanyType.FOREIGN,
            Industry.PROFESSIONAL_SERVICES,
            City.BEIJING,
            Seniority.DIRECTOR,
            visibility=Visibility.PRIVATE,
        ),
    ),
    CastMember(
        "demo-cast-wangmin",
        _person(
            "Wang Min 王敏",
            "Marketing Director",
            "Lanqiao Precision Components Co., Ltd.",
            CompanyType.CHINESE_PRIVATE,
            Industry.MANUFACTURING,
            City.SHANGHAI,
            Seniority.DIRECTOR,
        ),
    ),
    CastMember(
        "demo-cast-emily",
        _person(
            "Emily Carter",
            "General Manager",
            "Halvorsen Machinery (China)",
            CompanyType.MULTINATIONAL,
            Industry.MANUFACTURING,
            City.SUZHOU,
            Seniority.EXECUTIVE,
        ),
    ),
    CastMember(
        "demo-cast-xuhaoran",
        _person(
            "Xu Haoran 徐浩然",
            "Chief Technology Officer",
            "Qiaoxin Cloud Systems Co., Ltd.",
            CompanyType.CHINESE_PRIVATE,
            Industry.TECHNOLOGY,
            City.HANGZHOU,
            Seniority.C_LEVEL,
        ),
    ),
    CastMember(
        "demo-cast-liangsiyuan",
        _person(
            "Liang Siyuan 梁思远",
            "Chief Financial Officer",
            "Moshan New Energy Group",
            CompanyType.STATE_OWNED,
            Industry.ENERGY,
            City.CHENGDU,
            Seniority.C_LEVEL,
        ),
    ),
    CastMember(
        "demo-cast-huangyutong",
        _person(
            "Huang Yutong 黄雨桐",
            "Chief Human Resources Officer",
            "Yunzhou Health Co., Ltd.",
            CompanyType.CHINESE_PRIVATE,
            Industry.HEALTHCARE,
            City.GUANGZHOU,
            Seniority.C_LEVEL,
            visibility=Visibility.RECRUITERS,
        ),
    ),
    CastMember(
        "demo-cast-suntao",
        _person(
            "Sun Tao 孙涛",
            "Vice President, Strategy",
            "Beiling Logistics Group",
            CompanyType.STATE_OWNED,
            Industry.LOGISTICS,
            City.TIANJIN,
            Seniority.EXECUTIVE,
        ),
    ),
)


class Link(NamedTuple):
    """Two cast members who know each other (by username): how, how well, and whether each
    would introduce the other."""

    first: str
    second: str
    relationship: str
    closeness: int
    first_willing: str = Willingness.WILLING
    second_willing: str = Willingness.WILLING


ASK = Willingness.ASK
LINKS = (
    Link("demo-executive", "demo-intermediary", Relationship.FORMER_COLLEAGUE, Closeness.KNOW_WELL),
    Link("demo-executive", "demo-cast-wangmin", Relationship.COLLEAGUE, Closeness.CLOSE),
    Link("demo-intermediary", "demo-target", Relationship.CLIENT_OR_PARTNER, Closeness.CLOSE),
    Link(
        "demo-target",
        "demo-cast-xuhaoran",
        Relationship.CLASSMATE,
        Closeness.CLOSE,
        second_willing=ASK,
    ),
    Link(
        "demo-cast-wangmin",
        "demo-cast-emily",
        Relationship.CLIENT_OR_PARTNER,
        Closeness.KNOW_WELL,
        second_willing=ASK,
    ),
    Link(
        "demo-cast-emily",
        "demo-cast-liangsiyuan",
        Relationship.MET_AT_EVENT,
        Closeness.ACQUAINTED,
        ASK,
        ASK,
    ),
    Link("demo-recruiter-2", "demo-cast-huangyutong", Relationship.CLASSMATE, Closeness.CLOSE),
    Link(
        "demo-recruiter-2",
        "demo-intermediary",
        Relationship.CLIENT_OR_PARTNER,
        Closeness.KNOW_WELL,
        second_willing=ASK,
    ),
    Link(
        "demo-recruiter-2",
        "demo-cast-liangsiyuan",
        Relationship.CLIENT_OR_PARTNER,
        Closeness.KNOW_WELL,
        second_willing=ASK,
    ),
    Link(
        "demo-cast-huangyutong",
        "demo-cast-xuhaoran",
        Relationship.FRIEND_OR_FAMILY,
        Closeness.KNOW_WELL,
        ASK,
    ),
)
# A request waiting for the executive login to accept.
PENDING_REQUEST = {
    "sender": "demo-cast-suntao",
    "recipient": "demo-executive",
    "relationship": Relationship.MET_AT_EVENT,
    "closeness": Closeness.ACQUAINTED,
    "message": "We met at the Shanghai manufacturing forum in May: I'd be glad to stay in touch.",
}
# What to try, and as whom: printed by setup_demo under the logins.
JOURNEYS = (
    (
        "demo-executive",
        "open Chen Jing 陈静 (2nd degree, via Li Wei) and Xu Haoran 徐浩然 (3rd degree); "
        "accept Sun Tao's request to connect",
    ),
    ("demo-intermediary", "Li Wei: pass on the introductions demo-executive asks him for"),
    ("demo-target", "Chen Jing: accept an introduction and choose how to be reached"),
    ("demo-recruiter", 'candidate search "reachable through my team" (teammate: demo-recruiter-2)'),
)


def _cast_profiles(users: dict[str, User]) -> dict[str, ExecutiveProfile]:
    """Each cast member's account and profile, created or reset to the description."""
    profiles = {}
    for member in CAST:
        user = users.get(member.username)
        if user is None:
            user, _created = User.objects.get_or_create(
                username=member.username,
                defaults={"email": f"{member.username}@networkdir.example"},
            )
            user.set_unusable_password()
            user.save()
        profile, _created = ExecutiveProfile.objects.update_or_create(
            user=user,
            defaults=member.profile,
            create_defaults={**member.profile, "consent_at": timezone.now()},
        )
        give_memberships(profile, member.memberships)
        profiles[member.username] = profile
    return profiles


def _crowd_contacts(profile: ExecutiveProfile) -> list[Contact]:
    """Both rows of the cast member's links to a few generated people of their city and
    industry (or, failing those, their city)."""
    crowd = ExecutiveProfile.objects.filter(is_fictional=True, user__isnull=True)
    near = list(
        crowd.filter(city=profile.city, industry=profile.industry).order_by("pk")[:CROWD_CONTACTS]
    )
    if len(near) < CROWD_CONTACTS:
        near += (
            crowd.filter(city=profile.city)
            .exclude(pk__in=[p.pk for p in near])
            .order_by("pk")[: CROWD_CONTACTS - len(near)]
        )
    return [
        Contact(
            owner=owner,
            other=other,
            relationship=CROWD_RELATIONSHIPS[index % len(CROWD_RELATIONSHIPS)],
            closeness=Closeness.KNOW_WELL,
            willingness=Willingness.ASK,
        )
        for index, person in enumerate(near)
        for owner, other in ((profile, person), (person, profile))
    ]


@transaction.atomic
def build_cast_network(users: dict[str, User]) -> None:
    """Create or reset the cast, their connections, the pending request and the recruiter team.

    `users` are the demo logins by username (setup_demo made them); the executive login's
    profile exists already.
    """
    profiles = _cast_profiles(users)
    profiles["demo-executive"] = users["demo-executive"].executive_profile
    everyone = list(profiles.values())
    Contact.objects.filter(Q(owner__in=everyone) | Q(other__in=everyone)).delete()
    ConnectionRequest.objects.filter(Q(sender__in=everyone) | Q(recipient__in=everyone)).delete()
    Introduction.objects.filter(
        Q(requester__in=everyone)
        | Q(intermediary__in=everyone)
        | Q(second_intermediary__in=everyone)
        | Q(target__in=everyone)
    ).delete()
    contacts = [
        Contact(
            owner=profiles[owner],
            other=profiles[other],
            relationship=link.relationship,
            closeness=link.closeness,
            willingness=willingness,
        )
        for link in LINKS
        for owner, other, willingness in (
            (link.first, link.second, link.first_willing),
            (link.second, link.first, link.second_willing),
        )
    ]
    for profile in everyone:
        contacts += _crowd_contacts(profile)
    Contact.objects.bulk_create(contacts)
    ConnectionRequest.objects.create(
        **{
            **PENDING_REQUEST,
            "sender": profiles[PENDING_REQUEST["sender"]],
            "recipient": profiles[PENDING_REQUEST["recipient"]],
        },
        expires_at=timezone.now() + REQUEST_LIFETIME,
    )
    team, _created = RecruiterTeam.objects.get_or_create(name=TEAM_NAME)
    for username in TEAM_LOGINS:
        RecruiterTeamMembership.objects.update_or_create(
            user=users[username], defaults={"team": team}
        )
