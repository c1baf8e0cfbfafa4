"""A figure dated only from above ("by 2026-11-22", "before 2014") is never the newest figure
and stays off the charts; the tables list it after the dated figures, saying so."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from platforms.models import UserCount
from tests.factories import PlatformFactory, UserCountFactory

pytestmark = pytest.mark.django_db

MAU = UserCount.Metric.MONTHLY_ACTIVE
USERS = UserCount.Metric.USERS


@pytest.fixture
def maimai(db):
    """Maimai's figures as the data file gives them, and an undated one of LinkedIn's kind."""
    platform = PlatformFactory(slug="maimai", name_en="Maimai")
    UserCountFactory(
        platform=platform, value=8_000_000, metric=MAU, as_of="2021-01-01", precision="year"
    )
    UserCountFactory(
        platform=platform,
        value=110_000_000,
        metric=USERS,
        as_of="2022-01-01",
        precision="year",
        date_qualifier="about",
    )
    UserCountFactory(
        platform=platform,
        value=4_800_000,
        qualifier="more_than",
        metric=MAU,
        as_of=timezone.localdate() - datetime.timedelta(days=8),
        date_qualifier="by",
    )
    UserCountFactory(
        platform=platform,
        value=4_000_000,
        metric=USERS,
        as_of="2014-01-01",
        precision="year",
        date_qualifier="before",
    )
    return platform


def chart_points(html: str) -> list[str]:
    return re.findall(r"<circle [^>]*><title>([^<]*)</title>", html)


def table_dates(html: str) -> list[str]:
    table = html.split('class="table figures-table"')[1].split("</table>")[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td><time .*?</td>", table, re.S)
    ]


def test_the_platform_page_charts_and_calls_newest_only_dated_figures(client, maimai):
    html = client.get(reverse("platforms:detail", kwargs={"slug": "maimai"})).content.decode()

    points = chart_points(html)
    assert [point.split(" · ")[0] for point in points] == ["8M", "110M"]
    assert "The newest user figure we have is from c. 2022" in html


def test_a_chart_point_gives_its_date_as_the_source_does_and_its_citation(client, maimai):
    """The report: the platform's chart labelled c. 2022's figure "2022", as the axis rounds it."""
    html = client.get(reverse("platforms:detail", kwargs={"slug": "maimai"})).content.decode()

    assert [point.split(" · ")[-1] for point in chart_points(html)] == [
        "as of 2021, source [1]",
        "as of c. 2022, source [2]",
    ]


def test_the_platform_page_lists_undated_figures_after_the_dated_ones(client, maimai):
    html = client.get(reverse("platforms:detail", kwargs={"slug": "maimai"})).content.decode()

    dates = table_dates(html)
    assert dates[:2] == ["2021", "c. 2022"]
    assert dates[2] == "before 2014 undated, so not on the chart"
    assert dates[3].startswith("by ")
    assert dates[3].endswith("undated, so not on the chart")


def test_the_compare_page_charts_lists_and_calls_newest_alike(client, maimai):
    PlatformFactory(slug="weibo", name_en="Weibo")
    html = client.get(reverse("platforms:compare"), {"p": ["maimai", "weibo"]}).content.decode()

    assert [point.split(" · ")[0] for point in chart_points(html)] == ["8M", "110M"]
    dates = table_dates(html.split('id="figures-heading"')[1])
    assert dates[:2] == ["2021", "c. 2022"]
    assert all(date.endswith("undated, so not on the chart") for date in dates[2:])
    assert html.count("110 million") == 2  # the grid's latest figure and the figures table


def test_the_chinese_page_says_a_figure_is_undated(client, maimai):
    with_language = reverse("platforms:detail", kwargs={"slug": "maimai"})
    html = client.get(with_language, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert html.count('class="muted figure-undated"') == 2
