"""The one FilterSet for platforms, shared by the directory page and the API.

Unknown values (a choice, or a switch outside the one yes/no vocabulary of `core.yesno`) fail
validation with an error keyed by the parameter, so the page can show it beside the field
(status 400) and the API can return it as a 400 body; they never reach the database.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import PageFilterSet
from core.yesno import YesNoCheckbox, YesNoFilter
from platforms.models import Language, Platform
from platforms.selectors import annotate_latest_users

SEARCH_FIELDS = (
    "name_en",
    "name_zh",
    "slug",
    "summary_en",
    "summary_zh",
    "parent_company",
)


# Each sort: its label, and its ordering (ties broken by name so the order is stable).
SORTS = {
    "name": (_("Name, A to Z"), (F("name_en").asc(),)),
    "-name": (_("Name, Z to A"), (F("name_en").desc(),)),
    "-users": (
        _("Most users first"),
        (F("latest_users").desc(nulls_last=True), F("name_en").asc()),
    ),
    "users": (
        _("Fewest users first"),
        (F("latest_users").asc(nulls_last=True), F("name_en").asc()),
    ),
    "-launched": (
        _("Newest first"),
        (F("launched_year").desc(nulls_last=True), F("name_en").asc()),
    ),
    "launched": (
        _("Oldest first"),
        (F("launched_year").asc(nulls_last=True), F("name_en").asc()),
    ),
}
SORT_CHOICES = [(value, label) for value, (label, _ordering) in SORTS.items()]


class PlatformFilter(PageFilterSet):
    """Filters and sorts platforms; historical ones are hidden unless `show_historical=1`."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=100,
        help_text=_("A name in English or Chinese, or a company, e.g. weibo or 微博."),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Platform.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    language = django_filters.ModelMultipleChoiceFilter(
        label=_("Interface language"),
        queryset=Language.objects.all(),
        to_field_name="code",
        method="offers_language",
        widget=forms.CheckboxSelectMultiple,
    )
    real_name_verification = django_filters.ChoiceFilter(
        label=_("Real-name verification"),
        choices=Platform.Verification.choices,
        empty_label=_("Any"),
    )
    email_reliance = django_filters.ChoiceFilter(
        label=_("Email reliance"), choices=Platform.Level.choices, empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Platform.Kind.choices, empty_label=_("Any")
    )
    show_historical = YesNoFilter(
        label=_("Show historical platforms"), method="keep_historical", widget=YesNoCheckbox
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="order", empty_label=None
    )

    class Meta:
        model = Platform
        fields = ()

    def __init__(self, data=None, *args, **kwargs) -> None:
        # Always bound, so the default (historical platforms hidden) applies to a bare request.
        super().__init__({} if data is None else data, *args, **kwargs)

    def cache_key(self) -> tuple:
        """A valid FilterSet's filters as a stable value, equal for queries meaning the same: the
        cache key of the directory's cards."""
        key = []
        for name, value in sorted(self.form.cleaned_data.items()):
            if name == "language":
                value = tuple(sorted(language.code for language in value))
            elif isinstance(value, list):
                value = tuple(sorted(value))
            key.append((name, value))
        return tuple(key)

    def filter_queryset(self, queryset: QuerySet[Platform]) -> QuerySet[Platform]:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("show_historical"):
            queryset = queryset.operating()
        return queryset

    def search(self, queryset: QuerySet[Platform], name: str, value: str) -> QuerySet[Platform]:
        """Every word must match one of the names, the slug, a summary or the parent company."""
        for word in value.split():
            match = Q()
            for field_name in SEARCH_FIELDS:
                match |= Q(**{f"{field_name}__icontains": word})
            queryset = queryset.filter(match)
        return queryset

    def offers_language(
        self, queryset: QuerySet[Platform], name: str, value: QuerySet[Language]
    ) -> QuerySet[Platform]:
        """Platforms offering any of the chosen interface languages (no duplicate rows)."""
        if not value:
            return queryset
        offered = Platform.interface_languages.through.objects.filter(
            platform=OuterRef("pk"), language__in=value
        )
        return queryset.filter(Exists(offered))

    def keep_historical(
        self, queryset: QuerySet[Platform], name: str, value: bool
    ) -> QuerySet[Platform]:
        """Read in `filter_queryset`, which hides historical platforms unless this is on."""
        return queryset

    def order(self, queryset: QuerySet[Platform], name: str, value: str) -> QuerySet[Platform]:
        if value in {"users", "-users"}:
            queryset = annotate_latest_users(queryset)
        _label, ordering = SORTS[value]
        return queryset.order_by(*ordering)
