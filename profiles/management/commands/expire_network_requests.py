"""Flip network requests past their expiry to EXPIRED, for a scheduler (cron, a systemd timer).

Pages and the API already treat a stale request as expired; this keeps the stored statuses true
for the admin and the data export. Safe to run at any time and as often as wanted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.management.base import BaseCommand
from django.utils import timezone

from profiles.connections import expire_stale_requests
from profiles.introductions import expire_stale_introductions

# What this command expires: a name for its report and a function that flips everything of its
# kind that is stale at a given moment, returning how many. Another kind is one more entry.
EXPIRERS: list[tuple[str, Callable[..., int]]] = [
    ("connection requests", expire_stale_requests),
    ("introductions", expire_stale_introductions),
]


class Command(BaseCommand):
    help = (
        "Mark connection requests and introductions past their expiry as expired. "
        "Run it daily from a scheduler."
    )

    def handle(self, *args, **options) -> None:
        now: datetime.datetime = timezone.now()
        for name, expire in EXPIRERS:
            count = expire(now=now)
            self.stdout.write(f"Expired {count} {name}.")
