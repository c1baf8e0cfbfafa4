"""Compare: only the rows that differ, one chart of every compared platform's users over time
with the same figures in a table beside it, and "compare with…" from a platform's page."""

import re

import pytest
from django.urls import reverse

from platforms.comparison import build_compare_grid, figures_chart
from tests.factories import PlatformFactory, UserCountFactory

pytestmark = pytest.mark.django_db

URL = reverse("platforms:compare")
COMPARED = {"p": ["weibo", "wechat", "maimai"]}


def grid_rows(html: str) -> list[str]:
    body = html.split('<table class="table compare-grid">')[1].split("</tbody>")[0]
    return re.findall(r'<tr class="compare-row-([a-z_]+)', body)


def test_every_row_shows_until_only_differences_is_asked(client, directory):
    html = client.get(URL, COMPARED).content.decode()

    assert "real_name_verification" in grid_rows(html)  # Required for all three
    assert f'href="{URL}?p=weibo&amp;p=wechat&amp;p=maimai&amp;only_differences=1"' in html
    assert "Only differences" in html


def test_only_differences_folds_the_rows_that_are_the_same(client, directory):
    html = client.get(URL, {**COMPARED, "only_differences": "1"}).content.decode()

    rows = grid_rows(html)
    assert "real_name_verification" not in rows
    assert {"kind", "latest_users", "launched_year"} <= set(rows)
    same = html.split('<details class="compare-same-rows">')[1].split("</details>")[0]
    assert "Real-name verification" in same
    assert "Required" in same
    assert f'href="{URL}?p=weibo&amp;p=wechat&amp;p=maimai">Show every row</a>' in html


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_an_unreadable_only_differences_is_a_400_naming_it(client, directory, value):
    response = client.get(URL, {**COMPARED, "only_differences": value})

    assert response.status_code == 400
    assert "Only differences: enter yes or no" in response.content.decode()


def test_the_chart_draws_a_line_per_platform_and_measure_on_a_stated_log_scale(directory):
    chart = figures_chart(build_compare_grid(["weibo", "wechat", "maimai"]))

    assert chart.scale == "log"
    labels = [series.label for series in chart.series]
    assert labels == [
        "Sina Weibo \N{EM DASH} Registered users, China",
        "Sina Weibo \N{EM DASH} Monthly active users, China",
        "WeChat \N{EM DASH} Monthly active users, China",
        "Maimai \N{EM DASH} Users, China",
    ]
    # One colour per platform, one dash per kind of figure.
    assert chart.series[1].style == "platform-0 chart-metric-monthly_active"
    assert chart.series[2].style == "platform-1 chart-metric-monthly_active"


def test_each_point_carries_its_date_and_citation_and_the_table_cites_it(client, directory):
    grid = build_compare_grid(COMPARED["p"])
    latest = next(figure for figure in grid.figures if figure.value == 587_000_000)
    point = figures_chart(grid).series[1].points[0]

    assert point.note == f"as of 2024-09-30, source [{latest.citation}]"
    assert latest.citation in [numbered.number for numbered in grid.sources]

    html = client.get(URL, COMPARED).content.decode()
    assert f"as of 2024-09-30, source [{latest.citation}]</title>" in html
    assert "Logarithmic scale" in html
    figures = html.split('<section class="figures-overlay"')[1]
    row = figures.split("587 million")[0].rsplit("<tr>", 1)[1] + figures.split("587 million")[1]
    assert "Sina Weibo" in row
    assert f'href="#source-{latest.citation}"' in row.split("</tr>")[0]


def test_the_chart_and_its_table_speak_chinese(client, directory):
    html = client.get("/zh-hans/compare/", {"p": ["weibo", "wechat"]}).content.decode()

    assert "新浪微博 \N{EM DASH}" in html
    assert "5.87亿" in html


def test_no_figure_no_chart(client, directory):
    html = client.get(URL, {"p": ["huihui", "chitu"]}).content.decode()

    assert "figures-overlay" not in html
    assert "<svg" not in html


def test_compare_with_a_platform_ticks_it_in_the_picker(client, directory):
    response = client.get(URL, {"with": "weibo"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Compare Sina Weibo with…" in html
    assert 'name="p" value="weibo" id="pick-weibo" checked' in html
    assert "compare-grid" not in html


def test_compare_with_an_unknown_platform_is_a_400_naming_it(client, directory):
    response = client.get(URL, {"with": "friendster"})

    assert response.status_code == 400
    assert "No platform has the slug “friendster”." in response.content.decode()


@pytest.mark.parametrize("count", [2, 8])
def test_the_page_with_its_chart_costs_no_more_queries_with_more_platforms(
    client, directory, django_assert_num_queries, count
):
    slugs = ["weibo", "wechat"]
    for _ in range(count - 2):
        platform = PlatformFactory()
        UserCountFactory.create_batch(3, platform=platform)
        slugs.append(platform.slug)

    # The grid's four, the picker's platforms, the footer's date: the chart reads the figures
    # the grid read.
    with django_assert_num_queries(6):
        response = client.get(URL, {"p": slugs, "only_differences": "1"})

    assert response.status_code == 200
