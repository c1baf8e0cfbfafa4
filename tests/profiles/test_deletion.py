"""Deleting an account leaves nothing that names the person but the stated retentions (PIPL 47).

The last test fills every table that can hold a person's data, deletes them, then reads every
text column of the whole PostgreSQL database for their names.
"""

from __future__ import annotations

import json
from itertools import product
from urllib.parse import quote, quote_plus, urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Permission, User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import CASCADE
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from platforms.models import Platform
from profiles import erasure, personal_data, services
from profiles.introduction_selectors import (
    DELETED_ACCOUNT,
    WITHDRAWN_BY_DELETION,
    Shown,
    view_of,
    with_details,
)
from profiles.models import (
    Block,
    CandidateExport,
    ConnectionRequest,
    Contact,
    ExecutiveProfile,
    Introduction,
    RecruiterTeam,
    RecruiterTeamMembership,
)
from profiles.network_models import IntroductionStatus
from tests.databases import postgresql_only
from tests.factories import (
    CitationFactory,
    ConnectionRequestFactory,
    ExecutiveProfileFactory,
    IntroductionFactory,
    MembershipFactory,
    PlatformFactory,
    SavedSearchFactory,
    StatusEventFactory,
    UserCountFactory,
    UserFactory,
    connect,
)
from workspace import services as workspace_services
from workspace.models import Note, OutreachLog, Project, SavedSearch

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
USERNAME = "qiaomu-zhuang"
DISPLAY_NAME = "Zhuang Qiaomu 庄乔木"
EMAIL = "qiaomu.zhuang@example.cn"
HANDLES = ("@qiaomu-wb", "https://maimai.cn/profile/qiaomu_mm")
# What names the person: searched for in the whole database after deletion.
NEEDLES = (USERNAME, DISPLAY_NAME, "庄乔木", EMAIL, *HANDLES)
# What another recruiter typed into the candidate search to find them.
SEARCH_TERMS = (*NEEDLES, "Qiaomu")
TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb", "tsvector")


def log_in(username: str, password: str = PASSWORD, **headers) -> Client:
    """A browser logged in through the form, so django-axes records the visit like a real one."""
    browser = Client(**headers)
    browser.post(reverse("login"), {"username": username, "password": password})
    return browser


def admin_logs(admin: User, obj, action_flag: int, change_message) -> LogEntry:
    return LogEntry.objects.log_actions(
        user_id=admin.pk,
        queryset=[obj],
        action_flag=action_flag,
        change_message=change_message,
        single_object=True,
    )


@pytest.fixture
def person(recruiters_group):
    """A former staff member, now a recruiter with an executive profile: data in every table."""
    user = UserFactory(username=USERNAME, email=EMAIL)
    user.groups.add(recruiters_group)
    user.user_permissions.add(Permission.objects.get(codename="view_executiveprofile"))
    profile = ExecutiveProfileFactory(user=user, display_name=DISPLAY_NAME)
    for handle, slug in zip(HANDLES, ("weibo", "maimai"), strict=True):
        MembershipFactory(profile=profile, platform=PlatformFactory(slug=slug), handle=handle)
    Token.objects.create(user=user)
    services.record_candidate_export(recruiter=user, query="city=shanghai", row_count=3)
    platform = Platform.objects.get(slug="weibo")
    for factory in (UserCountFactory, StatusEventFactory, CitationFactory):
        factory(platform=platform)
    for history in personal_data.history_models():
        history.objects.update(history_user=user)
    admin_logs(user, platform, CHANGE, "Changed summary.")
    RecruiterTeamMembership.objects.create(
        team=RecruiterTeam.objects.create(name="Zhuang & Partners Search"), user=user
    )
    recruiting_in_a_project(user)
    return user


def recruiting_in_a_project(user: User) -> None:
    """The person's own workspace: a project shared with a colleague, a candidate they moved,
    noted and reached out to, and a saved search."""
    project = workspace_services.create_project(owner=user, name="CFO, Suzhou manufacturer")
    colleague = UserFactory(username="colleague-of-qiaomu")
    colleague.groups.add(*user.groups.all())
    workspace_services.share_project(
        project=project, by=user, username=colleague.username, role="edit"
    )
    entry = workspace_services.add_candidate(
        project=project, by=user, profile_id=ExecutiveProfileFactory().pk
    )
    workspace_services.move_stage(project_candidate=entry, by=user, stage="contacted")
    workspace_services.add_note(project_candidate=entry, by=user, text="Call back on Monday.")
    OutreachLog.objects.create(
        project_candidate=entry, logged_by=user, channel="email", sent_on=timezone.localdate()
    )
    SavedSearch.objects.create(owner=user, name="CFOs in Suzhou", query="q=cfo&city=suzhou")


@pytest.fixture
def admin(db):
    return UserFactory(username="admin-wang", is_staff=True, is_superuser=True)


@pytest.fixture
def network(person, executive, other_executive):
    """The person in the network: a connection, requests and blocks either way, and
    introductions they asked for, pass on and were asked to accept — with their name in the
    messages, theirs and other people's."""
    profile = person.executive_profile
    owner, other = executive.executive_profile, other_executive.executive_profile
    stranger, bystander = ExecutiveProfileFactory(), ExecutiveProfileFactory()
    connect(profile, owner)
    connect(owner, other)
    ConnectionRequestFactory(sender=profile, recipient=other, message=f"It's {DISPLAY_NAME}.")
    ConnectionRequestFactory(sender=stranger, recipient=profile, message="Hello Qiaomu 庄乔木")
    ConnectionRequestFactory(
        sender=stranger, recipient=bystander, message="We met at 庄乔木's dinner in Pudong."
    )
    Block.objects.create(blocker=profile, blocked=bystander)
    Block.objects.create(blocker=stranger, blocked=profile)
    return {
        "asked": IntroductionFactory(
            requester=profile, intermediary=owner, target=other, message=f"I'm {DISPLAY_NAME}."
        ),
        "passing_on": IntroductionFactory(requester=other, intermediary=profile, target=stranger),
        "asked_to_meet": IntroductionFactory(
            requester=other,
            intermediary=owner,
            target=profile,
            message="Please introduce me to Zhuang Qiaomu, the CFO.",
        ),
        "owner": owner,
        "other": other,
        "stranger": stranger,
        "bystander": bystander,
    }


@pytest.fixture
def traces(person, admin, recruiter, network):
    """What others hold about `person`: admin log entries, another recruiter's searches, and
    the network's rows and messages."""
    profile = person.executive_profile
    weibo, maimai = profile.memberships.order_by("-platform__slug")
    admin_logs(admin, person, CHANGE, [{"changed": {"fields": ["Email address"]}}])
    admin_logs(admin, profile, ADDITION, [{"added": {}}])
    admin_logs(admin, profile, CHANGE, [{"added": {"name": "membership", "object": str(weibo)}}])
    admin_logs(admin, maimai, DELETION, f"Deleted {maimai} for {EMAIL}")
    for term in SEARCH_TERMS:
        services.record_candidate_export(
            recruiter=recruiter, query=urlencode({"q": term, "city": "shanghai"}), row_count=1
        )
    services.record_candidate_export(recruiter=recruiter, query="q=cfo&city=beijing", row_count=4)
    shortlist = workspace_services.create_project(owner=recruiter, name="CFO shortlist")
    entry = workspace_services.add_candidate(project=shortlist, by=recruiter, profile_id=profile.pk)
    workspace_services.add_note(
        project_candidate=entry, by=recruiter, text=f"{DISPLAY_NAME} asked us to call after 6pm."
    )
    named = workspace_services.create_project(
        owner=recruiter, name=f"Replace {DISPLAY_NAME}", description=f"Ask {EMAIL} first."
    )
    someone = workspace_services.add_candidate(
        project=named, by=recruiter, profile_id=ExecutiveProfileFactory().pk
    )
    workspace_services.add_note(
        project_candidate=someone, by=recruiter, text=f"Referred by 庄乔木 ({HANDLES[0]})."
    )
    workspace_services.tag_candidate(project_candidate=someone, by=recruiter, name=USERNAME)
    SavedSearchFactory(owner=recruiter, name=f"Like {DISPLAY_NAME}", query="q=Qiaomu&city=x")
    return {"admin": admin, "recruiter": recruiter, "shortlist": shortlist, **network}


def sessions_of(user: User) -> list[str]:
    store = SessionStore()
    return [
        session.session_key
        for session in Session.objects.all()
        if store.decode(session.session_data).get(SESSION_KEY) == str(user.pk)
    ]


def delete_through_the_page(browser: Client) -> str:
    response = browser.post(reverse("profiles:me_delete"), {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


# --- Sessions, login records ---------------------------------------------------------------------


def test_deletion_ends_every_session_of_the_person_and_no_one_elses(person, recruiter):
    phone, laptop = log_in(USERNAME), log_in(USERNAME)
    other = log_in("recruiter")
    assert len(sessions_of(person)) == 2

    delete_through_the_page(laptop)

    assert sessions_of(person) == []
    assert len(sessions_of(recruiter)) == 1
    assert phone.get(reverse("profiles:me")).status_code == 302
    assert other.get(reverse("profiles:me")).status_code == 200


def test_with_cache_sessions_deletion_still_succeeds_and_says_what_it_cannot_list(person, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"

    result = services.delete_account(user=person, password=PASSWORD)

    assert result.sessions_removed == 0
    assert not result.sessions_listed
    assert not User.objects.filter(pk=person.pk).exists()


def test_login_records_under_another_spelling_of_the_username_go_too(person):
    log_in(USERNAME.upper(), "wrong-password")
    log_in(USERNAME)
    AccessFailureLog.objects.create(username=USERNAME.title(), ip_address="10.0.0.9")

    services.delete_account(user=person, password=PASSWORD)

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert not model.objects.filter(username__iexact=USERNAME).exists(), model


def test_login_records_of_an_account_whose_name_differs_only_in_case_stay(person):
    namesake = UserFactory(username=USERNAME.upper())
    log_in(namesake.username)

    services.delete_account(user=person, password=PASSWORD)

    assert AccessLog.objects.filter(username=namesake.username).exists()


def test_every_key_to_the_account_goes_with_it_or_is_a_stated_retention():
    """A new table with a key to the user fails here unless deleting the user deletes its rows."""
    kept = {
        relation.related_model._meta.label
        for relation in User._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and relation.is_relation
        # A many-to-many's rows are its through table's, held here by their own key.
        and not relation.many_to_many
        and relation.field.remote_field.on_delete is not CASCADE
    }

    # The export log keeps the recruiter's username (RETENTIONS); the platform records' history
    # keeps its rows but forgets who edited them (SET_NULL), and so do the shared projects:
    # the candidates a recruiter added and the moves they made stay for the other members.
    history = {model._meta.label for model in personal_data.history_models()}
    shared = {"workspace.ProjectCandidate", "workspace.StageChange"}
    assert kept == {"profiles.CandidateExport", *history, *shared}


def test_every_key_to_the_profile_goes_with_it_or_is_withdrawn_by_erasure():
    """A new table with a key to the profile fails here unless deleting the profile deletes its
    rows, or erasure withdraws them (`erasure._withdraw_introductions`)."""
    kept = {
        (relation.related_model._meta.label, relation.field.name)
        for relation in ExecutiveProfile._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and relation.is_relation
        and relation.field.remote_field.on_delete is not CASCADE
    }

    withdrawn = {("profiles.Introduction", party) for party in erasure.INTRODUCTION_PARTIES}
    assert kept == {*withdrawn, ("profiles.IntroductionEvent", "actor")}


# --- Recruiters' projects -----------------------------------------------------------------------


def test_the_person_leaves_other_recruiters_projects_with_the_notes_about_them(person, traces):
    services.delete_account(user=person, password=PASSWORD)

    assert not traces["shortlist"].candidates.exists()
    assert not Note.objects.filter(text__contains=DISPLAY_NAME).exists()


def test_the_persons_shared_project_stays_with_their_colleague_without_what_they_wrote(person):
    services.delete_account(user=person, password=PASSWORD)

    project = Project.objects.get()
    assert project.owner.username == "colleague-of-qiaomu"
    assert project.candidates.get().stage == "contacted"
    assert not Note.objects.exists()
    assert not SavedSearch.objects.exists()
    assert not OutreachLog.objects.exists()


def test_what_the_person_did_in_a_colleagues_project_stays_without_their_name(person, recruiter):
    theirs = workspace_services.create_project(owner=recruiter, name="Shared search")
    workspace_services.share_project(project=theirs, by=recruiter, username=USERNAME, role="edit")
    entry = workspace_services.add_candidate(
        project=theirs, by=person, profile_id=ExecutiveProfileFactory().pk
    )
    workspace_services.move_stage(project_candidate=entry, by=person, stage="contacted")
    workspace_services.add_note(project_candidate=entry, by=person, text="Call back Monday.")

    services.delete_account(user=person, password=PASSWORD)

    entry.refresh_from_db()
    assert (entry.stage, entry.added_by) == ("contacted", None)
    assert list(entry.stage_changes.values_list("to_stage", "by")) == [("contacted", None)]
    assert not entry.notes.exists()  # their words go with them
    assert list(theirs.members.values_list("user", flat=True)) == [recruiter.pk]


# --- The network: connections, requests, blocks, the team, introductions -----------------------


def test_deletion_removes_both_rows_of_each_connection_and_no_one_elses(person, network):
    owner, other = network["owner"], network["other"]

    services.delete_account(user=person, password=PASSWORD)

    assert list(Contact.objects.values_list("owner", "other").order_by("owner")) == sorted(
        [(owner.pk, other.pk), (other.pk, owner.pk)]
    )


def test_deletion_removes_requests_and_blocks_either_way_and_the_team_membership(person, network):
    team = person.team_membership.team

    services.delete_account(user=person, password=PASSWORD)

    assert list(ConnectionRequest.objects.values_list("sender", "recipient")) == [
        (network["stranger"].pk, network["bystander"].pk)
    ]
    assert not Block.objects.exists()
    assert RecruiterTeam.objects.filter(pk=team.pk).exists()
    assert not RecruiterTeamMembership.objects.exists()


def test_open_introductions_are_withdrawn_for_the_others_without_the_persons_key(person, network):
    services.delete_account(user=person, password=PASSWORD)

    rows = {
        name: Introduction.objects.get(pk=network[name].pk)
        for name in ("asked", "passing_on", "asked_to_meet")
    }
    assert {row.status for row in rows.values()} == {IntroductionStatus.WITHDRAWN}
    assert all(row.withdrawn_by_deletion for row in rows.values())
    assert (rows["asked"].requester, rows["asked"].target) == (None, network["other"])
    assert rows["passing_on"].intermediary is None
    assert rows["asked_to_meet"].target is None
    for row in rows.values():
        assert row.version == 2
        assert list(row.events.values_list("actor", "status")) == [
            (None, IntroductionStatus.WITHDRAWN)
        ]


def test_the_persons_message_goes_and_other_peoples_messages_lose_their_name(person, network):
    services.delete_account(user=person, password=PASSWORD)

    messages = dict(Introduction.objects.values_list("pk", "message"))
    assert messages[network["asked"].pk] == ""
    assert messages[network["asked_to_meet"].pk] == (
        f"Please introduce me to {erasure.ERASED}, the CFO."
    )
    assert (
        ConnectionRequest.objects.get().message == f"We met at {erasure.ERASED}'s dinner in Pudong."
    )


def test_an_answered_introduction_is_withdrawn_too_and_one_with_no_one_left_goes(person):
    profile = person.executive_profile
    accepted = IntroductionFactory(target=profile, status=IntroductionStatus.ACCEPTED)
    withdrawn = IntroductionFactory(requester=profile, status=IntroductionStatus.WITHDRAWN)
    orphan = IntroductionFactory(
        requester=profile, intermediary=None, target=None, status=IntroductionStatus.EXPIRED
    )

    result = services.delete_account(user=person, password=PASSWORD)

    accepted.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (accepted.status, accepted.withdrawn_by_deletion, accepted.target) == (
        IntroductionStatus.WITHDRAWN,
        True,
        None,
    )
    assert (withdrawn.withdrawn_by_deletion, withdrawn.requester, withdrawn.message) == (
        False,
        None,
        "",
    )
    assert not Introduction.objects.filter(pk=orphan.pk).exists()
    assert result.introductions_withdrawn == 1


def test_the_others_see_the_introduction_withdrawn_because_an_account_was_deleted(person, network):
    services.delete_account(user=person, password=PASSWORD)
    introduction = with_details(Introduction.objects.filter(pk=network["asked"].pk)).get()

    view = view_of(introduction, network["owner"])

    assert view.shown == Shown.WITHDRAWN
    assert view.requester == str(DELETED_ACCOUNT)
    assert [entry.text for entry in view.history][-1] == str(WITHDRAWN_BY_DELETION)


def test_the_message_says_what_happened_to_the_network(person, network):
    page = delete_through_the_page(log_in(USERNAME))

    assert "Your 1 connection is removed from both sides." in page
    assert "The 3 introductions you were part of stay for the other people in them" in page
    assert "Messages other people wrote to each other named you" in page


# --- What others hold: the admin log, other recruiters' searches --------------------------------


def test_admin_log_entries_about_the_person_stay_without_their_name(person, traces):
    unrelated = admin_logs(traces["admin"], traces["recruiter"], CHANGE, "Changed Qiaomuville.")
    entries = LogEntry.objects.exclude(user=person)
    count = entries.count()

    services.delete_account(user=person, password=PASSWORD)

    texts = [f"{e.object_repr} {e.change_message}" for e in entries]
    assert entries.count() == count
    assert not [text for text in texts if any(n.lower() in text.lower() for n in NEEDLES[:3])]
    assert not [text for text in texts if "\\u5e84" in text or EMAIL in text]
    unrelated.refresh_from_db()
    assert unrelated.change_message == "Changed Qiaomuville."
    scrubbed = LogEntry.objects.get(action_flag=DELETION)
    assert (
        scrubbed.object_repr == f"{erasure.ERASED} on {Platform.objects.get(slug='maimai').name_en}"
    )
    assert scrubbed.change_message == f"Deleted {scrubbed.object_repr} for {erasure.ERASED}"
    change = LogEntry.objects.get(action_flag=CHANGE, change_message__contains="added")
    assert json.loads(change.change_message)[0]["added"]["object"].startswith(erasure.ERASED)


def test_the_reasons_given_for_platform_edits_stay_without_their_name(person, admin):
    weibo = Platform.objects.get(slug="weibo")
    weibo.summary_en = "Checked."
    weibo._change_reason = f"As {DISPLAY_NAME} pointed out by email"
    weibo.save()
    unrelated = Platform.objects.get(slug="maimai")
    unrelated._change_reason = "Figures of 2025"
    unrelated.save()

    services.delete_account(user=person, password=PASSWORD)

    reasons = set(
        Platform.history.exclude(history_change_reason=None).values_list(
            "history_change_reason", flat=True
        )
    )
    assert reasons == {f"As {erasure.ERASED} pointed out by email", "Figures of 2025"}


def test_a_username_that_is_a_word_goes_from_entries_about_them_not_from_others(admin, recruiter):
    """ "li" is too many people's word to be taken for theirs in what admins wrote of others."""
    li = UserFactory(username="li")
    theirs = admin_logs(admin, li, CHANGE, "Reset the password of li.")
    clinic = admin_logs(admin, recruiter, CHANGE, "Moved the clinic for Li and li2.")

    services.delete_account(user=li, password=PASSWORD)

    theirs.refresh_from_db()
    clinic.refresh_from_db()
    assert theirs.change_message == f"Reset the password of {erasure.ERASED}."
    assert clinic.change_message == "Moved the clinic for Li and li2."


def test_other_recruiters_searches_for_the_person_are_neutralised(person, traces):
    services.delete_account(user=person, password=PASSWORD)

    queries = list(
        CandidateExport.objects.filter(recruiter=traces["recruiter"])
        .order_by("id")
        .values_list("query", flat=True)
    )
    erased = urlencode({"q": erasure.ERASED, "city": "shanghai"})
    assert queries == [erased] * len(SEARCH_TERMS) + ["q=cfo&city=beijing"]


def test_a_search_that_only_shares_a_short_word_with_the_name_is_kept(person, recruiter):
    for query in ("q=z", "q=Qiaomuville+Group", "q=example.cn", "city=shanghai"):
        services.record_candidate_export(recruiter=recruiter, query=query, row_count=1)

    services.delete_account(user=person, password=PASSWORD)

    assert sorted(CandidateExport.objects.filter(recruiter=recruiter).values_list("query")) == [
        ("city=shanghai",),
        ("q=Qiaomuville+Group",),
        ("q=example.cn",),
        ("q=z",),
    ]


def test_the_persons_own_exports_keep_only_their_username(person):
    services.delete_account(user=person, password=PASSWORD)

    assert list(CandidateExport.objects.values_list("recruiter", "recruiter_username")) == [
        (None, USERNAME)
    ]


# --- What the person is told ----------------------------------------------------------------------


def test_the_message_says_what_was_kept_and_why_for_a_recruiter(person, traces):
    page = delete_through_the_page(log_in(USERNAME))

    assert "Nothing of them remains" not in page
    assert "We kept the record of 1 candidate export you made" in page
    assert "account for who took the data of other people out of NetworkDir" in page
    assert "with the name replaced by [erased]" in page


def test_the_message_says_nothing_that_names_an_executive_was_kept(executive):
    page = delete_through_the_page(log_in("owner"))

    assert "Nothing that names you was kept" in page
    assert "candidate export" not in page
    assert "[erased]" not in page


def test_the_privacy_notice_and_the_delete_page_state_the_same_retentions(client, person):
    privacy = client.get(reverse("profiles:privacy")).content.decode()
    delete_page = log_in(USERNAME).get(reverse("profiles:me_delete")).content.decode()

    for retention in erasure.RETENTIONS:
        assert str(retention) in privacy
        assert str(retention) in delete_page


# --- The whole database, searched ----------------------------------------------------------------


def spellings(name: str) -> set[str]:
    """How a name can be stored: as typed, in a logged query string, escaped inside JSON."""
    return {name, quote_plus(name), quote(name, safe=""), json.dumps(name)[1:-1]}


def text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.table_name, c.column_name
            FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
              AND c.data_type = ANY(%s)
            ORDER BY 1, 2
            """,
            [list(TEXT_TYPES)],
        )
        return cursor.fetchall()


def leftovers(columns: list[tuple[str, str]]) -> dict[tuple[str, str, str], int]:
    """(table, column, name) -> how many rows hold that name in that column, in any spelling."""
    found = {}
    quote_name = connection.ops.quote_name
    with connection.cursor() as cursor:
        for (table, column), name in product(columns, NEEDLES):
            cursor.execute(
                f"SELECT count(*) FROM {quote_name(table)} WHERE EXISTS ("
                "SELECT 1 FROM unnest(%s::text[]) AS s(spelling) "
                f"WHERE strpos(lower({quote_name(column)}::text), lower(s.spelling)) > 0)",
                [sorted(spellings(name))],
            )
            count = cursor.fetchone()[0]
            if count:
                found[(table, column, name)] = count
    return found


def tables_pointing_at(user: User) -> dict[str, int]:
    relations = [
        relation
        for relation in User._meta.get_fields(include_hidden=True)
        if relation.auto_created and relation.is_relation
    ]
    return {
        relation.related_model._meta.db_table: relation.related_model._default_manager.filter(
            **{relation.field.name: user}
        ).count()
        for relation in relations
    }


@postgresql_only(
    "reads every column from PostgreSQL's information_schema; run with bin/with-postgres",
)
def test_after_deletion_the_database_holds_nothing_of_them_but_the_stated_retentions(
    person, traces
):
    log_in(USERNAME.upper(), "wrong-password")
    phone, laptop = log_in(USERNAME), log_in(USERNAME)
    AccessFailureLog.objects.create(username=USERNAME, ip_address="10.0.0.9", user_agent="test")
    assert all(tables_pointing_at(person).values()), tables_pointing_at(person)
    assert sessions_of(person)
    columns = text_columns()
    before = leftovers(columns)
    others_texts = {
        ("profiles_introduction", "message"),
        ("profiles_connectionrequest", "message"),
        ("workspace_project", "name"),
        ("workspace_project", "description"),
        ("workspace_note", "text"),
        ("workspace_tag", "name"),
        ("workspace_savedsearch", "name"),
    }
    assert others_texts <= {key[:2] for key in before}

    delete_through_the_page(laptop)

    after = leftovers(columns)
    tables = {table for table, _column in columns}
    print(
        f"\ndata-rights search: {len(columns)} text columns in {len(tables)} tables, "
        f"{len(NEEDLES)} names; before deletion {sum(before.values())} cells in "
        f"{len({key[:2] for key in before})} columns; after: {after}"
    )
    assert after == {("profiles_candidateexport", "recruiter_username", USERNAME): 1}
    assert sessions_of(person) == []
    assert all(
        name not in json.dumps(SessionStore().decode(s.session_data), ensure_ascii=False)
        for s in Session.objects.all()
        for name in NEEDLES
    )
    assert phone.get(reverse("profiles:me")).status_code == 302
