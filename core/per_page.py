"""Work a page of rows does once for all of them rather than once a row: a route reversed once
for every object's link, and each shared text translated once; and what every page in a
language says alike (its words), made once per process.

A page of 25 candidates with three links each otherwise reverses (and absolutises) 75 URLs, and
a hundred advice reasons, the catalog's shared lazy texts, would each be translated anew.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import TypeVar

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

R = TypeVar("R")

# How many texts a `Texts` kept for the process holds before it starts again (`Texts.kept`).
TEXTS_KEPT = 5_000
# 2**62: no object's id, and no part of a host name or a route.
STAND_IN = str(2**62)


def link_for_each(
    name: str, *args: object, absolute: Callable[[str], str] | None = None
) -> Callable[[object], str]:
    """The route `name` reversed once, its last argument a stand-in; called with an object's
    id, the link with that id in its place (made absolute by `absolute`, once, if given)."""
    url = _with_stand_in(name, *args)
    head, _, tail = (absolute(url) if absolute else url).partition(STAND_IN)
    return lambda pk: f"{head}{pk}{tail}"


def per_language(make: Callable[..., R]) -> Callable[..., R]:
    """`make`, called once per process for each language, script prefix and (positional,
    hashable) arguments.

    A page's words (its badges, labels and the links they share) are the same on every page
    in a language, and making them, a dozen translations and reversed routes, took 0.1 to
    0.3 ms a page. What `make` returns is kept and shared, so it must not change; a memo of
    texts it holds is a bounded one (`Texts.kept`).
    """
    return _kept_by(make, lambda: (get_language(), get_script_prefix()))


def texts_per_language(make: Callable[..., R]) -> Callable[..., R]:
    """`per_language` for what holds no link (labels, phrases), kept by language alone: the
    script prefix is a second context-local lookup, and the form widgets ask on every draw."""
    return _kept_by(make, get_language)


def _kept_by(make: Callable[..., R], scope: Callable[[], Hashable]) -> Callable[..., R]:
    """`make`, called once per process for each `scope()` and (hashable) arguments."""
    kept = lru_cache(maxsize=64)(lambda _scope, *args: make(*args))

    @wraps(make)
    def in_this_scope(*args: object) -> R:
        return kept(scope(), *args)

    return in_this_scope


@per_language
def _with_stand_in(name: str, *args: object) -> str:
    """`name` reversed with `args` and the stand-in as its last argument, once per process and
    language: a listing's links (an API page's three or four routes, a board's) each cost a
    reverse on every request."""
    return reverse(name, args=[*args, STAND_IN])


class Texts:
    """The text of each translatable value a page shows, translated once per page: a lazy text
    is translated again on every `str()`, and the same reason is met on many rows.

    `text` makes the text (`str`, or `escape` for markup); past `limit` values all are dropped,
    for a `Texts` kept longer than a page (`kept`).
    """

    def __init__(self, text: Callable[[object], str] = str, limit: int | None = None) -> None:
        self.text = text
        self.limit = limit
        self.seen: dict[int, tuple[object, str]] = {}

    @classmethod
    def kept(cls, text: Callable[[object], str] = str) -> Texts:
        """A `Texts` kept for the process, as a language's words and labels are
        (`per_language`): the shared texts met on every page, and each page's own, all dropped
        past `TEXTS_KEPT`."""
        return cls(text, limit=TEXTS_KEPT)

    def __call__(self, value: object) -> str:
        kept = self.seen.get(id(value))
        if kept is None:
            if self.limit is not None and len(self.seen) >= self.limit:
                self.seen.clear()
            # The value is kept beside its text, so its id can't be reused by another object.
            kept = self.seen[id(value)] = (value, self.text(value))
        return kept[1]
