"""The /candidates/ page: who may open it, what a result shows, pagination without COUNT."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from platforms.models import Platform
from profiles.models import Activity, City, CompanyType, Seniority, Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")


@pytest.fixture
def weibo(db):
    return PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")


def many_candidates(count: int, platforms: list[Platform]) -> None:
    """`count` shared profiles (without accounts, like demo people), each on every platform."""
    for profile in ExecutiveProfileFactory.create_batch(count, user=None):
        for platform in platforms:
            MembershipFactory(profile=profile, platform=platform)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_executives_without_the_recruiter_role_are_refused(client, executive):
    client.force_login(executive)

    response = client.get(URL)

    assert response.status_code == 403


def test_admins_may_search(admin_client):
    response = admin_client.get(URL)

    assert response.status_code == 200


def test_a_result_shows_the_person_and_their_channels(recruiter_client, weibo):
    linkedin = PlatformFactory(slug="linkedin", name_en="LinkedIn")
    profile = ExecutiveProfileFactory(
        display_name="Li Na",
        title="Chief Financial Officer",
        company="Suzhou Precision Ltd",
        company_type=CompanyType.STATE_OWNED,
        city=City.SUZHOU,
        seniority=Seniority.C_LEVEL,
    )
    MembershipFactory(
        profile=profile,
        platform=weibo,
        handle="@li_na_cfo",
        open_to_inquiries=True,
        activity=Activity.DAILY,
    )
    MembershipFactory(profile=profile, platform=linkedin, handle="li-na-secret", hide_handle=True)

    page = unescape(recruiter_client.get(URL).content.decode())

    for text in (
        "Li Na",
        "Chief Financial Officer",
        "Suzhou Precision Ltd",
        "State-owned enterprise",
        "Suzhou",
        "C-level",
        "Weibo",
        "@li_na_cfo",
        "open to inquiries",
        "active: daily",
        "LinkedIn",
    ):
        assert text in page, text
    assert "li-na-secret" not in page


def test_a_shut_down_platform_is_not_offered_as_a_channel(recruiter_client):
    ushi = PlatformFactory(slug="ushi", name_en="Ushi", status=Platform.Status.SHUT_DOWN)
    MembershipFactory(platform=ushi, handle="@gone")

    page = recruiter_client.get(URL).content.decode()

    assert "@gone" not in page
    assert "Not on any operating platform." in page


def test_fictional_people_are_labelled(recruiter_client):
    ExecutiveProfileFactory(display_name="Demo Person", is_fictional=True)

    page = recruiter_client.get(URL).content.decode()

    assert "Fictional demo person" in page


def test_private_profiles_are_not_listed(recruiter_client):
    ExecutiveProfileFactory(display_name="Shared Person")
    ExecutiveProfileFactory(display_name="Private Person", visibility=Visibility.PRIVATE)

    page = recruiter_client.get(URL).content.decode()

    assert "Shared Person" in page
    assert "Private Person" not in page


def test_filters_narrow_the_page(recruiter_client, weibo):
    on_weibo = ExecutiveProfileFactory(display_name="On Weibo", city=City.SHANGHAI)
    MembershipFactory(profile=on_weibo, platform=weibo, open_to_inquiries=True)
    ExecutiveProfileFactory(display_name="Nowhere", city=City.SHANGHAI)

    page = recruiter_client.get(
        URL, {"platform": "weibo", "open_to_inquiries": "true", "city": "shanghai"}
    ).content.decode()

    assert "On Weibo" in page
    assert "Nowhere" not in page


def test_a_bad_filter_answers_400_with_the_message_next_to_the_field(recruiter_client):
    response = recruiter_client.get(URL, {"city": "atlantis"})

    page = response.content.decode()
    assert response.status_code == 400
    city_field = page[page.index('<label for="id_city"') : page.index('id="id_city"')]
    assert "Select a valid choice" in city_field


@pytest.mark.parametrize("page_size", ["abc", "0", "-5"])
def test_a_bad_page_size_answers_400_naming_it(recruiter_client, page_size):
    response = recruiter_client.get(URL, {"page_size": page_size})

    assert response.status_code == 400
    assert "page_size" in response.context["paging"].errors


def test_page_size_is_capped_at_100(recruiter_client):
    many_candidates(101, [])

    response = recruiter_client.get(URL, {"page_size": "500"})

    assert len(response.context["page"].candidates) == 100
    assert response.context["page"].has_next


def test_pages_link_to_each_other_keeping_the_filter(recruiter_client):
    many_candidates(7, [])

    first = recruiter_client.get(URL, {"city": "shanghai", "page_size": "3"})
    last = recruiter_client.get(URL, {"city": "shanghai", "page_size": "3", "page": "3"})

    first_page = unescape(first.content.decode())
    assert len(first.context["page"].candidates) == 3
    assert 'href="?city=shanghai&page_size=3&page=2"' in first_page
    assert 'rel="prev"' not in first_page
    last_page = unescape(last.content.decode())
    assert len(last.context["page"].candidates) == 1
    assert 'href="?city=shanghai&page_size=3&page=2"' in last_page
    assert 'rel="next"' not in last_page


def test_pages_do_not_overlap(recruiter_client):
    many_candidates(6, [])

    first = recruiter_client.get(URL, {"page_size": "3", "sort": "name"}).context["page"]
    second = recruiter_client.get(URL, {"page_size": "3", "sort": "name", "page": "2"}).context[
        "page"
    ]

    first_ids = {profile.pk for profile in first.candidates}
    second_ids = {profile.pk for profile in second.candidates}
    assert len(first_ids | second_ids) == 6
    assert not second.has_next


def test_the_page_never_counts_the_whole_result(recruiter_client, weibo):
    many_candidates(12, [weibo])

    with CaptureQueriesContext(connection) as captured:
        response = recruiter_client.get(URL, {"platform": "weibo", "page_size": "5"})

    assert response.context["page"].has_next
    assert not [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]


# Session, user, the user's and their groups' permissions, the platform choices (validating and
# rendering the filter), one page of profiles, their channels, the platforms (which each process
# keeps while the shared cache is on: off in the tests), the advice's catalog (four queries,
# likewise: profiles.advice.load_catalog), and the footer's "data last updated": the same for 5
# rows as for 50.
QUERIES_PER_PAGE = 14


@pytest.mark.parametrize("page_size", [5, 50])
def test_query_count_does_not_grow_with_the_page_size(
    recruiter_client, weibo, django_assert_num_queries, page_size
):
    maimai = PlatformFactory(slug="maimai", name_en="Maimai")
    many_candidates(60, [weibo, maimai])

    with django_assert_num_queries(QUERIES_PER_PAGE):
        response = recruiter_client.get(
            URL, {"platform": ["weibo", "maimai"], "page_size": page_size}
        )

    assert len(response.context["page"].candidates) == page_size


@pytest.mark.parametrize(
    ("role", "shows_link"),
    [("recruiter", True), ("admin", True), ("owner", False), ("anonymous", False)],
)
def test_the_navigation_links_to_candidates_for_recruiters_only(client_for_role, role, shows_link):
    page = client_for_role(role).get(reverse("platforms:directory")).content.decode()

    assert (f'href="{URL}"' in page) is shows_link


def test_the_export_link_keeps_the_filter_but_not_the_page(recruiter_client):
    page = unescape(
        recruiter_client.get(
            URL, {"city": "shanghai", "page": "1", "page_size": "10"}
        ).content.decode()
    )

    assert f'href="{reverse("profiles:candidate_export")}?city=shanghai"' in page
    assert "Up to the first 1,000 rows" in page


def test_the_403_page_says_why(client, executive):
    client.force_login(executive)

    page = client.get(URL).content.decode()

    assert "such as candidate search, are for recruiters" in page
