"""Saved searches: a recruiter's candidate filters kept under a name, and what is new in them.

The filters are the search page's own query string, checked by the same FilterSet
(`profiles.filters.CandidateFilter` through `candidate_filter`), so a saved search can hold
nothing the search page would refuse, and refusals read the same. "New since you last opened
it" counts the profiles that match and changed after that moment (a profile that starts to
match — shared with recruiters, a new platform, a new title — changes then): the search's own
SQL with `updated_at > last opened`, read through the `profile_recent` index in its order and
stopped after `NEW_COUNT_CAP` rows, so the count costs the same for a million profiles as for a
thousand. More than the cap shows as "99+".

A saved search is its owner's alone; filing it in a project needs the right to change the
project. Opening it stamps `last_opened_at`; the daily digest (`digest_for`) lists what is new
since the later of that and the last digest.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.writes import write_only
from core.yesno import yes_no_label
from outreach.vocabulary import OUTREACH_PARAMETERS
from profiles.filters import RECENT_FIRST, CandidateFilter
from profiles.models import ExecutiveProfile
from profiles.selectors import candidate_filter
from workspace.models import Project, SavedSearch

NEW_COUNT_CAP = 100
MAX_SAVED_SEARCHES = 50
QUERY_MAX_LENGTH = SavedSearch._meta.get_field("query").max_length

TOO_MANY = _("You have %(limit)d saved searches, the most one can keep: delete one first.")
NOT_YOUR_PROJECT = _("Choose one of your projects that you can change.")
QUERY_TOO_LONG = _("These filters are too long to save (at most %(limit)d characters).")
NOT_A_FILTER = _("Not a filter of the candidate search.")
UNKNOWN_FILTERS = _(
    "Not a filter of the candidate search: %(names)s. Give the filters as the search's address "
    "has them after its “?”, e.g. q=CFO&city=suzhou."
)
# What a search's address may also hold, which a saved search leaves out: its page, and the
# advice beside the results.
PASSED_OVER = frozenset({"page", "page_size", *OUTREACH_PARAMETERS})
# `update_search(project=UNCHANGED)` leaves the project as it is (None files it on its own).
UNCHANGED: Any = object()


# --- The filters -----------------------------------------------------------------------------


def query_data(query: str) -> QueryDict:
    """Filters given as a query string, a leading "?" pasted with them allowed."""
    return QueryDict(query.removeprefix("?"))


def unknown_names(filterset: CandidateFilter) -> list[str]:
    """The names in the filters' data that are neither a filter nor left out on purpose
    (`PASSED_OVER`): dropping them would save a search for every candidate."""
    known = filterset.form.fields.keys() | PASSED_OVER
    return [name for name in filterset.data if name not in known]


def filter_problems(filterset: CandidateFilter) -> dict[str, list[str]]:
    """What the search page would say about the filters, by filter name."""
    if filterset.is_valid():
        return {}
    return {name: list(messages) for name, messages in filterset.form.errors.items()}


def canonical_query(filterset: CandidateFilter) -> str:
    """The filters the search page applies, as a query string in the panel's order: no page,
    no advice settings, no defaults, nothing the FilterSet doesn't know."""
    pairs = []
    for name in filterset.form.fields:
        values = [v for v in filterset.data.getlist(name) if v.strip()]
        if values and values != [CandidateFilter.DEFAULTS.get(name)]:
            pairs.extend((name, value) for value in values)
    return urlencode(pairs)


def checked_query(*, owner: User, query: str | Mapping) -> str:
    """The canonical form of valid filters; otherwise a refusal under `query` that names each
    filter as the panel labels it, with the search page's own message."""
    data = query if isinstance(query, QueryDict) else query_data(query)
    filterset = candidate_filter(user=owner, data=data)
    unknown = unknown_names(filterset)
    if unknown:
        message = UNKNOWN_FILTERS % {"names": ", ".join(unknown)}
        raise ValidationError({"query": [message]}, code="unknown_filters")
    problems = filter_problems(filterset)
    if problems:
        labels = filterset.form.fields
        raise ValidationError(
            {
                "query": [
                    f"{labels[name].label if name in labels else name}: {message}"
                    for name, messages in problems.items()
                    for message in messages
                ]
            },
            code="invalid_filters",
        )
    canonical = canonical_query(filterset)
    if len(canonical) > QUERY_MAX_LENGTH:
        message = QUERY_TOO_LONG % {"limit": QUERY_MAX_LENGTH}
        raise ValidationError({"query": [message]}, code="too_long")
    return canonical


def describe(filterset: CandidateFilter) -> list[tuple[str, str]]:
    """The filters in use as the panel labels them, e.g. ("City", "Suzhou"), for a validated
    FilterSet; defaults left out."""
    described = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", []) or value == CandidateFilter.DEFAULTS.get(name):
            continue
        if isinstance(value, bool):
            text = yes_no_label(value)
        else:
            labels = dict(getattr(field, "choices", None) or ())
            values = value if isinstance(value, list) else [value]
            text = ", ".join(str(labels.get(item, item)) for item in values)
        described.append((str(field.label), text))
    return described


def search_url(search: SavedSearch) -> str:
    """The search page showing the saved search's results."""
    url = reverse("profiles:candidates")
    return f"{url}?{search.query}" if search.query else url


# --- Writes ----------------------------------------------------------------------------------


def _check_project(project: Project | None, owner: User) -> None:
    if project is None:
        return
    if not Project.objects.active().editable_by(owner).filter(pk=project.pk).exists():
        raise ValidationError({"project": ValidationError(NOT_YOUR_PROJECT, code="project")})


@transaction.atomic
def save_search(
    *, owner: User, name: str, query: str, project: Project | None = None, digest: bool = False
) -> SavedSearch:
    """Keep the filters under a name. Opening the results counts as seeing them: what is new
    is counted from now."""
    if SavedSearch.objects.filter(owner=owner).count() >= MAX_SAVED_SEARCHES:
        message = TOO_MANY % {"limit": MAX_SAVED_SEARCHES}
        raise ValidationError({"name": ValidationError(message, code="too_many")})
    _check_project(project, owner)
    search = SavedSearch(
        owner=owner,
        name=" ".join(name.split()),
        query=checked_query(owner=owner, query=query),
        project=project,
        digest=digest,
        last_opened_at=timezone.now(),
    )
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def update_search(
    *,
    search: SavedSearch,
    by: User,
    name: str | None = None,
    query: str | None = None,
    project: Project | None = UNCHANGED,
    digest: bool | None = None,
) -> SavedSearch:
    """Rename it, change its filters, file it elsewhere (`project=None`: on its own) or switch
    its digest; what is left out stays.

    Only what was given is written (`core.writes.write_only`): the digest's `digest_sent_at`
    and the `last_opened_at` another tab set meanwhile hold (written back from a stale copy,
    they would send a digest's matches twice or count old ones as new). Returns the row as
    saved.
    """
    if search.owner_id != by.pk:
        raise PermissionDenied
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = " ".join(name.split())
    if query is not None:
        changes["query"] = checked_query(owner=by, query=query)
    if digest is not None:
        changes["digest"] = digest
    if project is not UNCHANGED:
        _check_project(project, by)
        changes["project"] = project
    return write_only(SavedSearch, search.pk, changes)


def delete_search(*, search: SavedSearch, by: User) -> None:
    if search.owner_id != by.pk:
        raise PermissionDenied
    search.delete()


def mark_opened(search: SavedSearch, *, at: datetime.datetime | None = None) -> None:
    """The recruiter saw the results: what is new counts from now."""
    search.last_opened_at = at or timezone.now()
    SavedSearch.objects.filter(pk=search.pk).update(last_opened_at=search.last_opened_at)


# --- Reads -----------------------------------------------------------------------------------


def searches_of(user: User) -> QuerySet[SavedSearch]:
    """The user's saved searches, most recently opened first; the one rule of who sees one."""
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return (
        SavedSearch.objects.filter(owner=user)
        .select_related("project")
        .order_by("-last_opened_at", "name", "id")
    )


def new_matches(
    search: SavedSearch, *, since: datetime.datetime | None = None
) -> QuerySet[ExecutiveProfile]:
    """The profiles matching the saved filters that changed after `since` (by default, when
    it was last opened); none if its filters no longer hold (a platform shut down since)."""
    data = QueryDict(search.query, mutable=True)
    # Unsorted matches: a ranking (most relevant first, closest first) reads every match first.
    data["sort"] = RECENT_FIRST
    filterset = candidate_filter(user=search.owner, data=data)
    if not filterset.is_valid():
        return ExecutiveProfile.objects.none()
    since = since or search.last_opened_at or search.created_at
    return filterset.qs.filter(updated_at__gt=since)


@dataclass(frozen=True)
class NewCount:
    """How many candidates are new in a saved search, up to the cap."""

    count: int

    @property
    def capped(self) -> bool:
        return self.count >= NEW_COUNT_CAP

    def __str__(self) -> str:
        return f"{NEW_COUNT_CAP - 1}+" if self.capped else str(self.count)

    def __bool__(self) -> bool:
        return self.count > 0


def new_count(search: SavedSearch, *, since: datetime.datetime | None = None) -> NewCount:
    """One statement: COUNT over the first `NEW_COUNT_CAP` new matches, in no particular order
    (so PostgreSQL may walk `profile_recent` from the newest and stop at the cap)."""
    matches = new_matches(search, since=since).order_by().values("pk")
    return NewCount(matches[:NEW_COUNT_CAP].count())


def with_new_counts(
    owner: User, searches: QuerySet[SavedSearch] | list[SavedSearch]
) -> list[SavedSearch]:
    """`owner`'s searches, each with `new` (a `NewCount`): one capped count per search, the
    owner's permissions read once for all of them."""
    searches = list(searches)
    for search in searches:
        search.owner = owner
        search.new = new_count(search)
    return searches


class Match(NamedTuple):
    """A new match as a digest lists it."""

    id: int
    display_name: str
    title: str
    company: str


def newest_matches(search: SavedSearch, *, since: datetime.datetime, limit: int) -> list[Match]:
    """The first `limit` new matches, most recently changed first."""
    newest = new_matches(search, since=since).order_by("-updated_at", "-id")
    return [Match(*row) for row in newest.values_list(*Match._fields)[:limit]]
