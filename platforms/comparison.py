"""The compare grid: rows are traits, columns are the platforms in the order asked for.

Like djangopackages' grids, it is built from values into a dict keyed by (row, column), in four
queries however many platforms are compared (a test pins the count); the page, the API and the
CSV table all read the same `CompareGrid`, plain data the shared cache can keep.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from core.language import in_reader_language
from core.yesno import yes_no_cell
from platforms import selectors
from platforms.charts import LineChart, SeriesData, build_line_chart
from platforms.dates import UPPER_BOUNDS, format_partial_date
from platforms.presentation import (
    TRAITS,
    ClaimCitations,
    NumberedSource,
    SourceNumbering,
    Trait,
    chart_note,
    count_in_words,
    facts_from_values,
    figure_text,
    listing_order,
    measure_text,
    source_from_values,
    trait_row,
    unknown,
)

MIN_COMPARED = 2
MAX_COMPARED = 8


@dataclass(frozen=True)
class CompareColumn:
    """A compared (or pickable) platform, named as the page and the CSV header name it."""

    slug: str
    name: str
    name_en: str
    name_zh: str
    historical: bool

    def __str__(self) -> str:
        return f"{self.name_en} {self.name_zh}".strip()


def compare_column(row: Mapping[str, Any]) -> CompareColumn:
    return CompareColumn(
        slug=row["slug"],
        name=in_reader_language(row["name_en"], row["name_zh"]),
        name_en=row["name_en"],
        name_zh=row["name_zh"],
        historical=row["historical"],
    )


def compare_choices() -> list[CompareColumn]:
    """Every platform for the compare picker: current ones first."""
    return [compare_column(row) for row in selectors.compare_choices()]


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
class CompareFigure:
    """One user figure of a compared platform, for the chart and the table beside it."""

    slug: str
    platform: str
    column: int
    metric: str
    measure: str
    text: str
    value: int
    as_of: datetime.date
    as_of_display: str
    dated: bool  # False for a figure only bounded from above ("by 2017"): off the time axis
    citation: int


@dataclass(frozen=True)
class CompareGrid:
    """Rows are traits, columns are platforms in the order asked for; `figures` are their user
    figures, column by column, oldest first (`presentation.listing_order`)."""

    columns: tuple[CompareColumn, ...]
    rows: tuple[CompareRow, ...]
    sources: tuple[NumberedSource, ...]
    figures: tuple[CompareFigure, ...] = ()

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(column.slug for column in self.columns)

    @property
    def same_rows(self) -> tuple[CompareRow, ...]:
        return tuple(row for row in self.rows if not row.differs)


def _trait_cell(trait: Trait) -> CompareCell:
    value = trait.value
    return CompareCell(
        text=value.text,
        url=value.url,
        as_of=value.as_of,
        since=value.since,
        citations=trait.citations,
        is_unknown=value.is_unknown,
    )


def _figure_cell(latest: Mapping[str, Any] | None, numbering: SourceNumbering) -> CompareCell:
    if latest is None:
        return CompareCell(text=unknown().text, is_unknown=True)
    return CompareCell(
        text=figure_text(latest["value"], latest["qualifier"]),
        note=measure_text(latest["metric"], latest["scope"]),
        as_of=format_partial_date(latest["as_of"], latest["precision"], latest["date_qualifier"]),
        citations=(numbering.number(source_from_values(latest)),),
    )


def _repeated_slugs(slugs: Sequence[str]) -> list[ValidationError]:
    seen: set[str] = set()
    errors = []
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
    return errors


def _validate_compare_slugs(slugs: Sequence[str], known: Iterable[str]) -> list[ValidationError]:
    errors = _repeated_slugs(slugs)
    errors.extend(
        ValidationError(
            _("No platform has the slug “%(slug)s”."), code="unknown", params={"slug": slug}
        )
        for slug in dict.fromkeys(slugs)
        if slug not in known
    )
    count = len(set(slugs))
    if count < MIN_COMPARED:
        message = _("Pick at least %(minimum)d platforms to compare; you picked %(count)d.")
        params = {"minimum": MIN_COMPARED, "count": count}
        errors.append(ValidationError(message, code="too_few", params=params))
    elif count > MAX_COMPARED:
        message = _("Pick at most %(maximum)d platforms to compare; you picked %(count)d.")
        params = {"maximum": MAX_COMPARED, "count": count}
        errors.append(ValidationError(message, code="too_many", params=params))
    return errors


def normalize_slugs(slugs: Iterable[str]) -> list[str]:
    """Slugs as typed in a URL: trimmed, lower-cased, blanks dropped, order kept."""
    return [slug.strip().lower()[:60] for slug in slugs if slug.strip()]


def _compare_cells(
    columns: Sequence[Mapping[str, Any]], values: selectors.CompareValues
) -> tuple[dict[tuple[str, str], CompareCell], SourceNumbering]:
    """Every cell keyed by (row, column), numbering sources row by row, left to right (the order
    a reader scans the grid)."""
    facts = {
        row["slug"]: facts_from_values(row, values.languages.get(row["id"], [])) for row in columns
    }
    claims = {
        row["slug"]: _claims_from_values(values.citations.get(row["id"], [])) for row in columns
    }
    numbering = SourceNumbering()
    cells: dict[tuple[str, str], CompareCell] = {}
    for spec in TRAITS:
        for row in columns:
            slug = row["slug"]
            trait = trait_row(spec, facts[slug], claims[slug], numbering)
            cells[spec.key, slug] = _trait_cell(trait)
        if spec.key == "status":
            for row in columns:
                latest = values.latest_figures.get(row["id"])
                cells["latest_users", row["slug"]] = _figure_cell(latest, numbering)
    return cells, numbering


def _claims_from_values(citations: Iterable[Mapping[str, Any]]) -> dict[str, ClaimCitations]:
    claims: dict[str, ClaimCitations] = {}
    for citation in citations:
        as_of = (citation["as_of"], citation["precision"], citation["date_qualifier"])
        claims.setdefault(citation["claim"], ClaimCitations()).add(
            source_from_values(citation), as_of
        )
    return claims


ROW_LABELS: tuple[tuple[str, str], ...] = (
    *((spec.key, spec.label) for spec in TRAITS[:2]),
    ("latest_users", _("Latest user figure")),
    *((spec.key, spec.label) for spec in TRAITS[2:]),
)


def build_compare_grid(slugs: Sequence[str]) -> CompareGrid:
    """The side-by-side grid for 2 to 8 platforms, columns in the order given, in four queries.

    Raises ValidationError with one message per problem (unknown slug, repeated slug, too few
    or too many platforms), each naming the slug or the count.
    """
    slugs = normalize_slugs(slugs)
    # Only well-formed slugs reach the database (PostgreSQL refuses a NUL byte outright); any
    # other is simply unknown, with the same message.
    found = selectors.compare_platforms(slug for slug in slugs if slug_re.fullmatch(slug))
    errors = _validate_compare_slugs(slugs, found)
    if errors:
        raise ValidationError(errors)
    columns = [found[slug] for slug in slugs]
    values = selectors.compare_values(row["id"] for row in columns)
    cells, numbering = _compare_cells(columns, values)
    rows = tuple(
        CompareRow(key, str(label), tuple(cells[key, slug] for slug in slugs))
        for key, label in ROW_LABELS
    )
    compared = tuple(compare_column(row) for row in columns)
    figures = _figures(compared, [values.figures.get(row["id"], []) for row in columns], numbering)
    return CompareGrid(
        columns=compared, rows=rows, sources=tuple(numbering.sources), figures=figures
    )


def _figures(
    columns: Sequence[CompareColumn],
    figures: Sequence[Sequence[Mapping[str, Any]]],
    numbering: SourceNumbering,
) -> tuple[CompareFigure, ...]:
    """Every user figure of the compared platforms, column by column and oldest first (those
    only bounded from above last, `listing_order`), its source numbered after the grid's."""
    return tuple(
        CompareFigure(
            slug=column.slug,
            platform=column.name,
            column=index,
            metric=row["metric"],
            measure=measure_text(row["metric"], row["scope"]),
            text=figure_text(row["value"], row["qualifier"]),
            value=row["value"],
            as_of=row["as_of"],
            as_of_display=format_partial_date(
                row["as_of"], row["precision"], row["date_qualifier"]
            ),
            dated=row["date_qualifier"] not in UPPER_BOUNDS,
            citation=numbering.number(source_from_values(row)),
        )
        for index, (column, rows) in enumerate(zip(columns, figures, strict=True))
        for row in sorted(
            rows,
            key=lambda row: listing_order(
                row["as_of"], row["date_qualifier"], row["metric"], row["scope"]
            ),
        )
    )


def _cell_text(cell: CompareCell) -> str:
    text = f"{cell.text} ({cell.note})" if cell.note else cell.text
    if cell.as_of:
        text += " " + str(_("as of %(date)s") % {"date": cell.as_of})
    if cell.since:
        text += f" {cell.since}"
    if cell.citations:
        text += " " + "".join(f"[{number}]" for number in cell.citations)
    return text


def compare_table(grid: CompareGrid) -> list[list[str]]:
    """The grid as plain text rows (header first, then sources), for the CSV download."""
    header = [str(_("Trait")), *(str(column) for column in grid.columns), str(_("Differs"))]
    table = [header]
    for row in grid.rows:
        differs = yes_no_cell(row.differs)
        table.append([row.label, *(_cell_text(cell) for cell in row.cells), differs])
    table.append([])
    table.append([str(_("Sources"))])
    for numbered in grid.sources:
        source = numbered.source
        parts = [source.label, source.publisher, source.date_display, source.url]
        table.append([f"[{numbered.number}]", " · ".join(part for part in parts if part)])
    return table


def figures_chart(grid: CompareGrid) -> LineChart | None:
    """One chart of every compared platform's user figures over time: a line per platform and
    measure (registered and monthly active users are different things), each point noting its
    date as its source gives it and its citation; None when no figure is dated."""
    lines: dict[tuple[int, str, str], list[CompareFigure]] = {}
    for figure in grid.figures:
        if figure.dated:  # "by 2017" has no place on a time axis
            lines.setdefault((figure.column, figure.metric, figure.measure), []).append(figure)
    series = [
        SeriesData(
            # A colour per platform, a dash per kind of figure (platforms.css).
            style=f"platform-{column} chart-metric-{metric}",
            label=f"{figures[0].platform} \N{EM DASH} {measure}",
            points=[(figure.as_of, figure.value) for figure in figures],
            notes=[chart_note(figure.as_of_display, figure.citation) for figure in figures],
        )
        for (column, metric, measure), figures in lines.items()
    ]
    return build_line_chart(series, number_format=lambda value: count_in_words(value, short=True))
