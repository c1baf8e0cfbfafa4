"""A form page whose row someone else may change while it is open: the version it was opened
at posted back, and, when the row moved on, nothing saved and the page again with what was typed
beside what is saved now (the API's If-Match, for pages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from core.yesno import yes_no_label

# A form opened on a row that changed before it was posted: nothing saved, the form comes back
# with what was typed. Like an invalid form it is not a success, and 409 Conflict says why.
STALE_FORM_STATUS = 409


class VersionField(forms.CharField):
    """The version of the row when the page was opened, posted back so the save can tell
    whether the row changed meanwhile. Optional: a post without it is not checked."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)


def opened_version(form: forms.Form) -> tuple[str] | None:
    """The versions a save of `form` may find (a service's expected_versions), None to not
    check."""
    version = form.cleaned_data.get("version")
    return (version,) if version else None


def _shown(form: forms.ModelForm, name: str, value: Any) -> str:
    if isinstance(value, bool):
        return yes_no_label(value)
    if isinstance(value, models.Model):
        return form.fields[name].label_from_instance(value)
    choices = form.instance._meta.get_field(name).flatchoices
    return str(dict(choices).get(value, value)) if choices else value


def saved_differences(form: forms.ModelForm, saved: models.Model) -> list[tuple[str, str, str]]:
    """For a form whose row changed meanwhile: each field where the saved value differs from what
    was typed, as (label, saved now, typed), so the page can show them side by side."""
    return [
        (form[name].label, _shown(form, name, getattr(saved, name)), _shown(form, name, typed))
        for name in form._meta.fields
        if (typed := form.cleaned_data.get(name)) != getattr(saved, name)
    ]
