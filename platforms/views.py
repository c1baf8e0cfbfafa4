"""The public platform pages: directory, one platform, and the side-by-side comparison.

Views read the request, take what the page shows from the shared cache or build it (the
directory's cards, one platform's record, the compare grid: plain data kept under the platform
data version by `core.cache.cached_data`), and render; bad input is answered with status 400 and
the message shown where the input was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.cache import cached_data
from core.csv import csv_response
from core.forms import INVALID_FORM_STATUS
from core.pages import cache_page_for_visitors
from core.yesno import parse_yes_no
from platforms import comparison, facets, presentation, record, selectors, table
from platforms.charts import LineChart, build_line_chart
from platforms.filters import PlatformFilter
from platforms.models import Platform

PAGE_FORMATS = {"", "html"}
LAYOUTS = ("cards", "table")


@dataclass(frozen=True)
class DirectoryResults:
    """What the directory shows for one set of filters, kept under the data version: the cards,
    each filter option's count, and why nothing matches when nothing does."""

    cards: list[presentation.PlatformCard]
    counts: dict[str, dict[str, int]]
    empty: facets.EmptyExplanation | None


def directory_results(filterset: PlatformFilter) -> DirectoryResults:
    platforms = filterset.filter_queryset(selectors.directory_platforms())
    cards = [presentation.platform_card(platform) for platform in platforms]
    return DirectoryResults(
        cards=cards,
        counts=facets.option_counts(filterset),
        empty=None if cards else facets.explain_empty(filterset),
    )


def compare_tray(slugs: list[str], shown: set[str]) -> list[dict]:
    """The platforms ticked for comparison (`?p=`), known ones only, each once, in the order
    ticked, and whether the results show them (the others ride along as hidden inputs)."""
    if not slugs:
        return []
    choices = {
        column.slug: column
        for column in cached_data("compare-choices", build=comparison.compare_choices)
    }
    ticked = dict.fromkeys(slug for slug in comparison.normalize_slugs(slugs) if slug in choices)
    return [{"platform": choices[slug], "shown": slug in shown} for slug in ticked]


def clear_url(layout: str, tray: list[dict]) -> str:
    """The directory without filters, in the same view and with the same platforms ticked."""
    query = [("view", layout)] if layout != "cards" else []
    query += [("p", item["platform"].slug) for item in tray]
    return reverse("platforms:directory") + (f"?{urlencode(query)}" if query else "")


@cache_page_for_visitors
def directory_view(request: HttpRequest) -> HttpResponse:
    filterset = PlatformFilter(request.GET)
    layout = request.GET.get("view") or "cards"
    context = {"filter": filterset, "platforms": [], "layout": layout, "tray": []}
    context["clear_url"] = reverse("platforms:directory")
    if layout not in LAYOUTS:
        context["view_error"] = _("Unknown view “%(view)s”: use cards or table.") % {
            "view": layout[:20]
        }
        context["layout"] = "cards"
    if not filterset.is_valid() or "view_error" in context:
        return render(request, "platforms/directory.html", context, status=INVALID_FORM_STATUS)
    results = cached_data(
        "directory-results", filterset.cache_key(), build=lambda: directory_results(filterset)
    )
    facets.label_options(filterset.form, results.counts)
    data = filterset.form.cleaned_data
    tray = compare_tray(request.GET.getlist("p"), {card.slug for card in results.cards})
    sort = table.current_sort(data.get("sort") or "", data.get("q") or "")
    context.update(
        platforms=results.cards,
        empty=results.empty,
        hidden_historical=results.counts[facets.HISTORICAL]["1"],
        showing_historical=bool(data.get("show_historical")),
        tray=tray,
        ticked={item["platform"].slug for item in tray},
        clear_url=clear_url(context["layout"], tray),
        headers=table.headers(sort),
        rows=table.rows(results.cards) if context["layout"] == "table" else [],
    )
    return render(request, "platforms/directory.html", context)


def platform_page(slug: str) -> tuple[record.PlatformDetail, LineChart | None]:
    """One platform's record and its chart; raises Platform.DoesNotExist for an unknown slug."""
    detail = record.platform_detail(slug=slug)
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


# What the compare page reads; the directory's "Compare selected" sends its filters along too.
COMPARE_PARAMETERS = ("p", "format", "only_differences", "with")


def compare_errors(request: HttpRequest, context: dict) -> list[str]:
    """What is wrong with the page's own parameters (the platforms aside), and the chosen
    "only differences" and "compare with" platform in `context`."""
    errors = []
    output = request.GET.get("format", "").lower()
    if output not in PAGE_FORMATS:
        message = _("Unknown format “%(format)s”: use csv or leave it out.")
        errors.append(message % {"format": output[:20]})
    try:
        context["only_differences"] = bool(parse_yes_no(request.GET.get("only_differences")))
    except ValueError:
        errors.append(_("Only differences: enter yes or no (1/0, true/false, yes/no or on/off)."))
    with_slug = comparison.normalize_slugs([request.GET.get("with", "")])
    if with_slug:
        known = {column.slug: column for column in context["choices"]}
        if with_slug[0] in known:
            context["compare_with"] = known[with_slug[0]]
            context["selected"] = [*context["selected"], with_slug[0]]
        else:
            errors.append(_("No platform has the slug “%(slug)s”.") % {"slug": with_slug[0]})
    return errors


@cache_page_for_visitors
def compare_view(request: HttpRequest) -> HttpResponse:
    """The grid page; `?format=csv`, an older address of the CSV, redirects to the CSV's own,
    and the directory's filters sent along with its ticks are dropped from the address."""
    if request.GET.get("format", "").lower() == "csv":
        query = request.GET.copy()
        del query["format"]
        return HttpResponsePermanentRedirect(
            reverse("platforms:compare_csv") + (f"?{query.urlencode()}" if query else "")
        )
    if set(request.GET) - set(COMPARE_PARAMETERS):
        query = [(key, value) for key in COMPARE_PARAMETERS for value in request.GET.getlist(key)]
        return redirect(reverse("platforms:compare") + (f"?{urlencode(query)}" if query else ""))
    slugs = comparison.normalize_slugs(request.GET.getlist("p"))
    context = compare_page_context(slugs)
    errors = compare_errors(request, context)
    if errors:
        context["errors"] = errors
        return render(request, "platforms/compare.html", context, status=INVALID_FORM_STATUS)
    if not slugs:
        return render(request, "platforms/compare.html", context)
    try:
        grid = compare_grid(slugs)
    except ValidationError as error:
        context["errors"] = error.messages
        return render(request, "platforms/compare.html", context, status=INVALID_FORM_STATUS)
    query = "?" + urlencode([("p", slug) for slug in grid.slugs])
    context.update(
        grid=grid,
        chart=comparison.figures_chart(grid),
        permalink=request.build_absolute_uri(reverse("platforms:compare") + query),
        csv_url=reverse("platforms:compare_csv") + query,
        differences_url=reverse("platforms:compare") + query + "&only_differences=1",
        all_rows_url=reverse("platforms:compare") + query,
    )
    return render(request, "platforms/compare.html", context)


def compare_csv_view(request: HttpRequest) -> HttpResponse:
    """The grid as a CSV download; a bad selection gets the page with its messages (400)."""
    slugs = comparison.normalize_slugs(request.GET.getlist("p"))
    try:
        grid = compare_grid(slugs)
    except ValidationError as error:
        context = {**compare_page_context(slugs), "errors": error.messages}
        return render(request, "platforms/compare.html", context, status=INVALID_FORM_STATUS)
    filename = "networkdir-compare-" + "-".join(grid.slugs) + ".csv"
    return csv_response(filename, comparison.compare_table(grid))
