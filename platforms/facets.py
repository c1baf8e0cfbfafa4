"""What the directory says beside its filters and above an empty result: how many platforms each
filter option would leave ("English (3)"), and which filter removed what.

An option's count is what choosing it would leave with every other filter as it is (for a
multiple choice, what ticking it would add), read through the FilterSet itself so the counts can
never disagree with the results: one grouped query per filter, however many platforms or
options. An empty result applies the filters one at a time, in the order of the panel, until one
leaves nothing, and names the platforms it dropped for an unknown value: "No platform matches:
English interface leaves 3, Real-name verification: None leaves 0 of them — Real-name
verification: unknown for LinkedIn".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.language import in_reader_language
from platforms.filters import PlatformFilter
from platforms.models import Platform, operating_q
from platforms.presentation import choice_label

# The filters whose options carry counts, with the column each counts by.
COUNTED = {
    "status": "status",
    "language": "interface_languages__code",
    "real_name_verification": "real_name_verification",
    "email_reliance": "email_reliance",
    "kind": "kind",
}
HISTORICAL = "show_historical"

OptionCounts = Mapping[str, Mapping[str, int]]


def option_counts(filterset: PlatformFilter) -> dict[str, dict[str, int]]:
    """For each counted filter, how many platforms each of its options would leave, and under
    `show_historical` how many more showing them would add; six queries."""
    base = Platform.objects.all()
    counts: dict[str, dict[str, int]] = {}
    for name, column in COUNTED.items():
        rows = (
            filterset.filter_queryset(base, leaving_out=name)
            .order_by()
            .values_list(column)
            .annotate(platforms=Count("pk", distinct=True))
        )
        counts[name] = {value: number for value, number in rows if value is not None}
    hidden = filterset.filter_queryset(base, leaving_out=HISTORICAL).exclude(operating_q())
    counts[HISTORICAL] = {"1": hidden.order_by().count()}
    return counts


@dataclass(frozen=True)
class EmptyExplanation:
    """Why nothing matches: each filter applied in turn with what it left, the platforms the
    last one dropped for not knowing, and whether historical platforms would match."""

    steps: tuple[str, ...]
    unknown: str = ""
    historical_would_match: bool = False

    @property
    def sentence(self) -> str:
        """The steps as one sentence, with what the last dropped for not knowing after a dash."""
        text = pgettext("list separator", ", ").join(self.steps)
        return f"{text} \N{EM DASH} {self.unknown}" if self.unknown else text


def _values_text(field: str, values: list[str]) -> str:
    return pgettext("or in a list", " or ").join(
        choice_label(Platform, field, value) for value in values
    )


def describe(name: str, value: object) -> str:
    """A filter as chosen, in a few words: "English interface", "Real-name verification: None"."""
    if name == "q":
        return _("the search “%(words)s”") % {"words": value}
    if name == "status":
        return _("status %(values)s") % {"values": _values_text("status", value)}
    if name == "language":
        languages = pgettext("or in a list", " or ").join(
            in_reader_language(language.name_en, language.name_zh) for language in value
        )
        return _("%(languages)s interface") % {"languages": languages}
    label = PlatformFilter.base_filters[name].label
    return _("%(filter)s: %(value)s") % {"filter": label, "value": _values_text(name, [value])}


def _unknown_for(name: str, before: QuerySet[Platform]) -> str:
    """The platforms a trait filter dropped because the trait is unknown for them, named."""
    if name == "language":
        dropped = before.filter(interface_languages=None)
        label = PlatformFilter.base_filters["language"].label
    elif name in COUNTED:
        dropped = before.filter(**{name: "unknown"})
        label = PlatformFilter.base_filters[name].label
    else:
        return ""
    names = [in_reader_language(en, zh) for en, zh in dropped.values_list("name_en", "name_zh")]
    if not names:
        return ""
    return _("%(trait)s: unknown for %(platforms)s") % {
        "trait": label,
        "platforms": pgettext("list separator", ", ").join(names),
    }


def explain_empty(filterset: PlatformFilter) -> EmptyExplanation:
    """Apply the chosen filters one by one, among the platforms the page shows (those still
    operating, unless historical ones are asked for), until one leaves nothing: a query each,
    one to name what it dropped for an unknown value, and one to count the historical
    platforms that would match."""
    data = filterset.form.cleaned_data
    hiding = not data.get(HISTORICAL)
    queryset = Platform.objects.operating() if hiding else Platform.objects.all()
    steps: list[str] = []
    for name in ("q", *COUNTED):
        if not data.get(name):
            continue
        before, queryset = queryset, filterset.filters[name].filter(queryset, data[name])
        left = queryset.order_by().count()
        steps.append(_leaves(describe(name, data[name]), left, first=not steps))
        if left == 0:
            break
    else:
        return EmptyExplanation(tuple(steps))
    historical = 0
    if hiding:
        historical = filterset.filter_queryset(Platform.objects.all(), leaving_out=HISTORICAL)
        historical = historical.order_by().count()
    if historical:
        steps.append(
            ngettext(
                "%(count)d historical platform would match",
                "%(count)d historical platforms would match",
                historical,
            )
            % {"count": historical}
        )
    return EmptyExplanation(tuple(steps), _unknown_for(name, before), bool(historical))


def _leaves(text: str, count: int, *, first: bool) -> str:
    if first:
        return _("%(filter)s leaves %(count)d") % {"filter": text, "count": count}
    return _("%(filter)s leaves %(count)d of them") % {"filter": text, "count": count}


def counted(label: object, count: int) -> str:
    """An option with the number of platforms it would leave: "English (3)"."""
    return _("%(option)s (%(count)d)") % {"option": label, "count": count}


def label_options(form: forms.Form, counts: OptionCounts) -> None:
    """Write each counted option's count into its label in this form (each form has its own
    copy of the fields), and how many more platforms showing historical ones would add."""
    for name in COUNTED:
        field, numbers = form.fields[name], counts[name]
        if name == "language":
            field.label_from_instance = lambda language, numbers=numbers: counted(
                language.name, numbers.get(language.code, 0)
            )
        else:
            field.choices = [
                (value, counted(label, numbers.get(value, 0)) if value else label)
                for value, label in field.choices
            ]
    # The switch's label is read by its bound field, made when the form was validated.
    historical = form[HISTORICAL]
    historical.label = counted(historical.field.label, counts[HISTORICAL]["1"])
