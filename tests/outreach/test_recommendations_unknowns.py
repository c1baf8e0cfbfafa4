"""POST /api/v1/recommendations/ when the asker doesn't know everything: the three states of a
platform (on it / not on it / unknown) and null settings, `preferred`, the target's role, industry
and city said back in `summary`, every score adding up, and bodies written before any of this
keeping their meaning."""

import pytest
from django.urls import reverse

from outreach.inputs import Sender, Target, TargetMembership
from outreach.vocabulary import Presence, Purpose
from platforms.models import Platform
from profiles.advice import advise
from tests.factories import PlatformFactory
from tests.outreach.test_recommendations_api import DELETE, DONE_WHEN_BODY, body_with

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:recommendations")

SUZHOU_CFO = {
    "purpose": "business_development",
    "target": {
        "company_type": "chinese_private",
        "seniority": "c_level",
        "title": "CFO",
        "industry": "manufacturing",
        "city": "suzhou",
        "other_platforms": "unknown",
    },
}
SETTINGS = ["active", "open_to_inquiries", "publicizes_career", "verified", "preferred"]


@pytest.fixture
def platforms(weibo, maimai, linkedin, ushi):
    return [weibo, maimai, linkedin, ushi]


def channels(response) -> dict[str, dict]:
    assert response.status_code == 200, response.content
    return {channel["channel"]: channel for channel in response.json()["channels"]}


def post(api_client, body, **headers):
    return api_client.post(URL, body, format="json", **headers)


def error_at(response, path: str):
    assert response.status_code == 400
    node = response.json()
    for step in path.split("."):
        node = node[step]
    return node


# --- Bodies from before keep their meaning -----------------------------------------------------


def test_an_old_body_means_what_it_meant(api_client, platforms):
    """A membership is on it, a setting left out keeps its old default (active yes, the others
    no), a platform left out is not on it."""
    expected = advise(
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=Target(
            "chinese_private",
            "c_level",
            ("zh",),
            memberships=(
                TargetMembership("weibo", open_to_inquiries=True, publicizes_career=True),
            ),
        ),
        sender=Sender(reads_chinese=True),
    )
    response = post(api_client, body_with(**{"target.memberships.0.verified": DELETE}))

    assert [(c["channel"], c["score"]) for c in response.json()["channels"]] == [
        (c.channel, c.score) for c in expected.channels
    ]
    answer = channels(response)
    assert answer["maimai"]["score"] == 0
    assert answer["maimai"]["presence"] == "not_on_it"
    assert answer["weibo"]["presence"] == "on_it"


def test_a_setting_left_out_is_its_old_default_and_null_is_unknown(api_client, platforms):
    left_out = channels(
        post(api_client, body_with(**{"target.memberships": [{"platform": "weibo"}]}))
    )
    null = channels(post(api_client, body_with(**{"target.memberships": [
        {"platform": "weibo", **dict.fromkeys(SETTINGS)}]})))  # fmt: skip

    assert left_out["weibo"]["open_to_inquiries"] is False
    assert null["weibo"]["open_to_inquiries"] is None
    assert null["weibo"]["score"] > left_out["weibo"]["score"]  # not closed: not held against


# --- Three states -------------------------------------------------------------------------------


@pytest.mark.parametrize("presence", ["on_it", "not_on_it", "unknown"])
def test_each_presence_is_accepted_and_said_back(api_client, platforms, presence):
    body = body_with(**{"target.memberships": [{"platform": "maimai", "presence": presence}]})

    maimai = channels(post(api_client, body))["maimai"]

    assert maimai["presence"] == presence
    assert (maimai["score"] == 0) is (presence == "not_on_it")


def test_other_platforms_unknown_scores_every_platform_left_out(api_client, platforms):
    answer = channels(post(api_client, SUZHOU_CFO))

    assert {slug for slug, c in answer.items() if c["presence"] == "unknown"} == {
        "weibo",
        "maimai",
        "linkedin",
        "ushi",
    }
    assert answer["ushi"]["available"] is False  # shut down, whatever the presence
    assert answer["ushi"]["find_out"] is None
    assert "Check whether they are on" in answer["weibo"]["find_out"]
    assert answer["email"]["find_out"] is None


def test_unknown_presence_scores_as_on_it_knowing_nothing(api_client, platforms):
    unknown = body_with(**{"target.memberships": [{"platform": "weibo", "presence": "unknown"}]})
    on_it = body_with(**{"target.memberships": [{"platform": "weibo", **dict.fromkeys(SETTINGS)}]})

    assert (
        channels(post(api_client, unknown))["weibo"]["score"]
        == (channels(post(api_client, on_it))["weibo"]["score"])
    )


@pytest.mark.parametrize("presence", ["not_on_it", "unknown"])
@pytest.mark.parametrize("setting", SETTINGS)
def test_a_setting_of_a_platform_they_are_not_known_to_be_on_is_a_400(
    api_client, platforms, presence, setting
):
    membership = {"platform": "weibo", "presence": presence, setting: True}

    response = post(api_client, body_with(**{"target.memberships": [membership]}))

    assert "presence on_it" in error_at(response, f"target.memberships.0.{setting}")[0]


def test_a_null_setting_is_fine_whatever_the_presence(api_client, platforms):
    membership = {"platform": "weibo", "presence": "unknown", **dict.fromkeys(SETTINGS)}

    assert post(api_client, body_with(**{"target.memberships": [membership]})).status_code == 200


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"target.memberships.0.presence": "maybe"}, "target.memberships.0.presence"),
        ({"target.memberships.0.presence": None}, "target.memberships.0.presence"),
        ({"target.other_platforms": "on_it"}, "target.other_platforms"),
        ({"target.city": "atlantis"}, "target.city"),
        ({"target.industry": "piracy"}, "target.industry"),
        ({"target.title": "x" * 151}, "target.title"),
        ({"target.title": "CFO\x00"}, "target.title"),
        ({"target.memberships.0.preferred": "sometimes"}, "target.memberships.0.preferred"),
    ],
)
def test_bad_new_input_is_a_400_naming_the_field(api_client, platforms, changes, path):
    assert error_at(post(api_client, body_with(**changes)), path)


# --- Preferred (R12) ----------------------------------------------------------------------------


def test_preferred_is_accepted_and_ranks_the_channel_higher(api_client, platforms):
    plain = channels(post(api_client, DONE_WHEN_BODY))["weibo"]
    preferred = channels(post(api_client, body_with(**{"target.memberships.0.preferred": True})))

    assert preferred["weibo"]["score"] == plain["score"] + 5
    assert "It is their preferred channel." in [r["text"] for r in preferred["weibo"]["reasons"]]


# --- Explained and said back --------------------------------------------------------------------


@pytest.mark.parametrize("body", [DONE_WHEN_BODY, SUZHOU_CFO], ids=["on-weibo", "nothing-known"])
def test_every_score_adds_up_from_its_base_and_reasons(api_client, platforms, body):
    for channel in channels(post(api_client, body)).values():
        points = sum(reason["points"] for reason in channel["reasons"])
        parts = channel["base"] + points + channel["limited"] + channel["capped"]
        assert parts + channel["evidence_points"] == channel["score"], channel["channel"]


def test_the_summary_says_the_question_back(api_client, platforms):
    answer = post(api_client, SUZHOU_CFO).json()

    assert answer["summary"] == (
        "CFO at a Chinese private company in manufacturing, in Suzhou, reached by someone who "
        "doesn't read Chinese, for business development."
    )


def test_the_summary_follows_the_language_asked_for(api_client, platforms):
    answer = post(api_client, SUZHOU_CFO, HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert "苏州" in answer["summary"]


def test_role_industry_and_city_may_be_left_out_as_before(api_client, platforms):
    answer = post(api_client, DONE_WHEN_BODY).json()

    assert answer["summary"].startswith("C-level executive at a Chinese private company, ")


def test_the_schema_documents_the_three_states(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    membership = schema["components"]["schemas"]["TargetMembershipInputRequest"]["properties"]

    presence = schema["components"]["schemas"]["PresenceEnum"]
    assert set(presence["enum"]) == {p.value for p in Presence}
    assert membership["preferred"]["nullable"] is True
    assert schema["components"]["schemas"]["TargetMembershipInputRequest"]["required"] == [
        "platform"
    ]


# --- A platform whose status is unknown ---------------------------------------------------------


def test_a_platform_whose_status_is_unknown_comes_after_every_advised_known_channel(
    api_client, platforms
):
    """The same order as the advisor page, and each channel says where its platform stands."""
    PlatformFactory(slug="huihui", name_en="Huihui", kind=Platform.Kind.MEETINGS,
                    status=Platform.Status.UNKNOWN)  # fmt: skip
    PlatformFactory(slug="dajie", name_en="Dajie", status=Platform.Status.UNKNOWN,
                    historical=True)  # fmt: skip

    ranked = post(api_client, SUZHOU_CFO).json()["channels"]
    by_id = {channel["channel"]: channel for channel in ranked}
    advised = [
        channel["channel"] for channel in ranked if channel["available"] and channel["score"]
    ]

    assert by_id["huihui"]["score"] >= by_id["in-person"]["score"]
    assert advised[-1] == "huihui"
    assert advised.index("in-person") < advised.index("huihui")
    assert by_id["huihui"]["operating_state"] == "status_unknown"
    assert by_id["weibo"]["operating_state"] == "operating"
    assert by_id["ushi"]["operating_state"] == "historical"
    assert (by_id["dajie"]["operating_state"], by_id["dajie"]["available"]) == ("historical", False)
    assert by_id["in-person"]["operating_state"] is None
    assert "(status unknown)" in by_id["huihui"]["find_out"]
    assert "best way" not in by_id["huihui"]["find_out"]
