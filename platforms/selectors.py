"""Reads behind the platform pages and API: the directory, one platform's record, the compare grid.

Each read runs a fixed number of queries however many platforms, figures or sources there are
(tests pin the counts). Display values are built here, once, so the page, the compare grid and
its CSV say the same thing. Sources are numbered in the order a reader meets them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from platforms.charts import SeriesData, compact_number
from platforms.models import Citation, Platform, Source, StatusEvent, UserCount

# The latest figure is the newest by date; on the same date the larger one (monthly over daily
# active users) represents the platform.
LATEST_FIRST = ("-as_of", "-value", "-pk")
STALE_AFTER_YEARS = 3
MIN_COMPARED = 2
MAX_COMPARED = 8
NOT_APPLICABLE = "—"

QUALIFIER_FORMATS = {
    UserCount.Qualifier.ABOUT: _("about %(number)s"),
    UserCount.Qualifier.MORE_THAN: _("more than %(number)s"),
}


def count_in_words(value: float, *, short: bool = False) -> str:
    """A user count for reading, in the active language's units (587 million / 5.87亿);
    `short` for chart axes (587M)."""
    return compact_number(value, chinese=(get_language() or "").startswith("zh"), short=short)


def figure_value(count: UserCount) -> str:
    """The figure as its source states it: "more than 140 million", "about 800 million"."""
    number = count_in_words(count.value)
    template = QUALIFIER_FORMATS.get(count.qualifier)
    return str(template % {"number": number}) if template else number


def figure_measure(count: UserCount) -> str:
    """What the figure counts and where: "Monthly active users, China"."""
    return str(
        _("%(metric)s, %(scope)s")
        % {"metric": count.get_metric_display(), "scope": count.get_scope_display()}
    )


# Directory --------------------------------------------------------------------------------------


def annotate_latest_users(queryset: QuerySet[Platform]) -> QuerySet[Platform]:
    """Add `latest_users`, the value of each platform's newest figure, for sorting (idempotent)."""
    if "latest_users" in queryset.query.annotations:
        return queryset
    newest = UserCount.objects.filter(platform=OuterRef("pk")).order_by(*LATEST_FIRST)
    return queryset.annotate(latest_users=Subquery(newest.values("value")[:1]))


def latest_user_count_prefetch(*, with_source: bool = False) -> Prefetch:
    """Each platform's newest figure as `platform.latest_user_counts` (a list of 0 or 1), in one
    query for all platforms."""
    counts = UserCount.objects.order_by(*LATEST_FIRST)
    if with_source:
        counts = counts.select_related("source")
    return Prefetch("user_counts", queryset=counts[:1], to_attr="latest_user_counts")


def directory_platforms() -> QuerySet[Platform]:
    """The queryset the directory and the API filter: every platform, ready for a card."""
    return annotate_latest_users(Platform.objects.all()).prefetch_related(
        "interface_languages", latest_user_count_prefetch()
    )


# Traits -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraitValue:
    """A trait as shown; `since` dates a state (a status), `as_of` dates a measurement."""

    text: str
    url: str = ""
    as_of: str = ""
    since: str = ""
    is_unknown: bool = False


def unknown() -> TraitValue:
    """Unknown stays visibly unknown; built per call so it follows the active language."""
    return TraitValue(text=str(_("Unknown")), is_unknown=True)


@dataclass(frozen=True)
class TraitSpec:
    """One row of a platform's record: how to read it and which `Citation.claim` backs it."""

    key: str
    label: str
    read: Callable[[Platform], TraitValue]
    claim: str = ""


def _choice(field_name: str) -> Callable[[Platform], TraitValue]:
    def read(platform: Platform) -> TraitValue:
        if getattr(platform, field_name) == "unknown":
            return unknown()
        return TraitValue(text=str(getattr(platform, f"get_{field_name}_display")()))

    return read


def _text(attribute: str) -> Callable[[Platform], TraitValue]:
    def read(platform: Platform) -> TraitValue:
        value = getattr(platform, attribute)
        return TraitValue(text=str(value)) if value else unknown()

    return read


def _status(platform: Platform) -> TraitValue:
    since = platform.status_since.isoformat() if platform.status_since else ""
    if platform.status == Platform.Status.UNKNOWN:
        return unknown()
    return TraitValue(text=str(platform.get_status_display()), since=since)


def _parent(platform: Platform) -> TraitValue:
    if platform.parent is None:
        return TraitValue(text=NOT_APPLICABLE)
    return TraitValue(
        text=str(platform.parent.name),
        url=reverse("platforms:detail", kwargs={"slug": platform.parent.slug}),
    )


def _languages(platform: Platform) -> TraitValue:
    names = [str(language.name) for language in platform.interface_languages.all()]
    return TraitValue(text=pgettext("list separator", ", ").join(names)) if names else unknown()


def _website(platform: Platform) -> TraitValue:
    if not platform.website:
        return TraitValue(text=NOT_APPLICABLE)
    shown = platform.website.split("://", 1)[-1].rstrip("/")
    return TraitValue(text=shown, url=platform.website)


TRAITS: tuple[TraitSpec, ...] = (
    TraitSpec("kind", _("Kind"), _choice("kind"), Citation.Claim.KIND),
    TraitSpec("status", _("Status"), _status, Citation.Claim.STATUS),
    TraitSpec(
        "parent_company",
        _("Parent company"),
        _text("parent_company"),
        Citation.Claim.PARENT_COMPANY,
    ),
    TraitSpec("parent", _("Parent platform"), _parent),
    TraitSpec("launched_year", _("Launched"), _text("launched_year"), Citation.Claim.LAUNCHED_YEAR),
    TraitSpec(
        "interface_languages",
        _("Interface languages"),
        _languages,
        Citation.Claim.INTERFACE_LANGUAGES,
    ),
    TraitSpec(
        "real_name_verification",
        _("Real-name verification"),
        _choice("real_name_verification"),
        Citation.Claim.REAL_NAME_VERIFICATION,
    ),
    TraitSpec(
        "email_reliance",
        _("Email reliance"),
        _choice("email_reliance"),
        Citation.Claim.EMAIL_RELIANCE,
    ),
    TraitSpec(
        "cold_messaging",
        _("Cold messaging of strangers"),
        _choice("cold_messaging"),
        Citation.Claim.COLD_MESSAGING,
    ),
    TraitSpec(
        "anonymous_posting",
        _("Anonymous posting"),
        _choice("anonymous_posting"),
        Citation.Claim.ANONYMOUS_POSTING,
    ),
    TraitSpec(
        "reach_beyond_china",
        _("Reach beyond China"),
        _choice("reach_beyond_china"),
        Citation.Claim.REACH_BEYOND_CHINA,
    ),
    TraitSpec(
        "ease_for_foreigners",
        _("Ease for foreigners"),
        _choice("ease_for_foreigners"),
        Citation.Claim.EASE_FOR_FOREIGNERS,
    ),
    TraitSpec("audience", _("Audience"), _text("audience"), Citation.Claim.AUDIENCE),
    TraitSpec("website", _("Website"), _website),
)

SUMMARY = TraitSpec("summary", _("Summary"), _text("summary"), Citation.Claim.SUMMARY)
ASSESSMENT: tuple[TraitSpec, ...] = (
    TraitSpec("strengths", _("Strengths"), _text("strengths"), Citation.Claim.STRENGTHS),
    TraitSpec("weaknesses", _("Weaknesses"), _text("weaknesses"), Citation.Claim.WEAKNESSES),
)


@dataclass(frozen=True)
class NumberedSource:
    number: int
    source: Source


@dataclass
class SourceNumbering:
    """Gives each distinct source a number the first time it is cited: [1] is met first."""

    numbers: dict[int, int] = field(default_factory=dict)
    sources: list[NumberedSource] = field(default_factory=list)

    def number(self, source: Source) -> int:
        if source.pk not in self.numbers:
            self.numbers[source.pk] = len(self.numbers) + 1
            self.sources.append(NumberedSource(self.numbers[source.pk], source))
        return self.numbers[source.pk]

    def cite(self, sources: Iterable[Source]) -> tuple[int, ...]:
        return tuple(sorted({self.number(source) for source in sources}))


@dataclass(frozen=True)
class Trait:
    key: str
    label: str
    value: TraitValue
    citations: tuple[int, ...]


def _sources_by_claim(platform: Platform) -> dict[str, list[Source]]:
    by_claim: dict[str, list[Source]] = {}
    for citation in platform.citations.all():
        by_claim.setdefault(citation.claim, []).append(citation.source)
    return by_claim


def _trait(
    platform: Platform,
    spec: TraitSpec,
    by_claim: dict[str, list[Source]],
    numbering: SourceNumbering,
) -> Trait:
    return Trait(
        key=spec.key,
        label=str(spec.label),
        value=spec.read(platform),
        citations=numbering.cite(by_claim.get(spec.claim, [])),
    )


def _citation_prefetch() -> Prefetch:
    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


# Detail -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    count: UserCount
    source_number: int


@dataclass(frozen=True)
class Event:
    event: StatusEvent
    source_number: int


@dataclass(frozen=True)
class RelatedPlatform:
    platform: Platform
    relation: str


@dataclass(frozen=True)
class PlatformDetail:
    platform: Platform
    summary: Trait
    traits: tuple[Trait, ...]
    assessment: tuple[Trait, ...]
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]
    sources: tuple[NumberedSource, ...]
    related: tuple[RelatedPlatform, ...]
    newest_figure: Figure | None
    figures_are_stale: bool

    def chart_series(self) -> list[SeriesData]:
        """One line per metric and scope, in the order the table first shows them."""
        grouped: dict[tuple[str, str], list[UserCount]] = {}
        for figure in self.figures:
            grouped.setdefault((figure.count.metric, figure.count.scope), []).append(figure.count)
        return [
            SeriesData(
                label=figure_measure(counts[0]),
                points=[(count.as_of, count.value) for count in counts],
            )
            for counts in grouped.values()
        ]


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _related(platform: Platform) -> tuple[RelatedPlatform, ...]:
    candidates = (
        Platform.objects.filter(
            Q(pk=platform.parent_id) | Q(parent=platform) | Q(kind=platform.kind)
        )
        .exclude(pk=platform.pk)
        .order_by("historical", "name_en")
    )
    ranked = []
    for candidate in candidates:
        if candidate.pk == platform.parent_id:
            ranked.append((0, RelatedPlatform(candidate, str(_("Parent platform")))))
        elif candidate.parent_id == platform.pk:
            ranked.append((1, RelatedPlatform(candidate, str(_("Offshoot")))))
        else:
            ranked.append((2, RelatedPlatform(candidate, str(_("Same kind")))))
    return tuple(related for _, related in sorted(ranked, key=lambda pair: pair[0]))


def platform_detail(*, slug: str, today: datetime.date | None = None) -> PlatformDetail:
    """Everything the platform page shows; raises Platform.DoesNotExist for an unknown slug."""
    platform = (
        Platform.objects.select_related("parent")
        .prefetch_related(
            "interface_languages",
            _citation_prefetch(),
            Prefetch("user_counts", queryset=UserCount.objects.select_related("source")),
            Prefetch("events", queryset=StatusEvent.objects.select_related("source")),
        )
        .get(slug=slug)
    )
    # Numbered in page order: summary, facts, strengths and weaknesses, figures, timeline.
    numbering = SourceNumbering()
    by_claim = _sources_by_claim(platform)
    summary = _trait(platform, SUMMARY, by_claim, numbering)
    traits = tuple(_trait(platform, spec, by_claim, numbering) for spec in TRAITS)
    assessment = tuple(_trait(platform, spec, by_claim, numbering) for spec in ASSESSMENT)
    counts = sorted(platform.user_counts.all(), key=lambda c: (c.as_of, c.metric, c.scope))
    figures = tuple(Figure(count, numbering.number(count.source)) for count in counts)
    events = tuple(
        Event(event, numbering.number(event.source))
        for event in sorted(platform.events.all(), key=lambda e: e.happened_on)
    )
    newest = max(figures, key=lambda f: (f.count.as_of, f.count.value), default=None)
    today = today or timezone.localdate()
    return PlatformDetail(
        platform=platform,
        summary=summary,
        traits=traits,
        assessment=assessment,
        figures=figures,
        events=events,
        sources=tuple(numbering.sources),
        related=_related(platform),
        newest_figure=newest,
        figures_are_stale=bool(
            newest and newest.count.as_of < years_before(today, STALE_AFTER_YEARS)
        ),
    )


# Compare ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareCell:
    text: str
    note: str = ""
    url: str = ""
    as_of: str = ""
    since: str = ""
    citations: tuple[int, ...] = ()
    is_unknown: bool = False

    @property
    def comparable(self) -> tuple[str, str]:
        return (self.text, self.note)


@dataclass(frozen=True)
class CompareRow:
    key: str
    label: str
    cells: tuple[CompareCell, ...]

    @property
    def differs(self) -> bool:
        return len({cell.comparable for cell in self.cells}) > 1


@dataclass(frozen=True)
class CompareGrid:
    """Rows are traits, columns are platforms in the order asked for; built in four queries."""

    columns: tuple[Platform, ...]
    rows: tuple[CompareRow, ...]
    sources: tuple[NumberedSource, ...]

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(platform.slug for platform in self.columns)

    def as_table(self) -> list[list[str]]:
        """The grid as plain text rows (header first, then sources), for the CSV download."""
        header = [str(_("Trait")), *(str(p) for p in self.columns), str(_("Differs"))]
        table = [header]
        for row in self.rows:
            table.append(
                [
                    row.label,
                    *(_cell_text(cell) for cell in row.cells),
                    str(_("yes")) if row.differs else str(_("no")),
                ]
            )
        table.append([])
        table.append([str(_("Sources"))])
        for numbered in self.sources:
            source = numbered.source
            parts = [source.title, source.publisher, source.published_display, source.url]
            table.append([f"[{numbered.number}]", " · ".join(part for part in parts if part)])
        return table


def _cell_text(cell: CompareCell) -> str:
    text = f"{cell.text} ({cell.note})" if cell.note else cell.text
    if cell.as_of:
        text += " " + str(_("as of %(date)s") % {"date": cell.as_of})
    if cell.since:
        text += " " + str(_("since %(date)s") % {"date": cell.since})
    if cell.citations:
        text += " " + "".join(f"[{number}]" for number in cell.citations)
    return text


def _trait_cell(trait: Trait) -> CompareCell:
    return CompareCell(
        text=trait.value.text,
        url=trait.value.url,
        as_of=trait.value.as_of,
        since=trait.value.since,
        citations=trait.citations,
        is_unknown=trait.value.is_unknown,
    )


def _figure_cell(platform: Platform, numbering: SourceNumbering) -> CompareCell:
    latest = platform.latest_user_counts
    if not latest:
        return CompareCell(text=unknown().text, is_unknown=True)
    count = latest[0]
    return CompareCell(
        text=figure_value(count),
        note=figure_measure(count),
        as_of=count.as_of_display,
        citations=(numbering.number(count.source),),
    )


def _validate_compare_slugs(slugs: Sequence[str], known: set[str]) -> list[ValidationError]:
    errors = []
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            errors.append(
                ValidationError(
                    _("“%(slug)s” is listed more than once; pick each platform once."),
                    code="repeated",
                    params={"slug": slug},
                )
            )
        seen.add(slug)
    errors.extend(
        ValidationError(
            _("No platform has the slug “%(slug)s”."), code="unknown", params={"slug": slug}
        )
        for slug in dict.fromkeys(slugs)
        if slug not in known
    )
    if len(seen) < MIN_COMPARED:
        errors.append(
            ValidationError(
                _("Pick at least %(minimum)d platforms to compare; you picked %(count)d."),
                code="too_few",
                params={"minimum": MIN_COMPARED, "count": len(seen)},
            )
        )
    elif len(seen) > MAX_COMPARED:
        errors.append(
            ValidationError(
                _("Pick at most %(maximum)d platforms to compare; you picked %(count)d."),
                code="too_many",
                params={"maximum": MAX_COMPARED, "count": len(seen)},
            )
        )
    return errors


def normalize_slugs(slugs: Iterable[str]) -> list[str]:
    """Slugs as typed in a URL: trimmed, lower-cased, blanks dropped, order kept."""
    return [slug.strip().lower()[:60] for slug in slugs if slug.strip()]


def build_compare_grid(slugs: Sequence[str]) -> CompareGrid:
    """The side-by-side grid for 2 to 8 platforms, columns in the order given.

    Raises ValidationError with one message per problem (unknown slug, repeated slug, too few
    or too many platforms), each naming the slug or the count.
    """
    slugs = normalize_slugs(slugs)
    # Only well-formed slugs reach the database (PostgreSQL refuses a NUL byte outright); any
    # other is simply unknown, with the same message.
    queryable = {slug for slug in slugs if slug_re.fullmatch(slug)}
    platforms = {
        platform.slug: platform
        for platform in Platform.objects.filter(slug__in=queryable)
        .select_related("parent")
        .prefetch_related(
            "interface_languages",
            _citation_prefetch(),
            latest_user_count_prefetch(with_source=True),
        )
    }
    errors = _validate_compare_slugs(slugs, set(platforms))
    if errors:
        raise ValidationError(errors)

    columns = tuple(platforms[slug] for slug in slugs)
    claims = [_sources_by_claim(platform) for platform in columns]
    # Numbered row by row, left to right, the order a reader scans the grid.
    numbering = SourceNumbering()
    rows = []
    for spec in TRAITS:
        cells = tuple(
            _trait_cell(_trait(platform, spec, by_claim, numbering))
            for platform, by_claim in zip(columns, claims, strict=True)
        )
        rows.append(CompareRow(key=spec.key, label=str(spec.label), cells=cells))
        if spec.key == "status":
            figures = tuple(_figure_cell(platform, numbering) for platform in columns)
            rows.append(CompareRow("latest_users", str(_("Latest user figure")), figures))
    return CompareGrid(columns=columns, rows=tuple(rows), sources=tuple(numbering.sources))


def compare_choices() -> QuerySet[Platform]:
    """Every platform for the compare picker: current ones first."""
    return Platform.objects.only("slug", "name_en", "name_zh", "historical").order_by(
        "historical", "name_en"
    )
