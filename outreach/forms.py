"""The advisor's GET form: a hypothetical target, a sender and a purpose, in shareable URL terms.

Field names make a readable permalink: `?purpose=business_development&company_type=...
&city=suzhou&weibo=on_it&weibo_career=true`. Each operating platform gets a row: whether the
target is on it (on it, not on it, or don't know: the default), then how they use it (active,
open to inquiries, publicizes their career, verified, preferred), each yes, no or don't know.
What isn't known counts neither for nor against. Every yes/no reads the site's one vocabulary
(`core.yesno`). Links made before "don't know" existed keep their meaning (`read_old_link`).
`?platform=weibo` alone opens the form with Weibo marked "on it" (`AdvisorForm.from_query`).

`OutreachForm` is the smaller question asked about a real person (a candidate, or the profile
page): only why and as whom you reach out, with the same parameter names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.forms import PageForm
from core.per_page import per_language
from core.yesno import NO, YES, TickBox, YesNoField, yes_no_word
from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.vocabulary import (
    CHINESE,
    LANGUAGE_CHOICES,
    OUTREACH_PARAMETERS,
    SENDER_FIELDS,
    TITLE_MAX_LENGTH,
    City,
    CompanyType,
    Industry,
    PlatformName,
    Presence,
    Purpose,
    Seniority,
)
from platforms.vocabulary import offered_name

# Don't know first: it is what the form assumes until told.
PRESENCE_CHOICES = [
    (Presence.UNKNOWN, Presence.UNKNOWN.label),
    (Presence.ON_IT, Presence.ON_IT.label),
    (Presence.NOT_ON_IT, Presence.NOT_ON_IT.label),
]
# Setting field suffix -> TargetMembership field, and its label.
PLATFORM_SETTINGS = {
    "active": ("active", _("Active there")),
    "open": ("open_to_inquiries", _("Open to inquiries")),
    "career": ("publicizes_career", _("Publicizes their career")),
    "verified": ("verified", _("Verified account")),
    "preferred": ("preferred", _("Their preferred channel")),
}
DONT_KNOW = _("Don't know")
PRESET = "platform"  # ?platform=weibo: the advisor for people on Weibo

# Before "don't know", a platform was "active", "inactive" or "" (not on it), each link named
# every platform, an unticked box (open, career, verified) was left out and meant no, and what
# the form didn't ask (preferred) was no.
OLD_PRESENCE = {
    "active": (Presence.ON_IT, YES),
    "inactive": (Presence.ON_IT, NO),
    "": (Presence.NOT_ON_IT, ""),
}
OLD_NOES = ("open", "career", "verified", "preferred")


def read_old_link(data: QueryDict, slugs: Iterable[str]) -> QueryDict:
    """`data` in today's terms: a link made before "don't know" existed means what it meant."""
    slugs = tuple(slugs)
    if not any(data.get(slug) in OLD_PRESENCE for slug in slugs if slug in data):
        return data
    data = data.copy()
    for slug in slugs:
        presence, active = OLD_PRESENCE.get(data.get(slug, ""), (None, ""))
        if presence is None:
            continue
        data[slug] = presence
        if presence == Presence.ON_IT:
            data.setdefault(f"{slug}_active", active)
            for suffix in OLD_NOES:
                data[f"{slug}_{suffix}"] = data.get(f"{slug}_{suffix}") or NO
    return data


@dataclass(frozen=True)
class PlatformRow:
    """One platform's fields, grouped for the template."""

    slug: str
    name: PlatformName
    presence: BoundField
    settings: tuple[BoundField, ...]

    @property
    def has_errors(self) -> bool:
        return any(field.errors for field in (self.presence, *self.settings))

    @property
    def settings_given(self) -> bool:
        """Whether any setting says yes or no (the row's details then show open)."""
        return any(field.value() not in (None, "") for field in self.settings)


def optional_choices(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", DONT_KNOW), *choices]


@per_language
def platform_fields(platforms: tuple[PlatformTraits, ...]) -> dict[str, forms.Field]:
    """Each platform's fields, six a platform: whether the target is on it, and its settings.

    Made once per process for each catalog's platforms and language, and shared by every
    form, which changes none of them: Django copies a form's declared fields for each form,
    and the advisor's forty-two platform fields cost 0.6 ms a page made or copied.
    """
    fields: dict[str, forms.Field] = {}
    for traits in platforms:
        fields[traits.slug] = forms.ChoiceField(
            label=offered_name(str(traits.name), traits.operating_state),
            choices=PRESENCE_CHOICES,
            required=False,
            initial=Presence.UNKNOWN,
        )
        for suffix, (_attribute, label) in PLATFORM_SETTINGS.items():
            fields[f"{traits.slug}_{suffix}"] = YesNoField(label=label, any_label=DONT_KNOW)
    return fields


class AdvisorForm(PageForm):
    purpose = forms.ChoiceField(
        label=_("Why are you reaching out?"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        initial=Purpose.BUSINESS_DEVELOPMENT,
    )
    title = forms.CharField(
        label=_("Their role or title"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        help_text=_("For example CFO or head of sales."),
    )
    company_type = forms.ChoiceField(label=_("Their company"), choices=CompanyType.choices)
    seniority = forms.ChoiceField(label=_("Their seniority"), choices=Seniority.choices)
    industry = forms.ChoiceField(
        label=_("Their industry"), choices=optional_choices(Industry.choices), required=False
    )
    city = forms.ChoiceField(
        label=_("Their city"), choices=optional_choices(City.choices), required=False
    )
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

    def __init__(self, data=None, *args, platforms: Sequence[PlatformTraits], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        self._platforms = tuple(platforms)  # as offered: `ChannelCatalog.operating_platforms`
        if data is not None:
            data = read_old_link(data, (traits.slug for traits in self._platforms))
        super().__init__(data, *args, **kwargs)
        self.fields.update(platform_fields(self._platforms))

    @classmethod
    def from_query(cls, query: QueryDict, *, platforms: Sequence[PlatformTraits]) -> AdvisorForm:
        """The form a page's query asks for: unbound when empty, or when it only presets a
        platform (`?platform=weibo`: that platform marked "on it", the rest to fill in)."""
        if not query:
            return cls(platforms=platforms)
        if set(query) == {PRESET}:
            slug = query[PRESET]
            known = any(traits.slug == slug for traits in platforms)
            return cls(platforms=platforms, initial={slug: Presence.ON_IT} if known else {})
        return cls(query, platforms=platforms)

    @property
    def platform_rows(self) -> list[PlatformRow]:
        return [
            PlatformRow(
                slug=traits.slug,
                name=self.fields[traits.slug].label,
                presence=self[traits.slug],
                settings=tuple(self[f"{traits.slug}_{suffix}"] for suffix in PLATFORM_SETTINGS),
            )
            for traits in self._platforms
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for traits in self._platforms:
            if self._presence(traits.slug) == Presence.ON_IT:
                continue
            if any(self._setting(traits.slug, suffix) is not None for suffix in PLATFORM_SETTINGS):
                self.add_error(
                    traits.slug,
                    _("Say they are on %(platform)s before saying how they use it.")
                    % {"platform": self.fields[traits.slug].label},
                )
        return cleaned

    def _presence(self, slug: str) -> Presence:
        # Left out of the link: not known.
        return Presence(self.cleaned_data.get(slug) or Presence.UNKNOWN)

    def _setting(self, slug: str, suffix: str) -> bool | None:
        return self.cleaned_data.get(f"{slug}_{suffix}")

    def memberships(self) -> tuple[TargetMembership, ...]:
        """Every platform of the form, each on it, not on it or perhaps on it."""
        return tuple(
            TargetMembership(
                platform=traits.slug,
                presence=self._presence(traits.slug),
                **{
                    attribute: self._setting(traits.slug, suffix)
                    for suffix, (attribute, _label) in PLATFORM_SETTINGS.items()
                },
            )
            for traits in self._platforms
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
                unlisted=Presence.UNKNOWN,
                city=data["city"],
                industry=data["industry"],
                title=data["title"].strip(),
            ),
            "sender": sender_from(data),
        }


# --- The advice's parameters for a real person -------------------------------------------------


def sender_from(cleaned_data: Mapping[str, Any]) -> Sender:
    """The sender a form's cleaned data describes (both forms name its flags alike)."""
    return Sender(**{name: cleaned_data[name] for name in SENDER_FIELDS})


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
