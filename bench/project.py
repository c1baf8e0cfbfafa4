"""The bench recruiter's project of 500 candidates, whose board and API listing the load
visits (issue 14's "a project of 500 candidates" rows)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import connection

from profiles.models import ExecutiveProfile
from workspace import services as workspace
from workspace.models import Note, Project, ProjectCandidate, Stage, StageChange, Tag
from workspace.selectors import shown_entries

PROJECT_NAME = "Bench: CFO, 500 candidates"
PROJECT_SIZE = 500
# Where the project's candidates are, of every ten: most not yet contacted, as in a live search.
PROJECT_STAGES = (
    *[Stage.SOURCED] * 4,
    Stage.CONTACTED,
    Stage.CONTACTED,
    Stage.REPLIED,
    Stage.REPLIED,
    Stage.MEETING,
    Stage.NOT_A_FIT,
)
PROJECT_TAGS = ("shortlist", "speaks German")
BOARD_LABEL = f"A project of {PROJECT_SIZE} candidates: its page (the board)"
LISTING_LABEL = f"A project of {PROJECT_SIZE} candidates: its API listing"


def board_path(project_id: int) -> str:
    return f"/en/workspace/projects/{project_id}/"


def listing_path(project_id: int) -> str:
    return f"/api/v1/projects/{project_id}/candidates/"


def bench_project(recruiter: User) -> Project:
    """The recruiter's project of PROJECT_SIZE candidates they may see, made through the
    workspace's services: stages moved, every tenth noted and every fifth tagged. Topped up,
    not made again, when it exists."""
    project = Project.objects.filter(owner=recruiter, name=PROJECT_NAME).first()
    if project is None:
        project = workspace.create_project(owner=recruiter, name=PROJECT_NAME)
    missing = PROJECT_SIZE - shown_entries(project, recruiter).count()
    if missing <= 0:
        return project
    ids = list(
        ExecutiveProfile.objects.candidates_for(recruiter)
        .exclude(project_entries__project=project)
        .order_by("?")
        .values_list("pk", flat=True)[:missing]
    )
    added = []
    for start in range(0, len(ids), workspace.MAX_ADDED_AT_ONCE):
        chosen = ids[start : start + workspace.MAX_ADDED_AT_ONCE]
        added += workspace.add_candidates(project=project, by=recruiter, profile_ids=chosen).added
    for number, entry in enumerate(added):
        stage = PROJECT_STAGES[number % len(PROJECT_STAGES)]
        if stage != Stage.SOURCED:
            workspace.move_stage(project_candidate=entry, by=recruiter, stage=stage)
        if number % 10 == 0:
            workspace.add_note(project_candidate=entry, by=recruiter, text="Met at the forum.")
        if number % 5 == 0:
            name = PROJECT_TAGS[number // 5 % len(PROJECT_TAGS)]
            workspace.tag_candidate(project_candidate=entry, by=recruiter, name=name)
    tables = (ProjectCandidate, ProjectCandidate.tags.through, StageChange, Note, Tag)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(model._meta.db_table for model in tables))
    return project
