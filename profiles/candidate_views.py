"""Recruiter candidate search, its CSV export, and the profile page everyone may open.

Privacy is decided by the querysets (`candidates_for`, `visible_to`) behind the selectors and
by the handle rule (`profiles.visibility`); these views check the role, ask the recommender how
to reach each person shown, and shape the response.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.forms import INVALID_FORM_STATUS, PageForm
from core.throttling import throttle_page
from outreach.catalog import load_catalog
from outreach.forms import OutreachForm
from outreach.reachability import summarize
from outreach.recommender import recommend, sorted_sources
from outreach.selectors import observed_evidence
from profiles.advice import target_from_profile, with_path
from profiles.decorators import recruiter_required
from profiles.exports import candidate_csv_response
from profiles.filters import CandidateFilter
from profiles.introduction_rules import standing_introductions
from profiles.models import ExecutiveProfile
from profiles.network_views import connection_context
from profiles.paths import (
    PATHS_SHOWN,
    CommonConnections,
    IntroductionPath,
    Start,
    best_paths,
    best_paths_to_many,
    common_connections,
    starts_for,
)
from profiles.search_pages import (
    candidate_link_query,
    label_platform_counts,
    search_navigation_context,
)
from profiles.selectors import (
    MAX_PAGE_NUMBER,
    Candidate,
    PageRequest,
    SearchResult,
    candidate_filter,
    candidate_page,
    export_row_limit,
    last_page_number,
    page_request,
    profile_for_detail,
)
from profiles.totals import search_counts
from profiles.visibility import Audience, audience_for, audiences_for, reaches_profile


class PagingForm(PageForm):
    """The page and its size as the filter panel shows them; `selectors.page_request` reads
    them, as the API does, so both refuse and cap the same values. Drawn as the filters are
    (`PageForm`)."""

    page = forms.CharField(
        label=_("Page"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_PAGE_NUMBER}),
    )
    page_size = forms.CharField(
        label=_("Results per page"), required=False, widget=forms.NumberInput(attrs={"min": 1})
    )

    def clean(self) -> dict:
        try:
            self.cleaned_data["request"] = page_request(self.cleaned_data)
        except ValidationError as error:
            self.add_error(None, error)
        return self.cleaned_data

    @property
    def requested(self) -> PageRequest:
        return self.cleaned_data["request"]


def search_page_context(
    filterset: CandidateFilter, paging: PagingForm, outreach: OutreachForm | None = None
) -> dict:
    return {
        "form": filterset.form,
        "paging": paging,
        "outreach": outreach or OutreachForm(),
        "export_row_limit": export_row_limit(),
        "filter_count": filterset.active_filter_count(),
    }


def search_results(
    request: HttpRequest,
    candidates: list[Candidate],
    *,
    outreach: OutreachForm,
    network: tuple[int, bool] | None = None,
    starts: list[Start] | None = None,
) -> list[SearchResult]:
    """Each candidate with who is looking and the advice on reaching them, scored once, in pure
    Python, against the process's copy of the catalog (not read for an empty page); and the
    viewer's best path to each, within the `network` filter's (degree, team) if one is chosen
    (whose `starts` the filter has read), in the same few queries for the whole page."""
    if not candidates:
        return []
    catalog, evidence = load_catalog(), observed_evidence()
    inputs = outreach.recommender_inputs()
    max_degree, include_team = network or (3, True)
    audience = audiences_for(request.user)
    paths = best_paths_to_many(
        viewer=request.user,
        target_ids=[candidate.id for candidate in candidates],
        max_degree=max_degree,
        include_team=include_team,
        starts=starts,
    )
    return [
        SearchResult(
            candidate=candidate,
            audience=audience(candidate.user_id),
            how_to_reach=summarize(
                recommend(
                    catalog, target=target_from_profile(candidate), evidence=evidence, **inputs
                )
            ),
            path=paths.get(candidate.id),
        )
        for candidate in candidates
    ]


@require_GET
@never_cache
@recruiter_required
def candidate_search_view(request: HttpRequest) -> HttpResponse:
    filterset = candidate_filter(user=request.user, data=request.GET)
    paging = PagingForm(request.GET)
    outreach = OutreachForm(request.GET)
    context = search_page_context(filterset, paging, outreach)
    if not all([filterset.is_valid(), paging.is_valid(), outreach.is_valid()]):
        # The page number is not in the filter panel: the pagination says what is wrong with it.
        context["panel_invalid"] = bool(
            filterset.form.errors or outreach.errors or set(paging.errors) - {"page"}
        )
        return render(
            request, "profiles/candidate_search.html", context, status=INVALID_FORM_STATUS
        )
    asked = paging.requested
    asked_relevance = filterset.form.cleaned_data["sort"] == "relevance"
    # Ranking by relevance needs the total before the rows (`CandidateFilter.ranked`): counted
    # here with the platforms', it is one statement over the matches instead of two.
    counts = search_counts(filterset, platforms=True) if asked_relevance else None
    page = candidate_page(filterset, number=asked.number, size=asked.size)
    if not page.candidates and page.has_previous:
        context["last_page"] = last_page_number(filterset.qs, size=asked.size)
    context["page"] = page
    network = filterset.network_scope
    context["results"] = search_results(
        request,
        page.candidates,
        outreach=outreach,
        network=network,
        starts=filterset.starts if network else None,
    )
    counts = counts or search_counts(filterset, page, platforms=True)
    context["total"] = counts.total
    context["too_many_to_rank"] = asked_relevance and not filterset.ranked
    label_platform_counts(filterset.form, counts.platforms)
    advice_query = outreach.query if outreach.has_parameters else ""
    context["advice_query"] = candidate_link_query(request, advice_query)
    return render(request, "profiles/candidate_search.html", context)


@require_GET
@never_cache
@recruiter_required
@throttle_page("candidate_export")
def candidate_export_view(request: HttpRequest) -> HttpResponse:
    """The current filtered result as CSV, logged (`profiles.exports`), counted with the API's
    exports against one limit per recruiter: a second way out must not double it."""
    filterset = candidate_filter(user=request.user, data=request.GET)
    if not filterset.is_valid():
        context = search_page_context(filterset, PagingForm())
        return render(
            request, "profiles/candidate_search.html", context, status=INVALID_FORM_STATUS
        )
    return candidate_csv_response(request, filterset.qs)


def how_to_reach_context(
    request: HttpRequest, profile: ExecutiveProfile, *, best_path: IntroductionPath | None = None
) -> dict:
    """The ranked advice for reaching `profile`, for the purpose and sender in the query, with
    the viewer's best path to them (found for the page's paths), which decides the warm
    introduction where there is one."""
    outreach = OutreachForm(request.GET)
    if not outreach.is_valid():
        return {"outreach": outreach}
    inputs = outreach.recommender_inputs()
    inputs["sender"] = with_path(inputs["sender"], best_path)
    advice = recommend(
        load_catalog(), target=target_from_profile(profile), evidence=observed_evidence(), **inputs
    )
    return {
        "outreach": outreach,
        "advice": advice,
        "advice_path": inputs["sender"].path,
        "advice_sources": sorted_sources(
            source for c in advice.advised for r in c.reasons for source in r.sources
        ),
    }


def network_context(user: User | AnonymousUser, person: ExecutiveProfile) -> dict:
    """Where a signed-in viewer other than its owner stands with `person` (connected, asked:
    `connection_context`), their connections in common and the best paths to them
    (`templates/profiles/network/paths.html` draws them).

    The viewer's starts say whether they have a profile of their own: most recruiters have
    none, and then there is no relation to look up.
    """
    if not user.is_authenticated or person.user_id == user.pk:
        return {}
    starts = starts_for(user, include_team=True)
    own = starts[0].profile_id if starts and starts[0].teammate is None else None
    connection = connection_context(own, person)
    if not starts:
        # No profile of their own or a teammate's: nothing to look for.
        nothing = {"paths": [], "common": CommonConnections(0, ()), "has_start": False}
        return {**connection, "network_paths": nothing}
    paths = best_paths(viewer=user, target=person, limit=PATHS_SHOWN, starts=starts)
    common = common_connections(viewer=user, target=person)
    asked = standing_introductions(own, person.pk, timezone.now()).first() if own else None
    network = {"paths": paths, "common": common, "has_start": True, "asked": asked}
    return {**connection, "network_paths": network}


# `?as=public` or `?as=recruiter`: the owner sees their page as that audience would.
PREVIEW_PARAMETER = "as"
PREVIEW_AUDIENCES = {audience.value: audience for audience in (Audience.PUBLIC, Audience.RECRUITER)}


def profile_page(
    request: HttpRequest, profile: ExecutiveProfile, audience: Audience, *, viewer: Audience
) -> HttpResponse:
    """The profile as `audience` sees it; a preview when that is not who is looking (the
    queryset has let the viewer in; a previewed audience is checked by the same rule)."""
    preview = audience is not viewer
    if preview and not reaches_profile(audience, profile.visibility):
        context = {"profile": profile, "preview": audience.value}
        return render(request, "profiles/profile_preview_hidden.html", context)
    sees_advice = audience is not Audience.PUBLIC
    network = network_context(request.user, profile) if audience is viewer else {}
    paths = network["network_paths"]["paths"] if network else []
    context = {
        "profile": profile,
        "audience": audience.value,
        "is_owner": audience is Audience.OWNER,
        "preview": audience.value if preview else "",
        "sees_channel_details": audience is not Audience.PUBLIC,
        "sees_advice": sees_advice,
        **(
            how_to_reach_context(request, profile, best_path=paths[0] if paths else None)
            if sees_advice
            else {}
        ),
        **network,
        **(search_navigation_context(request, profile) if sees_advice and not preview else {}),
    }
    status = INVALID_FORM_STATUS if sees_advice and context["outreach"].errors else 200
    return render(request, "profiles/profile_detail.html", context, status=status)


@require_GET
def profile_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile outside the viewer's reach is a 404, so its existence doesn't leak.

    Advice on how to reach the person is for recruiters and the owner only: it shows which
    channels are open, which is no one else's business. The owner may preview the page as the
    public or a recruiter would see it (`?as=`), through the same rules; anyone else's `as` is
    ignored, so it never shows more than the viewer may see.
    """
    try:
        profile = profile_for_detail(request.user, pk)
    except ExecutiveProfile.DoesNotExist:
        raise Http404 from None
    viewer = audience_for(request.user, profile.user_id)
    asked = request.GET.get(PREVIEW_PARAMETER, "") if viewer is Audience.OWNER else ""
    if asked and asked not in PREVIEW_AUDIENCES:
        response = render(
            request,
            "profiles/profile_preview_hidden.html",
            {"profile": profile, "preview_error": True},
            status=INVALID_FORM_STATUS,
        )
    else:
        response = profile_page(
            request, profile, PREVIEW_AUDIENCES.get(asked, viewer), viewer=viewer
        )
    if viewer is not Audience.PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    return response
