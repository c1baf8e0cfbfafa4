"""Connections: asking, answering, removing and blocking (`profiles.connections`), and the rules
each of them holds whoever calls it."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from profiles import connections
from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile, Visibility
from profiles.network_models import Closeness, Relationship, RequestStatus, Willingness
from profiles.network_selectors import relation
from profiles.viewer import nav_counts
from tests.factories import ConnectionRequestFactory, ExecutiveProfileFactory, connect

pytestmark = pytest.mark.django_db


@pytest.fixture
def me() -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name="Zhou Min", visibility=Visibility.PUBLIC)


@pytest.fixture
def them() -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name="Li Wei", visibility=Visibility.PUBLIC)


def ask(sender: ExecutiveProfile, recipient: ExecutiveProfile, **values) -> ConnectionRequest:
    values = {"relationship": Relationship.CLASSMATE, "closeness": Closeness.CLOSE, **values}
    return connections.ask_to_connect(sender=sender, recipient=recipient, **values)


def contact_pairs() -> set[tuple[int, int]]:
    return set(Contact.objects.values_list("owner_id", "other_id"))


def refused(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- Asking --------------------------------------------------------------------------------------


def test_asking_leaves_a_pending_request_open_for_thirty_days(me, them):
    request = ask(me, them, message="We met at CEIBS.")

    request.refresh_from_db()
    assert (request.sender, request.recipient, request.status) == (me, them, "pending")
    assert request.message == "We met at CEIBS."
    assert request.expires_at - request.created_at == pytest.approx(
        datetime.timedelta(days=30), abs=datetime.timedelta(seconds=5)
    )
    assert contact_pairs() == set()


def private_person(me, them):
    return ExecutiveProfileFactory(visibility=Visibility.PRIVATE)


def person_without_account(me, them):
    return ExecutiveProfileFactory(user=None, visibility=Visibility.PUBLIC)


def blocked_by_me(me, them):
    Block.objects.create(blocker=me, blocked=them)
    return them


def who_blocked_me(me, them):
    Block.objects.create(blocker=them, blocked=me)
    return them


def already_connected(me, them):
    connect(me, them)
    return them


def already_asked(me, them):
    ConnectionRequestFactory(sender=me, recipient=them)
    return them


@pytest.mark.parametrize(
    ("recipient", "message"),
    [
        (lambda me, them: me, "You can't ask yourself to connect."),
        (private_person, "There is no profile with this id that you can see."),
        (person_without_account, "This person has no account here, so they can't answer"),
        (blocked_by_me, "You can't send this person a request."),
        (who_blocked_me, "You can't send this person a request."),
        (already_connected, "You are already connected with Li Wei."),
        (already_asked, "You have already asked Li Wei to connect: wait for their answer"),
    ],
    ids=[
        "yourself",
        "a private profile",
        "no account",
        "blocked by you",
        "who blocked you",
        "connected",
        "asked already",
    ],
)
def test_a_request_is_refused_under_recipient_saying_why(me, them, recipient, message):
    with pytest.raises(ValidationError) as error:
        ask(me, recipient(me, them))

    assert list(refused(error)) == ["recipient"]
    assert refused(error)["recipient"][0].startswith(message)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"relationship": "business_partner"}, "relationship"),
        ({"relationship": ""}, "relationship"),
        ({"closeness": 4}, "closeness"),
        ({"message": "x" * 501}, "message"),
    ],
)
def test_bad_values_are_refused_naming_the_field(me, them, values, field):
    with pytest.raises(ValidationError) as error:
        ask(me, them, **values)

    assert field in refused(error)
    assert not ConnectionRequest.objects.exists()


def test_fifty_open_requests_are_the_most_one_person_may_have(me):
    for _ in range(connections.MAX_PENDING_SENT):
        ConnectionRequestFactory(sender=me)
    one_more = ExecutiveProfileFactory(visibility=Visibility.PUBLIC)

    with pytest.raises(ValidationError) as error:
        ask(me, one_more)

    assert refused(error)[NON_FIELD_ERRORS] == [
        "You can have at most 50 pending requests; withdraw some or wait for answers."
    ]


def test_expired_requests_do_not_count_against_the_limit(me):
    for _ in range(connections.MAX_PENDING_SENT):
        ConnectionRequestFactory(sender=me, expires_at=timezone.now())
    them = ExecutiveProfileFactory(visibility=Visibility.PUBLIC)

    ask(me, them)

    assert ConnectionRequest.objects.filter(sender=me, recipient=them).exists()


def test_a_stale_request_gives_way_to_a_new_one(me, them):
    stale = ConnectionRequestFactory(sender=me, recipient=them, expires_at=timezone.now())

    fresh = ask(me, them)

    stale.refresh_from_db()
    assert stale.status == RequestStatus.EXPIRED
    assert stale.decided_at == stale.expires_at
    assert fresh.status == RequestStatus.PENDING


def test_asking_someone_who_asked_you_accepts_their_request(me, them):
    theirs = ConnectionRequestFactory(
        sender=them, recipient=me, relationship=Relationship.COLLEAGUE
    )

    answer = ask(me, them, relationship=Relationship.FORMER_COLLEAGUE, closeness=Closeness.CLOSE)

    assert answer == theirs
    assert answer.status == RequestStatus.ACCEPTED
    assert ConnectionRequest.objects.count() == 1
    mine = Contact.objects.get(owner=me)
    assert (mine.other, mine.relationship, mine.closeness) == (them, "former_colleague", 3)
    assert Contact.objects.get(owner=them).relationship == Relationship.COLLEAGUE


def test_an_ask_meeting_theirs_at_the_insert_accepts_it(me, them, monkeypatch):
    """As when both ask at the same moment: their request is written after our checks found none,
    so ours meets the one-pending-per-pair constraint, and accepts theirs instead."""

    def their_request_arrives(sender: ExecutiveProfile) -> None:
        ConnectionRequestFactory(sender=them, recipient=me)

    monkeypatch.setattr(connections, "_check_pending_limit", their_request_arrives)

    answer = ask(me, them)

    assert (answer.sender, answer.status) == (them, RequestStatus.ACCEPTED)
    assert contact_pairs() == {(me.pk, them.pk), (them.pk, me.pk)}


# --- Answering -----------------------------------------------------------------------------------


@pytest.fixture
def request_to_me(me, them) -> ConnectionRequest:
    return ConnectionRequestFactory(
        sender=them,
        recipient=me,
        relationship=Relationship.CLIENT_OR_PARTNER,
        closeness=Closeness.KNOW_WELL,
    )


def test_accepting_writes_both_sides_with_the_senders_description(me, them, request_to_me):
    connections.accept_request(connection_request=request_to_me, recipient=me)

    assert request_to_me.status == RequestStatus.ACCEPTED
    assert request_to_me.decided_at is not None
    rows = Contact.objects.order_by("owner_id")
    assert [(c.owner, c.other, c.relationship, c.closeness) for c in rows] == sorted(
        [(them, me, "client_or_partner", 2), (me, them, "client_or_partner", 2)],
        key=lambda row: row[0].pk,
    )
    assert {c.willingness for c in rows} == {Willingness.ASK}


def test_the_recipient_may_describe_their_own_side(me, them, request_to_me):
    connections.accept_request(
        connection_request=request_to_me,
        recipient=me,
        relationship=Relationship.FRIEND_OR_FAMILY,
        closeness=Closeness.CLOSE,
    )

    mine = Contact.objects.get(owner=me)
    theirs = Contact.objects.get(owner=them)
    assert (mine.relationship, mine.closeness) == ("friend_or_family", 3)
    assert (theirs.relationship, theirs.closeness) == ("client_or_partner", 2)


def test_accepting_twice_leaves_one_connection_and_answers_the_same(me, request_to_me):
    first = connections.accept_request(connection_request=request_to_me, recipient=me)
    again = connections.accept_request(
        connection_request=ConnectionRequest.objects.get(pk=request_to_me.pk), recipient=me
    )

    assert first.status == again.status == RequestStatus.ACCEPTED
    assert Contact.objects.count() == 2


def test_declining_connects_nobody(me, request_to_me):
    connections.decline_request(connection_request=request_to_me, recipient=me)

    assert request_to_me.status == RequestStatus.DECLINED
    assert not Contact.objects.exists()


def test_withdrawing_closes_the_senders_request(them, request_to_me):
    connections.withdraw_request(connection_request=request_to_me, sender=them)

    assert request_to_me.status == RequestStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("status", "expires_in", "message"),
    [
        ("declined", 1, "This request was declined."),
        ("withdrawn", 1, "This request was withdrawn."),
        ("expired", -1, "This request expired: requests are open for 30 days."),
        ("pending", -1, "This request expired: requests are open for 30 days."),
    ],
)
def test_a_request_no_longer_open_cant_be_accepted(me, them, status, expires_in, message):
    closed = ConnectionRequestFactory(
        sender=them,
        recipient=me,
        status=status,
        expires_at=timezone.now() + datetime.timedelta(days=expires_in),
    )

    with pytest.raises(ValidationError) as error:
        connections.accept_request(connection_request=closed, recipient=me)

    assert refused(error) == {NON_FIELD_ERRORS: [message]}
    assert not Contact.objects.exists()


def test_an_accepted_request_cant_be_declined_or_withdrawn(me, them, request_to_me):
    connections.accept_request(connection_request=request_to_me, recipient=me)

    with pytest.raises(ValidationError, match="already accepted"):
        connections.decline_request(connection_request=request_to_me, recipient=me)
    with pytest.raises(ValidationError, match="already accepted"):
        connections.withdraw_request(connection_request=request_to_me, sender=them)


def test_the_sender_is_not_told_that_their_request_was_declined(me, them, request_to_me):
    connections.decline_request(connection_request=request_to_me, recipient=me)

    with pytest.raises(ValidationError) as error:
        connections.withdraw_request(connection_request=request_to_me, sender=them)

    assert refused(error) == {NON_FIELD_ERRORS: ["This request is no longer open."]}


@pytest.mark.parametrize(
    "act",
    [
        lambda r, them: connections.accept_request(connection_request=r, recipient=them),
        lambda r, them: connections.decline_request(connection_request=r, recipient=them),
    ],
    ids=["accept", "decline"],
)
def test_only_the_recipient_answers(them, request_to_me, act):
    with pytest.raises(PermissionDenied):
        act(request_to_me, them)


def test_only_the_sender_withdraws(me, request_to_me):
    with pytest.raises(PermissionDenied):
        connections.withdraw_request(connection_request=request_to_me, sender=me)


# --- Connections and blocks ----------------------------------------------------------------------


def test_each_side_changes_only_its_own_view(me, them):
    mine, theirs = connect(me, them, willingness=Willingness.ASK)

    connections.update_connection(
        contact=mine, willingness=Willingness.NEVER, closeness=Closeness.CLOSE
    )

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.willingness, mine.closeness) == ("never", 3)
    assert (theirs.willingness, theirs.closeness) == ("ask", 2)


def test_an_unknown_willingness_is_refused_naming_it(me, them):
    mine, _theirs = connect(me, them)

    with pytest.raises(ValidationError) as error:
        connections.update_connection(contact=mine, willingness="sometimes")

    assert list(refused(error)) == ["willingness"]


def test_either_side_removes_the_connection_for_both(me, them):
    _mine, theirs = connect(me, them)

    connections.remove_connection(contact=theirs)

    assert contact_pairs() == set()


def test_blocking_removes_the_connection(me, them):
    connect(me, them)

    _block, created = connections.block_person(blocker=me, blocked=them)

    assert created
    assert contact_pairs() == set()
    assert relation(me.pk, them.pk).blocked_them
    assert relation(them.pk, me.pk).blocked_by_them


@pytest.mark.parametrize(
    ("sent_by_blocker", "closed_as"),
    [(True, RequestStatus.WITHDRAWN), (False, RequestStatus.DECLINED)],
    ids=["the blocker's request", "the blocked person's request"],
)
def test_blocking_closes_the_open_request_between_them(me, them, sent_by_blocker, closed_as):
    sender, recipient = (me, them) if sent_by_blocker else (them, me)
    request = ConnectionRequestFactory(sender=sender, recipient=recipient)

    connections.block_person(blocker=me, blocked=them)

    assert ConnectionRequest.objects.get(pk=request.pk).status == closed_as


def test_blocking_twice_changes_nothing(me, them):
    connections.block_person(blocker=me, blocked=them)

    _block, created = connections.block_person(blocker=me, blocked=them)

    assert not created
    assert Block.objects.count() == 1


def test_nobody_blocks_themselves(me):
    with pytest.raises(ValidationError) as error:
        connections.block_person(blocker=me, blocked=me)

    assert list(refused(error)) == ["profile"]


def test_after_unblocking_requests_flow_again(me, them):
    block, _created = connections.block_person(blocker=them, blocked=me)

    connections.unblock_person(block=block)

    assert ask(me, them).status == RequestStatus.PENDING


# --- Expiry and counts ---------------------------------------------------------------------------


def test_the_command_flips_every_stale_request_and_says_how_many(me, them):
    stale = ConnectionRequestFactory(sender=me, expires_at=timezone.now())
    fresh = ConnectionRequestFactory(sender=them)
    out = StringIO()

    call_command("expire_network_requests", stdout=out)

    assert "Expired 1 connection requests." in out.getvalue()
    assert ConnectionRequest.objects.get(pk=stale.pk).status == RequestStatus.EXPIRED
    assert ConnectionRequest.objects.get(pk=fresh.pk).status == RequestStatus.PENDING


def test_the_navigation_counts_open_requests_to_answer_in_one_query(
    me, them, django_assert_num_queries
):
    ConnectionRequestFactory(sender=them, recipient=me)
    ConnectionRequestFactory(recipient=me, expires_at=timezone.now())
    ConnectionRequestFactory(recipient=me, status=RequestStatus.DECLINED)
    ConnectionRequestFactory(sender=me)

    with django_assert_num_queries(1):
        counts = nav_counts(me.user)

    assert counts["requests"] == 1


def test_without_a_profile_there_is_nothing_to_count(recruiter):
    assert set(nav_counts(recruiter).values()) == {0}
