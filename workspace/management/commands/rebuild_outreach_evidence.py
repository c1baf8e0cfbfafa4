"""`manage.py rebuild_outreach_evidence`: repair the evidence table by summing every outreach
log again. Normal running never needs it: each outcome moves the sums as it is recorded."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from workspace.outreach_log import rebuild_evidence


class Command(BaseCommand):
    help = (
        "Replace the observed outreach outcomes with sums over every outreach log (one GROUP "
        "BY), for repair, e.g. after restoring logs from a backup."
    )

    def handle(self, *args, **options) -> None:
        rows = rebuild_evidence()
        self.stdout.write(f"Evidence rebuilt from the outreach logs: {rows} rows.")
