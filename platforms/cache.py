"""Search results kept one row at a time (`shared_each`, `fragment_cache`), on their way out.

The platform pages no longer come from here: they render normally from plain data kept by
`core.cache.cached_data`; the receivers that start a new data version live in
`platforms.signals`, and `platforms_by_id` in `platforms.selectors` (imported here for modules
that still read it from this one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from core.cache import data_version, digest
from platforms.selectors import platforms_by_id

__all__ = ["data_version", "fragment_cache", "platforms_by_id", "shared_each"]

Item = TypeVar("Item")
T = TypeVar("T")


def shared_each(
    name: str,
    items: Sequence[Item],
    *,
    version: str,
    identity: Callable[[Item], object],
    build: Callable[[list[Item]], Sequence[T]],
    vary: tuple = (),
) -> list[T]:
    """What `build()` makes of each item, kept per item for the data `version`, the language
    and `vary`: for lists whose entries change one at a time, such as search results.

    An item's entry is found by its `identity`, which must hold everything stored that its
    entry is made from besides the platform records, so that an edited item never meets its
    old entry and nothing needs retiring. `version` is `data_version()` as read *before* the
    items were: an edit of the platform records committed while they were read then files
    the entries under the old version, which is being retired, never under the new one. One
    lookup finds the kept entries; one `build()` call makes the others, in order.
    """
    seconds = settings.SHARED_CACHE_SECONDS
    if seconds <= 0:
        return list(build(list(items)))
    prefix = f"shared:{version}:{name}:"
    keys = [prefix + digest(get_language(), *vary, identity(item)) for item in items]
    kept = cache.get_many(keys)
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in kept]
    if missing:
        built = build([item for _key, item in missing])
        made = dict(zip((key for key, _item in missing), built, strict=True))
        cache.set_many(made, seconds)
        kept.update(made)
    return [kept[key] for key in keys]


def fragment_cache(*vary: object) -> dict:
    """What the `{% cache %}` tag needs to share a template fragment between requests.

    `{% cache fragment.seconds "name" fragment.key %}`: the key holds the data version and the
    language besides `vary`. The fragment must not depend on who is asking.
    """
    return {
        "seconds": settings.SHARED_CACHE_SECONDS,
        "key": digest(data_version(), get_language(), *vary),
    }
