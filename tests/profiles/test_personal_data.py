"""PIPL rights: download all of one's data (/me/export/) and erase it (/me/delete/)."""

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from outreach.vocabulary import Purpose
from profiles import introductions, personal_data, services
from profiles.models import (
    Block,
    CandidateExport,
    Closeness,
    ExecutiveProfile,
    Membership,
    RecruiterTeam,
    RecruiterTeamMembership,
    Relationship,
    Visibility,
    Willingness,
)
from profiles.network_models import RequestStatus
from profiles.personal_data import export_personal_data
from tests.factories import (
    ConnectionRequestFactory,
    ExecutiveProfileFactory,
    MembershipFactory,
    PlatformFactory,
    connect,
)
from tests.profiles.html_helpers import field_block

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def owner_with_memberships(executive):
    profile = executive.executive_profile
    profile.display_name = "Chen Jie 陈杰"
    profile.save()
    MembershipFactory(profile=profile, platform=PlatformFactory(slug="weibo"), handle="@chen-wb")
    MembershipFactory(
        profile=profile,
        platform=PlatformFactory(slug="wechat"),
        handle="chen-wx",
        hide_handle=True,
        preferred=True,
    )
    return executive


@pytest.fixture
def someone_else(other_executive):
    MembershipFactory(
        profile=other_executive.executive_profile,
        platform=PlatformFactory(slug="maimai"),
        handle="@someone-else-handle",
    )
    CandidateExport.objects.create(
        recruiter=other_executive, recruiter_username=other_executive.username, row_count=3
    )
    return other_executive


def download(client) -> tuple:
    response = client.get(reverse("profiles:me_export"))
    return response, json.loads(response.content)


def test_export_is_a_json_download(client_for_role, owner_with_memberships):
    response, _data = download(client_for_role("owner"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="networkdir-owner-')
    assert "no-store" in response["Cache-Control"]


def test_export_holds_the_account_profile_memberships_and_times(
    client_for_role, owner_with_memberships
):
    profile = owner_with_memberships.executive_profile

    _response, data = download(client_for_role("owner"))

    assert data["account"]["username"] == "owner"
    assert data["account"]["email"] == owner_with_memberships.email
    assert data["profile"]["display_name"] == "Chen Jie 陈杰"
    assert data["profile"]["visibility"] == profile.visibility
    assert data["consent_at"] == profile.consent_at.isoformat()
    assert data["exported_at"]
    memberships = {m["platform"]: m for m in data["memberships"]}
    assert set(memberships) == {"weibo", "wechat"}
    assert memberships["wechat"]["handle"] == "chen-wx"
    assert memberships["wechat"]["hide_handle"] is True
    assert memberships["wechat"]["preferred"] is True


def test_export_covers_every_field_of_the_profile_and_memberships(owner_with_memberships):
    data = export_personal_data(owner_with_memberships)

    # The search document and vector derive from the name, company, title and city, all exported.
    profile_fields = {
        field.name
        for field in ExecutiveProfile._meta.concrete_fields
        if field.name not in {"id", "user", "search_document", "search_vector"}
    }
    membership_fields = {
        field.name
        for field in Membership._meta.concrete_fields
        if field.name not in {"id", "profile"}
    }
    assert profile_fields <= set(data["profile"])
    assert membership_fields <= set(data["memberships"][0])


def test_export_covers_every_table_that_points_at_the_account():
    """A new model with a key to the user fails here until the export holds its rows."""
    relations = {
        relation.related_model._meta.label: relation.field.name
        for relation in User._meta.get_fields(include_hidden=True)
        if relation.auto_created and relation.is_relation
    }
    history = {label for label, field in relations.items() if field == "history_user"}

    assert history == {model._meta.label for model in personal_data.history_models()}
    assert set(relations) - history == set(personal_data.EXPORTED_RELATIONS)


# Each table with a key to a profile, and the export's key for what it says of the person. Blocks
# made are the person's; a block against them is the blocker's, and would name who blocked them.
PROFILE_TABLES = {
    "profiles.Membership": "memberships",
    "profiles.Contact": "connections",
    "profiles.ConnectionRequest": "requests_received",
    "profiles.Block": "blocked",
    "profiles.Introduction": "introductions",
    "profiles.IntroductionEvent": "introductions",
    "workspace.ProjectCandidate": "in_recruiters_projects",
}


def test_export_covers_every_table_that_points_at_the_profile():
    """A new model with a key to the profile fails here until the table above names its key."""
    relations = {
        relation.related_model._meta.label
        for relation in ExecutiveProfile._meta.get_fields(include_hidden=True)
        if relation.auto_created and relation.is_relation
    }
    exported = export_personal_data(ExecutiveProfileFactory().user)

    assert relations == set(PROFILE_TABLES)
    assert set(PROFILE_TABLES.values()) <= set(exported)


def test_export_covers_every_table_that_names_the_account_by_its_username():
    """django-axes keys its records by username, not by a key: a new such table fails here."""
    by_username = {
        model._meta.label
        for model in apps.get_models()
        if model is not User and any(field.name == "username" for field in model._meta.fields)
    }
    exported = {
        model._meta.label
        for model in (*personal_data.LOGIN_MODELS, *personal_data.FAILED_LOGIN_MODELS)
    }

    assert by_username == exported


def test_export_holds_the_login_records_and_when_the_token_was_made(client, owner_with_memberships):
    log_in_for_real(client, "owner")
    token = Token.objects.create(user=owner_with_memberships)

    data = export_personal_data(owner_with_memberships)

    assert [login["ip_address"] for login in data["logins"]] == ["127.0.0.1"]
    assert data["api_token_created"] == token.created.isoformat()
    assert token.key not in str(data)


def test_export_holds_the_failed_logins(client, owner_with_memberships):
    client.post(reverse("login"), {"username": "owner", "password": "wrong-password"})

    data = export_personal_data(owner_with_memberships)

    assert len(data["failed_logins"]) == 1
    assert data["logins"] == []


def test_export_holds_what_staff_did_in_the_admin(admin_user):
    permission = Permission.objects.get(codename="search_candidates")
    admin_user.user_permissions.add(permission)
    LogEntry.objects.log_actions(
        user_id=admin_user.pk,
        queryset=[admin_user],
        action_flag=CHANGE,
        change_message="Changed email.",
        single_object=True,
    )

    data = export_personal_data(admin_user)

    assert data["account"]["permissions"] == ["profiles.search_candidates"]
    assert [(a["record"], a["action"], a["change"]) for a in data["admin_actions"]] == [
        (ContentType.objects.get_for_model(User).model, "changed", "Changed email.")
    ]


def test_export_leaves_out_the_password_hash(client_for_role, owner_with_memberships):
    response, data = download(client_for_role("owner"))

    assert "password" not in data["account"]
    assert owner_with_memberships.password not in response.content.decode()


def test_export_holds_nothing_of_anyone_else(client_for_role, owner_with_memberships, someone_else):
    response, data = download(client_for_role("owner"))

    text = response.content.decode()
    assert someone_else.username not in text
    assert someone_else.email not in text
    assert someone_else.executive_profile.display_name not in text
    assert "@someone-else-handle" not in text
    assert "maimai" not in text
    assert data["candidate_exports"] == []


def test_export_of_an_account_without_a_profile_still_holds_the_account(
    client_for_role, recruiter, someone_else
):
    CandidateExport.objects.create(
        recruiter=recruiter, recruiter_username="recruiter", query="city=shanghai", row_count=12
    )

    _response, data = download(client_for_role("recruiter"))

    assert data["account"]["username"] == "recruiter"
    assert data["account"]["groups"] == ["Recruiters"]
    assert data["profile"] is None
    assert data["consent_at"] is None
    assert data["memberships"] == []
    assert data["candidate_exports"] == [
        {
            "created_at": data["candidate_exports"][0]["created_at"],
            "query": "city=shanghai",
            "row_count": 12,
        }
    ]


def test_export_keeps_chinese_readable(client_for_role, owner_with_memberships):
    response, _data = download(client_for_role("owner"))

    assert "陈杰" in response.content.decode()


def rows_of(user: User) -> dict[str, int]:
    return {
        "users": User.objects.filter(pk=user.pk).count(),
        "profiles": ExecutiveProfile.objects.filter(user_id=user.pk).count(),
        "memberships": Membership.objects.filter(profile__user_id=user.pk).count(),
        "login records": sum(
            model.objects.filter(username=user.username).count()
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        ),
    }


def log_in_for_real(client, username: str) -> None:
    """Log in through the form, after one typo, so django-axes records both like a real visit."""
    client.post(reverse("login"), {"username": username, "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_the_delete_page_asks_for_the_password(client_for_role):
    response = client_for_role("owner").get(reverse("profiles:me_delete"))

    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()


def test_deleting_with_a_wrong_password_deletes_nothing(client_for_role, owner_with_memberships):
    client = client_for_role("owner")
    before = rows_of(owner_with_memberships)

    response = client.post(reverse("profiles:me_delete"), {"password": "not-my-password"})

    assert response.status_code == 400
    assert "not your password" in field_block(response.content.decode(), "id_password")
    after = rows_of(owner_with_memberships)
    # The wrong password itself is kept, as a failed login (profiles/password_checks.py).
    assert after.pop("login records") > before.pop("login records")
    assert after == before


def test_deleting_leaves_nothing_of_the_user_behind(client, owner_with_memberships, someone_else):
    log_in_for_real(client, "owner")
    before = rows_of(owner_with_memberships)
    others_before = rows_of(someone_else)

    response = client.post(reverse("profiles:me_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert before["memberships"] == 2
    assert before["login records"] >= 1
    assert rows_of(owner_with_memberships) == dict.fromkeys(before, 0)
    assert rows_of(someone_else) == others_before


def test_deleting_logs_out_and_says_so(client_for_role, owner_with_memberships):
    client = client_for_role("owner")

    response = client.post(reverse("profiles:me_delete"), {"password": PASSWORD}, follow=True)

    assert not response.wsgi_request.user.is_authenticated
    assert "Nothing that names you was kept" in response.content.decode()
    assert client.get(reverse("profiles:me")).status_code == 302


def test_candidate_exports_of_a_deleted_recruiter_keep_only_the_username(
    client_for_role, recruiter
):
    export = CandidateExport.objects.create(
        recruiter=recruiter, recruiter_username="recruiter", row_count=5
    )

    client_for_role("recruiter").post(reverse("profiles:me_delete"), {"password": PASSWORD})

    export.refresh_from_db()
    assert export.recruiter is None
    assert export.recruiter_username == "recruiter"
    assert not User.objects.filter(username="recruiter").exists()


def test_staff_cannot_delete_themselves_here(client_for_role, admin_user):
    response = client_for_role("admin").post(reverse("profiles:me_delete"), {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(pk=admin_user.pk).exists()


def test_deletion_is_one_transaction(owner_with_memberships, monkeypatch):
    AccessLog.objects.create(username="owner", ip_address="127.0.0.1", user_agent="test")

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(User, "delete", fail)
    with pytest.raises(RuntimeError):
        services.delete_account(user=owner_with_memberships, password=PASSWORD)

    assert AccessLog.objects.filter(username="owner").exists()
    assert Membership.objects.filter(profile__user=owner_with_memberships).count() == 2


def test_the_service_refuses_a_staff_account(admin_user):
    with pytest.raises(PermissionDenied):
        services.delete_account(user=admin_user, password=PASSWORD)

    assert User.objects.filter(pk=admin_user.pk).exists()


def test_the_service_names_the_password_when_it_is_wrong(owner_with_memberships):
    with pytest.raises(ValidationError) as error:
        services.delete_account(user=owner_with_memberships, password="not-my-password")

    assert error.value.message_dict == {
        "password": ["That is not your password. Nothing was deleted."]
    }
    assert User.objects.filter(pk=owner_with_memberships.pk).exists()


def test_export_holds_what_staff_changed_about_the_person_but_not_who(
    admin_user, owner_with_memberships
):
    profile = owner_with_memberships.executive_profile
    membership = profile.memberships.order_by("pk").first()
    for obj, message in [(profile, "Changed title."), (membership, "Changed handle.")]:
        LogEntry.objects.log_actions(
            user_id=admin_user.pk,
            queryset=[obj],
            action_flag=CHANGE,
            change_message=message,
            single_object=True,
        )

    changes = export_personal_data(owner_with_memberships)["admin_changes_about_you"]

    assert [(c["record"], c["action"], c["change"]) for c in changes] == [
        ("executiveprofile", "changed", "Changed title."),
        ("membership", "changed", "Changed handle."),
    ]
    assert admin_user.username not in str(changes)


# --- The network in the export ---------------------------------------------------------------


@pytest.fixture
def networked(executive, other_executive):
    """The owner connected to another executive, with requests, a block and introductions."""
    owner, other = executive.executive_profile, other_executive.executive_profile
    owner.display_name, other.display_name = "Chen Jie 陈杰", "Li Wei 李伟"
    for profile in (owner, other):
        profile.visibility = Visibility.PUBLIC
        profile.save()
    third = ExecutiveProfileFactory(display_name="Zhao Min 赵敏", visibility=Visibility.PUBLIC)
    stranger = ExecutiveProfileFactory(display_name="Sun Tao 孙涛", visibility=Visibility.PUBLIC)
    _mine, theirs = connect(owner, other, relationship=Relationship.FORMER_COLLEAGUE)
    theirs.closeness, theirs.willingness = Closeness.CLOSE, Willingness.NEVER
    theirs.save()
    return {"owner": owner, "other": other, "third": third, "stranger": stranger}


def test_export_holds_the_persons_own_side_of_each_connection(executive, networked):
    (connection,) = export_personal_data(executive)["connections"]

    assert connection == {
        "person": {"profile_id": networked["other"].pk, "name": "Li Wei 李伟"},
        "relationship": "former_colleague",
        "closeness": Closeness.KNOW_WELL,
        "willing_to_introduce": "willing",
        "connected_at": connection["connected_at"],
    }


def test_export_holds_requests_sent_and_received_and_blocks_made(executive, networked):
    owner, third, stranger = networked["owner"], networked["third"], networked["stranger"]
    ConnectionRequestFactory(sender=owner, recipient=third, message="Shall we connect?")
    ConnectionRequestFactory(sender=stranger, recipient=owner, message="We met in Suzhou.")
    Block.objects.create(blocker=owner, blocked=stranger)
    Block.objects.create(blocker=third, blocked=owner)

    data = export_personal_data(executive)

    assert [(r["to"]["name"], r["message"], r["status"]) for r in data["requests_sent"]] == [
        ("Zhao Min 赵敏", "Shall we connect?", "pending")
    ]
    assert [(r["from"]["name"], r["message"]) for r in data["requests_received"]] == [
        ("Sun Tao 孙涛", "We met in Suzhou.")
    ]
    assert [block["person"]["name"] for block in data["blocked"]] == ["Sun Tao 孙涛"]


@pytest.mark.parametrize(
    ("status", "expires_in", "shown"),
    [
        (RequestStatus.DECLINED, timedelta(days=3), "no_longer_open"),
        (RequestStatus.PENDING, -timedelta(days=1), "expired"),
        (RequestStatus.WITHDRAWN, timedelta(days=3), "withdrawn"),
    ],
)
def test_a_sender_is_told_of_a_declined_request_only_that_it_is_no_longer_open(
    executive, networked, status, expires_in, shown
):
    ConnectionRequestFactory(
        sender=networked["owner"],
        recipient=networked["third"],
        status=status,
        decided_at=timezone.now(),
        expires_at=timezone.now() + expires_in,
    )

    (sent,) = export_personal_data(executive)["requests_sent"]

    assert sent["status"] == shown
    assert (sent["decided_at"] is None) is (shown == "no_longer_open")


@pytest.fixture
def introduced(networked):
    """The owner asks Li Wei for an introduction to Zhao Min; Li Wei passes it on."""
    owner, other, third = networked["owner"], networked["other"], networked["third"]
    connect(other, third, relationship=Relationship.CLIENT_OR_PARTNER)
    introduction = introductions.ask_for_introduction(
        requester=owner,
        target_id=third.pk,
        via_id=other.pk,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        message="Could you introduce me to Zhao Min?",
    )
    return introductions.act_on_introduction(
        introduction=introduction, actor=other, action="pass-on"
    )


def test_export_holds_each_introduction_as_its_party_sees_it(
    executive, other_executive, introduced
):
    (asked,) = export_personal_data(executive)["introductions"]
    (passed_on,) = export_personal_data(other_executive)["introductions"]

    assert {key: asked[key] for key in ("your_role", "intermediary", "target", "state")} == {
        "your_role": "requester",
        "intermediary": "Li Wei 李伟",
        "target": "Zhao Min 赵敏",
        "state": "waiting",
    }
    assert asked["message"] == "Could you introduce me to Zhao Min?"
    assert len(asked["history"]) == 2
    assert (passed_on["your_role"], passed_on["requester"]) == ("intermediary", "Chen Jie 陈杰")


def test_the_person_to_meet_learns_who_asks_by_role_until_accepting(introduced, networked):
    target = networked["third"]

    (received,) = export_personal_data(target.user)["introductions"]

    assert received["your_role"] == "target"
    assert "Chen Jie" not in json.dumps(received, ensure_ascii=False)
    assert received["state"] == "your_turn"


def test_the_requester_is_not_told_of_a_decline(executive, introduced, networked):
    introductions.act_on_introduction(
        introduction=introduced, actor=networked["third"], action="decline"
    )

    (asked,) = export_personal_data(executive)["introductions"]
    (declined,) = export_personal_data(networked["third"].user)["introductions"]

    assert asked["state"] == "waiting"
    assert "declined" not in json.dumps(asked)
    assert declined["state"] == "declined"


def test_an_introduction_not_yet_passed_on_is_not_the_targets(introduced, networked):
    stranger = networked["stranger"]
    connect(networked["owner"], stranger)
    connect(stranger, networked["other"])
    introductions.ask_for_introduction(
        requester=networked["owner"],
        target_id=networked["other"].pk,
        via_id=stranger.pk,
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        message="Hello",
    )

    assert export_personal_data(networked["other"].user)["introductions"][0]["your_role"] == (
        "intermediary"
    )
    assert len(export_personal_data(networked["other"].user)["introductions"]) == 1


def test_export_names_the_recruiter_team(client_for_role, recruiter):
    RecruiterTeamMembership.objects.create(
        team=RecruiterTeam.objects.create(name="Bluepeak Search"), user=recruiter
    )

    _response, data = download(client_for_role("recruiter"))

    assert data["recruiter_team"] == "Bluepeak Search"
    assert data["connections"] == data["introductions"] == []
