"""Candidate text search in Chinese and English that stays fast at a million profiles.

Each profile keeps a `search_document`: its name, company, title and city (English and Chinese
names) as lower-case tokens separated by spaces. A Latin word is one token; Chinese has no
spaces between words, so a run of Chinese characters becomes each character and each pair of
neighbours ("王伟明" → 王 伟 明 王伟 伟明). A query term then matches:

- a Latin word by its start (`cap` finds "Capital", `wang` finds "Wang Wei"),
- Chinese by every two-character piece (`上海` finds Shanghai, `腾讯` finds 腾讯科技), or the one
  character when only one is typed (`王`).

On PostgreSQL the database keeps the document as a `tsvector` too (`search_vector`, a generated
column whose lexemes are the tokens, no dictionary involved), and a GIN index over it answers
the query; ANALYZE's statistics of that column tell the planner how common each token is, so a
rare name is looked up in the index and a common one read in page order. Elsewhere (SQLite)
the same tokens are matched with LIKE on the spaces around them: both databases find the same
profiles.

Why not pg_trgm: a trigram needs three characters, so `上海` or `腾讯` has none and degenerates
to a full index scan; and a trigram index over a million profiles takes over a minute to build,
where this one takes seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import SearchQueryField
from django.db import connections
from django.db.models import BooleanField, F, Func, QuerySet, TextField, Value
from django.db.models.functions import Cast

# Runs of letters and digits; everything else separates tokens.
WORD = re.compile(r"[^\W_]+")
# Scripts written without spaces between words: Han (with its extensions), kana, hangul.
CJK = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]+)"
)
# The profile fields the document is built from.
SEARCHED_FIELDS = frozenset({"display_name", "company", "title", "city"})
# The English and Chinese names a searcher types for each `City` value ("other" has none).
CITY_NAMES = {
    "beijing": ("Beijing", "北京"),
    "shanghai": ("Shanghai", "上海"),
    "shenzhen": ("Shenzhen", "深圳"),
    "guangzhou": ("Guangzhou", "广州"),
    "hangzhou": ("Hangzhou", "杭州"),
    "suzhou": ("Suzhou", "苏州"),
    "nanjing": ("Nanjing", "南京"),
    "chengdu": ("Chengdu", "成都"),
    "wuhan": ("Wuhan", "武汉"),
    "tianjin": ("Tianjin", "天津"),
    "chongqing": ("Chongqing", "重庆"),
    "xian": ("Xi'an Xian", "西安"),
    "xiamen": ("Xiamen", "厦门"),
    "qingdao": ("Qingdao", "青岛"),
    "dalian": ("Dalian", "大连"),
    "hong_kong": ("Hong Kong", "香港"),
    "taipei": ("Taipei", "台北 臺北"),
    "singapore": ("Singapore", "新加坡"),
}


@dataclass(frozen=True)
class QueryToken:
    """One token a profile must have: the start of a Latin word, or an exact Chinese piece."""

    text: str
    prefix: bool


def _pieces(run: str) -> list[str]:
    """A Chinese run as its characters and its two-character pieces."""
    return [*run, *(run[i : i + 2] for i in range(len(run) - 1))]


@lru_cache(maxsize=65_536)
def text_tokens(text: str) -> tuple[str, ...]:
    """The document tokens of a piece of text, in order, without repeats.

    Cached: a million demo profiles share a few thousand names, companies and titles.
    """
    tokens: list[str] = []
    for word in WORD.findall(text.casefold()):
        for index, part in enumerate(CJK.split(word)):
            if not part:
                continue
            # CJK.split alternates: text outside the scripts at even indexes, runs at odd ones.
            tokens.extend(_pieces(part) if index % 2 else [part])
    return tuple(dict.fromkeys(tokens))


def search_document(*, display_name: str, company: str, title: str, city: str) -> str:
    """The tokens a profile is found by, space-separated with a space at each end."""
    parts = (display_name, company, title, *CITY_NAMES.get(city, ()))
    tokens = dict.fromkeys(token for part in parts for token in text_tokens(part))
    return f" {' '.join(tokens)} " if tokens else ""


def query_tokens(value: str) -> list[QueryToken]:
    """What a query asks for: every token must be found (terms are ANDed)."""
    tokens: list[QueryToken] = []
    for word in WORD.findall(value.casefold()):
        for index, part in enumerate(CJK.split(word)):
            if not part:
                continue
            if not index % 2:
                tokens.append(QueryToken(part, prefix=True))
            elif len(part) == 1:
                tokens.append(QueryToken(part, prefix=False))
            else:
                tokens.extend(
                    QueryToken(part[i : i + 2], prefix=False) for i in range(len(part) - 1)
                )
    return list(dict.fromkeys(tokens))


def tsquery(tokens: list[QueryToken]) -> str:
    """The tokens as a PostgreSQL tsquery: `'wang':* & '王伟'` (tokens hold no quotes)."""
    return " & ".join(f"'{token.text}'{':*' if token.prefix else ''}" for token in tokens)


class TokenVectorField(TextField):
    """A `tsvector` on PostgreSQL, plain text elsewhere."""

    def db_type(self, connection) -> str | None:
        if connection.vendor == "postgresql":
            return "tsvector"
        return super().db_type(connection)


class TokenVector(Func):
    """The document's tokens as a tsvector (PostgreSQL), or the document itself elsewhere."""

    template = "%(expressions)s"
    output_field = TokenVectorField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)::tsvector", **extra_context
        )


class VectorMatches(Func):
    """`search_vector @@ '<query>'::tsquery`, which the GIN index answers."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()

    def __init__(self, query: str) -> None:
        super().__init__(F("search_vector"), Cast(Value(query), output_field=SearchQueryField()))


def filter_by_text(queryset: QuerySet, value: str, *, max_tokens: int = 24) -> QuerySet:
    """Profiles whose document has every token of `value` (see the module docstring)."""
    tokens = query_tokens(value)[:max_tokens]
    if not tokens:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(VectorMatches(tsquery(tokens)))
    for token in tokens:
        pattern = f" {token.text}" if token.prefix else f" {token.text} "
        queryset = queryset.filter(search_document__contains=pattern)
    return queryset
