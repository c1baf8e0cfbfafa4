"""Executive roles: every way of writing one, in English or Chinese, finds the same people.

The table below is the specification: for each role, the titles recruiters meet (each given to
one person) and the shorter words a searcher means the role by. Any of them, typed into the
search, finds every holder of the role, on every database.
"""

import pytest
from django.db import connection
from django.http import QueryDict

from profiles.roles import query_roles, title_roles
from profiles.selectors import candidate_filter
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory

pytestmark = pytest.mark.django_db

# role: titles that name it, in English then Chinese (each held by one person, and each finding
# everyone who holds the role).
ROLE_NAMES = {
    "ceo": ["CEO", "Chief Executive Officer", "首席执行官", "行政总裁"],
    "cfo": ["CFO", "Chief Financial Officer", "Finance Director", "首席财务官", "财务总监"],
    "coo": ["COO", "Chief Operating Officer", "Director of Operations", "首席运营官", "运营总监"],
    "cto": ["CTO", "Chief Technology Officer", "Technical Director", "首席技术官", "技术总监"],
    "cmo": ["CMO", "Chief Marketing Officer", "Marketing Director", "首席营销官", "市场总监"],
    "chro": ["CHRO", "HR Director", "Chief Human Resources Officer", "人力资源总监", "HR总监"],
    "chair": ["Chairman", "董事长"],
    "president": ["President", "总裁"],
    "general_manager": ["General Manager", "GM", "总经理"],
    "vice_president": ["Vice President", "VP", "副总裁", "副总经理"],
    "managing_director": ["Managing Director", "MD", "董事总经理"],
    "director": ["Director", "总监"],
    "partner": ["Partner", "合伙人"],
    "head_of_rd": ["R&D Director", "Head of R&D", "研发总监"],
    "head_of_sales": ["Head of Sales", "Sales Director", "销售总监"],
}
# Titles that hold a role without being one of its names (found by the role's names).
MORE_HOLDERS = {
    "vice_president": ["Senior Vice President, Strategy", "集团副总裁"],
    "partner": ["Managing Partner", "高级合伙人"],
    "cfo": ["CFO & Co-founder"],
}
# Words with a meaning of their own that searchers also mean a role by.
ROLE_ALIASES = {
    "cfo": ["财务", "finance"],
    "coo": ["运营", "operations"],
    "cto": ["技术", "technology"],
    "cmo": ["marketing", "市场"],
    "chro": ["HR", "人力资源"],
    "vice_president": ["副总"],
    "head_of_rd": ["R&D", "研发"],
    "head_of_sales": ["sales", "销售"],
}
CASES = [
    (role, words)
    for role, names in ROLE_NAMES.items()
    for words in (*names, *ROLE_ALIASES.get(role, ()))
]


@pytest.fixture
def holders(db) -> dict[str, set[str]]:
    """One person per title of the tables, named after their role and title."""
    people: dict[str, set[str]] = {}
    for role, names in ROLE_NAMES.items():
        for title in (*names, *MORE_HOLDERS.get(role, ())):
            name = f"{role}: {title}"
            ExecutiveProfileFactory(display_name=name, title=title, company="Acme")
            people.setdefault(role, set()).add(name)
    return people


def found(recruiter, q: str) -> set[str]:
    result = candidate_filter(user=recruiter, data={"q": q})
    assert result.is_valid(), result.errors
    return {profile.display_name for profile in result.qs}


@pytest.mark.parametrize(("role", "words"), CASES, ids=[f"{r}-{w}" for r, w in CASES])
def test_every_way_of_writing_a_role_finds_all_who_hold_it(recruiter, holders, role, words):
    assert holders[role] <= found(recruiter, words)


@pytest.mark.parametrize(
    ("words", "not_found"),
    [
        # A deputy is not the role itself.
        ("president", "vice_president"),
        ("总裁", "vice_president"),
        ("总经理", "vice_president"),
        # Nor is one role another.
        ("vice president", "president"),
        ("CFO", "ceo"),
        ("首席执行官", "cfo"),
        ("HR", "cfo"),
        ("R&D Director", "cmo"),
        ("R&D Director", "head_of_sales"),
    ],
)
def test_a_role_does_not_find_its_neighbours(recruiter, holders, words, not_found):
    assert not holders[not_found] & found(recruiter, words)


@pytest.fixture
def finance_people(db):
    """The issue's example: CFOs written every way, and people who are not CFOs."""
    titles = {
        "Emily Carter": "CFO",
        "Zhang Wei 张伟": "首席财务官",
        "Li Na 李娜": "财务总监",
        "James Fraser": "Chief Financial Officer",
        "Chen Jing 陈静": "Sales Director",
        "Wang Lei 王磊": "Deputy CFO",
    }
    for name, title in titles.items():
        ExecutiveProfileFactory(display_name=name, title=title)


@pytest.mark.parametrize(
    "words",
    ["CFO", "cfo", "C.F.O.", "c.f.o", "Chief Financial Officer", "首席财务官", "财务总监", "财务"],
)
def test_cfo_in_either_language_finds_the_same_people(recruiter, finance_people, words):
    assert found(recruiter, words) == {
        "Emily Carter",
        "Zhang Wei 张伟",
        "Li Na 李娜",
        "James Fraser",
    }


def test_a_short_word_also_finds_what_it_says(recruiter, finance_people):
    """财务 means the CFO, and also anyone whose title says 财务."""
    ExecutiveProfileFactory(display_name="Zhou Min 周敏", title="财务经理")

    assert "Zhou Min 周敏" in found(recruiter, "财务")
    assert "Zhou Min 周敏" not in found(recruiter, "CFO")


def test_a_role_combines_with_other_words(recruiter, db):
    ExecutiveProfileFactory(display_name="In Suzhou", title="总经理", city="suzhou")
    ExecutiveProfileFactory(display_name="In Beijing", title="General Manager", city="beijing")

    assert found(recruiter, "general manager 苏州") == {"In Suzhou"}
    assert found(recruiter, "总经理 beijing") == {"In Beijing"}


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        ("Chief Executive Officer", {"ceo"}),
        ("Finance Director", {"cfo", "director"}),
        ("财务总监", {"cfo", "director"}),
        ("HR总监", {"chro", "director"}),
        ("Senior Vice President, Strategy", {"vice_president"}),
        ("副总裁", {"vice_president"}),
        ("副总经理", {"vice_president"}),
        ("总经理助理", set()),
        ("Assistant General Manager", set()),
        ("Deputy CFO", set()),
        ("Associate Director", set()),
        ("Managing Partner", {"partner"}),
        ("Regional Sales Director", {"head_of_sales", "director"}),
        ("Finance Manager", set()),
        ("", set()),
    ],
)
def test_the_roles_a_title_holds(title, roles):
    assert {role.key for role in title_roles(title)} == roles


@pytest.mark.parametrize(
    ("query", "roles", "rest"),
    [
        ("cfo shanghai", ["cfo"], "shanghai"),
        ("Vice President", ["vice_president"], ""),
        ("首席财务官", ["cfo"], ""),
        ("财务 苏州", ["cfo"], "苏州"),
        ("CHIEF financial officer", ["cfo"], ""),
        ("wang", [], "wang"),
    ],
)
def test_the_roles_a_query_names(query, roles, rest):
    mentions, remainder = query_roles(query)

    assert [mention.role.key for mention in mentions] == roles
    assert remainder.split() == rest.split()


@postgresql_only("PostgreSQL's GIN index")
def test_a_role_query_uses_the_index(recruiter, finance_people):
    queryset = candidate_filter(user=recruiter, data=QueryDict("q=财务&sort=updated")).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()

    assert "profile_search_facets" in plan
