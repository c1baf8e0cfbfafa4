"""Forms of the outreach log on a project candidate's page: log an outreach, record its outcome."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outreach.vocabulary import Outcome
from workspace.models import OLDEST_OUTREACH, OutreachLog
from workspace.outreach_log import channel_choices


class OutreachLogForm(forms.ModelForm):
    """The channel (any the advisor knows) and the day it was sent, today by default."""

    channel = forms.ChoiceField(label=_("Channel"))

    class Meta:
        model = OutreachLog
        fields = ("channel", "sent_on")
        # A date input reads only yyyy-mm-dd, whatever the page's language (the browser shows
        # it in the reader's own format); Chinese's 2026/05/20 would leave it empty.
        widgets = {"sent_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}
        help_texts = {"sent_on": _("The day you sent it, in the last 12 months.")}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"sent_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = channel_choices()
        today = timezone.localdate()
        attrs = self.fields["sent_on"].widget.attrs
        attrs["min"], attrs["max"] = (today - OLDEST_OUTREACH).isoformat(), today.isoformat()


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
