"""The compare grid (data), its page, its CSV, and its validation."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from platforms.comparison import build_compare_grid
from platforms.models import Citation, Platform, UserCount
from tests.factories import CitationFactory, PlatformFactory, SourceFactory, UserCountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Selectors read the active language; a Chinese page request must not leak into later tests."""
    with translation.override("en"):
        yield


URL = reverse("platforms:compare")
CSV_URL = reverse("platforms:compare_csv")


@pytest.fixture
def trio(db):
    """Weibo, LinkedIn and WeChat, sharing one source so its number is reused."""
    shared = SourceFactory(
        key="s3", title="Networking in the land of guanxi", publisher="Asia Times"
    )
    own = SourceFactory(key="w44", title="Weibo third-quarter results", publisher="Weibo Corp")
    weibo = PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        name_zh="新浪微博",
        kind=Platform.Kind.MICROBLOG,
        real_name_verification=Platform.Verification.REQUIRED,
        languages=["zh-hans"],
    )
    linkedin = PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        name_zh="领英",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.RESTRICTED,
        status_since=datetime.date(2021, 10, 14),
        real_name_verification=Platform.Verification.REQUIRED,
        languages=["en", "zh-hans"],
    )
    wechat = PlatformFactory(
        slug="wechat",
        name_en="WeChat",
        name_zh="微信",
        kind=Platform.Kind.MESSAGING,
        real_name_verification=Platform.Verification.REQUIRED,
        languages=["en", "zh-hans"],
    )
    CitationFactory(platform=weibo, claim=Citation.Claim.KIND, source=shared)
    CitationFactory(platform=wechat, claim=Citation.Claim.KIND, source=shared)
    UserCountFactory(
        platform=weibo,
        value=587_000_000,
        metric=UserCount.Metric.MONTHLY_ACTIVE,
        as_of=datetime.date(2024, 9, 30),
        source=own,
    )
    UserCountFactory(
        platform=wechat,
        value=800_000_000,
        qualifier=UserCount.Qualifier.MORE_THAN,
        metric=UserCount.Metric.MONTHLY_ACTIVE,
        as_of=datetime.date(2016, 1, 1),
        precision="year",
        date_qualifier="about",
        source=shared,
    )
    return weibo, linkedin, wechat


def rows(grid):
    return {row.key: row for row in grid.rows}


def test_grid_columns_follow_the_order_asked_for(trio):
    grid = build_compare_grid(["wechat", "weibo", "linkedin"])

    assert grid.slugs == ("wechat", "weibo", "linkedin")


def test_grid_rows_are_traits_with_the_latest_figure(trio):
    grid = build_compare_grid(["weibo", "linkedin", "wechat"])

    assert [row.key for row in grid.rows][:3] == ["kind", "status", "latest_users"]
    kinds = [cell.text for cell in rows(grid)["kind"].cells]
    assert kinds == ["Microblog", "Professional network", "Messaging"]


def test_rows_that_differ_are_flagged_and_equal_rows_are_not(trio):
    grid = rows(build_compare_grid(["weibo", "linkedin", "wechat"]))

    assert grid["kind"].differs is True
    assert grid["interface_languages"].differs is True
    assert grid["real_name_verification"].differs is False


def test_cells_carry_citations_and_as_of_dates(trio):
    grid = build_compare_grid(["weibo", "linkedin", "wechat"])
    by_key = rows(grid)

    weibo_kind, linkedin_kind, wechat_kind = by_key["kind"].cells
    assert weibo_kind.citations == wechat_kind.citations == (1,)
    assert linkedin_kind.citations == ()
    weibo_users, linkedin_users, wechat_users = by_key["latest_users"].cells
    assert (weibo_users.text, weibo_users.note, weibo_users.as_of) == (
        "587 million",
        "Monthly active users, China",
        "2024-09-30",
    )
    assert weibo_users.citations == (2,)
    assert (wechat_users.text, wechat_users.as_of, wechat_users.citations) == (
        "more than 800 million",
        "c. 2016",
        (1,),
    )
    assert linkedin_users.is_unknown
    assert by_key["status"].cells[1].since == "since 2021-10-14"
    assert [numbered.source.key for numbered in grid.sources] == ["s3", "w44"]


def test_slugs_are_read_case_and_space_insensitively(trio):
    assert build_compare_grid([" Weibo", "LINKEDIN"]).slugs == ("weibo", "linkedin")


@pytest.mark.parametrize(
    ("slugs", "code", "message"),
    [
        (["weibo", "nope"], "unknown", "No platform has the slug “nope”."),
        (["weibo", "linkedin", "weibo"], "repeated", "“weibo” is listed more than once"),
        (["weibo"], "too_few", "Pick at least 2 platforms to compare; you picked 1."),
        ([], "too_few", "Pick at least 2 platforms to compare; you picked 0."),
        (
            [f"p{n}" for n in range(9)],
            "too_many",
            "Pick at most 8 platforms to compare; you picked 9.",
        ),
    ],
)
def test_invalid_selections_raise_clear_messages(db, slugs, code, message):
    for number in range(9):
        PlatformFactory(slug=f"p{number}")
    PlatformFactory(slug="weibo")
    PlatformFactory(slug="linkedin")

    with pytest.raises(ValidationError) as raised:
        build_compare_grid(slugs)

    assert code in [error.code for error in raised.value.error_list]
    assert any(message in text for text in raised.value.messages)


def test_page_shows_the_grid_with_marked_rows_and_citations(client, trio):
    response = client.get(URL, {"p": ["weibo", "linkedin", "wechat"]})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<table class="table compare-grid">' in html
    assert '<tr class="compare-row-kind row-differs">' in html
    assert '<span class="badge badge-warn differs-badge">Differs</span>' in html
    assert '<tr class="compare-row-real_name_verification">' in html
    assert '<span class="visually-hidden">(same for all)</span>' in html
    assert 'Microblog<a class="citation" href="#source-1" aria-label="Source 1">[1]</a>' in html
    assert '<span class="cell-asof">as of 2024-09-30</span>' in html
    assert '<span class="cell-asof">since 2021-10-14</span>' in html
    assert '<li id="source-2" value="2">' in html


def test_page_offers_a_permalink_and_the_csv(client, trio):
    html = client.get(URL, {"p": ["weibo", "wechat"]}).content.decode()

    assert 'value="http://testserver/en/compare/?p=weibo&amp;p=wechat"' in html
    assert f'href="{CSV_URL}?p=weibo&amp;p=wechat"' in html


def test_picker_lists_every_platform_with_the_selection_ticked(client, trio):
    html = client.get(URL, {"p": ["weibo", "wechat"]}).content.decode()

    assert 'name="p" value="weibo" id="pick-weibo" checked' in html
    assert 'name="p" value="linkedin" id="pick-linkedin">' in html


def test_page_without_platforms_invites_a_pick(client, trio):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Pick platforms to compare" in response.content.decode()
    assert "compare-grid" not in response.content.decode()


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        (["weibo", "nope"], "No platform has the slug “nope”."),
        (["weibo", "weibo"], "“weibo” is listed more than once"),
        (["weibo"], "Pick at least 2 platforms to compare; you picked 1."),
        (
            ["weibo", "linkedin", "wechat", "p0", "p1", "p2", "p3", "p4", "p5"],
            "Pick at most 8 platforms to compare; you picked 9.",
        ),
    ],
)
def test_page_answers_bad_selections_with_400_and_the_message(client, trio, slugs, message):
    for number in range(6):
        PlatformFactory(slug=f"p{number}")

    response = client.get(URL, {"p": slugs})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "compare-grid" not in html
    assert 'id="pick-weibo" checked' in html


@pytest.mark.parametrize("path", [URL, CSV_URL], ids=["page", "csv"])
def test_a_slug_with_a_nul_byte_is_an_unknown_slug_not_a_server_error(client, trio, path):
    response = client.get(path, {"p": ["weibo", "a\x00b"]})

    assert response.status_code == 400
    assert "No platform has the slug" in response.content.decode()


def test_unknown_slug_is_escaped_in_the_message(client, trio):
    html = client.get(URL, {"p": ["weibo", "<script>x</script>"]}).content.decode()

    assert "<script>x" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_unknown_format_is_a_400_naming_it(client, trio):
    response = client.get(URL, {"p": ["weibo", "wechat"], "format": "xlsx"})

    assert response.status_code == 400
    assert "Unknown format “xlsx”" in response.content.decode()


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_download_holds_the_same_grid(client, trio):
    response = client.get(CSV_URL, {"p": ["weibo", "linkedin", "wechat"]})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="networkdir-compare-weibo-linkedin-wechat.csv"'
    )
    table = read_csv(response)
    assert table[0] == ["Trait", "Sina Weibo 新浪微博", "LinkedIn 领英", "WeChat 微信", "Differs"]
    by_label = {row[0]: row for row in table if row}
    assert by_label["Kind"] == [
        "Kind",
        "Microblog [1]",
        "Professional network",
        "Messaging [1]",
        "yes",
    ]
    assert by_label["Latest user figure"][1] == (
        "587 million (Monthly active users, China) as of 2024-09-30 [2]"
    )
    assert by_label["Real-name verification"][-1] == "no"
    assert by_label["Status"][2] == "Restricted in China since 2021-10-14"
    assert by_label["[1]"][1].startswith("Networking in the land of guanxi · Asia Times")
    assert "Sources" in by_label


def test_csv_matches_the_page_grid_row_for_row(client, trio):
    params = {"p": ["weibo", "wechat"]}
    grid = build_compare_grid(params["p"])

    table = read_csv(client.get(CSV_URL, params))

    assert [row[0] for row in table[1 : len(grid.rows) + 1]] == [row.label for row in grid.rows]


def test_csv_with_a_bad_selection_is_a_400_page(client, trio):
    response = client.get(CSV_URL, {"p": ["weibo"]})

    assert response.status_code == 400
    assert "Pick at least 2 platforms" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("p=weibo&format=csv&p=wechat", "p=weibo&p=wechat"),
        ("format=CSV&p=wechat&p=weibo", "p=wechat&p=weibo"),
        ("p=weibo&p=nope&format=csv", "p=weibo&p=nope"),
        ("format=csv", ""),
    ],
)
def test_the_csv_format_of_the_page_redirects_to_the_csv_keeping_the_query(
    client, trio, query, target
):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 301
    assert response["Location"] == CSV_URL + (f"?{target}" if target else "")


def test_the_redirected_csv_is_the_csv(client, trio):
    params = {"p": ["weibo", "wechat"]}

    redirected = client.get(URL, {**params, "format": "csv"}, follow=True)

    assert redirected.redirect_chain == [(f"{CSV_URL}?p=weibo&p=wechat", 301)]
    assert redirected.content == client.get(CSV_URL, params).content


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_cannot_start_a_formula(client, start):
    PlatformFactory(
        slug="a", name_en=f"{start}HYPERLINK(1)", parent_company=f"{start}cmd|' /C calc'"
    )
    PlatformFactory(slug="b")

    table = read_csv(client.get(CSV_URL, {"p": ["a", "b"]}))

    by_label = {row[0]: row for row in table if row}
    assert by_label["Parent company"][1] == f"'{start}cmd|' /C calc'"
    assert table[0][1].startswith(("'", "HYPERLINK"))
    cells = [cell for row in table for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def _platform_with_everything() -> Platform:
    platform = PlatformFactory(languages=["en", "zh-hans"])
    UserCountFactory.create_batch(2, platform=platform)
    CitationFactory(platform=platform, claim=Citation.Claim.KIND)
    CitationFactory(platform=platform, claim=Citation.Claim.STATUS)
    return platform


@pytest.mark.parametrize("count", [2, 8])
def test_query_count_stays_flat_as_platforms_are_added(client, django_assert_num_queries, count):
    slugs = [_platform_with_everything().slug for _ in range(count)]

    # The grid's four (platforms, languages, citations with sources, figures with sources), the
    # picker's platform list, and the footer's last-updated date.
    with django_assert_num_queries(6):
        response = client.get(URL, {"p": slugs})

    assert response.status_code == 200
    grid_head = response.content.decode().split("compare-grid")[1].split("</thead>")[0]
    assert grid_head.count('<th scope="col">') == count


@pytest.mark.parametrize("count", [2, 8])
def test_a_comparison_asked_again_costs_no_query(client, django_assert_num_queries, count):
    slugs = [_platform_with_everything().slug for _ in range(count)]
    first = client.get(URL, {"p": slugs})

    with django_assert_num_queries(0):
        again = client.get(URL, {"p": slugs})

    assert again.status_code == first.status_code == 200
    grid_head = again.content.decode().split("compare-grid")[1].split("</thead>")[0]
    assert grid_head.count('<th scope="col">') == count


@pytest.mark.parametrize("count", [2, 8])
def test_grid_is_built_in_four_queries(db, django_assert_num_queries, count):
    """From values, into cells keyed by row and column: the count never grows with the grid."""
    slugs = [_platform_with_everything().slug for _ in range(count)]

    with django_assert_num_queries(4):
        grid = build_compare_grid(slugs)

    assert len(grid.columns) == count
