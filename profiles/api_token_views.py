"""The API token settings page: a signed-in person creates, replaces or revokes their own token.

A token is shown once and never again (the page then only says when it was created). The POST
that creates it redirects, so that reloading the page cannot replace the token by sending the
form again: the new key waits in the session (kept on the server) for the one page that follows,
which takes it out. The writes are two statements on DRF's own Token model, so they live here
beside their only caller rather than in `services`.
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
# The session key under which a new token's key waits for the page the POST redirects to.
NEW_KEY = "api_token_new_key"


class TokenActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(CREATE, _("Create a token")), (REVOKE, _("Revoke the token"))],
        widget=forms.HiddenInput,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_token_view(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user=request.user).first()
    new_key = request.session.pop(NEW_KEY, None)
    context = {
        "token": token,
        # Shown only while it is still the token: not after a revoke from another tab.
        "new_key": new_key if token is not None and new_key == token.key else None,
    }
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

    request.session[NEW_KEY] = services.issue_api_token(user=request.user).key
    return redirect("profiles:api_token")
