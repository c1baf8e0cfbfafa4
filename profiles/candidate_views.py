"""Recruiter candidate search, its CSV export, and the profile page everyone may open.

Privacy is decided by the querysets (`candidates_for`, `visible_to`) behind the selectors;
these views only check the role and shape the response.
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Callable, Iterable
from functools import cache, cached_property, wraps

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from outreach.catalog import load_catalog
from outreach.forms import OUTREACH_PARAMETERS, OutreachForm
from outreach.reachability import ChannelSummary, summarize
from outreach.recommender import recommend, sorted_sources
from platforms.cache import data_version, fragment_cache, shared_each
from profiles.advice import target_from_profile
from profiles.filters import CandidateFilter
from profiles.models import ExecutiveProfile, Membership, is_admin, is_recruiter
from profiles.selectors import (
    candidate_filter,
    candidate_page,
    candidate_version,
    candidates_for_export,
    export_row_limit,
    profiles_for_detail,
)
from profiles.services import record_candidate_export

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Deep offsets are slow and nobody pages this far: narrow the filter instead.
MAX_PAGE_NUMBER = 10_000
# Query parameters that choose a page, not candidates: left out of exports and their log.
PAGING_PARAMETERS = ("page", "page_size")
# Query parameters that shape the advice on each result, not which candidates match: likewise.
NOT_FILTER_PARAMETERS = (*PAGING_PARAMETERS, *OUTREACH_PARAMETERS)


def recruiter_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login page; logged-in people without the role get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (is_recruiter(request.user) or is_admin(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class PagingForm(forms.Form):
    page = forms.IntegerField(
        label=_("Page"), min_value=1, max_value=MAX_PAGE_NUMBER, required=False
    )
    page_size = forms.IntegerField(label=_("Results per page"), min_value=1, required=False)

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1

    def clean_page_size(self) -> int:
        """Sizes above the maximum are capped rather than refused."""
        return min(self.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def search_page_context(
    filterset: CandidateFilter, paging: PagingForm, outreach: OutreachForm | None = None
) -> dict:
    outreach = outreach or OutreachForm()
    return {
        "form": filterset.form,
        "paging": paging,
        "outreach": outreach,
        "export_row_limit": export_row_limit(),
        # The sidebar depends only on the query string (and the platforms): rendered once.
        "filters_cache": fragment_cache(
            *(query_items(form.data) for form in (filterset.form, paging, outreach))
        ),
    }


def query_items(data) -> list:
    """A form's data in a stable order, whether a QueryDict or a plain dict."""
    items = data.lists() if hasattr(data, "lists") else data.items()
    return sorted((name, str(value)) for name, value in items)


class CandidateResult:
    """A search result: the candidate, and the channels to reach them by, best first.

    The advice is worked out when first read: a result whose row is kept
    (`result_rows`) is never scored.
    """

    def __init__(
        self,
        profile: ExecutiveProfile,
        advise: Callable[[ExecutiveProfile], tuple[ChannelSummary, ...]],
    ) -> None:
        self.profile = profile
        self._advise = advise

    @cached_property
    def how_to_reach(self) -> tuple[ChannelSummary, ...]:
        return self._advise(self.profile)


def advise_on_candidates(
    candidates: Iterable[ExecutiveProfile], *, outreach: OutreachForm
) -> list[CandidateResult]:
    """Each candidate with the advice on reaching them, scored in pure Python from their
    prefetched channels; the catalog is loaded once, for the first result read."""
    catalog = cache(load_catalog)
    inputs = outreach.recommender_inputs()

    def how_to_reach(profile: ExecutiveProfile) -> tuple[ChannelSummary, ...]:
        return summarize(recommend(catalog(), target=target_from_profile(profile), **inputs))

    return [CandidateResult(profile, how_to_reach) for profile in candidates]


def result_rows(results: list[CandidateResult], *, advice_query: str, version: str) -> list[str]:
    """Each result as the page shows it, kept for every recruiter until the candidate (or the
    platform records) change: rendering a row costs more than finding it. `version`: the
    data version read before the results (`platforms.cache.shared_each`)."""

    def render_rows(missing: list[CandidateResult]) -> list[str]:
        context = {"advice_query": advice_query, "rules_url": reverse("outreach:advisor")}
        return [
            render_to_string("profiles/candidate_result.html", {**context, "result": result})
            for result in missing
        ]

    rows = shared_each(
        "candidate-result",
        results,
        version=version,
        identity=lambda result: candidate_version(result.profile),
        build=render_rows,
        vary=(advice_query,),
    )
    return [mark_safe(row) for row in rows]  # rendered by an autoescaping template


@require_GET
@never_cache
@recruiter_required
def candidate_search_view(request: HttpRequest) -> HttpResponse:
    filterset = candidate_filter(user=request.user, data=request.GET)
    paging = PagingForm(request.GET)
    outreach = OutreachForm(request.GET)
    context = search_page_context(filterset, paging, outreach)
    if not all([filterset.is_valid(), paging.is_valid(), outreach.is_valid()]):
        return render(request, "profiles/candidate_search.html", context, status=400)
    version = data_version()
    page = candidate_page(
        filterset.qs,
        number=paging.cleaned_data["page"],
        size=paging.cleaned_data["page_size"],
    )
    results = advise_on_candidates(page.candidates, outreach=outreach)
    advice_query = outreach.query if outreach.has_parameters else ""
    context["page"] = page
    context["results"] = results
    context["result_rows"] = result_rows(results, advice_query=advice_query, version=version)
    return render(request, "profiles/candidate_search.html", context)


def filter_query(request: HttpRequest) -> str:
    """The request's query string without the paging and advice parameters."""
    query = request.GET.copy()
    for name in NOT_FILTER_PARAMETERS:
        query.pop(name, None)
    return query.urlencode()


def describe_channel(membership: Membership) -> str:
    """One channel as a CSV cell: platform, handle unless hidden, and how reachable it is."""
    details = []
    if membership.handle and not membership.hide_handle:
        details.append(membership.handle)
    details.append(membership.get_activity_display())
    if membership.open_to_inquiries:
        details.append(gettext("open to inquiries"))
    if membership.verified:
        details.append(gettext("verified"))
    if membership.preferred:
        details.append(gettext("preferred"))
    return f"{membership.platform.name} ({', '.join(str(d) for d in details)})"


def yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def spreadsheet_safe(value: object) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def candidate_csv_row(request: HttpRequest, profile: ExecutiveProfile) -> list[str]:
    row = [
        profile.display_name,
        yes_no(profile.is_fictional),
        profile.title,
        profile.company,
        profile.get_company_type_display(),
        profile.get_industry_display(),
        profile.get_city_display(),
        profile.get_seniority_display(),
        ", ".join(profile.languages),
        yes_no(profile.abroad_experience),
        yes_no(profile.open_to_opportunities),
        "; ".join(describe_channel(membership) for membership in profile.channels),
        profile.updated_at.date().isoformat(),
        request.build_absolute_uri(reverse("profiles:detail", kwargs={"pk": profile.pk})),
    ]
    return [spreadsheet_safe(value) for value in row]


def candidate_csv_header() -> list[str]:
    return [
        gettext("Name"),
        gettext("Fictional demo person"),
        gettext("Title"),
        gettext("Company"),
        gettext("Company type"),
        gettext("Industry"),
        gettext("City"),
        gettext("Seniority"),
        gettext("Languages"),
        gettext("Studied or worked abroad"),
        gettext("Open to opportunities"),
        gettext("Reachable on"),
        gettext("Updated"),
        gettext("Profile page"),
    ]


@require_GET
@never_cache
@recruiter_required
def candidate_export_view(request: HttpRequest) -> HttpResponse:
    """The current filtered result as CSV, logged."""
    filterset = candidate_filter(user=request.user, data=request.GET)
    if not filterset.is_valid():
        context = search_page_context(filterset, PagingForm())
        return render(request, "profiles/candidate_search.html", context, status=400)
    return candidate_csv_response(request, filterset.qs)


def candidate_csv_response(request: HttpRequest, queryset: QuerySet) -> HttpResponse:
    """The filtered candidates as CSV (UTF-8 with a BOM so Excel reads Chinese), the export logged.

    Shared by the page and the API so both write the same file and the same log entry.
    """
    with transaction.atomic():
        candidates = candidates_for_export(queryset)
        record_candidate_export(
            recruiter=request.user, query=filter_query(request), row_count=len(candidates)
        )

    filename = f"candidates-{timezone.localtime():%Y%m%d-%H%M}.csv"
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(candidate_csv_header())
    writer.writerows(candidate_csv_row(request, profile) for profile in candidates)
    return response


class Audience(enum.Enum):
    """Who is looking at a profile decides which of its fields they see."""

    PUBLIC = "public"
    RECRUITER = "recruiter"
    OWNER = "owner"


def audience_for(user: User | AnonymousUser, profile: ExecutiveProfile) -> Audience:
    if user.is_authenticated and profile.user_id == user.pk:
        return Audience.OWNER
    if is_recruiter(user) or is_admin(user):
        return Audience.RECRUITER
    return Audience.PUBLIC


def how_to_reach_context(request: HttpRequest, profile: ExecutiveProfile) -> dict:
    """The ranked advice for reaching `profile`, for the purpose and sender in the query."""
    outreach = OutreachForm(request.GET)
    if not outreach.is_valid():
        return {"outreach": outreach}
    advice = recommend(
        load_catalog(), target=target_from_profile(profile), **outreach.recommender_inputs()
    )
    return {
        "outreach": outreach,
        "advice": advice,
        "advice_sources": sorted_sources(
            source for c in advice.advised for r in c.reasons for source in r.sources
        ),
    }


@require_GET
def profile_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile outside the viewer's reach is a 404, so its existence doesn't leak.

    Advice on how to reach the person is for recruiters and the owner only: it shows which
    channels are open, which is no one else's business.
    """
    profile = get_object_or_404(profiles_for_detail(request.user), pk=pk)
    audience = audience_for(request.user, profile)
    sees_advice = audience is not Audience.PUBLIC
    context = {
        "profile": profile,
        "audience": audience.value,
        "is_owner": audience is Audience.OWNER,
        "sees_channel_details": audience is not Audience.PUBLIC,
        "sees_advice": sees_advice,
        **(how_to_reach_context(request, profile) if sees_advice else {}),
    }
    status = 400 if sees_advice and context["outreach"].errors else 200
    response = render(request, "profiles/profile_detail.html", context, status=status)
    if audience is not Audience.PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    return response
