"""Fixtures of the workspace tests: a recruiter's project, and a second recruiter to share it."""

from __future__ import annotations

import pytest

from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, UserFactory
from workspace import services


@pytest.fixture
def colleague(recruiters_group):
    """A second recruiter, not yet a member of anything."""
    user = UserFactory(username="colleague")
    user.groups.add(recruiters_group)
    return user


@pytest.fixture
def project(recruiter):
    return services.create_project(owner=recruiter, name="CFO, Suzhou manufacturer")


@pytest.fixture
def candidate():
    return ExecutiveProfileFactory(display_name="Zhou Lan 周岚", visibility=Visibility.RECRUITERS)


@pytest.fixture
def entry(project, recruiter, candidate):
    return services.add_candidate(project=project, by=recruiter, profile_id=candidate.pk)
