"""The /candidates/ page: who may open it, what a result shows, pagination with a capped count."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from platforms.models import Platform
from profiles.models import (
    Activity,
    City,
    CompanyType,
    ExecutiveProfile,
    Membership,
    Seniority,
    Visibility,
)
from profiles.selectors import candidate_rows
from profiles.services import save_memberships, update_profile
from tests.databases import PERMISSIONS_APART
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


def test_the_page_never_counts_the_whole_result(recruiter_client, weibo, settings):
    settings.CANDIDATE_COUNT_CAP = 10
    settings.CANDIDATE_FACET_SAMPLE = 7
    many_candidates(12, [weibo])

    with CaptureQueriesContext(connection) as captured:
        response = recruiter_client.get(URL, {"platform": "weibo", "page_size": "5"})

    assert response.context["page"].has_next
    counted = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    # The user's statement counts the person's own requests to answer (`nav_counts`), not the
    # result;
    # the result is counted up to the cap (one row past it at most), the platforms in a sample.
    result_counts = [sql for sql in counted if "profiles_connectionrequest" not in sql]
    assert result_counts
    assert all(re.search(r"LIMIT (11|7)\)", sql) for sql in result_counts)


# The session, then the user with their permissions and the viewer (`profiles.auth`: where the
# recruiter's introduction paths start, with the navigation's counts) in one statement, and one
# page of profiles and their channels (this recruiter has no profile, so no paths are looked
# for). The platform choices, the catalog the advice is scored against and the footer's "data last
# updated" come from the process's copies (warmed by a first request): the same for 1 row as for
# 25.
QUERIES_PER_PAGE = 4 + PERMISSIONS_APART
# A search not asked lately also counts, each at most once and with a cap (`profiles.totals`):
# its total (unless its page holds the last row) and, while that is within the cap, what the
# filters but the platforms' find (a superset: past the cap too when the total is), each one
# capped count (on PostgreSQL after the planner's estimate, one statement more), and the
# platforms among a sample of those, read in the last count's statement, or apart where no count
# is left to read them with. A search asked again counts nothing more.
SEARCH = {"platform": ["weibo", "maimai"], "open_to_inquiries": "1", "purpose": "recruiting"}


def counting_statements(capped_counts: int, sample_apart: bool) -> int:
    per_count = 2 if connection.vendor == "postgresql" else 1
    return capped_counts * per_count + sample_apart


@pytest.mark.parametrize(
    ("count", "capped_counts", "sample_apart"), [(1, 1, False), (25, 2, False), (40, 1, True)]
)
def test_the_query_count_is_fixed_whatever_the_page_holds(
    recruiter_client,
    weibo,
    django_assert_num_queries,
    count,
    capped_counts,
    sample_apart,
    settings,
):
    settings.CANDIDATE_COUNT_CAP = 30
    maimai = PlatformFactory(slug="maimai", name_en="Maimai")
    many_candidates(count, [weibo, maimai])
    recruiter_client.get(URL)

    new_search = QUERIES_PER_PAGE + counting_statements(capped_counts, sample_apart)
    with django_assert_num_queries(new_search):
        response = recruiter_client.get(URL, {**SEARCH, "page_size": 10})
    with django_assert_num_queries(QUERIES_PER_PAGE):
        recruiter_client.get(URL, {**SEARCH, "page_size": 10})

    assert len(response.context["page"].candidates) == min(count, 10)


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


# --- Every search reads the candidates as they are now ---------------------------------------


@pytest.fixture
def zhou_min(weibo):
    profile = ExecutiveProfileFactory(
        user=None, display_name="Zhou Min", title="Head of Sales", company="Hangzhou Tea Co"
    )
    MembershipFactory(profile=profile, platform=weibo, handle="@zhoumin", open_to_inquiries=True)
    return profile


def results_part(response) -> str:
    return response.content.decode().split('id="results-heading"')[1]


def channel_names(part: str) -> list[str]:
    return re.findall(r'<span class="channel-platform">([^<]*)</span>', part)


def save_channel(profile, **changes) -> None:
    channel = profile.memberships.get()
    for name, value in changes.items():
        setattr(channel, name, value)
    save_memberships(profile=profile, changed=[channel])


def join_linkedin(profile) -> None:
    linkedin = PlatformFactory(slug="linkedin", name_en="LinkedIn")
    save_memberships(profile=profile, changed=[Membership(platform=linkedin, handle="li/zhou")])


def leave_weibo(profile) -> None:
    save_memberships(profile=profile, changed=[], removed=[profile.memberships.get()])


@pytest.mark.parametrize(
    ("edit", "gone", "shown"),
    [
        pytest.param(lambda p: save_channel(p, hide_handle=True), "@zhoumin", "Weibo", id="hid"),
        pytest.param(
            lambda p: save_channel(p, handle="@zhou-min-new"), "@zhoumin", "@zhou-min-new", id="new"
        ),
        pytest.param(
            lambda p: save_channel(p, open_to_inquiries=False),
            "open to inquiries</span>",
            "Weibo",
            id="closed",
        ),
        pytest.param(join_linkedin, "Not on any operating platform", "li/zhou", id="joined"),
        pytest.param(leave_weibo, "@zhoumin", "Not on any operating platform", id="left"),
        pytest.param(
            lambda p: update_profile(profile=p, title="Chief Revenue Officer"),
            "Head of Sales",
            "Chief Revenue Officer",
            id="retitled",
        ),
    ],
)
def test_an_edit_shows_in_the_next_search(recruiter_client, zhou_min, edit, gone, shown):
    if edit is join_linkedin:
        leave_weibo(zhou_min)
    assert gone in results_part(recruiter_client.get(URL))

    edit(zhou_min)

    after = results_part(recruiter_client.get(URL))
    assert gone not in after
    assert shown in after


def test_a_profile_withdrawn_from_recruiters_leaves_the_results(recruiter_client, zhou_min):
    recruiter_client.get(URL)

    update_profile(profile=zhou_min, visibility=Visibility.PRIVATE)

    assert "Zhou Min" not in results_part(recruiter_client.get(URL))


def test_a_platform_renamed_or_shut_down_in_the_admin_shows_at_once(
    recruiter_client, zhou_min, weibo, django_capture_on_commit_callbacks
):
    assert channel_names(results_part(recruiter_client.get(URL))) == ["Weibo"]

    with django_capture_on_commit_callbacks(execute=True):
        weibo.name_en = "Sina Weibo"
        weibo.save()
    assert channel_names(results_part(recruiter_client.get(URL))) == ["Sina Weibo"]

    with django_capture_on_commit_callbacks(execute=True):
        weibo.status = Platform.Status.SHUT_DOWN
        weibo.save()
    after = results_part(recruiter_client.get(URL))
    assert channel_names(after) == []
    assert "Not on any operating platform" in after


def test_each_language_shows_its_own_words(recruiter_client, zhou_min):
    english = results_part(recruiter_client.get(URL))
    with translation.override("en"):  # the Chinese page leaves its language active otherwise
        chinese = results_part(recruiter_client.get("/zh-hans/candidates/"))

    assert "How to reach" in english
    assert "微博" in chinese
    assert "How to reach" not in chinese


def test_a_page_of_rows_comes_with_its_channels_in_two_statements(
    zhou_min, weibo, django_assert_num_queries
):
    MembershipFactory(profile=zhou_min, platform=PlatformFactory(slug="late", name_en="Late"))

    with django_assert_num_queries(2):
        (row,) = candidate_rows(ExecutiveProfile.objects.all())

    with translation.override("en"):
        assert [channel.platform.name for channel in row.channels] == ["Late", "Weibo"]
    assert row.channels[1].handle == "@zhoumin"
