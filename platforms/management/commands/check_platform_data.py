"""`manage.py check_platform_data`: hold the platform data to its rules; see platforms/checks.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from platforms import checks
from platforms.loader import DEFAULT_DATA_FILE, PlatformDataError, read_platform_data


class Command(BaseCommand):
    help = (
        "Check the platform data against its rules: every figure sourced and dated, every known "
        "trait cited, each status following its timeline, shut-down platforms historical, stale "
        "figures noted, every source dated. Checks the data file (default) or, with --database, "
        "the database, so an admin's edit can be checked too. Each problem names the platform "
        "(or source) and the field; the command fails when there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group()
        target.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_DATA_FILE,
            help=f"The data file to check (default: {DEFAULT_DATA_FILE}).",
        )
        target.add_argument(
            "--database",
            action="store_true",
            help="Check the platform data in the database instead of a file.",
        )

    def handle(self, *args, file: Path, database: bool, **options) -> None:
        if database:
            checked, data = "the database", checks.records_from_database()
        else:
            checked = str(file)
            try:
                data = checks.records_from_file(read_platform_data(file))
            except PlatformDataError as error:
                raise CommandError(f"{file}: {error}") from error
        problems = checks.check(data)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{checked}: {len(problems)} problem(s) in the platform data.")
        figures = sum(len(platform.figures) for platform in data.platforms)
        self.stdout.write(
            f"{checked}: {len(data.platforms)} platforms, {figures} figures and "
            f"{len(data.sources)} sources checked; no problems."
        )
