"""Two recruiters at the same moment, as real concurrent clients over HTTP on PostgreSQL: moving
one candidate's stage, adding one candidate to a project, changing a project's name and its
description, and changing a project over the one version both read.

Each round starts its writers together at a barrier (`tests.profiles.test_concurrency`); what
was tried and lost is printed as a RELIABILITY line (run with `-s`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory
from tests.profiles.test_concurrency import TIMEOUT, report, simultaneously
from workspace import services
from workspace.models import Project, ProjectCandidate, Role, Stage, StageChange

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only(
        "SQLite runs one writer at a time; run with bin/with-postgres",
    ),
]

ROUNDS = 10


@pytest.fixture
def team(recruiter, colleague):
    """The recruiter's project, shared with the colleague (can edit), with one candidate."""
    project = services.create_project(owner=recruiter, name="CFO, Suzhou")
    services.share_project(project=project, by=recruiter, username="colleague", role=Role.CAN_EDIT)
    entry = services.add_candidate(
        project=project, by=recruiter, profile_id=ExecutiveProfileFactory().pk
    )
    return project, entry


@pytest.fixture
def as_user(live_server) -> Callable[..., Callable[..., requests.Response]]:
    """A client of its own for one user, sending API requests with their token."""

    def client(user) -> Callable[..., requests.Response]:
        token = Token.objects.get_or_create(user=user)[0]

        def send(method: str, path: str, body: dict, **headers: str) -> requests.Response:
            return requests.request(
                method,
                live_server.url + path,
                json=body,
                headers={"Authorization": f"Token {token.key}", **headers},
                timeout=TIMEOUT,
            )

        return send

    return client


def test_two_moves_at_once_both_land_in_the_history_one_after_the_other(
    as_user, team, recruiter, colleague
):
    _project, entry = team
    url = reverse(
        "api-v1:project-candidate-detail", kwargs={"project_pk": entry.project_id, "pk": entry.pk}
    )
    mine, theirs = as_user(recruiter), as_user(colleague)
    pairs = [(Stage.CONTACTED, Stage.NOT_A_FIT), (Stage.REPLIED, Stage.MEETING)]
    lost = 0
    for round_number in range(ROUNDS):
        ProjectCandidate.objects.filter(pk=entry.pk).update(stage=Stage.SOURCED)
        StageChange.objects.filter(project_candidate=entry).delete()
        first, second = pairs[round_number % len(pairs)]

        responses = simultaneously(
            lambda stage=first: mine("PATCH", url, {"stage": stage}),
            lambda stage=second: theirs("PATCH", url, {"stage": stage}),
        )

        assert [response.status_code for response in responses] == [200, 200]
        history = list(
            StageChange.objects.filter(project_candidate=entry).values_list(
                "from_stage", "to_stage"
            )
        )
        final = ProjectCandidate.objects.get(pk=entry.pk).stage
        lost += len(history) != 2
        # One after the other: the second move starts where the first left the candidate, and
        # the candidate is where the last one put them.
        assert history[0][0] == Stage.SOURCED
        assert history[1][0] == history[0][1]
        assert {history[0][1], history[1][1]} == {first, second}
        assert final == history[1][1]
    report("simultaneous stage moves by two recruiters", tried=2 * ROUNDS, lost=lost)
    assert lost == 0


def test_two_adds_of_one_candidate_at_once_leave_one_row(as_user, team, recruiter, colleague):
    project, _entry = team
    url = reverse("api-v1:project-candidate-list", kwargs={"project_pk": project.pk})
    mine, theirs = as_user(recruiter), as_user(colleague)
    duplicates = 0
    for _round in range(ROUNDS):
        profile = ExecutiveProfileFactory()

        responses = simultaneously(
            lambda pk=profile.pk: mine("POST", url, {"profile": pk}),
            lambda pk=profile.pk: theirs("POST", url, {"profile": pk}),
        )

        assert sorted(response.status_code for response in responses) == [201, 400]
        refused = next(response for response in responses if response.status_code == 400)
        assert list(refused.json()) == ["profile"]
        duplicates += ProjectCandidate.objects.filter(project=project, profile=profile).count() - 1
    report("simultaneous adds of one candidate", tried=2 * ROUNDS, duplicates=duplicates)
    assert duplicates == 0


def test_a_rename_and_a_new_description_at_once_both_hold(as_user, team, recruiter, colleague):
    project, _entry = team
    url = reverse("api-v1:project-detail", kwargs={"pk": project.pk})
    mine, theirs = as_user(recruiter), as_user(colleague)
    lost = 0
    for round_number in range(ROUNDS):
        name, description = f"CFO, Suzhou ({round_number})", f"Brief {round_number}"

        responses = simultaneously(
            lambda name=name: mine("PATCH", url, {"name": name}),
            lambda text=description: theirs("PATCH", url, {"description": text}),
        )

        assert [response.status_code for response in responses] == [200, 200]
        saved = Project.objects.get(pk=project.pk)
        lost += (saved.name, saved.description) != (name, description)
    report("a project renamed and described at once", tried=2 * ROUNDS, lost=lost)
    assert lost == 0


def test_two_members_holding_one_version_of_a_project_one_wins(as_user, team, recruiter, colleague):
    project, _entry = team
    url = reverse("api-v1:project-detail", kwargs={"pk": project.pk})
    mine, theirs = as_user(recruiter), as_user(colleague)

    def rename(send: Callable[..., requests.Response], name: str, etag: str) -> Callable:
        return lambda: send("PATCH", url, {"name": name}, **{"If-Match": etag})

    winners = []
    for round_number in range(ROUNDS):
        etag = mine("GET", url, {}).headers["ETag"]

        responses = simultaneously(
            rename(mine, f"Mine {round_number}", etag),
            rename(theirs, f"Theirs {round_number}", etag),
        )

        codes = sorted(response.status_code for response in responses)
        assert codes == [200, 412], codes
        winner = next(response for response in responses if response.status_code == 200)
        assert Project.objects.get(pk=project.pk).name == winner.json()["name"]
        winners.append(codes.count(200))
    report("two members holding one project ETag", rounds=ROUNDS, winners_per_round=max(winners))
