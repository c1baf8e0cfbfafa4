"""The directory as a table: one row per platform, a column per key trait, sortable by each.

Every cell says its value in words and carries a tone (yes, partly, no, unknown) the page
colours it by, so colour only repeats what the text says. Headers link to the same page sorted
by their column (the other way when it already is), with the `aria-sort` of the sorted one.
Built from the directory's cards (`presentation.PlatformCard`), so the table and the cards
can't disagree and cost no query of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.yesno import yes_no_label
from platforms import vocabulary
from platforms.models import Platform
from platforms.presentation import PlatformCard, choice_label, status_label
from platforms.sorting import RELEVANCE, SORTS_BY_KEY

YES, PARTLY, NO, UNKNOWN = "yes", "partly", "no", "unknown"

# How each value reads down a column: more of the trait is "yes". The text always names it.
TONES: dict[str, dict[str, str]] = {
    "status": {
        vocabulary.Status.ACTIVE: YES,
        vocabulary.Status.RESTRICTED: PARTLY,
        vocabulary.Status.DECLINING: PARTLY,
        vocabulary.Status.SHUT_DOWN: NO,
    },
    "real_name_verification": {
        vocabulary.Verification.REQUIRED: YES,
        vocabulary.Verification.OPTIONAL: PARTLY,
        vocabulary.Verification.NONE: NO,
    },
    "cold_messaging": {
        vocabulary.ColdMessaging.YES: YES,
        vocabulary.ColdMessaging.LIMITED: PARTLY,
        vocabulary.ColdMessaging.NO: NO,
    },
    "anonymous_posting": {vocabulary.Availability.YES: YES, vocabulary.Availability.NO: NO},
    "ease_for_foreigners": {
        vocabulary.Ease.EASY: YES,
        vocabulary.Ease.MODERATE: PARTLY,
        vocabulary.Ease.HARD: NO,
    },
    **{
        name: {
            vocabulary.Level.HIGH: YES,
            vocabulary.Level.MEDIUM: PARTLY,
            vocabulary.Level.LOW: NO,
        }
        for name in ("email_reliance", "reach_beyond_china")
    },
}

# The columns after the name, in order; "users" is the latest figure with its date and source.
COLUMNS = ("kind", "status", "users", "launched", "english", *vocabulary.OUTREACH_TRAITS)
# A first click sorts these the way people mostly want them: most users, newest launch.
DESCENDING_FIRST = frozenset({"users", "launched"})


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    sort: str  # the sort its link asks for
    aria_sort: str  # "ascending", "descending" or "" when not sorted by it


@dataclass(frozen=True)
class Cell:
    key: str
    text: str
    tone: str = ""


@dataclass(frozen=True)
class Row:
    platform: PlatformCard
    cells: tuple[Cell, ...]


def header(key: str, current: str) -> Header:
    label = str(SORTS_BY_KEY[key].label)
    if current == key:
        return Header(key, label, f"-{key}", "ascending")
    if current == f"-{key}":
        return Header(key, label, key, "descending")
    return Header(key, label, f"-{key}" if key in DESCENDING_FIRST else key, "")


def headers(current: str) -> tuple[Header, ...]:
    """The name's header, then each column's, for the page sorted by `current`."""
    return tuple(header(key, current) for key in ("name", *COLUMNS))


def current_sort(sort: str, query: str) -> str:
    """The sort a page is shown in: the one asked for, else relevance for a search, else name."""
    return sort or (RELEVANCE if query else "name")


def _trait(card: PlatformCard, name: str) -> Cell:
    value = card.codes.get(name, "unknown")
    text = status_label(value) if name == "status" else choice_label(Platform, name, value)
    tone = UNKNOWN if value == "unknown" else TONES.get(name, {}).get(value, "")
    return Cell(name, text, tone)


def _english(card: PlatformCard) -> Cell:
    if not card.language_codes:
        return Cell("english", _("Unknown"), UNKNOWN)
    if "en" in card.language_codes:
        return Cell("english", yes_no_label(True), YES)
    return Cell("english", yes_no_label(False), NO)


def row(card: PlatformCard) -> Row:
    """A platform's row; the name and the users column are drawn from the card itself."""
    cells = []
    for key in COLUMNS:
        if key == "english":
            cells.append(_english(card))
        elif key == "launched":
            year = card.launched_year
            cells.append(Cell(key, str(year)) if year else Cell(key, _("Unknown"), UNKNOWN))
        elif key == "users":
            cells.append(Cell(key, "", "" if card.figure else UNKNOWN))
        else:
            cells.append(_trait(card, key))
    return Row(card, tuple(cells))


def rows(cards: list[PlatformCard]) -> list[Row]:
    return [row(card) for card in cards]
