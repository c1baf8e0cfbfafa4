"""Projects over the API: the same rules as the pages, errors that name the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from profiles.models import ExecutiveProfile, Visibility
from tests.clients import token_client
from tests.databases import PERMISSIONS_APART
from tests.factories import ExecutiveProfileFactory
from tests.workspace.test_board import fill
from workspace import services
from workspace.models import NOTE_MAX_LENGTH, Project, Stage

pytestmark = pytest.mark.django_db

PROJECTS = reverse("api-v1:project-list")


def candidates_url(project: Project) -> str:
    return reverse("api-v1:project-candidate-list", kwargs={"project_pk": project.pk})


def entry_url(entry, name: str = "detail") -> str:
    return reverse(
        f"api-v1:project-candidate-{name}", kwargs={"project_pk": entry.project_id, "pk": entry.pk}
    )


def test_a_recruiter_makes_renames_archives_and_lists_projects(recruiter_api):
    made = recruiter_api.post(PROJECTS, {"name": "CFO, Suzhou"}, format="json")
    url = reverse("api-v1:project-detail", kwargs={"pk": made.data["id"]})

    renamed = recruiter_api.patch(url, {"name": "CFO, Suzhou plant"}, format="json")
    archived = recruiter_api.patch(url, {"archived": True}, format="json")
    changed_while_archived = recruiter_api.patch(url, {"name": "Changed"}, format="json")
    restored_and_renamed = recruiter_api.patch(
        url, {"archived": False, "name": "CFO again"}, format="json"
    )

    assert made.status_code == 201
    assert (made.data["owner"], made.data["role"], made.data["candidate_count"]) == (
        "recruiter",
        "edit",
        0,
    )
    assert renamed.data["name"] == "CFO, Suzhou plant"
    assert archived.data["archived"] is True
    assert changed_while_archived.status_code == 400
    assert restored_and_renamed.data["name"] == "CFO again"
    assert [p["name"] for p in recruiter_api.get(PROJECTS).data["results"]] == ["CFO again"]


@pytest.mark.parametrize(("word", "status"), [("yes", 200), ("on", 200), ("t", 400), ("y", 400)])
def test_archived_takes_the_sites_yes_no_words(recruiter_api, project, word, status):
    url = reverse("api-v1:project-detail", kwargs={"pk": project.pk})

    response = recruiter_api.patch(url, {"archived": word}, format="json")

    project.refresh_from_db()
    assert response.status_code == status
    assert project.archived is (status == 200)
    if status == 400:
        assert set(response.data) == {"archived"}


def test_unknown_keys_and_a_missing_name_are_400s_naming_them(recruiter_api):
    response = recruiter_api.post(PROJECTS, {"nmae": "CFO"}, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"nmae"}
    assert set(recruiter_api.post(PROJECTS, {}, format="json").data) == {"name"}


def test_another_recruiters_project_does_not_exist_for_you(colleague, project, entry):
    api = token_client(colleague)

    urls = [
        reverse("api-v1:project-detail", kwargs={"pk": project.pk}),
        candidates_url(project),
        entry_url(entry),
        entry_url(entry, "notes"),
        reverse("api-v1:project-member-list", kwargs={"project_pk": project.pk}),
    ]
    assert [api.get(url).status_code for url in urls] == [404] * len(urls)
    assert api.get(PROJECTS).data["results"] == []


def test_sharing_adds_a_member_then_changes_their_access(recruiter_api, project, colleague):
    url = reverse("api-v1:project-member-list", kwargs={"project_pk": project.pk})

    added = recruiter_api.post(url, {"username": "colleague", "role": "view"}, format="json")
    changed = recruiter_api.post(url, {"username": "colleague", "role": "edit"}, format="json")
    unknown = recruiter_api.post(url, {"username": "nobody", "role": "edit"}, format="json")

    assert (added.status_code, changed.status_code) == (201, 200)
    assert changed.data["role"] == "edit"
    assert unknown.status_code == 400
    assert list(unknown.data) == ["username"]
    members = recruiter_api.get(url).data["results"]
    assert [(m["username"], m["is_owner"]) for m in members] == [
        ("recruiter", True),
        ("colleague", False),
    ]


def test_a_member_who_can_view_reads_but_may_not_write(recruiter, project, entry, colleague):
    services.share_project(project=project, by=recruiter, username="colleague", role="view")
    api = token_client(colleague)

    assert api.get(entry_url(entry)).status_code == 200
    assert api.patch(entry_url(entry), {"stage": "contacted"}, format="json").status_code == 403
    assert api.post(entry_url(entry, "notes"), {"text": "Hi"}, format="json").status_code == 403


def project_url(project: Project) -> str:
    return reverse("api-v1:project-detail", kwargs={"pk": project.pk})


def test_a_change_sent_with_the_version_read_goes_through_with_a_new_one(recruiter_api, project):
    etag = recruiter_api.get(project_url(project))["ETag"]

    response = recruiter_api.patch(
        project_url(project), {"name": "CFO, Suzhou plant"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200
    assert response.data["name"] == "CFO, Suzhou plant"
    assert response["ETag"] not in (etag, None)
    assert recruiter_api.get(project_url(project))["ETag"] == response["ETag"]


def test_a_change_over_a_version_changed_since_is_a_412_and_writes_nothing(
    recruiter_api, recruiter, project
):
    etag = recruiter_api.get(project_url(project))["ETag"]
    services.update_project(project=project, by=recruiter, description="A colleague's brief")

    response = recruiter_api.patch(
        project_url(project), {"archived": True}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 412
    saved = Project.objects.get(pk=project.pk)
    assert (saved.archived, saved.description) == (False, "A colleague's brief")


def test_a_member_who_can_view_is_refused_403_whatever_version_they_send(
    recruiter, project, colleague
):
    services.share_project(project=project, by=recruiter, username="colleague", role="view")
    api = token_client(colleague)

    for etag in (api.get(project_url(project))["ETag"], '"stale"'):
        response = api.patch(project_url(project), {"name": "X"}, format="json", HTTP_IF_MATCH=etag)

        assert response.status_code == 403


# --- Candidates ----------------------------------------------------------------------------------


def test_adding_a_candidate_then_adding_them_again(recruiter_api, project):
    profile = ExecutiveProfileFactory()

    added = recruiter_api.post(candidates_url(project), {"profile": profile.pk}, format="json")
    again = recruiter_api.post(candidates_url(project), {"profile": profile.pk}, format="json")

    assert added.status_code == 201
    assert (added.data["stage"], added.data["candidate"]["id"]) == ("sourced", profile.pk)
    assert added.data["history"] == []
    assert again.status_code == 400
    assert again.data == {"profile": [str(services.ALREADY_IN_PROJECT)]}
    assert project.candidates.count() == 1


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, None])
def test_a_profile_you_may_not_see_is_a_404(recruiter_api, project, visibility):
    profile_id = ExecutiveProfileFactory(visibility=visibility).pk if visibility else 10**12

    response = recruiter_api.post(candidates_url(project), {"profile": profile_id}, format="json")

    assert response.status_code == 404


def test_the_list_has_counts_per_stage_and_says_how_many_are_hidden(
    recruiter_api, recruiter, project, entry, candidate
):
    other = services.add_candidate(
        project=project, by=recruiter, profile_id=ExecutiveProfileFactory().pk
    )
    services.move_stage(project_candidate=other, by=recruiter, stage=Stage.MEETING)
    ExecutiveProfile.objects.filter(pk=candidate.pk).update(visibility=Visibility.PRIVATE)

    response = recruiter_api.get(candidates_url(project))
    meeting = recruiter_api.get(candidates_url(project), {"stage": "meeting"})

    assert response.data["hidden"] == 1
    assert {c["stage"]: c["count"] for c in response.data["counts"]}["meeting"] == 1
    assert [e["id"] for e in response.data["results"]] == [other.pk]
    assert [e["id"] for e in meeting.data["results"]] == [other.pk]
    assert recruiter_api.get(entry_url(entry)).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [({"stage": "interviewing"}, "stage"), ({"page": "0"}, "page"), ({"purpose": "x"}, "purpose")],
)
def test_a_bad_list_parameter_is_a_400_naming_it(recruiter_api, project, query, field):
    response = recruiter_api.get(candidates_url(project), query)

    assert response.status_code == 400
    assert field in response.data


def test_moving_a_stage_is_recorded_and_a_stage_that_does_not_exist_refused(recruiter_api, entry):
    moved = recruiter_api.patch(entry_url(entry), {"stage": "contacted"}, format="json")
    refused = recruiter_api.patch(entry_url(entry), {"stage": "interviewing"}, format="json")

    assert moved.data["stage"] == "contacted"
    assert [(h["from_stage"], h["to_stage"], h["by"]) for h in moved.data["history"]] == [
        ("sourced", "contacted", "recruiter")
    ]
    assert refused.status_code == 400
    assert list(refused.data) == ["stage"]


def test_notes_up_to_5000_characters(recruiter_api, entry):
    url = entry_url(entry, "notes")

    kept = recruiter_api.post(url, {"text": "好" * NOTE_MAX_LENGTH}, format="json")
    refused = recruiter_api.post(url, {"text": "好" * (NOTE_MAX_LENGTH + 1)}, format="json")

    assert kept.status_code == 201
    assert kept.data["author"] == "recruiter"
    assert refused.status_code == 400
    assert list(refused.data) == ["text"]
    assert len(recruiter_api.get(url).data) == 1


def test_tags_are_put_on_and_taken_off(recruiter_api, entry):
    tagged = recruiter_api.post(entry_url(entry, "tags"), {"name": "shortlist"}, format="json")
    tag = entry.tags.get()
    untag = reverse(
        "api-v1:project-candidate-tag",
        kwargs={"project_pk": entry.project_id, "pk": entry.pk, "tag_pk": tag.pk},
    )

    assert tagged.data["tags"] == ["shortlist"]
    assert recruiter_api.delete(untag).status_code == 204
    assert recruiter_api.get(entry_url(entry)).data["tags"] == []


# The token with its user and the user's permissions; the project with the caller's access; the
# page's entries, their profiles, channels and tags; the paths. The counts per stage are kept
# from the first request (`stage_counts`).
LIST_QUERIES = 8 + PERMISSIONS_APART


@pytest.mark.parametrize("count", [1, 500])
def test_the_list_takes_a_fixed_number_of_queries(
    recruiter, recruiter_api, project, django_assert_num_queries, count
):
    fill(project, recruiter, count)
    recruiter_api.get(candidates_url(project))

    with django_assert_num_queries(LIST_QUERIES):
        response = recruiter_api.get(candidates_url(project), {"page_size": "100"})

    assert len(response.data["results"]) == min(count, 100)


def test_an_executive_is_told_the_workspace_is_for_recruiters(executive):
    response = token_client(executive).get(PROJECTS)

    assert response.status_code == 403
    assert "recruiters' workspace" in response.json()["detail"]
