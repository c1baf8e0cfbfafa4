"""The directory as a table, sortable by any column, and the compare tray that survives filters."""

import re
from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse

from platforms.filters import PlatformFilter
from platforms.selectors import directory_platforms
from platforms.sorting import SORT_VALUES
from tests.factories import SourceFactory, UserCountFactory

pytestmark = pytest.mark.django_db

URL = reverse("platforms:directory")


def table_rows(html: str) -> list[str]:
    """The platforms' slugs, row by row."""
    body = html.split('<table class="table directory-table">')[1].split("</tbody>")[0]
    return re.findall(r'name="p" value="([^"]+)"', body)


def header(html: str, key: str) -> str:
    return re.search(rf'<th scope="col" class="col-{key}"[^>]*>.*?</th>', html, re.S).group(0)


def test_the_table_view_has_a_row_per_platform_and_a_column_per_trait(client, directory):
    html = client.get(URL, {"view": "table"}).content.decode()

    assert table_rows(html) == ["huihui", "linkedin", "maimai", "weibo", "wechat"]
    for label in ("Name", "Kind", "Status", "Users", "English interface", "Email reliance"):
        assert f">{label}</a>" in html or f">{label}<span" in html
    assert 'aria-current="page">Table</a>' in html


def test_each_cell_says_its_value_and_carries_its_tone(client, directory):
    html = client.get(URL, {"view": "table", "q": "weibo"}).content.decode()
    row = html.split('id="compare-weibo"')[1].split("</tr>")[0]

    assert '<td class="col-real_name_verification tone-yes">Required</td>' in row
    assert '<td class="col-email_reliance tone-no">Low</td>' in row
    assert '<td class="col-english tone-no">No</td>' in row
    assert '<td class="col-launched">2009</td>' in row
    assert "587 million" in row
    assert '<time datetime="2024-09-30">2024-09-30</time>' in row


def test_unknown_cells_say_unknown(client, directory):
    html = client.get(URL, {"view": "table", "q": "huihui"}).content.decode()
    row = html.split('id="compare-huihui"')[1].split("</tr>")[0]

    assert '<td class="col-status tone-unknown">Status unknown</td>' in row
    assert '<td class="col-english tone-unknown">Unknown</td>' in row
    assert '<td class="col-launched tone-unknown">Unknown</td>' in row


def test_sorted_by_users_the_header_says_so_and_links_the_other_way(client, directory):
    html = client.get(URL, {"view": "table", "sort": "-users"}).content.decode()

    assert table_rows(html) == ["wechat", "weibo", "maimai", "linkedin", "huihui"]
    users = header(html, "users")
    assert 'aria-sort="descending"' in users
    assert "sort=users" in users
    assert "view=table" in users
    assert "aria-sort" not in header(html, "kind")
    assert "sort=kind" in header(html, "kind")
    assert "sort=-launched" in header(html, "launched")  # newest first on a first click


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("real_name_verification", ["maimai", "weibo", "wechat", "huihui", "linkedin"]),
        ("-email_reliance", ["linkedin", "weibo", "wechat", "huihui", "maimai"]),
        ("-english", ["linkedin", "wechat", "maimai", "weibo", "huihui"]),
        ("status", ["maimai", "weibo", "wechat", "linkedin", "huihui"]),
        ("kind", ["weibo", "wechat", "linkedin", "maimai", "huihui"]),
        ("-launched", ["maimai", "wechat", "weibo", "linkedin", "huihui"]),
    ],
)
def test_any_column_sorts_with_unknown_values_last(directory, sort, expected):
    filterset = PlatformFilter(QueryDict(f"sort={sort}"), queryset=directory_platforms())

    assert [platform.slug for platform in filterset.qs] == expected


@pytest.mark.parametrize("sort", SORT_VALUES)
def test_every_sort_answers(client, directory, sort):
    response = client.get(URL, {"view": "table", "sort": sort, "show_historical": "1"})

    assert response.status_code == 200
    assert len(table_rows(response.content.decode())) == 7


def test_an_unknown_view_is_a_400_naming_it(client, directory):
    response = client.get(URL, {"view": "spreadsheet"})

    assert response.status_code == 400
    assert "Unknown view “spreadsheet”: use cards or table." in response.content.decode()


def test_the_filter_form_keeps_the_table_view(client, directory):
    html = client.get(URL, {"view": "table"}).content.decode()

    assert '<input type="hidden" name="view" value="table">' in html


def test_ticked_platforms_survive_filters_until_cleared(client, directory):
    html = client.get(URL, {"p": ["linkedin", "chitu", "nope"], "language": "en"}).content.decode()

    # LinkedIn is among the results, ticked; Chitu (historical) rides along in the tray.
    assert 'value="linkedin" id="compare-linkedin" checked' in html
    assert 'name="p" value="chitu" id="tray-chitu" checked' in html
    assert "Keep Chitu (not among these results)" in html
    assert 'value="nope"' not in html
    assert "2 ticked:" in html
    clear = re.search(r'<a class="button button-secondary" href="([^"]+)">Clear the ticks', html)
    assert "p=" not in clear.group(1).replace("&amp;", "&")
    assert "language=en" in clear.group(1)


def test_clearing_the_filters_keeps_the_view_and_the_ticks(client, directory):
    html = client.get(URL, {"p": "weibo", "view": "table", "kind": "microblog"}).content.decode()

    assert f'href="{URL}?view=table&amp;p=weibo">Clear</a>' in html


def test_compare_selected_from_the_directory_lands_on_a_clean_address(client, directory):
    query = "q=&kind=&view=table&sort=-users&p=weibo&p=linkedin"

    response = client.get(f"{reverse('platforms:compare')}?{query}")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('platforms:compare')}?p=weibo&p=linkedin"


def test_a_platform_page_links_to_compare_it_and_to_the_advisor(client, directory):
    html = client.get(reverse("platforms:detail", kwargs={"slug": "weibo"})).content.decode()

    assert f'href="{reverse("platforms:compare")}?with=weibo#picker-heading"' in html
    assert "Compare Sina Weibo with…" in html
    assert f'href="{reverse("outreach:advisor")}?platform=weibo"' in html


@pytest.mark.parametrize("url", ["", "https://example.com/report"], ids=["no-url", "url"])
def test_every_latest_figure_cites_its_source_by_a_link_with_its_name(client, directory, url):
    """A source without an address is cited like the others: a link (to the platform's figures,
    where the source is listed in full) whose text names it, never a bare tooltip."""
    linkedin = directory["linkedin"]
    source = SourceFactory(title="", description_en="Article on LinkedIn China", url=url)
    UserCountFactory(platform=linkedin, value=54_000_000, source=source, as_of=date.today())

    html = client.get(URL, {"view": "table", "q": "linkedin"}).content.decode()
    cell = html.split('id="compare-linkedin"')[1].split('class="col-users')[1].split("</td>")[0]

    href = url or f"{reverse('platforms:detail', kwargs={'slug': 'linkedin'})}#users-heading"
    assert f'<a href="{href}"' in cell
    assert 'source<span class="visually-hidden">: [Article on LinkedIn China]</span></a>' in cell
    assert "title=" not in cell
