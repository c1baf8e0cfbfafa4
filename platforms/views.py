"""The public platform pages: directory, one platform, and the side-by-side comparison.

Views only read the request, call a selector or the FilterSet, and render; bad input is answered
with status 400 and the message shown where the input was given. What a page shows is the same
for every visitor, so its blocks come from the shared cache (`platforms.cache`), rebuilt after
an edit of the platform records.
"""

import csv
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from platforms import selectors
from platforms.cache import render_shared_page
from platforms.charts import build_line_chart
from platforms.filters import PlatformFilter
from platforms.models import Platform

COMPARE_FORMATS = {"", "html", "csv"}


def directory_view(request: HttpRequest) -> HttpResponse:
    return render_shared_page(request, "platforms/directory.html", directory_context)


def directory_context(request: HttpRequest) -> tuple[dict, int]:
    filterset = PlatformFilter(request.GET, queryset=selectors.directory_platforms())
    valid = filterset.is_valid()
    context = {
        "filter": filterset,
        "platforms": list(filterset.qs) if valid else [],
        "showing_historical": valid and bool(filterset.form.cleaned_data.get("show_historical")),
    }
    return context, 200 if valid else 400


def detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    return render_shared_page(
        request, "platforms/detail.html", lambda twin: detail_context(twin, slug)
    )


def detail_context(request: HttpRequest, slug: str) -> tuple[dict, int]:
    try:
        detail = selectors.platform_detail(slug=slug)
    except Platform.DoesNotExist:
        raise Http404(_("No platform has this address.")) from None
    chart = build_line_chart(
        detail.chart_series(),
        number_format=lambda value: selectors.count_in_words(value, short=True),
    )
    return {"detail": detail, "platform": detail.platform, "chart": chart}, 200


def compare_view(request: HttpRequest, as_csv: bool = False) -> HttpResponse:
    """The grid page comes from the shared cache; its CSV download is built each time."""
    if not (as_csv or request.GET.get("format", "").lower() == "csv"):
        return render_shared_page(request, "platforms/compare.html", compare_context)
    context, status = compare_context(request, require_grid=True)
    if context["grid"] is None:
        return render(request, "platforms/compare.html", context, status=status)
    return compare_csv_response(context["grid"])


def compare_context(request: HttpRequest, *, require_grid: bool = False) -> tuple[dict, int]:
    slugs = selectors.normalize_slugs(request.GET.getlist("p"))
    output = request.GET.get("format", "").lower()
    context = {"choices": selectors.compare_choices(), "selected": slugs, "grid": None}
    if output not in COMPARE_FORMATS:
        context["format_error"] = _("Unknown format “%(format)s”: use csv or leave it out.") % {
            "format": output[:20]
        }
        return context, 400
    if not slugs and not require_grid:
        return context, 200
    try:
        grid = selectors.build_compare_grid(slugs)
    except ValidationError as error:
        context["errors"] = error.messages
        return context, 400
    query = "?" + urlencode([("p", slug) for slug in grid.slugs])
    context.update(
        grid=grid,
        permalink=request.build_absolute_uri(reverse("platforms:compare") + query),
        csv_url=reverse("platforms:compare_csv") + query,
    )
    return context, 200


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
