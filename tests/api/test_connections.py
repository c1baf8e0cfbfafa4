"""/api/v1/me/connections/, /connection-requests/ and /blocks/: the network over HTTP, with the
same rules and errors as My network."""

from __future__ import annotations

import pytest
from django.urls import reverse

from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile, Visibility
from profiles.network_models import RequestStatus, Willingness
from tests.factories import ConnectionRequestFactory, ExecutiveProfileFactory, connect

pytestmark = pytest.mark.django_db

CONNECTIONS_URL = reverse("api-v1:me-connection-list")
REQUESTS_URL = reverse("api-v1:me-connection-request-list")
BLOCKS_URL = reverse("api-v1:me-block-list")
ASK = {"relationship": "former_colleague", "closeness": 3}


@pytest.fixture
def me(executive) -> ExecutiveProfile:
    return executive.executive_profile


@pytest.fixture
def li_wei() -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name="Li Wei", visibility=Visibility.PUBLIC)


def connection_url(person: ExecutiveProfile) -> str:
    return reverse("api-v1:me-connection-detail", kwargs={"pk": person.pk})


def action_url(action: str, request: ConnectionRequest) -> str:
    return reverse(f"api-v1:me-connection-request-{action}", kwargs={"pk": request.pk})


# --- Connections ---------------------------------------------------------------------------------


def test_the_list_holds_my_side_of_each_connection(owner_api, me, li_wei):
    connect(me, li_wei, relationship="classmate", willingness=Willingness.ASK)
    connect(li_wei, ExecutiveProfileFactory())  # not mine

    response = owner_api.get(CONNECTIONS_URL)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["results"] == [
        {
            "person": {"id": li_wei.pk, "display_name": "Li Wei"},
            "relationship": "classmate",
            "closeness": 2,
            "willingness": "ask",
            "created_at": response.json()["results"][0]["created_at"],
        }
    ]


def test_patch_sets_my_willingness_only(owner_api, me, li_wei):
    connect(me, li_wei, willingness=Willingness.ASK)

    response = owner_api.patch(connection_url(li_wei), {"willingness": "never"})

    assert response.status_code == 200
    assert response.json()["willingness"] == "never"
    assert Contact.objects.get(owner=me).willingness == Willingness.NEVER
    assert Contact.objects.get(owner=li_wei).willingness == Willingness.ASK


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"willingness": "sometimes"}, "willingness"),
        ({"relationship": "drinking_buddy"}, "relationship"),
        ({"closeness": 7}, "closeness"),
        ({"created_at": "2020-01-01T00:00:00Z"}, "created_at"),
        ({"person": 1}, "person"),
    ],
)
def test_bad_changes_are_a_400_naming_the_field(owner_api, me, li_wei, body, field):
    connect(me, li_wei)

    response = owner_api.patch(connection_url(li_wei), body)

    assert response.status_code == 400
    assert field in response.json()


def test_delete_removes_the_connection_for_both(owner_api, me, li_wei):
    connect(me, li_wei)

    assert owner_api.delete(connection_url(li_wei)).status_code == 204
    assert not Contact.objects.exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_someone_elses_connection_is_a_404(owner_api, li_wei, method):
    connect(li_wei, ExecutiveProfileFactory())

    response = getattr(owner_api, method)(connection_url(li_wei))

    assert response.status_code == 404
    assert Contact.objects.count() == 2


def test_without_a_profile_the_network_is_a_404_saying_how_to_make_one(recruiter_api):
    response = recruiter_api.get(CONNECTIONS_URL)

    assert response.status_code == 404
    assert "A private profile is enough" in response.json()["detail"]


# --- Requests ------------------------------------------------------------------------------------


def test_asking_is_a_201_with_the_pending_request(owner_api, me, li_wei):
    response = owner_api.post(REQUESTS_URL, {"recipient": li_wei.pk, **ASK, "message": "Hi"})

    assert response.status_code == 201
    body = response.json()
    assert (body["direction"], body["status"], body["message"]) == ("sent", "pending", "Hi")
    assert body["recipient"] == {"id": li_wei.pk, "display_name": "Li Wei"}
    assert ConnectionRequest.objects.get(pk=body["id"]).sender == me


def test_asking_back_is_a_200_with_their_request_accepted(owner_api, me, li_wei):
    theirs = ConnectionRequestFactory(sender=li_wei, recipient=me)

    response = owner_api.post(REQUESTS_URL, {"recipient": li_wei.pk, **ASK})

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["status"]) == (theirs.pk, "accepted")
    assert Contact.objects.count() == 2


@pytest.mark.parametrize(
    "recipient",
    [
        lambda: ExecutiveProfileFactory(visibility=Visibility.PRIVATE).pk,
        lambda: ExecutiveProfileFactory(visibility=Visibility.RECRUITERS).pk,
        lambda: 987_654_321,
        lambda: 2**70,
    ],
    ids=["private", "shared with recruiters only", "unknown", "out of range"],
)
def test_a_person_you_cant_see_is_a_404(owner_api, recipient):
    response = owner_api.post(REQUESTS_URL, {"recipient": recipient(), **ASK})

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no profile with this id that you can see."}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"recipient": "me", **ASK}, "recipient"),
        ({"recipient": 0, **ASK}, "recipient"),
        ({"recipient": None, **ASK}, "recipient"),
        ({"relationship": "drinking_buddy", "closeness": 1}, "relationship"),
        ({"relationship": "colleague", "closeness": 0}, "closeness"),
        ({**ASK, "message": "x" * 501}, "message"),
        ({**ASK, "status": "accepted"}, "status"),
    ],
)
def test_bad_requests_are_a_400_naming_the_field(owner_api, li_wei, body, field):
    body = {"recipient": li_wei.pk, **body}

    response = owner_api.post(REQUESTS_URL, body)

    assert response.status_code == 400
    assert field in response.json()
    assert not ConnectionRequest.objects.exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda me, them: connect(me, them), "You are already connected with Li Wei."),
        (
            lambda me, them: Block.objects.create(blocker=them, blocked=me),
            "You can't send this person a request.",
        ),
        (
            lambda me, them: ConnectionRequestFactory(sender=me, recipient=them),
            "You have already asked Li Wei to connect: wait for their answer, or withdraw "
            "your request.",
        ),
    ],
    ids=["connected", "blocked you", "asked already"],
)
def test_refused_requests_say_why_under_recipient(owner_api, me, li_wei, setup, message):
    setup(me, li_wei)

    response = owner_api.post(REQUESTS_URL, {"recipient": li_wei.pk, **ASK})

    assert response.status_code == 400
    assert response.json() == {"recipient": [message]}


def test_a_request_names_its_recipient(owner_api):
    response = owner_api.post(REQUESTS_URL, ASK)

    assert response.status_code == 400
    assert "recipient" in response.json()


def test_asking_yourself_is_a_400(owner_api, me):
    response = owner_api.post(REQUESTS_URL, {"recipient": me.pk, **ASK})

    assert response.json() == {"recipient": ["You can't ask yourself to connect."]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"sent", "received"}),
        ({"direction": "sent"}, {"sent"}),
        ({"direction": "received"}, {"received"}),
    ],
)
def test_requests_are_listed_by_direction(owner_api, me, query, expected):
    ConnectionRequestFactory(sender=me)
    ConnectionRequestFactory(recipient=me)
    ConnectionRequestFactory()  # between others

    response = owner_api.get(REQUESTS_URL, query)

    assert {row["direction"] for row in response.json()["results"]} == expected
    assert response.json()["count"] == len(expected)


def test_an_unknown_direction_is_a_400_naming_it(owner_api):
    response = owner_api.get(REQUESTS_URL, {"direction": "both"})

    assert response.status_code == 400
    assert "direction" in response.json()


def test_accepting_connects_with_my_own_description(owner_api, me, li_wei):
    request = ConnectionRequestFactory(sender=li_wei, recipient=me, relationship="colleague")

    response = owner_api.post(action_url("accept", request), {"relationship": "friend_or_family"})

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert Contact.objects.get(owner=me).relationship == "friend_or_family"
    assert Contact.objects.get(owner=li_wei).relationship == "colleague"


def test_accepting_twice_answers_the_same(owner_api, me, li_wei):
    request = ConnectionRequestFactory(sender=li_wei, recipient=me)

    first = owner_api.post(action_url("accept", request))
    again = owner_api.post(action_url("accept", request))

    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Contact.objects.count() == 2


@pytest.mark.parametrize(
    ("action", "status"),
    [("decline", RequestStatus.DECLINED), ("withdraw", RequestStatus.WITHDRAWN)],
)
def test_declining_and_withdrawing(owner_api, me, li_wei, action, status):
    sender, recipient = (li_wei, me) if action == "decline" else (me, li_wei)
    request = ConnectionRequestFactory(sender=sender, recipient=recipient)

    response = owner_api.post(action_url(action, request))

    assert response.status_code == 200
    assert response.json()["status"] == status
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("action", "mine_as"),
    [
        ("accept", None),
        ("decline", None),
        ("withdraw", None),
        ("accept", "sender"),
        ("decline", "sender"),
        ("withdraw", "recipient"),
    ],
    ids=[
        "accept another pair's",
        "decline another pair's",
        "withdraw another pair's",
        "accept my own",
        "decline my own",
        "withdraw one sent to me",
    ],
)
def test_a_request_not_yours_to_act_on_is_a_404(owner_api, me, action, mine_as):
    request = ConnectionRequestFactory(**({mine_as: me} if mine_as else {}))

    response = owner_api.post(action_url(action, request))

    assert response.status_code == 404
    assert ConnectionRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


def test_a_request_no_longer_open_is_a_400_saying_why(owner_api, me, li_wei):
    request = ConnectionRequestFactory(sender=li_wei, recipient=me, status=RequestStatus.WITHDRAWN)

    response = owner_api.post(action_url("accept", request))

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This request was withdrawn."]}


# --- Blocks --------------------------------------------------------------------------------------


def test_blocking_is_a_201_then_a_200(owner_api, me, li_wei):
    connect(me, li_wei)

    first = owner_api.post(BLOCKS_URL, {"profile": li_wei.pk})
    again = owner_api.post(BLOCKS_URL, {"profile": li_wei.pk})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["person"] == {"id": li_wei.pk, "display_name": "Li Wei"}
    assert not Contact.objects.exists()
    assert [row["person"]["id"] for row in owner_api.get(BLOCKS_URL).json()["results"]] == [
        li_wei.pk
    ]


def test_blocking_a_stranger_you_cant_see_is_a_404(owner_api):
    stranger = ExecutiveProfileFactory(visibility=Visibility.PRIVATE)

    assert owner_api.post(BLOCKS_URL, {"profile": stranger.pk}).status_code == 404
    assert not Block.objects.exists()


def test_you_are_not_among_the_people_you_may_block(owner_api, me):
    assert owner_api.post(BLOCKS_URL, {"profile": me.pk}).status_code == 404


def test_unblocking(owner_api, me, li_wei):
    Block.objects.create(blocker=me, blocked=li_wei)
    url = reverse("api-v1:me-block-detail", kwargs={"pk": li_wei.pk})

    assert owner_api.delete(url).status_code == 204
    assert owner_api.delete(url).status_code == 404


def test_the_schema_documents_every_network_operation(api_client):
    paths = api_client.get(reverse("api-schema"), {"format": "json"}).json()["paths"]

    assert {
        "/api/v1/me/connections/",
        "/api/v1/me/connections/{id}/",
        "/api/v1/me/connection-requests/",
        "/api/v1/me/connection-requests/{id}/accept/",
        "/api/v1/me/connection-requests/{id}/decline/",
        "/api/v1/me/connection-requests/{id}/withdraw/",
        "/api/v1/me/blocks/",
        "/api/v1/me/blocks/{id}/",
    } <= set(paths)


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "api-v1:me-connection-detail"),
        ("patch", "api-v1:me-connection-detail"),
        ("delete", "api-v1:me-connection-detail"),
        ("post", "api-v1:me-connection-request-accept"),
        ("post", "api-v1:me-connection-request-withdraw"),
        ("delete", "api-v1:me-block-detail"),
    ],
)
def test_an_id_past_any_column_is_a_404(owner_api, method, name):
    response = getattr(owner_api, method)(reverse(name, kwargs={"pk": 2**70}))

    assert response.status_code == 404
