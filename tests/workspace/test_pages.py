"""The workspace as a recruiter uses it: landing on it after logging in, making a project,
adding candidates from the search, moving them through the pipeline, notes, sharing, export."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from outreach.vocabulary import WARM_INTRODUCTION
from profiles.models import CandidateExport, ExecutiveProfile, Visibility
from tests.factories import (
    ExecutiveProfileFactory,
    MembershipFactory,
    PlatformFactory,
    connect,
)
from workspace import services
from workspace.models import NOTE_MAX_LENGTH, Project, ProjectCandidate, Stage, StageChange

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def board_url(project: Project, **query: str) -> str:
    url = reverse("workspace:project", kwargs={"pk": project.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def entry_url(entry: ProjectCandidate, name: str = "entry") -> str:
    return reverse(f"workspace:{name}", kwargs={"pk": entry.project_id, "entry_pk": entry.pk})


# --- Landing -------------------------------------------------------------------------------------


def test_a_recruiter_lands_on_their_workspace_after_logging_in(client, recruiter):
    response = client.post(reverse("login"), {"username": "recruiter", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("workspace:home")


def test_an_executive_still_lands_on_their_profile(client, executive):
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})

    assert response.url == reverse("profiles:me")


def test_a_next_address_still_wins(client, recruiter):
    wanted = reverse("profiles:candidates")

    response = client.post(
        reverse("login") + f"?next={wanted}", {"username": "recruiter", "password": PASSWORD}
    )

    assert response.url == wanted


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_home_lists_projects_and_recent_candidates_in_both_languages(
    recruiter_client, entry, language
):
    with translation.override("en"):  # the Chinese page leaves its language active otherwise
        response = recruiter_client.get(f"/{language}/workspace/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "CFO, Suzhou manufacturer" in page
    assert "Zhou Lan 周岚" in page


# --- Projects ------------------------------------------------------------------------------------


def test_a_project_made_on_the_page_opens_empty_with_a_way_to_search(recruiter_client, recruiter):
    response = recruiter_client.post(
        reverse("workspace:projects"), {"name": "CFO, Suzhou", "description": ""}, follow=True
    )

    project = Project.objects.get(owner=recruiter)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == board_url(project)
    assert "No candidates in this project yet." in page
    assert "Search candidates</a>" in page


def test_an_archived_empty_project_does_not_invite_adding(recruiter_client, recruiter, project):
    services.set_archived(project=project, by=recruiter, archived=True)

    page = recruiter_client.get(board_url(project)).content.decode()

    assert "No candidates in this project yet." in page
    assert "choose “Add to project”" not in page


def test_a_project_without_a_name_comes_back_with_the_error_next_to_the_field(recruiter_client):
    response = recruiter_client.post(reverse("workspace:projects"), {"name": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["name"]


def archive(client, project: Project, word: str):
    return client.post(
        reverse("workspace:project_archive", kwargs={"pk": project.pk}), {"archived": word}
    )


@pytest.mark.parametrize("word", ["1", "true", "yes", "on"])
def test_archived_projects_leave_the_active_list(recruiter_client, project, word):
    archive(recruiter_client, project, word)

    active = recruiter_client.get(reverse("workspace:projects"))
    archived = recruiter_client.get(reverse("workspace:projects"), {"archived": word})

    assert list(active.context["projects"]) == []
    assert list(archived.context["projects"]) == [project]


@pytest.mark.parametrize("word", ["0", "false", "no", "off"])
def test_a_project_is_restored_by_any_no(recruiter_client, recruiter, project, word):
    services.set_archived(project=project, by=recruiter, archived=True)

    archive(recruiter_client, project, word)

    project.refresh_from_db()
    assert not project.archived


@pytest.mark.parametrize("word", ["", "maybe", "bogus"])
def test_archiving_with_neither_yes_nor_no_is_a_400_that_changes_nothing(
    recruiter_client, project, word
):
    response = archive(recruiter_client, project, word)

    project.refresh_from_db()
    assert response.status_code == 400
    assert response.context["archive"].errors["archived"]
    assert not project.archived


def test_sharing_an_archived_project_says_why_not(recruiter_client, recruiter, colleague, project):
    services.set_archived(project=project, by=recruiter, archived=True)

    response = recruiter_client.post(
        reverse("workspace:project_share", kwargs={"pk": project.pk}),
        {"username": "colleague", "role": "view"},
    )

    assert response.status_code == 400
    assert "This project is archived: restore it to change it." in response.content.decode()
    assert not project.members.filter(user=colleague).exists()


def test_listing_projects_with_a_bad_archived_value_is_a_400_naming_it(recruiter_client):
    response = recruiter_client.get(reverse("workspace:projects"), {"archived": "maybe"})

    assert response.status_code == 400
    assert "(archived): " in response.content.decode()


def test_a_recruiter_who_is_not_a_member_finds_no_project(client, colleague, project, entry):
    client.force_login(colleague)

    for url in (
        board_url(project),
        entry_url(entry),
        reverse("workspace:project_export", kwargs={"pk": project.pk}),
    ):
        assert client.get(url).status_code == 404


def test_sharing_on_the_page_lets_the_colleague_in_and_says_so(
    recruiter_client, client, project, colleague
):
    url = reverse("workspace:project_share", kwargs={"pk": project.pk})

    unknown = recruiter_client.post(url, {"username": "nobody", "role": "edit"})
    shared = recruiter_client.post(url, {"username": "colleague", "role": "edit"}, follow=True)

    assert unknown.status_code == 400
    assert unknown.context["share"].errors["username"] == [str(services.NO_RECRUITER)]
    assert "colleague now has access: Can edit." in shared.content.decode()
    client.force_login(colleague)
    assert client.get(board_url(project)).status_code == 200


def opened_settings(client, project) -> tuple[str, dict[str, str], str]:
    """The settings page's URL, the name and description it showed, and its HTML."""
    url = reverse("workspace:project_settings", kwargs={"pk": project.pk})
    page = client.get(url)
    shown = {name: page.context["form"][name].value() for name in ("name", "description")}
    return url, shown, page.content.decode()


def posted(shown: dict[str, str], **typed: str) -> dict[str, str]:
    """The settings form as the browser posts it: what was typed over what was shown, and what
    was shown as each field's hidden initial value."""
    return {**shown, **typed, **{f"initial-{name}": value for name, value in shown.items()}}


def test_renaming_on_the_page_keeps_a_description_a_colleague_wrote_meanwhile(
    recruiter_client, recruiter, colleague, project
):
    url, shown, html = opened_settings(recruiter_client, project)
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    services.update_project(project=project, by=colleague, description="For the Suzhou plant")

    recruiter_client.post(url, posted(shown, name="CFO, Suzhou (renamed)"))

    assert 'name="initial-description"' in html
    saved = Project.objects.get(pk=project.pk)
    assert (saved.name, saved.description) == ("CFO, Suzhou (renamed)", "For the Suzhou plant")


def test_a_name_a_colleague_changed_meanwhile_is_not_overwritten_unseen(
    recruiter_client, recruiter, colleague, project
):
    """The report: both renamed from the page they had open; the second silently won."""
    url, shown, _html = opened_settings(recruiter_client, project)
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    services.update_project(project=project, by=colleague, name="Renamed by the colleague")

    refused = recruiter_client.post(url, posted(shown, name="Renamed by me"))

    assert refused.status_code == 400
    (message,) = refused.context["form"].errors["name"]
    assert "it now reads “Renamed by the colleague”" in message
    assert Project.objects.get(pk=project.pk).name == "Renamed by the colleague"
    again = dict(refused.context["form"].data.items())
    assert again["name"] == "Renamed by me"
    recruiter_client.post(url, again)
    assert Project.objects.get(pk=project.pk).name == "Renamed by me"


def test_a_description_posted_back_with_the_browsers_line_breaks_is_no_conflict(recruiter, project):
    services.update_project(project=project, by=recruiter, description="Line one\nLine two")

    services.update_project(
        project=project,
        by=recruiter,
        description="Line one\r\nLine three",
        shown={"description": "Line one\r\nLine two"},
    )

    assert Project.objects.get(pk=project.pk).description == "Line one\r\nLine three"


# --- Adding candidates ---------------------------------------------------------------------------


def test_selected_results_go_into_a_new_project_in_two_steps(recruiter_client, recruiter):
    chosen = ExecutiveProfileFactory.create_batch(3)
    ids = [profile.pk for profile in chosen]
    search = reverse("profiles:candidates") + "?q=cfo"

    chooser = recruiter_client.get(
        reverse("workspace:add_candidates"), {"profiles": ids, "next": search}
    )
    added = recruiter_client.post(
        reverse("workspace:add_candidates"),
        {"profiles": ids, "project": "", "new_project": "CFO, Suzhou", "next": search},
        follow=True,
    )

    assert chooser.status_code == 200
    assert [candidate.id for candidate in chooser.context["candidates"]] == ids
    assert added.redirect_chain[-1][0] == search
    project = Project.objects.get(owner=recruiter)
    assert set(project.candidates.values_list("profile", flat=True)) == set(ids)
    assert "3 candidates added to “CFO, Suzhou”." in added.content.decode()


def test_a_next_that_is_not_a_path_returns_to_the_project(recruiter_client, project):
    response = recruiter_client.post(
        reverse("workspace:add_candidates"),
        {"profiles": [ExecutiveProfileFactory().pk], "project": project.pk, "next": "maybe"},
    )

    assert response.status_code == 302
    assert response.url == board_url(project)


def test_a_hidden_field_that_is_refused_is_named_on_the_page(recruiter_client, project):
    response = recruiter_client.post(
        reverse("workspace:add_candidates"),
        {"profiles": [ExecutiveProfileFactory().pk], "project": project.pk, "next": "\x00"},
    )

    assert response.status_code == 400
    assert 'role="alert">next: ' in response.content.decode()
    assert not project.candidates.exists()


def test_adding_again_says_who_was_already_there(recruiter_client, project, entry):
    newcomer = ExecutiveProfileFactory()

    response = recruiter_client.post(
        reverse("workspace:add_candidates"),
        {"profiles": [entry.profile_id, newcomer.pk], "project": project.pk},
        follow=True,
    )

    page = response.content.decode()
    assert "1 candidate added to “CFO, Suzhou manufacturer”." in page
    assert "1 was already in the project." in page
    assert project.candidates.count() == 2


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_candidate_the_recruiter_may_not_see_is_a_404(recruiter_client, project, method):
    private = ExecutiveProfileFactory(visibility=Visibility.PRIVATE)

    response = getattr(recruiter_client, method)(
        reverse("workspace:add_candidates"), {"profiles": [private.pk], "project": project.pk}
    )

    assert response.status_code == 404
    assert not project.candidates.exists()


def test_a_new_project_named_by_invisible_characters_is_refused_next_to_the_field(
    recruiter_client, candidate
):
    response = recruiter_client.post(
        reverse("workspace:add_candidates"),
        {"profiles": [candidate.pk], "project": "", "new_project": "\u200b\u202e"},
    )

    assert response.status_code == 400
    assert "new_project" in response.context["form"].errors


@pytest.mark.parametrize("profiles", [[], ["x"], ["1e3"], ["١٢"], ["²"], ["0"], [str(10**30)]])
def test_a_bad_selection_is_a_400_saying_what_to_do(recruiter_client, profiles):
    response = recruiter_client.get(reverse("workspace:add_candidates"), {"profiles": profiles})

    assert response.status_code == 400
    assert response.context["selection_errors"]


def test_another_recruiters_project_is_not_offered_nor_accepted(recruiter_client, colleague):
    theirs = services.create_project(owner=colleague, name="Theirs")
    profile = ExecutiveProfileFactory()

    response = recruiter_client.post(
        reverse("workspace:add_candidates"), {"profiles": [profile.pk], "project": theirs.pk}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["project"]
    assert not theirs.candidates.exists()


# --- The board -----------------------------------------------------------------------------------


def test_the_board_lists_candidates_by_stage_with_counts(recruiter_client, recruiter, project):
    profiles = ExecutiveProfileFactory.create_batch(3)
    added = services.add_candidates(
        project=project, by=recruiter, profile_ids=[p.pk for p in profiles]
    ).added
    services.move_stage(project_candidate=added[0], by=recruiter, stage=Stage.CONTACTED)

    response = recruiter_client.get(board_url(project))

    board = response.context["board"]
    assert dict(board.counts) == {
        **dict.fromkeys(Stage, 0),
        Stage.SOURCED: 2,
        Stage.CONTACTED: 1,
    }
    assert [(stage, len(entries)) for stage, entries in board.columns] == [
        (Stage.SOURCED, 2),
        (Stage.CONTACTED, 1),
    ]
    contacted = recruiter_client.get(board_url(project, stage="contacted"))
    assert [e.candidate.id for e in contacted.context["board"].entries] == [profiles[0].pk]


@pytest.mark.parametrize(
    ("query", "field"), [({"stage": "interviewing"}, "stage"), ({"page": "0"}, "page")]
)
def test_a_stage_or_page_that_does_not_exist_is_a_400_naming_it(
    recruiter_client, project, query, field
):
    response = recruiter_client.get(board_url(project, **query))

    assert response.status_code == 400
    assert field in response.context["errors"]


def test_each_candidate_on_the_board_has_a_button_per_other_stage(recruiter_client, project, entry):
    page = recruiter_client.get(board_url(project)).content.decode()

    assert page.count('name="stage" value=') == len(Stage) - 1
    assert 'aria-current="step">Sourced</span>' in page


def test_a_member_who_can_view_sees_no_buttons(client, recruiter, colleague, project, entry):
    services.share_project(project=project, by=recruiter, username="colleague", role="view")
    client.force_login(colleague)

    page = client.get(board_url(project)).content.decode()

    assert 'name="stage"' not in page


def test_a_card_escapes_its_values_as_the_rest_of_the_page_does(
    recruiter_client, recruiter, project
):
    person = ExecutiveProfileFactory(display_name="Dan O'Brien <CFO>", is_fictional=True)
    entry = services.add_candidate(project=project, by=recruiter, profile_id=person.pk)
    services.tag_candidate(project_candidate=entry, by=recruiter, name='"board" & co')
    for text in ("Met at the forum.", "Called back."):
        services.add_note(project_candidate=entry, by=recruiter, text=text)
    url = board_url(project, page_size="10", x="'")

    page = recruiter_client.get(url).content.decode()

    assert "Dan O&#x27;Brien &lt;CFO&gt;</a></h3>" in page
    assert "Fictional demo person" in page
    assert "Move Dan O&#x27;Brien &lt;CFO&gt; to</span>" in page
    assert '<span class="badge tag">&quot;board&quot; &amp; co</span>' in page
    assert f'<a href="{entry_url(entry)}#notes">2 notes</a>' in page
    assert f'name="next" value="{escape(url)}"' in page  # &amp; and &#x27;


def test_one_click_moves_a_candidate_and_records_who(recruiter_client, recruiter, project, entry):
    response = recruiter_client.post(
        entry_url(entry, "entry_stage"), {"stage": "contacted", "next": board_url(project)}
    )

    assert response.status_code == 302
    assert response.url == f"{board_url(project)}#entry-{entry.pk}"  # back at the card
    change = StageChange.objects.get(project_candidate=entry)
    assert (change.from_stage, change.to_stage, change.by) == ("sourced", "contacted", recruiter)


def test_a_stage_that_does_not_exist_is_a_400_on_the_candidates_page(recruiter_client, entry):
    response = recruiter_client.post(entry_url(entry, "entry_stage"), {"stage": "interviewing"})

    assert response.status_code == 400
    assert response.context["stage_form"].errors["stage"]


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "maybe", "0", "a b", "workspace:home"]
)
def test_next_is_only_ever_a_path_on_this_site(recruiter_client, project, entry, next_url):
    """Another site, or a bare word Django's `redirect` would look up as a URL's name."""
    response = recruiter_client.post(
        entry_url(entry, "entry_stage"), {"stage": "contacted", "next": next_url}
    )

    assert response.url == f"{board_url(project)}#entry-{entry.pk}"


def test_a_candidate_gone_private_leaves_the_board_and_is_counted(
    recruiter_client, project, entry, candidate
):
    ExecutiveProfile.objects.filter(pk=candidate.pk).update(visibility=Visibility.PRIVATE)

    response = recruiter_client.get(board_url(project))

    assert response.context["board"].entries == []
    assert "1 candidate is no longer visible" in response.content.decode()
    assert "Zhou Lan" not in response.content.decode()
    assert recruiter_client.get(entry_url(entry)).status_code == 404


def test_the_board_shows_the_best_channels_and_the_introduction_path(
    recruiter_client, project, entry, candidate
):
    MembershipFactory(profile=candidate, platform=PlatformFactory(slug="weibo", name_en="Weibo"))

    response = recruiter_client.get(board_url(project))

    (shown,) = response.context["board"].entries
    assert [summary.channel.channel for summary in shown.how_to_reach]
    assert "No one in your network can introduce you yet." in response.content.decode()


def test_a_path_through_the_recruiters_network_is_shown_and_leads_the_advice(
    recruiter_client, recruiter, project, entry, candidate
):
    mine = ExecutiveProfileFactory(user=recruiter, display_name="Recruiter Me")
    friend = ExecutiveProfileFactory(display_name="Li Wei")
    connect(mine, friend)
    connect(friend, candidate)

    response = recruiter_client.get(board_url(project))

    (shown,) = response.context["board"].entries
    assert "via Li Wei" in shown.path.describe()
    assert shown.how_to_reach[0].channel.channel == WARM_INTRODUCTION
    assert "via Li Wei" in response.content.decode()


# --- Notes and tags ------------------------------------------------------------------------------


def test_a_note_over_5000_characters_comes_back_with_the_error_next_to_the_field(
    recruiter_client, entry
):
    response = recruiter_client.post(
        entry_url(entry, "entry_note"), {"text": "x" * (NOTE_MAX_LENGTH + 1)}
    )

    assert response.status_code == 400
    assert response.context["note_form"].errors["text"]
    assert not entry.notes.exists()


def test_a_colleague_with_edit_access_adds_a_note_the_owner_reads(
    client, recruiter_client, recruiter, project, entry, colleague
):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    client.force_login(colleague)

    client.post(entry_url(entry, "entry_note"), {"text": "Knows the board of Suzhou Precision."})

    page = recruiter_client.get(entry_url(entry)).content.decode()
    assert "Knows the board of Suzhou Precision." in page
    assert "colleague" in page


def test_an_author_who_can_now_only_view_is_offered_no_delete_for_their_note(
    client, recruiter, project, entry, colleague
):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    note = services.add_note(project_candidate=entry, by=colleague, text="Met at the forum")
    services.share_project(project=project, by=recruiter, username="colleague", role="view")
    client.force_login(colleague)

    page = client.get(entry_url(entry)).content.decode()

    assert "Met at the forum" in page
    assert f"/notes/{note.pk}/delete/" not in page


def test_tags_are_added_and_removed_on_the_candidates_page(recruiter_client, entry):
    recruiter_client.post(entry_url(entry, "entry_tag"), {"name": "Speaks German"})
    tag = entry.tags.get()

    recruiter_client.post(
        reverse(
            "workspace:entry_untag",
            kwargs={"pk": entry.project_id, "entry_pk": entry.pk, "tag_pk": tag.pk},
        )
    )

    assert tag.name == "Speaks German"
    assert not entry.tags.exists()


def test_taking_a_candidate_out_asks_first_and_says_what_goes(recruiter_client, entry):
    page = recruiter_client.get(entry_url(entry)).content.decode()

    confirm = page[page.index('<details class="remove-candidate">') :]
    confirm = confirm[: confirm.index("</details>")]
    assert f'action="{entry_url(entry, "entry_remove")}"' in confirm
    assert "Take Zhou Lan 周岚 out of this project?" in confirm
    assert "can't be brought back" in confirm


def test_taking_a_candidate_out_removes_them_with_their_notes(recruiter_client, recruiter, entry):
    services.add_note(project_candidate=entry, by=recruiter, text="Met at the forum")

    response = recruiter_client.post(entry_url(entry, "entry_remove"))

    assert response.url == reverse("workspace:project", kwargs={"pk": entry.project_id})
    assert not ProjectCandidate.objects.filter(pk=entry.pk).exists()


# --- Export --------------------------------------------------------------------------------------


def test_the_export_holds_the_visible_candidates_with_stage_and_tags_and_is_logged(
    recruiter_client, recruiter, project, entry
):
    services.tag_candidate(project_candidate=entry, by=recruiter, name="=HYPERLINK(1)")
    hidden = ExecutiveProfileFactory(display_name="Gone Private")
    services.add_candidate(project=project, by=recruiter, profile_id=hidden.pk)
    ExecutiveProfile.objects.filter(pk=hidden.pk).update(visibility=Visibility.PRIVATE)

    response = recruiter_client.get(reverse("workspace:project_export", kwargs={"pk": project.pk}))

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["Name"], row["Stage"], row["Tags"]) for row in rows] == [
        ("Zhou Lan 周岚", "Sourced", "'=HYPERLINK(1)")
    ]
    log = CandidateExport.objects.get()
    assert (log.recruiter, log.query, log.row_count) == (recruiter, f"project={project.pk}", 1)


# --- Where adding starts -------------------------------------------------------------------------


def test_each_search_result_can_be_selected_for_a_project(recruiter_client):
    profile = ExecutiveProfileFactory(display_name="Li Na")

    page = recruiter_client.get(reverse("profiles:candidates")).content.decode()

    assert f'action="{reverse("workspace:add_candidates")}"' in page
    assert (
        f'form="candidate-selection" name="profiles" value="{profile.pk}" aria-label="Select Li Na"'
    ) in page
    assert 'data-select-all="candidate-selection"' in page


def test_a_candidates_page_offers_adding_them_to_recruiters_only(
    recruiter_client, client, candidate, other_executive
):
    url = reverse("profiles:detail", kwargs={"pk": candidate.pk})
    add = f"{reverse('workspace:add_candidates')}?profiles={candidate.pk}"

    assert add in recruiter_client.get(url).content.decode()
    client.force_login(other_executive)
    candidate.visibility = Visibility.PUBLIC
    candidate.save()
    assert add not in client.get(url).content.decode()


def test_a_candidates_own_page_moves_them_with_the_boards_buttons(
    recruiter_client, recruiter, project
):
    person = ExecutiveProfileFactory(display_name="Dan O'Brien <CFO>", is_fictional=True)
    entry = services.add_candidate(project=project, by=recruiter, profile_id=person.pk)

    page = recruiter_client.get(entry_url(entry)).content.decode()

    assert f'<form method="post" action="{entry_url(entry, "entry_stage")}"' in page
    assert "Move Dan O&#x27;Brien &lt;CFO&gt; to</span>" in page
    assert '<span class="stage-button stage-current" aria-current="step">Sourced</span>' in page
    assert '<button type="submit" name="stage" value="contacted"' in page
    assert f'name="next" value="{entry_url(entry)}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
