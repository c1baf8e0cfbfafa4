"""Generate N fictional executives with their platform memberships, fast enough for a million."""

from __future__ import annotations

import argparse
import time

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from platforms.models import Platform
from profiles.demo import DEFAULT_BATCH_SIZE, DEFAULT_SEED, generate_profiles, insert_profiles


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class ProgressBar:
    """A one-line progress bar, drawn only when output goes to a terminal."""

    WIDTH = 30

    def __init__(self, stdout: OutputWrapper, total: int) -> None:
        self.stdout = stdout
        self.total = total
        self.enabled = stdout.isatty()
        self.started = time.monotonic()

    def update(self, profiles: int, memberships: int) -> None:
        if not self.enabled:
            return
        done = profiles / self.total
        filled = round(self.WIDTH * done)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        elapsed = time.monotonic() - self.started
        self.stdout.write(
            f"\r[{bar}] {done:4.0%} {profiles:,}/{self.total:,} profiles, "
            f"{memberships:,} memberships, {elapsed:.0f}s",
            ending="",
        )
        self.stdout.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stdout.write("")


def operating_platform_ids() -> dict[str, int]:
    """The platforms demo people may be on: operating and current, never shut down."""
    platform_ids = dict(Platform.objects.operating().current().values_list("slug", "pk"))
    if not platform_ids:
        raise CommandError(
            "There are no operating platforms to put demo people on. Run load_platforms first."
        )
    return platform_ids


def generate_and_store(
    *, count: int, seed: int, batch_size: int, stdout: OutputWrapper, start: int = 0
) -> tuple[int, int, float]:
    """Generate and store `count` people; return (profiles, memberships, seconds)."""
    platform_ids = operating_platform_ids()
    people = generate_profiles(count, seed=seed, platform_slugs=list(platform_ids), start=start)
    progress = ProgressBar(stdout, count)
    started = time.monotonic()
    profiles, memberships = insert_profiles(
        people,
        count=count,
        platform_ids=platform_ids,
        batch_size=batch_size,
        on_batch=progress.update,
    )
    progress.finish()
    return profiles, memberships, time.monotonic() - started


class Command(BaseCommand):
    help = (
        "Generate N fictional executive profiles (is_fictional, no user account) with realistic "
        "platform memberships. Deterministic for a given --seed. Uses COPY on PostgreSQL."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=positive_int, required=True, help="profiles to add")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"random seed: the same seed gives the same people (default {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--batch-size",
            type=positive_int,
            default=DEFAULT_BATCH_SIZE,
            help=f"profiles per transaction (default {DEFAULT_BATCH_SIZE:,})",
        )

    def handle(self, *args, count: int, seed: int, batch_size: int, **options) -> None:
        profiles, memberships, seconds = generate_and_store(
            count=count, seed=seed, batch_size=batch_size, stdout=self.stdout
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {profiles:,} fictional profiles with {memberships:,} memberships "
                f"in {seconds:.1f}s ({profiles / max(seconds, 1e-9):,.0f} profiles/s)."
            )
        )
