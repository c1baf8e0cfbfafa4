"""Accounts, the privacy notice and the executive's own pages (/me/...).

Owner-only by construction: every /me/ page works on `request.user`'s own profile, so there is
no id in the URL to guess. Views stay thin: forms validate, `services` write, `selectors` read.
"""

from __future__ import annotations

import json

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import INVALID_FORM_STATUS, report_errors
from core.outage import api_error, is_api_request
from core.stale_forms import STALE_FORM_STATUS, opened_version, saved_differences
from core.throttling import TOO_MANY_REQUESTS
from core.writes import StaleVersion
from outreach.catalog import load_catalog
from outreach.reachability import reachable_by, suggestions
from profiles import selectors, services
from profiles.advice import target_from_profile
from profiles.fields import PROFILE_DETAIL_FIELDS
from profiles.forms import (
    DeleteAccountForm,
    MembershipFormSet,
    NewProfileForm,
    ProfileForm,
    SignUpForm,
    changed_values,
)
from profiles.models import ExecutiveProfile, Visibility
from profiles.password_checks import (
    PASSWORD_CHECKS_PAUSED,
    PasswordChecksPaused,
    count_wrong_password,
    guarded_password_check,
    refuse_while_locked,
)
from profiles.personal_data import export_personal_data
from profiles.versions import version_of

MODEL_BACKEND = "profiles.auth.ViewerBackend"


def _form_status(request: HttpRequest) -> int:
    return INVALID_FORM_STATUS if request.method == "POST" else 200


def _profile_details(form: BaseForm) -> dict:
    return {name: form.cleaned_data[name] for name in PROFILE_DETAIL_FIELDS}


@require_http_methods(["GET", "POST"])
def signup_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("profiles:me")
    data = request.POST if request.method == "POST" else None
    account_form = SignUpForm(data)
    profile_form = NewProfileForm(data)
    if data is not None and all([account_form.is_valid(), profile_form.is_valid()]):
        try:
            user = services.sign_up(
                username=account_form.cleaned_data["username"],
                email=account_form.cleaned_data["email"],
                password=account_form.cleaned_data["password1"],
                consent_at=timezone.now(),
                **_profile_details(profile_form),
            )
        except ValidationError as error:
            report_errors(account_form, error)
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request,
                _("Welcome! Your profile is private until you choose who may see it."),
            )
            return redirect("profiles:me")
    return render(
        request,
        "profiles/signup.html",
        {"account_form": account_form, "profile_form": profile_form},
        status=_form_status(request),
    )


class LogoutView(auth_views.LogoutView):
    """Logs out on POST, as Django's does. A GET (a link followed, a bookmark, an address typed)
    shows a small page with the "Log out" button instead of a blank 405: logging out stays a
    POST, so another site can't log a visitor out with a link."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, "registration/logout_confirm.html")


def locked_out_view(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What the login page, and every other password check, answer once django-axes has locked
    a username and address out (JSON under /api/)."""
    cool_off = get_cool_off(request)
    if is_api_request(request):
        response = api_error(request, PASSWORD_CHECKS_PAUSED, TOO_MANY_REQUESTS)
        if cool_off:
            response["Retry-After"] = str(int(cool_off.total_seconds()))
        return response
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=TOO_MANY_REQUESTS,
    )


@require_GET
def privacy_view(request: HttpRequest) -> HttpResponse:
    return render(request, "profiles/privacy.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def me_view(request: HttpRequest) -> HttpResponse:
    """The owner's profile at a glance, or a form to create one if they have none yet.

    It also runs the outreach advice the other way round: where recruiters and partners would
    reach the owner first, and which settings to change (`outreach.reachability`).
    """
    profile = selectors.profile_of(request.user)
    if profile is None:
        return _create_profile(request)
    if request.method == "POST":
        return redirect("profiles:me")
    profile = selectors.with_memberships(profile)
    catalog = load_catalog()
    target = target_from_profile(profile)
    return render(
        request,
        "profiles/me.html",
        {
            "profile": profile,
            "memberships": profile.memberships.all(),
            "reachable_by": reachable_by(catalog, target),
            "suggestions": suggestions(
                catalog=catalog,
                target=target,
                private=profile.visibility == Visibility.PRIVATE,
                open_to_opportunities=profile.open_to_opportunities,
            ),
        },
    )


def _create_profile(request: HttpRequest) -> HttpResponse:
    form = NewProfileForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.create_profile(
                user=request.user, consent_at=timezone.now(), **_profile_details(form)
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(request, _("Your profile was created. It is private for now."))
            return redirect("profiles:me")
    return render(request, "profiles/me_create.html", {"form": form}, status=_form_status(request))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def me_edit_view(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_of(request.user)
    if profile is None:
        return redirect("profiles:me")
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if form.is_bound and form.is_valid():
        try:
            services.update_profile(
                profile=profile, expected_versions=opened_version(form), **changed_values(form)
            )
        except StaleVersion as stale:
            if stale.current is None:
                return redirect("profiles:me")
            return _stale_profile_form(request, form, stale.current)
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("profiles:me")
    return render(request, "profiles/me_edit.html", {"form": form}, status=_form_status(request))


def _stale_profile_form(
    request: HttpRequest, form: ProfileForm, current: ExecutiveProfile
) -> HttpResponse:
    """Nothing saved: the form again with what was typed, beside the values saved now where they
    differ, and the current version, so saving again keeps what was typed."""
    data = request.POST.copy()
    data["version"] = version_of(current)
    return render(
        request,
        "profiles/me_edit.html",
        {
            "form": ProfileForm(data, instance=current),
            "stale": True,
            "saved_now": saved_differences(form, current),
        },
        status=STALE_FORM_STATUS,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def me_memberships_view(request: HttpRequest) -> HttpResponse:
    """Add, edit and remove the owner's platform memberships in one form."""
    profile = selectors.profile_of(request.user)
    if profile is None:
        return redirect("profiles:me")
    queryset = selectors.memberships_of(profile)
    if request.method != "POST":
        formset = MembershipFormSet(instance=profile, queryset=queryset)
        return _memberships_page(request, formset, status=200)

    formset = MembershipFormSet(request.POST, instance=profile, queryset=queryset)
    if formset.posted_foreign_ids():
        raise Http404
    if formset.is_valid():
        changed = formset.save(commit=False)
        try:
            services.save_memberships(
                profile=profile,
                changed=changed,
                removed=formset.deleted_objects,
                versions=formset.opened_versions(),
            )
        except StaleVersion:
            return _stale_membership_forms(request, profile, formset)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your platforms were saved."))
            return redirect("profiles:me")
    return _memberships_page(request, formset, status=INVALID_FORM_STATUS)


def _stale_membership_forms(
    request: HttpRequest, profile: ExecutiveProfile, posted: MembershipFormSet
) -> HttpResponse:
    """Nothing saved: every row again with what was typed and the current versions, so saving
    again keeps it; a row changed meanwhile shows the values saved now where they differ. A row
    removed meanwhile says so and loses its id, so saving again leaves it removed."""
    current = {row.pk: row for row in selectors.memberships_of(profile)}
    data = request.POST.copy()
    for form in posted.initial_forms:
        row = current.get(form.instance.pk)
        data[form.add_prefix("version")] = "" if row is None else version_of(row)
        if row is None:
            data[form.add_prefix("id")] = ""
    formset = MembershipFormSet(data, instance=profile, queryset=selectors.memberships_of(profile))
    rows = []
    for posted_form, form in zip(posted.forms, formset.forms, strict=True):
        row = current.get(posted_form.instance.pk)
        gone = posted_form.instance.pk is not None and row is None
        changed = row is not None and opened_version(posted_form) != (version_of(row),)
        rows.append((form, gone, saved_differences(posted_form, row) if changed else []))
    return _memberships_page(request, formset, status=STALE_FORM_STATUS, rows=rows)


def _memberships_page(
    request: HttpRequest, formset: MembershipFormSet, *, status: int, rows: list | None = None
) -> HttpResponse:
    """The memberships form; `rows` pairs each row's form with what changed meanwhile (whether it
    was removed, the values saved now), given only when the form came back stale."""
    return render(
        request,
        "profiles/me_memberships.html",
        {
            "formset": formset,
            "stale": rows is not None,
            "rows": rows if rows is not None else [(form, False, []) for form in formset],
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def me_export_view(request: HttpRequest) -> HttpResponse:
    """A download of everything NetworkDir holds about the user (PIPL art. 45)."""
    data = export_personal_data(request.user)
    filename = f"networkdir-{request.user.get_username()}-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def me_delete_view(request: HttpRequest) -> HttpResponse:
    """Confirm with the password, then withdraw consent and erase the account for good."""
    user = request.user
    try:
        services.check_may_delete_own_account(user)
    except PermissionDenied:
        return render(request, "profiles/me_delete.html", {"staff": True}, status=403)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            with guarded_password_check(request, user):
                erasure = services.delete_account(user=user, password=form.cleaned_data["password"])
        except PasswordChecksPaused:
            return locked_out_view(request)
        except ValidationError as error:
            report_errors(form, error)
        else:
            logout(request)
            messages.success(request, erasure.message())
            return redirect("platforms:directory")
    return render(request, "profiles/me_delete.html", {"form": form}, status=_form_status(request))


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, with a wrong old password counted as a failed login (`password_checks`),
    and the API token revoked with the old password: a script holding the token should not
    outlive the password the person just replaced, perhaps because it leaked."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            refuse_while_locked(request, request.user)
        except PasswordChecksPaused:
            return locked_out_view(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        if form.has_error("old_password", services.WRONG_PASSWORD):
            count_wrong_password(self.request, self.request.user)
        return super().form_invalid(form)

    @transaction.atomic
    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        if services.revoke_api_token(user=self.request.user):
            messages.success(
                self.request,
                _(
                    "Your password was changed. Your API token was revoked with the old "
                    "password: scripts need a new token from the API token page, %(url)s."
                )
                % {"url": reverse("profiles:api_token")},
            )
        else:
            messages.success(self.request, _("Your password was changed."))
        return response


password_change_view = PasswordChangeView.as_view()


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page, with the API token revoked with the forgotten password, as a change of
    password revokes it: whoever reset it may be shutting out someone who took both."""

    @transaction.atomic
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        services.revoke_api_token(user=form.user)
        return response


password_reset_confirm_view = PasswordResetConfirmView.as_view()
