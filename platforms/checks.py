"""The rules that keep the platform data true, for the data file and for the database alike.

Both are read into the same plain records (`DataSet`), so one set of rules judges the file before
it is loaded and the database after an admin's edit (`manage.py check_platform_data`). Every
problem names its place the way the data file does, `platforms.<slug>.<field>` or
`sources.<key>`, so a curator knows what to fix. The rules:

* every figure has a source and a date, and its qualifiers are ones the model can record;
* every known trait value (the parent platform included) cites a source;
* a known status, and the date it holds since, follow the platform's latest status event;
* a platform that has shut down is historical;
* a platform whose newest dated figure is more than three years old gets the page's staleness
  note (`presentation.figures_are_stale`);
* every source has a publication date or, failing that, the day it was retrieved by.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from platforms import presentation, vocabulary
from platforms.dates import UPPER_BOUNDS, DateQualifier, format_partial_date, is_undated
from platforms.models import Citation, Platform, Source, StatusEvent, UserCount
from platforms.schema import PlatformEntry, PlatformFile

TEXT_TRAITS = ("audience", "summary", "strengths", "weaknesses")
UNKNOWN_VALUES = ("unknown", "", None, ())


@dataclass(frozen=True)
class Problem:
    """One thing wrong, at its place in the data: `platforms.weibo.status: ...`."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class FigureRecord:
    """A user figure as the rules read it (the attributes `presentation` reads of a count)."""

    value: int
    qualifier: str
    metric: str
    as_of: datetime.date | None
    precision: str
    date_qualifier: str
    source: str

    @property
    def place(self) -> str:
        when = format_partial_date(self.as_of, self.precision, self.date_qualifier)
        return f"user_counts[{self.metric} {when} {self.source or 'unsourced'}]"


@dataclass(frozen=True)
class EventRecord:
    kind: str
    happened_on: datetime.date
    precision: str
    date_qualifier: str


@dataclass(frozen=True)
class PlatformRecord:
    slug: str
    status: str
    since: datetime.date | None
    since_precision: str
    since_qualifier: str
    historical: bool
    known: frozenset[str]
    cited: frozenset[str]
    figures: tuple[FigureRecord, ...]
    events: tuple[EventRecord, ...]


@dataclass(frozen=True)
class SourceRecord:
    key: str
    published: datetime.date | None
    retrieved: datetime.date | None


@dataclass(frozen=True)
class DataSet:
    platforms: tuple[PlatformRecord, ...]
    sources: tuple[SourceRecord, ...]


# Rules ------------------------------------------------------------------------------------------

PlatformRule = Callable[[PlatformRecord, datetime.date], Iterator[Problem]]


def figures_are_sourced_and_dated(
    platform: PlatformRecord, today: datetime.date
) -> Iterator[Problem]:
    """A figure without its source or date can't be checked; a qualifier outside the model's
    choices can't be recorded, so the figure would claim more than its source says."""
    for figure in platform.figures:
        where = f"platforms.{platform.slug}.{figure.place}"
        if not figure.source:
            yield Problem(f"{where}.source", "a figure needs the source it comes from")
        if figure.as_of is None:
            yield Problem(f"{where}.as_of", "a figure needs the date it counts as of")
        if figure.qualifier not in UserCount.Qualifier.values:
            choices = ", ".join(UserCount.Qualifier.values)
            yield Problem(
                f"{where}.qualifier", f"{figure.qualifier!r} cannot be recorded; use {choices}"
            )
        if figure.date_qualifier not in DateQualifier.values:
            choices = ", ".join(DateQualifier.values)
            yield Problem(
                f"{where}.date_qualifier",
                f"{figure.date_qualifier!r} cannot be recorded; use {choices}",
            )


def known_traits_are_cited(platform: PlatformRecord, today: datetime.date) -> Iterator[Problem]:
    for claim in sorted(platform.known - platform.cited):
        yield Problem(f"platforms.{platform.slug}.{claim}", "a known value needs a citation")


def status_run(events: Iterable[EventRecord]) -> list[EventRecord]:
    """The latest run of status events that leave a platform in the same status, oldest first:
    its last event says the status, its first one when the status began. Empty without any."""
    run: list[EventRecord] = []
    for event in sorted(events, key=lambda event: event.happened_on):
        status = StatusEvent.STATUS_AFTER.get(event.kind)
        if status is None:
            continue
        if run and StatusEvent.STATUS_AFTER[run[0].kind] != status:
            run = []
        run.append(event)
    return run


def status_follows_timeline(platform: PlatformRecord, today: datetime.date) -> Iterator[Problem]:
    """An unknown status is not checked: the timeline is history, the status is about now."""
    if platform.status == Platform.Status.UNKNOWN:
        return
    where = f"platforms.{platform.slug}.status"
    run = status_run(platform.events)
    if not run:
        yield Problem(where, f"{platform.status!r} needs a status event behind it (e.g. a launch)")
        return
    began, latest = run[0], run[-1]
    status = StatusEvent.STATUS_AFTER[latest.kind]
    if status != platform.status:
        when = format_partial_date(latest.happened_on, latest.precision, latest.date_qualifier)
        yield Problem(
            where,
            f"is {platform.status!r} but the latest status event ({latest.kind}, {when}) leaves "
            f"it '{status}'",
        )
        return
    since = (platform.since, platform.since_precision, platform.since_qualifier)
    if since != (began.happened_on, began.precision, began.date_qualifier):
        shown = format_partial_date(*since) if platform.since else "unset"
        expected = format_partial_date(began.happened_on, began.precision, began.date_qualifier)
        yield Problem(
            f"{where}.since", f"is {shown} but the status began with the {began.kind} of {expected}"
        )


def shut_down_is_historical(platform: PlatformRecord, today: datetime.date) -> Iterator[Problem]:
    if vocabulary.must_be_historical(platform.status, platform.historical):
        yield Problem(
            f"platforms.{platform.slug}.historical", "a platform that has shut down is historical"
        )


def stale_figures_are_noted(platform: PlatformRecord, today: datetime.date) -> Iterator[Problem]:
    """The newest figure that is really dated (not only bounded, "by 2026") decides staleness,
    whatever the page picks as its newest."""
    dated = [
        figure
        for figure in platform.figures
        if figure.as_of
        and figure.date_qualifier not in UPPER_BOUNDS
        and figure.metric in UserCount.USER_METRICS
    ]
    newest = max(dated, key=lambda figure: figure.as_of, default=None)
    stale_before = presentation.years_before(today, presentation.STALE_AFTER_YEARS)
    if newest is None or newest.as_of >= stale_before:
        return
    if not presentation.figures_are_stale(platform.figures, today=today):
        when = format_partial_date(newest.as_of, newest.precision, newest.date_qualifier)
        yield Problem(
            f"platforms.{platform.slug}.user_counts",
            f"the newest figure ({when}) is more than {presentation.STALE_AFTER_YEARS} years "
            "old, but the page shows no staleness note",
        )


PLATFORM_RULES: tuple[PlatformRule, ...] = (
    figures_are_sourced_and_dated,
    known_traits_are_cited,
    status_follows_timeline,
    shut_down_is_historical,
    stale_figures_are_noted,
)


def sources_are_dated(sources: Iterable[SourceRecord]) -> Iterator[Problem]:
    for source in sources:
        if is_undated(source.published, source.retrieved):
            yield Problem(
                f"sources.{source.key}",
                "needs a publication date or, for a page without one, the day it was retrieved",
            )


def check(data: DataSet, *, today: datetime.date | None = None) -> list[Problem]:
    """Every problem the rules find, platform by platform, then the sources."""
    today = today or timezone.localdate()
    problems = [
        problem
        for platform in data.platforms
        for rule in PLATFORM_RULES
        for problem in rule(platform, today)
    ]
    return problems + list(sources_are_dated(data.sources))


# Reading the data file --------------------------------------------------------------------------


def _known_in_file(entry: PlatformEntry) -> frozenset[str]:
    known = set()
    for claim in Citation.Claim.values:
        trait = getattr(entry, claim)
        if trait is None:  # a platform that belongs to no other
            continue
        value = trait.en if claim in TEXT_TRAITS else trait.value
        if value not in UNKNOWN_VALUES:
            known.add(claim)
    return frozenset(known)


def _file_platform(slug: str, entry: PlatformEntry) -> PlatformRecord:
    since = entry.status.since
    return PlatformRecord(
        slug=slug,
        status=entry.status.value,
        since=since.value,
        since_precision=since.precision,
        since_qualifier=since.qualifier,
        historical=entry.historical,
        known=_known_in_file(entry),
        cited=frozenset(row.claim for row in entry.rows()["citations"]),
        figures=tuple(
            FigureRecord(
                value=row.value,
                qualifier=row.qualifier,
                metric=row.metric,
                as_of=row.as_of.value,
                precision=row.as_of.precision,
                date_qualifier=row.as_of.qualifier,
                source=row.source,
            )
            for row in entry.user_counts
        ),
        events=tuple(
            EventRecord(
                row.kind,
                row.happened_on.value,
                row.happened_on.precision,
                row.happened_on.qualifier,
            )
            for row in entry.events
        ),
    )


def records_from_file(data: PlatformFile) -> DataSet:
    """The records of a parsed, valid data file."""
    return DataSet(
        platforms=tuple(_file_platform(slug, entry) for slug, entry in data.platforms.items()),
        sources=tuple(
            SourceRecord(key, source.published.value, source.retrieved)
            for key, source in data.sources.items()
        ),
    )


# Reading the database ---------------------------------------------------------------------------


def known_claims(platform: Platform) -> frozenset[str]:
    """The claims whose value this platform records (loaded with its interface languages)."""
    known = {Citation.Claim.KIND}
    if platform.parent_company:
        known.add(Citation.Claim.PARENT_COMPANY)
    if platform.parent_id is not None:
        known.add(Citation.Claim.PARENT)
    if platform.launched_year is not None:
        known.add(Citation.Claim.LAUNCHED_YEAR)
    if platform.status != Platform.Status.UNKNOWN:
        known.add(Citation.Claim.STATUS)
    if platform.interface_languages.all():
        known.add(Citation.Claim.INTERFACE_LANGUAGES)
    known.update(
        trait for trait in vocabulary.OUTREACH_TRAITS if getattr(platform, trait) != "unknown"
    )
    known.update(
        text
        for text in TEXT_TRAITS
        if getattr(platform, f"{text}_en") or getattr(platform, f"{text}_zh")
    )
    return frozenset(known)


def _database_platform(platform: Platform) -> PlatformRecord:
    return PlatformRecord(
        slug=platform.slug,
        status=platform.status,
        since=platform.status_since,
        since_precision=platform.status_since_precision,
        since_qualifier=platform.status_since_qualifier,
        historical=platform.historical,
        known=known_claims(platform),
        cited=frozenset(citation.claim for citation in platform.citations.all()),
        figures=tuple(
            FigureRecord(
                value=count.value,
                qualifier=count.qualifier,
                metric=count.metric,
                as_of=count.as_of,
                precision=count.precision,
                date_qualifier=count.date_qualifier,
                source=count.source.key,
            )
            for count in platform.user_counts.all()
        ),
        events=tuple(
            EventRecord(event.kind, event.happened_on, event.precision, event.date_qualifier)
            for event in platform.events.all()
        ),
    )


def records_from_database() -> DataSet:
    """The records of every platform and source in the database, in six queries."""
    platforms = Platform.objects.order_by("slug").prefetch_related(
        "interface_languages",
        "citations",
        Prefetch("user_counts", queryset=UserCount.objects.select_related("source")),
        "events",
    )
    return DataSet(
        platforms=tuple(_database_platform(platform) for platform in platforms),
        sources=tuple(
            SourceRecord(*row)
            for row in Source.objects.order_by("key").values_list("key", "published", "retrieved")
        ),
    )
