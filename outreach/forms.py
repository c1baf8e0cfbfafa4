"""The advisor's GET form: a hypothetical target, a sender and a purpose, in shareable URL terms.

Field names make a readable permalink: `?purpose=business_development&company_type=...&weibo=active
&weibo_career=1`. Each operating platform gets a row: whether the target is on it (and active),
then three flags that only make sense when they are. Every flag reads the site's one yes/no
vocabulary (`core.yesno`), so older links that say `on` keep working.

`OutreachForm` is the smaller question asked about a real person (a candidate, or the profile
page): only why and as whom you reach out, with the same parameter names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.forms import PageForm
from core.yesno import NO, YES, YesNoCheckbox, YesNoField, yes_no_word
from outreach.recommender import PlatformName, PlatformTraits, Sender, Target, TargetMembership
from outreach.vocabulary import (
    CHINESE,
    LANGUAGE_CHOICES,
    SENDER_FIELDS,
    CompanyType,
    Purpose,
    Seniority,
)

NOT_ON_IT = ""
ACTIVE = "active"
INACTIVE = "inactive"
PRESENCE_CHOICES = [
    (NOT_ON_IT, _("Not on it")),
    (ACTIVE, _("On it, active")),
    (INACTIVE, _("On it, rarely active")),
]
# Flag field suffix -> TargetMembership field, and the label shown beside the checkbox.
PLATFORM_FLAGS = {
    "open": ("open_to_inquiries", _("open to inquiries")),
    "career": ("publicizes_career", _("publicizes their career")),
    "verified": ("verified", _("verified account")),
}


@dataclass(frozen=True)
class PlatformRow:
    """One platform's fields, grouped for the template."""

    slug: str
    name: PlatformName
    presence: BoundField
    flags: tuple[BoundField, ...]

    @property
    def has_errors(self) -> bool:
        return any(field.errors for field in (self.presence, *self.flags))


class TickBox(YesNoField):
    """A tick box in the one yes/no vocabulary: a hand-edited permalink's `no` or `0` stays no
    (Django's own checkbox would read it as ticked), anything but yes or no is an error next to
    the box, and a box left out of the URL is no."""

    widget = YesNoCheckbox

    def clean(self, value: Any) -> bool:
        return bool(super().clean(value))


class AdvisorForm(PageForm):
    purpose = forms.ChoiceField(
        label=_("Why are you reaching out?"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        initial=Purpose.BUSINESS_DEVELOPMENT,
    )
    company_type = forms.ChoiceField(label=_("Their company"), choices=CompanyType.choices)
    seniority = forms.ChoiceField(label=_("Their seniority"), choices=Seniority.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages they speak"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[CHINESE],
    )
    abroad_experience = TickBox(label=_("They studied or worked abroad"))
    reads_chinese = TickBox(label=_("I read Chinese"))
    can_verify_mainland_account = TickBox(
        label=_("I can hold a real-name verified account on mainland platforms"),
        help_text=_("Usually needs a Chinese ID or a mainland phone number."),
    )
    has_mutual_contact = TickBox(label=_("Someone we both know can introduce me"))

    def __init__(self, *args, platforms: Sequence[PlatformTraits], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self._platforms = sorted(platforms, key=lambda traits: traits.name_en.casefold())
        for traits in self._platforms:
            self.fields[traits.slug] = forms.ChoiceField(
                label=traits.name, choices=PRESENCE_CHOICES, required=False
            )
            for suffix, (_attribute, label) in PLATFORM_FLAGS.items():
                self.fields[f"{traits.slug}_{suffix}"] = TickBox(label=label)

    @property
    def platform_rows(self) -> list[PlatformRow]:
        return [
            PlatformRow(
                slug=traits.slug,
                name=self.fields[traits.slug].label,
                presence=self[traits.slug],
                flags=tuple(self[f"{traits.slug}_{suffix}"] for suffix in PLATFORM_FLAGS),
            )
            for traits in self._platforms
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for traits in self._platforms:
            if cleaned.get(traits.slug) != NOT_ON_IT:
                continue
            if any(cleaned.get(f"{traits.slug}_{suffix}") for suffix in PLATFORM_FLAGS):
                self.add_error(
                    traits.slug,
                    _("Say they are on %(platform)s before ticking its options.")
                    % {"platform": self.fields[traits.slug].label},
                )
        return cleaned

    def memberships(self) -> tuple[TargetMembership, ...]:
        data = self.cleaned_data
        return tuple(
            TargetMembership(
                platform=traits.slug,
                active=data[traits.slug] == ACTIVE,
                **{
                    attribute: data[f"{traits.slug}_{suffix}"]
                    for suffix, (attribute, _label) in PLATFORM_FLAGS.items()
                },
            )
            for traits in self._platforms
            if data[traits.slug] != NOT_ON_IT
        )

    def recommender_inputs(self) -> dict:
        """Keyword arguments for `recommend()` (call after is_valid())."""
        data = self.cleaned_data
        return {
            "purpose": Purpose(data["purpose"]),
            "target": Target(
                company_type=data["company_type"],
                seniority=data["seniority"],
                languages=tuple(data["languages"]),
                abroad_experience=data["abroad_experience"],
                memberships=self.memberships(),
            ),
            "sender": sender_from(data),
        }


# --- The advice's parameters for a real person -------------------------------------------------


def sender_from(cleaned_data: Mapping[str, Any]) -> Sender:
    """The sender a form's cleaned data describes (both forms name its flags alike)."""
    return Sender(**{name: cleaned_data[name] for name in SENDER_FIELDS})


OUTREACH_PARAMETERS = ("purpose", *SENDER_FIELDS)

# Someone recruiting through NetworkDir is most likely a China-based headhunter: they read
# Chinese and hold verified accounts on the mainland platforms (Liepin verifies headhunters), but
# a mutual contact is personal, so it is never assumed. Each can be changed on the page.
RECRUITER_DEFAULTS: Mapping[str, str] = {
    "purpose": Purpose.RECRUITING,
    "reads_chinese": YES,
    "can_verify_mainland_account": YES,
    "has_mutual_contact": NO,
}


class OutreachForm(PageForm):
    """Why and as whom you reach out to a real person: the advice's parameters, never a filter.

    The names are the advisor's and the API's (`purpose`, `reads_chinese`,
    `can_verify_mainland_account`, `has_mutual_contact`), so the same link works everywhere.
    A parameter left out (or empty) takes its value from `defaults`; without a default, purpose
    is required and a flag is no. The page's GET form keeps the chosen values in the URL.
    """

    purpose = forms.ChoiceField(
        label=_("Why are you reaching out?"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    reads_chinese = YesNoField(label=_("I read Chinese"))
    can_verify_mainland_account = YesNoField(
        label=_("I have a verified mainland account"),
        help_text=_("Real-name verified on mainland platforms (Chinese ID or phone number)."),
    )
    has_mutual_contact = YesNoField(label=_("Someone we both know can introduce me"))

    def __init__(
        self,
        data: QueryDict | Mapping[str, str] | None = None,
        *,
        defaults: Mapping[str, str] = RECRUITER_DEFAULTS,
        **kwargs,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        given = {name: (data or {}).get(name) for name in OUTREACH_PARAMETERS}
        self.has_parameters = any(given.values())
        values = {name: given[name] or defaults.get(name, "") for name in OUTREACH_PARAMETERS}
        for name in SENDER_FIELDS:
            values[name] = values[name] or NO
        super().__init__(values, **kwargs)

    @property
    def purpose_value(self) -> Purpose:
        return Purpose(self.cleaned_data["purpose"])

    @property
    def sender(self) -> Sender:
        return sender_from(self.cleaned_data)

    def recommender_inputs(self) -> dict:
        """`purpose` and `sender` for `recommend()` (call after is_valid()); add the target."""
        return {"purpose": self.purpose_value, "sender": self.sender}

    @property
    def query(self) -> str:
        """The chosen values as a query string, to carry them to another page (once valid)."""
        query = QueryDict(mutable=True)
        query["purpose"] = self.cleaned_data["purpose"]
        for name in SENDER_FIELDS:
            query[name] = yes_no_word(self.cleaned_data[name])
        return query.urlencode()
