"""Forms of the network pages: asking to connect, and the owner's view of one connection.

They check input for the person typing it; `profiles.connections` checks it again and writes.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.connections import CONTACT_SETTING_FIELDS
from profiles.models import ConnectionRequest, Contact


class FindPeopleForm(forms.Form):
    """A name, company or title to find people by (My network's search)."""

    find = forms.CharField(
        label=_("Find people you know"),
        min_length=2,
        max_length=100,
        required=False,
        help_text=_("A name (in pinyin too), a company or a title, e.g. Li Wei or 李伟."),
    )


def _without_blank_choice(form: forms.ModelForm, *names: str) -> None:
    """Offer only real values: each of these fields always has one (a stored row's, or, for
    closeness, one of only three radio buttons)."""
    for name in names:
        field = form.fields[name]
        field.choices = [(value, label) for value, label in field.choices if value != ""]


class ConnectForm(forms.ModelForm):
    """How the sender knows the person they ask, how well, and a short note."""

    class Meta:
        model = ConnectionRequest
        fields = ("relationship", "closeness", "message")
        widgets = {
            "closeness": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"message": _("A short note (optional)")}
        help_texts = {
            "message": _("They see it with your request, e.g. where you met."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _without_blank_choice(self, "closeness")


class ConnectionForm(forms.ModelForm):
    """The owner's own view of one connection, edited on its row of My network; the other side
    keeps theirs."""

    class Meta:
        model = Contact
        fields = CONTACT_SETTING_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        # Many rows share the page: each row's fields get ids of their own.
        contact = kwargs["instance"]
        kwargs.setdefault("auto_id", f"id_connection_{contact.other_id}_%s")
        super().__init__(*args, **kwargs)
        _without_blank_choice(self, *CONTACT_SETTING_FIELDS)
