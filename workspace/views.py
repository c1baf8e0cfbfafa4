"""The recruiter's workspace pages: home, projects, a project's board, sharing, adding candidates
and the project's CSV.

Recruiters and admins only (`recruiter_required`: anonymous visitors log in, executives get
403); a project the viewer is not a member of is a 404, whether or not it exists. Views stay
thin: forms validate, `workspace.services` writes, `workspace.selectors` reads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.csv import csv_response, day_cell
from core.forms import INVALID_FORM_STATUS, report_errors
from core.redirects import safe_next
from core.throttling import throttle_page
from outreach.forms import OutreachForm
from profiles.access import may_search_candidates
from profiles.decorators import recruiter_required
from profiles.exports import candidate_csv_header, candidate_csv_row
from profiles.models import ExecutiveProfile
from profiles.selectors import candidate_rows
from profiles.services import record_candidate_export
from workspace import selectors, services
from workspace.forms import (
    AddToProjectForm,
    ArchiveForm,
    ProjectForm,
    ProjectListForm,
    ShareForm,
)
from workspace.models import Project, Stage
from workspace.saved_searches import searches_of, with_new_counts

RECENT_CANDIDATES = 10
SAVED_SEARCHES_SHOWN = 10


class LoginView(auth_views.LoginView):
    """After logging in, a recruiter lands on their workspace; executives on their profile."""

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if may_search_candidates(user):
            return resolve_url("workspace:home")
        return super().get_default_redirect_url()


def project_or_404(request: HttpRequest, pk: int) -> Project:
    """The project if the viewer is a member; for anyone else it doesn't exist."""
    project = selectors.project_for(request.user, pk)
    if project is None:
        raise Http404(_("No project with this id is yours to see."))
    return project


def refused(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal as messages on the next page."""
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


# --- Home and projects ---------------------------------------------------------------------------


@require_GET
@never_cache
@recruiter_required
def home_view(request: HttpRequest) -> HttpResponse:
    """The recruiter's start page: their projects, saved searches and latest candidates."""
    user = request.user
    context = {
        "projects": list(selectors.projects_of(user)[:20]),
        "saved_searches": with_new_counts(user, searches_of(user)[:SAVED_SEARCHES_SHOWN]),
        "recent": selectors.recent_entries(user, limit=RECENT_CANDIDATES),
        "form": ProjectForm(),
    }
    return render(request, "workspace/home.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
@recruiter_required
def projects_view(request: HttpRequest) -> HttpResponse:
    """The recruiter's projects (active, or archived with ?archived=1), and a new one."""
    listed = ProjectListForm(request.GET)
    archived = bool(listed.is_valid() and listed.cleaned_data["archived"])
    form = ProjectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(request, _("Project “%(name)s” created.") % {"name": project.name})
            return redirect("workspace:project", pk=project.pk)
    context = {
        "projects": selectors.projects_of(request.user, archived=archived),
        "archived": archived,
        "listed": listed,
        "form": form,
    }
    status = INVALID_FORM_STATUS if form.errors or listed.errors else 200
    return render(request, "workspace/projects.html", context, status=status)


@require_GET
@never_cache
@recruiter_required
def project_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's board: its candidates by stage, each with how to reach them."""
    project = project_or_404(request, pk)
    outreach = OutreachForm(request.GET)
    context = {
        "project": project,
        "can_edit": selectors.can_edit(project),
        "outreach": outreach,
        "stages": Stage,
    }
    try:
        stage, asked = selectors.board_request(request.GET)
    except ValidationError as error:
        context["errors"] = error.message_dict
        context["counts"] = selectors.stage_counts(project, request.user)
        return render(request, "workspace/project.html", context, status=INVALID_FORM_STATUS)
    if not outreach.is_valid():
        outreach = OutreachForm()
        outreach.is_valid()
    context["board"] = selectors.project_board(
        project=project,
        viewer=request.user,
        purpose=outreach.purpose_value,
        sender=outreach.sender,
        stage=stage,
        number=asked.number,
        size=asked.size,
    )
    context["counts"] = context["board"].counts
    return render(request, "workspace/project.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
@recruiter_required
def project_settings_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename the project, change its description, see and change who shares it."""
    project = project_or_404(request, pk)
    # The form's own instance, so a refused name never shows as the project's.
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        initial={"name": project.name, "description": project.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(project=project, by=request.user, **form.changes())
        except ValidationError as error:
            report_errors(form, error)
            form.data = form.shown_as(Project.objects.get(pk=project.pk))
        else:
            messages.success(request, _("Project saved."))
            return redirect("workspace:project_settings", pk=project.pk)
    return _settings_page(request, project, form=form, share=ShareForm())


def _settings_page(
    request: HttpRequest,
    project: Project,
    *,
    form: ProjectForm,
    share: ShareForm,
    archive: ArchiveForm | None = None,
) -> HttpResponse:
    context = {
        "project": project,
        "form": form,
        "share": share,
        "archive": archive,
        "members": selectors.members_of(project),
        "can_edit": selectors.can_edit(project),
    }
    has_errors = form.errors or share.errors or (archive is not None and archive.errors)
    status = INVALID_FORM_STATUS if has_errors else 200
    return render(request, "workspace/project_settings.html", context, status=status)


@require_POST
@never_cache
@recruiter_required
def project_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive the project (`archived=1`) or restore it (`archived=0`)."""
    project = project_or_404(request, pk)
    archive = ArchiveForm(request.POST)
    if not archive.is_valid():
        return _settings_page(
            request, project, form=ProjectForm(), share=ShareForm(), archive=archive
        )
    archived = archive.cleaned_data["archived"]
    services.set_archived(project=project, by=request.user, archived=archived)
    if archived:
        messages.success(request, _("Project archived. Restore it to change it again."))
        return redirect("workspace:projects")
    messages.success(request, _("Project restored."))
    return redirect("workspace:project", pk=project.pk)


@require_POST
@never_cache
@recruiter_required
def project_share_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request, pk)
    share = ShareForm(request.POST)
    if share.is_valid():
        try:
            member = services.share_project(project=project, by=request.user, **share.cleaned_data)
        except ValidationError as error:
            report_errors(share, error)
        else:
            messages.success(
                request,
                _("%(name)s now has access: %(role)s.")
                % {"name": member.user.get_username(), "role": member.get_role_display()},
            )
            return redirect("workspace:project_settings", pk=project.pk)
    form = ProjectForm(initial={"name": project.name, "description": project.description})
    return _settings_page(request, project, form=form, share=share)


@require_POST
@never_cache
@recruiter_required
def member_remove_view(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    project = project_or_404(request, pk)
    member = selectors.members_of(project).filter(pk=member_pk).first()
    if member is None:
        raise Http404(_("This recruiter is not a member of the project."))
    try:
        services.remove_member(project=project, by=request.user, member=member)
    except ValidationError as error:
        refused(request, error)
        return redirect("workspace:project_settings", pk=project.pk)
    if member.user_id == request.user.pk:
        messages.success(request, _("You left the project."))
        return redirect("workspace:projects")
    messages.success(
        request, _("%(name)s no longer has access.") % {"name": member.user.get_username()}
    )
    return redirect("workspace:project_settings", pk=project.pk)


@require_GET
@never_cache
@recruiter_required
@throttle_page("candidate_export")
def project_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The project's candidates the viewer may see, as CSV with their stage and tags; logged as
    the search's exports are, and counted against the same limit per recruiter."""
    project = project_or_404(request, pk)
    with transaction.atomic():
        entries = selectors.all_entries(project, request.user)
        record_candidate_export(
            recruiter=request.user, query=f"project={project.pk}", row_count=len(entries)
        )
    header = [_("Stage"), _("Tags"), _("Added to the project"), *candidate_csv_header()]
    body = [
        [
            entry.get_stage_display(),
            ", ".join(entry.tags),
            day_cell(entry.added_at),
            *candidate_csv_row(request, entry.candidate, entry.audience),
        ]
        for entry in entries
    ]
    filename = f"project-{project.pk}-{timezone.localtime():%Y%m%d-%H%M}.csv"
    return csv_response(filename, [header, *body])


# --- Adding candidates ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@recruiter_required
def add_candidates_view(request: HttpRequest) -> HttpResponse:
    """Choose the project for candidates selected on the search page or a candidate's page
    (GET, with `profiles` and `next` in the query), then add them (POST)."""
    projects = selectors.projects_to_add_to(request.user)
    data = request.POST if request.method == "POST" else request.GET
    bound = AddToProjectForm(data, projects=projects)
    if request.method == "POST" and bound.is_valid():
        return _add(request, bound, _visible_or_404(request, bound.cleaned_data["profiles"]))
    bound.is_valid()
    ids = bound.cleaned_data.get("profiles", [])
    next_url = safe_next(request, data.get("next", ""), reverse("profiles:candidates"))
    form = (
        bound
        if request.method == "POST"
        else AddToProjectForm(initial={"profiles": ids, "next": next_url}, projects=projects)
    )
    context = {
        "form": form,
        "candidates": _visible_or_404(request, ids),
        "selection_errors": bound.errors.get("profiles"),
        "next": next_url,
    }
    status = INVALID_FORM_STATUS if form.errors or context["selection_errors"] else 200
    return render(request, "workspace/add_candidates.html", context, status=status)


def _visible_or_404(request: HttpRequest, ids: list[int]) -> list:
    """The chosen candidates as search rows; one the recruiter may not see is a 404."""
    if not ids:
        return []
    chosen = ExecutiveProfile.objects.candidates_for(request.user).filter(pk__in=ids)
    found = {candidate.id: candidate for candidate in candidate_rows(chosen)}
    if len(found) != len(ids):
        raise Http404(_("Some of these candidates are not ones you can see."))
    return [found[pk] for pk in ids]  # in the order they were chosen


def _add(request: HttpRequest, form: AddToProjectForm, candidates: list) -> HttpResponse:
    ids = [candidate.id for candidate in candidates]
    project = form.cleaned_data["project"]
    with transaction.atomic():
        if project is None:
            project = services.create_project(
                owner=request.user, name=form.cleaned_data["new_project"]
            )
        try:
            done = services.add_candidates(project=project, by=request.user, profile_ids=ids)
        except services.CandidatesNotFound:
            raise Http404(_("Some of these candidates are not ones you can see.")) from None
    if done.added:
        messages.success(
            request,
            ngettext(
                "%(count)d candidate added to “%(project)s”.",
                "%(count)d candidates added to “%(project)s”.",
                len(done.added),
            )
            % {"count": len(done.added), "project": project.name},
        )
    if done.already_in_project:
        messages.info(
            request,
            ngettext(
                "%(count)d was already in the project.",
                "%(count)d were already in the project.",
                len(done.already_in_project),
            )
            % {"count": len(done.already_in_project)},
        )
    project_url = reverse("workspace:project", kwargs={"pk": project.pk})
    return redirect(safe_next(request, form.cleaned_data.get("next") or "", project_url))
