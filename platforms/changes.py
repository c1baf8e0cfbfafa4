"""Reads about how the platform data changes over time: the figures and status events in the
order they were recorded (the Atom feeds) and the platforms whose figures have aged most (the
admin's staleness dashboard).

A figure's "recorded" time is that of its first history row (django-simple-history writes one
on every save, the loader's included), so a figure added today about 2023 is news today. Each
read is a fixed number of queries however many platforms or figures there are.
"""

from __future__ import annotations

import datetime

from django.db.models import F, Model, OuterRef, QuerySet, Subquery

from platforms.models import Platform, StatusEvent, UserCount
from platforms.selectors import LATEST_FIRST

FEED_LENGTH = 30


def _recorded_at(model: type[Model]) -> Subquery:
    """When each row was first recorded: its oldest history row's date."""
    first = model.history.filter(id=OuterRef("pk")).order_by("history_date")
    return Subquery(first.values("history_date")[:1])


def _newest_recorded(queryset: QuerySet, limit: int) -> list[Model]:
    model = queryset.model
    return list(
        queryset.select_related("platform", "source")
        .annotate(recorded_at=_recorded_at(model))
        .order_by(F("recorded_at").desc(nulls_last=True), "-pk")[:limit]
    )


def recent_data_changes(
    *, platform: Platform | None = None, limit: int = FEED_LENGTH
) -> list[UserCount | StatusEvent]:
    """The newest recorded figures and status events, of one platform or all, newest first.

    Each item carries `recorded_at` (None only for rows written without history, which sort
    last). Two queries.
    """
    scope = {} if platform is None else {"platform": platform}
    items = [
        *_newest_recorded(UserCount.objects.filter(**scope), limit),
        *_newest_recorded(StatusEvent.objects.filter(**scope), limit),
    ]
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    items.sort(key=lambda item: (item.recorded_at or oldest, item.pk), reverse=True)
    return items[:limit]


def newest_figure(field: str) -> Subquery:
    """A column of the platform's newest user figure (the one the site shows), in the same
    query."""
    newest = UserCount.objects.users().filter(platform=OuterRef("pk")).order_by(*LATEST_FIRST)
    return Subquery(newest.values(field)[:1])


NEWEST_FIGURE_FIELDS = ("value", "qualifier", "metric", "as_of", "precision", "date_qualifier")


def with_newest_figure(queryset: QuerySet[Platform]) -> QuerySet[Platform]:
    """Add the newest figure's fields as `newest_figure_<field>` (each None for a platform
    without figures)."""
    return queryset.annotate(
        **{f"newest_figure_{field}": newest_figure(field) for field in NEWEST_FIGURE_FIELDS}
    )


def platforms_by_figure_age() -> QuerySet[Platform]:
    """Every platform by the age of its newest figure, oldest first whatever its status (the
    dashboard highlights only operating ones), then those without any figure; one query."""
    return with_newest_figure(Platform.objects.all()).order_by(
        F("newest_figure_as_of").asc(nulls_last=True), "name_en"
    )
