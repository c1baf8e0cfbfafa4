"""The admin's history pages in words, and the change reason a curator gives on saving.

django-simple-history shows stored values ("active → shut_down"), "None" for a change without
a reason, and nothing for a platform saved only for its inlines. Here every value is shown as
the form shows it (choice labels, yes/no, the related object's name), a missing reason shows
nothing, and a platform's history lists the figures, events and citations changed by the same
save: the admin stamps a save's history rows with one time and one reason (`stamp_history`),
so they are found again by that time.

Two curators editing one record lose nothing: the form carries the version the curator
opened (the record's newest history row; every save writes one, the loader's and the services'
too), and a save over a version saved since is refused above the form, under the row's lock.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from typing import Any

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from core.yesno import yes_no_label
from platforms import presentation
from platforms.dates import format_partial_date
from platforms.models import Citation, StatusEvent, UserCount
from platforms.services import stamp_history

EMPTY = "—"
CHANGE_REASON_MAX_LENGTH = 100  # simple-history's history_change_reason column


def value_in_words(field: models.Field, value: Any) -> Any:
    """A stored value as a person reads it: a choice's label, yes or no, a count's digits
    grouped, a dash for none."""
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return yes_no_label(value)
    if isinstance(field, models.BigIntegerField):  # a user count: its digits grouped
        return f"{value:,}"
    return value


# The dates stored with their precision and qualifier beside them: each reads as precisely as
# its source gives it ("by 2026-11"), never as the first day the database keeps.
PARTIAL_DATES = {
    "as_of": ("precision", "date_qualifier"),
    "happened_on": ("precision", "date_qualifier"),
    "published": ("precision", "date_qualifier"),
    "status_since": ("status_since_precision", "status_since_qualifier"),
}


def field_in_words(record: Any, field: models.Field, value: Any) -> Any:
    """`value_in_words`, but a date of `record` as precise as its source gives it."""
    qualifiers = PARTIAL_DATES.get(field.name)
    if value is None or record is None or qualifiers is None or not hasattr(record, qualifiers[0]):
        return value_in_words(field, value)
    return format_partial_date(value, *(getattr(record, name) for name in qualifiers))


class ChangesInWords(HistoricalRecordContextHelper):
    """A history row's "Changes" column with each value as the change form shows it."""

    def format_delta_change(self, change: ModelChange) -> ModelChange:
        """A date as precise as its source, the old one by the previous version's precision."""
        field = self.model._meta.get_field(change.field)
        if field.name not in PARTIAL_DATES:
            return super().format_delta_change(change)
        return dataclasses.replace(
            change,
            field=capfirst(field.verbose_name),
            old=field_in_words(self.record.prev_record, field, change.old),
            new=field_in_words(self.record, field, change.new),
        )

    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            return super().prepare_delta_change_value(change, value)
        return value_in_words(field, value)


def change_reason_field() -> forms.CharField:
    """The optional "why" asked on saving, kept in the history rows the save writes."""
    return forms.CharField(
        label=_("Reason for this change"),
        max_length=CHANGE_REASON_MAX_LENGTH,
        required=False,
        help_text=_("Optional; shown in the history, e.g. “new figures from the Q3 2025 report”."),
    )


STALE_EDIT = _(
    "Someone else saved this since you opened it, so your changes were not saved. Open it again "
    "to see theirs, then make yours."
)


def seen_version(record: models.Model) -> str:
    """The version of a record as a curator opens it: its newest history row's id."""
    if record.pk is None:
        return ""
    newest = record.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(newest or "")


class ChangeReasonForm(forms.ModelForm):
    """Asks why, for the history, and refuses a save over someone else's; mixed into an admin's
    own form by `with_change_reason`."""

    change_reason = change_reason_field()
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["seen_version"].initial = seen_version(self.instance)

    def clean(self) -> dict[str, Any]:
        """The admin validates and saves in one transaction: the lock taken here holds until
        the save, so no one saves between the check and it."""
        cleaned = super().clean()
        record = self.instance
        if record.pk is not None:
            type(record)._default_manager.select_for_update().filter(pk=record.pk).exists()
            if self.data.get(self.add_prefix("seen_version")) != seen_version(record):
                raise ValidationError(STALE_EDIT, code="stale")
        return cleaned


@cache
def with_change_reason(form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """`form` with the optional change reason; inline rows keep the plain form."""
    return type(f"{form.__name__}WithReason", (ChangeReasonForm, form), {})


class HistoryInWordsAdmin(SimpleHistoryAdmin):
    """A history-keeping admin whose history speaks in words and whose saves carry a reason."""

    object_history_template = "admin/platforms/object_history.html"
    object_history_list_template = "admin/platforms/object_history_list.html"

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs: Any):
        return super().get_form(request, obj, change, form=with_change_reason(self.form), **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: models.Model | None = None) -> list:
        fieldsets = list(super().get_fieldsets(request, obj))
        if "change_reason" not in flatten_fieldsets(fieldsets):
            fieldsets.append((None, {"fields": ["change_reason", "seen_version"]}))
        return fieldsets

    def save_model(self, request: HttpRequest, obj: models.Model, form, change: bool) -> None:
        stamp_history([obj], when=timezone.now(), reason=form.cleaned_data.get("change_reason"))
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """Save the inline rows under the parent's time and reason, so its history finds them."""
        rows = formset.save(commit=False)
        parent = form.instance
        stamp_history(
            [*rows, *formset.deleted_objects],
            when=parent._history_date,
            reason=parent._change_reason,
        )
        for row in formset.deleted_objects:
            row.delete()
        for row in rows:
            row.save()
        formset.save_m2m()

    def get_historical_record_context_helper(self, request: HttpRequest, record):
        return ChangesInWords(self.model, record)

    def render_history_view(
        self, request: HttpRequest, template: str, context: dict, **kwargs: Any
    ) -> HttpResponse:
        columns = self.history_columns()
        context["history_columns"] = [capfirst(field.verbose_name) for field in columns]
        # The list of a record's versions has a page of them; one version's page has none.
        for record in context.get("page_obj", ()):
            record.columns_in_words = [
                field_in_words(record, field, getattr(record, field.name)) for field in columns
            ]
        return super().render_history_view(request, template, context, **kwargs)

    def history_columns(self) -> Sequence[models.Field]:
        return [self.model._meta.get_field(name) for name in self.history_list_display]


def describe_record(record: Any) -> str:
    """A history row of a figure, event or citation in a phrase: "user count: 120 million
    Registered users (2024-09)", each date as precise as its source."""
    model = record.instance_type
    if model is UserCount:
        figure = presentation.figure_text(record.value, record.qualifier)
        metric = presentation.choice_label(UserCount, "metric", record.metric)
        when = format_partial_date(record.as_of, record.precision, record.date_qualifier)
        return f"{gettext('user count')}: {figure} {metric} ({when})"
    if model is StatusEvent:
        kind = presentation.choice_label(StatusEvent, "kind", record.kind)
        when = format_partial_date(record.happened_on, record.precision, record.date_qualifier)
        return f"{gettext('status event')}: {kind} ({when})"
    claim = presentation.choice_label(Citation, "claim", record.claim)
    if record.as_of is None:
        return f"{gettext('citation')}: {claim}"
    when = format_partial_date(record.as_of, record.precision, record.date_qualifier)
    return f"{gettext('citation')}: {claim} ({when})"


def inline_changes(
    *, platform_id: int, dates: Collection, item_models: Iterable[type[models.Model]]
) -> dict[Any, list[dict]]:
    """The rows of `models` the platform's saves at `dates` wrote, by date: what was done to
    which item and, for a changed item, each field's old and new value in words."""
    found: dict[Any, list[dict]] = defaultdict(list)
    for model in item_models:
        records = model.history.filter(platform_id=platform_id, history_date__in=dates)
        for record in records.order_by("history_id"):
            found[record.history_date].append(
                {
                    "action": record.get_history_type_display(),
                    "item": describe_record(record),
                    "fields": _changed_fields(model, record),
                }
            )
    return found


def _changed_fields(model: type[models.Model], record: Any) -> list[dict]:
    previous = record.prev_record if record.history_type == "~" else None
    if previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    return ChangesInWords(model, record).context_for_delta_changes(delta)
