"""The directory's text search: relevance, pinyin, parent companies, and names in pinyin order.

A name match ranks before a company match before a summary match; a Chinese name is found by
its pinyin as people type it; a Chinese page sorts names by their pinyin.
"""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from platforms.filters import PlatformFilter
from platforms.search import NAME_EXACT, NAME_PART, NAME_START, pinyin_rank, readings
from platforms.selectors import directory_platforms

pytestmark = pytest.mark.django_db


def found(query: str, language: str = "en") -> list[str]:
    with translation.override(language):
        filterset = PlatformFilter(QueryDict(query), queryset=directory_platforms())
        assert filterset.is_valid(), filterset.errors
        return [platform.slug for platform in filterset.qs]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The name first, then the platform whose company it is, then the summaries naming it.
        ("q=LinkedIn&show_historical=1", ["linkedin", "chitu", "maimai"]),
        ("q=微信", ["wechat", "maimai"]),
        ("q=Tencent&show_historical=1", ["tencent-weibo", "wechat"]),
        ("q=weibo&show_historical=1", ["weibo", "tencent-weibo"]),
    ],
)
def test_a_name_match_ranks_before_a_company_before_a_summary(directory, query, expected):
    assert found(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=weixin", ["wechat"]),
        ("q=WeiXin", ["wechat"]),
        ("q=maimai", ["maimai"]),
        ("q=lingying", ["linkedin"]),
        ("q=xinlang", ["weibo"]),
        ("q=tengxun&show_historical=1", ["tencent-weibo"]),
        ("q=wei xin", ["wechat", "weibo"]),  # 新浪微博 has a xin and a wei too
        ("q=huihui", ["huihui"]),
    ],
)
def test_pinyin_finds_the_chinese_name(directory, query, expected):
    assert found(query) == expected


def test_a_company_finds_every_platform_it_owns_and_the_directory_says_one_is_hidden(
    client, directory
):
    assert found("q=Tencent&show_historical=1") == ["tencent-weibo", "wechat"]

    html = client.get(reverse("platforms:directory"), {"q": "Tencent"}).content.decode()

    assert "WeChat" in html
    assert "Include the 1 that matches" in html


@pytest.mark.parametrize(
    ("word", "name", "rank"),
    [
        ("weixin", "微信", NAME_EXACT),
        ("wei", "微信", NAME_START),
        ("xin", "微信", NAME_PART),
        ("maimai", "脉脉", NAME_EXACT),  # 脉 is mai (as the brand says it) as well as mo
        ("momo", "脉脉", NAME_EXACT),
        ("weibo", "新浪微博", NAME_PART),
        ("in", "微信", None),  # not a syllable's start
        ("weixinx", "微信", None),
        ("微信", "微信", None),  # Chinese is matched as written, not as pinyin
        ("wei-xin", "微信", None),
    ],
)
def test_pinyin_rank(word, name, rank):
    assert pinyin_rank(word, readings(name)) == rank


def test_a_search_is_sorted_by_relevance_unless_another_order_is_asked(directory):
    assert found("q=LinkedIn&show_historical=1&sort=name") == ["chitu", "linkedin", "maimai"]


def test_a_chinese_page_sorts_names_in_pinyin_order(directory):
    # 会会 huì, 领英 lǐng, 脉脉 mài, 微信 wēi xìn, 新浪微博 xīn làng.
    assert found("sort=name", "zh-hans") == ["huihui", "linkedin", "maimai", "wechat", "weibo"]
    assert found("sort=-name", "zh-hans") == ["weibo", "wechat", "maimai", "linkedin", "huihui"]
    assert found("sort=name", "en") == ["huihui", "linkedin", "maimai", "weibo", "wechat"]


def test_the_chinese_directory_lists_names_in_pinyin_order(client, directory):
    html = client.get("/zh-hans/").content.decode()

    positions = [html.index(name) for name in ("会会", "领英", "脉脉", "微信", "新浪微博")]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "query",
    [
        "q=%ED%A0%80",  # not UTF-8: read as the replacement character, which no name holds
        "q=" + "x" * 100,
        "q=%25_%25",  # LIKE's wildcards are searched for as characters
    ],
)
def test_odd_searches_find_nothing_rather_than_fail(client, directory, query):
    response = client.get(reverse("platforms:directory") + "?" + query)

    assert response.status_code == 200
    assert list(response.context["platforms"]) == []


def test_a_nul_byte_in_a_search_is_refused_naming_the_field(client, directory):
    response = client.get(reverse("platforms:directory") + "?q=%00")

    assert response.status_code == 400
    assert "q" in response.context["filter"].errors
