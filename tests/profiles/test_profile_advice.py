""" "How to reach" on the profile page /people/<id>/: who sees it, the purpose form, bad input.

Advice about a person reveals which of their channels are open, so only recruiters (and admins)
and the person themselves see it; anonymous visitors and other executives never do.
"""

from html import unescape

import pytest
from django.urls import reverse

from platforms.models import Citation, Platform
from profiles.models import Activity, CompanyType, Visibility
from tests.factories import CitationFactory, MembershipFactory, PlatformFactory, SourceFactory
from tests.profiles.html_helpers import field_block

pytestmark = pytest.mark.django_db

SECTION = 'id="how-to-reach"'


@pytest.fixture
def person(executive):
    """The owner's public profile (so every role may open the page): on Weibo, publicizing their
    career, and on Liepin, both open to inquiries; on Maimai, not open."""
    profile = executive.executive_profile
    profile.company_type = CompanyType.CHINESE_PRIVATE
    profile.visibility = Visibility.PUBLIC
    profile.save()
    weibo = PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        kind=Platform.Kind.MICROBLOG,
        cold_messaging=Platform.ColdMessaging.YES,
        email_reliance=Platform.Level.LOW,
    )
    liepin = PlatformFactory(
        slug="liepin",
        name_en="Liepin",
        kind=Platform.Kind.RECRUITING,
        email_reliance=Platform.Level.LOW,
    )
    maimai = PlatformFactory(slug="maimai", name_en="Maimai", kind=Platform.Kind.CONTACTS)
    MembershipFactory(
        profile=profile,
        platform=weibo,
        open_to_inquiries=True,
        publicizes_career=True,
        activity=Activity.DAILY,
    )
    MembershipFactory(profile=profile, platform=liepin, open_to_inquiries=True)
    MembershipFactory(profile=profile, platform=maimai, open_to_inquiries=False, verified=True)
    return profile


def url(profile) -> str:
    return reverse("profiles:detail", kwargs={"pk": profile.pk})


def advised(response) -> list[str]:
    return [channel.channel for channel in response.context["advice"].advised]


@pytest.mark.parametrize(
    ("role", "sees_advice"),
    [
        ("anonymous", False),
        ("other_executive", False),
        ("recruiter", True),
        ("admin", True),
        ("owner", True),
    ],
)
def test_advice_is_shown_to_recruiters_and_the_owner_only(
    client_for_role, person, role, sees_advice
):
    response = client_for_role(role).get(url(person))
    page = response.content.decode()

    assert response.status_code == 200
    assert (SECTION in page) is sees_advice
    assert ("advice" in response.context) is sees_advice
    assert ('class="channel-score"' in page) is sees_advice


@pytest.mark.parametrize("role", ["anonymous", "other_executive"])
def test_advice_parameters_reveal_nothing_to_others(client_for_role, person, role):
    """Not even a 400: for them the parameters simply mean nothing."""
    response = client_for_role(role).get(url(person), {"purpose": "not-a-purpose"})

    assert response.status_code == 200
    assert SECTION not in response.content.decode()


def test_the_owner_reads_it_as_advice_about_themselves(client_for_role, person):
    page = unescape(client_for_role("owner").get(url(person)).content.decode())

    assert "How recruiters and partners would reach you" in page


def test_a_recruiter_reads_it_as_how_to_reach_the_person(client_for_role, person):
    page = unescape(client_for_role("recruiter").get(url(person)).content.decode())

    assert f"How to reach {person.display_name}" in page


def test_the_advice_is_recruiting_by_default(client_for_role, person):
    response = client_for_role("recruiter").get(url(person))

    assert response.context["outreach"].cleaned_data["purpose"] == "recruiting"
    assert advised(response)[0] == "liepin"


def test_the_purpose_form_changes_the_ranking(client_for_role, person):
    response = client_for_role("recruiter").get(url(person), {"purpose": "business_development"})

    assert advised(response)[0] == "weibo"
    assert advised(response).index("weibo") < advised(response).index("liepin")


def test_the_form_is_a_get_form_back_to_this_section(client_for_role, person):
    page = client_for_role("recruiter").get(url(person)).content.decode()

    assert f'method="get" action="{url(person)}#how-to-reach"' in page
    assert 'name="purpose"' in page
    assert 'name="has_mutual_contact"' in page


def test_every_advised_channel_is_shown_with_its_reasons(client_for_role, person):
    response = client_for_role("recruiter").get(url(person))
    page = unescape(response.content.decode())

    for channel in response.context["advice"].advised:
        assert f'<span class="channel-score">{channel.score}/100</span>' in page
        for reason in channel.reasons:
            assert str(reason.message) in page
            assert f"#rule-{reason.rule}" in page


def test_reasons_cite_their_sources_listed_on_the_page(client_for_role, person):
    SourceFactory(key="s3", title="Explore networking social media sites in the land of guanxi")
    maimai = Platform.objects.get(slug="maimai")
    CitationFactory(
        platform=maimai, claim=Citation.Claim.KIND, source=SourceFactory(key="w21", title="W21")
    )

    page = unescape(client_for_role("recruiter").get(url(person)).content.decode())

    assert 'href="#source-s3"' in page  # R8 on Liepin cites S3
    assert 'id="source-s3"' in page
    assert "Explore networking social media sites in the land of guanxi" in page
    assert 'id="source-w21"' in page  # R9 on Maimai cites the platform's own source too


def test_rule_ids_link_to_the_rules_explained_on_the_advisor(client_for_role, person):
    page = client_for_role("recruiter").get(url(person)).content.decode()

    assert f'href="{reverse("outreach:advisor")}#rule-R8"' in page


def test_a_channel_not_open_to_inquiries_never_comes_first(client_for_role, person):
    """Maimai suits recruiting (R9), but they are not open to inquiries there."""
    response = client_for_role("recruiter").get(url(person), {"purpose": "peer_networking"})

    advice = response.context["advice"]
    assert advice.best.open_to_inquiries
    assert "maimai" in advised(response)
    assert advised(response)[0] != "maimai"


def test_a_shut_down_platform_is_never_advised(client_for_role, person):
    ushi = PlatformFactory(slug="ushi", name_en="Ushi", status=Platform.Status.SHUT_DOWN)
    MembershipFactory(profile=person, platform=ushi, open_to_inquiries=True, preferred=True)

    response = client_for_role("recruiter").get(url(person))

    assert "ushi" not in advised(response)


@pytest.mark.parametrize(
    ("query", "field", "field_id", "message"),
    [
        ({"purpose": "sell_insurance"}, "purpose", "id_purpose_0", "Select a valid choice"),
        (
            {"can_verify_mainland_account": "perhaps"},
            "can_verify_mainland_account",
            None,
            "Enter yes or no",
        ),
    ],
)
def test_a_bad_parameter_is_a_400_with_the_message_next_to_the_field(
    client_for_role, person, query, field, field_id, message
):
    response = client_for_role("recruiter").get(url(person), query)
    page = response.content.decode()

    assert response.status_code == 400
    assert list(response.context["outreach"].errors) == [field]
    assert "advice" not in response.context
    block = field_block(page, field_id or f"id_{field}")
    assert message in block


def test_a_bad_parameter_still_shows_the_rest_of_the_page(client_for_role, person):
    response = client_for_role("recruiter").get(url(person), {"purpose": "x"})
    page = unescape(response.content.decode())

    assert person.display_name in page
    assert "Some answers need fixing" in page


def test_the_advice_page_is_never_cached(client_for_role, person):
    response = client_for_role("recruiter").get(url(person))

    assert "no-store" in response["Cache-Control"]
