"""The directory page: cards, filters through the page, compare form, empty state, errors."""

import datetime

import pytest
from django.urls import reverse

from platforms.models import Platform, UserCount
from tests.factories import PlatformFactory, UserCountFactory

pytestmark = pytest.mark.django_db

URL = reverse("platforms:directory")


@pytest.fixture
def weibo(db):
    platform = PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        name_zh="新浪微博",
        kind=Platform.Kind.MICROBLOG,
        status=Platform.Status.ACTIVE,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        languages=["zh-hans"],
    )
    UserCountFactory(platform=platform, value=140_000_000, as_of=datetime.date(2011, 6, 1))
    UserCountFactory(
        platform=platform,
        value=587_000_000,
        metric=UserCount.Metric.MONTHLY_ACTIVE,
        as_of=datetime.date(2024, 9, 30),
    )
    return platform


@pytest.fixture
def ushi(db):
    return PlatformFactory(
        slug="ushi", name_en="Ushi", status=Platform.Status.SHUT_DOWN, historical=True
    )


def test_directory_shows_a_card_with_the_key_traits(client, weibo):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sina Weibo" in html
    assert "新浪微博" in html
    assert "Microblog" in html
    assert '<span class="badge badge-ok">Active</span>' in html
    assert "Simplified Chinese" in html
    assert "Required" in html
    assert reverse("platforms:detail", kwargs={"slug": "weibo"}) in html


def test_card_shows_the_latest_figure_with_metric_and_date(client, weibo):
    html = client.get(URL).content.decode()

    assert "587 million" in html
    assert "Monthly active users, China" in html
    assert '<time datetime="2024-09-30">2024-09-30</time>' in html
    assert "140 million" not in html


def test_card_without_a_figure_says_so(client):
    PlatformFactory(slug="huihui")

    assert "No user figure known" in client.get(URL).content.decode()


def test_result_count_is_shown(client, weibo):
    PlatformFactory(slug="wechat")

    assert "2 platforms" in client.get(URL).content.decode()


def test_historical_platforms_are_hidden_until_asked_for(client, weibo, ushi):
    hidden = client.get(URL).content.decode()
    shown = client.get(URL, {"show_historical": "1"}).content.decode()

    assert "Ushi" not in hidden
    assert "historical platforms hidden" in hidden
    assert "Ushi" in shown
    assert "Historical" in shown


def test_filters_from_the_query_string_apply_to_the_cards(client, weibo):
    PlatformFactory(slug="linkedin", name_en="LinkedIn", languages=["en"])

    html = client.get(URL, {"language": "en"}).content.decode()

    assert "LinkedIn" in html
    assert "Sina Weibo" not in html
    assert "1 platform" in html


def test_chinese_search_finds_the_platform_on_the_page(client, weibo):
    PlatformFactory(slug="linkedin", name_en="LinkedIn", name_zh="领英")

    html = client.get(URL, {"q": "微博"}).content.decode()

    assert "Sina Weibo" in html
    assert "LinkedIn" not in html


def test_card_ticks_belong_to_the_filter_form_whose_compare_button_goes_to_the_compare_page(
    client, weibo
):
    PlatformFactory(slug="wechat")

    html = client.get(URL).content.decode()

    assert 'id="directory-filters"' in html
    assert (
        '<input type="checkbox" form="directory-filters" name="p" value="weibo" id="compare-weibo">'
    ) in html
    assert f'form="directory-filters" formaction="{reverse("platforms:compare")}"' in html
    assert "Compare selected" in html


def test_filter_form_keeps_the_chosen_values(client, weibo):
    html = client.get(URL, {"status": "active", "kind": "microblog", "q": "weibo"}).content.decode()

    assert 'value="active" id="id_status_0" checked' in html
    assert '<option value="microblog" selected>' in html
    assert 'value="weibo"' in html


def test_empty_result_says_what_to_do(client, weibo, ushi):
    html = client.get(URL, {"q": "ushi"}).content.decode()

    assert "No platform matches:" in html
    assert "the search “ushi” leaves 0, 1 historical platform would match" in html
    assert "Include historical platforms" in html
    assert "show_historical=1" in html
    assert "Clear all filters" in html


@pytest.mark.parametrize(
    ("params", "field", "label"),
    [
        ({"status": "bogus"}, "status", "Status"),
        ({"language": "xx"}, "language", "Interface language"),
        ({"kind": "forum"}, "kind", "Kind"),
        ({"sort": "popularity"}, "sort", "Sort by"),
    ],
)
def test_invalid_filter_is_a_400_with_the_error_next_to_the_field(
    client, weibo, params, field, label
):
    response = client.get(URL, params)

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error">' in html
    assert "Select a valid choice." in html
    assert f"{label}</a>: Select a valid choice." in html
    assert "Sina Weibo" not in html


def test_page_speaks_chinese_under_the_chinese_prefix(client, weibo):
    response = client.get("/zh-hans/")

    assert response.status_code == 200
    assert "新浪微博" in response.content.decode()
    assert "5.87亿" in response.content.decode()


def _platform_with_everything(number: int) -> Platform:
    platform = PlatformFactory(languages=["en", "zh-hans"])
    UserCountFactory.create_batch(3, platform=platform)
    return platform


@pytest.mark.parametrize("count", [2, 8])
def test_query_count_stays_flat_as_platforms_are_added(client, django_assert_num_queries, count):
    for number in range(count):
        _platform_with_everything(number)

    # Platforms, their languages, their latest figures; one count per filter (status, language,
    # verification, email reliance, kind, the historical ones hidden); the language choices of
    # the filter form, and the footer's last-updated date.
    with django_assert_num_queries(11):
        response = client.get(URL, {"sort": "-users"})

    assert response.status_code == 200
    assert response.content.decode().count('class="card platform-card"') == count


def test_the_same_filters_asked_again_cost_one_query(client, django_assert_num_queries):
    for number in range(3):
        _platform_with_everything(number)
    first = client.get(URL, {"sort": "-users", "status": ["active", "restricted"]})

    # Only the filter form's language choices: the cards and the footer's date are kept.
    with django_assert_num_queries(1):
        again = client.get(URL, {"status": ["restricted", "active"], "sort": "-users"})

    assert again.status_code == first.status_code == 200
    cards = [response.content.decode().split('class="cards') for response in (first, again)]
    assert cards[0][1] == cards[1][1]


@pytest.mark.parametrize("value", ["maybe", "2", "y", "truthy", "null"])
def test_an_unknown_show_historical_is_a_400_with_the_error_next_to_the_field(
    client, weibo, ushi, value
):
    response = client.get(URL, {"show_historical": value})

    assert response.status_code == 400
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_show_historical_error">' in html
    assert "Enter yes or no (1/0, true/false, yes/no or on/off)." in html
    assert '<a href="#id_show_historical">Show historical platforms</a>: Enter yes or no' in html
    assert "Sina Weibo" not in html


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        ("YES", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("FALSE", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_show_historical_reads_every_spelling_of_yes_and_no(client, weibo, ushi, value, shown):
    response = client.get(URL, {"show_historical": value})

    assert response.status_code == 200
    html = response.content.decode()
    assert ("Ushi" in html) is shown
    checkbox = 'type="checkbox" name="show_historical" value="1"'
    assert (f'{checkbox} id="id_show_historical" checked' in html) is shown
    assert checkbox in html
