"""My network (/me/network/), the Connect page, and what a person's page says about connecting."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile, Visibility
from profiles.network_models import Relationship, RequestStatus, Willingness
from tests.databases import PERMISSIONS_APART
from tests.factories import ConnectionRequestFactory, ExecutiveProfileFactory, connect
from tests.profiles.html_helpers import field_block

pytestmark = pytest.mark.django_db

NETWORK_URL = reverse("profiles:network")


@pytest.fixture
def me(executive) -> ExecutiveProfile:
    return executive.executive_profile


@pytest.fixture
def my_client(client, executive):
    client.force_login(executive)
    return client


@pytest.fixture
def li_wei() -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name="Li Wei", visibility=Visibility.PUBLIC)


def url(name: str, pk: int) -> str:
    return reverse(f"profiles:{name}", kwargs={"pk": pk})


def page_text(response) -> str:
    return response.content.decode()


# --- My network ----------------------------------------------------------------------------------


def test_my_network_shows_requests_connections_and_blocks_with_counts(my_client, me, li_wei):
    connect(me, li_wei, relationship=Relationship.CLASSMATE)
    ConnectionRequestFactory(
        sender=ExecutiveProfileFactory(display_name="Chen Jing"), recipient=me, message="Hello"
    )
    ConnectionRequestFactory(sender=me, recipient=ExecutiveProfileFactory(display_name="Wu Hao"))
    Block.objects.create(blocker=me, blocked=ExecutiveProfileFactory(display_name="Spam Co"))

    page = page_text(my_client.get(NETWORK_URL))

    for name in ("Li Wei", "Chen Jing", "Hello", "Wu Hao", "Spam Co"):
        assert name in page
    assert f'id="id_connection_{li_wei.pk}_relationship"' in page


def test_expired_and_answered_requests_are_not_listed(my_client, me):
    ConnectionRequestFactory(
        sender=ExecutiveProfileFactory(display_name="Old Request"),
        recipient=me,
        expires_at="2020-01-01T00:00:00Z",
    )
    ConnectionRequestFactory(
        sender=ExecutiveProfileFactory(display_name="Declined One"),
        recipient=me,
        status=RequestStatus.DECLINED,
    )

    page = page_text(my_client.get(NETWORK_URL))

    assert "Old Request" not in page
    assert "Declined One" not in page


def test_a_private_sender_is_named_but_not_linked(my_client, me):
    private = ExecutiveProfileFactory(
        display_name="Quiet Person", title="Secret Title", visibility=Visibility.PRIVATE
    )
    ConnectionRequestFactory(sender=private, recipient=me)

    page = page_text(my_client.get(NETWORK_URL))

    assert "Quiet Person" in page
    assert url("detail", private.pk) not in page
    assert "Secret Title" not in page


@pytest.mark.parametrize("page", ["abc", "0", "-1", "\x00", "99999999999999999999"])
def test_a_page_number_that_is_not_one_is_a_400_saying_so(my_client, me, page):
    response = my_client.get(NETWORK_URL, {"page": page})

    assert response.status_code == 400
    assert response.context["page_errors"]
    assert response.context["page"].number == 1


def test_a_parameter_the_page_does_not_read_is_no_error(my_client, me):
    response = my_client.get(NETWORK_URL, {"page_size": "abc"})

    assert response.status_code == 200


def test_a_page_past_the_end_shows_the_last(my_client, me, li_wei):
    response = my_client.get(NETWORK_URL, {"page": "9"})

    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.parametrize("connection_count", [1, 6])
def test_my_network_runs_a_fixed_number_of_queries(
    my_client, me, django_assert_num_queries, connection_count
):
    for _ in range(connection_count):
        other = ExecutiveProfileFactory()
        connect(me, other)
        ConnectionRequestFactory(recipient=me)
        ConnectionRequestFactory(sender=me)
        Block.objects.create(blocker=me, blocked=ExecutiveProfileFactory())

    # Session, user with their permissions and the navigation's counts, profile; connections
    # (count, page), received, sent, blocks; who of them may be linked; the footer's date.
    with django_assert_num_queries(10 + PERMISSIONS_APART):
        response = my_client.get(NETWORK_URL)

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_without_a_profile_my_network_says_how_to_make_one(client_for_role, role):
    response = client_for_role(role).get(NETWORK_URL)

    assert response.status_code == 200
    assert "A private profile is enough" in page_text(response)
    assert reverse("profiles:me") in page_text(response)


def test_my_network_works_in_chinese(my_client, me, li_wei):
    connect(me, li_wei)
    with translation.override("zh-hans"):
        response = my_client.get(reverse("profiles:network"))

    assert response.status_code == 200
    assert 'lang="zh-Hans"' in page_text(response)


# --- Finding people to connect with --------------------------------------------------------------


def found_names(response) -> list[str]:
    return [person.display_name for person in response.context.get("found", [])]


@pytest.mark.parametrize("words", ["Zhou Lan", "zhoulan", "周岚", "Lakeside"])
def test_my_network_finds_a_person_by_name_pinyin_or_company(my_client, words):
    zhou = ExecutiveProfileFactory(
        display_name="Zhou Lan 周岚", company="Lakeside Motors", visibility=Visibility.PUBLIC
    )

    response = my_client.get(NETWORK_URL, {"find": words})

    assert found_names(response) == ["Zhou Lan 周岚"]
    assert url("connect", zhou.pk) in page_text(response)


def test_finding_says_who_is_a_connection_already(my_client, me, li_wei):
    connect(me, li_wei)

    response = my_client.get(NETWORK_URL, {"find": "Li Wei"})

    assert found_names(response) == ["Li Wei"]
    assert url("connect", li_wei.pk) not in page_text(response)


def test_finding_says_whom_i_asked_to_connect_already(my_client, me, li_wei):
    ConnectionRequestFactory(sender=me, recipient=li_wei)

    response = my_client.get(NETWORK_URL, {"find": "Li Wei"})

    assert "Request sent" in page_text(response).split('id="find"', 1)[1].split("</section>")[0]
    assert url("connect", li_wei.pk) not in page_text(response)


@pytest.mark.parametrize(
    "hidden_by",
    ["private", "shared_with_recruiters_only", "they_blocked_me", "i_blocked_them", "myself"],
)
def test_finding_never_shows_whom_the_network_may_not(my_client, me, li_wei, hidden_by):
    if hidden_by == "private":
        ExecutiveProfile.objects.filter(pk=li_wei.pk).update(visibility=Visibility.PRIVATE)
    elif hidden_by == "shared_with_recruiters_only":
        ExecutiveProfile.objects.filter(pk=li_wei.pk).update(visibility=Visibility.RECRUITERS)
    elif hidden_by == "they_blocked_me":
        Block.objects.create(blocker=li_wei, blocked=me)
    elif hidden_by == "i_blocked_them":
        Block.objects.create(blocker=me, blocked=li_wei)
    else:
        ExecutiveProfile.objects.filter(pk=li_wei.pk).update(visibility=Visibility.PRIVATE)
        ExecutiveProfile.objects.filter(pk=me.pk).update(display_name="Li Wei")

    response = my_client.get(NETWORK_URL, {"find": "Li Wei"})

    assert response.status_code == 200
    assert found_names(response) == []
    assert "Nobody found" in page_text(response)


@pytest.mark.parametrize("words", ["L", "x" * 101, "Li\x00Wei"])
def test_words_the_search_refuses_are_a_400_next_to_the_field(my_client, words):
    response = my_client.get(NETWORK_URL, {"find": words})

    assert response.status_code == 400
    assert "errorlist" in field_block(page_text(response), "id_find")


# --- Answering and acting on the page ------------------------------------------------------------


def test_accepting_on_the_page_connects_and_says_so(my_client, me, li_wei):
    request = ConnectionRequestFactory(sender=li_wei, recipient=me)

    response = my_client.post(url("network_accept", request.pk), follow=True)

    assert response.redirect_chain == [(f"{NETWORK_URL}#received", 302)]
    assert "You are now connected with Li Wei." in page_text(response)
    assert Contact.objects.filter(owner=me, other=li_wei).exists()


@pytest.mark.parametrize("action", ["network_accept", "network_decline", "network_withdraw"])
def test_a_request_between_other_people_is_a_404(my_client, action):
    request = ConnectionRequestFactory()

    assert my_client.post(url(action, request.pk)).status_code == 404
    assert ConnectionRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


def test_the_sender_cant_accept_their_own_request(my_client, me, li_wei):
    request = ConnectionRequestFactory(sender=me, recipient=li_wei)

    assert my_client.post(url("network_accept", request.pk)).status_code == 404


def test_answering_a_closed_request_says_why_with_a_400(my_client, me, li_wei):
    request = ConnectionRequestFactory(sender=li_wei, recipient=me, status=RequestStatus.WITHDRAWN)

    response = my_client.post(url("network_accept", request.pk))

    assert response.status_code == 400
    assert "This request was withdrawn." in page_text(response)


def test_declining_and_withdrawing_on_the_page(my_client, me, li_wei):
    received = ConnectionRequestFactory(sender=li_wei, recipient=me)
    sent = ConnectionRequestFactory(sender=me, recipient=ExecutiveProfileFactory())

    my_client.post(url("network_decline", received.pk))
    my_client.post(url("network_withdraw", sent.pk))

    assert ConnectionRequest.objects.get(pk=received.pk).status == RequestStatus.DECLINED
    assert ConnectionRequest.objects.get(pk=sent.pk).status == RequestStatus.WITHDRAWN


def test_willingness_is_saved_on_the_connections_row(my_client, me, li_wei):
    connect(me, li_wei, willingness=Willingness.ASK)
    body = {"relationship": "classmate", "closeness": "3", "willingness": "willing"}

    response = my_client.post(url("network_connection", li_wei.pk), body)

    assert response.status_code == 302
    mine = Contact.objects.get(owner=me, other=li_wei)
    assert (mine.relationship, mine.closeness, mine.willingness) == ("classmate", 3, "willing")
    assert Contact.objects.get(owner=li_wei).willingness == Willingness.ASK  # theirs as it was


def test_saving_a_connection_goes_back_to_its_row_on_the_same_page(my_client, me, li_wei):
    """On a phone the fifth row is 2,000px down: the page used to reopen at its top."""
    connect(me, li_wei)
    body = {"relationship": "classmate", "closeness": "3", "willingness": "willing"}

    response = my_client.post(
        url("network_connection", li_wei.pk), {**body, "next": f"{NETWORK_URL}?page=2"}
    )

    assert response.url == f"{NETWORK_URL}?page=2#connection-{li_wei.pk}"


def test_saving_a_connection_goes_nowhere_off_the_site(my_client, me, li_wei):
    connect(me, li_wei)
    body = {"relationship": "classmate", "closeness": "3", "willingness": "willing"}

    response = my_client.post(
        url("network_connection", li_wei.pk), {**body, "next": "https://example.com/"}
    )

    assert response.url == f"{NETWORK_URL}#connection-{li_wei.pk}"


def test_a_bad_value_is_shown_next_to_its_field_on_the_row(my_client, me, li_wei):
    connect(me, li_wei)
    body = {"relationship": "classmate", "closeness": "2", "willingness": "sometimes"}

    response = my_client.post(url("network_connection", li_wei.pk), body)

    assert response.status_code == 400
    block = field_block(page_text(response), f"id_connection_{li_wei.pk}_willingness")
    assert "errorlist" in block


def test_editing_a_stranger_as_a_connection_is_a_404(my_client, li_wei):
    body = {"relationship": "classmate", "closeness": "2", "willingness": "ask"}

    assert my_client.post(url("network_connection", li_wei.pk), body).status_code == 404


def test_removing_and_blocking_on_the_page(my_client, me, li_wei):
    chen = ExecutiveProfileFactory(visibility=Visibility.PUBLIC)
    connect(me, li_wei)
    connect(me, chen)

    my_client.post(url("network_remove", li_wei.pk))
    my_client.post(url("network_block", chen.pk))

    assert not Contact.objects.exists()
    assert Block.objects.filter(blocker=me, blocked=chen).exists()
    my_client.post(url("network_unblock", chen.pk))
    assert not Block.objects.exists()


def test_blocking_someone_never_in_touch_and_unseen_is_a_404(my_client):
    stranger = ExecutiveProfileFactory(visibility=Visibility.PRIVATE)

    assert my_client.post(url("network_block", stranger.pk)).status_code == 404


def test_a_private_person_who_asked_can_be_blocked(my_client, me):
    private = ExecutiveProfileFactory(visibility=Visibility.PRIVATE)
    ConnectionRequestFactory(sender=private, recipient=me)

    assert my_client.post(url("network_block", private.pk)).status_code == 302
    assert Block.objects.filter(blocker=me, blocked=private).exists()


# --- Asking to connect ---------------------------------------------------------------------------


def test_the_connect_page_asks_how_you_know_them(my_client, li_wei):
    response = my_client.get(url("connect", li_wei.pk))

    assert response.status_code == 200
    page = page_text(response)
    assert "Connect with Li Wei" in page
    assert 'name="relationship"' in page
    assert 'name="closeness"' in page


def test_sending_a_request_returns_to_their_page(my_client, me, li_wei):
    body = {"relationship": "colleague", "closeness": "2", "message": "From the Shanghai office"}

    response = my_client.post(url("connect", li_wei.pk), body, follow=True)

    assert response.redirect_chain == [(url("detail", li_wei.pk), 302)]
    assert "Your request was sent to Li Wei." in page_text(response)
    assert ConnectionRequest.objects.get(sender=me, recipient=li_wei).message == (
        "From the Shanghai office"
    )


def test_an_unknown_relationship_is_shown_next_to_its_field(my_client, li_wei):
    body = {"relationship": "drinking_buddy", "closeness": "2"}

    response = my_client.post(url("connect", li_wei.pk), body)

    assert response.status_code == 400
    assert "errorlist" in field_block(page_text(response), "id_relationship")
    assert not ConnectionRequest.objects.exists()


def test_a_refused_request_says_why(my_client, me, li_wei):
    Block.objects.create(blocker=li_wei, blocked=me)

    response = my_client.post(url("connect", li_wei.pk), {"relationship": "other", "closeness": 1})

    assert response.status_code == 400
    assert "You can&#x27;t send this person a request." in page_text(response)


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.RECRUITERS])
def test_connecting_to_a_profile_you_cant_see_is_a_404(my_client, visibility):
    hidden = ExecutiveProfileFactory(visibility=visibility)

    assert my_client.get(url("connect", hidden.pk)).status_code == 404
    assert my_client.post(url("connect", hidden.pk), {}).status_code == 404


def test_a_recruiter_without_a_profile_is_told_to_make_one(recruiter_client, li_wei):
    response = recruiter_client.post(
        url("connect", li_wei.pk), {"relationship": "other", "closeness": 1}
    )

    assert response.status_code == 400
    assert "A private profile is enough" in page_text(response)
    assert not ConnectionRequest.objects.exists()


def test_asking_back_accepts_and_says_you_are_connected(my_client, me, li_wei):
    ConnectionRequestFactory(sender=li_wei, recipient=me)

    page = page_text(my_client.get(url("connect", li_wei.pk)))
    response = my_client.post(
        url("connect", li_wei.pk), {"relationship": "other", "closeness": 1}, follow=True
    )

    assert "Accept and connect" in page
    assert "Li Wei had already asked you: you are now connected." in page_text(response)


# --- The person's page and the navigation --------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "shown"),
    [
        (lambda me, them: None, "Connect</a>"),
        (lambda me, them: connect(me, them), "Connected"),
        (lambda me, them: ConnectionRequestFactory(sender=me, recipient=them), "Request sent"),
        (
            lambda me, them: ConnectionRequestFactory(sender=them, recipient=me),
            "Asked to connect with you",
        ),
        (lambda me, them: Block.objects.create(blocker=me, blocked=them), "Blocked"),
    ],
    ids=["connect", "connected", "sent", "received", "blocked"],
)
def test_a_persons_page_says_where_you_stand(my_client, me, li_wei, setup, shown):
    setup(me, li_wei)

    page = page_text(my_client.get(url("detail", li_wei.pk)))

    assert shown in page


def test_visitors_see_no_connect_button(client, li_wei):
    assert url("connect", li_wei.pk) not in page_text(client.get(url("detail", li_wei.pk)))


def test_owners_see_no_connect_button_on_their_own_page(my_client, me):
    assert url("connect", me.pk) not in page_text(my_client.get(url("detail", me.pk)))


def test_the_navigation_counts_requests_waiting_for_an_answer(my_client, me):
    ConnectionRequestFactory(recipient=me)
    ConnectionRequestFactory(recipient=me)

    page = page_text(my_client.get(reverse("profiles:me")))

    assert (
        '<span class="badge nav-count">2<span class="visually-hidden"> requests to answer' in page
    )


def test_accepting_introductions_is_a_setting_of_the_profile(my_client, me):
    page = page_text(my_client.get(reverse("profiles:me_edit")))

    assert 'name="accepts_introductions"' in page


# --- Hostile input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"relationship": "colleague", "closeness": "2", "message": "a\x00b"},
        {"relationship": "colleague\x00", "closeness": "2"},
        {"relationship": "colleague", "closeness": "9" * 40},
        {"relationship": "colleague", "closeness": "-1"},
        {"relationship": "colleague", "closeness": "2", "message": "x" * 100_000},
    ],
    ids=["NUL in the message", "NUL in a choice", "huge number", "negative", "huge message"],
)
def test_hostile_connect_input_is_a_400(my_client, li_wei, body):
    assert my_client.post(url("connect", li_wei.pk), body).status_code == 400
    assert not ConnectionRequest.objects.exists()


@pytest.mark.parametrize(
    "name", ["connect", "network_accept", "network_remove", "network_block", "network_unblock"]
)
def test_an_id_past_any_column_is_a_404(my_client, name):
    path = url(name, 2**70)

    response = my_client.get(path) if name == "connect" else my_client.post(path)

    assert response.status_code == 404
