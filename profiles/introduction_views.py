"""Introductions on the site: asking along a path, the inbox (/me/introductions/), answering.

Every page works on `request.user`'s own profile; an introduction they are not party to, or
that has not reached them yet, is a 404. Views stay thin: forms validate,
`profiles.introductions` writes, `profiles.introduction_selectors` decides what each party sees.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import INVALID_FORM_STATUS, report_errors
from core.validators import record_id
from profiles import selectors
from profiles.introduction_forms import REPLY_IN_APP, AnswerForm, AskForm, route_value
from profiles.introduction_rules import Action, channel_choices
from profiles.introduction_selectors import inbox, introduction_for, view_of
from profiles.introductions import (
    act_on_introduction,
    ask_for_introduction,
    mark_introductions_seen,
)
from profiles.models import ExecutiveProfile
from profiles.paths import best_paths
from profiles.viewer import forget_viewer

# The paths offered on the form: the asker's own (a teammate's path is the teammate's to ask).
PATHS_OFFERED = 5
# Service errors about the person or the path belong next to the choice of path.
ROUTE_FIELDS = {"target": "route", "via": "route", "then": "route"}


def _own_profile(request: HttpRequest) -> ExecutiveProfile | None:
    return selectors.profile_of(request.user)


@never_cache
@login_required
@require_GET
def introductions_view(request: HttpRequest) -> HttpResponse:
    """The inbox: introductions asked of you (your turn first) and the ones you asked for.
    Opening it marks them seen, which clears the count in the navigation."""
    profile = _own_profile(request)
    if profile is None:
        return redirect("profiles:me")
    context = {"inbox": inbox(profile)}
    mark_introductions_seen(profile=profile)
    forget_viewer(request.user)  # the navigation's count, read with the user, is now cleared
    return render(request, "profiles/network/introductions.html", context)


def _target_for(request: HttpRequest, profile: ExecutiveProfile) -> ExecutiveProfile:
    """The person to meet named by `?target=`: one the asker may see in the network, or a 404."""
    pk = record_id(request.GET.get("target", ""))
    if pk is None or pk == profile.pk:
        raise Http404
    target = ExecutiveProfile.objects.shown_in_network_to(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404
    return target


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def introduction_new_view(request: HttpRequest) -> HttpResponse:
    """Ask for an introduction to `target` along one of your paths, preselected by `via` (and
    `then`) when a path on the person's page links here."""
    profile = _own_profile(request)
    if profile is None:
        return redirect("profiles:me")
    target = _target_for(request, profile)
    paths = [
        path
        for path in best_paths(viewer=request.user, target=target, limit=PATHS_OFFERED)
        if path.via_teammate is None
    ]
    if request.method == "POST":
        form = AskForm(request.POST, paths=paths)
        if form.is_valid():
            try:
                introduction = ask_for_introduction(
                    requester=profile,
                    target_id=target.pk,
                    purpose=form.cleaned_data["purpose"],
                    message=form.cleaned_data["message"],
                    **form.path_ids(),
                )
            except ValidationError as error:
                _report_on(form, error)
            else:
                messages.success(request, _("Your request is on its way."))
                return redirect("profiles:introduction", pk=introduction.pk)
    else:
        chosen = route_value(request.GET.get("via", ""), request.GET.get("then") or None)
        first = form_route(paths, chosen)
        form = AskForm(initial={"route": first}, paths=paths)
    status = INVALID_FORM_STATUS if form.is_bound else 200
    context = {"form": form, "target": target, "paths": paths}
    return render(request, "profiles/network/introduction_new.html", context, status=status)


def form_route(paths: list, chosen: str) -> str | None:
    """The route to preselect: the one a link asked for if it is among the paths, else the
    best."""
    values = [route_value(*(step.profile_id for step in path.intermediaries)) for path in paths]
    if chosen in values:
        return chosen
    return values[0] if values else None


def _report_on(form: AskForm, error: ValidationError) -> None:
    """The service's errors next to the form's fields, the person's and the path's at the
    choice of path."""
    if hasattr(error, "error_dict"):
        error = ValidationError(
            {ROUTE_FIELDS.get(field, field): errors for field, errors in error.error_dict.items()}
        )
    report_errors(form, error)


ANSWERED = {
    Action.PASS_ON: _("Thank you: it is passed on."),
    Action.ACCEPT: _("Accepted: they now see how to reach you."),
    # Accepted, writing to the requester first.
    REPLY_IN_APP: _("Accepted: write to them first, on one of the platforms shown below."),
    Action.DECLINE: _(
        "Declined. Nobody is told: to them it reads as not accepted once its time runs out."
    ),
    Action.WITHDRAW: _("Your request is withdrawn."),
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def introduction_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One introduction as you see it, with what you may do now."""
    profile = _own_profile(request)
    introduction = introduction_for(profile, pk) if profile is not None else None
    if introduction is None:
        raise Http404
    view = view_of(introduction, profile, seen_at=profile.introductions_seen_at)
    memberships = list(channel_choices(profile)) if Action.ACCEPT in view.actions else []
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(data, memberships=memberships)
    if form.is_bound and form.is_valid():
        action = Action(form.cleaned_data["action"])
        try:
            act_on_introduction(
                introduction=introduction, actor=profile, action=action, **form.channel()
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            writes_first = action is Action.ACCEPT and form.channel()["reply_in_app"]
            answered = REPLY_IN_APP if writes_first else action
            messages.success(request, str(ANSWERED[answered]))
            return redirect("profiles:introduction", pk=pk)
    status = INVALID_FORM_STATUS if form.is_bound else 200
    context = {"item": view, "form": form}
    return render(request, "profiles/network/introduction.html", context, status=status)
