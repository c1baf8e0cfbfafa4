"""Candidate text search: the tokens a profile is found by, the same answers on every database.

Roles and pinyin have their own tests (test_roles.py, test_pinyin.py), so has the order of the
results (test_relevance.py).
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.http import QueryDict
from django_filters import ChoiceFilter, MultipleChoiceFilter

from profiles.filters import CandidateFilter
from profiles.models import City, ExecutiveProfile
from profiles.search import QueryToken, query_tokens, search_document, text_tokens
from profiles.selectors import candidate_filter
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Wang Wei 王伟", ("wang", "wei", "王", "伟", "王伟")),
        ("腾讯科技", ("腾", "讯", "科", "技", "腾讯", "讯科", "科技")),
        ("Co., Ltd.", ("co", "ltd")),
        ("R&D Director", ("r", "d", "director")),
        ("ABC公司", ("abc", "公", "司", "公司")),
        ("CAPITAL capital", ("capital",)),
        ("Zhōu Lán", ("zhou", "lan")),
        ("\uff23\uff26\uff2f", ("cfo",)),  # full-width letters
        ("", ()),
    ],
)
def test_text_tokens(text, tokens):
    assert text_tokens(text) == tokens


@pytest.mark.parametrize(
    ("query", "tokens"),
    [
        ("Cap", [QueryToken("cap", prefix=True)]),
        ("上海", [QueryToken("上海", prefix=False)]),
        ("王", [QueryToken("王", prefix=False)]),
        ("王伟明", [QueryToken("王伟", prefix=False), QueryToken("伟明", prefix=False)]),
        ("chen 财务", [QueryToken("chen", prefix=True), QueryToken("财务", prefix=False)]),
        ("Xi'an", [QueryToken("xi", prefix=True), QueryToken("an", prefix=True)]),
        ("%_'", []),
    ],
)
def test_query_tokens(query, tokens):
    assert query_tokens(query) == tokens


def test_search_document_weighs_each_token_by_where_it_comes_from():
    """Name A, title and its roles B, company C, city (in English and Chinese) D: each token
    once, at its own position, where it counts most."""
    document = search_document(
        display_name="Emily Carter", company="Kestrel Capital", title="CFO", city="shanghai"
    )

    assert document == (
        " emily:1A carter:2A cfo:3B _cfo:4B kestrel:5C capital:6C shanghai:7D 上:8D 海:9D 上海:10D "
    )


def test_a_token_is_weighed_where_it_counts_most():
    document = search_document(
        display_name="Wang Shanghai", company="Shanghai Wang Ltd", title="", city="shanghai"
    )

    assert " shanghai:2A " in document
    assert "shanghai:" not in document.replace(" shanghai:2A ", " ")


@postgresql_only("PostgreSQL's tsvector")
def test_the_document_is_the_vector_postgresql_indexes(db):
    profile = ExecutiveProfileFactory(display_name="周岚", title="CFO", city=City.SHANGHAI)

    vector = ExecutiveProfile.objects.values_list("search_vector", flat=True).get(pk=profile.pk)

    # 周 岚 周岚 zhou lan zhoulan, then the title; D, the city's weight, is the one not shown.
    assert "'zhoulan':6A" in vector
    assert "'_cfo':8B" in vector
    assert "'shanghai':13 " in vector


def test_saving_a_profile_keeps_its_document_in_step():
    profile = ExecutiveProfileFactory(display_name="Li Na", city=City.BEIJING)
    profile.company = "腾讯科技"
    profile.save(update_fields=["company"])

    stored = ExecutiveProfile.objects.values_list("search_document", flat=True).get(pk=profile.pk)
    assert " 腾讯:" in stored
    assert " 北京:" in stored


def test_the_migration_joins_dotted_initials_in_documents_saved_before():
    """A document saved while "C.F.O." was three words is rebuilt; others are left as they are."""
    rebuild = importlib.import_module("profiles.migrations.0015_documents_join_dotted_initials")
    dotted = ExecutiveProfileFactory(title="C.F.O.")
    other = ExecutiveProfileFactory(title="Chief Executive Officer")
    ExecutiveProfile.objects.filter(pk=dotted.pk).update(search_document=" c:1B f:2B o:3B ")
    ExecutiveProfile.objects.filter(pk=other.pk).update(search_document=" kept:1A ")

    # The migration reads only the connection from its schema editor.
    rebuild.rebuild_dotted_documents(apps, SimpleNamespace(connection=connection))

    documents = dict(ExecutiveProfile.objects.values_list("pk", "search_document"))
    assert " cfo:" in documents[dotted.pk]
    assert " c:" not in documents[dotted.pk]
    assert documents[other.pk] == " kept:1A "


@pytest.fixture
def searchable(db):
    """People whose names, companies, titles and cities a query can tell apart."""
    people = [
        ("Zhang Wei 张伟", "腾讯科技有限公司", "首席财务官", City.SHENZHEN),
        ("Emily Carter", "Kestrel Capital (China)", "Chief Financial Officer", City.SHANGHAI),
        ("Wang Lei 王磊", "Lanqiao Motors Co., Ltd.", "Plant Director", City.SUZHOU),
        ("Chen Jing 陈静", "Hai Shang Trading", "Sales Manager", City.BEIJING),
    ]
    for name, company, title, city in people:
        ExecutiveProfileFactory(display_name=name, company=company, title=title, city=city)


def found(recruiter, q: str) -> set[str]:
    result = candidate_filter(user=recruiter, data=QueryDict(f"q={q}"))
    assert result.is_valid(), result.errors
    return {profile.display_name for profile in result.qs}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # Two Chinese characters, anywhere in the company, the title or the city's Chinese name.
        ("腾讯", {"Zhang Wei 张伟"}),
        ("上海", {"Emily Carter"}),
        # 财务 names the CFO: Emily Carter is one, in English.
        ("财务", {"Zhang Wei 张伟", "Emily Carter"}),
        ("王", {"Wang Lei 王磊"}),
        # Latin words by their start, in any case; every term must be found.
        ("cap", {"Emily Carter"}),
        ("SHANGHAI", {"Emily Carter"}),
        ("chief officer", {"Emily Carter"}),
        ("shang", {"Emily Carter", "Chen Jing 陈静"}),
        ("wang 苏州", {"Wang Lei 王磊"}),
        # Not the middle of a Latin word; no person has both terms.
        ("apital", set()),
        ("chen 腾讯", set()),
        # Punctuation only: no words, so no text filter.
        ("%_'", {"Zhang Wei 张伟", "Emily Carter", "Wang Lei 王磊", "Chen Jing 陈静"}),
    ],
)
def test_text_query_finds_the_same_people_on_every_database(searchable, recruiter, q, expected):
    assert found(recruiter, q) == expected


def test_text_query_leaves_out_profiles_recruiters_may_not_see(recruiter):
    ExecutiveProfileFactory(display_name="Private Person", company="腾讯", visibility="private")
    ExecutiveProfileFactory(display_name="Shared Person", company="腾讯", visibility="public")

    assert found(recruiter, "腾讯") == {"Shared Person"}


def test_text_query_uses_the_index_on_postgresql(searchable, recruiter):
    """On PostgreSQL the GIN index answers the query; elsewhere LIKE matches the same tokens."""
    queryset = candidate_filter(user=recruiter, data=QueryDict("q=腾讯")).qs
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            plan = queryset.explain()
        assert "profile_search_facets" in plan
    else:
        assert "search_document" in str(queryset.query)
        assert "LIKE" in str(queryset.query)


@postgresql_only("PostgreSQL's GIN index")
def test_the_words_index_holds_every_column_a_choice_filter_compares(db):
    """A search by words and a city (industry, seniority, company type) is then one scan of one
    index, where intersecting the words' matches with a city's hundreds of thousands of place
    index entries took most of a search's time at a million profiles (bench/README.md)."""
    columns = {field.name for field in ExecutiveProfile._meta.concrete_fields}
    compared = {
        choice.field_name
        for choice in CandidateFilter.base_filters.values()
        if isinstance(choice, ChoiceFilter | MultipleChoiceFilter) and choice.field_name in columns
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'profile_search_facets'")
        (definition,) = cursor.fetchone()
    indexed = definition.split("USING gin (")[1].split(")")[0].split(", ")

    assert compared == {"city", "industry", "seniority", "company_type"}
    assert indexed[0] == "search_vector"
    assert compared <= set(indexed)
