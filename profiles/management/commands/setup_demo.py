"""One demo account per role and a small set of fictional profiles, for `make run`.

Idempotent: run it again and it resets the demo accounts and the demo network (profiles.demo_cast)
to their documented state and tops the fictional profiles up to --profiles, nothing more; the
fictional profiles get their generated network (profiles.demo_network) whenever people are
added. Development only: the passwords are published, so it refuses to run without DEBUG.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from profiles.demo import DEFAULT_SEED, NoPlatformsError, generate_and_store, operating_platform_ids
from profiles.demo_cast import JOURNEYS, build_cast_network, give_memberships
from profiles.demo_network import connect_fictional_people, crowd_contacts
from profiles.models import (
    Activity,
    City,
    CompanyType,
    ExecutiveProfile,
    Industry,
    Seniority,
    Visibility,
)
from profiles.services import recruiters_group

# Where `make run` serves the site unless told HOST and PORT (it passes them as --site-url).
DEFAULT_SITE_URL = "http://127.0.0.1:8000"
# The documented demo logins (README and the output of this command). Never use them in production.
DEMO_PASSWORDS = {
    "demo-executive": "executive-demo-2024",
    "demo-recruiter": "recruiter-demo-2024",
    "demo-admin": "admin-demo-2024",
    "demo-intermediary": "intermediary-demo-2024",
    "demo-target": "target-demo-2024",
    "demo-recruiter-2": "recruiter2-demo-2024",
}
RECRUITERS = ("demo-recruiter", "demo-recruiter-2")
STAFF = {"demo-admin": {"is_staff": True, "is_superuser": True}}
DEMO_EXECUTIVE_PROFILE = {
    "display_name": "Zhou Lan 周岚",
    "title": "Chief Operating Officer",
    "company": "Lanqiao Precision Components Co., Ltd.",
    "company_type": CompanyType.CHINESE_PRIVATE,
    "industry": Industry.MANUFACTURING,
    "city": City.SHANGHAI,
    "seniority": Seniority.C_LEVEL,
    "speaks_chinese": True,
    "speaks_english": True,
    "abroad_experience": False,
    "open_to_opportunities": True,
    "visibility": Visibility.RECRUITERS,
    "is_fictional": True,
}
# (platform slug, membership fields): skipped when the platform is missing or shut down.
DEMO_EXECUTIVE_MEMBERSHIPS = (
    (
        "weibo",
        {
            "handle": "demo-zhoulan-weibo",
            "activity": Activity.DAILY,
            "verified": True,
            "open_to_inquiries": True,
            "publicizes_career": True,
            "preferred": True,
        },
    ),
    (
        "wechat",
        {"handle": "demo-zhoulan-wx", "activity": Activity.DAILY, "hide_handle": True},
    ),
    (
        "maimai",
        {"handle": "demo-zhoulan-maimai", "activity": Activity.WEEKLY, "verified": True},
    ),
    (
        "linkedin",
        {
            "handle": "demo-zhoulan-linkedin",
            "activity": Activity.RARELY,
            "open_to_inquiries": True,
            "publicizes_career": True,
        },
    ),
)


class Command(BaseCommand):
    help = (
        "Create the demo accounts (demo-executive, demo-recruiter, demo-admin, and the network's "
        "demo-intermediary, demo-target, demo-recruiter-2) with their documented passwords, "
        "their demo network, and top the fictional profiles up to --profiles. Idempotent; "
        "development only (needs DEBUG=1)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--profiles", type=int, default=300, help="fictional profiles to have (default 300)"
        )
        parser.add_argument(
            "--site-url",
            default=DEFAULT_SITE_URL,
            help=f"where the site is served, for the login address (default {DEFAULT_SITE_URL})",
        )

    def handle(self, *args, profiles: int, site_url: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "setup_demo creates accounts with published passwords: run it only with DEBUG=1."
            )
        if profiles < 0:
            raise CommandError("--profiles cannot be negative.")
        if not site_url.startswith(("http://", "https://")):
            raise CommandError("--site-url must start with http:// or https://.")
        try:
            operating_platform_ids()  # fails early, with advice, when no platforms are loaded
        except NoPlatformsError as error:
            raise CommandError(error) from error
        with transaction.atomic():
            users = self.create_accounts()
        added = self.top_up_profiles(profiles, verbosity=options["verbosity"])
        self.connect_people(users, crowd_changed=added > 0)
        self.print_logins(site_url.rstrip("/"))

    def create_accounts(self) -> dict[str, User]:
        """Every demo login, by username, reset to its password and role."""
        users = {
            username: self.demo_user(username, **STAFF.get(username, {}))
            for username in DEMO_PASSWORDS
        }
        profile, _created = ExecutiveProfile.objects.update_or_create(
            user=users["demo-executive"],
            defaults=DEMO_EXECUTIVE_PROFILE,
            create_defaults={**DEMO_EXECUTIVE_PROFILE, "consent_at": timezone.now()},
        )
        give_memberships(profile, DEMO_EXECUTIVE_MEMBERSHIPS)
        for username in RECRUITERS:
            users[username].groups.add(recruiters_group())
        return users

    def demo_user(self, username: str, **flags: bool) -> User:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@networkdir.example"}
        )
        for name, value in flags.items():
            setattr(user, name, value)
        user.is_active = True
        user.set_password(DEMO_PASSWORDS[username])
        user.save()
        return user

    def top_up_profiles(self, wanted: int, *, verbosity: int) -> int:
        """Add the fictional profiles missing to make `wanted`; return how many were added."""
        existing = ExecutiveProfile.objects.filter(is_fictional=True, user__isnull=True).count()
        missing = wanted - existing
        if missing <= 0:
            self.stdout.write(f"Fictional profiles: {existing:,} already there.")
            return 0
        # Continue the seeded sequence where the existing ones stop, so nobody is repeated.
        started = time.monotonic()
        added, memberships = generate_and_store(
            count=missing, seed=DEFAULT_SEED, start=existing, verbosity=verbosity
        )
        self.stdout.write(
            f"Fictional profiles: added {added:,} with {memberships:,} memberships "
            f"in {time.monotonic() - started:.1f}s ({existing + added:,} in all)."
        )
        return added

    def connect_people(self, users: dict[str, User], *, crowd_changed: bool) -> None:
        """The generated people's network (again, if people were added), then the cast's."""
        if crowd_changed or not crowd_contacts().exists():
            rows = connect_fictional_people()
            self.stdout.write(f"Fictional network: {rows // 2:,} connections.")
        build_cast_network(users)

    def print_logins(self, site_url: str) -> None:
        login_url = reverse("login")
        rows = [
            ("executive", "demo-executive", "owns the fictional profile of Zhou Lan 周岚"),
            ("recruiter", "demo-recruiter", "in the Recruiters group: searches candidates"),
            ("admin", "demo-admin", "staff superuser: Django admin at /admin/"),
            ("executive", "demo-intermediary", "Li Wei 李伟: Zhou Lan's former colleague"),
            ("executive", "demo-target", "Chen Jing 陈静: Li Wei's client, to be introduced to"),
            (
                "recruiter",
                "demo-recruiter-2",
                "Gao Yan 高岩 (private profile): demo-recruiter's team",
            ),
        ]
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (development only, do not reuse):"))
        self.stdout.write(f"  {'role':<10} {'username':<18} {'password':<22} what for")
        for role, username, purpose in rows:
            self.stdout.write(
                f"  {role:<10} {username:<18} {DEMO_PASSWORDS[username]:<22} {purpose}"
            )
        self.stdout.write(f"Log in at {site_url}{login_url}")
        self.stdout.write(self.style.SUCCESS("Try the network:"))
        for username, journey in JOURNEYS:
            self.stdout.write(f"  {username:<18} {journey}")
        self.stdout.write("")
