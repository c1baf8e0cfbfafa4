"""Forms of the curator's admin: figures, events and citations with their source demanded in
plain words, a figure spelt out as it is typed, and the "record a status change" form."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.admin import site
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.db.models import BLANK_CHOICE_DASH
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.language import reads_chinese
from platforms import services
from platforms.admin_history import change_reason_field
from platforms.charts import count_units
from platforms.models import Citation, Platform, Source, StatusEvent, UserCount
from platforms.presentation import count_in_words

SOURCE_REQUIRED = _("Every figure, event and citation needs a source: pick one or add it first.")
COUNT_NOT_POSITIVE = _("A user count must be greater than zero.")
STATUS_CHANGE_ELSEWHERE = _(
    "This event would change the platform's status: record it with “Record a status change” "
    "on the platform's page, which changes the status with it."
)
SAVE_PLATFORM_FIRST = _(
    "This event sets the platform's status: save the platform first, then record it with "
    "“Record a status change”."
)


class CountInput(forms.NumberInput):
    """A figure's digits with the number in words beside them ("120 million", "1.2亿").

    The words of the saved value are rendered here, so they show without JavaScript;
    static/js/count-in-words.js rewrites them as the curator types, in the units given in
    `data-count-units` (the same units the pages read figures in).
    """

    class Media:
        js = ["js/count-in-words.js"]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        chinese = reads_chinese()
        attrs = context["widget"]["attrs"]
        attrs["data-count-units"] = json.dumps(count_units(chinese=chinese))
        if attrs.get("id"):
            attrs["aria-describedby"] = f"{attrs['id']}_words"
        return context

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer=None) -> str:
        field = super().render(name, value, attrs, renderer)
        try:
            words = count_in_words(int(value)) if value not in (None, "") else ""
        except (TypeError, ValueError):
            words = ""
        element_id = (attrs or {}).get("id", "")
        return format_html(
            '{}<output class="count-in-words" id="{}_words" aria-live="polite">{}</output>',
            field,
            element_id,
            words,
        )


class UserCountForm(forms.ModelForm):
    """One message for zero and negative counts, and a source demanded in plain words."""

    class Meta:
        model = UserCount
        fields = [
            "platform",
            "value",
            "qualifier",
            "metric",
            "scope",
            "as_of",
            "precision",
            "date_qualifier",
            "source",
            "note_en",
            "note_zh",
        ]
        widgets = {"value": CountInput}
        error_messages = {
            "value": {"min_value": COUNT_NOT_POSITIVE},
            "source": {"required": SOURCE_REQUIRED},
        }


class StatusEventForm(forms.ModelForm):
    """An event of the timeline. One that would change the platform's status is refused: it is
    recorded with "Record a status change", which changes the status with it."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, happened_on = cleaned.get("kind"), cleaned.get("happened_on")
        # In an inline row too: the formset gives it the page's platform, unsaved when adding.
        platform = cleaned.get("platform")
        if kind not in services.STATUS_AFTER or happened_on is None or platform is None:
            return cleaned
        if platform.pk is None:
            self.add_error("kind", SAVE_PLATFORM_FIRST)
        elif services.changes_status(
            platform=platform, kind=kind, happened_on=happened_on, event_pk=self.instance.pk
        ):
            self.add_error("kind", STATUS_CHANGE_ELSEWHERE)
        return cleaned

    class Meta:
        model = StatusEvent
        fields = [
            "platform",
            "kind",
            "happened_on",
            "precision",
            "date_qualifier",
            "description_en",
            "description_zh",
            "source",
        ]
        error_messages = {"source": {"required": SOURCE_REQUIRED}}


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = ["platform", "claim", "source", "as_of", "precision", "date_qualifier"]
        error_messages = {"source": {"required": SOURCE_REQUIRED}}


def _event_field(name: str, **kwargs: Any) -> forms.Field:
    """The status event's own form field, so the rules and labels are the model's."""
    return StatusEvent._meta.get_field(name).formfield(**kwargs)


def status_change_choices() -> list[tuple[str, str]]:
    """The events that set a status, named by the status they set ("Shut down"); where two
    events set the same status, by both ("Active — reported operating")."""
    statuses = list(services.STATUS_AFTER.values())
    choices = [("", BLANK_CHOICE_DASH[0][1])]
    for kind, status in services.STATUS_AFTER.items():
        status_label = Platform.Status(status).label
        if statuses.count(status) > 1:
            status_label = pgettext("new status, by event", "%(status)s — %(event)s") % {
                "status": status_label,
                "event": StatusEvent.Kind(kind).label.lower(),
            }
        choices.append((kind, status_label))
    return choices


class StatusChangeForm(forms.Form):
    """What a status change needs: the new status, when, which source says so, in what words.

    Field names are the service's (`change_reason` is its `reason`), so the errors it raises
    land next to the field at fault.
    """

    kind = forms.ChoiceField(
        label=_("New status"),
        choices=status_change_choices,
        help_text=_("Added to the timeline as the event that set it."),
    )
    happened_on = _event_field("happened_on", widget=AdminDateWidget)
    precision = _event_field("precision")
    date_qualifier = _event_field("date_qualifier")
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=Source.objects.all(),
        widget=AutocompleteSelect(StatusEvent._meta.get_field("source"), site),
        error_messages={"required": SOURCE_REQUIRED},
    )
    description_en = _event_field("description_en")
    description_zh = _event_field("description_zh")
    change_reason = change_reason_field()

    # How the admin lays the fields out: one line per thought.
    layout = [
        "kind",
        ("happened_on", "precision", "date_qualifier"),
        "source",
        ("description_en", "description_zh"),
        "change_reason",
    ]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as `services.record_status_change` takes it."""
        data = dict(self.cleaned_data)
        data["reason"] = data.pop("change_reason")
        return data
