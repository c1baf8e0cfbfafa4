"""/api/v1/me/introductions/: asking, the two boxes and every answer over HTTP, with the same rules,
errors and face saving as the pages."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from profiles.models import ExecutiveProfile, Introduction, Visibility
from profiles.network_models import IntroductionStatus
from tests.clients import token_client
from tests.factories import ExecutiveProfileFactory, MembershipFactory, connect

pytestmark = pytest.mark.django_db

LIST = reverse("api-v1:me-introduction-list")


def person(name: str, **fields) -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name=name, visibility=Visibility.PUBLIC, **fields)


@pytest.fixture
def people() -> dict[str, ExecutiveProfile]:
    """requester → Li Wei → Gao Yan; Li Wei → Chen Jing → Wu Fang (third degree only)."""
    cast = {
        "requester": person("Zhou Min", title="Head of Operations", company="Lakeside Motors"),
        "intermediary": person("Li Wei"),
        "second": person("Chen Jing"),
        "target": person("Gao Yan"),
        "far": person("Wu Fang"),
    }
    connect(cast["requester"], cast["intermediary"])
    connect(cast["intermediary"], cast["target"])
    connect(cast["intermediary"], cast["second"])
    connect(cast["second"], cast["far"])
    return cast


@pytest.fixture
def api(people):
    """The API as one of the people, by their role."""
    return lambda role: token_client(people[role].user)


def url(name: str, introduction_id: int) -> str:
    return reverse(f"api-v1:me-introduction-{name}", kwargs={"pk": introduction_id})


def ask(api, people, **body) -> dict:
    body = {
        "target": people["target"].pk,
        "via": people["intermediary"].pk,
        "purpose": "business_development",
        "message": "An hour of advice on a plant in Suzhou?",
        **body,
    }
    response = api("requester").post(LIST, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_whole_third_degree_introduction_over_the_api(api, people):
    asked = ask(api, people, target=people["far"].pk, then=people["second"].pk)
    pk = asked["id"]
    assert (asked["state"], asked["waiting_on"], asked["actions"]) == (
        "waiting",
        "Li Wei",
        ["withdraw"],
    )

    to_act = api("intermediary").get(LIST, {"box": "to_act"}).json()["results"]
    assert [(item["id"], item["actions"]) for item in to_act] == [(pk, ["pass-on", "decline"])]
    assert api("intermediary").post(url("pass-on", pk)).status_code == 200
    assert api("second").post(url("pass-on", pk)).json()["waiting_on"] == "Wu Fang"
    chosen = MembershipFactory(profile=people["far"], handle="wufang-wx", hide_handle=True)

    accepted = api("far").post(url("accept", pk), {"membership": chosen.pk}, format="json")

    assert accepted.status_code == 200
    assert accepted.json()["requester"] == "Zhou Min"
    mine = api("requester").get(url("detail", pk)).json()
    assert mine["state"] == "accepted"
    assert mine["channel"] == {
        "platform": str(chosen.platform.name),
        "handle": "wufang-wx",
        "in_app": False,
    }
    assert [entry["text"] for entry in mine["history"]] == [
        "You asked Li Wei for an introduction.",
        "Li Wei passed it on to Chen Jing.",
        "Chen Jing passed it on to Wu Fang.",
        "Wu Fang accepted.",
    ]


def test_the_boxes_hold_what_is_asked_of_you_and_what_you_asked(api, people):
    pk = ask(api, people)["id"]

    assert [item["id"] for item in api("requester").get(LIST, {"box": "sent"}).json()["results"]]
    assert api("requester").get(LIST).json()["results"] == []
    assert [i["id"] for i in api("intermediary").get(LIST).json()["results"]] == [pk]
    assert api("intermediary").get(LIST, {"box": "sent"}).json()["results"] == []


def test_the_person_to_meet_sees_who_asks_by_role_until_accepting(api, people):
    pk = ask(api, people)["id"]
    api("intermediary").post(url("pass-on", pk))

    seen = api("target").get(url("detail", pk)).json()

    assert seen["requester"] == "Head of Operations, Lakeside Motors"
    assert "Zhou Min" not in json.dumps(seen)


def test_a_decline_reads_as_waiting_to_the_requester(api, people):
    pk = ask(api, people)["id"]
    api("intermediary").post(url("pass-on", pk))

    declined = api("target").post(url("decline", pk))
    mine = api("requester").get(url("detail", pk))

    assert declined.json()["state"] == "declined"
    assert (mine.json()["state"], mine.json()["waiting_on"]) == ("waiting", "Gao Yan")
    assert "declin" not in mine.content.decode().lower()
    assert api("requester").post(url("withdraw", pk)).json()["state"] == "withdrawn"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target": "requester"}, "target"),
        ({"target": 10**30}, "target"),
        ({"via": "second"}, "via"),
        ({"then": "target"}, "then"),
        ({"purpose": "selling"}, "purpose"),
        ({"message": ""}, "message"),
        ({"message": "x" * 1001}, "message"),
        ({"message": "nul\x00"}, "message"),
        ({"sender": 1}, "sender"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, people, body, field):
    body = {name: people[v].pk if v in people else v for name, v in body.items()}
    base = {
        "target": people["target"].pk,
        "via": people["intermediary"].pk,
        "purpose": "business_development",
        "message": "Hello",
    }

    response = api("requester").post(LIST, {**base, **body}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Introduction.objects.exists()


def test_accepting_needs_a_channel_of_your_own(api, people):
    pk = ask(api, people)["id"]
    api("intermediary").post(url("pass-on", pk))
    theirs = MembershipFactory(profile=people["requester"])

    for body in ({}, {"membership": theirs.pk}, {"membership": None}):
        response = api("target").post(url("accept", pk), body, format="json")
        assert response.status_code == 400
        assert "membership" in response.json()
    in_app = api("target").post(url("accept", pk), {"reply_in_app": True}, format="json")
    assert in_app.json()["channel"]["in_app"] is True


def test_answering_twice_is_a_400_naming_status(api, people):
    pk = ask(api, people)["id"]
    api("intermediary").post(url("pass-on", pk))

    again = api("intermediary").post(url("decline", pk))

    assert again.status_code == 400
    assert again.json() == {"status": ["This introduction is no longer waiting for you."]}


def test_an_introduction_that_is_not_yours_or_not_yet_yours_is_a_404(api, people):
    pk = ask(api, people)["id"]

    assert api("target").get(url("detail", pk)).status_code == 404
    assert api("target").post(url("accept", pk), {}, format="json").status_code == 404
    assert api("second").post(url("withdraw", pk)).status_code == 404


def test_an_unknown_box_is_a_400_naming_it(api, people):
    response = api("requester").get(LIST, {"box": "archive"})

    assert response.status_code == 400
    assert "box" in response.json()


def test_a_key_an_action_does_not_take_is_refused(api, people):
    pk = ask(api, people)["id"]

    response = api("intermediary").post(url("pass-on", pk), {"note": "hi"}, format="json")

    assert response.status_code == 400
    assert "note" in response.json()
    assert Introduction.objects.get(pk=pk).status == IntroductionStatus.WITH_INTERMEDIARY


def test_every_operation_is_in_the_schema(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]

    assert set(paths["/api/v1/me/introductions/"]) >= {"get", "post"}
    for action in ("accept", "decline", "pass-on", "withdraw"):
        assert "post" in paths[f"/api/v1/me/introductions/{{id}}/{action}/"]
    assert "get" in paths["/api/v1/me/introductions/{id}/"]
