"""Reads behind the platform pages and API: the directory's queryset, one platform's record, the
values the compare grid is built from, and every platform record by id.

Selectors only select: each returns querysets, model instances or plain values in a fixed number
of queries however many platforms, figures or sources there are (tests pin the counts). What a
reader sees is made of them in `platforms.presentation`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When

from core.cache import held_by_process
from platforms.dates import UPPER_BOUNDS
from platforms.models import Citation, Platform, StatusEvent, UserCount
from platforms.vocabulary import OUTREACH_TRAITS

# The latest figure is the newest user figure whose date dates it (one only bounded, "by 2026",
# comes after every dated one); on the same date the larger one (monthly over daily active
# users) represents the platform. `presentation.newest_figure` is the same rule in Python.
DATED_FIRST = Case(When(date_qualifier__in=UPPER_BOUNDS, then=Value(1)), default=Value(0))
LATEST_FIRST = (DATED_FIRST.asc(), "-as_of", "-value", "-pk")

# Every column of a platform the compare grid shows, read as values.
COMPARE_FIELDS = (
    "id",
    "slug",
    "name_en",
    "name_zh",
    "historical",
    "kind",
    "status",
    "status_since",
    "status_since_precision",
    "status_since_qualifier",
    "parent_company",
    "launched_year",
    "website",
    *OUTREACH_TRAITS,
    "audience_en",
    "audience_zh",
    "parent__slug",
    "parent__name_en",
    "parent__name_zh",
)
SOURCE_FIELDS = (
    "id",
    "key",
    "title",
    "description_en",
    "description_zh",
    "publisher",
    "url",
    "published",
    "published_until",
    "retrieved",
    "precision",
    "date_qualifier",
)
CITATION_FIELDS = ("claim", "as_of", "precision", "date_qualifier")
FIGURE_FIELDS = ("value", "qualifier", "metric", "scope", "as_of", "precision", "date_qualifier")


def annotate_latest_users(queryset: QuerySet[Platform]) -> QuerySet[Platform]:
    """Add `latest_users`, the value of each platform's newest figure, for sorting (idempotent)."""
    if "latest_users" in queryset.query.annotations:
        return queryset
    newest = UserCount.objects.users().filter(platform=OuterRef("pk")).order_by(*LATEST_FIRST)
    return queryset.annotate(latest_users=Subquery(newest.values("value")[:1]))


def latest_user_count_prefetch() -> Prefetch:
    """Each platform's newest figure as `platform.latest_user_counts` (a list of 0 or 1), in one
    query for all platforms."""
    counts = UserCount.objects.users().select_related("source").order_by(*LATEST_FIRST)
    return Prefetch("user_counts", queryset=counts[:1], to_attr="latest_user_counts")


def directory_platforms() -> QuerySet[Platform]:
    """The queryset the directory and the API filter: every platform, ready for a card."""
    return annotate_latest_users(Platform.objects.all()).prefetch_related(
        "interface_languages", latest_user_count_prefetch()
    )


def platform_record(*, slug: str) -> Platform:
    """One platform with everything its page cites, in five queries; raises
    Platform.DoesNotExist for an unknown slug."""
    return (
        Platform.objects.select_related("parent")
        .prefetch_related(
            "interface_languages",
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            Prefetch("user_counts", queryset=UserCount.objects.select_related("source")),
            Prefetch("events", queryset=StatusEvent.objects.select_related("source")),
        )
        .get(slug=slug)
    )


def related_platforms(platform: Platform) -> QuerySet[Platform]:
    """Its parent, its offshoots and the platforms of its kind, current ones first."""
    return (
        Platform.objects.filter(
            Q(pk=platform.parent_id) | Q(parent=platform) | Q(kind=platform.kind)
        )
        .exclude(pk=platform.pk)
        .order_by("historical", "name_en")
    )


def compare_platforms(slugs: Iterable[str]) -> dict[str, dict]:
    """The compared platforms' own columns (and their parent's name) as values, by slug."""
    rows = Platform.objects.filter(slug__in=set(slugs)).values(*COMPARE_FIELDS)
    return {row["slug"]: row for row in rows}


@dataclass(frozen=True)
class CompareValues:
    """What the compare grid cites beside the platforms' own columns, as values by platform id."""

    languages: dict[int, list[dict]]
    citations: dict[int, list[dict]]
    latest_figures: dict[int, dict]
    figures: dict[int, list[dict]]


def compare_values(platform_ids: Iterable[int]) -> CompareValues:
    """The languages, the citations with their sources, and the user figures (the newest apart)
    with their sources of the given platforms, in three queries."""
    ids = set(platform_ids)
    languages: dict[int, list[dict]] = {}
    for row in (
        Platform.interface_languages.through.objects.filter(platform_id__in=ids)
        .order_by("language__code")
        .values("platform_id", "language__name_en", "language__name_zh")
    ):
        languages.setdefault(row["platform_id"], []).append(row)
    citations: dict[int, list[dict]] = {}
    for row in Citation.objects.filter(platform_id__in=ids).values(
        "platform_id", *CITATION_FIELDS, *(f"source__{name}" for name in SOURCE_FIELDS)
    ):
        citations.setdefault(row["platform_id"], []).append(row)
    latest: dict[int, dict] = {}
    figures: dict[int, list[dict]] = {}
    for row in (
        UserCount.objects.users()
        .filter(platform_id__in=ids)
        .order_by("platform_id", *LATEST_FIRST)
        .values("platform_id", *FIGURE_FIELDS, *(f"source__{name}" for name in SOURCE_FIELDS))
    ):
        latest.setdefault(row["platform_id"], row)
        figures.setdefault(row["platform_id"], []).append(row)
    return CompareValues(
        languages=languages, citations=citations, latest_figures=latest, figures=figures
    )


def compare_choices() -> list[dict]:
    """Every platform for the compare picker, as values: current ones first."""
    return list(
        Platform.objects.order_by("historical", "name_en").values(
            "slug", "name_en", "name_zh", "historical"
        )
    )


def platforms_by_id() -> dict[int, Platform]:
    """Every platform record by id, as this process keeps them for the current data version.

    Shared by every request the process serves, so read them, never change them.
    """
    return held_by_process(
        "platforms-by-id",
        build=lambda: {platform.pk: platform for platform in Platform.objects.all()},
    )
