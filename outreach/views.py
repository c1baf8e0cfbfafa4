"""The outreach advisor: a hypothetical target and sender in, ranked channels with reasons out.

No account needed. The form is a GET form, so the page's URL is the permalink to the advice.
Beside each channel's rules, the advice shows what recruiters observed with such a target where
enough outreaches stand behind it (`outreach.evidence`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.cache import VERSION_KEY
from core.forms import INVALID_FORM_STATUS
from core.pages import kept_for_visitors
from outreach.catalog import load_catalog
from outreach.forms import AdvisorForm
from outreach.reasons import Rule
from outreach.recommender import recommend, sorted_sources
from outreach.selectors import observed_evidence
from outreach.services import EVIDENCE_VERSION
from outreach.summary import describe


# Kept for visitors until the platform records or the observed outcomes change: the empty form
# and the advice people share by its link are asked again and again.
@kept_for_visitors(VERSION_KEY, EVIDENCE_VERSION)
def advisor_view(request: HttpRequest) -> HttpResponse:
    catalog = load_catalog()
    form = AdvisorForm.from_query(request.GET, platforms=catalog.operating_platforms)
    advice = summary = None
    if form.is_bound and form.is_valid():
        inputs = form.recommender_inputs()
        advice = recommend(catalog, **inputs, evidence=observed_evidence())
        summary = describe(**inputs)
    context = {
        "form": form,
        "advice": advice,
        "summary": summary,
        "rules": tuple(Rule),
        "sources": sorted_sources(
            [*catalog.seed_sources, *(advice.cited_sources if advice else ())]
        ),
        "permalink": request.build_absolute_uri() if advice else "",
    }
    status = INVALID_FORM_STATUS if form.is_bound and form.errors else 200
    return render(request, "outreach/advisor.html", context, status=status)
