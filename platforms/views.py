"""The public platform pages: directory, one platform, and the side-by-side comparison.

Views read the request, take what the page shows from the shared cache or build it (the
directory's cards, one platform's record, the compare grid: plain data kept under the platform
data version by `core.cache.cached_data`), and render; bad input is answered with status 400 and
the message shown where the input was given.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.cache import cached_data
from core.csv import csv_response
from core.pages import cache_page_for_visitors
from platforms import comparison, presentation, selectors
from platforms.charts import LineChart, build_line_chart
from platforms.filters import PlatformFilter
from platforms.models import Platform

PAGE_FORMATS = {"", "html"}


@cache_page_for_visitors
def directory_view(request: HttpRequest) -> HttpResponse:
    filterset = PlatformFilter(request.GET)
    context = {"filter": filterset, "platforms": [], "showing_historical": False}
    if not filterset.is_valid():
        return render(request, "platforms/directory.html", context, status=400)

    def cards() -> list[presentation.PlatformCard]:
        # The queryset is made only when the cards are not kept: building it costs as much as
        # validating the filters.
        platforms = filterset.filter_queryset(selectors.directory_platforms())
        return [presentation.platform_card(platform) for platform in platforms]

    context["platforms"] = cached_data("directory-cards", filterset.cache_key(), build=cards)
    context["showing_historical"] = bool(filterset.form.cleaned_data.get("show_historical"))
    return render(request, "platforms/directory.html", context)


def platform_page(slug: str) -> tuple[presentation.PlatformDetail, LineChart | None]:
    """One platform's record and its chart; raises Platform.DoesNotExist for an unknown slug."""
    detail = presentation.platform_detail(slug=slug)
    chart = build_line_chart(
        detail.chart_series(),
        number_format=lambda value: presentation.count_in_words(value, short=True),
    )
    return detail, chart


@cache_page_for_visitors
def detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        detail, chart = cached_data("platform-page", slug, build=lambda: platform_page(slug))
    except Platform.DoesNotExist:
        raise Http404(_("No platform has this address.")) from None
    context = {"detail": detail, "platform": detail.platform, "chart": chart}
    return render(request, "platforms/detail.html", context)


def compare_grid(slugs: list[str]) -> comparison.CompareGrid:
    """The grid for these (normalized) slugs, shared until the records change; a selection that
    fails validation raises ValidationError each time, and is not kept."""
    return cached_data("compare-grid", *slugs, build=lambda: comparison.build_compare_grid(slugs))


def compare_page_context(slugs: list[str]) -> dict:
    choices = cached_data("compare-choices", build=comparison.compare_choices)
    return {"choices": choices, "selected": slugs, "grid": None}


@cache_page_for_visitors
def compare_view(request: HttpRequest) -> HttpResponse:
    """The grid page; `?format=csv`, an older address of the CSV, redirects to the CSV's own."""
    output = request.GET.get("format", "").lower()
    if output == "csv":
        query = request.GET.copy()
        del query["format"]
        return HttpResponsePermanentRedirect(
            reverse("platforms:compare_csv") + (f"?{query.urlencode()}" if query else "")
        )
    slugs = comparison.normalize_slugs(request.GET.getlist("p"))
    context = compare_page_context(slugs)
    if output not in PAGE_FORMATS:
        context["format_error"] = _("Unknown format “%(format)s”: use csv or leave it out.") % {
            "format": output[:20]
        }
        return render(request, "platforms/compare.html", context, status=400)
    if not slugs:
        return render(request, "platforms/compare.html", context)
    try:
        grid = compare_grid(slugs)
    except ValidationError as error:
        context["errors"] = error.messages
        return render(request, "platforms/compare.html", context, status=400)
    query = "?" + urlencode([("p", slug) for slug in grid.slugs])
    context.update(
        grid=grid,
        permalink=request.build_absolute_uri(reverse("platforms:compare") + query),
        csv_url=reverse("platforms:compare_csv") + query,
    )
    return render(request, "platforms/compare.html", context)


def compare_csv_view(request: HttpRequest) -> HttpResponse:
    """The grid as a CSV download; a bad selection gets the page with its messages (400)."""
    slugs = comparison.normalize_slugs(request.GET.getlist("p"))
    try:
        grid = compare_grid(slugs)
    except ValidationError as error:
        context = {**compare_page_context(slugs), "errors": error.messages}
        return render(request, "platforms/compare.html", context, status=400)
    filename = "networkdir-compare-" + "-".join(grid.slugs) + ".csv"
    return csv_response(filename, comparison.compare_table(grid))
