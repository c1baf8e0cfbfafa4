"""What a reader is shown of the platform records: figures in words, sources, trait rows and
the directory's cards (one platform's record is assembled in `platforms.record`, the compare
grid in `platforms.comparison`).

Display values are made here, once, from what `platforms.selectors` reads, so the pages, the API
and the CSV say the same thing. Everything made here is plain data (dataclasses of strings,
numbers and dates), so it can be kept in the shared cache (`core.cache.cached_data`). Sources are
numbered in the order a reader meets them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Protocol, TypeVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.language import in_reader_language, reads_chinese
from platforms import selectors
from platforms.charts import compact_number
from platforms.dates import UPPER_BOUNDS, CitedSourceText, format_partial_date
from platforms.models import Citation, Platform, Source, UserCount
from platforms.vocabulary import OUTREACH_TRAITS, OperatingState

STALE_AFTER_YEARS = 3
NOT_APPLICABLE = "—"


class FigureLike(Protocol):
    """What the staleness rule reads of a figure: a `UserCount`, or `checks.FigureRecord`."""

    value: int
    metric: str
    as_of: datetime.date
    date_qualifier: str


F = TypeVar("F", bound=FigureLike)

QUALIFIER_FORMATS = {
    UserCount.Qualifier.ABOUT: _("about %(number)s"),
    UserCount.Qualifier.MORE_THAN: _("more than %(number)s"),
}

# Words and labels -------------------------------------------------------------------------------


@cache
def _labels(model: type[models.Model], field_name: str) -> dict[str, str]:
    return dict(model._meta.get_field(field_name).flatchoices)


def choice_label(model: type[models.Model], field_name: str, value: str) -> str:
    """The label of a stored choice, in the active language: the same as `get_FOO_display()`."""
    return str(_labels(model, field_name).get(value, value))


def status_label(status: str) -> str:
    """A status as a badge says it: an unknown one reads "Status unknown", not a bare "Unknown"
    beside the platform's name."""
    if status == Platform.Status.UNKNOWN:
        return str(OperatingState.STATUS_UNKNOWN.label)
    return choice_label(Platform, "status", status)


def count_in_words(value: float, *, short: bool = False) -> str:
    """A user count for reading, in the active language's units (587 million / 5.87亿);
    `short` for chart axes (587M)."""
    return compact_number(value, chinese=reads_chinese(), short=short)


def figure_text(value: int, qualifier: str) -> str:
    """A figure as its source states it: "more than 140 million", "about 800 million"."""
    number = count_in_words(value)
    template = QUALIFIER_FORMATS.get(qualifier)
    return str(template % {"number": number}) if template else number


def measure_text(metric: str, scope: str) -> str:
    """What a figure counts and where: "Monthly active users, China"."""
    return str(
        _("%(metric)s, %(scope)s")
        % {
            "metric": choice_label(UserCount, "metric", metric),
            "scope": choice_label(UserCount, "scope", scope),
        }
    )


def figure_value(count: UserCount) -> str:
    return figure_text(count.value, count.qualifier)


def figure_measure(count: UserCount) -> str:
    return measure_text(count.metric, count.scope)


# Sources ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef(CitedSourceText):
    """A cited source as plain data, read by the pages and the API like a `Source`."""

    pk: int
    key: str
    title: str
    description_en: str
    description_zh: str
    publisher: str
    url: str
    published: datetime.date | None
    published_until: datetime.date | None
    retrieved: datetime.date | None
    precision: str
    date_qualifier: str


SOURCE_REF_FIELDS = ("pk", *selectors.SOURCE_FIELDS[1:])


def source_ref(source: Source) -> SourceRef:
    return SourceRef(**{name: getattr(source, name) for name in SOURCE_REF_FIELDS})


def source_from_values(row: Mapping[str, Any]) -> SourceRef:
    """The source of a `selectors` values row (its `source__*` columns)."""
    values = {name: row[f"source__{name}"] for name in selectors.SOURCE_FIELDS}
    return SourceRef(pk=values.pop("id"), **values)


@dataclass(frozen=True)
class NumberedSource:
    number: int
    source: SourceRef


@dataclass
class SourceNumbering:
    """Gives each distinct source a number the first time it is cited: [1] is met first."""

    numbers: dict[int, int] = field(default_factory=dict)
    sources: list[NumberedSource] = field(default_factory=list)

    def number(self, source: SourceRef) -> int:
        if source.pk not in self.numbers:
            self.numbers[source.pk] = len(self.numbers) + 1
            self.sources.append(NumberedSource(self.numbers[source.pk], source))
        return self.numbers[source.pk]

    def cite(self, sources: Iterable[SourceRef]) -> tuple[int, ...]:
        return tuple(sorted({self.number(source) for source in sources}))


# Traits -----------------------------------------------------------------------------------------
# A trait is read from a platform's *facts*: its stored trait values, its texts in the active
# language, its parent as (slug, name) or None, and its interface languages' names. The same
# facts come from a model instance (one platform's page) or from values (the compare grid).

Facts = Mapping[str, Any]
TRAIT_FIELDS = (
    "kind",
    "status",
    "status_since",
    "status_since_precision",
    "status_since_qualifier",
    "parent_company",
    "launched_year",
    "website",
    *OUTREACH_TRAITS,
)
TEXT_FIELDS = ("summary", "audience", "strengths", "weaknesses")


def facts_of(platform: Platform) -> dict[str, Any]:
    """The facts of a platform loaded with its parent and its interface languages."""
    parent = platform.parent
    return {
        **{name: getattr(platform, name) for name in (*TRAIT_FIELDS, *TEXT_FIELDS)},
        "parent": (parent.slug, parent.name) if parent else None,
        "languages": [language.name for language in platform.interface_languages.all()],
    }


def facts_from_values(row: Mapping[str, Any], languages: Iterable[Mapping]) -> dict[str, Any]:
    """The facts of a `selectors.compare_platforms` row and its `compare_values` languages."""
    parent = row["parent__slug"]
    parent_name = in_reader_language(row["parent__name_en"] or "", row["parent__name_zh"] or "")
    return {
        **{name: row[name] for name in TRAIT_FIELDS},
        "audience": in_reader_language(row["audience_en"], row["audience_zh"]),
        "parent": (parent, parent_name) if parent else None,
        "languages": [
            in_reader_language(language["language__name_en"], language["language__name_zh"])
            for language in languages
        ],
    }


@dataclass(frozen=True)
class TraitValue:
    """A trait as shown; `since` dates a state (a status, "since 2021-03"; `since_on` its date
    and precision), `as_of` the date its sources state it as of."""

    text: str
    url: str = ""
    as_of: str = ""
    since: str = ""
    since_on: tuple[datetime.date, str] | None = None
    is_unknown: bool = False


def unknown() -> TraitValue:
    """Unknown stays visibly unknown; built per call so it follows the active language."""
    return TraitValue(text=str(_("Unknown")), is_unknown=True)


@dataclass(frozen=True)
class TraitSpec:
    """One row of a platform's record: how to read it and which `Citation.claim` backs it."""

    key: str
    label: str
    read: Callable[[Facts], TraitValue]
    claim: str = ""


def _choice(field_name: str) -> Callable[[Facts], TraitValue]:
    def read(facts: Facts) -> TraitValue:
        if facts[field_name] == "unknown":
            return unknown()
        return TraitValue(text=choice_label(Platform, field_name, facts[field_name]))

    return read


def _text(name: str) -> Callable[[Facts], TraitValue]:
    def read(facts: Facts) -> TraitValue:
        return TraitValue(text=str(facts[name])) if facts[name] else unknown()

    return read


def _status(facts: Facts) -> TraitValue:
    if facts["status"] == Platform.Status.UNKNOWN:
        return unknown()
    text = choice_label(Platform, "status", facts["status"])
    if not facts["status_since"]:
        return TraitValue(text=text)
    since_on = (facts["status_since"], facts["status_since_precision"])
    qualifier = facts["status_since_qualifier"]
    shown = format_partial_date(*since_on, qualifier)
    return TraitValue(text=text, since=since_phrase(shown, qualifier), since_on=since_on)


def since_phrase(shown: str, qualifier: str) -> str:
    """ "since 2021-03" for a date `shown`; a date known only from above stands alone
    ("by 2017-03"), since "since by 2017-03" would say nothing."""
    return shown if qualifier in UPPER_BOUNDS else str(_("since %(date)s") % {"date": shown})


def _parent(facts: Facts) -> TraitValue:
    if facts["parent"] is None:
        return TraitValue(text=NOT_APPLICABLE)
    slug, name = facts["parent"]
    return TraitValue(text=name, url=reverse("platforms:detail", kwargs={"slug": slug}))


def _languages(facts: Facts) -> TraitValue:
    names = facts["languages"]
    return TraitValue(text=pgettext("list separator", ", ").join(names)) if names else unknown()


def _website(facts: Facts) -> TraitValue:
    if not facts["website"]:
        return TraitValue(text=NOT_APPLICABLE)
    shown = facts["website"].split("://", 1)[-1].rstrip("/")
    return TraitValue(text=shown, url=facts["website"])


def _rated(name: str, label: str) -> TraitSpec:
    return TraitSpec(name, label, _choice(name), getattr(Citation.Claim, name.upper()))


TRAITS: tuple[TraitSpec, ...] = (
    TraitSpec("kind", _("Kind"), _choice("kind"), Citation.Claim.KIND),
    TraitSpec("status", _("Status"), _status, Citation.Claim.STATUS),
    TraitSpec(
        "parent_company",
        _("Parent company"),
        _text("parent_company"),
        Citation.Claim.PARENT_COMPANY,
    ),
    TraitSpec("parent", _("Parent platform"), _parent, Citation.Claim.PARENT),
    TraitSpec("launched_year", _("Launched"), _text("launched_year"), Citation.Claim.LAUNCHED_YEAR),
    TraitSpec(
        "interface_languages",
        _("Interface languages"),
        _languages,
        Citation.Claim.INTERFACE_LANGUAGES,
    ),
    _rated("real_name_verification", _("Real-name verification")),
    _rated("email_reliance", _("Email reliance")),
    _rated("cold_messaging", _("Cold messaging of strangers")),
    _rated("anonymous_posting", _("Anonymous posting")),
    _rated("reach_beyond_china", _("Reach beyond China")),
    _rated("ease_for_foreigners", _("Ease for foreigners")),
    TraitSpec("audience", _("Audience"), _text("audience"), Citation.Claim.AUDIENCE),
    TraitSpec("website", _("Website"), _website),
)
SUMMARY = TraitSpec("summary", _("Summary"), _text("summary"), Citation.Claim.SUMMARY)
ASSESSMENT: tuple[TraitSpec, ...] = (
    TraitSpec("strengths", _("Strengths"), _text("strengths"), Citation.Claim.STRENGTHS),
    TraitSpec("weaknesses", _("Weaknesses"), _text("weaknesses"), Citation.Claim.WEAKNESSES),
)


@dataclass(frozen=True)
class Trait:
    key: str
    label: str
    value: TraitValue
    citations: tuple[int, ...]


@dataclass
class ClaimCitations:
    """The sources cited for one claim, and the newest date they state it as of."""

    sources: list[SourceRef] = field(default_factory=list)
    as_of: tuple[datetime.date, str, str] | None = None

    def add(self, source: SourceRef, as_of: tuple[datetime.date | None, str, str]) -> None:
        self.sources.append(source)
        if as_of[0] is not None and (self.as_of is None or as_of[0] > self.as_of[0]):
            self.as_of = as_of

    @property
    def as_of_display(self) -> str:
        return format_partial_date(*self.as_of) if self.as_of else ""


Claims = Mapping[str, ClaimCitations]
NO_CITATIONS = ClaimCitations()


def trait_row(spec: TraitSpec, facts: Facts, claims: Claims, numbering: SourceNumbering) -> Trait:
    """One trait of a platform as shown, with the date its sources state it as of, its sources
    numbered as the reader meets them. An unknown trait cites nothing."""
    value = spec.read(facts)
    cited = claims.get(spec.claim, NO_CITATIONS)
    if value.is_unknown:
        return Trait(key=spec.key, label=str(spec.label), value=value, citations=())
    # "Shut down (by 2017-03) as of 2017-03" says its date twice: a state dated by the sources'
    # own date needs no "as of".
    as_of = cited.as_of_display if cited.as_of and cited.as_of[:2] != value.since_on else ""
    return Trait(
        key=spec.key,
        label=str(spec.label),
        value=replace(value, as_of=as_of),
        citations=numbering.cite(cited.sources),
    )


# Directory --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardFigure:
    text: str
    measure: str
    as_of: datetime.date
    as_of_display: str
    source: SourceRef


@dataclass(frozen=True)
class PlatformCard:
    """A platform as the directory shows it."""

    slug: str
    name: str
    name_en: str
    name_zh: str
    kind: str
    status: str
    status_label: str
    historical: bool
    summary: str
    figure: CardFigure | None
    languages: tuple[str, ...]
    real_name_verification: TraitValue
    email_reliance: TraitValue
    launched_year: int | None = None
    # Kind, status and each outreach trait as stored, and the interface languages' codes: what
    # the directory's table shows and colours (`platforms.table`).
    codes: Mapping[str, str] = field(default_factory=dict)
    language_codes: tuple[str, ...] = ()


def card_figure(count: UserCount) -> CardFigure:
    """The latest figure on a card, cited by its source (the card has no numbered list)."""
    return CardFigure(
        figure_value(count),
        figure_measure(count),
        count.as_of,
        count.as_of_display,
        source_ref(count.source),
    )


def platform_card(platform: Platform) -> PlatformCard:
    """The card of a platform from `selectors.directory_platforms()`."""
    latest = platform.latest_user_counts
    count = latest[0] if latest else None
    facts = {name: getattr(platform, name) for name in ("kind", "status", *OUTREACH_TRAITS)}
    languages = platform.interface_languages.all()
    return PlatformCard(
        slug=platform.slug,
        name=platform.name,
        name_en=platform.name_en,
        name_zh=platform.name_zh,
        kind=choice_label(Platform, "kind", platform.kind),
        status=platform.status,
        status_label=status_label(platform.status),
        historical=platform.historical,
        summary=platform.summary,
        figure=None if count is None else card_figure(count),
        languages=tuple(language.name for language in languages),
        real_name_verification=_choice("real_name_verification")(facts),
        email_reliance=_choice("email_reliance")(facts),
        launched_year=platform.launched_year,
        codes=facts,
        language_codes=tuple(language.code for language in languages),
    )


# Figures ----------------------------------------------------------------------------------------


def chart_note(as_of_display: str, source_number: int) -> str:
    """What a chart's point says beside its value: its date as the source gives it ("c. 2022",
    not the year the axis rounds it to) and its citation."""
    return str(_("as of %(date)s, source [%(number)d]")) % {
        "date": as_of_display,
        "number": source_number,
    }


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def newest_figure(counts: Iterable[F]) -> F | None:
    """The figure that represents a platform now: among user figures (not headhunter counts),
    one its date really dates before one only bounded ("by 2026"), then the newest, then on the
    same date the larger (monthly over daily active users). `selectors.LATEST_FIRST` in SQL."""
    return max(
        (count for count in counts if count.metric in UserCount.USER_METRICS),
        key=lambda count: (count.date_qualifier not in UPPER_BOUNDS, count.as_of, count.value),
        default=None,
    )


def listing_order(
    as_of: datetime.date, date_qualifier: str, metric: str, scope: str
) -> tuple[bool, datetime.date, str, str]:
    """Where a figure goes in a table of figures: the dated ones oldest first, then those only
    bounded from above ("by 2026-11-22"), which the charts leave out, so none of them sits
    last among the dated ones as if it were the newest."""
    return (date_qualifier in UPPER_BOUNDS, as_of, metric, scope)


def figures_are_stale(counts: Iterable[FigureLike], *, today: datetime.date) -> bool:
    """Whether the page warns that its newest figure is more than three years old."""
    newest = newest_figure(counts)
    return bool(newest and newest.as_of < years_before(today, STALE_AFTER_YEARS))
