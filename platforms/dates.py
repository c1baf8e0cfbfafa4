"""Dates as precise as their sources: a day, a month or a year, and how the date relates to
the moment it dates (as stated, about, before, by), rendered no more precisely than that.

Plain choices and functions, no models: `platforms.models` stores them, the schema of the data
file reads them, and the pages render them, with the dates of a cited source (`CitedSourceText`).
"""

from __future__ import annotations

import datetime

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from core.language import localized


class DatePrecision(TextChoices):
    """How much of a stored date the source actually gives."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class DateQualifier(TextChoices):
    """How a stored date relates to the moment it dates, as one choice.

    "Before 2014" and "by March 2017" are upper bounds (the source gives no earlier date);
    "about" marks a date the source itself gives as approximate ("c. 2011").
    """

    EXACT = "exact", _("as stated")
    ABOUT = "about", _("about")
    BEFORE = "before", _("before")
    BY = "by", _("by (no later than)")


# Dates that bound a moment from above without dating it: never the "newest" of anything.
UPPER_BOUNDS = frozenset({DateQualifier.BEFORE, DateQualifier.BY})

DATE_QUALIFIER_FORMATS = {
    DateQualifier.ABOUT: _("c. %(date)s"),
    DateQualifier.BEFORE: _("before %(date)s"),
    DateQualifier.BY: _("by %(date)s"),
}


def format_partial_date(
    value: datetime.date | None,
    precision: str,
    qualifier: str = DateQualifier.EXACT,
    until: datetime.date | None = None,
) -> str:
    """Render a date no more precisely than its source states it ("c. 2011", "by 2017-03"), a
    span of years as "2015\N{EN DASH}16"."""
    if value is None:
        return str(_("unknown"))
    if precision == DatePrecision.YEAR:
        text = f"{value.year}"
        if until is not None and until.year != value.year:
            text += (
                f"\N{EN DASH}{until.year % 100:02d}"
                if until.year // 100 == value.year // 100
                else f"\N{EN DASH}{until.year}"
            )
    elif precision == DatePrecision.MONTH:
        text = f"{value.year}-{value.month:02d}"
    else:
        text = value.isoformat()
    template = DATE_QUALIFIER_FORMATS.get(qualifier)
    return str(template % {"date": text}) if template else text


def source_label(title: str, description: str) -> str:
    """A source as a reader names it: its title, or its description in brackets."""
    return title or f"[{description}]"


def source_date(published_display: str, retrieved: datetime.date | None) -> str:
    """When a source was published or, for a page that gives no date, the day it had been
    retrieved by; empty when neither is known."""
    if published_display:
        return published_display
    if retrieved:
        return str(_("retrieved by %(date)s") % {"date": retrieved.isoformat()})
    return ""


def is_undated(published: datetime.date | None, retrieved: datetime.date | None) -> bool:
    """A source needs a publication date or, for a page without one, the day it was read by."""
    return published is None and retrieved is None


class CitedSourceText:
    """How a cited source reads on a page: its label and its dates, written once for the
    `Source` row and for the plain `SourceRef` the pages keep, which carry the same fields."""

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def label(self) -> str:
        return source_label(self.title, self.description)

    @property
    def published_display(self) -> str:
        return format_partial_date(
            self.published, self.precision, self.date_qualifier, self.published_until
        )

    @property
    def date_display(self) -> str:
        return source_date(self.published_display if self.published else "", self.retrieved)
