"""The one yes/no vocabulary: every page, form, filter and API switch reads it the same way.

`1/true/yes/on` mean yes and `0/false/no/off` mean no, in any case; an empty value means "not
given". Anything else is refused with an error naming the field, never read as no.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

YES_WORDS = frozenset({"1", "true", "yes", "on"})
NO_WORDS = frozenset({"0", "false", "no", "off"})
YES, NO = "true", "false"
# The choices' labels, one object each, so a page's widgets translate each once
# (`core.forms.label_text`).
YES_LABEL, NO_LABEL = _("Yes"), _("No")
YES_CELL, NO_CELL = _("yes"), _("no")


def yes_no_label(value: bool) -> str:
    """A stored yes/no value as a page shows it: "Yes" or "No", translated."""
    return str(YES_LABEL if value else NO_LABEL)


def yes_no_cell(value: bool) -> str:
    """A stored yes/no value in a CSV cell: "yes" or "no", translated."""
    return str(YES_CELL if value else NO_CELL)


def parse_yes_no(raw: object) -> bool | None:
    """True, False, or None for an empty value; ValueError for anything else."""
    if isinstance(raw, bool) or raw is None:
        return raw
    word = str(raw).strip().lower()
    if word == "":
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(raw)


def yes_no_word(value: bool | None) -> str:
    """The canonical spelling of `value` for a link or a form: `true`, `false` or empty."""
    if value is None:
        return ""
    return YES if value else NO


class YesNoSelect(forms.Select):
    """A select of the field's choices that shows any spelling of yes or no as selected."""

    def format_value(self, value: Any) -> list[str]:
        try:
            return [yes_no_word(parse_yes_no(value))]
        except ValueError:
            return [str(value)]


class YesNoCheckbox(forms.CheckboxInput):
    """A checkbox that submits `1`; unlike Django's, it reads `0` and `false` as off."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, check_test=lambda value: _reads_yes(value))

    def format_value(self, value: object) -> str:
        return "1"

    def value_from_datadict(self, data, files, name: str) -> Any:
        return data.get(name, "")


def _reads_yes(value: object) -> bool:
    try:
        return parse_yes_no(value) is True
    except ValueError:
        return False


class YesNoField(forms.Field):
    """A yes/no value in the shared vocabulary; with `any_label`, blank means "either"."""

    widget = YesNoSelect
    default_error_messages = {
        "invalid": _("Enter yes or no (1/0, true/false, yes/no or on/off)."),
    }

    def __init__(self, *, any_label: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        choices = [] if any_label is None else [("", any_label)]
        choices += [(YES, YES_LABEL), (NO, NO_LABEL)]
        if isinstance(self.widget, forms.Select):
            self.widget.choices = choices

    def to_python(self, value: Any) -> bool | None:
        try:
            return parse_yes_no(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: bool | None) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return parse_yes_no(initial) != parse_yes_no(data)
        except ValueError:
            return True


class TickBox(YesNoField):
    """A tick box in the one yes/no vocabulary: a posted or hand-edited `no`, `0` or `off` stays
    no (Django's own checkbox reads any value but `false` as ticked), anything but yes or no is
    an error next to the box, and a box left out is no. A required box must be ticked."""

    widget = YesNoCheckbox

    def validate(self, value: bool | None) -> None:
        if self.required and value is not True:
            raise ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> bool:
        return bool(super().clean(value))

    def has_changed(self, initial: Any, data: Any) -> bool:
        """A box left out is no: an untouched extra row of a formset stays unchanged."""
        try:
            return bool(parse_yes_no(initial)) != bool(parse_yes_no(data))
        except ValueError:
            return True


class YesNoDeletion:
    """A formset whose rows' "Delete" box is a `TickBox`: a row posted with `DELETE=0` stays."""

    deletion_label = _("Delete")

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME] = TickBox(label=self.deletion_label)


def yes_no_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A model form's field for `db_field`: a `TickBox` for a yes/no column, Django's own for the
    others. Every model form with a yes/no column names it as `Meta.formfield_callback`."""
    if isinstance(db_field, models.BooleanField) and not db_field.null:
        return db_field.formfield(form_class=TickBox, **kwargs)
    return db_field.formfield(**kwargs)


class YesNoFilter(django_filters.BooleanFilter):
    """A FilterSet switch in the shared vocabulary: blank filters nothing."""

    field_class = YesNoField


class YesNoSerializerField(serializers.BooleanField):
    """An API switch in the same vocabulary, in a JSON body or a query string: JSON true and
    false too, but not the `y` or `t` DRF's own field would take; anything else is a 400 naming
    the field."""

    default_error_messages = {"invalid": YesNoField.default_error_messages["invalid"]}

    def to_internal_value(self, data: Any) -> bool:
        try:
            value = parse_yes_no(data)
        except ValueError:
            value = None
        if value is None:
            self.fail("invalid")
        return value


def yes_no_schema(description: object) -> dict:
    """The OpenAPI schema of a yes/no query parameter: every word it takes, so the schema and
    the behaviour agree (a client generated from it may send any of them)."""
    return {"type": "string", "enum": sorted(YES_WORDS | NO_WORDS), "description": description}
