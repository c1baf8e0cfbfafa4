""" "How to reach" on each /candidates/ result: advice from the candidate's own memberships.

The purpose and the sender flags shape the advice, never which candidates match; they stay in
the query string; the catalog is loaded once per page, so the query count stays flat.
"""

from dataclasses import replace
from html import unescape
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach.catalog import load_catalog
from outreach.ranking import RankedChannel
from outreach.reachability import summaries
from platforms.models import Platform
from platforms.vocabulary import OperatingState
from profiles import candidate_views
from profiles.models import Activity, CandidateExport, CompanyType
from profiles.templatetags.channel_tags import channel_summary
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidates")


@pytest.fixture
def weibo(db):
    return PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        kind=Platform.Kind.MICROBLOG,
        cold_messaging=Platform.ColdMessaging.YES,
        real_name_verification=Platform.Verification.REQUIRED,
        languages=["zh-hans"],
    )


@pytest.fixture
def liepin(db):
    return PlatformFactory(
        slug="liepin",
        name_en="Liepin",
        kind=Platform.Kind.RECRUITING,
        email_reliance=Platform.Level.LOW,
    )


@pytest.fixture
def candidate(weibo, liepin):
    """A C-level executive at a Chinese private firm, open on Weibo (publicizing their career)
    and on Liepin."""
    profile = ExecutiveProfileFactory(
        display_name="Gao Min", user=None, company_type=CompanyType.CHINESE_PRIVATE
    )
    MembershipFactory(
        profile=profile,
        platform=weibo,
        open_to_inquiries=True,
        publicizes_career=True,
        activity=Activity.DAILY,
    )
    MembershipFactory(
        profile=profile, platform=liepin, open_to_inquiries=True, activity=Activity.WEEKLY
    )
    return profile


def how_to_reach(response, profile) -> list[str]:
    """The channel ids advised on `profile`'s result, best first."""
    (result,) = [r for r in response.context["results"] if r.candidate.pk == profile.pk]
    return [item.channel.channel for item in result.how_to_reach]


def test_each_result_shows_how_to_reach_them_with_score_and_reason(recruiter_client, candidate):
    response = recruiter_client.get(URL)
    page = unescape(response.content.decode())

    (result,) = response.context["results"]
    first = result.how_to_reach[0]
    assert first.channel.channel == "liepin"  # recruiting, by default
    assert first.reason.rule == "R8"
    assert "How to reach" in page
    assert f'<span class="channel-score">{first.channel.score}/100</span>' in page
    assert str(first.reason.message) in page


def test_the_advice_lists_two_or_three_channels(recruiter_client, candidate):
    response = recruiter_client.get(URL)

    assert 2 <= len(how_to_reach(response, candidate)) <= 3


def test_the_purpose_changes_the_advice(recruiter_client, candidate):
    recruiting = recruiter_client.get(URL, {"purpose": "recruiting"})
    business = recruiter_client.get(URL, {"purpose": "business_development"})

    assert how_to_reach(recruiting, candidate)[0] == "liepin"
    assert how_to_reach(business, candidate)[0] == "weibo"


def test_a_sender_who_cannot_read_chinese_gets_weibo_lowered(recruiter_client, candidate):
    business = {"purpose": "business_development"}
    reader = recruiter_client.get(URL, business)
    foreigner = recruiter_client.get(
        URL, {**business, "reads_chinese": "false", "can_verify_mainland_account": "false"}
    )

    assert how_to_reach(reader, candidate)[0] == "weibo"
    assert how_to_reach(foreigner, candidate)[0] != "weibo"


def test_a_mutual_contact_puts_the_warm_introduction_first(recruiter_client, candidate):
    response = recruiter_client.get(
        URL, {"purpose": "business_development", "has_mutual_contact": "true"}
    )

    assert how_to_reach(response, candidate)[0] == "warm-introduction"


def test_the_advice_comes_from_the_candidates_own_memberships(recruiter_client, weibo, liepin):
    only_weibo = ExecutiveProfileFactory(user=None)
    MembershipFactory(profile=only_weibo, platform=weibo, open_to_inquiries=True)

    response = recruiter_client.get(URL)

    advised = how_to_reach(response, only_weibo)
    assert "weibo" in advised
    assert "liepin" not in advised


def test_a_channel_not_open_to_inquiries_never_comes_first(recruiter_client, weibo, liepin):
    """Liepin would lead for recruiting, but they are not open to inquiries there."""
    profile = ExecutiveProfileFactory(user=None)
    MembershipFactory(profile=profile, platform=liepin, open_to_inquiries=False)
    MembershipFactory(profile=profile, platform=weibo, open_to_inquiries=True)

    response = recruiter_client.get(URL, {"purpose": "recruiting"})
    (result,) = response.context["results"]

    assert result.how_to_reach[0].channel.open_to_inquiries
    assert result.how_to_reach[0].channel.channel != "liepin"


def test_a_shut_down_platform_is_never_advised(recruiter_client, candidate):
    ushi = PlatformFactory(slug="ushi", status=Platform.Status.SHUT_DOWN)
    MembershipFactory(profile=candidate, platform=ushi, open_to_inquiries=True, preferred=True)

    response = recruiter_client.get(URL)

    assert "ushi" not in how_to_reach(response, candidate)


def test_purpose_and_sender_do_not_filter_the_candidates(recruiter_client, candidate, weibo):
    other = ExecutiveProfileFactory(user=None)
    MembershipFactory(profile=other, platform=weibo)
    expected = {candidate.pk, other.pk}

    for query in (
        {},
        {"purpose": "job_search"},
        {"purpose": "peer_networking", "reads_chinese": "false", "has_mutual_contact": "true"},
    ):
        response = recruiter_client.get(URL, query)
        assert {p.pk for p in response.context["page"].candidates} == expected


def test_recruiter_defaults_when_nothing_is_chosen(recruiter_client, candidate):
    form = recruiter_client.get(URL).context["outreach"]

    assert form.cleaned_data == {
        "purpose": "recruiting",
        "reads_chinese": True,
        "can_verify_mainland_account": True,
        "has_mutual_contact": False,
    }


def test_the_sidebar_shows_the_choices_as_chosen(recruiter_client, candidate):
    page = recruiter_client.get(URL, {"purpose": "peer_networking", "reads_chinese": "false"})
    html = page.content.decode()

    assert 'value="peer_networking" required id="id_purpose_3" checked' in html
    assert '<option value="false" selected>' in html.split('name="reads_chinese"')[1]


def test_the_choices_stay_in_the_pagination_links(recruiter_client, candidate, weibo):
    for _ in range(3):
        MembershipFactory(profile=ExecutiveProfileFactory(user=None), platform=weibo)

    page = unescape(
        recruiter_client.get(
            URL, {"purpose": "job_search", "has_mutual_contact": "true", "page_size": "2"}
        ).content.decode()
    )

    next_link = page.split('rel="next" href="')[1].split('"')[0]
    assert "purpose=job_search" in next_link
    assert "has_mutual_contact=true" in next_link


def test_the_candidate_link_carries_the_choices_to_the_full_reasons(recruiter_client, candidate):
    page = unescape(
        recruiter_client.get(
            URL, {"purpose": "business_development", "reads_chinese": "false"}
        ).content.decode()
    )
    detail = reverse("profiles:detail", kwargs={"pk": candidate.pk})

    # And the search itself, so the candidate's page leads back to it (test_search_navigation).
    assert (
        f"{detail}?purpose=business_development&reads_chinese=false"
        "&can_verify_mainland_account=true&has_mutual_contact=false"
        "&search=purpose%3Dbusiness_development%26reads_chinese%3Dfalse#how-to-reach"
    ) in page


def test_without_choices_the_candidate_link_carries_only_the_search(recruiter_client, candidate):
    page = recruiter_client.get(URL).content.decode()
    detail = reverse("profiles:detail", kwargs={"pk": candidate.pk})

    assert f'href="{detail}?search="' in page


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"purpose": "sell_insurance"}, "purpose"),
        ({"reads_chinese": "maybe"}, "reads_chinese"),
        ({"has_mutual_contact": "2"}, "has_mutual_contact"),
    ],
)
def test_a_bad_advice_parameter_is_a_400_naming_the_field(
    recruiter_client, candidate, query, field
):
    response = recruiter_client.get(URL, query)
    page = unescape(response.content.decode())

    assert response.status_code == 400
    assert list(response.context["outreach"].errors) == [field]
    label = str(response.context["outreach"].fields[field].label)
    assert f'<a href="#id_{field}">{label}</a>' in page


@pytest.mark.parametrize("spelling", ["false", "False", "0", "no", "off"])
def test_no_is_understood_however_it_is_spelled(recruiter_client, candidate, spelling):
    form = recruiter_client.get(URL, {"reads_chinese": spelling}).context["outreach"]

    assert form.cleaned_data["reads_chinese"] is False


def test_the_export_link_and_its_log_leave_the_advice_parameters_out(recruiter_client, candidate):
    query = {"city": "shanghai", "purpose": "job_search", "reads_chinese": "false"}
    page = unescape(recruiter_client.get(URL, query).content.decode())

    assert f'href="{reverse("profiles:candidate_export")}?city=shanghai"' in page
    recruiter_client.get(reverse("profiles:candidate_export"), query)
    assert CandidateExport.objects.get().query == "city=shanghai"


def many_candidates(count: int, platforms) -> None:
    for profile in ExecutiveProfileFactory.create_batch(count, user=None):
        for platform in platforms:
            MembershipFactory(profile=profile, platform=platform, open_to_inquiries=True)


def test_the_catalog_is_loaded_once_per_page(recruiter_client, weibo, liepin):
    many_candidates(12, [weibo, liepin])

    with mock.patch.object(candidate_views, "load_catalog", wraps=load_catalog) as loads:
        response = recruiter_client.get(URL, {"page_size": "10"})

    assert len(response.context["results"]) == 10
    assert loads.call_count == 1


def test_the_query_count_with_advice_does_not_grow_with_the_page_size(
    recruiter_client, weibo, liepin
):
    many_candidates(60, [weibo, liepin])
    recruiter_client.get(URL)  # the process copies the platforms and the catalog
    counts = {}
    for size in (5, 50):
        with CaptureQueriesContext(connection) as captured:
            response = recruiter_client.get(
                URL, {"page_size": size, "purpose": "business_development"}
            )
        assert all(len(r.how_to_reach) >= 2 for r in response.context["results"])
        counts[size] = len(captured)

    assert counts[5] == counts[50]


def test_an_empty_page_loads_no_catalog(recruiter_client):
    with mock.patch.object(candidate_views, "load_catalog", wraps=load_catalog) as loads:
        response = recruiter_client.get(URL, {"q": "nobody by this name"})

    assert response.context["results"] == []
    assert loads.call_count == 0


def test_a_platform_whose_status_is_unknown_comes_after_the_known_channels_badged(
    recruiter_client, weibo, liepin
):
    """Huihui, which no source says still operates, scores high for a meeting but is offered
    after every channel known to operate, and its card on the person's page says so."""
    huihui = PlatformFactory(
        slug="huihui", name_en="Huihui", kind=Platform.Kind.MEETINGS, status=Platform.Status.UNKNOWN
    )
    profile = ExecutiveProfileFactory(user=None, company_type=CompanyType.CHINESE_PRIVATE)
    MembershipFactory(profile=profile, platform=huihui, open_to_inquiries=True, preferred=True,
                      verified=True, activity=Activity.DAILY)  # fmt: skip
    query = {"purpose": "business_development"}

    detail = recruiter_client.get(reverse("profiles:detail", kwargs={"pk": profile.pk}), query)
    advice = detail.context["advice"]

    assert advice.get("huihui").score > advice.advised[0].score  # it would have come first
    assert advice.advised[-1].channel == "huihui"
    cards = detail.content.decode().split('<li class="channel-advice card">')
    huihui_card = next(card for card in cards if ">Huihui<" in card)
    assert '<span class="badge badge-muted">status unknown</span>' in huihui_card
    assert "huihui" not in how_to_reach(recruiter_client.get(URL, query), profile)


def test_a_search_row_badges_a_platform_whose_status_is_unknown():
    huihui = RankedChannel("huihui", "platform", "Huihui", 50, True, (), base=30,
                           operating_state=OperatingState.STATUS_UNKNOWN)  # fmt: skip
    weibo = replace(huihui, channel="weibo", name="Weibo", operating_state="operating")

    html = channel_summary(summaries([weibo, huihui]))

    rows = html.split('<li class="channel-summary-item"')[1:]
    assert "status unknown" not in rows[0]
    assert '<span class="badge badge-muted">status unknown</span>' in rows[1]
