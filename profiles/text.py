"""How search reads text: one folding and one splitting for documents, titles and queries.

Searchers type "Zhou", "zhōu" or full-width letters for the same word, so text is folded
before it is split: lower case (casefold), compatibility forms made plain (full-width letters),
and the accents of Latin letters dropped (pinyin tones: "Zhōu Lán" is "zhou lan"; "lǚ" is "lu").
Only the Latin combining marks are dropped, so kana and hangul keep their own.
"""

from __future__ import annotations

import re
import unicodedata

# Runs of letters and digits; everything else separates words.
WORD = re.compile(r"[^\W_]+")
# Scripts written without spaces between words: Han (with its extensions), kana, hangul.
CJK = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]+)"
)
LATIN_ACCENTS = re.compile("[\u0300-\u036f]")
# Initials written with dots ("C.F.O.", "c.f.o"): one word, as written without them.
DOTTED_INITIALS = re.compile(r"\b[a-z](?:\.[a-z]\b)+\.?")


def fold(text: str) -> str:
    """`text` in lower case, without Latin accents, in plain (not full-width) forms."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", LATIN_ACCENTS.sub("", decomposed))


def is_cjk(text: str) -> bool:
    """Whether `text` is one run of a script written without spaces."""
    return bool(CJK.fullmatch(text))


def segments(text: str) -> list[str]:
    """`text` folded, as its Latin words and its runs of Chinese (or kana, hangul), in order:
    "HR总监 Zhōu" → ["hr", "总监", "zhou"]; "C.F.O." → ["cfo"]."""
    parts: list[str] = []
    undotted = DOTTED_INITIALS.sub(lambda initials: initials[0].replace(".", ""), fold(text))
    for word in WORD.findall(undotted):
        parts.extend(part for part in CJK.split(word) if part)
    return parts
