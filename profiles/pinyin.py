"""Chinese names as the pinyin a recruiter types for them: 周岚 is "zhou lan" or "zhoulan".

The readings come from `pypinyin` (its dictionaries of characters and phrases), except for the
surnames read otherwise as surnames (`SURNAME_READINGS`: 曾 is "Zeng", where the dictionary
reads "ceng" first; both are kept). A name's document gets each syllable, the whole name in one
word and the given name in one word, so "zhou lan", "lan zhou", "zhoulan" and "Zhōu Lán"
(tones are folded away, `profiles.text.fold`) all find 周岚. "ü" is written both as "u" and as
"v", as people type it ("lu", "lv" for 吕).
"""

from __future__ import annotations

from functools import lru_cache

from profiles.text import fold

# Surnames with a reading of their own as a surname (多音字姓氏), longest first when matched.
SURNAME_READINGS = {
    "尉迟": ["yu", "chi"],
    "万俟": ["mo", "qi"],
    "长孙": ["zhang", "sun"],
    "单于": ["chan", "yu"],
    "曾": ["zeng"],
    "单": ["shan"],
    "解": ["xie"],
    "仇": ["qiu"],
    "朴": ["piao"],
    "区": ["ou"],
    "查": ["zha"],
    "盖": ["ge"],
    "乐": ["yue"],
    "华": ["hua"],
    "缪": ["miao"],
    "覃": ["qin"],
    "翟": ["zhai"],
    "秘": ["bi"],
    "种": ["chong"],
    "召": ["shao"],
    "折": ["she"],
    "繁": ["po"],
    "黑": ["he"],
    "员": ["yun"],
}


def _spellings(word: str) -> tuple[str, ...]:
    """A word as typed: "lü" as "lu" and "lv"."""
    if "ü" in word:
        return (fold(word), word.replace("ü", "v"))
    return (word,)


def _readings(run: str) -> list[list[str]]:
    """The name's syllables as the dictionary reads them, then as a surname's if it is one."""
    from pypinyin import lazy_pinyin

    best = lazy_pinyin(run, v_to_u=True, errors="ignore")
    if len(best) != len(run):  # not all Chinese characters (kana, hangul)
        return []
    readings = [best]
    for surname in (run[:2], run[:1]):
        if surname in SURNAME_READINGS and len(run) > len(surname):
            readings.append([*SURNAME_READINGS[surname], *best[len(surname) :]])
            break
    return readings


@lru_cache(maxsize=65_536)
def name_pinyin(run: str) -> tuple[str, ...]:
    """The pinyin words a run of Chinese characters in a name is found by, without repeats:
    each syllable, the whole name, and the given name (after a one-character surname).

    Cached: a million profiles share a few thousand names. `pypinyin` is imported on first use,
    as its dictionaries take a third of a second to load.
    """
    words: list[str] = []
    for syllables in _readings(run):
        words += [spelling for syllable in syllables for spelling in _spellings(syllable)]
        if len(syllables) > 1:
            words += _spellings("".join(syllables))
        if len(syllables) > 2:
            words += _spellings("".join(syllables[1:]))
    return tuple(dict.fromkeys(words))
