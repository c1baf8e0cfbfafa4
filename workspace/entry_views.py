"""One candidate in a project: their record (stage history, notes, tags) and the changes the
project's members make to it, each a POST that goes back where it came from.

A candidate the viewer may no longer see (their profile went private) is a 404 here, as is a
project the viewer is not a member of. Refusals are shown on the candidate's page, next to the
field (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.forms import INVALID_FORM_STATUS, report_errors
from core.redirects import safe_next
from profiles.decorators import recruiter_required
from workspace import selectors, services
from workspace.forms import NoteForm, StageForm, TagForm
from workspace.models import Project, ProjectCandidate, Stage
from workspace.outreach_forms import OutcomeForm, OutreachLogForm
from workspace.outreach_log import outreach_on
from workspace.views import project_or_404, refused


def entry_or_404(request: HttpRequest, pk: int, entry_pk: int) -> tuple[Project, ProjectCandidate]:
    project = project_or_404(request, pk)
    entry = selectors.entry_for(project, request.user, entry_pk)
    if entry is None:
        raise Http404(_("This candidate is not in the project, or no longer visible to you."))
    entry.project = project  # read once, with the viewer's access
    return project, entry


def entry_url(entry: ProjectCandidate) -> str:
    return reverse("workspace:entry", kwargs={"pk": entry.project_id, "entry_pk": entry.pk})


def entry_page(
    request: HttpRequest,
    project: Project,
    entry: ProjectCandidate,
    *,
    note: NoteForm | None = None,
    tag: TagForm | None = None,
    stage: StageForm | None = None,
    outreach: OutreachLogForm | None = None,
    outcome: OutcomeForm | None = None,
    outcome_log: int | None = None,
) -> HttpResponse:
    forms = {
        "note_form": note or NoteForm(),
        "tag_form": tag or TagForm(),
        "stage_form": stage or StageForm(initial={"stage": entry.stage}),
        "outreach_form": outreach or OutreachLogForm(),
        "outcome_form": outcome or OutcomeForm(),
    }
    context = {
        "project": project,
        "entry": entry,
        "profile": entry.profile,
        "can_edit": selectors.can_edit(project),
        "stages": Stage,
        # The viewer's own outreaches only: no one else sees them or their outcomes.
        "outreach_logs": outreach_on(entry, request.user),
        "outcome_log": outcome_log,
        **forms,
    }
    invalid = any(form.errors for form in forms.values())
    return render(
        request,
        "workspace/entry.html",
        context,
        status=INVALID_FORM_STATUS if invalid else 200,
    )


@require_GET
@never_cache
@recruiter_required
def entry_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    project, entry = entry_or_404(request, pk, entry_pk)
    return entry_page(request, project, entry)


@require_POST
@never_cache
@recruiter_required
def entry_stage_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Move the candidate to the stage of the button pressed; back to the board or the page
    it was pressed on (`next`), at the candidate's card, not the top of a long board."""
    project, entry = entry_or_404(request, pk, entry_pk)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            moved = services.move_stage(
                project_candidate=entry, by=request.user, stage=form.cleaned_data["stage"]
            )
        except ValidationError as error:
            report_errors(form, error)
        except ProjectCandidate.DoesNotExist:
            raise Http404(_("This candidate was taken out of the project meanwhile.")) from None
        else:
            messages.success(
                request,
                _("%(name)s moved to “%(stage)s”.")
                % {"name": entry.profile.display_name, "stage": moved.get_stage_display()},
            )
            board = reverse("workspace:project", kwargs={"pk": project.pk})
            back = safe_next(request, request.POST.get("next", ""), board)
            return redirect(f"{back}#entry-{entry.pk}")
    return entry_page(request, project, entry, stage=form)


@require_POST
@never_cache
@recruiter_required
def entry_note_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    project, entry = entry_or_404(request, pk, entry_pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(
                project_candidate=entry, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect(f"{entry_url(entry)}#notes")
    return entry_page(request, project, entry, note=form)


@require_POST
@never_cache
@recruiter_required
def note_delete_view(request: HttpRequest, pk: int, entry_pk: int, note_pk: int) -> HttpResponse:
    _project, entry = entry_or_404(request, pk, entry_pk)
    note = entry.notes.filter(pk=note_pk).first()
    if note is None:
        raise Http404(_("This note is not on this candidate."))
    try:
        services.delete_note(note=note, by=request.user)
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, _("Note deleted."))
    return redirect(f"{entry_url(entry)}#notes")


@require_POST
@never_cache
@recruiter_required
def entry_tag_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    project, entry = entry_or_404(request, pk, entry_pk)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            services.tag_candidate(
                project_candidate=entry, by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            return redirect(f"{entry_url(entry)}#tags")
    return entry_page(request, project, entry, tag=form)


@require_POST
@never_cache
@recruiter_required
def entry_untag_view(request: HttpRequest, pk: int, entry_pk: int, tag_pk: int) -> HttpResponse:
    _project, entry = entry_or_404(request, pk, entry_pk)
    tag = entry.tags.filter(pk=tag_pk).first()
    if tag is None:
        raise Http404(_("This candidate has no such tag."))
    try:
        services.untag_candidate(project_candidate=entry, by=request.user, tag=tag)
    except ValidationError as error:
        refused(request, error)
    return redirect(f"{entry_url(entry)}#tags")


@require_POST
@never_cache
@recruiter_required
def entry_remove_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Take the candidate out of the project, with their notes and history."""
    project, entry = entry_or_404(request, pk, entry_pk)
    try:
        services.remove_candidate(project_candidate=entry, by=request.user)
    except ValidationError as error:
        refused(request, error)
        return redirect(entry_url(entry))
    messages.success(
        request,
        _("%(name)s was taken out of the project.") % {"name": entry.profile.display_name},
    )
    return redirect("workspace:project", pk=project.pk)
