"""Recruiter candidate search, its CSV export, and the profile page everyone may open.

Privacy is decided by the querysets (`candidates_for`, `visible_to`) behind the selectors;
these views only check the role and shape the response.
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from profiles.filters import CandidateFilter
from profiles.models import ExecutiveProfile, Membership, is_admin, is_recruiter
from profiles.selectors import (
    candidate_filter,
    candidate_page,
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


def search_page_context(filterset: CandidateFilter, paging: PagingForm) -> dict:
    return {"form": filterset.form, "paging": paging, "export_row_limit": export_row_limit()}


@require_GET
@never_cache
@recruiter_required
def candidate_search_view(request: HttpRequest) -> HttpResponse:
    filterset = candidate_filter(user=request.user, data=request.GET)
    paging = PagingForm(request.GET)
    context = search_page_context(filterset, paging)
    if not (filterset.is_valid() and paging.is_valid()):
        return render(request, "profiles/candidate_search.html", context, status=400)
    context["page"] = candidate_page(
        filterset.qs,
        number=paging.cleaned_data["page"],
        size=paging.cleaned_data["page_size"],
    )
    return render(request, "profiles/candidate_search.html", context)


def filter_query(request: HttpRequest) -> str:
    """The request's query string without the paging parameters."""
    query = request.GET.copy()
    for name in PAGING_PARAMETERS:
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
    """The current filtered result as CSV (UTF-8 with a BOM so Excel reads Chinese), logged."""
    filterset = candidate_filter(user=request.user, data=request.GET)
    if not filterset.is_valid():
        context = search_page_context(filterset, PagingForm())
        return render(request, "profiles/candidate_search.html", context, status=400)

    with transaction.atomic():
        candidates = candidates_for_export(filterset.qs)
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


@require_GET
def profile_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile outside the viewer's reach is a 404, so its existence doesn't leak."""
    profile = get_object_or_404(profiles_for_detail(request.user), pk=pk)
    audience = audience_for(request.user, profile)
    context = {
        "profile": profile,
        "audience": audience.value,
        "is_owner": audience is Audience.OWNER,
        "sees_channel_details": audience is not Audience.PUBLIC,
    }
    response = render(request, "profiles/profile_detail.html", context)
    if audience is not Audience.PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    return response
