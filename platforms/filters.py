"""The one FilterSet for platforms, shared by the directory page and the API.

Unknown values (a choice, or a switch outside the one yes/no vocabulary of `core.yesno`) fail
validation with an error keyed by the parameter, so the page can show it beside the field
(status 400) and the API can return it as a 400 body; they never reach the database.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import PageFilterSet
from core.yesno import YesNoCheckbox, YesNoFilter
from platforms import search, sorting
from platforms.models import Language, Platform

# A query's words that count: enough for any name, company or phrase people type.
SEARCH_MAX_WORDS = 8


class PlatformFilter(PageFilterSet):
    """Filters and sorts platforms; those no longer operating (`Platform.objects.operating()`)
    are hidden unless `show_historical=1`. A search is sorted by relevance unless asked."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=100,
        help_text=_(
            "A name in English, Chinese or pinyin, or a company, e.g. weibo, 微博, weixin or "
            "Tencent."
        ),
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
        label=_("Sort by"), choices=sorting.SORT_CHOICES, method="order", empty_label=None
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

    def filter_queryset(
        self, queryset: QuerySet[Platform], *, leaving_out: str = ""
    ) -> QuerySet[Platform]:
        """The platforms the filters leave, in the order asked; `leaving_out` names one filter
        to ignore (what each of its options would leave: `platforms.facets`)."""
        data = self.form.cleaned_data
        for name, value in data.items():
            if name != leaving_out:
                queryset = self.filters[name].filter(queryset, value)
        if leaving_out != "show_historical" and not data.get("show_historical"):
            queryset = queryset.operating()
        if not data.get("sort") and leaving_out != "sort":
            queryset = sorting.order(queryset, sorting.RELEVANCE if data.get("q") else "name")
        return queryset

    def search(self, queryset: QuerySet[Platform], name: str, value: str) -> QuerySet[Platform]:
        """Every word must match a name (or its pinyin), the slug, the parent company or a
        summary; `relevance` ranks how well (`platforms.search`)."""
        return search.search(queryset, value.split()[:SEARCH_MAX_WORDS])

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
        return sorting.order(queryset, value)
