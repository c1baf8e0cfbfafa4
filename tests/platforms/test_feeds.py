"""The Atom feeds of platform data changes: a follower learns of each new figure and status
event, newest first, with its source and a link to it on the platform's page."""

import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from platforms.models import Platform, StatusEvent, UserCount
from tests.factories import PlatformFactory, SourceFactory, StatusEventFactory, UserCountFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def recorded(item, day: int):
    """Date the item's history as if it had been recorded on that day of November 2025."""
    when = datetime.datetime(2025, 11, day, 9, 0, tzinfo=datetime.UTC)
    type(item).history.filter(id=item.pk).update(history_date=when)
    return item


def entries(response) -> list[dict]:
    feed = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


@pytest.fixture
def weibo(db):
    return PlatformFactory(slug="weibo", name_en="Sina Weibo", name_zh="新浪微博")


@pytest.fixture
def weibo_changes(weibo):
    """An old figure, then a new figure and a shutdown event recorded after it."""
    source = SourceFactory(
        key="w60",
        title="Weibo reports third quarter 2025 results",
        publisher="Weibo Corporation",
        url="https://example.com/weibo-q3-2025",
        published=datetime.date(2025, 11, 20),
    )
    old = recorded(UserCountFactory(platform=weibo, value=140_000_000), 1)
    figure = recorded(
        UserCountFactory(
            platform=weibo,
            value=578_000_000,
            metric=UserCount.Metric.MONTHLY_ACTIVE,
            as_of=datetime.date(2025, 9, 30),
            source=source,
        ),
        21,
    )
    event = recorded(
        StatusEventFactory(
            platform=weibo,
            kind=StatusEvent.Kind.DECLINED,
            happened_on=datetime.date(2025, 10, 1),
            description_en="Fewer people post every quarter.",
            description_zh="每个季度发帖的人都更少。",
            source=source,
        ),
        22,
    )
    return old, figure, event


def platform_feed(client, slug: str, language: str = "en"):
    with translation.override(language):
        url = reverse("platforms:platform_changes_feed", kwargs={"slug": slug})
    return client.get(url)


def test_a_platform_feed_lists_its_new_figure_and_event_newest_first(client, weibo_changes):
    old, figure, event = weibo_changes

    response = platform_feed(client, "weibo")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    event_entry, figure_entry, old_entry = entries(response)
    assert event_entry["title"] == "Sina Weibo — Declined (2025-10-01)"
    assert event_entry["link"] == f"http://testserver/en/platforms/weibo/#event-{event.pk}"
    assert "Fewer people post every quarter." in event_entry["summary"]
    assert figure_entry["title"] == (
        "Sina Weibo — Monthly active users, China: 578 million (2025-09-30)"
    )
    assert figure_entry["link"] == f"http://testserver/en/platforms/weibo/#figure-{figure.pk}"
    assert figure_entry["updated"].startswith("2025-11-21T09:00:00")
    assert old_entry["link"].endswith(f"#figure-{old.pk}")


def test_each_entry_cites_its_source_with_a_link(client, weibo_changes):
    event_entry, figure_entry, _old = entries(platform_feed(client, "weibo"))

    for entry in (event_entry, figure_entry):
        assert (
            'Source: <a href="https://example.com/weibo-q3-2025">'
            "Weibo reports third quarter 2025 results</a>, Weibo Corporation, 2025-11-20"
        ) in entry["summary"]


def test_entries_have_distinct_ids(client, weibo_changes):
    ids = [entry["id"] for entry in entries(platform_feed(client, "weibo"))]

    assert len(set(ids)) == len(ids) == 3


def test_the_chinese_feed_speaks_chinese(client, weibo_changes):
    response = platform_feed(client, "weibo", "zh-hans")

    titles = [entry["title"] for entry in entries(response)]
    assert "zh-hans" in response.content.decode()[:200]
    assert "5.78亿" in titles[1]
    assert "新浪微博" in titles[0]
    assert "/zh-hans/platforms/weibo/" in entries(response)[0]["link"]


def test_a_platform_feed_leaves_other_platforms_out(client, weibo_changes):
    UserCountFactory(platform=PlatformFactory(slug="maimai", name_en="Maimai"))

    titles = [entry["title"] for entry in entries(platform_feed(client, "weibo"))]

    assert all(title.startswith("Sina Weibo") for title in titles)


def test_the_site_feed_has_every_platform(client, weibo_changes):
    maimai = PlatformFactory(slug="maimai", name_en="Maimai")
    recorded(UserCountFactory(platform=maimai, value=120_000_000), 25)

    response = client.get(reverse("platforms:changes_feed"))

    assert response.status_code == 200
    titles = [entry["title"] for entry in entries(response)]
    assert titles[0].startswith("Maimai — Registered users, China: 120 million")
    assert sum(title.startswith("Sina Weibo") for title in titles) == 3


def test_a_row_without_history_is_dated_by_what_it_reports(client, weibo):
    figure = UserCountFactory(platform=weibo, as_of=datetime.date(2020, 6, 30))
    UserCount.history.filter(id=figure.pk).delete()

    (entry,) = entries(platform_feed(client, "weibo"))

    assert entry["updated"] == "2020-06-30T00:00:00+08:00"  # midnight where the site is


def test_an_unknown_platform_has_no_feed(client):
    assert platform_feed(client, "no-such-platform").status_code == 404


def test_the_feed_reads_a_fixed_number_of_queries(client, weibo, django_assert_num_queries):
    for days in range(5):
        UserCountFactory(platform=weibo)
        StatusEventFactory(platform=weibo, happened_on=datetime.date(2020, 1, 1 + days))
    with django_assert_num_queries(3):  # the platform, its figures, its events
        platform_feed(client, "weibo")


def test_a_feed_with_nothing_yet_is_still_a_feed(client, weibo):
    response = platform_feed(client, "weibo")

    assert response.status_code == 200
    assert entries(response) == []
    assert ElementTree.fromstring(response.content).findtext(f"{ATOM}title") == (
        "Sina Weibo on NetworkDir: changes to its data"
    )


def test_the_platform_page_links_its_feed(client, weibo):
    response = client.get(reverse("platforms:detail", kwargs={"slug": "weibo"}))

    content = response.content.decode()
    feed_url = reverse("platforms:platform_changes_feed", kwargs={"slug": "weibo"})
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed_url}"' in content
    assert f'<a href="{feed_url}"' in content


def test_the_directory_links_the_site_feed(client):
    content = client.get(reverse("platforms:directory")).content.decode()

    feed_url = reverse("platforms:changes_feed")
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed_url}"' in content
    assert f'<a href="{feed_url}"' in content


def test_a_platform_page_row_carries_the_id_its_entry_links_to(client, weibo_changes):
    _old, figure, event = weibo_changes

    content = client.get(reverse("platforms:detail", kwargs={"slug": "weibo"})).content.decode()

    assert f'id="figure-{figure.pk}"' in content
    assert f'id="event-{event.pk}"' in content


def test_a_shut_down_platform_still_has_its_feed(client):
    PlatformFactory(slug="ushi", status=Platform.Status.SHUT_DOWN, historical=True)

    assert platform_feed(client, "ushi").status_code == 200


def test_a_source_without_a_known_title_or_date_is_described_and_dated_by_its_retrieval(
    client, weibo
):
    source = SourceFactory(
        key="w99",
        title="",
        description_en="Article on Weibo's user numbers",
        publisher="Example News",
        url="",
        published=None,
        retrieved=datetime.date(2025, 11, 1),
    )
    UserCountFactory(platform=weibo, source=source)

    (entry,) = entries(platform_feed(client, "weibo"))

    assert (
        "Source: [Article on Weibo&#x27;s user numbers], Example News, retrieved by 2025-11-01"
    ) in entry["summary"]
