"""POST /api/v1/recommendations/ and GET /api/v1/candidates/<id>/recommendation/: advice as JSON."""

import copy

import pytest
from django.urls import reverse

from outreach.inputs import Sender, Target, TargetMembership
from outreach.vocabulary import Purpose
from profiles.advice import advise
from profiles.models import CompanyType, Seniority, Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:recommendations")

DONE_WHEN_BODY = {
    "purpose": "business_development",
    "target": {
        "company_type": "chinese_private",
        "seniority": "c_level",
        "languages": ["zh"],
        "abroad_experience": False,
        "memberships": [
            {
                "platform": "weibo",
                "active": True,
                "open_to_inquiries": True,
                "publicizes_career": True,
                "verified": False,
            }
        ],
    },
    "sender": {
        "reads_chinese": True,
        "can_verify_mainland_account": False,
        "has_mutual_contact": False,
    },
}


DELETE = object()


def body_with(**changes) -> dict:
    """The done-when body with dotted paths replaced: body_with(**{"sender.reads_chinese": 1})."""
    body = copy.deepcopy(DONE_WHEN_BODY)
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = body
        for parent in parents:
            node = node[int(parent)] if parent.isdigit() else node[parent]
        if value is DELETE:
            del node[leaf]
        else:
            node[leaf] = value
    return body


def channel_order(response) -> list[str]:
    return [channel["channel"] for channel in response.json()["channels"]]


@pytest.fixture
def platforms(weibo, maimai, linkedin, ushi):
    return [weibo, maimai, linkedin, ushi]


def test_anyone_gets_every_channel_ranked_with_cited_reasons(api_client, platforms):
    response = api_client.post(URL, DONE_WHEN_BODY, format="json")

    assert response.status_code == 200
    channels = response.json()["channels"]
    assert {c["channel"] for c in channels} == {
        "weibo",
        "maimai",
        "linkedin",
        "ushi",
        "warm-introduction",
        "email",
        "phone",
        "in-person",
    }
    weibo = next(c for c in channels if c["channel"] == "weibo")
    assert weibo["kind"] == "platform"
    assert weibo["reasons"]
    assert all(reason["rule"].startswith("R") for reason in weibo["reasons"])
    assert any(reason["sources"] for reason in weibo["reasons"])


def test_the_answer_is_the_recommenders_ranking(api_client, platforms):
    expected = advise(
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=Target(
            company_type=CompanyType.CHINESE_PRIVATE,
            seniority=Seniority.C_LEVEL,
            languages=("zh",),
            memberships=(
                TargetMembership("weibo", open_to_inquiries=True, publicizes_career=True),
            ),
        ),
        sender=Sender(reads_chinese=True),
    )

    response = api_client.post(URL, DONE_WHEN_BODY, format="json")

    assert [(c["channel"], c["score"]) for c in response.json()["channels"]] == [
        (c.channel, c.score) for c in expected.channels
    ]


def test_weibo_comes_before_email_and_phone(api_client, platforms):
    order = channel_order(api_client.post(URL, DONE_WHEN_BODY, format="json"))

    assert order.index("weibo") < order.index("email")
    assert order.index("weibo") < order.index("phone")


def test_a_mutual_contact_puts_the_warm_introduction_first(api_client, platforms):
    body = body_with(**{"sender.has_mutual_contact": True})

    assert channel_order(api_client.post(URL, body, format="json"))[0] == "warm-introduction"


def test_a_shut_down_platform_is_listed_unavailable_with_score_0(api_client, platforms):
    body = body_with(**{"target.memberships": [{"platform": "ushi", "open_to_inquiries": True}]})

    channels = api_client.post(URL, body, format="json").json()["channels"]

    ushi = next(c for c in channels if c["channel"] == "ushi")
    assert (ushi["available"], ushi["score"]) == (False, 0)


def test_sender_may_be_left_out(api_client, platforms):
    body = body_with(sender=DELETE)

    assert api_client.post(URL, body, format="json").status_code == 200


def test_channel_names_follow_the_language_asked_for(api_client, platforms):
    response = api_client.post(URL, DONE_WHEN_BODY, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")

    names = {c["channel"]: c["name"] for c in response.json()["channels"]}
    assert names["weibo"] == "微博"


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"purpose": DELETE}, "purpose"),
        ({"purpose": "selling"}, "purpose"),
        ({"target": DELETE}, "target"),
        ({"target": "ceo"}, "target.non_field_errors"),
        ({"target.company_type": "startup"}, "target.company_type"),
        ({"target.seniority": DELETE}, "target.seniority"),
        ({"target.languages": "zh"}, "target.languages"),
        ({"target.languages": ["fr"]}, "target.languages.0"),
        ({"target.abroad_experience": "sometimes"}, "target.abroad_experience"),
        ({"target.memberships.0.platform": "friendster"}, "target.memberships.0.platform"),
        ({"target.memberships.0.platform": DELETE}, "target.memberships.0.platform"),
        ({"target.memberships.0.verified": [1]}, "target.memberships.0.verified"),
        ({"target.memberships.0.followers": 3}, "target.memberships.0.followers"),
        ({"target.memberships": {"platform": "weibo"}}, "target.memberships"),
        ({"sender.reads_chinese": "a little"}, "sender.reads_chinese"),
        ({"sender.knows_ceo": True}, "sender.knows_ceo"),
        ({"sendr": {}}, "sendr"),
    ],
)
def test_a_bad_body_is_a_400_naming_the_field(api_client, platforms, changes, path):
    response = api_client.post(URL, body_with(**changes), format="json")

    assert response.status_code == 400
    node = response.json()
    for step in path.split("."):  # errors of list items are keyed by their index
        node = node[step]
    assert node


def test_an_unknown_platform_is_named_in_the_message(api_client, platforms):
    body = body_with(**{"target.memberships.0.platform": "friendster"})

    errors = api_client.post(URL, body, format="json").json()

    assert "friendster" in errors["target"]["memberships"]["0"]["platform"][0]


def test_a_platform_listed_twice_is_a_400_naming_memberships(api_client, platforms):
    body = body_with(**{"target.memberships": [{"platform": "weibo"}, {"platform": "weibo"}]})

    errors = api_client.post(URL, body, format="json").json()

    assert "weibo" in errors["target"]["memberships"][0]


# The body's switches read the site's one yes/no vocabulary, as JSON booleans or as words.
SWITCHES = [
    "target.abroad_experience",
    "target.memberships.0.active",
    "target.memberships.0.open_to_inquiries",
    "target.memberships.0.publicizes_career",
    "target.memberships.0.verified",
    "sender.reads_chinese",
    "sender.can_verify_mainland_account",
    "sender.has_mutual_contact",
]
YES_WORDS = ("1", "true", "yes", "on", "TRUE", "Yes")
NO_WORDS = ("0", "false", "no", "off", "False", "OFF")
SPELLINGS = [
    *(pytest.param(word, True, id=f"yes-{word}") for word in (*YES_WORDS, 1, True)),
    *(pytest.param(word, False, id=f"no-{word}") for word in (*NO_WORDS, 0, False)),
]
NOT_YES_OR_NO = ["maybe", "y", "t", 2, ""]


def all_switches(value) -> dict:
    return body_with(**dict.fromkeys(SWITCHES, value))


def test_the_switches_matter(api_client, platforms):
    on = api_client.post(URL, all_switches(True), format="json").json()
    off = api_client.post(URL, all_switches(False), format="json").json()

    assert on != off


@pytest.mark.parametrize(("word", "value"), SPELLINGS)
def test_every_switch_in_the_body_takes_each_spelling_of_yes_and_no(
    api_client, platforms, word, value
):
    response = api_client.post(URL, all_switches(word), format="json")

    assert response.status_code == 200
    assert response.json() == api_client.post(URL, all_switches(value), format="json").json()


@pytest.mark.parametrize("word", NOT_YES_OR_NO)
@pytest.mark.parametrize("path", SWITCHES)
def test_anything_else_is_a_400_naming_the_switch(api_client, platforms, path, word):
    response = api_client.post(URL, body_with(**{path: word}), format="json")

    assert response.status_code == 400
    node = response.json()
    for step in path.split("."):
        node = node[step]
    assert "Enter yes or no" in node[0]


@pytest.mark.parametrize(
    ("payload", "content_type", "status"),
    [
        ('{"purpose": ', "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("purpose=recruiting", "application/x-www-form-urlencoded", 415),
    ],
)
def test_malformed_bodies_are_4xx_json(api_client, platforms, payload, content_type, status):
    response = api_client.generic("POST", URL, payload, content_type=content_type)

    assert response.status_code == status
    assert response.json()


def test_the_catalog_is_read_in_a_fixed_number_of_queries(
    api_client, platforms, django_assert_num_queries
):
    # Four for the catalog, one for the observed outcomes; two each for the anonymous and the
    # advice rate limits, whose window counters in the database the first request creates
    # (core/throttling.py).
    with django_assert_num_queries(4 + 1 + 2 + 2):
        api_client.post(URL, DONE_WHEN_BODY, format="json")


# --- One candidate -------------------------------------------------------------------------------


@pytest.fixture
def candidate(weibo, linkedin):
    profile = ExecutiveProfileFactory(user=None)
    MembershipFactory(
        profile=profile, platform=weibo, open_to_inquiries=True, publicizes_career=True
    )
    return profile


def recommendation_url(profile) -> str:
    return reverse("api-v1:candidate-recommendation", kwargs={"pk": profile.pk})


def test_advice_for_one_candidate_comes_from_their_memberships(recruiter_api, candidate):
    response = recruiter_api.get(
        recommendation_url(candidate), {"purpose": "business_development", "reads_chinese": "1"}
    )

    assert response.status_code == 200
    expected = advise(
        purpose=Purpose.BUSINESS_DEVELOPMENT, target=candidate, sender=Sender(reads_chinese=True)
    )
    assert channel_order(response) == [c.channel for c in expected.channels]


def test_sender_flags_change_the_advice(recruiter_api, candidate):
    url = recommendation_url(candidate)
    without = recruiter_api.get(url, {"purpose": "business_development"})
    with_contact = recruiter_api.get(
        url, {"purpose": "business_development", "has_mutual_contact": "true"}
    )

    assert channel_order(with_contact)[0] == "warm-introduction"
    assert channel_order(without) != channel_order(with_contact)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "purpose"),
        ({"purpose": "selling"}, "purpose"),
        ({"purpose": "recruiting", "reads_chinese": "perhaps"}, "reads_chinese"),
        ({"purpose": "recruiting", "has_mutual_contact": "2"}, "has_mutual_contact"),
    ],
)
def test_bad_query_parameters_are_a_400_naming_them(recruiter_api, candidate, query, field):
    response = recruiter_api.get(recommendation_url(candidate), query)

    assert response.status_code == 400
    assert field in response.json()


def test_advice_on_a_private_profile_is_a_404(recruiter_api, candidate):
    candidate.visibility = Visibility.PRIVATE
    candidate.save()

    response = recruiter_api.get(recommendation_url(candidate), {"purpose": "recruiting"})

    assert response.status_code == 404


def test_executives_get_no_advice_on_candidates(owner_api, candidate):
    response = owner_api.get(recommendation_url(candidate), {"purpose": "recruiting"})

    assert response.status_code == 403


QUERY_SWITCHES = ("reads_chinese", "can_verify_mainland_account", "has_mutual_contact")


@pytest.mark.parametrize(
    ("word", "value"),
    [
        *(pytest.param(word, True, id=f"yes-{word}") for word in YES_WORDS),
        *(pytest.param(word, False, id=f"no-{word}") for word in NO_WORDS),
    ],
)
def test_the_query_takes_each_spelling_of_yes_and_no(recruiter_api, candidate, word, value):
    query = {"purpose": "business_development", **dict.fromkeys(QUERY_SWITCHES, word)}

    response = recruiter_api.get(recommendation_url(candidate), query)

    assert response.status_code == 200
    expected = advise(
        purpose=Purpose.BUSINESS_DEVELOPMENT, target=candidate, sender=Sender(value, value, value)
    )
    assert channel_order(response) == [c.channel for c in expected.channels]


@pytest.mark.parametrize("word", ["maybe", "y", "2"])
@pytest.mark.parametrize("name", QUERY_SWITCHES)
def test_anything_else_in_the_query_is_a_400_naming_the_switch(
    recruiter_api, candidate, name, word
):
    query = {"purpose": "recruiting", name: word}

    response = recruiter_api.get(recommendation_url(candidate), query)

    assert response.status_code == 400
    assert list(response.json()) == [name]
    assert "Enter yes or no" in response.json()[name][0]
