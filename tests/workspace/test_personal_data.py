"""The workspace in the recruiter's data export: what they made or were given, as registered
with `profiles` (`workspace.personal_data`), and documented key for key by the API."""

from __future__ import annotations

import pytest

from profiles.api.me import PersonalDataSerializer
from profiles.models import Visibility
from profiles.personal_data import export_personal_data
from profiles.services import delete_account
from tests.factories import (
    ExecutiveProfileFactory,
    OutreachLogFactory,
    SavedSearchFactory,
    UserFactory,
)
from workspace import services
from workspace.models import Outcome, Project, Role, Stage


def test_the_export_holds_the_recruiters_projects_with_their_access_and_tags(
    recruiter, colleague, project, entry
):
    services.tag_candidate(project_candidate=entry, by=recruiter, name="speaks German")
    services.share_project(project=project, by=recruiter, username="colleague", role=Role.CAN_VIEW)

    (owned,) = export_personal_data(recruiter)["workspace"]["projects"]
    (shared,) = export_personal_data(colleague)["workspace"]["projects"]

    assert (owned["name"], owned["owner"], owned["role"]) == (project.name, True, Role.CAN_EDIT)
    assert owned["tags"] == ["speaks German"]
    assert (shared["owner"], shared["role"]) == (False, Role.CAN_VIEW)
    given = project.members.get(user=colleague).added_at
    assert shared["member_since"] == given.isoformat()


def test_the_export_holds_what_the_recruiter_did_to_each_candidate(recruiter, project, entry):
    services.move_stage(project_candidate=entry, by=recruiter, stage=Stage.CONTACTED)
    services.add_note(project_candidate=entry, by=recruiter, text="Met at the CFO forum.")
    OutreachLogFactory(project_candidate=entry, channel="email", outcome=Outcome.REPLIED)

    workspace = export_personal_data(recruiter)["workspace"]

    about = {"project": project.name, "candidate": "Zhou Lan 周岚"}
    assert workspace["candidates_added"] == [
        {**about, "stage": Stage.CONTACTED, "added_at": entry.added_at.isoformat()}
    ]
    (change,) = workspace["stage_changes"]
    assert change.items() >= {**about, "from_stage": "sourced", "to_stage": "contacted"}.items()
    assert workspace["notes"][0]["text"] == "Met at the CFO forum."
    (outreach,) = workspace["outreach_logs"]
    assert outreach.items() >= {**about, "channel": "email", "outcome": "replied"}.items()
    assert {"company_type", "seniority", "created_at"} <= set(outreach)


def test_a_candidate_gone_private_is_not_named_but_the_recruiters_note_stays(
    recruiter, entry, candidate
):
    services.add_note(project_candidate=entry, by=recruiter, text="Call back in May.")
    candidate.visibility = Visibility.PRIVATE
    candidate.save()

    workspace = export_personal_data(recruiter)["workspace"]

    assert workspace["candidates_added"][0]["candidate"] is None
    assert (workspace["notes"][0]["candidate"], workspace["notes"][0]["text"]) == (
        None,
        "Call back in May.",
    )
    assert "Zhou Lan" not in str(workspace)


def test_the_export_holds_saved_searches_with_their_filters(recruiter, project):
    SavedSearchFactory(owner=recruiter, name="CFOs", query="q=cfo&city=suzhou", project=project)

    (search,) = export_personal_data(recruiter)["workspace"]["saved_searches"]

    assert (search["name"], search["query"], search["project"]) == (
        "CFOs",
        "q=cfo&city=suzhou",
        project.name,
    )


def test_the_workspace_key_is_documented_field_for_field(recruiter, project, entry):
    services.add_note(project_candidate=entry, by=recruiter, text="Met at the CFO forum.")
    services.move_stage(project_candidate=entry, by=recruiter, stage=Stage.MEETING)
    OutreachLogFactory(project_candidate=entry)
    SavedSearchFactory(owner=recruiter, project=project)
    workspace = export_personal_data(recruiter)["workspace"]
    documented = PersonalDataSerializer().fields["workspace"].fields

    assert set(documented) == set(workspace)
    for key, rows in workspace.items():
        assert set(documented[key].child.fields) == set(rows[0]), key


def test_someone_without_a_workspace_exports_empty_lists(executive):
    assert all(rows == [] for rows in export_personal_data(executive)["workspace"].values())


# --- Deleting a recruiter's account --------------------------------------------------------------

PASSWORD = "a-long-test-password"


def delete(user):
    return delete_account(user=user, password=PASSWORD)


def test_a_shared_project_goes_to_the_first_member_who_can_edit(
    recruiter, colleague, project, entry
):
    viewer = UserFactory(username="viewer")
    viewer.groups.add(*colleague.groups.all())
    services.share_project(project=project, by=recruiter, username="viewer", role=Role.CAN_VIEW)
    services.share_project(project=project, by=recruiter, username="colleague", role=Role.CAN_EDIT)

    erasure = delete(recruiter)

    project.refresh_from_db()
    assert project.owner == colleague
    assert project.candidates.get() == entry
    assert "The 1 projects you shared" not in erasure.message()
    assert "stays with its other members" in erasure.message()


def test_with_only_viewers_left_the_first_of_them_owns_and_edits_the_project(
    recruiter, colleague, project
):
    services.share_project(project=project, by=recruiter, username="colleague", role=Role.CAN_VIEW)

    delete(recruiter)

    project.refresh_from_db()
    assert project.owner == colleague
    assert project.members.get(user=colleague).role == Role.CAN_EDIT


def test_a_project_no_one_else_works_in_goes_with_the_account(recruiter, project):
    delete(recruiter)

    assert not Project.objects.filter(pk=project.pk).exists()


@pytest.fixture
def rachel(recruiter):
    """The recruiter, named: a username that is a word ("recruiter") is no one's name in text
    others write, so a deletion looks there for the name and other distinctive identifiers."""
    ExecutiveProfileFactory(user=recruiter, display_name="Rachel Wong")
    return recruiter


def test_other_recruiters_text_keeps_everything_but_the_name(rachel, colleague, project, entry):
    services.share_project(project=project, by=rachel, username="colleague", role=Role.CAN_EDIT)
    services.add_note(project_candidate=entry, by=colleague, text="Ask Rachel Wong about Zhou Lan.")
    services.update_project(project=project, by=colleague, name="CFO (Wong Rachel's lead)")
    search = SavedSearchFactory(owner=colleague, name="Rachel Wong's picks", query="q=rachel")

    delete(rachel)

    project.refresh_from_db()
    search.refresh_from_db()
    assert project.name == "CFO ([erased]'s lead)"
    assert entry.notes.get().text == "Ask [erased] about Zhou Lan."
    assert (search.name, search.query) == ("[erased]'s picks", "q=%5Berased%5D")


def test_a_tag_that_named_them_joins_the_tag_it_now_reads_as(
    rachel, colleague, project, entry, candidate
):
    services.share_project(project=project, by=rachel, username="colleague", role=Role.CAN_EDIT)
    other = services.add_candidate(
        project=project, by=colleague, profile_id=ExecutiveProfileFactory().pk
    )
    services.tag_candidate(project_candidate=entry, by=colleague, name="via Rachel Wong")
    services.tag_candidate(project_candidate=other, by=colleague, name="via [erased]")

    delete(rachel)

    (tag,) = project.tags.all()
    assert tag.name == "via [erased]"
    assert set(tag.candidates.all()) == {entry, other}


def test_a_candidates_export_says_which_projects_hold_them_but_not_whose_or_their_words(
    recruiter, project, entry, candidate
):
    services.move_stage(project_candidate=entry, by=recruiter, stage=Stage.CONTACTED)
    services.add_note(project_candidate=entry, by=recruiter, text="Too expensive for now.")
    services.tag_candidate(project_candidate=entry, by=recruiter, name="speaks German")
    log = OutreachLogFactory(project_candidate=entry, channel="weibo", outcome=Outcome.DECLINED)
    moved = entry.stage_changes.get()

    (about_them,) = export_personal_data(candidate.user)["in_recruiters_projects"]

    assert about_them == {
        "stage": Stage.CONTACTED,
        "added_at": entry.added_at.isoformat(),
        "stage_changes": [{"stage": Stage.CONTACTED, "at": moved.at.isoformat()}],
        "outreach": [{"channel": "weibo", "sent_on": log.sent_on.isoformat()}],
        "notes": 1,
        "tags": 1,
    }
    for kept_from_them in (project.name, recruiter.username, "Too expensive", "German", "declined"):
        assert kept_from_them not in str(about_them)


def test_an_executive_in_no_project_exports_an_empty_list(recruiter):
    executive = ExecutiveProfileFactory()

    assert export_personal_data(executive.user)["in_recruiters_projects"] == []
