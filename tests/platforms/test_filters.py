"""PlatformFilter, the one FilterSet the directory page and the API share."""

import datetime

import pytest
from django.http import QueryDict

from platforms.filters import PlatformFilter
from platforms.models import Platform, UserCount
from platforms.selectors import directory_platforms
from tests.factories import PlatformFactory, UserCountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def platforms(db):
    """Four current platforms and one historical one, with traits that tell them apart."""
    weibo = PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        name_zh="新浪微博",
        kind=Platform.Kind.MICROBLOG,
        status=Platform.Status.ACTIVE,
        parent_company="Sina",
        launched_year=2009,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        summary_en="A public microblog where careers are publicized.",
        summary_zh="公开的微型博客。",
        languages=["zh-hans"],
    )
    linkedin = PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        name_zh="领英",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.RESTRICTED,
        parent_company="Microsoft",
        launched_year=2003,
        real_name_verification=Platform.Verification.OPTIONAL,
        email_reliance=Platform.Level.HIGH,
        summary_en="A global professional network.",
        summary_zh="全球职业社交网络。",
        languages=["en", "zh-hans"],
    )
    wechat = PlatformFactory(
        slug="wechat",
        name_en="WeChat",
        name_zh="微信",
        kind=Platform.Kind.MESSAGING,
        status=Platform.Status.ACTIVE,
        parent_company="Tencent",
        launched_year=2011,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        summary_en="A messaging super-app.",
        summary_zh="即时通讯超级应用。",
        languages=["en", "zh-hans"],
    )
    huihui = PlatformFactory(
        slug="huihui",
        name_en="Huihui",
        name_zh="会会",
        kind=Platform.Kind.MEETINGS,
        status=Platform.Status.UNKNOWN,
        launched_year=None,
        real_name_verification=Platform.Verification.UNKNOWN,
        email_reliance=Platform.Level.UNKNOWN,
        summary_en="Arranges meetings in person.",
        summary_zh="安排面对面的会面。",
    )
    ushi = PlatformFactory(
        slug="ushi",
        name_en="Ushi",
        name_zh="优士网",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.SHUT_DOWN,
        historical=True,
        launched_year=2010,
        summary_en="An invite-only network for executives.",
        summary_zh="邀请制高管网络。",
        languages=["en"],
    )
    UserCountFactory(platform=weibo, value=587_000_000, as_of=datetime.date(2024, 9, 30))
    UserCountFactory(platform=linkedin, value=54_000_000, as_of=datetime.date(2021, 10, 1))
    UserCountFactory(platform=wechat, value=1_359_000_000, as_of=datetime.date(2024, 3, 31))
    UserCountFactory(platform=ushi, value=900_000, as_of=datetime.date(2012, 7, 1))
    return {p.slug: p for p in (weibo, linkedin, wechat, huihui, ushi)}


def run(query: str) -> PlatformFilter:
    return PlatformFilter(QueryDict(query), queryset=directory_platforms())


def slugs(query: str) -> list[str]:
    filterset = run(query)
    assert filterset.is_valid(), filterset.errors
    return [platform.slug for platform in filterset.qs]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"weibo", "linkedin", "wechat", "huihui"}),
        ("status=active", {"weibo", "wechat"}),
        ("status=active&status=restricted", {"weibo", "linkedin", "wechat"}),
        ("status=unknown", {"huihui"}),
        ("status=shut_down", set()),
        ("status=shut_down&show_historical=1", {"ushi"}),
        ("language=en", {"linkedin", "wechat"}),
        ("language=zh-hans", {"weibo", "linkedin", "wechat"}),
        ("language=en&show_historical=1", {"linkedin", "wechat", "ushi"}),
        ("real_name_verification=required", {"weibo", "wechat"}),
        ("real_name_verification=optional", {"linkedin"}),
        ("real_name_verification=unknown", {"huihui"}),
        ("email_reliance=low", {"weibo", "wechat"}),
        ("email_reliance=high", {"linkedin"}),
        ("kind=microblog", {"weibo"}),
        ("kind=messaging", {"wechat"}),
        ("kind=professional_network", {"linkedin"}),
        ("kind=professional_network&show_historical=1", {"linkedin", "ushi"}),
        ("language=en&real_name_verification=optional", {"linkedin"}),
        ("show_historical=1", {"weibo", "linkedin", "wechat", "huihui", "ushi"}),
        ("show_historical=true", {"weibo", "linkedin", "wechat", "huihui", "ushi"}),
        ("show_historical=0", {"weibo", "linkedin", "wechat", "huihui"}),
        ("show_historical=false", {"weibo", "linkedin", "wechat", "huihui"}),
    ],
)
def test_each_filter_keeps_only_matching_platforms(platforms, query, expected):
    assert set(slugs(query)) == expected


def test_several_languages_match_any_of_them_without_duplicates(platforms):
    result = slugs("language=en&language=zh-hans")

    assert sorted(result) == ["linkedin", "wechat", "weibo"]


def test_unbound_filter_still_hides_historical_platforms(platforms):
    filterset = PlatformFilter(queryset=directory_platforms())

    assert "ushi" not in [platform.slug for platform in filterset.qs]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=weibo", {"weibo"}),
        ("q=WEIBO", {"weibo"}),
        ("q=微博", {"weibo"}),
        ("q=新浪", {"weibo"}),
        ("q=sina", {"weibo"}),
        ("q=领英", {"linkedin"}),
        ("q=linked", {"linkedin"}),
        ("q=microsoft", {"linkedin"}),
        ("q=Tencent", {"wechat"}),
        ("q=微信", {"wechat"}),
        ("q=meetings", {"huihui"}),
        ("q=面对面", {"huihui"}),
        ("q=sina  weibo", {"weibo"}),
        ("q=sina wechat", set()),
        ("q=ushi", set()),
        ("q=ushi&show_historical=1", {"ushi"}),
        ("q=nothing-matches-this", set()),
    ],
)
def test_search_matches_names_slug_summaries_and_company_in_both_languages(
    platforms, query, expected
):
    assert set(slugs(query)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["huihui", "linkedin", "weibo", "wechat"]),
        ("name", ["huihui", "linkedin", "weibo", "wechat"]),
        ("-name", ["wechat", "weibo", "linkedin", "huihui"]),
        ("-users", ["wechat", "weibo", "linkedin", "huihui"]),
        ("users", ["linkedin", "weibo", "wechat", "huihui"]),
        ("-launched", ["wechat", "weibo", "linkedin", "huihui"]),
        ("launched", ["linkedin", "weibo", "wechat", "huihui"]),
    ],
)
def test_sort_orders_with_unknown_values_last(platforms, sort, expected):
    assert slugs(f"sort={sort}") == expected


def test_sort_by_users_uses_the_latest_figure_not_the_largest(db):
    faded = PlatformFactory(slug="faded")
    grown = PlatformFactory(slug="grown")
    UserCountFactory(platform=faded, value=500_000_000, as_of=datetime.date(2012, 1, 1))
    UserCountFactory(platform=faded, value=10_000_000, as_of=datetime.date(2020, 1, 1))
    UserCountFactory(platform=grown, value=100_000_000, as_of=datetime.date(2019, 1, 1))

    assert slugs("sort=-users") == ["grown", "faded"]


def test_sort_by_users_works_on_a_queryset_without_the_annotation(platforms):
    filterset = PlatformFilter(QueryDict("sort=-users"), queryset=Platform.objects.all())

    assert [platform.slug for platform in filterset.qs][:2] == ["wechat", "weibo"]


def test_latest_figure_on_the_same_day_is_the_larger_one(db):
    platform = PlatformFactory(slug="same-day")
    day = datetime.date(2024, 9, 30)
    UserCountFactory(
        platform=platform, value=257_000_000, as_of=day, metric=UserCount.Metric.DAILY_ACTIVE
    )
    UserCountFactory(
        platform=platform, value=587_000_000, as_of=day, metric=UserCount.Metric.MONTHLY_ACTIVE
    )

    (result,) = run("").qs

    assert result.latest_users == 587_000_000
    assert result.latest_user_counts[0].metric == UserCount.Metric.MONTHLY_ACTIVE


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("status=active&status=bogus", "status"),
        ("language=xx", "language"),
        ("real_name_verification=sometimes", "real_name_verification"),
        ("email_reliance=extreme", "email_reliance"),
        ("kind=forum", "kind"),
        ("sort=popularity", "sort"),
        ("q=" + "x" * 101, "q"),
    ],
)
def test_invalid_values_are_form_errors_naming_the_field(platforms, query, field):
    filterset = run(query)

    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


ALL = {"weibo", "linkedin", "wechat", "huihui", "ushi"}
CURRENT = ALL - {"ushi"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *((word, ALL) for word in ("1", "true", "yes", "on", "TRUE", "Yes", "On", " true ")),
        *((word, CURRENT) for word in ("0", "false", "no", "off", "FALSE", "No", "OFF", "")),
    ],
)
def test_show_historical_reads_the_one_yes_no_vocabulary_in_any_case(platforms, value, expected):
    assert set(slugs(f"show_historical={value}")) == expected


@pytest.mark.parametrize("value", ["maybe", "2", "-1", "y", "n", "yess", "null", "none", "✓"])
def test_any_other_show_historical_is_an_error_naming_the_field(platforms, value):
    filterset = run(f"show_historical={value}")

    assert not filterset.is_valid()
    assert list(filterset.errors) == ["show_historical"]


def test_the_form_class_is_built_once_and_its_forms_share_no_field(platforms):
    first, second = run("kind=microblog"), run("sort=-users")

    assert type(first.form) is type(second.form) is PlatformFilter.form_class()
    assert first.form.fields["kind"] is not second.form.fields["kind"]
    assert first.is_valid()
    assert second.is_valid()
    assert first.form.cleaned_data["kind"] == "microblog"
    assert second.form.cleaned_data["kind"] == ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("status=active&status=restricted", "status=restricted&status=active"),
        ("language=en&language=zh-hans", "language=zh-hans&language=en"),
        ("", "show_historical=&q="),
        ("show_historical=1", "show_historical=yes"),
    ],
)
def test_queries_meaning_the_same_share_a_cache_key(platforms, one, other):
    first, second = run(one), run(other)

    assert first.is_valid()
    assert second.is_valid()
    assert first.cache_key() == second.cache_key()


def test_queries_meaning_something_else_have_their_own_cache_key(platforms):
    filtersets = [run(query) for query in ("", "kind=microblog", "show_historical=1")]

    assert all(filterset.is_valid() for filterset in filtersets)
    assert len({filterset.cache_key() for filterset in filtersets}) == 3
