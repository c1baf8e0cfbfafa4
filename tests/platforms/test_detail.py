"""The platform page: traits with citations, chart and table, timeline, sources, staleness."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from platforms.models import Citation, Platform, StatusEvent, UserCount
from platforms.presentation import years_before
from platforms.record import platform_detail
from tests.factories import (
    CitationFactory,
    PlatformFactory,
    SourceFactory,
    StatusEventFactory,
    UserCountFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Selectors read the active language; a Chinese page request must not leak into later tests."""
    with translation.override("en"):
        yield


def url(slug: str) -> str:
    return reverse("platforms:detail", kwargs={"slug": slug})


@pytest.fixture
def linkedin(db):
    platform = PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        name_zh="领英",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.RESTRICTED,
        status_since=datetime.date(2021, 10, 14),
        parent_company="Microsoft",
        launched_year=2003,
        email_reliance=Platform.Level.HIGH,
        summary_en="The global professional network, with its China social features closed.",
        strengths_en="Reaches staff of multinationals.",
        weaknesses_en="Weak with local professionals.",
        languages=["en", "zh-hans"],
    )
    s3 = SourceFactory(
        key="s3",
        title="Explore networking social media sites in the land of guanxi",
        publisher="Asia Times",
        url="https://example.com/asia-times",
        published=datetime.date(2017, 3, 1),
        precision="month",
    )
    s2 = SourceFactory(key="s2", title="Old-school networking", publisher="Worldcrunch")
    w16 = SourceFactory(key="w16", title="Microsoft shutting down LinkedIn in China")
    CitationFactory(platform=platform, claim=Citation.Claim.SUMMARY, source=s3)
    CitationFactory(platform=platform, claim=Citation.Claim.EMAIL_RELIANCE, source=s2)
    CitationFactory(platform=platform, claim=Citation.Claim.STATUS, source=w16)
    UserCountFactory(
        platform=platform,
        value=4_000_000,
        metric=UserCount.Metric.USERS,
        as_of=datetime.date(2013, 1, 1),
        precision="year",
        date_qualifier="about",
        source=s3,
    )
    UserCountFactory(
        platform=platform, value=54_000_000, as_of=datetime.date(2021, 10, 1), source=w16
    )
    StatusEventFactory(
        platform=platform,
        kind=StatusEvent.Kind.LAUNCHED,
        happened_on=datetime.date(2014, 2, 24),
        description_en="Chinese-language beta launched.",
        source=s3,
    )
    StatusEventFactory(
        platform=platform,
        kind=StatusEvent.Kind.FEATURE_CLOSED,
        happened_on=datetime.date(2021, 10, 14),
        description_en="Social features in China closed.",
        source=w16,
    )
    return platform


def test_unknown_slug_is_404(client):
    assert client.get(url("no-such-platform")).status_code == 404


def test_page_names_the_platform_in_both_languages(client, linkedin):
    response = client.get(url("linkedin"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>LinkedIn" in html
    assert '<span class="platform-name-zh" lang="zh-Hans">领英</span>' in html


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Kind", "Professional network"),
        ("Status", "Restricted in China"),
        ("Parent company", "Microsoft"),
        ("Launched", "2003"),
        ("Interface languages", "English, Simplified Chinese"),
        ("Real-name verification", "Optional"),
        ("Email reliance", "High"),
        ("Cold messaging of strangers", "Limited"),
        ("Anonymous posting", "No"),
        ("Reach beyond China", "Low"),
        ("Ease for foreigners", "Moderate"),
        ("Audience", "Unknown"),
    ],
)
def test_every_trait_is_shown(client, linkedin, label, value):
    detail = platform_detail(slug="linkedin")
    traits = {trait.label: trait.value.text for trait in detail.traits}

    assert traits[label] == value
    html = client.get(url("linkedin")).content.decode()
    assert f"<dt>{label}</dt>" in html


def test_sources_are_numbered_in_reading_order_and_shared(linkedin):
    detail = platform_detail(slug="linkedin")

    assert [numbered.source.key for numbered in detail.sources] == ["s3", "w16", "s2"]
    traits = {trait.key: trait.citations for trait in detail.traits}
    assert detail.summary.citations == (1,)
    assert traits["status"] == (2,)
    assert traits["email_reliance"] == (3,)
    assert traits["kind"] == ()
    assert [figure.source_number for figure in detail.figures] == [1, 2]
    assert [event.source_number for event in detail.events] == [1, 2]


def test_traits_link_to_their_numbered_sources(client, linkedin):
    html = client.get(url("linkedin")).content.decode()

    assert 'High<a class="citation" href="#source-3" aria-label="Source 3">[3]</a>' in html
    assert '<li id="source-3" value="3">' in html


def test_sources_list_title_publisher_date_and_link(client, linkedin):
    html = client.get(url("linkedin")).content.decode()

    assert (
        '<a href="https://example.com/asia-times" rel="noopener nofollow">'
        "Explore networking social media sites in the land of guanxi</a>, Asia Times, "
        '<time datetime="2017-03-01">2017-03</time>'
    ) in html


def test_user_figures_are_drawn_as_an_accessible_svg_chart(client, linkedin):
    html = client.get(url("linkedin")).content.decode()

    assert '<svg class="chart-svg"' in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "User figures for LinkedIn, 2013 to 2021" in html
    assert "logarithmic scale" in html
    chart = html[html.index('<svg class="chart-svg"') : html.index("</svg>")]
    assert chart.count("<circle cx=") == 2
    assert "Users, China" in html
    assert "Registered users, China" in html


def test_the_same_figures_are_in_a_table_with_their_sources(client, linkedin):
    html = client.get(url("linkedin")).content.decode()

    assert "54,000,000" in html
    assert "54 million" in html
    assert "4,000,000" in html
    assert "c. 2013" in html
    table = html[html.index('<table class="table figures-table">') :]
    assert '<a class="citation" href="#source-2" aria-label="Source 2">[2]</a>' in table


def test_status_timeline_lists_events_oldest_first_with_sources(client, linkedin):
    html = client.get(url("linkedin")).content.decode()

    launched = html.index("Chinese-language beta launched.")
    closed = html.index("Social features in China closed.")
    assert launched < closed
    assert '<time class="timeline-date" datetime="2021-10-14">2021-10-14</time>' in html
    assert "Feature closed" in html


def test_staleness_note_appears_when_the_newest_figure_is_over_three_years_old(client, linkedin):
    html = client.get(url("linkedin")).content.decode()

    assert "more than three years ago" in html
    assert "2021-10-01" in html


def test_no_staleness_note_for_a_recent_figure(client, linkedin):
    UserCountFactory(platform=linkedin, as_of=timezone.localdate() - datetime.timedelta(days=200))

    assert "more than three years ago" not in client.get(url("linkedin")).content.decode()


@pytest.mark.parametrize(("age_days", "stale"), [(365 * 3 - 2, False), (365 * 3 + 2, True)])
def test_staleness_is_measured_from_today(age_days, stale):
    platform = PlatformFactory(slug="edge")
    UserCountFactory(
        platform=platform, as_of=timezone.localdate() - datetime.timedelta(days=age_days)
    )

    assert platform_detail(slug="edge").figures_are_stale is stale


def test_no_figures_means_no_chart_and_no_staleness_note(client):
    PlatformFactory(slug="huihui", name_en="Huihui")

    html = client.get(url("huihui")).content.decode()

    assert "<svg" not in html.split("<main", 1)[1]
    assert "No source we trust gives a user figure" in html
    assert "more than three years ago" not in html


def test_years_before_handles_leap_day():
    assert years_before(datetime.date(2024, 2, 29), 3) == datetime.date(2021, 2, 28)


def test_related_platforms_list_parent_offshoots_and_same_kind(client, linkedin):
    PlatformFactory(slug="chitu", name_en="Chitu", parent=linkedin, kind=Platform.Kind.CONTACTS)
    PlatformFactory(slug="maimai", name_en="Maimai", kind=Platform.Kind.PROFESSIONAL_NETWORK)
    PlatformFactory(slug="wechat", name_en="WeChat", kind=Platform.Kind.MESSAGING)

    related = platform_detail(slug="linkedin").related
    chitu_related = platform_detail(slug="chitu").related

    assert [(r.platform.slug, r.relation) for r in related] == [
        ("chitu", "Offshoot"),
        ("maimai", "Same kind"),
    ]
    parent = chitu_related[0]
    assert (parent.platform.slug, parent.relation) == ("linkedin", "Parent platform")
    html = client.get(url("chitu")).content.decode()
    assert f'<a href="{url("linkedin")}">LinkedIn</a>' in html


def test_detail_page_runs_a_fixed_number_of_queries(client, linkedin, django_assert_num_queries):
    # Platform with parent, languages, citations, figures, events, related, footer date.
    with django_assert_num_queries(7):
        assert client.get(url("linkedin")).status_code == 200


def test_the_page_asked_again_costs_no_query(client, linkedin, django_assert_num_queries):
    first = client.get(url("linkedin")).content.decode()

    with django_assert_num_queries(0):
        again = client.get(url("linkedin")).content.decode()

    assert again.split("<main", 1)[1] == first.split("<main", 1)[1]


def test_chinese_page_uses_chinese_number_units(client, linkedin):
    html = client.get("/zh-hans/platforms/linkedin/").content.decode()

    assert "5400万" in html


def test_a_status_date_is_bracketed_the_chinese_way_on_the_chinese_page(client, linkedin):
    english = client.get(url("linkedin")).content.decode()
    chinese = client.get("/zh-hans/platforms/linkedin/").content.decode()

    assert "(since 2021-10-14)" in english
    bracketed = "\N{FULLWIDTH LEFT PARENTHESIS}自 2021-10-14 起\N{FULLWIDTH RIGHT PARENTHESIS}"
    assert bracketed in chinese
    assert f" {bracketed}" not in chinese  # a full-width bracket brings its own space


def test_chinese_table_keeps_digit_grouping(client, linkedin):
    html = client.get("/zh-hans/platforms/linkedin/").content.decode()

    assert "54,000,000" in html


@pytest.mark.parametrize(
    ("status", "historical", "sentence"),
    [
        (Platform.Status.ACTIVE, False, "may have grown or shrunk since"),
        (Platform.Status.UNKNOWN, False, "may have grown or shrunk since"),
        (Platform.Status.SHUT_DOWN, False, "has since shut down"),
        (Platform.Status.SHUT_DOWN, True, "has since shut down"),
        # Dajie and WeiRenMai: history, but no source says they shut down.
        (Platform.Status.UNKNOWN, True, "is kept only for the record"),
        (Platform.Status.ACTIVE, True, "is kept only for the record"),
    ],
)
def test_staleness_note_says_what_the_operating_rule_says(client, status, historical, sentence):
    platform = PlatformFactory(slug="old", status=status, historical=historical)
    UserCountFactory(platform=platform, as_of=datetime.date(2012, 7, 1))

    note = client.get(url("old")).content.decode().split("staleness-note", 1)[1].split("</p>")[0]

    assert sentence in note
    if status != Platform.Status.SHUT_DOWN:
        assert "shut down" not in note


def test_chinese_staleness_note_of_a_historical_platform_of_unknown_status(client):
    platform = PlatformFactory(slug="dajie", status=Platform.Status.UNKNOWN, historical=True)
    UserCountFactory(platform=platform, as_of=datetime.date(2012, 7, 1))

    html = client.get("/zh-hans/platforms/dajie/").content.decode()
    note = html.split("staleness-note", 1)[1].split("</p>")[0]

    assert "已关停" not in note
    assert "三年。该平台仅作记录保留" in note  # one sentence after another, no space between
