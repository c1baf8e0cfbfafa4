"""Candidate text search in Chinese and English that stays fast at a million profiles.

Each profile keeps a `search_document`: the tokens of its name, title, company and city (English
and Chinese names), folded (`profiles.text`: lower case, no accents), separated by spaces. A
Latin word is one token; Chinese has no spaces between words, so a run of Chinese characters
becomes each character and each pair of neighbours ("王伟明" → 王 伟 明 王伟 伟明). Two kinds of
token are added so that what recruiters type finds what profiles say:

- the pinyin of a Chinese name (`profiles.pinyin`: 周岚 → zhou lan zhoulan);
- the token of each executive role the title holds (`profiles.roles`: "财务总监" → `_cfo`,
  `_director`), which a query naming the role in either language looks for.

Each token is written `token:<position><weight>` (" wang:1A 伟:2A … capital:9C "), PostgreSQL's
tsvector notation: the weight says where it came from (A the name, B the title and its roles,
C the company, D the city), so "most relevant first" ranks a name above a company that merely
starts the same way. A query term then matches:

- a Latin word by its start (`cap` finds "Capital", `wang` finds "Wang Wei"),
- Chinese by every two-character piece (`上海` finds Shanghai, `腾讯` finds 腾讯科技), or the one
  character when only one is typed (`王`),
- a role's names (`cfo`, `chief financial officer`, `首席财务官`) by the role's token, and its
  aliases (`财务`) by the role's token or the word itself.

On PostgreSQL the database keeps the document as a `tsvector` too (`search_vector`, a generated
column, no dictionary involved), and a GIN index over it answers the query; ANALYZE's
statistics of that column tell the planner how common each token is, so a rare name is looked
up in the index and a common one read in page order. The same index holds the city, industry,
seniority and company type (`btree_gin`, migration 0016), so words and a place or role are
found in one scan rather than by intersecting the words' matches with a city's whole share.
Elsewhere (SQLite) the same tokens are matched with LIKE on the spaces and colons around them:
both databases find the same profiles.

Why not pg_trgm: a trigram needs three characters, so `上海` or `腾讯` has none and degenerates
to a full index scan; and a trigram index over a million profiles takes over a minute to build,
where this one takes seconds.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import lru_cache, reduce

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Concat, Greatest, StrIndex, Substr
from django.db.models.lookups import Exact, GreaterThan

from profiles.pinyin import name_pinyin
from profiles.roles import query_roles, title_roles
from profiles.text import CJK, segments

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
# tsvector positions stop at 16,383; a document never comes near.
MAX_POSITION = 16_383
# A query holds at most this many tokens (the rest of a long query is ignored).
MAX_QUERY_TOKENS = 24


def _pieces(run: str) -> list[str]:
    """A Chinese run as its characters and its two-character pieces."""
    return [*run, *(run[i : i + 2] for i in range(len(run) - 1))]


@lru_cache(maxsize=65_536)
def text_tokens(text: str) -> tuple[str, ...]:
    """The document tokens of a piece of text, in order, without repeats.

    Cached: a million demo profiles share a few thousand names, companies and titles.
    """
    tokens: list[str] = []
    for part in segments(text):
        tokens.extend(_pieces(part) if CJK.fullmatch(part) else [part])
    return tuple(dict.fromkeys(tokens))


@lru_cache(maxsize=65_536)
def name_tokens(name: str) -> tuple[str, ...]:
    """A name's tokens, then the pinyin of its Chinese runs ("Lan 周岚" → lan 周 岚 周岚 zhou
    zhoulan)."""
    pinyin = (word for part in segments(name) if CJK.fullmatch(part) for word in name_pinyin(part))
    return tuple(dict.fromkeys((*text_tokens(name), *pinyin)))


@lru_cache(maxsize=16_384)
def title_tokens(title: str) -> tuple[str, ...]:
    """A title's tokens, then the token of each role it holds."""
    return (*text_tokens(title), *(role.token for role in title_roles(title)))


def search_document(*, display_name: str, company: str, title: str, city: str) -> str:
    """The tokens a profile is found by, as tsvector text: `token:<position><weight>`,
    space-separated with a space at each end; each token once, where it counts most."""
    city_tokens = (token for name in CITY_NAMES.get(city, ()) for token in text_tokens(name))
    weighted = (
        ("A", name_tokens(display_name)),
        ("B", title_tokens(title)),
        ("C", text_tokens(company)),
        ("D", tuple(city_tokens)),
    )
    seen: dict[str, str] = {}
    for weight, tokens in weighted:
        for token in tokens:
            if token not in seen:
                seen[token] = f"{token}:{min(len(seen) + 1, MAX_POSITION)}{weight}"
    return f" {' '.join(seen.values())} " if seen else ""


def rebuild_documents(profiles: QuerySet, *, batch_size: int = 2000) -> None:
    """Write again the document of each of `profiles` that differs from what `search_document`
    makes of it now: for a migration, once the way documents are built has changed (its
    historical model has no `save()` to do it). Each row is read as plain values."""
    rows = profiles.order_by("pk").values_list(
        "pk", "display_name", "company", "title", "city", "search_document"
    )
    changed = []
    for pk, display_name, company, title, city, stored in rows.iterator(chunk_size=batch_size):
        document = search_document(
            display_name=display_name, company=company, title=title, city=city
        )
        if document != stored:
            changed.append(profiles.model(pk=pk, search_document=document))
        if len(changed) == batch_size:
            profiles.bulk_update(changed, ["search_document"])
            changed = []
    profiles.bulk_update(changed, ["search_document"])


# --- Queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryToken:
    """One token a profile must have: the start of a Latin word, or an exact Chinese piece
    (or role token)."""

    text: str
    prefix: bool

    @property
    def tsquery(self) -> str:
        return f"'{self.text}'{':*' if self.prefix else ''}"

    @property
    def pattern(self) -> str:
        """What the token looks like in a document's text: " wang" starts "wang:1A" and
        "wangwei:5A"; " 王伟:" is that token only."""
        return f" {self.text}" if self.prefix else f" {self.text}:"


@dataclass(frozen=True)
class QueryTerm:
    """One thing a profile must match: any of `alternatives`, each tokens that must all be
    found (a role's alias: the role's token, or the word itself)."""

    alternatives: tuple[tuple[QueryToken, ...], ...]

    @property
    def size(self) -> int:
        return sum(len(tokens) for tokens in self.alternatives)

    @property
    def tsquery(self) -> str:
        groups = [" & ".join(token.tsquery for token in tokens) for tokens in self.alternatives]
        return groups[0] if len(groups) == 1 else "(" + " | ".join(groups) + ")"


def query_tokens(value: str) -> list[QueryToken]:
    """The plain tokens of a query (no roles): every one must be found."""
    tokens: list[QueryToken] = []
    for part in segments(value):
        if not CJK.fullmatch(part):
            tokens.append(QueryToken(part, prefix=True))
        elif len(part) == 1:
            tokens.append(QueryToken(part, prefix=False))
        else:
            tokens.extend(QueryToken(part[i : i + 2], prefix=False) for i in range(len(part) - 1))
    return list(dict.fromkeys(tokens))


def query_terms(value: str, *, max_tokens: int = MAX_QUERY_TOKENS) -> list[QueryTerm]:
    """What a query asks for, every term ANDed: the roles it names (each its token, or for an
    alias its token or the word), then its other tokens; no more than `max_tokens` tokens in
    all."""
    mentions, rest = query_roles(value)
    terms = [
        QueryTerm(
            (
                (QueryToken(mention.role.token, prefix=False),),
                *([tuple(query_tokens(mention.words))] if mention.alias else []),
            )
        )
        for mention in mentions
    ]
    terms += [QueryTerm(((token,),)) for token in query_tokens(rest)]
    kept, size = [], 0
    for term in dict.fromkeys(terms):
        size += term.size
        if size > max_tokens:
            break
        kept.append(term)
    return kept


def tsquery(terms: list[QueryTerm]) -> str:
    """The terms as a PostgreSQL tsquery: `'wang':* & ('_cfo' | 'cfo':*)` (no quotes inside)."""
    return " & ".join(term.tsquery for term in terms)


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


def _tsquery_value(terms: list[QueryTerm]) -> Cast:
    return Cast(Value(tsquery(terms)), output_field=SearchQueryField())


class VectorMatches(Func):
    """`search_vector @@ '<query>'::tsquery`, which the GIN index answers."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()

    def __init__(self, terms: list[QueryTerm]) -> None:
        super().__init__(F("search_vector"), _tsquery_value(terms))


def _is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def filter_by_text(queryset: QuerySet, value: str) -> QuerySet:
    """Profiles whose document has every term of `value` (see the module docstring)."""
    terms = query_terms(value)
    if not terms:
        return queryset
    if _is_postgresql(queryset):
        return queryset.filter(VectorMatches(terms))
    for term in terms:
        queryset = queryset.filter(
            reduce(
                operator.or_,
                (
                    Q(*(Q(search_document__contains=token.pattern) for token in tokens))
                    for tokens in term.alternatives
                ),
            )
        )
    return queryset


# --- Most relevant first ------------------------------------------------------------------------

# What a token's weight counts for where ts_rank is not available (SQLite): A counts most.
WEIGHT_POINTS = {"A": 4, "B": 3, "C": 2, "D": 1}


def _weight_points(token: QueryToken) -> Expression:
    """The points of the weight of the first document token `token` matches, 0 if none.

    The document's text is read as PostgreSQL reads the vector: past the token's colon, the
    position's digits, then the weight's letter.
    """
    document = F("search_document")
    found = StrIndex(document, Value(token.pattern))
    rest = Substr(document, found)
    after_colon = Substr(rest, StrIndex(rest, Value(":")) + 1)
    digits_dropped = Func(after_colon, Value("0123456789"), function="LTRIM")
    letter = Substr(digits_dropped, 1, 1, output_field=TextField())
    return Case(
        When(
            GreaterThan(found, 0),
            then=Case(
                *(
                    When(Exact(letter, Value(weight)), then=Value(points))
                    for weight, points in WEIGHT_POINTS.items()
                ),
                default=Value(0),
            ),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def relevance(queryset: QuerySet, terms: list[QueryTerm]) -> Expression:
    """How well a profile matches `terms`, higher first.

    PostgreSQL: `ts_rank` over the weighted vector (a name counts most, then the title and its
    roles, the company, the city). SQLite: the same order of weights, each term counted by
    where its first token was found (`WEIGHT_POINTS`).
    """
    if _is_postgresql(queryset):
        return SearchRank(F("search_vector"), _tsquery_value(terms))
    points = [
        Greatest(*(_weight_points(tokens[0]) for tokens in term.alternatives), Value(0))
        for term in terms
    ]
    return reduce(operator.add, points)


# A search by words sorted by name sorts every match when PostgreSQL expects no more than this
# many (`names_in_order`): about 70 ms for 30,000 at a million profiles.
SORTED_MATCHES_LIMIT = 40_000


def names_in_order(queryset: QuerySet, expected: int | None) -> QuerySet:
    """`queryset` (matched against words, sorted by name) with its matches sorted by name
    rather than found by walking every name in order, when PostgreSQL expects (`expected`) no
    more than `SORTED_MATCHES_LIMIT` of them.

    Walking the names stops after a page of matches: at once when they are spread through the
    alphabet, after most of the names when they sit late in it, as a surname's people do
    ("zhou", "王": over a second at a million profiles). The planner cannot tell where they sit,
    so the matches are sorted while they are few enough for that to cost little. The name is
    sorted as an expression no index holds, which PostgreSQL cannot walk.
    """
    if expected is None or expected > SORTED_MATCHES_LIMIT:
        return queryset
    return queryset.order_by(Concat(F("display_name"), Value("")), "id")


def most_relevant_first(queryset: QuerySet, value: str) -> QuerySet:
    """`queryset` (already matched against `value`), the best matches first, then the most
    recently updated.

    Every match is ranked before the first page is known, so the caller ranks only results it
    knows to be few (`CandidateFilter.ranked`).
    """
    terms = query_terms(value)
    recent = ("-updated_at", "-id")
    if not terms:
        return queryset.order_by(*recent)
    return queryset.annotate(relevance=relevance(queryset, terms)).order_by(
        F("relevance").desc(), *recent
    )
