"""What the workspace holds of a person: as a recruiter, the `workspace` key of their data export
(PIPL art. 45); as a candidate, the `in_recruiters_projects` key.

`profiles` writes the export but may not import this app, so `WorkspaceConfig.ready()` registers
`SECTIONS` with it. A candidate is named only while the recruiter may still see the profile
(`candidates_for`, the rule of who is shown in a project): the export is a copy of the
recruiter's own data, not a way round a profile that has gone private since.

A candidate learns that recruiters keep them in projects, since when, at which stage and with
which outreaches (channel and day), and how many notes and tags stand there; not the project,
not the recruiters, not what an outreach came to (outcomes are the logging recruiter's alone),
and not the notes' and tags' words, which only the project's members read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Model, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from profiles.models import ExecutiveProfile
from profiles.personal_data import (
    NameScrubber,
    PersonalDataSection,
    exported_fields,
    exported_values,
)
from workspace import services
from workspace.models import (
    Note,
    OutreachLog,
    Project,
    ProjectCandidate,
    ProjectMember,
    Role,
    SavedSearch,
    Stage,
    StageChange,
)

PROJECT_FIELDS = ("name", "description", "archived", "created_at")
CANDIDATE_FIELDS = ("stage", "added_at")
STAGE_CHANGE_FIELDS = ("from_stage", "to_stage", "at")
NOTE_FIELDS = ("text", "created_at")
SAVED_SEARCH_FIELDS = (
    "name",
    "query",
    "digest",
    "last_opened_at",
    "digest_sent_at",
    "created_at",
)
OUTREACH_FIELDS = (
    "channel",
    "sent_on",
    "company_type",
    "seniority",
    "outcome",
    "outcome_at",
    "created_at",
)
# What a candidate's export says of each outreach to them: not its outcome.
OUTREACH_TO_THEM = ("channel", "sent_on")
# Each table of the workspace that points at the account, and where the export holds it.
RELATIONS = {
    "workspace.Project": "workspace.projects (owner)",
    "workspace.ProjectMember": "workspace.projects (role)",
    "workspace.ProjectCandidate": "workspace.candidates_added",
    "workspace.StageChange": "workspace.stage_changes",
    "workspace.Note": "workspace.notes",
    "workspace.SavedSearch": "workspace.saved_searches",
    "workspace.OutreachLog": "workspace.outreach_logs",
}


def _projects(user: User) -> list[dict[str, Any]]:
    """The projects the user owns or is a member of, with their access and the project's tags."""
    access = {member.project_id: member for member in ProjectMember.objects.filter(user=user)}
    projects = (
        Project.objects.filter(Q(owner=user) | Q(pk__in=access.keys()))
        .prefetch_related("tags")
        .order_by("created_at", "id")
    )
    return [_project_row(project, access.get(project.pk), user) for project in projects]


def _project_row(project: Project, member: ProjectMember | None, user: User) -> dict[str, Any]:
    return {
        **exported_values(project, PROJECT_FIELDS),
        "owner": project.owner_id == user.pk,
        "role": member.role if member else None,
        "member_since": member.added_at.isoformat() if member else None,
        "tags": [tag.name for tag in project.tags.all()],
    }


def _entry_rows(
    user: User, rows: Iterable[Model], names: tuple[str, ...], entry: str = "project_candidate"
) -> list[dict[str, Any]]:
    """Rows about project candidates, each with its project and the candidate's name if the
    user may still see the profile (otherwise null)."""
    rows = list(rows)
    entries = [row if entry == "self" else getattr(row, entry) for row in rows]
    shown = dict(
        ExecutiveProfile.objects.candidates_for(user)
        .filter(pk__in={each.profile_id for each in entries})
        .values_list("pk", "display_name")
    )
    return [
        {
            "project": each.project.name,
            "candidate": shown.get(each.profile_id),
            **exported_values(row, names),
        }
        for row, each in zip(rows, entries, strict=True)
    ]


def export_workspace(user: User) -> dict[str, Any]:
    """Everything the workspace holds that the user made or was given."""
    through_entry = ("project_candidate__project",)
    searches = SavedSearch.objects.filter(owner=user).select_related("project")
    return {
        "projects": _projects(user),
        "candidates_added": _entry_rows(
            user,
            ProjectCandidate.objects.filter(added_by=user)
            .select_related("project")
            .order_by("added_at", "id"),
            CANDIDATE_FIELDS,
            entry="self",
        ),
        "stage_changes": _entry_rows(
            user,
            StageChange.objects.filter(by=user).select_related(*through_entry),
            STAGE_CHANGE_FIELDS,
        ),
        "notes": _entry_rows(
            user,
            Note.objects.filter(author=user)
            .select_related(*through_entry)
            .order_by("created_at", "id"),
            NOTE_FIELDS,
        ),
        "saved_searches": [
            {
                **exported_values(search, SAVED_SEARCH_FIELDS),
                "project": search.project.name if search.project else None,
            }
            for search in searches.order_by("created_at", "id")
        ],
        "outreach_logs": _entry_rows(
            user,
            OutreachLog.objects.filter(logged_by=user)
            .select_related(*through_entry)
            .order_by("sent_on", "id"),
            OUTREACH_FIELDS,
        ),
    }


def _entry_fields(model: type[Model], names: tuple[str, ...]) -> dict[str, serializers.Field]:
    return {
        "project": serializers.CharField(),
        "candidate": serializers.CharField(
            allow_null=True, help_text=_("Null while you may not see the candidate's profile.")
        ),
        **exported_fields(model, names),
    }


def document_workspace() -> serializers.Field:
    """The `workspace` key as the API schema shows it."""
    outreach = _entry_fields(OutreachLog, OUTREACH_FIELDS)
    outreach["sent_on"] = serializers.DateField()
    return inline_serializer(
        "ExportedWorkspace",
        {
            "projects": inline_serializer(
                "ExportedProject",
                {
                    **exported_fields(Project, PROJECT_FIELDS),
                    "owner": serializers.BooleanField(help_text=_("Whether you created it.")),
                    "role": serializers.ChoiceField(choices=Role.choices, allow_null=True),
                    "member_since": serializers.DateTimeField(
                        allow_null=True, help_text=_("When you were given access.")
                    ),
                    "tags": serializers.ListField(child=serializers.CharField()),
                },
                many=True,
            ),
            "candidates_added": inline_serializer(
                "ExportedProjectCandidate",
                _entry_fields(ProjectCandidate, CANDIDATE_FIELDS),
                many=True,
            ),
            "stage_changes": inline_serializer(
                "ExportedStageChange", _entry_fields(StageChange, STAGE_CHANGE_FIELDS), many=True
            ),
            "notes": inline_serializer("ExportedNote", _entry_fields(Note, NOTE_FIELDS), many=True),
            "saved_searches": inline_serializer(
                "ExportedSavedSearch",
                {
                    **exported_fields(SavedSearch, SAVED_SEARCH_FIELDS),
                    "project": serializers.CharField(allow_null=True),
                },
                many=True,
            ),
            "outreach_logs": inline_serializer("ExportedOutreach", outreach, many=True),
        },
        help_text=_("Your recruiter workspace: projects, candidates, notes and outreach."),
    )


def erase_workspace(user: User, names: NameScrubber) -> list[str]:
    """Before the account goes: its shared projects to another member, and its name out of
    what other recruiters wrote. Returns the sentences that tell the person so."""
    handed = services.hand_over_projects(owner=user)
    scrubbed = services.scrub_name(names=names, of=user)
    said = []
    if handed:
        said.append(
            ngettext(
                "The project you shared stays with its other members.",
                "The %(count)d projects you shared stay with their other members.",
                handed,
            )
            % {"count": handed}
        )
    if scrubbed:
        said.append(
            str(
                _(
                    "Other recruiters' projects, notes, tags and saved searches named you: they "
                    "stay, with the name replaced by [erased]."
                )
            )
        )
    return said


def export_as_candidate(user: User) -> list[dict[str, Any]]:
    """Each project entry about the user's profile, as the module says, in three statements."""
    entries = (
        ProjectCandidate.objects.filter(profile__user=user)
        .annotate(note_count=Count("notes", distinct=True), tag_count=Count("tags", distinct=True))
        .prefetch_related(
            Prefetch("stage_changes", StageChange.objects.order_by("at", "id")),
            Prefetch("outreach_logs", OutreachLog.objects.order_by("sent_on", "id")),
        )
        .order_by("added_at", "id")
    )
    return [
        {
            **exported_values(entry, CANDIDATE_FIELDS),
            "stage_changes": [
                {"stage": change.to_stage, **exported_values(change, ("at",))}
                for change in entry.stage_changes.all()
            ],
            "outreach": [
                exported_values(log, OUTREACH_TO_THEM) for log in entry.outreach_logs.all()
            ],
            "notes": entry.note_count,
            "tags": entry.tag_count,
        }
        for entry in entries
    ]


def document_as_candidate() -> serializers.Field:
    """The `in_recruiters_projects` key as the API schema shows it."""
    return inline_serializer(
        "ExportedProjectEntryAboutYou",
        {
            **exported_fields(ProjectCandidate, CANDIDATE_FIELDS),
            "stage_changes": inline_serializer(
                "ExportedStageAboutYou",
                {
                    "stage": serializers.ChoiceField(choices=Stage.choices),
                    "at": serializers.DateTimeField(),
                },
                many=True,
            ),
            "outreach": inline_serializer(
                "ExportedOutreachToYou",
                {"channel": serializers.CharField(), "sent_on": serializers.DateField()},
                many=True,
            ),
            "notes": serializers.IntegerField(
                help_text=_("How many notes; their words are the members'.")
            ),
            "tags": serializers.IntegerField(
                help_text=_("How many tags; their words are the members'.")
            ),
        },
        many=True,
        help_text=_(
            "The recruiters' projects that hold your profile: since when, at which stage, "
            "with which outreaches; not the project, the recruiters or the notes' words."
        ),
    )


SECTIONS = (
    PersonalDataSection(
        key="workspace",
        export=export_workspace,
        document=document_workspace,
        relations=RELATIONS,
        erase=erase_workspace,
    ),
    # Deleting the profile deletes its entries, with their notes, history and outreach log.
    PersonalDataSection(
        key="in_recruiters_projects",
        export=export_as_candidate,
        document=document_as_candidate,
        relations={},
    ),
)
