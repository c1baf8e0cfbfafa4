"""/me/: "Where you are reachable" and "What to change" on the executive's own page."""

from html import unescape

import pytest
from django.urls import reverse

from outreach.reachability import OWNER_PURPOSES, TYPICAL_SENDERS
from platforms.models import Platform
from profiles.models import Activity, CompanyType, Visibility
from tests.databases import PERMISSIONS_APART
from tests.factories import MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:me")


@pytest.fixture
def owner(client, executive):
    client.force_login(executive)
    return executive.executive_profile


@pytest.fixture
def weibo(db):
    return PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        kind=Platform.Kind.MICROBLOG,
        cold_messaging=Platform.ColdMessaging.YES,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        languages=["zh-hans"],
    )


@pytest.fixture
def wechat(db):
    return PlatformFactory(
        slug="wechat",
        name_en="WeChat",
        kind=Platform.Kind.MESSAGING,
        cold_messaging=Platform.ColdMessaging.NO,
    )


@pytest.fixture
def liepin(db):
    return PlatformFactory(slug="liepin", name_en="Liepin", kind=Platform.Kind.RECRUITING)


def page_of(client) -> str:
    return unescape(client.get(URL).content.decode())


def suggestion_ids(client) -> list[str]:
    return [s.id for s in client.get(URL).context["suggestions"]]


def test_the_page_shows_where_you_are_reachable_per_purpose_and_sender(client, owner, weibo):
    MembershipFactory(profile=owner, platform=weibo, open_to_inquiries=True)

    page = page_of(client)

    assert "Where you are reachable" in page
    for label in OWNER_PURPOSES.values():
        assert str(label) in page
    for sender in TYPICAL_SENDERS:
        assert page.count(str(sender.label)) == len(OWNER_PURPOSES) * 2  # heading + list label


def test_your_own_platforms_are_ranked_with_score_and_reason(client, owner, weibo):
    MembershipFactory(
        profile=owner,
        platform=weibo,
        open_to_inquiries=True,
        publicizes_career=True,
        activity=Activity.DAILY,
    )

    response = client.get(URL)
    page = unescape(response.content.decode())

    business = next(
        v for v in response.context["reachable_by"] if v.purpose == "business_development"
    )
    china_based = business.senders[0]
    first = china_based.platforms[0]
    assert first.channel.channel == "weibo"
    assert f'<span class="channel-score">{first.channel.score}/100</span>' in page
    assert str(first.reason.message) in page


def test_a_foreign_sender_would_try_other_channels_before_weibo(client, owner, weibo):
    MembershipFactory(profile=owner, platform=weibo, open_to_inquiries=True)

    response = client.get(URL)
    page = unescape(response.content.decode())

    recruiting = response.context["reachable_by"][0]
    _china_based, foreign = recruiting.senders
    assert foreign.ahead
    assert "They would try these first:" in page


def test_without_platforms_none_are_listed(client, owner):
    page = page_of(client)

    assert "None of your platforms would reach them." in page


@pytest.mark.parametrize(
    ("setup", "suggestion", "rule", "link"),
    [
        pytest.param(
            {"visibility": Visibility.PRIVATE},
            "profile-private",
            "R12",
            f"{reverse('profiles:me_edit')}#id_visibility_0",
            id="private-profile",
        ),
        pytest.param(
            {"memberships": [("wechat", {"open_to_inquiries": True})]},
            "introduction-only",
            "R7",
            reverse("profiles:me_memberships"),
            id="R7-wechat-only",
        ),
        pytest.param(
            {"memberships": [("weibo", {"open_to_inquiries": False})]},
            "closed-everywhere",
            "R12",
            reverse("profiles:me_memberships"),
            id="R12-closed-everywhere",
        ),
        pytest.param(
            {
                "open_to_opportunities": True,
                "memberships": [("weibo", {"open_to_inquiries": True, "publicizes_career": True})],
            },
            "no-recruiting-platform",
            "R8",
            reverse("profiles:me_memberships"),
            id="R8-no-recruiting-platform",
        ),
    ],
)
def test_a_suggestion_is_shown_with_its_rule_and_a_link_to_the_setting(
    client, owner, weibo, wechat, liepin, setup, suggestion, rule, link
):
    platforms = {"weibo": weibo, "wechat": wechat, "liepin": liepin}
    owner.visibility = setup.get("visibility", Visibility.RECRUITERS)
    owner.open_to_opportunities = setup.get("open_to_opportunities", False)
    owner.save()
    for slug, settings in setup.get("memberships", [("weibo", {"open_to_inquiries": True})]):
        MembershipFactory(
            profile=owner,
            platform=platforms[slug],
            activity=Activity.DAILY,
            publicizes_career=settings.pop("publicizes_career", True),
            **settings,
        )

    response = client.get(URL)
    page = response.content.decode()

    assert [s.id for s in response.context["suggestions"]] == [suggestion]
    item = page.split(f'id="suggestion-{suggestion}"')[1].split("</li>")[0]
    assert f"#rule-{rule}" in item
    assert f'href="{link}"' in item
    assert unescape(response.context["suggestions"][0].text) in unescape(item)


def test_only_on_linkedin_at_a_domestic_firm_names_platforms_to_join(client, owner, weibo):
    linkedin = PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.RESTRICTED,
        reach_beyond_china=Platform.Level.HIGH,
    )
    owner.company_type = CompanyType.STATE_OWNED
    owner.open_to_opportunities = False
    owner.save()
    MembershipFactory(profile=owner, platform=linkedin, open_to_inquiries=True)

    response = client.get(URL)
    text = unescape(response.context["suggestions"][0].text)

    assert response.context["suggestions"][0].id == "global-network-only"
    assert "LinkedIn" in text
    assert "Sina Weibo" in text


def test_nothing_to_change_says_so(client, owner, weibo):
    owner.open_to_opportunities = False
    owner.save()
    MembershipFactory(
        profile=owner,
        platform=weibo,
        open_to_inquiries=True,
        publicizes_career=True,
        activity=Activity.DAILY,
    )

    page = page_of(client)

    assert "What to change" in page
    assert "Nothing to change" in page


def test_an_admin_edit_of_a_trait_changes_the_suggestions(
    client, owner, wechat, django_capture_on_commit_callbacks
):
    owner.open_to_opportunities = False
    owner.save()
    MembershipFactory(profile=owner, platform=wechat, open_to_inquiries=True)
    assert suggestion_ids(client) == ["introduction-only"]

    wechat.cold_messaging = Platform.ColdMessaging.YES
    with django_capture_on_commit_callbacks(execute=True):  # the edit commits: a new data version
        wechat.save()

    assert "introduction-only" not in suggestion_ids(client)


@pytest.mark.parametrize("membership_count", [1, 6])
def test_the_advice_keeps_the_query_count_flat_as_memberships_grow(
    client, owner, django_assert_num_queries, membership_count
):
    for _ in range(membership_count):
        MembershipFactory(profile=owner, open_to_inquiries=True)

    # session, user with their permissions and the nav's counts (one statement),
    # profile, memberships with their platforms, the catalog (4), the footer's data date
    with django_assert_num_queries(9 + PERMISSIONS_APART):
        response = client.get(URL)

    assert len(response.context["reachable_by"]) == len(OWNER_PURPOSES)


def test_no_suggestion_is_about_a_platform_the_executive_is_not_on(client, owner, weibo, liepin):
    """The report: "not open to inquiries on Liepin" for someone with no Liepin membership."""
    owner.open_to_opportunities = True
    owner.save()
    MembershipFactory(profile=owner, platform=weibo, open_to_inquiries=True, publicizes_career=True)

    response = client.get(URL)
    page = unescape(response.content.decode())

    assert all(s.platforms in ((), ("weibo",)) for s in response.context["suggestions"])
    assert "not open to inquiries on Liepin" not in page
    assert "not on a recruiting platform" in page


@pytest.mark.parametrize(
    ("status", "suggestion", "badge"),
    [
        (Platform.Status.SHUT_DOWN, "on-shut-down-platform", "shut down"),
        (Platform.Status.RESTRICTED, "on-restricted-platform", "restricted in China"),
    ],
)
def test_a_membership_on_a_closed_or_restricted_platform_is_flagged(
    client, owner, weibo, status, suggestion, badge
):
    owner.open_to_opportunities = False
    owner.save()
    MembershipFactory(
        profile=owner,
        platform=weibo,
        open_to_inquiries=True,
        publicizes_career=True,
        activity=Activity.DAILY,
    )
    gone = PlatformFactory(slug="chitu", name_en="Chitu", status=status)
    MembershipFactory(profile=owner, platform=gone)

    response = client.get(URL)
    page = unescape(response.content.decode())

    assert suggestion in [s.id for s in response.context["suggestions"]]
    row = page.split('<th scope="row">Chitu')[1].split("</tr>")[0]
    assert badge in row
