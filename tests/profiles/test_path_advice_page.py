"""Advice on a specific person follows the signed-in viewer's best path to them: the person's page
and the candidate recommendation API name the intermediary to ask (R2)."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from outreach.vocabulary import CLOSE_LINK, WARM_INTRODUCTION
from profiles.advice import known_path
from profiles.models import CompanyType, ExecutiveProfile, Visibility
from profiles.network_models import Closeness, Willingness
from profiles.paths import IntroductionPath, PathStep
from tests.factories import ExecutiveProfileFactory, MembershipFactory, connect

pytestmark = pytest.mark.django_db

CLOSE = Closeness.CLOSE


@pytest.fixture
def target(weibo) -> ExecutiveProfile:
    profile = ExecutiveProfileFactory(
        display_name="Gao Yan",
        company_type=CompanyType.CHINESE_PRIVATE,
        visibility=Visibility.RECRUITERS,
    )
    MembershipFactory(profile=profile, platform=weibo, open_to_inquiries=True)
    return profile


@pytest.fixture
def recruiter_with_a_path(recruiter, target) -> ExecutiveProfile:
    """The recruiter's own (private) profile, close to Li Wei, who is close to the target."""
    own = ExecutiveProfileFactory(user=recruiter, visibility=Visibility.PRIVATE)
    li_wei = ExecutiveProfileFactory(display_name="Li Wei", visibility=Visibility.RECRUITERS)
    connect(own, li_wei, closeness=CLOSE)
    connect(li_wei, target, closeness=CLOSE)
    return own


def detail(client, profile: ExecutiveProfile, **query):
    query = {"purpose": "business_development", **query}
    return client.get(reverse("profiles:detail", kwargs={"pk": profile.pk}), query)


def test_the_person_page_names_the_intermediary_in_the_warm_introduction(
    recruiter_client, target, recruiter_with_a_path
):
    response = detail(recruiter_client, target)

    advice = response.context["advice"]
    assert advice.best.channel == WARM_INTRODUCTION
    text = " ".join(unescape(response.content.decode()).split())
    assert "Li Wei, close to you both, is glad to introduce you: ask them first." in text
    assert "Your network has a path to them through Li Wei" in text


def test_the_path_decides_whatever_the_box_says(recruiter_client, target, recruiter_with_a_path):
    ticked = detail(recruiter_client, target, has_mutual_contact="false")

    assert ticked.context["advice"].best.channel == WARM_INTRODUCTION


def test_without_a_path_the_advice_is_to_find_someone_who_knows_them(recruiter_client, target):
    response = detail(recruiter_client, target)

    warm = response.context["advice"].get(WARM_INTRODUCTION)
    assert "look for someone who knows them" in str(warm.reasons[0].message)
    assert response.context["advice_path"] is None


def test_the_candidate_api_names_the_intermediary_too(recruiter_api, target, recruiter_with_a_path):
    url = reverse("api-v1:candidate-recommendation", kwargs={"pk": target.pk})

    channels = recruiter_api.get(url, {"purpose": "business_development"}).json()["channels"]

    assert channels[0]["channel"] == WARM_INTRODUCTION
    assert "Li Wei" in channels[0]["reasons"][0]["text"]


def step(name: str, closeness: int, willingness: str = Willingness.WILLING) -> PathStep:
    return PathStep(
        profile_id=hash(name) % 1000,
        display_name=name,
        relationship="colleague",
        closeness=closeness,
        willingness=willingness,
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            IntroductionPath(1, None, (step("Li Wei", 3), step("Gao Yan", 2)), 2),
            (2, 2, "Li Wei", True),
        ),
        # The sender's own row about Li Wei says "never": it is not Li Wei's willingness.
        (
            IntroductionPath(
                1, None, (step("Li Wei", 3, Willingness.NEVER), step("Gao Yan", 3)), 2
            ),
            (2, 3, "Li Wei", True),
        ),
        (
            IntroductionPath(
                1, None, (step("Li Wei", 3), step("Chen Jing", 3, "ask"), step("Gao Yan", 3)), 3
            ),
            (3, 3, "Li Wei", False),
        ),
        # Through a teammate: the sender asks the teammate first, one step more.
        (
            IntroductionPath(9, "Wang Fang", (step("Li Wei", 3), step("Gao Yan", 3)), 2),
            (3, 3, "Wang Fang", True),
        ),
    ],
    ids=["second", "own-row-ignored", "third-ask", "teammate"],
)
def test_a_path_as_the_recommender_weighs_it(path, expected):
    weighed = known_path(path)

    assert (weighed.degree, weighed.weakest_closeness, weighed.intermediary, weighed.willing) == (
        expected
    )


def test_the_recommender_reads_closeness_on_the_networks_scale():
    assert CLOSE_LINK == Closeness.CLOSE
