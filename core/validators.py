"""Checks of text people type, shared by every app's models."""

from __future__ import annotations

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Characters that take no room on the page: spaces, controls, format characters (the zero-width
# space, joiners, direction marks) and unassigned code points.
INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn"})


def visible_text(value: str) -> None:
    """A name must show something: one made only of zero-width or blank characters is a blank
    row with nothing to click."""
    if value and all(unicodedata.category(char) in INVISIBLE_CATEGORIES for char in value):
        raise ValidationError(_("Enter something visible."), code="invisible")


# No one used this service, or agreed to anything on it, before this year.
FIRST_YEAR = 2000


def a_moment_of_the_service(value: datetime.datetime) -> None:
    """A time something happened here (a consent, say): not in the future, and not before the
    service (a year 1 reached the database, which refused it without naming the field)."""
    if value is None:
        return
    if value > timezone.now():
        raise ValidationError(_("This time is in the future."), code="future")
    if value.year < FIRST_YEAR:
        message = _("This time is before %(year)d, when nothing had happened here yet.")
        raise ValidationError(message, code="too_old", params={"year": FIRST_YEAR})


# The largest id a row may have (PostgreSQL's bigint): a longer number names nothing.
LARGEST_ID = 2**63 - 1
LONGEST_ID = len(str(LARGEST_ID))
# A row's id in a URL: up to a hundred digits, each view answering 404 for one past `LARGEST_ID`.
# An unbounded [0-9]+ handed thousands of digits to int(), past the 4,300 Python converts.
ID_PATTERN = r"[0-9]{1,100}"


def record_id(text: str) -> int | None:
    """`text` as a row's id when it is written as one (ASCII digits, 1 to `LARGEST_ID`); None
    otherwise. `str.isdigit` alone lets through "²", which `int` refuses, and digit strings
    longer than Python converts."""
    if not (text.isascii() and text.isdigit()) or len(text) > LONGEST_ID:
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None
