"""`manage.py send_saved_search_digests`: the daily digest of saved searches, run by a scheduler
once a day (cron, a systemd timer, Kubernetes' CronJob)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from workspace.digests import send_digests


class Command(BaseCommand):
    help = (
        "Email each recruiter with a saved search's daily digest on one message listing the new "
        "matches of those searches, through the configured email backend (the console unless "
        "EMAIL_BACKEND is set). Run it once a day."
    )

    def handle(self, *args, **options) -> None:
        run = send_digests()
        self.stdout.write(
            f"Saved search digests: {run.sent} sent, {run.nothing_new} with nothing new."
        )
