"""The advisor's GET form: a hypothetical target, a sender and a purpose, in shareable URL terms.

Field names make a readable permalink: `?purpose=business_development&company_type=...&weibo=active
&weibo_career=on`. Each operating platform gets a row: whether the target is on it (and active),
then three flags that only make sense when they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from profiles.models import CompanyType, Seniority
from profiles.recommender import (
    PlatformName,
    PlatformTraits,
    Purpose,
    Sender,
    Target,
    TargetMembership,
)

PURPOSE_CHOICES = [
    (Purpose.BUSINESS_DEVELOPMENT, _("Business development: propose a deal or partnership")),
    (Purpose.RECRUITING, _("Recruiting: offer them a job")),
    (Purpose.JOB_SEARCH, _("Job search: ask them for a job")),
    (Purpose.PEER_NETWORKING, _("Peer networking: get to know a peer")),
]
LANGUAGE_CHOICES = [("zh", _("Chinese")), ("en", _("English"))]

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


class AdvisorForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Why are you reaching out?"),
        choices=PURPOSE_CHOICES,
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
        initial=["zh"],
    )
    abroad_experience = forms.BooleanField(label=_("They studied or worked abroad"), required=False)
    reads_chinese = forms.BooleanField(label=_("I read Chinese"), required=False)
    can_verify_mainland_account = forms.BooleanField(
        label=_("I can hold a real-name verified account on mainland platforms"),
        help_text=_("Usually needs a Chinese ID or a mainland phone number."),
        required=False,
    )
    has_mutual_contact = forms.BooleanField(
        label=_("Someone we both know can introduce me"), required=False
    )

    def __init__(self, *args, platforms: Sequence[PlatformTraits], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self._platforms = sorted(platforms, key=lambda traits: traits.name_en.casefold())
        for traits in self._platforms:
            name = PlatformName(traits.name_en, traits.name_zh)
            self.fields[traits.slug] = forms.ChoiceField(
                label=name, choices=PRESENCE_CHOICES, required=False
            )
            for suffix, (_attribute, label) in PLATFORM_FLAGS.items():
                self.fields[f"{traits.slug}_{suffix}"] = forms.BooleanField(
                    label=label, required=False
                )

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
            "sender": Sender(
                reads_chinese=data["reads_chinese"],
                can_verify_mainland_account=data["can_verify_mainland_account"],
                has_mutual_contact=data["has_mutual_contact"],
            ),
        }
