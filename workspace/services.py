"""Writes in the workspace: projects and who shares them, their candidates, stages, notes, tags.

Each function validates (`full_clean`) and writes in one transaction, and checks that `by` may
make the change (`PermissionDenied` for a member who can only view): the pages and the API call
the same rules. Who may see a project is the selectors' business (`Project.objects.for_member`);
a caller passes only projects the writer is a member of. Concurrency is settled by the database:
a stage move locks its row, so two moves at once both land in the history, one after the other;
adding a candidate twice meets `project_candidate_once` and leaves one row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.writes import check_version, write_only
from profiles.access import is_recruiter
from profiles.models import ExecutiveProfile
from profiles.personal_data import NameScrubber
from workspace.models import (
    Note,
    Project,
    ProjectCandidate,
    ProjectMember,
    Role,
    SavedSearch,
    StageChange,
    Tag,
    check_stage,
)

# At most this many candidates are added in one request (a search page holds up to 100).
MAX_ADDED_AT_ONCE = 100

ARCHIVED = _("This project is archived: restore it to change it.")
CANT_EDIT = _("You can view this project but not change it.")
CHANGED_MEANWHILE = _(
    "A colleague changed this after you opened the page; it now reads “%(now)s”. Save again "
    "to replace it with what you entered."
)
NO_RECRUITER = _("No recruiter has this username.")
ALREADY_IN_PROJECT = _("This candidate is already in the project.")


class CandidatesNotFound(Exception):
    """Some profiles to add are not ones the recruiter may see (or don't exist): nothing was
    added, and the caller answers 404 without saying which."""


def _refusal(field: str, message: str, code: str, **params: object) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def check_editor(project: Project, by: User) -> None:
    """Only members who can edit may change a project, archived or not."""
    if not Project.objects.editable_by(by).filter(pk=project.pk).exists():
        raise PermissionDenied(CANT_EDIT)


def check_active(project: Project) -> None:
    """An archived project can't be changed until it is restored."""
    if project.archived:
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(ARCHIVED, code="archived")})


def check_may_edit(project: Project, by: User) -> None:
    """Editing members may change an active project; view-only members may change nothing."""
    check_editor(project, by)
    check_active(project)


# --- Projects ------------------------------------------------------------------------------------


def _touch(project: Project) -> None:
    """Mark the project changed now, in the transaction that added, moved or removed its
    candidates: its members' lists put it first, and its board's counts are counted again
    (`selectors.stage_counts`)."""
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())


@transaction.atomic
def create_project(*, owner: User, name: str, description: str = "") -> Project:
    """A new project, with its owner as its first member (who can edit)."""
    project = Project(owner=owner, name=name.strip(), description=description.strip())
    project.full_clean()
    project.save()
    ProjectMember.objects.create(project=project, user=owner, role=Role.CAN_EDIT)
    return project


@transaction.atomic
def update_project(
    *,
    project: Project,
    by: User,
    name: str | None = None,
    description: str | None = None,
    shown: Mapping[str, str] | None = None,
) -> Project:
    """Rename a project or change its description; what is left out stays.

    Only what was given is written (`core.writes.write_only`): a colleague's change of the other
    field at the same moment holds. With `shown`, what the editor was shown of each field, a
    field they change that a colleague changed since is refused under its name, saying what it
    reads now, and nothing is written. Returns the row as saved.
    """
    check_may_edit(project, by)
    given = {"name": name, "description": description}
    if shown:
        current = Project.objects.select_for_update(no_key=True).get(pk=project.pk)
        changed = {f: shown[f] for f, value in given.items() if value is not None and f in shown}
        _check_unchanged_since(current, changed)
    return _written(project, **given)


def _same_text(text: str) -> str:
    """A text as a browser posts it back (line breaks as CR LF) and as it is kept, alike."""
    return text.replace("\r\n", "\n").strip()


def _check_unchanged_since(current: Project, shown: Mapping[str, str]) -> None:
    stale = {
        field: ValidationError(CHANGED_MEANWHILE, code="changed_meanwhile", params={"now": now})
        for field, seen in shown.items()
        if _same_text(seen) != _same_text(now := getattr(current, field))
    }
    if stale:
        raise ValidationError(stale)


def set_archived(*, project: Project, by: User, archived: bool) -> Project:
    """Archive a project (it leaves the active list and can't be changed) or restore it."""
    check_editor(project, by)
    return _archived(project, archived)


@transaction.atomic
def change_project(
    *,
    project: Project,
    by: User,
    expected_versions: Collection[str] | None = None,
    archived: bool | None = None,
    **fields: str,
) -> None:
    """Restore, rename or describe, and archive a project in one step, in that order, so that
    an archived project can be restored and changed at once (the API's PATCH).

    With `expected_versions` (an If-Match) a project changed since raises
    `core.writes.StaleVersion` and nothing is written: the row stays locked from the check to
    the last write, so two writers holding one version can't both win.
    """
    check_editor(project, by)
    current = Project.objects.select_for_update(no_key=True).get(pk=project.pk)
    check_version(current.version, expected_versions, current)
    if archived is False:
        current = _archived(current, False)
    if fields:
        check_active(current)
        current = _written(current, **fields)
    if archived:
        _archived(current, True)


def _written(project: Project, **given: str | None) -> Project:
    """The project with the `given` texts (None: left as they are) written, without surrounding
    spaces, and nothing else (`core.writes.write_only`)."""
    changes = {field: value.strip() for field, value in given.items() if value is not None}
    return write_only(Project, project.pk, changes, also=("updated_at",))


def _archived(project: Project, archived: bool) -> Project:
    """The project archived or restored; as it was if it already is (a repeated request does
    not move it up the list of recently changed projects)."""
    if project.archived == archived:
        return project
    project.archived = archived
    project.full_clean()
    project.save(update_fields=["archived", "updated_at"])
    return project


# --- Members -------------------------------------------------------------------------------------


@transaction.atomic
def share_project(*, project: Project, by: User, username: str, role: str) -> ProjectMember:
    """Give another recruiter access to the project, or change theirs.

    Only recruiters can be members; an unknown username and an account that is not a
    recruiter's get the same answer, so the form tells nobody who has an account.
    """
    check_may_edit(project, by)
    user = User.objects.filter(username__iexact=username.strip(), is_active=True).first()
    if user is None or not is_recruiter(user):
        raise _refusal("username", NO_RECRUITER, "no_recruiter")
    if user.pk == project.owner_id:
        raise _refusal("username", _("The owner can always edit their project."), "owner")
    member = ProjectMember.objects.filter(project=project, user=user).first() or ProjectMember(
        project=project, user=user
    )
    member.role = role
    member.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:  # shared by someone else at the same moment
        member = ProjectMember.objects.get(project=project, user=user)
        member.role = role
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove_member(*, project: Project, by: User, member: ProjectMember) -> None:
    """Take a recruiter off the project; anyone may leave, editors may remove others, and the
    owner stays. Whether `by` may remove anyone is asked first: a member who can only view is
    refused as such, whoever they try to remove. Their saved searches filed in the project stay
    theirs, on their own, as when a project is deleted: they can no longer open the project."""
    if member.user_id != by.pk:
        check_may_edit(project, by)
    if member.user_id == project.owner_id:
        raise _refusal("user", _("The owner can't be removed from their project."), "owner")
    member.delete()
    SavedSearch.objects.filter(owner_id=member.user_id, project=project).update(project=None)


# --- Candidates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    """What adding candidates did: the rows made, and the profiles that were already there."""

    added: list[ProjectCandidate]
    already_in_project: list[int]


@transaction.atomic
def add_candidates(*, project: Project, by: User, profile_ids: Iterable[int]) -> Added:
    """Put candidates in the project at the first stage ("sourced").

    Only profiles `by` may search (`candidates_for`) can be added; if any is not, nothing is
    added (`CandidatesNotFound`). A candidate already in the project stays as they are, once:
    `already_in_project` says which, including one added by someone else at the same moment.
    """
    check_may_edit(project, by)
    wanted = list(dict.fromkeys(profile_ids))
    if not wanted:
        raise _refusal("profiles", _("Choose at least one candidate."), "empty")
    if len(wanted) > MAX_ADDED_AT_ONCE:
        raise _refusal(
            "profiles",
            _("Add at most %(limit)d candidates at once."),
            "too_many",
            limit=MAX_ADDED_AT_ONCE,
        )
    seen = ExecutiveProfile.objects.candidates_for(by).filter(pk__in=wanted)
    if seen.count() != len(wanted):
        raise CandidatesNotFound
    present = set(
        project.candidates.filter(profile_id__in=wanted).values_list("profile_id", flat=True)
    )
    added = []
    for pk in wanted:
        if pk in present:
            continue
        row = ProjectCandidate(project=project, profile_id=pk, added_by=by)
        try:
            with transaction.atomic():  # someone may add them at this very moment
                row.save()
        except IntegrityError:
            continue
        added.append(row)
    if added:
        _touch(project)
    made = {row.profile_id for row in added}
    return Added(added=added, already_in_project=[pk for pk in wanted if pk not in made])


@transaction.atomic
def add_candidate(*, project: Project, by: User, profile_id: int) -> ProjectCandidate:
    """One candidate into the project; one already there is refused naming `profile`."""
    done = add_candidates(project=project, by=by, profile_ids=[profile_id])
    if not done.added:
        raise _refusal("profile", ALREADY_IN_PROJECT, "already_in_project")
    return done.added[0]


@transaction.atomic
def remove_candidate(*, project_candidate: ProjectCandidate, by: User) -> None:
    """Take a candidate out of the project, with their notes, history and outreach log."""
    check_may_edit(project_candidate.project, by)
    project_candidate.delete()
    _touch(project_candidate.project)


# --- Stages --------------------------------------------------------------------------------------


@transaction.atomic
def move_stage(*, project_candidate: ProjectCandidate, by: User, stage: str) -> ProjectCandidate:
    """Move a candidate to `stage`, recording who moved them from where.

    The row is locked and read again first, so two recruiters moving the same candidate at the
    same moment are served one after the other: the second move starts from the stage the first
    left, both are in the history, and the stage is the last one's. Moving to the stage the
    candidate is already at records nothing. Returns the row as saved (DoesNotExist if it went).
    """
    check_stage(stage)
    check_may_edit(project_candidate.project, by)
    current = ProjectCandidate.objects.select_for_update().get(pk=project_candidate.pk)
    if current.stage == stage:
        return current
    StageChange.objects.create(
        project_candidate=current, from_stage=current.stage, to_stage=stage, by=by
    )
    current.stage = stage
    current.save(update_fields=["stage", "updated_at"])
    _touch(project_candidate.project)
    return current


# --- Notes and tags ------------------------------------------------------------------------------


@transaction.atomic
def add_note(*, project_candidate: ProjectCandidate, by: User, text: str) -> Note:
    """A note for the project's members, signed by `by`."""
    check_may_edit(project_candidate.project, by)
    note = Note(project_candidate=project_candidate, author=by, text=text.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def delete_note(*, note: Note, by: User) -> None:
    """Only a note's author deletes it, while they may still edit the project: a note is the
    project's, and members who can only view change nothing of it."""
    check_may_edit(note.project_candidate.project, by)
    if note.author_id != by.pk:
        raise PermissionDenied(_("Only the note's author can delete it."))
    note.delete()


def _tag_named(project: Project, name: str) -> Tag:
    """The project's tag of this name, whatever its case, made if it is new. Found by the
    database's LOWER, as the constraint that keeps one tag of a name compares them: UPPER
    (Django's iexact) and LOWER disagree on letters such as ẞ and ß."""
    tag = Tag(project=project, name=" ".join(name.split()))
    tag.full_clean(exclude=["project"], validate_constraints=False)
    same_name = project.tags.alias(lowered=Lower("name")).filter(lowered=Lower(Value(tag.name)))
    found = same_name.first()
    if found is not None:
        return found
    try:
        with transaction.atomic():  # made by someone else at the same moment
            tag.save()
    except IntegrityError:
        return same_name.get()
    return tag


@transaction.atomic
def tag_candidate(*, project_candidate: ProjectCandidate, by: User, name: str) -> Tag:
    """Put a tag on a candidate: the project's tag of that name, new if there is none."""
    check_may_edit(project_candidate.project, by)
    tag = _tag_named(project_candidate.project, name)
    project_candidate.tags.add(tag)
    return tag


@transaction.atomic
def untag_candidate(*, project_candidate: ProjectCandidate, by: User, tag: Tag) -> None:
    """Take a tag off a candidate; the project keeps it for others (and deletes it when no one
    has it any more)."""
    check_may_edit(project_candidate.project, by)
    project_candidate.tags.remove(tag)
    if not tag.candidates.exists():
        tag.delete()


# --- A member's account deleted ------------------------------------------------------------------


@transaction.atomic
def hand_over_projects(*, owner: User) -> int:
    """Give each project `owner` shares with others to the member who joined first among those
    who can edit, or else to the first member, who now can: deleting an account then takes only
    the projects no one else works in. Returns how many were handed over."""
    handed = 0
    for project in Project.objects.filter(owner=owner).select_for_update():
        others = project.members.exclude(user=owner)
        heir = others.filter(role=Role.CAN_EDIT).first() or others.first()
        if heir is None:
            continue
        if heir.role != Role.CAN_EDIT:
            heir.role = Role.CAN_EDIT
            heir.save(update_fields=["role"])
        project.owner = heir.user
        project.full_clean()
        project.save(update_fields=["owner"])
        handed += 1
    return handed


@transaction.atomic
def scrub_name(*, names: NameScrubber, of: User) -> int:
    """Replace the name of `of`, whose account is being deleted, wherever other recruiters wrote
    it: projects, notes, tags, saved searches' names and filters. Returns how many rows changed;
    what `of` wrote goes with their account."""
    others_projects = Project.objects.exclude(owner=of)
    others_searches = SavedSearch.objects.exclude(owner=of)
    changed = (
        names.scrub_rows(others_projects, ("name", "description"))
        + names.scrub_rows(Note.objects.exclude(author=of), ("text",))
        + names.scrub_rows(others_searches, ("name",))
        + names.scrub_queries(others_searches)
    )
    mentioning = names.mentioning(Tag.objects.filter(project__in=others_projects), ("name",))
    for tag in mentioning.only("pk", "name", "project"):
        name = names.scrub(tag.name)[: Tag._meta.get_field("name").max_length]
        if name != tag.name:
            _rename_tag(tag, name)
            changed += 1
    return changed


def _rename_tag(tag: Tag, name: str) -> None:
    """`tag` under `name`, or merged into the project's tag of that name if it has one."""
    same = Tag.objects.filter(project_id=tag.project_id, name__iexact=name).exclude(pk=tag.pk)
    merged = same.first()
    if merged is None:
        tag.name = name
        tag.save(update_fields=["name"])
        return
    merged.candidates.add(*tag.candidates.all())
    tag.delete()
