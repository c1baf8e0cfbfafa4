"""The candidates CSV: one file, written the same for the search page and the API.

Every export is logged (who, which filter, how many rows) in the transaction that reads the
rows, and capped at `selectors.export_row_limit()` rows. Handles follow the one rule of
`profiles.visibility`; every cell is defused by `core.csv`.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core.csv import csv_response, day_cell
from core.yesno import yes_no_cell
from profiles.filters import CandidateFilter
from profiles.models import ExecutiveProfileQuerySet
from profiles.selectors import Candidate, Channel, candidates_for_export
from profiles.services import record_candidate_export
from profiles.visibility import Audience, audiences_for, shown_handle


def filter_query(data: QueryDict) -> str:
    """The query string's filter parameters only: what the log keeps of an export's search."""
    query = data.copy()
    for name in list(query):
        if name not in CandidateFilter.base_filters:
            del query[name]
    return query.urlencode()


def describe_channel(channel: Channel, audience: Audience) -> str:
    """One channel as a CSV cell: platform, the handle if shown, and how reachable it is."""
    handle = shown_handle(audience, channel)
    details = [handle] if handle else []
    details.append(channel.get_activity_display())
    if channel.open_to_inquiries:
        details.append(gettext("open to inquiries"))
    if channel.verified:
        details.append(gettext("says verified"))  # the executive's word, not checked
    if channel.preferred:
        details.append(gettext("preferred"))
    return f"{channel.platform.name} ({', '.join(str(detail) for detail in details)})"


# The languages a candidate speaks, as a spreadsheet's reader reads them (the API gives codes).
LANGUAGE_NAMES = {"zh": gettext_lazy("Chinese"), "en": gettext_lazy("English")}


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


def candidate_csv_row(request: HttpRequest, candidate: Candidate, audience: Audience) -> list[str]:
    """`candidate` as a row of the export, each handle shown to `audience` by the one rule."""
    return [
        candidate.display_name,
        yes_no_cell(candidate.is_fictional),
        candidate.title,
        candidate.company,
        candidate.get_company_type_display(),
        candidate.get_industry_display(),
        candidate.get_city_display(),
        candidate.get_seniority_display(),
        ", ".join(str(LANGUAGE_NAMES[code]) for code in candidate.languages),
        yes_no_cell(candidate.abroad_experience),
        yes_no_cell(candidate.open_to_opportunities),
        "; ".join(describe_channel(channel, audience) for channel in candidate.channels),
        day_cell(candidate.updated_at),
        request.build_absolute_uri(reverse("profiles:detail", kwargs={"pk": candidate.pk})),
    ]


def candidate_csv_response(
    request: HttpRequest, queryset: ExecutiveProfileQuerySet
) -> HttpResponse:
    """The filtered candidates as CSV (UTF-8 with a BOM so Excel reads Chinese), the export
    logged with the request's filter parameters."""
    recruiter: User = request.user
    audience = audiences_for(recruiter)
    with transaction.atomic():
        rows = candidates_for_export(queryset)
        record_candidate_export(
            recruiter=recruiter, query=filter_query(request.GET), row_count=len(rows)
        )
    filename = f"candidates-{timezone.localtime():%Y%m%d-%H%M}.csv"
    return csv_response(
        filename,
        [
            candidate_csv_header(),
            *(candidate_csv_row(request, row, audience(row.user_id)) for row in rows),
        ],
    )
