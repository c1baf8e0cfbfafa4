"""Plain data kept under the platform records' data version, shared by every request.

What every visitor is shown the same (the directory's rows, the compare grid) is built from the
platform records, never from who asks; each process holds the recommender's catalog for the
same version (`held_by_process`). Data is kept in the default cache (Redis when REDIS_URL is
set, so every app server shares it) under a key holding the *data version*: saving any platform
record starts a new version once the transaction commits, so the next request builds from the
new records. Entries are plain data (lists, dicts, dataclasses, at most a few model instances),
never rendered HTML, and they expire after `SHARED_CACHE_SECONDS` whatever happens, so
correctness never rests on every write path announcing itself: without Redis each process's
memory cache only hears of edits made in that process, and the others catch up within those
seconds.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")
VERSION_KEY = "data-version"
_MISSING = object()


def data_version(key: str = VERSION_KEY) -> str:
    """The current version of the platform records (or of the data another `key` names, such
    as the observed outreach outcomes), as the shared cache knows it."""
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def new_data_version(key: str = VERSION_KEY) -> None:
    """Start a new data version: every entry built from the old records is left to expire."""
    cache.set(key, uuid.uuid4().hex, timeout=None)
    _versions_read.pop(key, None)


# How long a process trusts the data version it last read: an edit made through another
# process shows within this long, one made through this process at once (`new_data_version`
# forgets what it read). Every kept value is found under a version, and a page asks for one
# several times (its catalog, its counts, its footer): each ask was a round trip to Redis.
RECENT_VERSION_SECONDS = 1.0
_versions_read: dict[str, tuple[str, float]] = {}


def recent_data_version(key: str = VERSION_KEY) -> str:
    """`data_version()` as this process read it at most `RECENT_VERSION_SECONDS` ago: what
    everything kept under a version is found by (the whole pages kept for visitors, the plain
    data, the process's catalog, the search's counts)."""
    now = time.monotonic()
    read = _versions_read.get(key)
    if read is not None and read[1] > now:
        return read[0]
    version = data_version(key)
    _versions_read[key] = (version, now + RECENT_VERSION_SECONDS)
    return version


def digest(*values: object) -> str:
    """A short stable name for `values` (anything with a faithful repr), for cache keys."""
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def cached_data(
    name: str, *vary: object, build: Callable[[], T], version_key: str = VERSION_KEY
) -> T:
    """`build()`'s result for this data version (of `version_key`'s data), language and `vary`,
    built once and shared."""
    key = f"data:{recent_data_version(version_key)}:{name}:{digest(get_language(), *vary)}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, settings.SHARED_CACHE_SECONDS)
    return value


_held_by_process: dict[str, tuple[str, float, object]] = {}


def held_by_process(name: str, build: Callable[[], T], *, version_key: str = VERSION_KEY) -> T:
    """Like `cached_data()`, for an object each process keeps for itself (the recommender's
    catalog): no pickling, and the object's own memo serves every request until the records
    change. Only the data version (of `version_key`'s data) comes from the shared cache.
    """
    version, now = recent_data_version(version_key), time.monotonic()
    held = _held_by_process.get(name)
    if held is not None and held[0] == version and held[1] > now:
        return held[2]  # type: ignore[return-value]
    value = build()
    _held_by_process[name] = (version, now + settings.SHARED_CACHE_SECONDS, value)
    return value
