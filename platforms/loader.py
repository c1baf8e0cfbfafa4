"""Load the canonical platform data file (platforms/data/platforms.yaml) into the database.

The file is parsed and validated first (an error names the platform and field), then everything is
written in one transaction: languages and sources by key, platforms by slug, then each platform's
parent, interface languages, citations, user counts and status events, matched by the natural
keys of the models' unique constraints. Each object is full_clean()ed before it is saved, and an
object whose values already match the file is not saved at all, so a second run changes nothing.

The edit rule (the loader never silently overwrites an admin's later edit):

* Each platform stores `seed_fingerprint`, a hash of the seed-managed values the loader last wrote
  for it: its traits, parent, interface languages, and the rows the file lists for it (citations,
  user counts and events, matched by natural key).
* On a later run the loader hashes those values as they are now. If the hash still equals the
  fingerprint, nobody has touched them, and the platform and its rows are brought in line with the
  file. If it differs, an admin edited the platform or one of its seeded rows since: the loader
  keeps the admin's values, reports "kept admin edits on <slug>" and overwrites nothing for that
  platform, unless `force` (`--force`) is given. The rule is per platform, so one edited figure
  holds back the whole platform's seed updates; a forced run then makes the file win again.
* Rows the file lists but the database lacks are always added, even on a kept platform. Rows an
  admin added are never deleted, and neither are rows dropped from the file: remove those in admin.
* Languages and sources have no fingerprint: missing ones are created, and one that differs from
  the file is kept and reported unless `force` is given.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from platforms.models import (
    OUTREACH_TRAITS,
    Citation,
    DatePrecision,
    Language,
    Platform,
    Source,
    StatusEvent,
    UserCount,
)

DEFAULT_DATA_FILE = Path(__file__).resolve().parent / "data" / "platforms.yaml"
SUPPORTED_VERSION = 1
CHANGE_REASON = "load_platforms"

KINDS = ("languages", "sources", "platforms", "citations", "user_counts", "events")
OUTCOMES = ("created", "updated", "unchanged", "kept")

# Traits that are either `unknown` or {value, sources}; the sources become citations.
CHOICE_TRAITS: dict[str, type[models.TextChoices]] = {
    "kind": Platform.Kind,
    "real_name_verification": Platform.Verification,
    "email_reliance": Platform.Level,
    "cold_messaging": Platform.ColdMessaging,
    "anonymous_posting": Platform.Availability,
    "reach_beyond_china": Platform.Level,
    "ease_for_foreigners": Platform.Ease,
}
TEXT_TRAITS = ("audience", "summary", "strengths", "weaknesses")
TRAIT_KEYS = (
    *CHOICE_TRAITS,
    "parent_company",
    "launched_year",
    "status",
    "interface_languages",
    *TEXT_TRAITS,
)
# The Platform fields the file manages; the fingerprint covers these plus parent and languages.
PLATFORM_FIELDS = (
    "name_en",
    "name_zh",
    "kind",
    "parent_company",
    "launched_year",
    "status",
    "status_since",
    "historical",
    "website",
    *OUTREACH_TRAITS,
    *(f"{trait}_{lang}" for trait in TEXT_TRAITS for lang in ("en", "zh")),
)
PARTIAL_DATE = re.compile(
    r"^(?P<approx>c\.\s*)?(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$"
)


class PlatformDataError(Exception):
    """The data file is malformed or fails validation; the message says where."""


# ---------------------------------------------------------------------------------------------
# The validated file, as plain values


@dataclass(frozen=True)
class PartialDateValue:
    value: datetime.date
    precision: str
    approximate: bool


@dataclass(frozen=True)
class LanguageSpec:
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class SourceSpec:
    key: str
    title: str
    publisher: str
    url: str
    published: PartialDateValue | None


@dataclass(frozen=True)
class UserCountSpec:
    value: int
    qualifier: str
    metric: str
    scope: str
    as_of: PartialDateValue
    source: str
    note_en: str
    note_zh: str

    @property
    def key(self) -> tuple[str, ...]:
        return (self.metric, self.scope, self.as_of.value.isoformat(), self.source)

    def state(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "qualifier": self.qualifier,
            "precision": self.as_of.precision,
            "approximate": self.as_of.approximate,
            "note_en": self.note_en,
            "note_zh": self.note_zh,
        }


@dataclass(frozen=True)
class EventSpec:
    kind: str
    happened_on: PartialDateValue
    source: str
    description_en: str
    description_zh: str

    @property
    def key(self) -> tuple[str, ...]:
        return (self.kind, self.happened_on.value.isoformat())

    def state(self) -> dict[str, Any]:
        return {
            "precision": self.happened_on.precision,
            "approximate": self.happened_on.approximate,
            "description_en": self.description_en,
            "description_zh": self.description_zh,
            "source": self.source,
        }


@dataclass(frozen=True)
class PlatformSpec:
    slug: str
    fields: dict[str, Any]
    parent: str | None
    languages: tuple[str, ...]
    citations: tuple[tuple[str, str], ...]
    user_counts: tuple[UserCountSpec, ...]
    events: tuple[EventSpec, ...]


@dataclass(frozen=True)
class PlatformData:
    languages: tuple[LanguageSpec, ...]
    sources: tuple[SourceSpec, ...]
    platforms: tuple[PlatformSpec, ...]  # parents before their offshoots


# ---------------------------------------------------------------------------------------------
# Parsing and validation


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


def _mapping(
    raw: Any, where: str, *, required: Collection[str], optional: Collection[str] = ()
) -> dict:
    if not isinstance(raw, dict):
        raise PlatformDataError(f"{where}: expected a mapping, got {type(raw).__name__}")
    missing = sorted(set(required) - raw.keys())
    if missing:
        raise PlatformDataError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(str(key) for key in raw.keys() - set(required) - set(optional))
    if unknown:
        raise PlatformDataError(f"{where}: unknown key {', '.join(unknown)}")
    return raw


def _text(raw: Any, where: str, *, blank: bool = False) -> str:
    if raw is None and blank:
        return ""
    if not isinstance(raw, str) or not (blank or raw.strip()):
        raise PlatformDataError(f"{where}: expected text, got {raw!r}")
    return raw.strip()


def _choice(raw: Any, choices: type[models.TextChoices], where: str) -> str:
    if raw not in choices.values:
        allowed = ", ".join(choices.values)
        raise PlatformDataError(f"{where}: {raw!r} is not one of {allowed}")
    return raw


def _positive_int(raw: Any, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise PlatformDataError(f"{where}: expected a positive whole number, got {raw!r}")
    return raw


def _partial_date(raw: Any, where: str) -> PartialDateValue:
    """Read "2009-08-14", "2024-09", 2011 or "c. 2011" into a date and its precision."""
    match = PARTIAL_DATE.match(str(raw).strip()) if isinstance(raw, int | str) else None
    if match is None:
        raise PlatformDataError(f"{where}: {raw!r} is not a date like 2024-09-15, 2024-09 or 2024")
    parts = [int(part) for part in match.group("year", "month", "day") if part]
    precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(parts) - 1]
    year, month, day = (*parts, 1, 1)[:3]  # a month or year is stored as its first day
    try:
        value = datetime.date(year, month, day)
    except ValueError as error:
        raise PlatformDataError(f"{where}: {raw!r} is not a valid date ({error})") from None
    return PartialDateValue(value, str(precision), bool(match.group("approx")))


def _source_keys(raw: Any, where: str, sources: set[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise PlatformDataError(f"{where}: expected a non-empty list of source keys")
    for key in raw:
        _known_source(key, where, sources)
    if len(set(raw)) != len(raw):
        raise PlatformDataError(f"{where}: a source is listed twice")
    return tuple(raw)


def _known_source(key: Any, where: str, sources: set[str]) -> str:
    if key not in sources:
        raise PlatformDataError(f"{where}: unknown source {key!r}")
    return key


def _bilingual(raw: Any, where: str, *, blank: bool = False) -> tuple[str, str]:
    raw = _mapping(raw, where, required={"en", "zh"})
    return _text(raw["en"], f"{where}.en", blank=blank), _text(
        raw["zh"], f"{where}.zh", blank=blank
    )


def _parse_language(code: Any, raw: Any) -> LanguageSpec:
    name_en, name_zh = _bilingual(raw, f"languages.{code}")
    return LanguageSpec(code=str(code), name_en=name_en, name_zh=name_zh)


def _parse_source(key: Any, raw: Any) -> SourceSpec:
    where = f"sources.{key}"
    raw = _mapping(raw, where, required={"title"}, optional={"publisher", "url", "published"})
    url = _text(raw.get("url"), f"{where}.url", blank=True)
    if url and not url.startswith("https://"):
        raise PlatformDataError(f"{where}.url: {url!r} must start with https://")
    published = raw.get("published")
    return SourceSpec(
        key=str(key),
        title=_text(raw["title"], f"{where}.title"),
        publisher=_text(raw.get("publisher"), f"{where}.publisher", blank=True),
        url=url,
        published=None if published is None else _partial_date(published, f"{where}.published"),
    )


def _parse_user_count(raw: Any, where: str, sources: set[str]) -> UserCountSpec:
    raw = _mapping(
        raw,
        where,
        required={"value", "qualifier", "metric", "scope", "as_of", "source"},
        optional={"note"},
    )
    note_en, note_zh = _bilingual(raw["note"], f"{where}.note") if "note" in raw else ("", "")
    return UserCountSpec(
        value=_positive_int(raw["value"], f"{where}.value"),
        qualifier=_choice(raw["qualifier"], UserCount.Qualifier, f"{where}.qualifier"),
        metric=_choice(raw["metric"], UserCount.Metric, f"{where}.metric"),
        scope=_choice(raw["scope"], UserCount.Scope, f"{where}.scope"),
        as_of=_partial_date(raw["as_of"], f"{where}.as_of"),
        source=_known_source(raw["source"], f"{where}.source", sources),
        note_en=note_en,
        note_zh=note_zh,
    )


def _parse_event(raw: Any, where: str, sources: set[str]) -> EventSpec:
    raw = _mapping(raw, where, required={"kind", "date", "source", "en", "zh"})
    return EventSpec(
        kind=_choice(raw["kind"], StatusEvent.Kind, f"{where}.kind"),
        happened_on=_partial_date(raw["date"], f"{where}.date"),
        source=_known_source(raw["source"], f"{where}.source", sources),
        description_en=_text(raw["en"], f"{where}.en"),
        description_zh=_text(raw["zh"], f"{where}.zh"),
    )


def _parse_trait(name: str, raw: Any, where: str, ctx: _Context) -> tuple[dict[str, Any], tuple]:
    """Return the Platform field values of one trait and the source keys that support it."""
    if raw == "unknown":
        unknown = {
            "parent_company": {"parent_company": ""},
            "launched_year": {"launched_year": None},
            "status": {"status": Platform.Status.UNKNOWN.value, "status_since": None},
            "interface_languages": {},
            **{text: {f"{text}_en": "", f"{text}_zh": ""} for text in TEXT_TRAITS},
        }
        if name == "kind":
            raise PlatformDataError(f"{where}: the kind of a platform cannot be unknown")
        return unknown.get(name, {name: "unknown"}), ()
    if name in TEXT_TRAITS:
        raw = _mapping(raw, where, required={"en", "zh", "sources"})
        values = {
            f"{name}_en": _text(raw["en"], f"{where}.en"),
            f"{name}_zh": _text(raw["zh"], f"{where}.zh"),
        }
        return values, _source_keys(raw["sources"], f"{where}.sources", ctx.sources)
    optional = {"since"} if name == "status" else set()
    raw = _mapping(raw, where, required={"value", "sources"}, optional=optional)
    sources = _source_keys(raw["sources"], f"{where}.sources", ctx.sources)
    value = raw["value"]
    if name in CHOICE_TRAITS:
        choice = _choice(value, CHOICE_TRAITS[name], f"{where}.value")
        if choice == "unknown":
            raise PlatformDataError(f"{where}: write an unknown trait as plain `unknown`")
        return {name: choice}, sources
    if name == "parent_company":
        return {name: _text(value, f"{where}.value")}, sources
    if name == "launched_year":
        return {name: _positive_int(value, f"{where}.value")}, sources
    if name == "status":
        status = _choice(value, Platform.Status, f"{where}.value")
        since = raw.get("since")
        since_date = None if since is None else _partial_date(since, f"{where}.since")
        if since_date and since_date.precision != DatePrecision.DAY:
            raise PlatformDataError(f"{where}.since: give a full date (the field has no precision)")
        return {"status": status, "status_since": since_date and since_date.value}, sources
    # interface_languages
    if not isinstance(value, list) or not value or len(set(value)) != len(value):
        raise PlatformDataError(f"{where}.value: expected a list of distinct language codes")
    for code in value:
        if code not in ctx.languages:
            raise PlatformDataError(f"{where}.value: unknown language {code!r}")
    return {"interface_languages": tuple(sorted(value))}, sources


@dataclass(frozen=True)
class _Context:
    sources: set[str]
    languages: set[str]
    slugs: set[str]


def _unique_keys(items: tuple, where: str, label: str) -> None:
    seen = set()
    for index, item in enumerate(items):
        if item.key in seen:
            raise PlatformDataError(f"{where}[{index}]: a second {label} with the same {item.key}")
        seen.add(item.key)


def _parse_platform(slug: Any, raw: Any, ctx: _Context) -> PlatformSpec:
    where = f"platforms.{slug}"
    raw = _mapping(
        raw,
        where,
        required={"name", "historical", *TRAIT_KEYS},
        optional={"parent", "website", "user_counts", "events"},
    )
    name_en, name_zh = _bilingual(raw["name"], f"{where}.name")
    if not isinstance(raw["historical"], bool):
        raise PlatformDataError(f"{where}.historical: expected true or false")
    website = _text(raw.get("website"), f"{where}.website", blank=True)
    if website and not website.startswith("https://"):
        raise PlatformDataError(f"{where}.website: {website!r} must start with https://")
    parent = raw.get("parent")
    if parent is not None and (parent not in ctx.slugs or parent == slug):
        raise PlatformDataError(f"{where}.parent: {parent!r} is not another platform in the file")

    fields: dict[str, Any] = {
        "name_en": name_en,
        "name_zh": name_zh,
        "historical": raw["historical"],
        "website": website,
    }
    languages: tuple[str, ...] = ()
    citations: list[tuple[str, str]] = []
    for trait in TRAIT_KEYS:
        values, sources = _parse_trait(trait, raw[trait], f"{where}.{trait}", ctx)
        languages = values.pop("interface_languages", languages)
        fields.update(values)
        citations.extend((trait, source) for source in sources)

    for list_key in ("user_counts", "events"):
        if not isinstance(raw.get(list_key, []), list):
            raise PlatformDataError(f"{where}.{list_key}: expected a list")
    user_counts = tuple(
        _parse_user_count(item, f"{where}.user_counts[{index}]", ctx.sources)
        for index, item in enumerate(raw.get("user_counts", []))
    )
    events = tuple(
        _parse_event(item, f"{where}.events[{index}]", ctx.sources)
        for index, item in enumerate(raw.get("events", []))
    )
    _unique_keys(user_counts, f"{where}.user_counts", "figure")
    _unique_keys(events, f"{where}.events", "event")
    return PlatformSpec(
        slug=str(slug),
        fields=fields,
        parent=parent,
        languages=languages,
        citations=tuple(citations),
        user_counts=user_counts,
        events=events,
    )


def _parents_first(platforms: list[PlatformSpec]) -> tuple[PlatformSpec, ...]:
    by_slug = {spec.slug: spec for spec in platforms}
    ordered: dict[str, PlatformSpec] = {}

    def visit(spec: PlatformSpec, chain: tuple[str, ...]) -> None:
        if spec.slug in chain:
            raise PlatformDataError(f"platforms.{spec.slug}.parent: parents form a loop")
        if spec.parent:
            visit(by_slug[spec.parent], (*chain, spec.slug))
        ordered.setdefault(spec.slug, spec)

    for spec in platforms:
        visit(spec, ())
    return tuple(ordered.values())


def parse_platform_data(text: str) -> PlatformData:
    """Parse and validate the data file's text, raising PlatformDataError at the first problem."""
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: builds plain data only
    except yaml.YAMLError as error:
        raise PlatformDataError(f"not valid YAML: {error}") from None
    raw = _mapping(raw, "file", required={"version", "languages", "sources", "platforms"})
    if raw["version"] != SUPPORTED_VERSION:
        raise PlatformDataError(f"version: expected {SUPPORTED_VERSION}, got {raw['version']!r}")
    for section in ("languages", "sources", "platforms"):
        if not isinstance(raw[section], dict) or not raw[section]:
            raise PlatformDataError(f"{section}: expected a non-empty mapping")
    languages = tuple(_parse_language(code, item) for code, item in raw["languages"].items())
    sources = tuple(_parse_source(key, item) for key, item in raw["sources"].items())
    ctx = _Context(
        sources={spec.key for spec in sources},
        languages={spec.code for spec in languages},
        slugs={str(slug) for slug in raw["platforms"]},
    )
    platforms = [_parse_platform(slug, item, ctx) for slug, item in raw["platforms"].items()]
    return PlatformData(languages=languages, sources=sources, platforms=_parents_first(platforms))


def read_platform_data(path: Path) -> PlatformData:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise PlatformDataError(f"cannot read {path}: {error.strerror}") from None
    return parse_platform_data(text)


# ---------------------------------------------------------------------------------------------
# Writing


@dataclass
class LoadSummary:
    """What a run did, per kind of row: created, updated, unchanged, or kept (admin's values)."""

    counts: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    kept: list[str] = field(default_factory=list)

    def record(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    @property
    def changed(self) -> bool:
        return any(self.counts[kind][o] for kind in KINDS for o in ("created", "updated"))

    def lines(self) -> list[str]:
        table = [
            f"{kind}: " + ", ".join(f"{self.counts[kind][o]} {o}" for o in OUTCOMES)
            for kind in KINDS
        ]
        return table + self.kept


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _fingerprint(state: dict[str, Any]) -> str:
    encoded = json.dumps(state, sort_keys=True, ensure_ascii=False, default=_jsonable)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _save(obj: models.Model, where: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        details = (
            "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
            if hasattr(error, "error_dict")
            else " ".join(error.messages)
        )
        raise PlatformDataError(f"{where}: {details}") from None
    obj._change_reason = CHANGE_REASON
    obj.save()


def _sync_simple(
    obj: models.Model,
    values: dict[str, Any],
    *,
    kind: str,
    label: str,
    where: str,
    force: bool,
    summary: LoadSummary,
) -> None:
    """Create, update (only when forced), or keep a language or source."""
    if obj.pk is not None:
        if all(getattr(obj, name) == value for name, value in values.items()):
            summary.record(kind, "unchanged")
            return
        if not force:
            summary.record(kind, "kept")
            summary.kept.append(f"kept admin edits on {label}")
            return
    for name, value in values.items():
        setattr(obj, name, value)
    outcome = "created" if obj.pk is None else "updated"
    _save(obj, where)
    summary.record(kind, outcome)


def _source_values(spec: SourceSpec) -> dict[str, Any]:
    published = spec.published
    return {
        "title": spec.title,
        "publisher": spec.publisher,
        "url": spec.url,
        "published": published and published.value,
        "precision": published.precision if published else DatePrecision.DAY.value,
        "approximate": published.approximate if published else False,
    }


class _PlatformSync:
    """Brings one platform and its seeded rows in line with the file, under the edit rule."""

    def __init__(
        self,
        spec: PlatformSpec,
        *,
        sources: dict[str, Source],
        languages: dict[str, Language],
        platforms: dict[str, Platform],
        force: bool,
        summary: LoadSummary,
    ) -> None:
        self.spec = spec
        self.where = f"platforms.{spec.slug}"
        self.sources, self.languages, self.platforms = sources, languages, platforms
        self.force, self.summary = force, summary

    # -- states: the seed-managed values as JSON-able data, from the file or the database --

    def desired_platform(self) -> dict[str, Any]:
        fields = {name: _jsonable(self.spec.fields[name]) for name in PLATFORM_FIELDS}
        return {**fields, "parent": self.spec.parent, "languages": list(self.spec.languages)}

    @staticmethod
    def current_platform(platform: Platform) -> dict[str, Any]:
        fields = {name: _jsonable(getattr(platform, name)) for name in PLATFORM_FIELDS}
        codes = sorted(platform.interface_languages.values_list("code", flat=True))
        parent = platform.parent.slug if platform.parent_id else None
        return {**fields, "parent": parent, "languages": codes}

    def desired_rows(self) -> dict[str, dict[tuple, dict]]:
        return {
            "citations": {citation: {} for citation in self.spec.citations},
            "user_counts": {spec.key: spec.state() for spec in self.spec.user_counts},
            "events": {spec.key: spec.state() for spec in self.spec.events},
        }

    @staticmethod
    def current_rows(platform: Platform) -> dict[str, dict[tuple, tuple[models.Model, dict]]]:
        citations = {
            (citation.claim, citation.source.key): (citation, {})
            for citation in platform.citations.select_related("source")
        }
        user_counts = {
            (row.metric, row.scope, row.as_of.isoformat(), row.source.key): (
                row,
                {
                    "value": row.value,
                    "qualifier": row.qualifier,
                    "precision": row.precision,
                    "approximate": row.approximate,
                    "note_en": row.note_en,
                    "note_zh": row.note_zh,
                },
            )
            for row in platform.user_counts.select_related("source")
        }
        events = {
            (row.kind, row.happened_on.isoformat()): (
                row,
                {
                    "precision": row.precision,
                    "approximate": row.approximate,
                    "description_en": row.description_en,
                    "description_zh": row.description_zh,
                    "source": row.source.key,
                },
            )
            for row in platform.events.select_related("source")
        }
        return {"citations": citations, "user_counts": user_counts, "events": events}

    @staticmethod
    def fingerprint(platform_state: dict, rows: dict[str, dict[tuple, dict]]) -> str:
        return _fingerprint(
            {
                "platform": platform_state,
                **{
                    kind: sorted([list(key), values] for key, values in rows[kind].items())
                    for kind in rows
                },
            }
        )

    # -- writing --

    def run(self) -> Platform:
        platform = Platform.objects.select_related("parent").filter(slug=self.spec.slug).first()
        desired_platform, desired_rows = self.desired_platform(), self.desired_rows()
        seed_fingerprint = self.fingerprint(desired_platform, desired_rows)
        if platform is None:
            platform = Platform(slug=self.spec.slug)
            self.write_platform(platform, seed_fingerprint, where=self.where)
            self.summary.record("platforms", "created")
            self.sync_rows(platform, {kind: {} for kind in desired_rows}, overwrite=False)
            return platform

        current_platform = self.current_platform(platform)
        current_rows = self.current_rows(platform)
        seeded_now = {
            kind: {
                key: current_rows[kind][key][1]
                for key in desired_rows[kind]
                if key in current_rows[kind]
            }
            for kind in desired_rows
        }
        differs = current_platform != desired_platform or any(
            values != desired_rows[kind][key]
            for kind in seeded_now
            for key, values in seeded_now[kind].items()
        )
        edited = platform.seed_fingerprint != self.fingerprint(current_platform, seeded_now)
        keep = differs and edited and not self.force

        if keep:
            self.summary.record("platforms", "kept")
            self.summary.kept.append(f"kept admin edits on {self.spec.slug}")
        elif current_platform != desired_platform:
            self.write_platform(platform, seed_fingerprint, where=self.where)
            self.summary.record("platforms", "updated")
        else:
            self.summary.record("platforms", "unchanged")
        self.sync_rows(platform, current_rows, overwrite=not keep)
        if not keep and platform.seed_fingerprint != seed_fingerprint:
            # Bookkeeping only: no history entry, and the page's "updated" date stays put.
            Platform.objects.filter(pk=platform.pk).update(seed_fingerprint=seed_fingerprint)
            platform.seed_fingerprint = seed_fingerprint
        return platform

    def write_platform(self, platform: Platform, seed_fingerprint: str, *, where: str) -> None:
        for name in PLATFORM_FIELDS:
            setattr(platform, name, self.spec.fields[name])
        platform.parent = self.platforms[self.spec.parent] if self.spec.parent else None
        platform.seed_fingerprint = seed_fingerprint
        _save(platform, where)
        platform.interface_languages.set([self.languages[code] for code in self.spec.languages])

    def sync_rows(self, platform: Platform, current: dict, *, overwrite: bool) -> None:
        for claim, source in self.spec.citations:
            if (claim, source) in current["citations"]:
                self.summary.record("citations", "unchanged")
                continue
            citation = Citation(platform=platform, claim=claim, source=self.sources[source])
            _save(citation, f"{self.where}.{claim}.sources")
            self.summary.record("citations", "created")

        for index, spec in enumerate(self.spec.user_counts):
            row, values = current["user_counts"].get(spec.key, (None, None))
            if row is None:
                row = UserCount(
                    platform=platform,
                    metric=spec.metric,
                    scope=spec.scope,
                    as_of=spec.as_of.value,
                    source=self.sources[spec.source],
                )
            self.sync_row(row, values, spec.state(), spec.state(), "user_counts", index, overwrite)

        for index, spec in enumerate(self.spec.events):
            row, values = current["events"].get(spec.key, (None, None))
            if row is None:
                row = StatusEvent(
                    platform=platform, kind=spec.kind, happened_on=spec.happened_on.value
                )
            fields = {**spec.state(), "source": self.sources[spec.source]}
            self.sync_row(row, values, spec.state(), fields, "events", index, overwrite)

    def sync_row(
        self,
        row: models.Model,
        current: dict | None,
        desired: dict,
        fields: dict,
        kind: str,
        index: int,
        overwrite: bool,
    ) -> None:
        if current == desired:
            self.summary.record(kind, "unchanged")
            return
        if current is not None and not overwrite:
            self.summary.record(kind, "kept")
            return
        for name, value in fields.items():
            setattr(row, name, value)
        self.summary.record(kind, "created" if row.pk is None else "updated")
        _save(row, f"{self.where}.{kind}[{index}]")


@transaction.atomic
def load_platforms(*, path: Path = DEFAULT_DATA_FILE, force: bool = False) -> LoadSummary:
    """Validate the data file, then upsert everything in one transaction; see the module docs."""
    data = read_platform_data(path)
    summary = LoadSummary()

    languages = {language.code: language for language in Language.objects.all()}
    for spec in data.languages:
        language = languages.setdefault(spec.code, Language(code=spec.code))
        _sync_simple(
            language,
            {"name_en": spec.name_en, "name_zh": spec.name_zh},
            kind="languages",
            label=f"language {spec.code}",
            where=f"languages.{spec.code}",
            force=force,
            summary=summary,
        )

    sources = {source.key: source for source in Source.objects.all()}
    for spec in data.sources:
        source = sources.setdefault(spec.key, Source(key=spec.key))
        _sync_simple(
            source,
            _source_values(spec),
            kind="sources",
            label=f"source {spec.key}",
            where=f"sources.{spec.key}",
            force=force,
            summary=summary,
        )

    platforms: dict[str, Platform] = {}
    for spec in data.platforms:
        platforms[spec.slug] = _PlatformSync(
            spec,
            sources=sources,
            languages=languages,
            platforms=platforms,
            force=force,
            summary=summary,
        ).run()
    return summary
