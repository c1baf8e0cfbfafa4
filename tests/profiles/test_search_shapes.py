"""A search's page of rows through the statement of its shape, compiled once per process: the
same SQL, parameters and rows as its own queryset gives, for every kind of filter."""

from collections import Counter

import pytest
from django.http import QueryDict

from profiles import search_shapes
from profiles.search_shapes import ShapedStatements, shape_of
from profiles.selectors import CANDIDATE_FIELDS, SEARCH_PAGES, candidate_filter
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, postgresql_only("the words' tsquery is a parameter there")]

SHAPED = [
    "",
    "city=shanghai",
    "city=shanghai&industry=finance&seniority=c_level",
    "seniority=c_level&seniority=director&seniority=c_level",
    "company_type=state_owned&company_type=foreign&sort=seniority",
    "platform=weibo",
    "platform=weibo&platform=maimai&open_to_inquiries=yes",
    "platform=weibo&platform=maimai&platform_match=all&active=no",
    "verified=yes&active=yes",
    "language=zh&abroad_experience=yes&open_to_opportunities=no",
    "q=wang",
    "q=王伟&city=beijing",
    "q=cfo&sort=relevance",
    "q=capital%20shanghai&sort=updated",
    "q=!!!",
    "sort=name",
]


@pytest.fixture
def people(weibo, maimai):
    """A few candidates spread over the filters, on Weibo, Maimai or both."""
    rows = [
        ("Wang Wei 王伟", "CFO", "beijing", "finance", "c_level", "state_owned", [weibo]),
        ("Li Na", "Director", "shanghai", "finance", "director", "foreign", [weibo, maimai]),
        ("Zhou Lan", "CFO", "shanghai", "finance", "c_level", "foreign", [maimai]),
        ("Wang Fang", "Manager", "shanghai", "technology", "manager", "state_owned", []),
        ("Chen Jing", "CEO", "shanghai", "finance", "c_level", "joint_venture", [weibo]),
    ]
    for name, title, city, industry, seniority, company_type, platforms in rows:
        profile = ExecutiveProfileFactory(
            user=None,
            display_name=name,
            title=title,
            company="Shanghai Capital",
            city=city,
            industry=industry,
            seniority=seniority,
            company_type=company_type,
        )
        for platform in platforms:
            MembershipFactory(profile=profile, platform=platform)


def search(recruiter, query: str):
    filterset = candidate_filter(user=recruiter, data=QueryDict(query))
    assert filterset.is_valid(), filterset.errors
    return filterset


@pytest.mark.parametrize("query", SHAPED)
def test_a_shapes_statement_is_the_searchs_own_sql(recruiter, people, query):
    filterset = search(recruiter, query)
    shape = shape_of(filterset)
    statement = SEARCH_PAGES.statement(filterset, shape)
    own_sql, own_params = filterset.qs.values_list(*CANDIDATE_FIELDS).query.sql_with_params()

    params = statement.params_for(*shape.values, 26, 0)

    assert statement.sql == f"{own_sql} LIMIT %s OFFSET %s"
    assert params[-2:] == [26, 0]
    # A list of values is ORed in the order of a set: the same values, perhaps in another order.
    assert Counter(map(repr, params[:-2])) == Counter(map(repr, own_params))


@pytest.mark.parametrize("query", SHAPED)
def test_a_shapes_statement_reads_the_searchs_own_rows(recruiter, people, query):
    filterset = search(recruiter, query)

    rows = SEARCH_PAGES.tuples(filterset, limit=3, offset=1)

    assert rows == list(filterset.qs[1:4].values_list(*CANDIDATE_FIELDS))


def test_searches_of_one_shape_share_a_statement_and_keep_their_own_values(recruiter, people):
    statements = ShapedStatements(lambda queryset: queryset.values_list("display_name"))

    in_beijing = statements.tuples(search(recruiter, "city=beijing"), limit=10, offset=0)
    in_shanghai = statements.tuples(
        search(recruiter, "city=shanghai&sort=name"), limit=10, offset=0
    )
    also_beijing = statements.tuples(search(recruiter, "city=beijing"), limit=10, offset=0)

    assert in_beijing == also_beijing == [("Wang Wei 王伟",)]
    assert in_shanghai == [("Chen Jing",), ("Li Na",), ("Wang Fang",), ("Zhou Lan",)]
    assert len(statements.statements) == 2


def test_another_platform_takes_the_platforms_place(recruiter, people):
    statements = ShapedStatements(lambda queryset: queryset.values_list("display_name"))

    on_weibo = statements.tuples(search(recruiter, "platform=weibo&sort=name"), limit=9, offset=0)
    on_maimai = statements.tuples(search(recruiter, "platform=maimai&sort=name"), limit=9, offset=0)

    assert on_weibo == [("Chen Jing",), ("Li Na",), ("Wang Wei 王伟",)]
    assert on_maimai == [("Li Na",), ("Zhou Lan",)]
    assert len(statements.statements) == 1


@pytest.mark.parametrize("query", ["q=wang&sort=name", "network=2nd"])
def test_a_search_whose_sql_depends_on_more_than_its_values_has_no_shape(recruiter, people, query):
    ExecutiveProfileFactory(user=recruiter)

    assert shape_of(search(recruiter, query)) is None


def test_a_search_no_one_may_make_has_no_shape(executive, people):
    filterset = candidate_filter(user=executive, data={"city": "shanghai"})
    assert filterset.is_valid()

    assert shape_of(filterset) is None


def test_the_oldest_shape_goes_when_the_process_keeps_enough(recruiter, people, monkeypatch):
    monkeypatch.setattr(search_shapes, "MAX_SHAPES", 2)
    statements = ShapedStatements(lambda queryset: queryset.values_list("id"))

    for query in ["city=beijing", "industry=finance", "seniority=manager"]:
        statements.tuples(search(recruiter, query), limit=1, offset=0)

    kept = [dict(key) for key in statements.statements]
    assert [key["industry"] for key in kept] == [1, None]
    assert [key["seniority"] for key in kept] == [None, 1]
