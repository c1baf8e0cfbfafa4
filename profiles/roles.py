"""Executive roles and every way recruiters write them, in English and Chinese: one table.

A recruiter looking for a CFO types "CFO", "Chief Financial Officer", "首席财务官" or "财务总监"
and expects the same people. Each `Role` lists its `names` (the titles it is written as) and
its `aliases` (shorter words a searcher means it by, such as "财务"). The table is read twice,
so a title and a query meet on the same word:

- a profile whose title holds one of a role's names gets the role's token (`Role.token`) in its
  search document (`profiles.search`), which the GIN index covers;
- a query that holds a name looks for the role's token (`query_roles`), so "CFO" finds the
  CFOs however their titles are written, and not a "Deputy CFO"; an alias is a word with a
  meaning of its own, so the query looks for the role's token *or* the word: "财务" finds the
  CFOs and anyone else whose title says 财务.

Names are matched as whole words in Latin script and anywhere in Chinese. A name right after a
deputy's word ("Vice President", "副总裁", "Deputy CFO"), or a Chinese name followed by 助理
(an assistant: "总经理助理"), is not that role: a vice president is not the president.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from profiles.text import is_cjk, segments

# Words that make the name after them a deputy's or an assistant's title, not the role itself.
DEPUTY_WORDS = frozenset({"vice", "deputy", "assistant", "associate", "副", "助理"})
# Chinese words that, right after a name, make it an assistant's title ("总经理助理").
ASSISTANT_AFTER = ("助理",)
# The start of a role's token: documents and queries are made of letters and digits only
# (`profiles.text.WORD`), so nothing typed or written in a title can collide with one.
TOKEN_PREFIX = "_"


@dataclass(frozen=True)
class Role:
    """A role, the titles it is written as, and the shorter words a searcher means it by."""

    key: str
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    @property
    def token(self) -> str:
        return f"{TOKEN_PREFIX}{self.key}"


ROLES = (
    Role(
        "ceo",
        ("CEO", "Chief Executive Officer", "Chief Executive", "首席执行官", "行政总裁", "执行总裁"),
    ),
    Role(
        "cfo",
        (
            "CFO",
            "Chief Financial Officer",
            "Chief Finance Officer",
            "Finance Director",
            "Director of Finance",
            "Head of Finance",
            "首席财务官",
            "财务总监",
            "财务负责人",
            "财务长",
        ),
        aliases=("finance", "财务"),
    ),
    Role(
        "coo",
        (
            "COO",
            "Chief Operating Officer",
            "Chief Operations Officer",
            "Operations Director",
            "Director of Operations",
            "Head of Operations",
            "首席运营官",
            "首席营运官",
            "运营总监",
            "营运总监",
        ),
        aliases=("operations", "运营", "营运"),
    ),
    Role(
        "cto",
        (
            "CTO",
            "Chief Technology Officer",
            "Chief Technical Officer",
            "Technology Director",
            "Technical Director",
            "Director of Technology",
            "Head of Technology",
            "首席技术官",
            "首席科技官",
            "技术总监",
        ),
        aliases=("technology", "技术"),
    ),
    Role(
        "cmo",
        (
            "CMO",
            "Chief Marketing Officer",
            "Marketing Director",
            "Director of Marketing",
            "Head of Marketing",
            "首席营销官",
            "首席市场官",
            "市场总监",
            "营销总监",
        ),
        aliases=("marketing", "市场", "营销"),
    ),
    Role(
        "chro",
        (
            "CHRO",
            "Chief Human Resources Officer",
            "Chief People Officer",
            "HR Director",
            "HRD",
            "Human Resources Director",
            "Director of Human Resources",
            "Head of Human Resources",
            "Head of HR",
            "首席人力资源官",
            "人力资源总监",
            "人事总监",
            "HR总监",
        ),
        aliases=("human resources", "HR", "人力资源", "人事"),
    ),
    Role("chair", ("Chairman", "Chairwoman", "Chairperson", "Chair", "董事长")),
    Role("president", ("President", "总裁")),
    Role("general_manager", ("General Manager", "GM", "总经理")),
    Role(
        "vice_president",
        (
            "Vice President",
            "VP",
            "SVP",
            "EVP",
            "副总裁",
            "副总经理",
            "Deputy General Manager",
        ),
        aliases=("副总",),
    ),
    Role("managing_director", ("Managing Director", "MD", "董事总经理")),
    Role("director", ("Director", "总监")),
    Role("partner", ("Partner", "合伙人")),
    Role(
        "head_of_rd",
        (
            "R&D Director",
            "Director of R&D",
            "Head of R&D",
            "Research and Development Director",
            "研发总监",
            "研发负责人",
        ),
        aliases=("R&D", "研发"),
    ),
    Role(
        "head_of_sales",
        (
            "Head of Sales",
            "Sales Director",
            "Director of Sales",
            "Chief Sales Officer",
            "销售总监",
            "销售负责人",
            "首席销售官",
        ),
        aliases=("sales", "销售"),
    ),
)


def _pattern(name: str) -> re.Pattern[str]:
    """`name` found in a text's `segments` joined by spaces: Latin words whole, Chinese
    anywhere."""
    parts = segments(name)
    start = "" if is_cjk(parts[0]) else "(?<= )"
    end = "" if is_cjk(parts[-1]) else "(?= )"
    return re.compile(start + re.escape(" ".join(parts)) + end)


@dataclass(frozen=True)
class _Form:
    role: Role
    pattern: re.Pattern[str]
    length: int
    alias: bool


def _forms(*, with_aliases: bool) -> tuple[_Form, ...]:
    forms = [
        _Form(role, _pattern(written), len(" ".join(segments(written))), alias)
        for role in ROLES
        for alias, words in ((False, role.names), (True, role.aliases if with_aliases else ()))
        for written in words
    ]
    # Longest first: a query's "vice president" is read before its "president".
    return tuple(sorted(forms, key=lambda form: -form.length))


TITLE_FORMS = _forms(with_aliases=False)
QUERY_FORMS = _forms(with_aliases=True)


def _deputy(text: str, start: int, end: int) -> bool:
    """Whether the name at `text[start:end]` is a deputy's or an assistant's title."""
    before = text[:start].rstrip()
    word_before = before.rsplit(" ", 1)[-1] if before else ""
    if word_before in DEPUTY_WORDS or any(
        is_cjk(word_before) and word_before.endswith(word) for word in DEPUTY_WORDS
    ):
        return True
    return text[end:].startswith(ASSISTANT_AFTER)


def _found(text: str, forms: tuple[_Form, ...]) -> Iterator[tuple[_Form, int, int]]:
    for form in forms:
        for match in form.pattern.finditer(text):
            if not _deputy(text, match.start(), match.end()):
                yield form, match.start(), match.end()


@lru_cache(maxsize=16_384)
def title_roles(title: str) -> tuple[Role, ...]:
    """The roles a title holds ("Finance Director" is a CFO and a director), in table order.

    Cached: a million profiles share a few thousand titles.
    """
    text = f" {' '.join(segments(title))} "
    held = {form.role.key for form, _start, _end in _found(text, TITLE_FORMS)}
    return tuple(role for role in ROLES if role.key in held)


@dataclass(frozen=True)
class RoleMention:
    """A role named in a query, and the words that named it: one of its names, or an alias
    (a word with a meaning of its own, which the query looks for too)."""

    role: Role
    words: str
    alias: bool


def query_roles(query: str) -> tuple[list[RoleMention], str]:
    """The roles a query names, each by its longest name or alias, and the rest of the query.

    "cfo shanghai" → ([CFO named by "cfo"], "shanghai"); "vice president" is one role, not a
    vice president and a president.
    """
    text = f" {' '.join(segments(query))} "
    taken = [False] * len(text)
    mentions: list[tuple[int, RoleMention]] = []
    for form, start, end in _found(text, QUERY_FORMS):
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        mentions.append((start, RoleMention(form.role, text[start:end], form.alias)))
    rest = "".join(" " if taken[i] else char for i, char in enumerate(text))
    return [mention for _start, mention in sorted(mentions, key=lambda m: m[0])], rest
