"""The public platform pages: directory, one platform, and the side-by-side comparison.

Views only read the request, call a selector or the FilterSet, and render; bad input is answered
with status 400 and the message shown where the input was given.
"""

import csv
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from platforms import selectors
from platforms.charts import build_line_chart, compact_number
from platforms.filters import PlatformFilter
from platforms.models import Platform

COMPARE_FORMATS = {"", "html", "csv"}


def directory_view(request: HttpRequest) -> HttpResponse:
    filterset = PlatformFilter(request.GET, queryset=selectors.directory_platforms())
    valid = filterset.is_valid()
    context = {
        "filter": filterset,
        "platforms": list(filterset.qs) if valid else [],
        "showing_historical": valid and bool(filterset.form.cleaned_data.get("show_historical")),
    }
    return render(request, "platforms/directory.html", context, status=200 if valid else 400)


def detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        detail = selectors.platform_detail(slug=slug)
    except Platform.DoesNotExist:
        raise Http404(_("No platform has this address.")) from None
    chinese = (get_language() or "").startswith("zh")
    chart = build_line_chart(
        detail.chart_series(),
        number_format=lambda value: compact_number(value, chinese=chinese, short=True),
    )
    return render(
        request,
        "platforms/detail.html",
        {"detail": detail, "platform": detail.platform, "chart": chart},
    )


def compare_view(request: HttpRequest, as_csv: bool = False) -> HttpResponse:
    slugs = selectors.normalize_slugs(request.GET.getlist("p"))
    output = request.GET.get("format", "").lower()
    context = {"choices": selectors.compare_choices(), "selected": slugs, "grid": None}
    if output not in COMPARE_FORMATS:
        context["format_error"] = _("Unknown format “%(format)s”: use csv or leave it out.") % {
            "format": output[:20]
        }
        return render(request, "platforms/compare.html", context, status=400)
    if not slugs and not as_csv:
        return render(request, "platforms/compare.html", context)
    try:
        grid = selectors.build_compare_grid(slugs)
    except ValidationError as error:
        context["errors"] = error.messages
        return render(request, "platforms/compare.html", context, status=400)
    if as_csv or output == "csv":
        return compare_csv_response(grid)
    query = "?" + urlencode([("p", slug) for slug in grid.slugs])
    context.update(
        grid=grid,
        permalink=request.build_absolute_uri(reverse("platforms:compare") + query),
        csv_url=reverse("platforms:compare_csv") + query,
    )
    return render(request, "platforms/compare.html", context)


def compare_csv_response(grid: selectors.CompareGrid) -> HttpResponse:
    """The grid as CSV; UTF-8 with a byte-order mark so Excel shows the Chinese names."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = "networkdir-compare-" + "-".join(grid.slugs) + ".csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerows([[defuse_formula(cell) for cell in row] for row in grid.as_table()])
    return response


def defuse_formula(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + cell if cell[:1] in {"=", "+", "-", "@"} else cell
