"""A project already under way for the demo's recruiter, so a newcomer who logs in as
`demo-recruiter` sees a board with candidates at several stages, a teammate's note and a tag,
not an empty page. Made through the workspace's services, as a recruiter would make it."""

from __future__ import annotations

from django.contrib.auth.models import User

from profiles.demo_cast import TEAM_LOGINS
from profiles.selectors import candidate_filter
from workspace import services
from workspace.models import Project, Role, Stage

PROJECT_NAME = "CFO, Suzhou manufacturer (demo)"
PROJECT_DESCRIPTION = (
    "A chief financial officer for a fictional private manufacturer in Suzhou: the demo's "
    "project, shared with the recruiter's teammate."
)
SEARCH = {"q": "CFO"}
# Where the candidates stand, in the order the search lists them.
STAGES = (Stage.MEETING, Stage.REPLIED, Stage.CONTACTED, Stage.CONTACTED, Stage.SOURCED)
NOTE = "Fictional demo note: met at a finance roundtable; prefers an introduction first."
TAG = "shortlist"


def store_demo_project() -> Project | None:
    """The demo project, made afresh; None where `setup_demo` made no recruiters."""
    owner_name, teammate_name = TEAM_LOGINS
    owner = User.objects.filter(username=owner_name).first()
    teammate = User.objects.filter(username=teammate_name).first()
    if owner is None or teammate is None:
        return None
    Project.objects.filter(owner=owner, name=PROJECT_NAME).delete()
    project = services.create_project(
        owner=owner, name=PROJECT_NAME, description=PROJECT_DESCRIPTION
    )
    services.share_project(project=project, by=owner, username=teammate_name, role=Role.CAN_EDIT)
    found = candidate_filter(user=owner, data=SEARCH).qs[: len(STAGES)]
    added = services.add_candidates(
        project=project, by=owner, profile_ids=[profile.pk for profile in found]
    ).added
    for entry, stage in zip(added, STAGES, strict=False):
        if stage != Stage.SOURCED:
            services.move_stage(project_candidate=entry, by=owner, stage=stage)
    if added:
        services.add_note(project_candidate=added[0], by=teammate, text=NOTE)
        services.tag_candidate(project_candidate=added[0], by=owner, name=TAG)
    return project
