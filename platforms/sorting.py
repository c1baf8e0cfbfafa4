"""The directory's orders: by relevance, by name, by users, by launch, and by each trait column of
its table, each way; unknown values always last.

A sort is named as in the query string: `users` ascending, `-users` descending. A trait sorts in
the order its vocabulary declares its values (verification: none, optional, required), so
"ascending" means the same in every column. Names sort by the English name on an English page
and by the Chinese name in pinyin order on a Chinese one (`platforms.search`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, Exists, F, IntegerField, OrderBy, OuterRef, QuerySet, Value, When
from django.db.models.enums import TextChoices
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.language import reads_chinese
from platforms import search, vocabulary
from platforms.models import Platform
from platforms.selectors import annotate_latest_users

RELEVANCE = "relevance"


def name_order(*, descending: bool = False) -> OrderBy:
    """By name in the page's language: the Chinese name's pinyin order on a Chinese page."""
    if reads_chinese():
        return search.pinyin_position(descending=descending).asc()
    return F("name_en").desc() if descending else F("name_en").asc()


def choice_rank(field: str, choices: type[TextChoices]) -> Case:
    """A trait's place in its vocabulary's declared order; NULL when unknown (sorted last)."""
    known = [value for value in choices.values if value != "unknown"]
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(known)),
        default=Value(None),
        output_field=IntegerField(),
    )


def offers_english() -> Case:
    """1 where the interface offers English, 0 where languages are known without it, NULL where
    none is recorded."""
    languages = Platform.interface_languages.through.objects.filter(platform=OuterRef("pk"))
    return Case(
        When(Exists(languages.filter(language__code="en")), then=Value(1)),
        When(Exists(languages), then=Value(0)),
        default=Value(None),
        output_field=IntegerField(),
    )


# "Required first": a trait's order named by the value it starts with.
FIRST = _("{value} first")


@dataclass(frozen=True)
class Sort:
    """One column's order: how to rank platforms by it, and its labels each way."""

    key: str
    label: Promise
    rank: Callable[[], object] | None
    ascending: Promise
    descending: Promise

    def ordering(self, *, descending: bool) -> list[OrderBy]:
        if self.rank is None:  # the name itself
            return [name_order(descending=descending)]
        expression = self.rank()
        first = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        return [first, name_order()]


def _trait(field: str, label: Promise, choices: type[TextChoices]) -> Sort:
    known = [choice for choice in choices if choice.value != "unknown"]
    return Sort(
        field,
        label,
        lambda: choice_rank(field, choices),
        format_lazy(FIRST, value=known[0].label),
        format_lazy(FIRST, value=known[-1].label),
    )


SORTS: tuple[Sort, ...] = (
    Sort("name", pgettext_lazy("platform", "Name"), None, _("Name, A to Z"), _("Name, Z to A")),
    Sort(
        "users",
        _("Users"),
        lambda: F("latest_users"),
        _("Fewest users first"),
        _("Most users first"),
    ),
    Sort(
        "launched", _("Launched"), lambda: F("launched_year"), _("Oldest first"), _("Newest first")
    ),
    _trait("kind", _("Kind"), vocabulary.Kind),
    _trait("status", _("Status"), vocabulary.Status),
    Sort(
        "english",
        _("English interface"),
        offers_english,
        _("Without English first"),
        _("With English first"),
    ),
    _trait("real_name_verification", _("Real-name verification"), vocabulary.Verification),
    _trait("email_reliance", _("Email reliance"), vocabulary.Level),
    _trait("cold_messaging", _("Cold messaging of strangers"), vocabulary.ColdMessaging),
    _trait("anonymous_posting", _("Anonymous posting"), vocabulary.Availability),
    _trait("reach_beyond_china", _("Reach beyond China"), vocabulary.Level),
    _trait("ease_for_foreigners", _("Ease for foreigners"), vocabulary.Ease),
)
SORTS_BY_KEY = {sort.key: sort for sort in SORTS}

# The sort select, grouped by column; "most relevant first" only means something with a search.
SORT_CHOICES = [
    (RELEVANCE, _("Most relevant first")),
    *(
        (sort.label, [(sort.key, sort.ascending), (f"-{sort.key}", sort.descending)])
        for sort in SORTS
    ),
]

SORT_VALUES = (RELEVANCE, *(key for sort in SORTS for key in (sort.key, f"-{sort.key}")))


def order(queryset: QuerySet[Platform], value: str) -> QuerySet[Platform]:
    """`queryset` in the order `value` names (a key of SORT_CHOICES)."""
    if value == RELEVANCE:
        if "relevance" not in queryset.query.annotations:
            return queryset.order_by(name_order())
        return queryset.order_by("relevance", name_order())
    sort = SORTS_BY_KEY[value.removeprefix("-")]
    if sort.key == "users":
        queryset = annotate_latest_users(queryset)
    return queryset.order_by(*sort.ordering(descending=value.startswith("-")))
