"""`manage.py load_platforms`: load the canonical platform data file; see platforms/loader.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from platforms.loader import DEFAULT_DATA_FILE, PlatformDataError, load_platforms


class Command(BaseCommand):
    help = (
        "Load the canonical platform data (languages, sources, platforms, citations, user counts "
        "and status events) from a YAML file, in one transaction, matching by slug and natural "
        "keys; running it again changes nothing. Edit rule: a platform an admin edited since the "
        "last load (its values no longer match the fingerprint the loader stored) keeps the "
        "admin's values and is reported as 'kept admin edits on <slug>'; missing rows are still "
        "added, and rows an admin added are never deleted. --force makes the file win."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_DATA_FILE,
            help=f"The data file to load (default: {DEFAULT_DATA_FILE}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite admin edits with the file's values (rows are still never deleted).",
        )

    def handle(self, *args, file: Path, force: bool, **options) -> None:
        try:
            summary = load_platforms(path=file, force=force)
        except PlatformDataError as error:
            raise CommandError(f"{file}: {error}. Nothing was loaded.") from error
        for line in summary.lines():
            self.stdout.write(line)
