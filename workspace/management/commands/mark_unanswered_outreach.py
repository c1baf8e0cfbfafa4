"""`manage.py mark_unanswered_outreach`: outreaches still pending 14 days after they were sent
get "no reply", and the evidence counts them. Run it once a day, beside the digests."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from workspace.outreach_log import NO_REPLY_AFTER_DAYS, mark_unanswered


class Command(BaseCommand):
    help = (
        f"Set 'no reply' on every outreach still pending {NO_REPLY_AFTER_DAYS} days after it "
        "was sent, and count it in the evidence. Run it once a day."
    )

    def handle(self, *args, **options) -> None:
        marked = mark_unanswered()
        self.stdout.write(f"Outreaches marked 'no reply': {marked}.")
