"""Platforms shaped like the directory's real ones, for the search, counts, table and compare
tests: names in both languages, parent companies, summaries that mention one another."""

from __future__ import annotations

import datetime

import pytest

from platforms.models import Platform, UserCount
from tests.factories import PlatformFactory, UserCountFactory


@pytest.fixture
def directory(db) -> dict[str, Platform]:
    """Five platforms still operating (Huihui's status unknown) and two historical ones."""
    weibo = PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        name_zh="新浪微博",
        kind=Platform.Kind.MICROBLOG,
        parent_company="Sina",
        launched_year=2009,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        summary_en="A public microblog.",
        summary_zh="公开的微型博客。",
        languages=["zh-hans"],
    )
    linkedin = PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        name_zh="领英",
        status=Platform.Status.RESTRICTED,
        parent_company="Microsoft",
        launched_year=2003,
        real_name_verification=Platform.Verification.UNKNOWN,
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
        parent_company="Tencent",
        launched_year=2011,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        summary_en="A messaging super-app.",
        summary_zh="即时通讯超级应用。",
        languages=["en", "zh-hans"],
    )
    maimai = PlatformFactory(
        slug="maimai",
        name_en="Maimai",
        name_zh="脉脉",
        kind=Platform.Kind.CONTACTS,
        launched_year=2013,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.UNKNOWN,
        summary_en="A workplace network, often called the work version of WeChat or LinkedIn.",
        summary_zh="常被称为职场版微信的职场社交平台。",
        languages=["zh-hans"],
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
    chitu = PlatformFactory(
        slug="chitu",
        name_en="Chitu",
        name_zh="赤兔",
        status=Platform.Status.SHUT_DOWN,
        historical=True,
        parent_company="LinkedIn",
        launched_year=2015,
        summary_en="LinkedIn's app for China.",
        summary_zh="领英的中国应用。",
    )
    tencent_weibo = PlatformFactory(
        slug="tencent-weibo",
        name_en="Tencent Weibo",
        name_zh="腾讯微博",
        kind=Platform.Kind.MICROBLOG,
        status=Platform.Status.SHUT_DOWN,
        historical=True,
        parent_company="Tencent",
        launched_year=2010,
        summary_en="Tencent's microblog.",
        summary_zh="腾讯的微博。",
        languages=["en", "zh-hans"],
    )
    figures = [
        (weibo, 140_000_000, UserCount.Metric.REGISTERED, datetime.date(2011, 6, 1)),
        (weibo, 587_000_000, UserCount.Metric.MONTHLY_ACTIVE, datetime.date(2024, 9, 30)),
        (linkedin, 54_000_000, UserCount.Metric.REGISTERED, datetime.date(2021, 10, 1)),
        (wechat, 1_359_000_000, UserCount.Metric.MONTHLY_ACTIVE, datetime.date(2024, 3, 31)),
        (maimai, 110_000_000, UserCount.Metric.USERS, datetime.date(2022, 1, 1)),
    ]
    for platform, value, metric, as_of in figures:
        UserCountFactory(platform=platform, value=value, metric=metric, as_of=as_of)
    platforms = (weibo, linkedin, wechat, maimai, huihui, chitu, tencent_weibo)
    return {platform.slug: platform for platform in platforms}
