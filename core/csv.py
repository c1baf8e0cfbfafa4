"""One way to answer with a CSV file: every spreadsheet the site serves is written here."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets (CSV
# injection); tab and carriage return count because spreadsheets strip them before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def day_cell(moment: datetime.datetime) -> str:
    """The day of `moment` where the site is (2026-12-04), not in UTC: a row's other days are
    local, and from midnight to eight in Shanghai UTC is still the day before."""
    return timezone.localtime(moment).date().isoformat()


def spreadsheet_safe(value: object) -> str:
    """`value` as text that a spreadsheet shows rather than runs."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, rows: Iterable[Iterable[object]]) -> HttpResponse:
    """`rows` as a CSV download: UTF-8 with a byte-order mark so Excel shows Chinese, and every
    cell defused."""
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return response
