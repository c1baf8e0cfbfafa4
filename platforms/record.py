"""One platform's record as its page and the API show it: its summary, trait rows and
assessment, its figures and timeline, its sources numbered in the order a reader meets them, and
the platforms related to it.

Assembled from `platforms.selectors.platform_record` with the display rules of
`platforms.presentation`, once for the page and the API alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platforms import selectors
from platforms.charts import SeriesData
from platforms.models import Citation, Platform, StatusEvent, UserCount
from platforms.presentation import (
    ASSESSMENT,
    SUMMARY,
    TRAITS,
    ClaimCitations,
    NumberedSource,
    SourceNumbering,
    Trait,
    chart_note,
    facts_of,
    figure_measure,
    figures_are_stale,
    listing_order,
    newest_figure,
    source_ref,
    trait_row,
)


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
        grouped: dict[tuple[str, str], list[Figure]] = {}
        for figure in self.figures:
            if not figure.count.dated:  # "before 2014" has no place on a time axis
                continue
            grouped.setdefault((figure.count.metric, figure.count.scope), []).append(figure)
        return [
            SeriesData(
                label=figure_measure(figures[0].count),
                points=[(figure.count.as_of, figure.count.value) for figure in figures],
                notes=[
                    chart_note(figure.count.as_of_display, figure.source_number)
                    for figure in figures
                ],
            )
            for figures in grouped.values()
        ]


def _ranked_related(platform: Platform) -> tuple[RelatedPlatform, ...]:
    ranked = []
    for candidate in selectors.related_platforms(platform):
        if candidate.pk == platform.parent_id:
            ranked.append((0, RelatedPlatform(candidate, str(_("Parent platform")))))
        elif candidate.parent_id == platform.pk:
            ranked.append((1, RelatedPlatform(candidate, str(_("Offshoot")))))
        else:
            ranked.append((2, RelatedPlatform(candidate, str(_("Same kind")))))
    return tuple(related for _, related in sorted(ranked, key=lambda pair: pair[0]))


def _claims(citations: Iterable[Citation]) -> dict[str, ClaimCitations]:
    claims: dict[str, ClaimCitations] = {}
    for citation in citations:
        as_of = (citation.as_of, citation.precision, citation.date_qualifier)
        claims.setdefault(citation.claim, ClaimCitations()).add(source_ref(citation.source), as_of)
    return claims


def platform_detail(*, slug: str, today: datetime.date | None = None) -> PlatformDetail:
    """Everything the platform page shows; raises Platform.DoesNotExist for an unknown slug."""
    platform = selectors.platform_record(slug=slug)
    facts, by_claim = facts_of(platform), _claims(platform.citations.all())
    # Numbered in page order: summary, facts, strengths and weaknesses, figures, timeline.
    numbering = SourceNumbering()
    summary = trait_row(SUMMARY, facts, by_claim, numbering)
    traits = tuple(trait_row(spec, facts, by_claim, numbering) for spec in TRAITS)
    assessment = tuple(trait_row(spec, facts, by_claim, numbering) for spec in ASSESSMENT)
    counts = sorted(
        platform.user_counts.all(),
        key=lambda c: listing_order(c.as_of, c.date_qualifier, c.metric, c.scope),
    )
    figures = tuple(Figure(count, numbering.number(source_ref(count.source))) for count in counts)
    events = tuple(
        Event(event, numbering.number(source_ref(event.source)))
        for event in sorted(platform.events.all(), key=lambda e: e.happened_on)
    )
    newest = newest_figure(counts)
    today = today or timezone.localdate()
    return PlatformDetail(
        platform=platform,
        summary=summary,
        traits=traits,
        assessment=assessment,
        figures=figures,
        events=events,
        sources=tuple(numbering.sources),
        related=_ranked_related(platform),
        newest_figure=next((figure for figure in figures if figure.count is newest), None),
        figures_are_stale=figures_are_stale(counts, today=today),
    )
