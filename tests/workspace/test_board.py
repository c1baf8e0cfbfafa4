"""A project's board costs the same number of queries for one candidate as for 500."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles import services as profile_services
from profiles.models import ExecutiveProfile, Membership, Visibility
from tests.databases import PERMISSIONS_APART, postgresql_only
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory
from workspace import services as workspace_services
from workspace.models import Note, Project, ProjectCandidate, Stage, Tag

pytestmark = pytest.mark.django_db


def fill(project, recruiter, count: int) -> list[ProjectCandidate]:
    """`count` candidates (demo people without accounts) in every stage, each on two platforms,
    tagged and with a note; one more that went private."""
    platforms = [PlatformFactory(slug="weibo"), PlatformFactory(slug="maimai")]
    profiles = ExecutiveProfile.objects.bulk_create(
        ExecutiveProfileFactory.build_batch(count, user=None)
    )
    Membership.objects.bulk_create(
        Membership(profile=profile, platform=platform, handle=f"@{profile.pk}-{platform.slug}")
        for profile in profiles
        for platform in platforms
    )
    private = ExecutiveProfileFactory(user=None, visibility=Visibility.PRIVATE)
    stages = list(Stage)
    entries = ProjectCandidate.objects.bulk_create(
        ProjectCandidate(
            project=project, profile=profile, added_by=recruiter, stage=stages[i % len(stages)]
        )
        for i, profile in enumerate([*profiles, private])
    )
    tag = Tag.objects.create(project=project, name="shortlist")
    tag.candidates.add(*entries)
    Note.objects.bulk_create(
        Note(project_candidate=entry, author=recruiter, text="Met at the forum.")
        for entry in entries
    )
    return entries


# The session, the user with their permissions and the viewer (`profiles.auth`: where
# introduction paths start, none for a recruiter without a network, with the navigation's
# counts), the project with the viewer's access; then the page's entries, their profiles,
# channels and tags. The counts per stage are kept from the first request (`stage_counts`), the
# catalog and the platform names are the process's copies, warmed by it.
BOARD_QUERIES = 7 + PERMISSIONS_APART


@pytest.mark.parametrize("count", [1, 500])
def test_the_board_takes_a_fixed_number_of_queries(
    recruiter_client, recruiter, project, django_assert_num_queries, count
):
    fill(project, recruiter, count)
    url = reverse("workspace:project", kwargs={"pk": project.pk})
    recruiter_client.get(url)

    with django_assert_num_queries(BOARD_QUERIES):
        response = recruiter_client.get(url, {"page_size": "100"})

    board = response.context["board"]
    assert len(board.entries) == min(count, 100)
    assert board.counts.total == count
    assert board.counts.hidden == 1


def board_counts(client, project) -> tuple[dict[str, int], int]:
    """The board's counts as its page shows them: (the stages with candidates, hidden)."""
    counts = client.get(reverse("workspace:project", kwargs={"pk": project.pk})).context["counts"]
    return {stage.value: count for stage, count in counts if count}, counts.hidden


def entry_post(client, entry: ProjectCandidate, name: str, data: dict | None = None) -> None:
    url = reverse(f"workspace:{name}", kwargs={"pk": entry.project_id, "entry_pk": entry.pk})
    assert client.post(url, data or {}).status_code == 302


def move(client, entry: ProjectCandidate) -> None:
    entry_post(client, entry, "entry_stage", {"stage": "contacted"})


def take_out(client, entry: ProjectCandidate) -> None:
    entry_post(client, entry, "entry_remove")


def add_another(client, entry: ProjectCandidate) -> None:
    another = ExecutiveProfileFactory(visibility=Visibility.RECRUITERS)
    added = client.post(
        reverse("workspace:add_candidates"),
        {"profiles": [another.pk], "project": entry.project_id},
    )
    assert added.status_code == 302


def make_private(client, entry: ProjectCandidate) -> None:
    profile_services.update_profile(profile=entry.profile, visibility=Visibility.PRIVATE)


@pytest.mark.parametrize(
    ("change", "after"),
    [
        (move, ({"contacted": 1}, 0)),
        (take_out, ({}, 0)),
        (add_another, ({"sourced": 2}, 0)),
        (make_private, ({}, 1)),
    ],
)
def test_the_counts_kept_for_a_board_follow_each_change(
    recruiter_client, entry, django_capture_on_commit_callbacks, change, after
):
    """The counts per stage are kept between views (`stage_counts`); each change to the
    project's candidates, or to their profiles, is counted on the next view."""
    assert board_counts(recruiter_client, entry.project) == ({"sourced": 1}, 0)

    with django_capture_on_commit_callbacks(execute=True):
        change(recruiter_client, entry)

    assert board_counts(recruiter_client, entry.project) == after


def board_advice(client, project) -> dict[str, int]:
    """The best channels advised on the board's one candidate, with their scores."""
    board = client.get(reverse("workspace:project", kwargs={"pk": project.pk})).context["board"]
    (entry,) = board.entries
    return {summary.channel.channel: summary.channel.score for summary in entry.how_to_reach}


def test_the_advice_kept_for_a_board_follows_the_candidates_settings(recruiter_client, entry):
    """The catalog keeps each board candidate's advice (`recommend(keep=True)`) under every input
    of it: a setting changed since is a new question."""
    membership = MembershipFactory(profile=entry.profile, platform=PlatformFactory(slug="weibo"))
    before = board_advice(recruiter_client, entry.project)

    profile_services.update_membership(membership=membership, open_to_inquiries=False)

    after = board_advice(recruiter_client, entry.project)
    assert after.get("weibo", 0) < before["weibo"]


def test_a_move_puts_its_project_first_in_the_members_list(recruiter, recruiter_client, entry):
    later = workspace_services.create_project(owner=recruiter, name="Later project")
    assert Project.objects.for_member(recruiter).first() == later

    move(recruiter_client, entry)

    assert Project.objects.for_member(recruiter).first() == entry.project


@postgresql_only("PostgreSQL's planner")
def test_a_boards_page_is_read_in_the_order_of_its_index(recruiter_client, recruiter, project):
    """Each entry's profile is probed only until the page is full, rather than every entry of
    the project probed and then sorted."""
    fill(project, recruiter, 60)
    with CaptureQueriesContext(connection) as captured:
        recruiter_client.get(reverse("workspace:project", kwargs={"pk": project.pk}))
    (listing,) = [query["sql"] for query in captured if "ORDER BY CASE" in query["sql"]]

    with connection.cursor() as cursor:
        # A table this small is sorted faster than it is read in order: ask whether it can be.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {listing}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "project_candidate_board" in plan
    assert "Sort" not in plan


def test_every_candidate_is_exported_in_a_fixed_number_of_queries(
    recruiter_client, recruiter, project, django_assert_num_queries
):
    fill(project, recruiter, 500)
    url = reverse("workspace:project_export", kwargs={"pk": project.pk})
    recruiter_client.get(url)

    # The session, the user with their permissions, the rate limit's counter, the project; in one
    # transaction (two savepoints here, in the test's) the entries, profiles, channels and tags,
    # and the export's log row with the check of its recruiter key.
    with django_assert_num_queries(14 + PERMISSIONS_APART):
        response = recruiter_client.get(url)

    assert response.content.decode("utf-8-sig").count("\r\n") == 501
