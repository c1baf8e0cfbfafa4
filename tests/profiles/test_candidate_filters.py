"""CandidateFilter: channel conditions on the same membership, any vs all, every field, errors."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from platforms.models import Platform
from profiles import search
from profiles.models import Activity, City, CompanyType, Industry, Seniority, Visibility
from profiles.selectors import candidate_filter
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def query(params: dict) -> QueryDict:
    return QueryDict(urlencode(params, doseq=True))


def names(queryset) -> list[str]:
    return [profile.display_name for profile in queryset]


@pytest.fixture
def platforms(db):
    return {
        "weibo": PlatformFactory(slug="weibo", name_en="Weibo"),
        "maimai": PlatformFactory(slug="maimai", name_en="Maimai"),
        "linkedin": PlatformFactory(slug="linkedin", name_en="LinkedIn"),
        "ushi": PlatformFactory(slug="ushi", name_en="Ushi", status=Platform.Status.SHUT_DOWN),
    }


def person(name: str, platforms: dict, on: dict | None = None, **fields):
    """A profile shared with recruiters, with memberships given as {slug: {field: value}}."""
    profile = ExecutiveProfileFactory(display_name=name, **fields)
    for slug, membership in (on or {}).items():
        MembershipFactory(profile=profile, platform=platforms[slug], **membership)
    return profile


OPEN_DAILY = {"open_to_inquiries": True, "activity": Activity.DAILY}
CLOSED_INACTIVE = {"open_to_inquiries": False, "activity": Activity.INACTIVE}


@pytest.fixture
def channel_people(platforms):
    """People whose memberships make "any", "all" and "open there" disagree."""
    person("Weibo and Maimai, open on both", platforms, {"weibo": OPEN_DAILY, "maimai": OPEN_DAILY})
    person("Weibo, closed and inactive", platforms, {"weibo": CLOSED_INACTIVE})
    person("Maimai, open", platforms, {"maimai": OPEN_DAILY})
    person(
        "Weibo closed, Maimai open",
        platforms,
        {"weibo": CLOSED_INACTIVE, "maimai": OPEN_DAILY},
    )
    person("Weibo, open and verified", platforms, {"weibo": {**OPEN_DAILY, "verified": True}})
    person("Ushi only, open", platforms, {"ushi": OPEN_DAILY})
    person("Nowhere", platforms)
    person(
        "Private, on Weibo",
        platforms,
        {"weibo": OPEN_DAILY, "maimai": OPEN_DAILY},
        visibility=Visibility.PRIVATE,
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            {
                "Weibo and Maimai, open on both",
                "Weibo, closed and inactive",
                "Maimai, open",
                "Weibo closed, Maimai open",
                "Weibo, open and verified",
                "Ushi only, open",
                "Nowhere",
            },
        ),
        (
            {"platform": ["weibo"]},
            {
                "Weibo and Maimai, open on both",
                "Weibo, closed and inactive",
                "Weibo closed, Maimai open",
                "Weibo, open and verified",
            },
        ),
        (
            {"platform": ["weibo", "maimai"]},
            {
                "Weibo and Maimai, open on both",
                "Weibo, closed and inactive",
                "Maimai, open",
                "Weibo closed, Maimai open",
                "Weibo, open and verified",
            },
        ),
        (
            {"platform": ["weibo", "maimai"], "platform_match": "all"},
            {"Weibo and Maimai, open on both", "Weibo closed, Maimai open"},
        ),
        (
            {"platform": ["weibo", "maimai", "linkedin"], "platform_match": "all"},
            set(),
        ),
        # Open on Weibo: being open on Maimai instead does not count.
        (
            {"platform": ["weibo"], "open_to_inquiries": "true"},
            {"Weibo and Maimai, open on both", "Weibo, open and verified"},
        ),
        (
            {"platform": ["weibo", "maimai"], "open_to_inquiries": "true"},
            {
                "Weibo and Maimai, open on both",
                "Maimai, open",
                "Weibo closed, Maimai open",
                "Weibo, open and verified",
            },
        ),
        # All of them, open on each of them.
        (
            {"platform": ["weibo", "maimai"], "platform_match": "all", "open_to_inquiries": "true"},
            {"Weibo and Maimai, open on both"},
        ),
        (
            {"platform": ["weibo"], "open_to_inquiries": "false"},
            {"Weibo, closed and inactive", "Weibo closed, Maimai open"},
        ),
        (
            {"platform": ["weibo"], "active": "true"},
            {"Weibo and Maimai, open on both", "Weibo, open and verified"},
        ),
        (
            {"platform": ["weibo"], "active": "false"},
            {"Weibo, closed and inactive", "Weibo closed, Maimai open"},
        ),
        (
            {"platform": ["weibo"], "verified": "true"},
            {"Weibo, open and verified"},
        ),
        # No platform chosen: "open on any operating platform" (a shut-down one doesn't count).
        (
            {"open_to_inquiries": "true"},
            {
                "Weibo and Maimai, open on both",
                "Maimai, open",
                "Weibo closed, Maimai open",
                "Weibo, open and verified",
            },
        ),
        (
            {"verified": "true", "active": "true"},
            {"Weibo, open and verified"},
        ),
        # Active and open must hold on the same membership.
        (
            {"platform": ["weibo"], "active": "false", "open_to_inquiries": "true"},
            set(),
        ),
    ],
    ids=[
        "no filter: everyone shared, never the private one",
        "on weibo",
        "on weibo or maimai",
        "on weibo and maimai",
        "on all of three, nobody",
        "on weibo, open there",
        "on weibo or maimai, open there",
        "on weibo and maimai, open on both",
        "on weibo, not open there",
        "on weibo, active there",
        "on weibo, not active there",
        "on weibo, verified there",
        "open anywhere operating",
        "verified and active anywhere",
        "inactive and open on the same membership",
    ],
)
def test_channel_filters(channel_people, recruiter, params, expected):
    result = candidate_filter(user=recruiter, data=query(params))

    assert result.is_valid(), result.errors
    assert set(names(result.qs)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"platform": ["weibo", "maimai"]},
        {"platform": ["weibo", "maimai"], "open_to_inquiries": "true"},
        {"platform": ["weibo", "maimai"], "platform_match": "all"},
        {"open_to_inquiries": "true", "active": "true"},
    ],
)
def test_a_profile_on_several_matching_platforms_appears_once(channel_people, recruiter, params):
    result = names(candidate_filter(user=recruiter, data=query(params)).qs)

    assert result.count("Weibo and Maimai, open on both") == 1
    assert len(result) == len(set(result))


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"platform": ["weibo"]},
        {"platform": ["weibo", "maimai"], "platform_match": "all", "open_to_inquiries": "true"},
        {"q": "Private"},
        {"open_to_inquiries": "true", "active": "true"},
    ],
)
def test_private_profiles_never_appear(channel_people, recruiter, params):
    result = names(candidate_filter(user=recruiter, data=query(params)).qs)

    assert "Private, on Weibo" not in result


def test_nothing_for_someone_who_is_not_a_recruiter(channel_people, other_executive):
    result = candidate_filter(user=other_executive, data=query({}))

    assert list(result.qs) == []


@pytest.fixture
def varied_people(platforms):
    person(
        "张伟",
        platforms,
        title="首席财务官",
        company="苏州精密制造有限公司",
        industry=Industry.MANUFACTURING,
        city=City.SUZHOU,
        seniority=Seniority.C_LEVEL,
        company_type=CompanyType.CHINESE_PRIVATE,
        speaks_chinese=True,
        speaks_english=False,
        abroad_experience=False,
        open_to_opportunities=True,
    )
    person(
        "Emily Chen",
        platforms,
        title="Head of Treasury",
        company="Global Bank China",
        industry=Industry.FINANCE,
        city=City.SHANGHAI,
        seniority=Seniority.DIRECTOR,
        company_type=CompanyType.MULTINATIONAL,
        speaks_chinese=True,
        speaks_english=True,
        abroad_experience=True,
        open_to_opportunities=False,
    )
    person(
        "Wang Lei",
        platforms,
        title="Plant Manager",
        company="Sino-German Motors",
        industry=Industry.MANUFACTURING,
        city=City.SHANGHAI,
        seniority=Seniority.MANAGER,
        company_type=CompanyType.JOINT_VENTURE,
        speaks_chinese=True,
        speaks_english=False,
        abroad_experience=False,
        open_to_opportunities=False,
    )
    person(
        "Sarah Miller",
        platforms,
        title="Analyst",
        company="Pearl Ventures",
        industry=Industry.FINANCE,
        city=City.BEIJING,
        seniority=Seniority.JUNIOR,
        company_type=CompanyType.FOREIGN,
        speaks_chinese=False,
        speaks_english=True,
        abroad_experience=True,
        open_to_opportunities=True,
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"industry": "manufacturing"}, {"张伟", "Wang Lei"}),
        ({"city": "shanghai"}, {"Emily Chen", "Wang Lei"}),
        ({"seniority": ["c_level"]}, {"张伟"}),
        ({"seniority": ["director", "manager"]}, {"Emily Chen", "Wang Lei"}),
        ({"company_type": ["multinational", "joint_venture"]}, {"Emily Chen", "Wang Lei"}),
        ({"company_type": ["foreign"]}, {"Sarah Miller"}),
        ({"language": "en"}, {"Emily Chen", "Sarah Miller"}),
        ({"language": "zh"}, {"张伟", "Emily Chen", "Wang Lei"}),
        ({"abroad_experience": "true"}, {"Emily Chen", "Sarah Miller"}),
        ({"abroad_experience": "false"}, {"张伟", "Wang Lei"}),
        ({"open_to_opportunities": "true"}, {"张伟", "Sarah Miller"}),
        ({"open_to_opportunities": "false"}, {"Emily Chen", "Wang Lei"}),
        ({"q": "张"}, {"张伟"}),
        ({"q": "精密制造"}, {"张伟"}),
        ({"q": "财务"}, {"张伟"}),
        ({"q": "treasury"}, {"Emily Chen"}),
        ({"q": "MOTORS"}, {"Wang Lei"}),
        ({"q": "chen global"}, {"Emily Chen"}),
        ({"q": "chen pearl"}, set()),
        (
            {"city": "shanghai", "industry": "manufacturing", "seniority": ["manager"]},
            {"Wang Lei"},
        ),
    ],
    ids=lambda value: urlencode(value, doseq=True) if isinstance(value, dict) else None,
)
def test_person_filters(varied_people, recruiter, params, expected):
    result = candidate_filter(user=recruiter, data=query(params))

    assert result.is_valid(), result.errors
    assert set(names(result.qs)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Emily Chen", "Sarah Miller", "Wang Lei", "张伟"]),
        ("seniority", ["张伟", "Emily Chen", "Wang Lei", "Sarah Miller"]),
    ],
)
def test_sort(varied_people, recruiter, sort, expected):
    result = candidate_filter(user=recruiter, data=query({"sort": sort}))

    assert names(result.qs) == expected


@postgresql_only("PostgreSQL's planner")
@pytest.mark.parametrize(
    ("sort", "index"),
    [
        ("name", "profile_name"),
        ("seniority", "profile_senior_recent"),
        ("updated", "profile_recent"),
    ],
)
def test_each_sort_walks_its_index_rather_than_sorting_every_candidate(
    varied_people, recruiter, sort, index
):
    """Sorting a million candidates by their seniority's rank took half a second a page."""
    result = candidate_filter(user=recruiter, data=query({"sort": sort}))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = result.qs[:25].explain()

    assert f"Index Scan using {index} " in plan
    assert "Sort" not in plan


@pytest.fixture
def three_zhous(platforms):
    for name in ("Zhou Lan", "Zhou An", "Zhou Bo"):
        person(name, platforms)


def test_words_sorted_by_name_come_in_name_order(three_zhous, varied_people, recruiter):
    result = candidate_filter(user=recruiter, data=query({"q": "zhou", "sort": "name"}))

    assert names(result.qs) == ["Zhou An", "Zhou Bo", "Zhou Lan"]


@postgresql_only("PostgreSQL's planner")
@pytest.mark.parametrize(("limit", "walks_the_names"), [(1_000, False), (0, True)])
def test_words_sorted_by_name_sort_their_matches_while_they_are_few(
    three_zhous, varied_people, recruiter, monkeypatch, limit, walks_the_names
):
    """A surname's people sit late in the alphabet: walking every name before them took over a
    second a page at a million profiles, where sorting their 30,000 takes about 70 ms."""
    monkeypatch.setattr(search, "SORTED_MATCHES_LIMIT", limit)
    result = candidate_filter(user=recruiter, data=query({"q": "zhou", "sort": "name"}))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        plan = result.qs[:25].explain()

    assert ("Index Scan using profile_name " in plan) is walks_the_names
    assert ("Sort Key" in plan) is not walks_the_names
    assert names(result.qs) == ["Zhou An", "Zhou Bo", "Zhou Lan"]


def test_default_sort_is_recently_updated_first(varied_people, recruiter):
    wang = candidate_filter(user=recruiter, data=query({"q": "Wang"})).qs.get()
    wang.title = "Plant Director"
    wang.save()

    result = names(candidate_filter(user=recruiter, data=query({})).qs)

    assert result[0] == "Wang Lei"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"platform": ["no-such-platform"]}, "platform"),
        ({"platform": ["ushi"]}, "platform"),
        ({"platform_match": "most"}, "platform_match"),
        ({"active": "maybe"}, "active"),
        ({"open_to_inquiries": "yes please"}, "open_to_inquiries"),
        ({"verified": "2"}, "verified"),
        ({"industry": "piracy"}, "industry"),
        ({"city": "atlantis"}, "city"),
        ({"seniority": ["emperor"]}, "seniority"),
        ({"company_type": ["guild"]}, "company_type"),
        ({"language": "fr"}, "language"),
        ({"abroad_experience": "sometimes"}, "abroad_experience"),
        ({"open_to_opportunities": "perhaps"}, "open_to_opportunities"),
        ({"q": "x" * 101}, "q"),
        ({"sort": "salary"}, "sort"),
    ],
)
def test_unknown_values_are_errors_naming_the_field(platforms, recruiter, params, field):
    result = candidate_filter(user=recruiter, data=query(params))

    assert not result.is_valid()
    assert list(result.errors) == [field]


def test_defaults_are_shown_as_chosen(recruiter):
    form = candidate_filter(user=recruiter, data=query({})).form

    assert form["platform_match"].value() == "any"
    assert form["sort"].value() == "best"


@pytest.mark.parametrize("name", ["open_to_inquiries", "active", "verified", "abroad_experience"])
@pytest.mark.parametrize(
    ("word", "means"),
    [
        *[(word, True) for word in ("1", "true", "Yes", "on")],
        *[(word, False) for word in ("0", "FALSE", "no", "off")],
        ("", None),
    ],
)
def test_switches_take_the_sites_yes_no_words(recruiter, name, word, means):
    result = candidate_filter(user=recruiter, data=query({name: word}))

    assert result.is_valid(), result.errors
    assert result.form.cleaned_data[name] is means


@pytest.mark.parametrize(
    ("word", "status"),
    [("1", 200), ("0", 200), ("true", 200), ("no", 200), ("maybe", 400), ("2", 400)],
)
def test_the_page_answers_a_yes_no_word_or_a_400_next_to_the_field(recruiter_client, word, status):
    response = recruiter_client.get(reverse("profiles:candidates"), {"open_to_inquiries": word})

    assert response.status_code == status
    if status == 400:
        page = response.content.decode()
        field = page[page.index('<label for="id_open_to_inquiries"') :]
        assert "Enter yes or no" in field[: field.index('id="id_open_to_inquiries"')]
