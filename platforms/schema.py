"""The schema of the platform data file (platforms/data/platforms.yaml), declared once.

Each entry of the file is a pydantic model whose fields are named after the model fields they
fill (`alias` gives the file's name where the two differ). `columns()` reads a validated entry as
the model field values the loader writes, and `compared()` is the part of them the loader's
fingerprint covers, so a field declared here is written, compared and fingerprinted without
another edit. Validation errors name the place in the file, e.g.
`platforms.weibo.user_counts[2].value: expected a positive whole number, got -5`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails

from platforms.dates import DatePrecision, DateQualifier
from platforms.models import Platform, StatusEvent, UserCount


class PlatformDataError(Exception):
    """The data file is malformed or fails validation; the message says where."""


REFERENCED = ("sources", "languages", "platforms")  # sections whose keys other entries name
PARTIAL_DATE = re.compile(
    r"^(?:(?P<qualifier>c\.|before|by)\s+)?(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?|\N{EN DASH}(?P<until>\d{2}))?$"
)
QUALIFIER_WORDS = {
    None: DateQualifier.EXACT,
    "c.": DateQualifier.ABOUT,
    "before": DateQualifier.BEFORE,
    "by": DateQualifier.BY,
}


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source; fills the date field, its precision and its qualifier.

    `until` is the last year of a span of years, which only a source's date may have.
    """

    value: datetime.date | None
    precision: str = DatePrecision.DAY.value
    qualifier: str = DateQualifier.EXACT.value
    until: datetime.date | None = None

    def as_columns(self, name: str) -> dict[str, Any]:
        return {name: self.value, "precision": self.precision, "date_qualifier": self.qualifier}


NO_DATE = PartialDate(None)


def _partial_date(raw: Any) -> PartialDate:
    """Read "2009-08-14", "2024-09", 2011, "c. 2011", "before 2014", "by 2017-03" or a span
    of years written with an en dash, "c. 2015\N{EN DASH}16", into a date, its precision and
    its qualifier."""
    match = PARTIAL_DATE.match(str(raw).strip()) if isinstance(raw, int | str) else None
    if match is None:
        raise ValueError(
            f"{raw!r} is not a date like 2024-09-15, 2024-09, 2024, c. 2024, before 2024 or by 2024"
        )
    parts = [int(part) for part in match.group("year", "month", "day") if part]
    precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(parts) - 1]
    year, month, day = (*parts, 1, 1)[:3]  # a month or year is stored as its first day
    try:
        value = datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{raw!r} is not a valid date ({error})") from None
    until = None
    if match.group("until"):
        until = datetime.date(year // 100 * 100 + int(match.group("until")), 1, 1)
        if until <= value:
            raise ValueError(f"{raw!r} ends before it starts")
    qualifier = QUALIFIER_WORDS[match.group("qualifier")]
    return PartialDate(value, precision.value, qualifier.value, until)


@dataclass(frozen=True)
class Span(PartialDate):
    """A source's date, which may span years: also fills `<name>_until`."""

    def as_columns(self, name: str) -> dict[str, Any]:
        return {**super().as_columns(name), f"{name}_until": self.until}


NO_SPAN = Span(None)


def _span(raw: Any) -> Span:
    date = _partial_date(raw)
    return Span(date.value, date.precision, date.qualifier, date.until)


def _day(raw: Any) -> datetime.date:
    date = _partial_date(raw)
    if date.precision != DatePrecision.DAY or date.qualifier != DateQualifier.EXACT:
        raise ValueError(f"{raw!r}: give a full date like 2026-11-22")
    return date.value


def _no_span(value: PartialDate) -> PartialDate:
    if value.until is not None:
        raise ValueError("a span of years is only for a source's publication date")
    return value


def _positive_whole(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise ValueError(f"expected a positive whole number, got {raw!r}")
    return raw


def _https(url: str) -> str:
    if url and not url.startswith("https://"):
        raise ValueError(f"{url!r} must start with https://")
    return url


def _known(section: str, message: str) -> AfterValidator:
    """Check a reference against the keys of a section of the file, passed in as context."""

    def check(value: str, info: ValidationInfo) -> str:
        if value not in info.context[section]:
            raise ValueError(message.format(value))
        return value

    return AfterValidator(check)


def _keys(values: tuple) -> tuple:
    """Sorted, since their order means nothing; listed once each, and at least one."""
    if not values:
        raise ValueError("expected a non-empty list")
    if len(set(values)) != len(values):
        raise ValueError("an item is listed twice")
    return tuple(sorted(values))


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
BlankText = Annotated[str, StringConstraints(strip_whitespace=True)]
HttpsUrl = Annotated[BlankText, AfterValidator(_https)]
PositiveWhole = Annotated[int, PlainValidator(_positive_whole)]
SpanDate = Annotated[Span, PlainValidator(_span)]
Day = Annotated[datetime.date, PlainValidator(_day)]
Date = Annotated[PartialDate, PlainValidator(_partial_date), AfterValidator(_no_span)]
SourceKey = Annotated[str, _known("sources", "unknown source {!r}")]
LanguageCode = Annotated[str, _known("languages", "unknown language {!r}")]
ParentSlug = Annotated[str, _known("platforms", "{!r} is not another platform in the file")]
SourceKeys = Annotated[tuple[SourceKey, ...], AfterValidator(_keys)]
LanguageCodes = Annotated[tuple[LanguageCode, ...], AfterValidator(_keys)]


class Entry(BaseModel):
    """A mapping of the file: unknown keys are refused, choices are kept as their plain values."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Bilingual(Entry):
    """English and Chinese text; fills `<name>_en` and `<name>_zh`."""

    en: Text
    zh: Text

    def as_columns(self, name: str) -> dict[str, Any]:
        return {f"{name}_en": self.en, f"{name}_zh": self.zh}


NO_TEXT = Bilingual.model_construct(en="", zh="")


T = TypeVar("T")


class Cited(Entry):
    """A trait: `unknown` (stored as `unknown_values`), or its value, the sources behind it and,
    where they give one, the date it holds as of (stored on each of its citations)."""

    unknown_values: ClassVar[dict[str, Any] | None] = {"value": "unknown"}
    sources: SourceKeys
    as_of: Date = NO_DATE

    @model_validator(mode="wrap")
    @classmethod
    def _unknown(cls, data: Any, handler: Any) -> Cited:
        if data == "unknown":
            if cls.unknown_values is None:
                raise ValueError("this trait cannot be unknown")
            return cls.model_construct(**cls.unknown_values, sources=())
        trait = handler(data)
        if getattr(trait, "value", None) == "unknown":
            raise ValueError("write an unknown trait as plain `unknown`")
        return trait


class Trait(Cited, Generic[T]):
    value: T

    def as_columns(self, name: str) -> dict[str, Any]:
        return {name: self.value}


class KindTrait(Trait[Platform.Kind]):
    unknown_values = None


class NameTrait(Trait[Text]):
    unknown_values = {"value": ""}


class YearTrait(Trait[PositiveWhole]):
    unknown_values = {"value": None}


class LanguagesTrait(Trait[LanguageCodes]):
    unknown_values = {"value": ()}


class ParentTrait(Trait[ParentSlug]):
    """The platform this one belongs to; a platform that belongs to none leaves it out."""

    unknown_values = None


class StatusTrait(Trait[Platform.Status]):
    unknown_values = {"value": Platform.Status.UNKNOWN.value, "since": NO_DATE}
    since: Date = NO_DATE

    def as_columns(self, name: str) -> dict[str, Any]:
        since = self.since
        return {
            name: self.value,
            f"{name}_since": since.value,
            f"{name}_since_precision": since.precision,
            f"{name}_since_qualifier": since.qualifier,
        }


class TextTrait(Bilingual, Cited):
    unknown_values = {"en": "", "zh": ""}


class Row(Entry):
    """A row a platform owns, matched to its database row by the fields in KEY."""

    KEY: ClassVar[tuple[str, ...]]


class CitationRow(Row):
    """Not written in the file as such: one per source of each known trait, with its as-of date."""

    KEY = ("claim", "source")
    claim: str
    source: str
    as_of: Date = NO_DATE


class UserCountRow(Row):
    """One sourced figure; the same figure from another source or date is another row."""

    KEY = ("metric", "scope", "as_of", "source")
    value: PositiveWhole
    qualifier: UserCount.Qualifier
    metric: UserCount.Metric
    scope: UserCount.Scope
    as_of: Date
    source: SourceKey
    note: Bilingual = NO_TEXT


class EventRow(Row):
    """One dated step in a platform's life; its description is written as `en` and `zh`."""

    KEY = ("kind", "happened_on")
    kind: StatusEvent.Kind
    happened_on: Date = Field(alias="date")
    source: SourceKey
    description_en: Text = Field(alias="en")
    description_zh: Text = Field(alias="zh")


# The rows a platform owns, under the related name each kind is stored under.
ROW_KINDS: dict[str, type[Row]] = {
    "citations": CitationRow,
    "user_counts": UserCountRow,
    "events": EventRow,
}


def _unique_keys(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    seen: dict[tuple, int] = {}
    for index, row in enumerate(rows):
        key = identity(row)
        if key in seen:
            raise ValueError(f"[{index}] repeats the {', '.join(row.KEY)} of [{seen[key]}]")
        seen[key] = index
    return rows


UNIQUE_ROWS = AfterValidator(_unique_keys)
OWN_ROWS = Field(exclude=True)  # rows of their own, not columns of the platform


class SourceEntry(Entry):
    """A source by its real title, or, when the title is not known, described in both
    languages (never both a title and a description)."""

    title: BlankText = ""
    description: Bilingual = NO_TEXT
    publisher: BlankText = ""
    url: HttpsUrl = ""
    published: SpanDate = NO_SPAN
    retrieved: Day | None = None

    @model_validator(mode="after")
    def _titled_or_described(self) -> SourceEntry:
        if bool(self.title) == bool(self.description.en):
            raise ValueError("give the source's real title or, if it is not known, a description")
        return self


class PlatformEntry(Entry):
    """A platform: its own columns, and the figures and events it owns (not columns of it)."""

    KEY: ClassVar[tuple[str, ...]] = ()
    name: Bilingual
    historical: StrictBool
    website: HttpsUrl = ""
    parent: ParentTrait | None = None
    kind: KindTrait
    parent_company: NameTrait
    launched_year: YearTrait
    status: StatusTrait
    interface_languages: LanguagesTrait
    real_name_verification: Trait[Platform.Verification]
    email_reliance: Trait[Platform.Level]
    cold_messaging: Trait[Platform.ColdMessaging]
    anonymous_posting: Trait[Platform.Availability]
    reach_beyond_china: Trait[Platform.Level]
    ease_for_foreigners: Trait[Platform.Ease]
    audience: TextTrait
    summary: TextTrait
    strengths: TextTrait
    weaknesses: TextTrait
    user_counts: Annotated[tuple[UserCountRow, ...], UNIQUE_ROWS, OWN_ROWS] = ()
    events: Annotated[tuple[EventRow, ...], UNIQUE_ROWS, OWN_ROWS] = ()

    def rows(self) -> dict[str, tuple[Row, ...]]:
        """The rows the file gives this platform, by kind; a citation for each trait's source."""
        citations = tuple(
            CitationRow.model_construct(claim=name, source=source, as_of=trait.as_of)
            for name in type(self).model_fields
            if isinstance(trait := getattr(self, name), Cited)
            for source in trait.sources
        )
        return {"citations": citations, "user_counts": self.user_counts, "events": self.events}


class PlatformFile(Entry):
    """The whole file; its keys name languages, sources and platforms (by slug)."""

    version: Literal[1]
    languages: dict[str, Bilingual] = Field(min_length=1)
    sources: dict[str, SourceEntry] = Field(min_length=1)
    platforms: dict[str, PlatformEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_parent_loop(self) -> PlatformFile:
        self.parents_first()
        return self

    def parents_first(self) -> list[tuple[str, PlatformEntry]]:
        """The platforms in an order that writes every parent before its offshoots."""
        ordered: dict[str, PlatformEntry] = {}

        def visit(slug: str, chain: tuple[str, ...]) -> None:
            if slug in chain:
                raise ValueError(f"platforms.{slug}.parent: parents form a loop")
            entry = self.platforms[slug]
            if entry.parent:
                visit(entry.parent.value, (*chain, slug))
            ordered.setdefault(slug, entry)

        for slug in self.platforms:
            visit(slug, ())
        return list(ordered.items())


def columns(entry: BaseModel) -> dict[str, Any]:
    """The model field values an entry declares: what the loader writes for it."""
    values: dict[str, Any] = {}
    for name, info in type(entry).model_fields.items():
        if info.exclude:
            continue
        value = getattr(entry, name)
        values.update(value.as_columns(name) if hasattr(value, "as_columns") else {name: value})
    return values


def identity(entry: Row | PlatformEntry) -> tuple:
    """The values that match an entry to its row; a platform is matched by its slug instead."""
    values = columns(entry)
    return tuple(values[name] for name in entry.KEY)


def compared(entry: Row | PlatformEntry) -> dict[str, Any]:
    """The values the fingerprint covers: every declared column but the identity."""
    return {name: value for name, value in columns(entry).items() if name not in entry.KEY}


# libyaml's parser when PyYAML was built with it: the same safe constructor, several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    """A SafeLoader that refuses duplicate keys and keeps yes/no/on/off and dates as text."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise PlatformDataError(
                    f"line {key_node.start_mark.line + 1}: duplicate key {key!r}"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# Our wording for pydantic's error types, where its own would not read well in a data file.
_WORDING = {
    "enum": "{input!r} is not one of {expected}",
    "literal_error": "expected {expected}, got {input!r}",
    "string_type": "expected text, got {input!r}",
    "string_too_short": "expected text, got {input!r}",
    "bool_type": "expected true or false, got {input!r}",
    "model_type": "expected a mapping, got {kind}",
    "dict_type": "expected a mapping, got {kind}",
    "tuple_type": "expected a list, got {kind}",
    "too_short": "expected a non-empty mapping",
}


def _path(loc: tuple) -> str:
    steps = (step for step in loc if step != "[key]")  # pydantic's mark for a mapping's key
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)
    return path.lstrip(".") or "file"


def _describe(error: ErrorDetails) -> str:
    """One error as `<place in the file>: <what is wrong>`."""
    loc, kind, ctx = error["loc"], error["type"], error.get("ctx", {})
    if kind == "missing":
        return f"{_path(loc[:-1])}: missing {loc[-1]}"
    if kind == "extra_forbidden":
        return f"{_path(loc[:-1])}: unknown key {loc[-1]}"
    if kind == "value_error":
        message = str(ctx["error"])
        return f"{_path(loc)}: {message}" if loc else message
    if kind not in _WORDING:
        return f"{_path(loc)}: {error['msg']}"
    wording = _WORDING[kind].format(input=error["input"], kind=type(error["input"]).__name__, **ctx)
    return f"{_path(loc)}: {wording}"


def _references(raw: Any) -> dict[str, set]:
    """The keys entries may refer to, read before validation so that each entry checks its own."""
    sections = {name: raw.get(name) if isinstance(raw, dict) else None for name in REFERENCED}
    return {name: set(keys) if isinstance(keys, dict) else set() for name, keys in sections.items()}


def parse_platform_data(text: str) -> PlatformFile:
    """Parse and validate the data file's text; PlatformDataError lists every problem found."""
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: builds plain data only
    except yaml.YAMLError as error:
        raise PlatformDataError(f"not valid YAML: {error}") from None
    try:
        return PlatformFile.model_validate(raw, context=_references(raw))
    except ValidationError as error:
        raise PlatformDataError("; ".join(map(_describe, error.errors()))) from None
