"""Saved search pages: the list with what is new in each, saving the search page's filters,
renaming, filing, the digest switch, deleting, and opening one (its results, counted as seen).

Recruiters and admins only; a saved search is its owner's, and for anyone else it is a 404.
Refused input comes back on the page next to the field (400); filters the search page would
refuse are refused with the search page's own words (`workspace.saved_searches.checked_query`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import INVALID_FORM_STATUS, report_errors
from profiles.decorators import recruiter_required
from profiles.selectors import candidate_filter
from workspace import saved_searches
from workspace.models import SavedSearch
from workspace.saved_search_forms import SavedSearchForm
from workspace.selectors import projects_to_add_to


def search_or_404(request: HttpRequest, pk: int) -> SavedSearch:
    search = saved_searches.searches_of(request.user).filter(pk=pk).first()
    if search is None:
        raise Http404(_("No saved search with this id is yours."))
    search.owner = request.user
    return search


def _form(request: HttpRequest, **kwargs) -> SavedSearchForm:
    data = request.POST if request.method == "POST" else None
    return SavedSearchForm(data, projects=projects_to_add_to(request.user), **kwargs)


def _filters(request: HttpRequest, query: str) -> dict:
    """The filters as the page describes them, and what the search page would say of them."""
    filterset = candidate_filter(user=request.user, data=QueryDict(query))
    problems = saved_searches.filter_problems(filterset)
    return {
        "filters": [] if problems else saved_searches.describe(filterset),
        "filter_problems": [
            (filterset.form.fields[name].label if name in filterset.form.fields else name, text)
            for name, texts in problems.items()
            for text in texts
        ],
    }


@require_GET
@never_cache
@recruiter_required
def saved_searches_view(request: HttpRequest) -> HttpResponse:
    """Every saved search of the recruiter's, with the number of candidates new in each."""
    searches = saved_searches.with_new_counts(
        request.user, saved_searches.searches_of(request.user)
    )
    return render(request, "workspace/saved_searches.html", {"searches": searches})


@require_http_methods(["GET", "POST"])
@never_cache
@recruiter_required
def saved_search_new_view(request: HttpRequest) -> HttpResponse:
    """Save the filters of the search page (GET: they are the query string) under a name."""
    query = request.POST.get("query", "") if request.method == "POST" else request.GET.urlencode()
    form = _form(request, initial={"query": query})
    if request.method == "POST" and form.is_valid():
        try:
            search = saved_searches.save_search(
                owner=request.user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
                project=form.cleaned_data["project"],
                digest=form.cleaned_data["digest"],
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(
                request,
                _("Search saved as “%(name)s”: your workspace counts what is new in it.")
                % {"name": search.name},
            )
            return redirect(saved_searches.search_url(search))
    context = {"form": form, "query": query, **_filters(request, query)}
    status = INVALID_FORM_STATUS if form.errors or context["filter_problems"] else 200
    return render(request, "workspace/saved_search_new.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
@recruiter_required
def saved_search_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename it, file it in a project or on its own, switch its daily digest."""
    search = search_or_404(request, pk)
    form = _form(
        request,
        initial={"name": search.name, "project": search.project, "digest": search.digest},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved_searches.update_search(
                search=search,
                by=request.user,
                name=form.cleaned_data["name"],
                project=form.cleaned_data["project"],
                digest=form.cleaned_data["digest"],
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(request, _("Saved search updated."))
            return redirect("workspace:saved_searches")
    context = {"form": form, "search": search, **_filters(request, search.query)}
    status = INVALID_FORM_STATUS if form.errors else 200
    return render(request, "workspace/saved_search.html", context, status=status)


@require_POST
@never_cache
@recruiter_required
def saved_search_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    search = search_or_404(request, pk)
    saved_searches.delete_search(search=search, by=request.user)
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": search.name})
    return redirect("workspace:saved_searches")


@require_GET
@never_cache
@recruiter_required
def saved_search_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The saved search's results on the search page; from now on nothing in it is new."""
    search = search_or_404(request, pk)
    saved_searches.mark_opened(search)
    return redirect(saved_searches.search_url(search))
