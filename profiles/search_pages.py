"""What the pages show of a search besides its rows: the total, each platform choice's count,
and, on a candidate's page opened from the results, the way back and on to the neighbours.

A candidate opened from the results carries the search in its link (`?search=<the search's
query string>`), so the candidate's page can go back to the same results, filters and page
kept, and to the previous and next candidate in them (`profiles.neighbours`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from profiles.access import may_search_candidates
from profiles.filters import CandidateFilter
from profiles.models import ExecutiveProfile
from profiles.neighbours import neighbours
from profiles.selectors import candidate_filter, page_request
from profiles.totals import PlatformCount

# The parameter of a candidate's page that holds the search it was opened from.
SEARCH_PARAMETER = "search"
ESTIMATED = gettext_lazy("Counts marked ≈ are estimated from a sample of the candidates.")


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def count_label(count: PlatformCount) -> str:
    """ "1,234" exactly, "≈ 1,200" estimated, or "≈ 62%" where only the share is known."""
    if count.exact:
        return _number(count.count or 0)
    if count.count is not None:
        return gettext("≈ %(count)s") % {"count": _number(count.count)}
    return gettext("≈ %(percent)s%%") % {"percent": round(count.share * 100)}


def label_platform_counts(form: forms.Form, counts: dict[str, PlatformCount]) -> None:
    """Each platform choice of the filter panel with how many candidates it would find."""
    field = form.fields["platform"]
    field.choices = [
        (
            slug,
            format_html(
                '{} <span class="option-count">({})</span>', label, count_label(counts[slug])
            ),
        )
        if slug in counts
        else (slug, label)
        for slug, label in field.choices
    ]
    if any(not count.exact for count in counts.values()):
        # The bound field keeps its own copy of the help, made when the form was validated.
        form["platform"].help_text = f"{field.help_text} {ESTIMATED}"


def candidate_link_query(request: HttpRequest, advice_query: str) -> str:
    """What each result's link carries: the outreach choices that shaped its advice, and the
    search itself."""
    search = urlencode({SEARCH_PARAMETER: request.GET.urlencode()})
    return f"{advice_query}&{search}" if advice_query else search


@dataclass(frozen=True)
class SearchNavigation:
    """The links of a candidate's page back to the results it was opened from and on."""

    back: str
    previous: str = ""
    next: str = ""


def search_navigation_context(request: HttpRequest, profile: ExecutiveProfile) -> dict:
    """`search_navigation` for a recruiter who opened `profile` from a search, else nothing.

    A search that is no longer valid still leads back to the results (which say what is
    wrong); a candidate no longer among them has no neighbours.
    """
    raw = request.GET.get(SEARCH_PARAMETER)
    if raw is None or not may_search_candidates(request.user):
        return {}
    data = QueryDict(raw)
    back = f"{reverse('profiles:candidates')}?{data.urlencode()}"
    filterset = candidate_filter(user=request.user, data=data)
    around = neighbours(filterset.qs, profile.pk) if filterset.is_valid() else None
    if around is None:
        return {"search_navigation": SearchNavigation(back=back)}

    turn = _page_turn(filterset, data, profile.pk)

    def link(pk: int | None, step: int) -> str:
        if pk is None:
            return ""
        query = request.GET.copy()
        if turn is not None and pk not in turn.ids:
            query[SEARCH_PARAMETER] = turn.search(step)
        return f"{reverse('profiles:detail', kwargs={'pk': pk})}?{query.urlencode()}"

    return {
        "search_navigation": SearchNavigation(
            back=back, previous=link(around.previous, -1), next=link(around.next, 1)
        )
    }


@dataclass(frozen=True)
class PageTurn:
    """The page of results a candidate was opened from: a neighbour off it is on the page
    before or after, which the neighbour's link carries, so its "back to the results" goes to
    the page that lists them."""

    data: QueryDict
    number: int
    ids: frozenset[int]

    def search(self, step: int) -> str:
        turned = self.data.copy()
        turned["page"] = str(self.number + step)
        return turned.urlencode()


def _page_turn(filterset: CandidateFilter, data: QueryDict, pk: int) -> PageTurn | None:
    """The search's page if `pk` is on it (one statement for its ids), else None: the
    results changed since, and the page number is left as it was."""
    try:
        asked = page_request(data)
    except ValidationError:
        return None
    offset = (asked.number - 1) * asked.size
    ids = frozenset(filterset.qs.values_list("pk", flat=True)[offset : offset + asked.size])
    return PageTurn(data, asked.number, ids) if pk in ids else None
