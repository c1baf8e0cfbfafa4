"""The demo recruiter's project under way: made through the services, made afresh on each run."""

from __future__ import annotations

import pytest

from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, UserFactory
from workspace.demo_project import NOTE, PROJECT_NAME, STAGES, TAG, store_demo_project
from workspace.models import Project, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_team(recruiters_group):
    for username in ("demo-recruiter", "demo-recruiter-2"):
        UserFactory(username=username).groups.add(recruiters_group)
    for number in range(7):
        ExecutiveProfileFactory(
            display_name=f"Fictional CFO {number}",
            title="Chief Financial Officer",
            is_fictional=True,
            visibility=Visibility.RECRUITERS,
        )


def test_the_demo_recruiter_finds_a_shared_project_with_candidates_at_several_stages(demo_team):
    store_demo_project()

    project = Project.objects.get(owner__username="demo-recruiter", name=PROJECT_NAME)
    stages = sorted(entry.stage for entry in project.candidates.all())
    assert stages == sorted(STAGES)
    assert project.members.get(user__username="demo-recruiter-2").role == Role.CAN_EDIT
    noted = project.candidates.get(notes__text=NOTE)
    assert noted.notes.get().author.username == "demo-recruiter-2"
    assert [tag.name for tag in noted.tags.all()] == [TAG]


def test_the_demo_project_is_made_afresh(demo_team):
    store_demo_project()
    store_demo_project()

    assert Project.objects.filter(name=PROJECT_NAME).count() == 1


def test_without_the_demo_recruiters_there_is_no_demo_project(db):
    assert store_demo_project() is None
    assert not Project.objects.exists()
