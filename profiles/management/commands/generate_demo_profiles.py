"""Generate N fictional executives with their platform memberships, for demos of any size."""

from __future__ import annotations

import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from profiles.demo import DEFAULT_BATCH_SIZE, DEFAULT_SEED, NoPlatformsError, generate_and_store


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Generate N fictional executive profiles (is_fictional, no user account) with realistic "
        "platform memberships. Deterministic for a given --seed; shows a progress bar on a "
        "terminal."
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
            help=f"profiles per INSERT (default {DEFAULT_BATCH_SIZE:,})",
        )

    def handle(self, *args, count: int, seed: int, batch_size: int, **options) -> None:
        started = time.monotonic()
        try:
            profiles, memberships = generate_and_store(
                count=count, seed=seed, batch_size=batch_size, verbosity=options["verbosity"]
            )
        except NoPlatformsError as error:
            raise CommandError(error) from error
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {profiles:,} fictional profiles with {memberships:,} memberships "
                f"in {seconds:.1f}s ({profiles / max(seconds, 1e-9):,.0f} profiles/s)."
            )
        )
