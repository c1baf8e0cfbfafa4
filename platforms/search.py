"""How the directory's text search finds platforms, ranks them, and orders Chinese names.

A word finds a platform by its names (English, Chinese, or the Chinese name's pinyin as people
type it: "weixin" for 微信, "maimai" for 脉脉), its slug, its parent company ("Tencent" finds
WeChat and Tencent Weibo) or its summary in either language; every word of a query must find
it. Better matches rank first: a name before a company before a summary, so "LinkedIn" lists
LinkedIn before Chitu, its offshoot, and "微信" lists WeChat before the platforms whose summary
mentions it. The pinyin is read from the process's copy of the records
(`selectors.platforms_by_id`), so it costs no query; the rest is one SQL expression.

Pinyin comes from `pypinyin`, each character's every reading ("脉" is mai or mo), since a
brand's reading is not always the dictionary's first; a name's pinyin order (for sorting by
the Chinese name) takes each character's first reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from core.cache import held_by_process
from platforms.models import Platform
from platforms.selectors import platforms_by_id

# How well a word matches, best first. A pinyin match is a name match.
NAME_EXACT, NAME_START, NAME_PART, COMPANY, SUMMARY = range(5)
WORST_RANK = SUMMARY

Readings = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=4096)
def readings(chinese: str) -> Readings:
    """Every pinyin reading of each character of `chinese`, the dictionary's first reading
    first (none for a character that is not Chinese)."""
    from pypinyin import Style, pinyin  # its dictionaries take a moment to load: on first use

    return tuple(
        tuple(options) if options[0] != character else ()
        for character, options in zip(
            chinese,
            pinyin(list(chinese), style=Style.NORMAL, heteronym=True, errors=lambda text: text),
            strict=True,
        )
    )


def _consumes(word: str, syllables: Readings) -> tuple[bool, bool]:
    """Whether `word` reads as the syllables from the first on (the last may be cut short), and
    whether it reads as all of them."""
    if not word:
        return True, not syllables
    if not syllables:
        return False, False
    found = whole = False
    for reading in syllables[0]:
        if reading.startswith(word):
            found = True
            whole = whole or (reading == word and len(syllables) == 1)
        elif word.startswith(reading):
            more, more_whole = _consumes(word[len(reading) :], syllables[1:])
            found, whole = found or more, whole or more_whole
    return found, whole


def pinyin_rank(word: str, name: Readings) -> int | None:
    """How well a typed word matches a Chinese name's pinyin: the whole name ("weixin" for 微信),
    its start ("xinlang" for 新浪微博) or a run of its syllables ("weibo"); None if not."""
    word = word.casefold()
    if not word.isascii() or not word.isalpha():
        return None
    for start in range(len(name)):
        found, whole = _consumes(word, name[start:])
        if found:
            if start == 0:
                return NAME_EXACT if whole else NAME_START
            return NAME_PART
    return None


@dataclass(frozen=True)
class SearchName:
    readings: Readings
    pinyin_order: str


def _search_names() -> dict[int, SearchName]:
    return {
        pk: SearchName(
            readings=readings(platform.name_zh),
            pinyin_order=(
                pinyin_order(platform.name_zh) if platform.name_zh else platform.name_en.casefold()
            ),
        )
        for pk, platform in platforms_by_id().items()
    }


def search_names() -> dict[int, SearchName]:
    """Each platform's name as pinyin, by id, kept by the process for the data version."""
    return held_by_process("platform-search-names", build=_search_names)


def pinyin_order(name: str) -> str:
    """A sort key putting Chinese names in pinyin order (each character's first reading)."""
    syllables = [options[0] if options else "" for options in readings(name)]
    return " ".join(
        syllable or character for syllable, character in zip(syllables, name, strict=True)
    ).casefold()


def word_rank(word: str) -> Case:
    """How well `word` matches each platform (`NAME_EXACT`...`SUMMARY`), NULL where it doesn't."""
    by_pinyin: dict[int, list[int]] = {}
    for pk, name in search_names().items():
        rank = pinyin_rank(word, name.readings)
        if rank is not None:
            by_pinyin.setdefault(rank, []).append(pk)

    def named(rank: int) -> Q:
        return Q(pk__in=by_pinyin[rank]) if rank in by_pinyin else Q(pk__in=[])

    return Case(
        When(
            Q(name_en__iexact=word)
            | Q(name_zh__iexact=word)
            | Q(slug__iexact=word)
            | named(NAME_EXACT),
            then=Value(NAME_EXACT),
        ),
        When(
            Q(name_en__istartswith=word) | Q(name_zh__istartswith=word) | named(NAME_START),
            then=Value(NAME_START),
        ),
        When(
            Q(name_en__icontains=word)
            | Q(name_zh__icontains=word)
            | Q(slug__icontains=word)
            | named(NAME_PART),
            then=Value(NAME_PART),
        ),
        When(parent_company__icontains=word, then=Value(COMPANY)),
        When(Q(summary_en__icontains=word) | Q(summary_zh__icontains=word), then=Value(SUMMARY)),
        default=Value(None),
        output_field=IntegerField(),
    )


def search(queryset: QuerySet[Platform], words: Sequence[str]) -> QuerySet[Platform]:
    """The platforms every word matches, annotated with `relevance` (lower is better: the sum
    of each word's rank)."""
    if not words:
        return queryset
    names = [f"word_rank_{index}" for index in range(len(words))]
    queryset = queryset.annotate(
        **{name: word_rank(word) for name, word in zip(names, words, strict=True)}
    )
    queryset = queryset.filter(**{f"{name}__isnull": False for name in names})
    relevance = sum((F(name) for name in names[1:]), F(names[0]))
    if len(words) > 1:
        relevance = relevance + phrase_bonus(words)
    return queryset.annotate(relevance=relevance)


def phrase_bonus(words: Sequence[str]) -> Case:
    """Several words that make a name together ("sina weibo", "wei xin" for 微信) put that
    name before the ones each word finds apart."""
    text, joined = " ".join(words), "".join(words)
    by_pinyin = [
        pk for pk, name in search_names().items() if pinyin_rank(joined, name.readings) is not None
    ]
    return Case(
        When(
            Q(name_en__icontains=text) | Q(name_zh__icontains=joined) | Q(pk__in=by_pinyin),
            then=Value(-len(words) * WORST_RANK),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def pinyin_position(descending: bool = False) -> Case | F:
    """Each platform's place in the pinyin order of its Chinese name (for "name" in Chinese).

    With no platform recorded there is nothing to place: a CASE of its default alone would be
    written as a bare number, which PostgreSQL reads in ORDER BY as a column position.
    """
    ordered = sorted(search_names().items(), key=lambda item: item[1].pinyin_order)
    if not ordered:
        return F("pk")
    if descending:
        ordered.reverse()
    return Case(
        *(When(pk=pk, then=Value(position)) for position, (pk, _name) in enumerate(ordered)),
        default=Value(len(ordered)),
        output_field=IntegerField(),
    )
