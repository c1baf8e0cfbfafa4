"""Forms of the introduction pages: asking for one along a path, and answering one.

They check input for the person typing it; `profiles.introductions` checks it again and writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from outreach.vocabulary import Purpose
from profiles.introduction_rules import Action
from profiles.models import Membership
from profiles.paths import IntroductionPath

# The value of the channel choice that means "reply in NetworkDir" rather than a platform.
REPLY_IN_APP = "app"


def route_value(via: int | str, then: int | str | None = None) -> str:
    """A path's intermediaries as one choice value: "12", or "12-34" on a third-degree path."""
    return f"{via}-{then}" if then else str(via)


class AskForm(forms.Form):
    """Which path, why, and a message; the person to meet is in the page's address. The route's
    choices are the asker's own paths to them (`profiles.paths.best_paths`), so only a real one
    can be picked."""

    route = forms.ChoiceField(label=_("Who introduces you"), widget=forms.RadioSelect)
    purpose = forms.ChoiceField(
        label=_("Why do you want to meet them?"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        initial=Purpose.BUSINESS_DEVELOPMENT,
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The people on the path read it, and so does the person you want to meet, who "
            "learns your name only if they accept: say why, and who you are by your role."
        ),
    )

    def __init__(self, *args, paths: Sequence[IntroductionPath], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [
            (route_value(*(step.profile_id for step in path.intermediaries)), path.describe())
            for path in paths
        ]

    def path_ids(self) -> dict[str, int | None]:
        """`via` and `then` of the chosen route (call after is_valid())."""
        via, _sep, then = self.cleaned_data["route"].partition("-")
        return {"via_id": int(via), "then_id": int(then) if then else None}


class ChannelChoiceField(forms.ChoiceField):
    """One of the target's memberships (its id), or writing to the requester first; chosen
    already where that is the only choice."""

    def __init__(self, *, memberships: Sequence[Membership], **kwargs) -> None:
        choices = [
            (str(membership.pk), f"{membership.platform.name}: {membership.handle}")
            for membership in memberships
        ]
        choices.append(
            (REPLY_IN_APP, _("I will write to them first (you see the handles they share)"))
        )
        initial = None if memberships else REPLY_IN_APP
        super().__init__(choices=choices, widget=forms.RadioSelect, initial=initial, **kwargs)


class AnswerForm(forms.Form):
    """One action on an introduction; accepting also chooses how the requester may reach you."""

    action = forms.ChoiceField(choices=Action.choices, widget=forms.HiddenInput)

    def __init__(self, *args, memberships: Sequence[Membership] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"] = ChannelChoiceField(
            memberships=memberships,
            label=_("How may they reach you?"),
            required=False,
            help_text=_(
                "They see it only if you accept: the platform and handle you choose here, "
                "even one you hide from recruiters."
            ),
        )

    def channel(self) -> dict:
        """The service's keyword arguments for the chosen channel (after is_valid())."""
        chosen = self.cleaned_data.get("membership") or ""
        if chosen == REPLY_IN_APP:
            return {"membership_id": None, "reply_in_app": True}
        return {"membership_id": int(chosen) if chosen else None, "reply_in_app": False}
