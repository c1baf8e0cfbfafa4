"""The network in the admin: admins read connections, requests, blocks and introductions to
handle abuse, and group recruiters into teams; nobody else sees these lists."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import (
    Block,
    Contact,
    IntroductionEvent,
    RecruiterTeam,
    RecruiterTeamMembership,
)
from profiles.network_models import IntroductionStatus, RequestStatus
from tests.factories import (
    ConnectionRequestFactory,
    ExecutiveProfileFactory,
    IntroductionFactory,
    UserFactory,
    connect,
)
from tests.platforms.test_admin import form_data

pytestmark = pytest.mark.django_db

NETWORK_MODELS = ["contact", "connectionrequest", "block", "introduction", "recruiterteam"]


def admin_url(model_name: str, view: str, *args) -> str:
    return reverse(f"admin:profiles_{model_name}_{view}", args=args)


@pytest.fixture
def people(db):
    """Li Wei knows Zhang Min; a stranger asked Li Wei to connect and was blocked; an
    introduction runs from Li Wei through Zhang Min to a target."""
    li = ExecutiveProfileFactory(display_name="Li Wei 李伟", user__username="liwei")
    zhang = ExecutiveProfileFactory(display_name="Zhang Min 张敏", user__username="zhangmin")
    stranger = ExecutiveProfileFactory(display_name="Sun Tao 孙涛", user__username="suntao")
    target = ExecutiveProfileFactory(display_name="Zhao Jing 赵静", user__username="zhaojing")
    connect(li, zhang)
    ConnectionRequestFactory(sender=stranger, recipient=li, status=RequestStatus.DECLINED)
    Block.objects.create(blocker=li, blocked=stranger)
    introduction = IntroductionFactory(requester=li, intermediary=zhang, target=target)
    IntroductionEvent.objects.create(
        introduction=introduction, actor=zhang, status=IntroductionStatus.WITH_TARGET
    )
    return {"li": li, "zhang": zhang, "stranger": stranger, "target": target}


@pytest.mark.parametrize("model_name", NETWORK_MODELS)
def test_admins_open_each_network_list(admin_client, people, model_name):
    response = admin_client.get(admin_url(model_name, "changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model_name", "query", "found"),
    [
        ("contact", "q=liwei", 2),
        ("contact", "q=张敏", 2),
        ("contact", "q=nobody-at-all", 0),
        ("connectionrequest", "q=suntao", 1),
        ("connectionrequest", "status__exact=declined", 1),
        ("connectionrequest", "status__exact=pending", 0),
        ("block", "q=Sun+Tao", 1),
        ("introduction", "q=zhaojing", 1),
        ("introduction", "q=Zhang+Min", 1),
        ("introduction", "status__exact=with_intermediary", 1),
        ("introduction", "withdrawn_by_deletion__exact=1", 0),
        ("contact", "relationship__exact=colleague", 2),
        ("contact", "willingness__exact=never", 0),
    ],
)
def test_network_lists_search_by_person_and_filter(admin_client, people, model_name, query, found):
    response = admin_client.get(f"{admin_url(model_name, 'changelist')}?{query}")

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == found


@pytest.mark.parametrize("model_name", ["contact", "connectionrequest", "block", "introduction"])
def test_network_lists_ask_the_same_number_of_queries_for_more_rows(admin_client, model_name):
    def more_rows():
        for _ in range(3):
            requester, middle, target = ExecutiveProfileFactory.create_batch(3)
            connect(requester, middle)
            ConnectionRequestFactory(sender=requester, recipient=target)
            Block.objects.create(blocker=target, blocked=middle)
            IntroductionFactory(requester=requester, intermediary=middle, target=target)

    url = admin_url(model_name, "changelist")
    more_rows()
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    more_rows()
    more_rows()

    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(many) == len(few)


@pytest.mark.parametrize("role", ["anonymous", "owner", "recruiter"])
@pytest.mark.parametrize("model_name", NETWORK_MODELS)
def test_non_staff_are_sent_to_the_admin_login(client_for_role, role, model_name):
    response = client_for_role(role).get(admin_url(model_name, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model_name", NETWORK_MODELS)
def test_staff_without_the_models_permission_may_not_see_the_lists(model_name):
    staff = UserFactory(username="platform-editor", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_executiveprofile"))
    browser = Client()
    browser.force_login(staff)

    response = browser.get(admin_url(model_name, "changelist"))

    assert response.status_code == 403


@pytest.mark.parametrize("model_name", ["contact", "connectionrequest", "block", "introduction"])
def test_what_people_decided_cannot_be_added_in_the_admin(admin_client, model_name):
    assert admin_client.get(admin_url(model_name, "add")).status_code == 403


def test_a_connection_opens_read_only(admin_client, people):
    contact = Contact.objects.get(owner=people["li"])

    response = admin_client.get(admin_url("contact", "change", contact.pk))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]


def test_deleting_one_side_of_a_connection_removes_both(admin_client, people):
    contact = Contact.objects.get(owner=people["li"])

    response = admin_client.post(admin_url("contact", "delete", contact.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Contact.objects.exists()


def test_deleting_connections_in_bulk_removes_both_sides_of_each(admin_client, people):
    connect(people["stranger"], people["target"])
    selected = Contact.objects.filter(owner__in=[people["li"], people["stranger"]])

    admin_client.post(
        admin_url("contact", "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [contact.pk for contact in selected],
            "post": "yes",
        },
    )

    assert not Contact.objects.exists()


def test_an_introduction_shows_its_recorded_changes_read_only(admin_client, people):
    introduction = people["li"].introductions_requested.get()

    response = admin_client.get(admin_url("introduction", "change", introduction.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Zhang Min 张敏" in content
    assert not response.context["has_change_permission"]
    assert response.context["inline_admin_formsets"][0].has_add_permission is False
    assert admin_client.get(admin_url("introduction", "delete", introduction.pk)).status_code == 403


def add_to_team(admin_client, user) -> object:
    url = admin_url("recruiterteam", "add")
    data = form_data(admin_client.get(url)) | {
        "name": "Bluepeak Search",
        "recruiterteammembership_set-TOTAL_FORMS": "1",
        "recruiterteammembership_set-0-user": user.pk,
    }
    return admin_client.post(url, data)


def test_a_recruiter_is_added_to_a_team(admin_client, recruiter):
    response = add_to_team(admin_client, recruiter)

    assert response.status_code == 302
    assert recruiter.team_membership.team.name == "Bluepeak Search"


def test_only_recruiters_may_join_a_team(admin_client, executive):
    response = add_to_team(admin_client, executive)

    assert response.status_code == 200
    assert "owner is not a recruiter" in response.content.decode()
    assert not RecruiterTeam.objects.exists()
    assert not RecruiterTeamMembership.objects.exists()
