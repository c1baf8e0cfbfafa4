"""The workspace's writes, as rules: who may change a project, what a candidate's stage, notes
and tags may be, and what adding twice does."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, SavedSearchFactory, UserFactory
from workspace import services
from workspace.models import (
    NOTE_MAX_LENGTH,
    Project,
    ProjectCandidate,
    ProjectMember,
    Role,
    Stage,
    StageChange,
    Tag,
)

pytestmark = pytest.mark.django_db


def test_a_new_project_has_its_owner_as_a_member_who_can_edit(recruiter):
    project = services.create_project(owner=recruiter, name="  CFO, Suzhou  ", description="")

    assert project.name == "CFO, Suzhou"
    assert list(project.members.values_list("user", "role")) == [(recruiter.pk, Role.CAN_EDIT)]


def test_a_project_needs_a_name(recruiter):
    with pytest.raises(ValidationError) as refused:
        services.create_project(owner=recruiter, name="   ")

    assert "name" in refused.value.message_dict


def test_renaming_keeps_what_is_left_out(project, recruiter):
    services.update_project(project=project, by=recruiter, description="For the Suzhou plant")
    services.update_project(project=project, by=recruiter, name="CFO, Suzhou")

    project.refresh_from_db()
    assert (project.name, project.description) == ("CFO, Suzhou", "For the Suzhou plant")


# --- Sharing -------------------------------------------------------------------------------------


def test_sharing_with_a_recruiter_gives_them_the_access_chosen_and_can_change_it(
    project, recruiter, colleague
):
    services.share_project(project=project, by=recruiter, username="COLLEAGUE", role=Role.CAN_VIEW)
    services.share_project(project=project, by=recruiter, username="colleague", role=Role.CAN_EDIT)

    assert ProjectMember.objects.get(project=project, user=colleague).role == Role.CAN_EDIT
    assert project.members.count() == 2


@pytest.mark.parametrize("username", ["nobody-here", "owner"])
def test_only_recruiters_can_be_members_and_the_answer_does_not_say_who_has_an_account(
    project, recruiter, executive, username
):
    with pytest.raises(ValidationError) as refused:
        services.share_project(project=project, by=recruiter, username=username, role="view")

    assert refused.value.message_dict == {"username": [str(services.NO_RECRUITER)]}


def test_a_member_who_can_view_can_change_nothing(project, recruiter, colleague, entry):
    services.share_project(project=project, by=recruiter, username="colleague", role="view")

    attempts = [
        lambda: services.update_project(project=project, by=colleague, name="Mine"),
        lambda: services.move_stage(project_candidate=entry, by=colleague, stage="contacted"),
        lambda: services.add_note(project_candidate=entry, by=colleague, text="Hello"),
        lambda: services.tag_candidate(project_candidate=entry, by=colleague, name="x"),
        lambda: services.set_archived(project=project, by=colleague, archived=True),
        lambda: services.share_project(
            project=project, by=colleague, username="recruiter", role="view"
        ),
        lambda: services.remove_member(
            project=project, by=colleague, member=project.members.get(user=recruiter)
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()


def test_the_owner_stays_and_a_member_may_leave(project, recruiter, colleague):
    member = services.share_project(
        project=project, by=recruiter, username="colleague", role="view"
    )
    owner = project.members.get(user=recruiter)

    with pytest.raises(ValidationError):
        services.remove_member(project=project, by=recruiter, member=owner)
    services.remove_member(project=project, by=colleague, member=member)

    assert list(project.members.values_list("user", flat=True)) == [recruiter.pk]


def test_a_removed_member_keeps_their_saved_searches_on_their_own(project, recruiter, colleague):
    member = services.share_project(
        project=project, by=recruiter, username="colleague", role="edit"
    )
    theirs = SavedSearchFactory(owner=colleague, project=project)
    owners = SavedSearchFactory(owner=recruiter, project=project)

    services.remove_member(project=project, by=recruiter, member=member)

    theirs.refresh_from_db()
    owners.refresh_from_db()
    assert theirs.project is None
    assert owners.project == project


def test_an_archived_project_can_be_read_but_not_changed_until_restored(project, recruiter, entry):
    services.set_archived(project=project, by=recruiter, archived=True)

    with pytest.raises(ValidationError) as refused:
        services.move_stage(project_candidate=entry, by=recruiter, stage="contacted")
    services.set_archived(project=project, by=recruiter, archived=False)
    services.move_stage(project_candidate=entry, by=recruiter, stage="contacted")

    assert refused.value.messages == [str(services.ARCHIVED)]


def test_archiving_an_archived_project_again_changes_nothing(project, recruiter):
    """Saved again, it moved up the list of recently changed projects."""
    services.set_archived(project=project, by=recruiter, archived=True)
    archived_at = Project.objects.get(pk=project.pk).updated_at

    services.set_archived(project=project, by=recruiter, archived=True)

    assert Project.objects.get(pk=project.pk).updated_at == archived_at


# --- Candidates ----------------------------------------------------------------------------------


def test_adding_the_same_candidates_again_leaves_one_row_each_and_says_which(project, recruiter):
    first, second = ExecutiveProfileFactory.create_batch(2)

    once = services.add_candidates(project=project, by=recruiter, profile_ids=[first.pk])
    again = services.add_candidates(
        project=project, by=recruiter, profile_ids=[first.pk, second.pk, second.pk]
    )

    assert [row.profile_id for row in once.added] == [first.pk]
    assert [row.profile_id for row in again.added] == [second.pk]
    assert again.already_in_project == [first.pk]
    assert ProjectCandidate.objects.filter(project=project).count() == 2


def test_adding_one_candidate_twice_is_refused_naming_the_field(project, recruiter, entry):
    with pytest.raises(ValidationError) as refused:
        services.add_candidate(project=project, by=recruiter, profile_id=entry.profile_id)

    assert refused.value.message_dict == {"profile": [str(services.ALREADY_IN_PROJECT)]}


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, None])
def test_a_profile_the_recruiter_may_not_see_adds_nothing(project, recruiter, visibility):
    shown = ExecutiveProfileFactory()
    hidden_id = ExecutiveProfileFactory(visibility=visibility).pk if visibility else 10**9

    with pytest.raises(services.CandidatesNotFound):
        services.add_candidates(project=project, by=recruiter, profile_ids=[shown.pk, hidden_id])

    assert not project.candidates.exists()


def test_at_most_a_hundred_candidates_are_added_at_once(project, recruiter):
    with pytest.raises(ValidationError) as refused:
        services.add_candidates(project=project, by=recruiter, profile_ids=range(1, 102))

    assert list(refused.value.message_dict) == ["profiles"]


# --- Stages --------------------------------------------------------------------------------------


def test_each_move_is_recorded_with_who_and_from_where(entry, recruiter, colleague, project):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")

    services.move_stage(project_candidate=entry, by=recruiter, stage=Stage.CONTACTED)
    services.move_stage(project_candidate=entry, by=colleague, stage=Stage.CONTACTED)
    services.move_stage(project_candidate=entry, by=colleague, stage=Stage.REPLIED)

    entry.refresh_from_db()
    assert entry.stage == Stage.REPLIED
    history = StageChange.objects.filter(project_candidate=entry)
    assert list(history.values_list("from_stage", "to_stage", "by")) == [
        (Stage.SOURCED, Stage.CONTACTED, recruiter.pk),
        (Stage.CONTACTED, Stage.REPLIED, colleague.pk),
    ]


@pytest.mark.parametrize("stage", ["interviewing", "", "SOURCED", "hired\x00"])
def test_a_stage_that_does_not_exist_is_refused_naming_the_field(entry, recruiter, stage):
    with pytest.raises(ValidationError) as refused:
        services.move_stage(project_candidate=entry, by=recruiter, stage=stage)

    assert list(refused.value.message_dict) == ["stage"]
    assert "not_a_fit" in refused.value.message_dict["stage"][0]


# --- Notes and tags ------------------------------------------------------------------------------


def test_a_note_of_up_to_5000_characters_is_kept_and_a_longer_one_refused(entry, recruiter):
    services.add_note(project_candidate=entry, by=recruiter, text="好" * NOTE_MAX_LENGTH)

    with pytest.raises(ValidationError) as refused:
        services.add_note(project_candidate=entry, by=recruiter, text="好" * (NOTE_MAX_LENGTH + 1))

    assert list(refused.value.message_dict) == ["text"]
    assert entry.notes.count() == 1


def test_only_its_author_deletes_a_note(entry, recruiter, colleague, project):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    note = services.add_note(project_candidate=entry, by=recruiter, text="Met at the forum")

    with pytest.raises(PermissionDenied):
        services.delete_note(note=note, by=colleague)
    services.delete_note(note=note, by=recruiter)

    assert not entry.notes.exists()


def test_an_author_who_can_now_only_view_keeps_their_note(entry, recruiter, colleague, project):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    note = services.add_note(project_candidate=entry, by=colleague, text="Met at the forum")
    services.share_project(project=project, by=recruiter, username="colleague", role="view")

    with pytest.raises(PermissionDenied):
        services.delete_note(note=note, by=colleague)

    assert entry.notes.filter(pk=note.pk).exists()


def test_notes_of_an_archived_project_stay(entry, recruiter, project):
    note = services.add_note(project_candidate=entry, by=recruiter, text="Met at the forum")
    services.set_archived(project=project, by=recruiter, archived=True)

    with pytest.raises(ValidationError):
        services.delete_note(note=note, by=recruiter)

    assert entry.notes.filter(pk=note.pk).exists()


def test_tags_are_one_per_name_in_a_project_whatever_the_case(project, recruiter, entry):
    other = services.add_candidate(
        project=project, by=recruiter, profile_id=ExecutiveProfileFactory().pk
    )

    first = services.tag_candidate(project_candidate=entry, by=recruiter, name="Speaks  German")
    second = services.tag_candidate(project_candidate=other, by=recruiter, name="speaks german")

    assert first == second
    assert first.name == "Speaks German"
    assert Tag.objects.filter(project=project).count() == 1


@pytest.mark.parametrize(("first", "again"), [("Ärzte", "ärzte"), ("Straße", "STRAẞE")])
def test_tags_beyond_ascii_are_one_per_name_whatever_the_case(
    project, recruiter, entry, first, again
):
    """Found by UPPER (iexact) but kept unique by LOWER, ẞ and ß made a tag the lookup missed
    and the constraint refused: a 500."""
    made = services.tag_candidate(project_candidate=entry, by=recruiter, name=first)

    assert services.tag_candidate(project_candidate=entry, by=recruiter, name=again) == made
    assert Tag.objects.filter(project=project).count() == 1


def test_a_tag_no_candidate_has_any_more_goes(project, recruiter, entry):
    tag = services.tag_candidate(project_candidate=entry, by=recruiter, name="shortlist")

    services.untag_candidate(project_candidate=entry, by=recruiter, tag=tag)

    assert not Tag.objects.filter(project=project).exists()


def test_another_project_has_tags_of_its_own(project, recruiter, entry):
    elsewhere = services.create_project(owner=UserFactory(), name="Elsewhere")
    Tag.objects.create(project=elsewhere, name="shortlist")

    tag = services.tag_candidate(project_candidate=entry, by=recruiter, name="shortlist")

    assert tag.project == project
