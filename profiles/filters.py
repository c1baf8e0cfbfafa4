"""The candidate search filter: one FilterSet shared by the recruiter page and the API.

Channel conditions (active / open to inquiries / verified) describe the same membership as the
platform filter: "on Weibo or Maimai, open to inquiries there" means one membership on Weibo or
Maimai that is open, not "on Weibo, and open somewhere else". They are applied together through
`ExecutiveProfile.objects.on_platforms()`, whose EXISTS subqueries keep one row per profile.
`false` asks for the opposite on that same membership ("on Weibo, not open to inquiries there").
"""

from __future__ import annotations

import copy
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.forms import PageFilterSet, PageForm
from core.yesno import YesNoFilter
from platforms.models import Platform
from platforms.selectors import platforms_by_id
from platforms.vocabulary import offer_key, offered_name
from profiles.models import (
    ACTIVE_LEVELS,
    Activity,
    City,
    CompanyType,
    ExecutiveProfile,
    ExecutiveProfileQuerySet,
    Industry,
    Seniority,
    seniority_rank,
)
from profiles.network_search import reach
from profiles.paths import Start, starts_for
from profiles.search import filter_by_text, most_relevant_first, names_in_order, query_terms
from profiles.totals import planned_rows, result_total

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_TERMS = 8

INACTIVE_LEVELS = [level for level in Activity.values if level not in ACTIVE_LEVELS]


def operating_platforms() -> dict[str, Platform]:
    """Every platform still operating, by slug, in the order they are offered (those whose
    status is unknown last), from the process's copy of the records: offering and checking the
    choice costs no query."""
    offered = (platform for platform in platforms_by_id().values() if platform.is_operating)
    platforms = sorted(
        offered, key=lambda platform: offer_key(platform.operating_state, platform.name_en)
    )
    return {platform.slug: platform for platform in platforms}


def yes_no_filter(label: str, **kwargs: Any) -> YesNoFilter:
    """A three-way switch (any / yes / no) in the site's one yes/no vocabulary."""
    return YesNoFilter(label=label, any_label=_("Any"), **kwargs)


def search_text(value: str) -> str:
    """The words of a query that count: the first `SEARCH_MAX_TERMS`."""
    return " ".join(value.split()[:SEARCH_MAX_TERMS])


def asks_for_words(data: dict[str, Any]) -> bool:
    """Whether the cleaned filter `data` holds words to look for, not only spaces or
    punctuation: what ranks by relevance and sorts the matches by name (`names_in_order`)."""
    return bool(query_terms(search_text(data.get("q") or "")))


def filter_text(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """Every word must be found in the name, company, title or city: a Latin word by its
    start, Chinese anywhere, a role by any of its names in either language (`profiles.search`,
    indexed on PostgreSQL)."""
    return filter_by_text(queryset, search_text(value))


def filter_language(queryset: QuerySet, name: str, value: str) -> QuerySet:
    field = {"zh": "speaks_chinese", "en": "speaks_english"}[value]
    return queryset.filter(**{field: True})


# The sorts a search gets unless another is chosen: the best match, which is the most relevant
# first for a text search and the most recently updated otherwise (`CandidateFilterForm.clean`).
BEST_MATCH = "best"
RECENT_FIRST = "updated"


def sort_by(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """Orderings end on the primary key so pages never overlap or skip rows. "Most relevant
    first" ranks the final result (`CandidateFilter.filter_queryset`), or falls back to the
    most recently updated first."""
    if value == "name":
        return queryset.order_by("display_name", "id")
    if value == "seniority":
        return queryset.order_by(seniority_rank().desc(), "-updated_at", "-id")
    return queryset.order_by("-updated_at", "-id")


class CandidateFilterForm(PageForm):
    """The candidate filter's form: "best match" is cleaned into the order it means, so every
    reader of the sort (the search, the counts, the API) sees the same one."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("sort") == BEST_MATCH:
            # The form keeps showing "best match", so a search typed next is ranked too.
            cleaned["sort"] = "relevance" if asks_for_words(cleaned) else RECENT_FIRST
        return cleaned


# "Reachable through my network": how far, and whether through the team's contacts too.
NETWORK_SCOPES = {
    "2nd": (2, False),
    "3rd": (3, False),
    "team-2nd": (2, True),
    "team-3rd": (3, True),
}
NEEDS_A_START = _(
    "Reaching people through your network needs a profile of your own (private is enough) or, "
    "for the team choices, a recruiter team."
)
CLOSEST_NEEDS_NETWORK = _(
    "Closest first sorts the people reachable through your network: choose how far under "
    "“Reachable through”."
)
RELEVANCE_NEEDS_TEXT = _(
    "Most relevant first ranks people by the words you search for: type a name, company or title."
)


class CandidateFilter(PageFilterSet):
    # Channel: where the candidate can be reached, and how.
    platform = django_filters.MultipleChoiceFilter(
        label=_("Platform"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only platforms still operating; those whose status is unknown come last. Beside "
            "each, how many candidates on it match your filters outside “Reachable on”."
        ),
    )
    platform_match = django_filters.ChoiceFilter(
        label=_("Match"),
        choices=[
            ("any", _("On any of these platforms")),
            ("all", _("On all of these platforms")),
        ],
        empty_label=None,
        widget=forms.RadioSelect,
    )
    active = yes_no_filter(_("Active there"), help_text=_("Uses the platform at least monthly."))
    open_to_inquiries = yes_no_filter(_("Open to inquiries there"))
    verified = yes_no_filter(
        _("Says verified there"),
        help_text=_("The executive's own statement: NetworkDir does not check it."),
    )

    # The person.
    q = django_filters.CharFilter(
        label=_("Name, company or title"),
        method=filter_text,
        max_length=SEARCH_MAX_LENGTH,
    )
    industry = django_filters.ChoiceFilter(
        label=_("Industry"), choices=Industry.choices, empty_label=_("Any")
    )
    city = django_filters.ChoiceFilter(label=_("City"), choices=City.choices, empty_label=_("Any"))
    seniority = django_filters.MultipleChoiceFilter(
        label=_("Seniority"),
        choices=Seniority.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    company_type = django_filters.MultipleChoiceFilter(
        label=_("Company type"),
        choices=CompanyType.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = django_filters.ChoiceFilter(
        label=_("Speaks"),
        choices=[("zh", _("Chinese")), ("en", _("English"))],
        empty_label=_("Any"),
        method=filter_language,
    )
    abroad_experience = yes_no_filter(_("Studied or worked abroad"))
    open_to_opportunities = yes_no_filter(_("Open to opportunities"))

    # Your network.
    network = django_filters.ChoiceFilter(
        label=_("Reachable through"),
        choices=[
            ("2nd", _("My contacts (2nd degree)")),
            ("3rd", _("My network (up to 3rd degree)")),
            ("team-2nd", _("My or my team's contacts (2nd degree)")),
            ("team-3rd", _("My or my team's network (up to 3rd degree)")),
        ],
        empty_label=_("Anyone"),
        help_text=_("People someone you know, willing to introduce them, could introduce you to."),
    )

    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            (BEST_MATCH, _("Best match")),
            ("relevance", _("Most relevant first")),
            (RECENT_FIRST, _("Recently updated")),
            ("name", _("Name")),
            ("seniority", _("Seniority, most senior first")),
            ("closest", _("Closest first, through your network")),
        ],
        empty_label=None,
        method=sort_by,
        help_text=_(
            "Best match lists the most relevant first when you search for words, and the most "
            "recently updated otherwise."
        ),
    )

    # Filters applied together as one membership condition, not one by one; and the filters
    # that need the viewer (`filter_network`).
    CHANNEL_FILTERS = frozenset(
        {"platform", "platform_match", "active", "open_to_inquiries", "verified"}
    )
    VIEWER_FILTERS = frozenset({"network"})

    class Meta:
        model = ExecutiveProfile
        fields: list[str] = []

    DEFAULTS = {"platform_match": "any", "sort": BEST_MATCH}
    base_form = CandidateFilterForm

    def __init__(
        self, data=None, queryset=None, *, request=None, prefix: str | None = None, viewer=None
    ) -> None:
        """Fill in the defaults so the form shows them as chosen.

        Unlike django-filter's, the filters are the class's own rather than deep copies made for
        every search: none keeps anything of a request (their methods are plain functions), and
        copying them cost more than running the search's SQL. The network filter reads the
        `viewer` (the request's user unless given), through this FilterSet rather than a filter.
        """
        self.viewer = viewer if viewer is not None else getattr(request, "user", None)
        if data is not None:
            data = data.copy()
            for name, default in self.DEFAULTS.items():
                if not data.get(name):
                    data[name] = default
        self.is_bound = data is not None
        self.data = data or {}
        self.queryset = ExecutiveProfile.objects.none() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = self.base_filters

    @property
    def form(self) -> forms.Form:
        """The bound form, offering the platforms operating now."""
        if not hasattr(self, "_form"):
            self.platforms = operating_platforms()
            self._form = self.get_form_class()(self.data if self.is_bound else None)
            self._form.fields["platform"].choices = [
                (slug, offered_name(platform.name, platform.operating_state))
                for slug, platform in self.platforms.items()
            ]
        return self._form

    def is_valid(self) -> bool:
        """The form's checks, then the network's: it needs somewhere for paths to start."""
        valid = super().is_valid()
        data = self.form.cleaned_data
        if data.get("network") and not self.starts:
            self.form.add_error("network", NEEDS_A_START)
        if data.get("sort") == "closest" and not data.get("network"):
            self.form.add_error("sort", CLOSEST_NEEDS_NETWORK)
        if data.get("sort") == "relevance" and "q" in data and not asks_for_words(data):
            self.form.add_error("sort", RELEVANCE_NEEDS_TEXT)
        return valid and not self.form.errors

    def standing_in(self, data: dict[str, Any], platforms: dict[str, Platform]) -> CandidateFilter:
        """This search over the same profiles, as if its form had cleaned `data` and offered
        `platforms`, and ranked as this one is: what a shape's statement is compiled from, with
        stand-ins for the values that are its parameters (`profiles.search_shapes`)."""
        twin = copy.copy(self)
        for computed in ("_qs", "matches", "ranked"):
            twin.__dict__.pop(computed, None)
        twin._form = copy.copy(self.form)
        twin._form.cleaned_data = data
        twin.platforms = platforms
        if data.get("sort") == "relevance":
            twin.ranked = self.ranked
        return twin

    @property
    def starts(self) -> list[Start]:
        """Where the chosen network's paths start (read once)."""
        if not hasattr(self, "_starts"):
            _degree, include_team = NETWORK_SCOPES[self.form.cleaned_data["network"]]
            self._starts = starts_for(self.viewer, include_team=include_team)
        return self._starts

    def filter_queryset(self, queryset: ExecutiveProfileQuerySet) -> QuerySet:
        """The matches in the order asked (`profiles.search.most_relevant_first` ranks them;
        `names_in_order` sorts the matches of words by name while they are few)."""
        data = self.form.cleaned_data
        if self.ranked:
            return most_relevant_first(self.matches, search_text(data["q"]))
        if data.get("sort") == "name" and asks_for_words(data):
            return names_in_order(self.matches, planned_rows(self.matches))
        return self.matches

    @cached_property
    def matches(self) -> QuerySet:
        """Every candidate the filters find (however they are sorted), for counting them."""
        data = self.form.cleaned_data
        return self.filter_person(self.filter_channels(self.queryset, data), data)

    @cached_property
    def ranked(self) -> bool:
        """Whether the results are ranked by relevance: asked for, and no more than the count's
        cap (`profiles.totals`), since ranking reads every match before the first page. More
        matches than that come most recently updated first (the page says so)."""
        if self.form.cleaned_data.get("sort") != "relevance":
            return False
        return result_total(self).exact

    def filter_person(self, queryset: QuerySet, data: dict[str, Any]) -> QuerySet:
        """Every filter but the channels', then the network's."""
        for name, value in data.items():
            if name not in self.CHANNEL_FILTERS | self.VIEWER_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        return self.filter_network(queryset, data)

    def without_channels(self) -> QuerySet:
        """The candidates every filter but the channels' finds, unsorted: what each platform
        choice's count starts from (`profiles.totals`)."""
        data = {name: value for name, value in self.form.cleaned_data.items() if name != "sort"}
        return self.filter_person(self.queryset, data)

    @property
    def has_channel_filters(self) -> bool:
        data = self.form.cleaned_data
        return bool(data.get("platform")) or bool(self.membership_conditions())

    def filter_network(self, queryset: ExecutiveProfileQuerySet, data: dict[str, Any]) -> QuerySet:
        """People reachable through the viewer's (or team's) network, as subqueries of the
        search's own statement (`profiles.network_search`); "closest first" ranks them."""
        if not data.get("network"):
            return queryset
        if not self.starts:
            return queryset.none()
        max_degree, _team = NETWORK_SCOPES[data["network"]]
        reachable = reach(self.viewer, self.starts, max_degree=max_degree)
        return reachable.filter(queryset, closest=data.get("sort") == "closest")

    @property
    def network_scope(self) -> tuple[int, bool] | None:
        """(max degree, through the team too) of the network filter chosen, if any."""
        network = self.form.cleaned_data.get("network") if self.is_bound else None
        return NETWORK_SCOPES.get(network) if network else None

    def filter_channels(
        self, queryset: ExecutiveProfileQuerySet, data: dict[str, Any]
    ) -> ExecutiveProfileQuerySet:
        """Platforms plus the conditions on the membership there, as EXISTS subqueries.

        Conditions without a chosen platform mean "on any operating platform".
        """
        conditions = self.membership_conditions()
        slugs = data.get("platform") or []
        if slugs:
            return queryset.on_platforms(
                [self.platforms[slug].pk for slug in slugs],
                all_of=data.get("platform_match") == "all",
                **conditions,
            )
        if conditions:
            return queryset.on_platforms(Platform.objects.operating(), **conditions)
        return queryset

    def membership_conditions(self) -> dict[str, Any]:
        """The conditions chosen on the membership (active, open, verified), as lookups."""
        data = self.form.cleaned_data
        conditions: dict[str, Any] = {}
        if data.get("active") is not None:
            conditions["activity__in"] = ACTIVE_LEVELS if data["active"] else INACTIVE_LEVELS
        for flag in ("open_to_inquiries", "verified"):
            if data.get(flag) is not None:
                conditions[flag] = data[flag]
        return conditions
