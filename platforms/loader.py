"""Load the canonical platform data file (platforms/data/platforms.yaml) into the database.

The file is parsed and validated first against the schema in platforms/schema.py (an error names
the platform and field), then everything is written in one transaction: languages and sources by
key, platforms by slug, then each platform's parent, interface languages, citations, user counts
and status events, matched by the natural keys of the models' unique constraints. Each object is
full_clean()ed before it is saved, and an object whose values already match the file is not saved
at all, so a second run changes nothing.

The edit rule (the loader never silently overwrites an admin's later edit):

* Each platform stores `seed_fingerprint`, a hash of the seed-managed values the loader last wrote
  for it: its traits, parent, interface languages, and the rows the file lists for it (citations,
  user counts and events, matched by natural key). Which values those are is read from the
  schema (`schema.compared`), for the file and the database alike, so the two cannot drift apart.
* On a later run the loader hashes those values as they are now. If the hash still equals the
  fingerprint, nobody has touched them, and the platform and its rows are brought in line with the
  file. If it differs, an admin edited the platform or one of its seeded rows since: the loader
  keeps the admin's values, reports "kept admin edits on <slug>" and overwrites nothing for that
  platform, unless `force` (`--force`) is given. The rule is per platform, so one edited figure
  holds back the whole platform's seed updates; a forced run then makes the file win again.
* Rows the file lists but the database lacks are always added, even on a kept platform. Rows an
  admin added are never deleted, and neither are rows dropped from the file: remove those in admin.
* Languages and sources have no fingerprint: missing ones are created, columns left blank in the
  database that the file fills are filled (a column added since, such as a source's Chinese
  description, overwrites no one's edit), and one that differs from the file in any other way is
  kept and reported unless `force` is given.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from platforms.models import Language, Platform, Source
from platforms.schema import (
    ROW_KINDS,
    PlatformDataError,
    PlatformEntry,
    PlatformFile,
    columns,
    compared,
    identity,
    parse_platform_data,
)

DEFAULT_DATA_FILE = Path(__file__).resolve().parent / "data" / "platforms.yaml"
CHANGE_REASON = "load_platforms"

KINDS = ("languages", "sources", "platforms", "citations", "user_counts", "events")
OUTCOMES = ("created", "updated", "unchanged", "kept")
# How the file names a row of each model that other rows refer to.
NATURAL_KEYS: dict[type[models.Model], str] = {Language: "code", Source: "key", Platform: "slug"}


def read_platform_data(path: Path) -> PlatformFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise PlatformDataError(f"cannot read {path}: {error.strerror}") from None
    return parse_platform_data(text)


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


def _plain(value: Any) -> Any:
    """A value as the file writes it: a related row by its natural key, related rows as a list."""
    if isinstance(value, models.Model):
        return getattr(value, NATURAL_KEYS[type(value)])
    if isinstance(value, models.Manager):
        return sorted(_plain(related) for related in value.all())
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def desired(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in values.items()}


def stored(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The database's values of the fields `names`, in the form `desired()` gives the file's."""
    return {name: _plain(getattr(obj, name)) for name in names}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def fingerprint(platform: dict[str, Any], rows: dict[str, dict[tuple, dict]]) -> str:
    """Hash a platform's compared values and those of its rows, each row under its identity."""
    state = {
        "platform": platform,
        **{
            kind: sorted([list(key), values] for key, values in rows[kind].items()) for kind in rows
        },
    }
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


class _Writer:
    """Writes an entry's columns onto its row, turning natural keys into the rows they name."""

    def __init__(self, force: bool, summary: LoadSummary) -> None:
        self.force, self.summary = force, summary
        self.known: dict[type[models.Model], dict[str, models.Model]] = {
            model: {getattr(obj, key): obj for obj in model.objects.all()}
            for model, key in NATURAL_KEYS.items()
            if model is not Platform  # platforms are added as they are written, parents first
        }
        self.known[Platform] = {}

    def save(self, obj: models.Model, values: dict[str, Any], where: str) -> None:
        many = {}
        for name, value in values.items():
            model_field = obj._meta.get_field(name)
            related = model_field.related_model
            if model_field.many_to_many:
                many[name] = [self.known[related][key] for key in value]
            elif related is not None:
                setattr(obj, name, value and self.known[related][value])
            else:
                setattr(obj, name, value)
        _save(obj, where)
        for name, related_objs in many.items():
            getattr(obj, name).set(related_objs)

    def sync_simple(
        self, model: type[models.Model], key: str, values: dict[str, Any], kind: str
    ) -> None:
        """Create, update (only when forced), or keep a language or source."""
        name = NATURAL_KEYS[model]
        obj = self.known[model].get(key) or model(**{name: key})
        now, wanted = stored(obj, values), desired(values)
        if obj.pk is not None and now == wanted:
            self.summary.record(kind, "unchanged")
        elif obj.pk is not None and not self.force and not _fills_blanks(now, wanted):
            self.summary.record(kind, "kept")
            self.summary.kept.append(f"kept admin edits on {model._meta.model_name} {key}")
        else:
            outcome = "updated" if obj.pk else "created"
            self.save(obj, values, f"{kind}.{key}")
            self.known[model][key] = obj
            self.summary.record(kind, outcome)


def _fills_blanks(now: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Whether every value the file would change is blank in the database."""
    return all(now[name] in ("", None) for name in wanted if now[name] != wanted[name])


def _key(values: Any) -> tuple:
    return tuple(_plain(value) for value in values)


class _PlatformSync:
    """Brings one platform and its rows in line with the file, under the edit rule."""

    def __init__(self, slug: str, entry: PlatformEntry, writer: _Writer) -> None:
        self.slug, self.writer, self.summary = slug, writer, writer.summary
        self.where = f"platforms.{slug}"
        self.platform_values = columns(entry)
        self.wanted = desired(compared(entry))
        self.entries = entry.rows()
        self.wanted_rows = {
            kind: {_key(identity(row)): desired(compared(row)) for row in rows}
            for kind, rows in self.entries.items()
        }

    def run(self) -> Platform:
        platform = Platform.objects.select_related("parent").filter(slug=self.slug).first()
        seed = fingerprint(self.wanted, self.wanted_rows)
        if platform is None:
            platform = Platform(slug=self.slug, seed_fingerprint=seed)
            self.writer.save(platform, self.platform_values, self.where)
            self.summary.record("platforms", "created")
            self.sync_rows(platform, {kind: {} for kind in self.entries}, overwrite=True)
            return platform

        existing = self.existing_rows(platform)
        now = stored(platform, self.wanted)
        # Rows missing from the database are added back below; they are no sign of an edit.
        rows_now = {
            kind: {
                key: stored(existing[kind][key], values)
                for key, values in wanted.items()
                if key in existing[kind]
            }
            for kind, wanted in self.wanted_rows.items()
        }
        differs = now != self.wanted or any(
            values != self.wanted_rows[kind][key]
            for kind in rows_now
            for key, values in rows_now[kind].items()
        )
        edited = platform.seed_fingerprint != fingerprint(now, rows_now)
        keep = differs and edited and not self.writer.force

        if keep:
            self.summary.record("platforms", "kept")
            self.summary.kept.append(f"kept admin edits on {self.slug}")
        elif now != self.wanted:
            platform.seed_fingerprint = seed
            self.writer.save(platform, self.platform_values, self.where)
            self.summary.record("platforms", "updated")
        else:
            self.summary.record("platforms", "unchanged")
        self.sync_rows(platform, existing, overwrite=not keep)
        if not keep and platform.seed_fingerprint != seed:
            # Bookkeeping only: no history entry, and the page's "updated" date stays put.
            Platform.objects.filter(pk=platform.pk).update(seed_fingerprint=seed)
            platform.seed_fingerprint = seed
        return platform

    def existing_rows(self, platform: Platform) -> dict[str, dict[tuple, models.Model]]:
        """The platform's rows of each kind the file lists for it, under their identities."""
        found: dict[str, dict[tuple, models.Model]] = {}
        for kind, entries in self.entries.items():
            rows = getattr(platform, kind).select_related("source") if entries else ()
            found[kind] = {_key(stored(row, ROW_KINDS[kind].KEY).values()): row for row in rows}
        return found

    def sync_rows(self, platform: Platform, existing: dict, *, overwrite: bool) -> None:
        for kind, entries in self.entries.items():
            for index, entry in enumerate(entries):
                key = _key(identity(entry))
                wanted = self.wanted_rows[kind][key]
                row = existing[kind].get(key)
                if row is not None and stored(row, wanted) == wanted:
                    self.summary.record(kind, "unchanged")
                elif row is not None and not overwrite:
                    self.summary.record(kind, "kept")
                else:
                    outcome = "updated" if row else "created"
                    row = row or getattr(platform, kind).model(platform=platform)
                    self.writer.save(row, columns(entry), f"{self.where}.{kind}[{index}]")
                    self.summary.record(kind, outcome)


@transaction.atomic
def load_platforms(*, path: Path = DEFAULT_DATA_FILE, force: bool = False) -> LoadSummary:
    """Validate the data file, then upsert everything in one transaction; see the module docs."""
    data = read_platform_data(path)
    writer = _Writer(force, LoadSummary())
    for code, names in data.languages.items():
        writer.sync_simple(Language, code, names.as_columns("name"), "languages")
    for key, source in data.sources.items():
        writer.sync_simple(Source, key, columns(source), "sources")
    for slug, entry in data.parents_first():
        writer.known[Platform][slug] = _PlatformSync(slug, entry, writer).run()
    return writer.summary
