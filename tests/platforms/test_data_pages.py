"""The real platform data as readers see it, in both languages: the corrected items of the fact
check, the newer figures with their sources, and provenance on every known value."""

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from platforms.loader import load_platforms
from platforms.record import platform_detail
from tests.factories import PlatformFactory, UserCountFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans")


@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker):
    """Load the real data file once for the module's read-only tests, then roll it back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_platforms()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def english():
    """A Chinese page request must not leave Chinese active for later tests."""
    with translation.override("en"):
        yield


def page(client, name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def detail(client, slug: str, language: str = "en") -> str:
    return page(client, "platforms:detail", language, slug=slug)


def row(html: str, label: str) -> str:
    """The <dd> of a trait row, found by its label."""
    match = re.search(rf"<dt>{re.escape(label)}</dt> *<dd[^>]*>(.*?)</dd>", html)
    assert match, f"no trait row {label!r}"
    return match.group(1)


@pytest.mark.usefixtures("real_data")
class TestNewerFigures:
    @pytest.mark.parametrize(
        ("language", "figures", "sources"),
        [
            (
                "en",
                ["578 million", "257 million", "588 million"],
                [
                    "[Weibo&#x27;s third-quarter 2025 unaudited financial results (press release)]",
                    "[Weibo&#x27;s second-quarter 2025 results (press release)]",
                ],
            ),
            (
                "zh-hans",
                ["5.78亿", "2.57亿"],
                [
                    "[微博 2025 年第三季度未经审计财务业绩（新闻稿）]",  # noqa: RUF001
                    "[微博 2025 年第二季度业绩（新闻稿）]",  # noqa: RUF001
                ],
            ),
        ],
    )
    def test_weibo_shows_its_2025_figures_with_their_sources(
        self, client, language, figures, sources
    ):
        html = detail(client, "weibo", language)

        for figure in figures:
            assert figure in html
        assert "2025-09" in html
        for source in sources:
            assert source in html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_directory_card_cites_its_latest_figure(self, client, language):
        html = page(client, "platforms:directory", language)

        card = html[html.index('id="compare-weibo"') - 3000 : html.index('id="compare-weibo"')]
        assert "2025-09" in card
        assert "stocktitan.net" in card  # the source's link beside the figure

    def test_liepin_counts_its_verified_headhunters_apart_from_its_users(self, client):
        html = detail(client, "liepin")

        assert "Verified headhunters, China" in html
        assert "106 million" in html
        assert "The first stop" not in html

    def test_maimai_keeps_both_monthly_active_estimates_and_its_dated_staleness(self, client):
        html = detail(client, "maimai")

        assert "more than 8 million" in html
        assert "more than 4.8 million" in html
        assert "by 2026-11-22" in html
        assert "The newest user figure we have is from c. 2022" in html
        assert "Reported operating" in html


@pytest.mark.usefixtures("real_data")
class TestFactCheckCorrections:
    @pytest.mark.parametrize(
        ("slug", "expected", "absent"),
        [
            ("ushi", ["more than 100,000", "by 2017-03"], ["c. 2017-03"]),
            ("linkedin", ["more than 54 million", "about 52 million", "before 2014"], []),
            ("linkedin", ["undated in the source"], ["sends 64%"]),
            ("huihui", ["user numbers and current status are unknown"], ["no published"]),
            ("weirenmai", ["user numbers and current status are unknown"], ["no published"]),
            ("weibo", ["PR teams based in China"], ["foreign organisations"]),
            ("weibo", ["In 2011 it led"], ["China&#x27;s leading public microblog"]),
            ("tencent-weibo", ["alongside the Chinese one"], ["never did"]),
        ],
    )
    def test_english_text_says_no_more_than_the_sources(self, client, slug, expected, absent):
        html = detail(client, slug)

        for text in expected:
            assert text in html
        for text in absent:
            assert text not in html

    @pytest.mark.parametrize(
        ("slug", "expected", "absent"),
        [
            ("ushi", ["具有历史意义"], ["参考价值"]),
            ("tianji", ["具有历史意义", "有2500万用户"], ["参考价值", "约有2500万"]),
            ("tencent-weibo", ["具有历史意义"], ["参考价值"]),
            ("linkedin", ["中国用户的账户"], ["中国账户"]),
            ("wechat", ["英文"], ["无一例外", "英语"]),
            ("liepin", ["专为国内的猎头招聘和求职而设计"], ["首选"]),
            ("maimai", ["与同行交流"], ["招聘"]),
        ],
    )
    def test_chinese_text_reads_right(self, client, slug, expected, absent):
        html = detail(client, slug, "zh-hans")

        for text in expected:
            assert text in html
        for text in absent:
            assert text not in html

    @pytest.mark.parametrize(
        ("slug", "label", "unknown"),
        [
            ("linkedin", "Launched", True),
            ("linkedin", "Cold messaging of strangers", True),
            ("linkedin", "Ease for foreigners", True),
            ("wechat", "Ease for foreigners", True),
            ("chitu", "Interface languages", True),
            ("maimai", "Email reliance", True),
            ("maimai", "Status", False),
        ],
    )
    def test_traits_beyond_the_facts_are_unknown(self, client, slug, label, unknown):
        assert ("Unknown" in row(detail(client, slug), label)) is unknown

    def test_linkedin_is_restricted_since_its_own_restricted_event(self, client):
        html = detail(client, "linkedin")

        assert "(since 2021-03)" in row(html, "Status")
        assert "2021-03" in html[html.index('id="timeline-heading"') :]

    def test_a_closure_known_only_from_above_reads_by_that_date(self, client):
        status = row(detail(client, "ushi"), "Status")

        assert "(by 2017-03)" in status
        assert "since" not in status

    def test_a_state_dated_by_its_sources_own_date_says_it_once(self, client):
        status = row(detail(client, "ushi"), "Status")
        other_dates = row(detail(client, "weibo"), "Status")

        assert status.count("2017-03") == 1
        assert "as of" not in status
        assert "(since 2009-08-14)" in other_dates
        assert "as of 2025-11-18" in other_dates

    def test_linkedin_languages_are_dated_to_before_its_chinese_service_closed(self, client):
        assert "as of 2017-03" in row(detail(client, "linkedin"), "Interface languages")

    def test_chitu_is_historical_and_shut_down(self, client):
        html = detail(client, "chitu")

        assert "Historical" in html
        assert "Shut down" in row(html, "Status")

    def test_sources_have_real_titles_or_say_what_they_are(self, client):
        html = detail(client, "linkedin")

        assert "LinkedIn closes China service, cuts over 700 jobs" in html
        assert "[Article on LinkedIn in China]" in html
        assert "LinkedIn ends its China jobs app" not in html


@pytest.mark.usefixtures("real_data")
class TestProvenance:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_known_trait_cites_a_source(self, client, language):
        """The website excepted: a link to the platform's own site is its own evidence."""
        for slug in ("weibo", "linkedin", "chitu", "maimai", "wechat", "ushi"):
            html = detail(client, slug, language)
            facts = html[html.index('id="facts-heading"') : html.index('id="assessment-heading"')]
            rows = re.findall(r"<dt>(.*?)</dt> *<dd[^>]*>(.*?)</dd>", facts)
            for label, value in rows[:-1]:  # the last row is the website
                known = not value.startswith('<span class="muted">') and value.strip() != "—"
                assert ('class="citation"' in value) is known, (slug, label, value)

    @pytest.mark.parametrize(
        ("language", "as_of"), [("en", "as of 2017-09"), ("zh-hans", "截至 2017-09")]
    )
    def test_trait_values_show_the_date_their_sources_state_them_as_of(
        self, client, language, as_of
    ):
        html = detail(client, "weibo", language)

        assert as_of in html

    def test_the_parent_platform_is_cited(self, client):
        assert 'class="citation"' in row(detail(client, "chitu"), "Parent platform")

    @pytest.mark.parametrize("slug", ["tencent-weibo", "weibo"])
    def test_wikipedia_shows_the_day_it_was_retrieved_by(self, client, slug):
        assert "Wikipedia, <time" in detail(client, slug)
        assert "retrieved by 2026-11-22" in detail(client, slug)

    def test_the_compare_grid_shows_the_newest_figures(self, client):
        with translation.override("en"):
            url = reverse("platforms:compare") + "?p=weibo&p=wechat&p=liepin"
        html = " ".join(client.get(url).content.decode().split())

        assert "578 million" in html
        assert "about 1.41 billion" in html
        assert "106 million" in html


@pytest.mark.parametrize(("language", "unknown"), [("en", "Unknown"), ("zh-hans", "未知")])
def test_unknown_summary_and_assessment_read_unknown_like_every_unknown(client, language, unknown):
    PlatformFactory(
        slug="quiet",
        name_en="Quiet",
        summary_en="",
        summary_zh="",
        strengths_en="",
        strengths_zh="",
        weaknesses_en="",
        weaknesses_zh="",
    )

    html = detail(client, "quiet", language)
    card = page(client, "platforms:directory", language)

    assert html.count(f'<p class="muted">{unknown}</p>') == 2
    assert "platform-summary muted" in html
    assert '<p class="platform-card-summary muted">' in card
    assert "Not assessed yet" not in html


def test_a_figure_dated_only_from_above_stays_off_the_chart(db):
    platform = PlatformFactory(slug="bounded")
    UserCountFactory(
        platform=platform,
        value=4_000_000,
        as_of=datetime.date(2014, 1, 1),
        precision="year",
        date_qualifier="before",
    )
    UserCountFactory(
        platform=platform, value=20_000_000, as_of=datetime.date(2016, 1, 1), precision="year"
    )

    series = platform_detail(slug="bounded").chart_series()

    assert [point for line in series for point in line.points] == [
        (datetime.date(2016, 1, 1), 20_000_000)
    ]
