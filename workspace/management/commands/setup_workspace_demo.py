"""`manage.py setup_workspace_demo`: the workspace's part of `make run`'s demo, after
`setup_demo` (profiles can't know about the workspace): a fictional outreach history, so the
advice on the demo people shows observed reply rates, and a project under way for the demo
recruiter."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from workspace.demo_outreach import DEMO_RECRUITERS, store_demo_history
from workspace.demo_project import store_demo_project


class Command(BaseCommand):
    help = (
        "Make (or make again) a fictional outreach history: fictional recruiters without a "
        "login, a project each, outreaches to fictional people with their outcomes, and the "
        "evidence summed from them; and a project under way for demo-recruiter. Development "
        "only (needs DEBUG=1); run after setup_demo."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("setup_workspace_demo makes demo data: run it only with DEBUG=1.")
        made = store_demo_history(today=timezone.localdate())
        self.stdout.write(
            f"Fictional outreach history: {made:,} outreaches by {DEMO_RECRUITERS} fictional "
            "recruiters; the advice on the demo people shows what they observed."
        )
        project = store_demo_project()
        if project is not None:
            self.stdout.write(
                f"demo-recruiter's project “{project.name}”: {project.candidates.count()} "
                "candidates at several stages, shared with demo-recruiter-2."
            )
