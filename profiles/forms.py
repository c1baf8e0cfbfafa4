"""Forms for accounts, the executive's own profile and their platform memberships.

Forms check input for the person typing it and put each message next to its field; the writes
themselves (and the same rules again) live in `profiles.services`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse_lazy
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from core.stale_forms import VersionField, opened_version
from core.yesno import TickBox, YesNoDeletion, yes_no_formfield
from platforms.models import Platform
from platforms.vocabulary import offered_name
from profiles.fields import MEMBERSHIP_FIELDS, PROFILE_DETAIL_FIELDS, PROFILE_FIELDS
from profiles.models import ExecutiveProfile, Membership
from profiles.versions import version_of


def _consent_label() -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I have read and agree to the"),
        reverse_lazy("profiles:privacy"),
        _("privacy notice"),
    )


class SignUpForm(UserCreationForm):
    """The account half of sign-up; the profile half is `NewProfileForm`."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Used only to reset your password."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Sent back, the page focuses the first field in error, which may be in the profile
            # half (`fields.first_in_error`): the username takes the focus on a new page only.
            self.fields["username"].widget.attrs.pop("autofocus", None)

    def validate_password_for_user(self, user, password_field_name: str = "password1") -> None:
        """Show password-rule messages next to the password itself, not its confirmation."""
        super().validate_password_for_user(user, password_field_name=password_field_name)


def changed_values(form: forms.ModelForm) -> dict[str, Any]:
    """The model fields the person changed, with their new values: all a save should write."""
    fields = form._meta.fields
    return {name: form.cleaned_data[name] for name in form.changed_data if name in fields}


class ProfileFieldsForm(forms.ModelForm):
    """The profile's fields as the owner fills them in, new or edited."""

    class Meta:
        model = ExecutiveProfile
        fields = PROFILE_FIELDS
        formfield_callback = yes_no_formfield
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {
            "display_name": _("The name recruiters and visitors see, e.g. “Wang Wei 王伟”."),
            "title": _("e.g. Chief Financial Officer"),
        }


class ProfileForm(ProfileFieldsForm):
    """What the owner edits on /me/edit/: the profile's details and who may see it."""

    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version_of(self.instance)


class NewProfileForm(ProfileFieldsForm):
    """The profile half of sign-up (and of /me/ for an account without a profile).

    It starts private; consent to the privacy notice is required and its time recorded.
    """

    consent = TickBox(
        label=lazy(_consent_label, SafeString)(),
        required=True,
        error_messages={
            "required": _("You need to agree to the privacy notice to create a profile."),
        },
    )

    class Meta(ProfileFieldsForm.Meta):
        fields = PROFILE_DETAIL_FIELDS


class MembershipForm(forms.ModelForm):
    """One platform membership. New ones may only use platforms that still operate."""

    version = VersionField()

    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS
        formfield_callback = yes_no_formfield
        help_texts = {
            "verified": _(
                "Your own statement: recruiters see it as “says verified”, as NetworkDir "
                "doesn't check it."
            ),
        }

    def __init__(self, *args, taken: Collection[int] = (), **kwargs) -> None:
        """`taken`: the platforms the profile is already on, which a new blank row doesn't offer.
        A posted row accepts them all, so that a platform removed and added again in one save is
        kept, and one added twice is told why next to its field (the formset's `clean`)."""
        super().__init__(*args, **kwargs)
        choosable = Platform.objects.operating()
        if self.instance.pk is not None:
            self.fields["version"].initial = version_of(self.instance)
            # A platform that shut down after the membership was recorded stays editable.
            choosable = Platform.objects.filter(pk=self.instance.platform_id) | choosable
        elif taken and not self.is_bound:
            choosable = choosable.exclude(pk__in=taken)
        platform = self.fields["platform"]
        platform.queryset = choosable.in_offer_order()
        platform.label_from_instance = lambda choice: offered_name(
            str(choice), choice.operating_state
        )
        platform.error_messages["invalid_choice"] = _(
            "Choose a platform that still operates: a shut-down platform can't be added."
        )


class BaseMembershipFormSet(YesNoDeletion, BaseInlineFormSet):
    """All of one profile's memberships, edited together."""

    deletion_label = _("Remove this platform")

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        """A new row (or the empty form, `index` None) offers only the platforms not taken yet."""
        kwargs = super().get_form_kwargs(index)
        if index is None or index >= self.initial_form_count():
            kwargs["taken"] = self.taken_platforms
        return kwargs

    @cached_property
    def taken_platforms(self) -> frozenset[int]:
        """The platforms of the memberships the page edits (read with them, no query more)."""
        return frozenset(membership.platform_id for membership in self.get_queryset())

    def posted_foreign_ids(self) -> bool:
        """Whether the submitted rows name a membership that is not this profile's.

        The page never offers one, so it means tampering (an IDOR attempt): the view answers 404.
        """
        own_ids = {str(pk) for pk in self.get_queryset().values_list("pk", flat=True)}
        id_field = self.model._meta.pk.name
        for index in range(self.total_form_count()):
            posted_id = self.data.get(f"{self.add_prefix(index)}-{id_field}", "")
            if posted_id and posted_id not in own_ids:
                return True
        return False

    def opened_versions(self) -> dict[int, tuple[str]]:
        """The version each row this save writes had when the page was opened, by id (after
        `save(commit=False)`): the rows left as they were need no check."""
        written = {membership.pk for membership, _fields in self.changed_objects}
        written.update(membership.pk for membership in self.deleted_objects)
        return {
            form.instance.pk: version
            for form in self.initial_forms
            if form.instance.pk in written and (version := opened_version(form))
        }

    def kept_forms(self) -> list[forms.ModelForm]:
        """The rows that will exist after saving: filled in and not marked for removal."""
        return [
            form
            for form in self.forms
            if form.cleaned_data.get("platform") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self) -> None:
        """One membership per platform and one preferred channel, each error next to its field."""
        if any(self.errors):
            return
        kept = self.kept_forms()
        seen = Counter()
        for form in kept:
            platform = form.cleaned_data["platform"]
            seen[platform.pk] += 1
            if seen[platform.pk] > 1:
                form.add_error(
                    "platform",
                    _("You already have a membership on %(platform)s: edit that one instead.")
                    % {"platform": platform.name},
                )
        preferred = [form for form in kept if form.cleaned_data.get("preferred")]
        for form in preferred[1:]:
            form.add_error("preferred", _("Only one platform can be your preferred channel."))
        if any(self.errors):
            return
        super().clean()


MembershipFormSet = inlineformset_factory(
    ExecutiveProfile,
    Membership,
    form=MembershipForm,
    formset=BaseMembershipFormSet,
    extra=2,
    can_delete=True,
)


class DeleteAccountForm(forms.Form):
    """Asks for the password again before erasing everything (`services.delete_account` checks
    it, for the API as well)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
