"""The outreach log on a project candidate's page: log an outreach, record what came of it.

Each is a POST from the candidate's page that goes back to its outreach section; refusals (an
unknown channel, a date in the future, an unknown outcome) are shown there next to the field
(400). A log is its recruiter's own: another's is a 404, as is the candidate of a project the
viewer is not a member of.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import report_errors
from profiles.decorators import recruiter_required
from workspace import outreach_log
from workspace.entry_views import entry_or_404, entry_page, entry_url
from workspace.outreach_forms import OutcomeForm, OutreachLogForm


@require_POST
@never_cache
@recruiter_required
def entry_outreach_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Log an outreach to this candidate (pending until its outcome is known)."""
    project, entry = entry_or_404(request, pk, entry_pk)
    form = OutreachLogForm(request.POST)
    if form.is_valid():
        try:
            log = outreach_log.log_outreach(
                project_candidate=entry, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(
                request,
                _("Outreach through %(channel)s logged. Record its outcome when you know it.")
                % {"channel": outreach_log.channel_name(log.channel)},
            )
            return redirect(f"{entry_url(entry)}#outreach")
    return entry_page(request, project, entry, outreach=form)


@require_POST
@never_cache
@recruiter_required
def outreach_outcome_view(
    request: HttpRequest, pk: int, entry_pk: int, log_pk: int
) -> HttpResponse:
    """Record (or change) an outreach's outcome: replied, declined or no reply."""
    project, entry = entry_or_404(request, pk, entry_pk)
    log = outreach_log.logs_on(entry, request.user).filter(pk=log_pk).first()
    if log is None:
        raise Http404(_("No outreach with this id is yours on this candidate."))
    form = OutcomeForm(request.POST)
    if form.is_valid():
        log = outreach_log.record_outcome(
            log=log, by=request.user, outcome=form.cleaned_data["outcome"]
        )
        messages.success(
            request, _("Outcome recorded: %(outcome)s.") % {"outcome": log.get_outcome_display()}
        )
        return redirect(f"{entry_url(entry)}#outreach")
    return entry_page(request, project, entry, outcome=form, outcome_log=log.pk)
