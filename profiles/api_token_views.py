"""The API token settings page: a signed-in person creates, replaces or revokes their own token.

A token is shown once, in the answer to the POST that created it, and never again (the page
then only says when it was created). The writes are two statements on DRF's own Token model, so
they live here beside their only caller rather than in `services`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from profiles import services

CREATE = "create"
REVOKE = "revoke"


class TokenActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(CREATE, _("Create a token")), (REVOKE, _("Revoke the token"))],
        widget=forms.HiddenInput,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_token_view(request: HttpRequest) -> HttpResponse:
    context = {"token": Token.objects.filter(user=request.user).first(), "new_key": None}
    if request.method != "POST":
        return render(request, "profiles/api_token.html", context)

    form = TokenActionForm(request.POST)
    if not form.is_valid():
        context["form_errors"] = form.errors["action"]
        return render(request, "profiles/api_token.html", context, status=400)
    if form.cleaned_data["action"] == REVOKE:
        if services.revoke_api_token(user=request.user):
            messages.success(request, _("Your API token was revoked: it no longer works."))
        return redirect("profiles:api_token")

    token = services.issue_api_token(user=request.user)
    context.update(token=token, new_key=token.key)
    # Rendered, not redirected: the key is shown in this answer only, and never stored in a
    # message or the session.
    return render(request, "profiles/api_token.html", context)
