"""A recruiter's project in a real browser: land on the workspace after logging in, select all
the results of a search into a new project, move one candidate to "contacted", share the
project with a colleague who writes a note, and export it."""

from playwright.sync_api import expect

from profiles.models import Visibility
from tests.factories import ExecutiveProfileFactory, UserFactory
from workspace.models import Note, Project, Stage, StageChange

PASSWORD = "a-long-test-password"


def test_a_recruiter_keeps_search_results_in_a_shared_project(
    transactional_db, recruiters_group, new_page
):
    for name in ("Zhou Lan", "Chen Jing", "Xu Haoran"):
        ExecutiveProfileFactory(display_name=name, visibility=Visibility.RECRUITERS)
    recruiter = UserFactory(username="rachel.recruiter")
    colleague = UserFactory(username="colin.colleague")
    for user in (recruiter, colleague):
        user.groups.add(recruiters_group)

    page = new_page()
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill("rachel.recruiter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workspace")

    page.get_by_role("link", name="Search candidates").first.click()
    page.get_by_label("Select all on this page").check()
    page.get_by_role("button", name="Add selected to a project").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("3 candidates")
    page.get_by_label("New project's name").fill("CFO, Suzhou manufacturer")
    page.get_by_role("button", name="Add to project").click()
    expect(page.locator(".messages")).to_contain_text(
        "3 candidates added to “CFO, Suzhou manufacturer”."
    )

    project = Project.objects.get(name="CFO, Suzhou manufacturer")
    page.goto(f"/en/workspace/projects/{project.pk}/")
    expect(page.get_by_role("link", name="Sourced 3")).to_be_visible()
    card = page.locator(".board-entry", has_text="Zhou Lan")
    card.get_by_role("button", name="Contacted").click()
    expect(page.locator(".messages")).to_contain_text("Zhou Lan moved to “Contacted”.")
    expect(page.get_by_role("link", name="Contacted 1")).to_be_visible()

    page.get_by_role("link", name="Settings and members").click()
    page.get_by_label("Recruiter's username").fill("colin.colleague")
    page.get_by_label("Can edit").check()
    page.get_by_role("button", name="Share").click()
    expect(page.locator(".messages")).to_contain_text("colin.colleague now has access: Can edit.")

    other = new_page(user=colleague)
    other.goto("/en/workspace/")
    other.get_by_role("link", name="CFO, Suzhou manufacturer").first.click()
    other.get_by_role("link", name="Zhou Lan").first.click()
    expect(other.locator(".stage-history")).to_contain_text("rachel.recruiter: Sourced → Contacted")
    other.get_by_role("textbox", name="Note").fill(
        "Knows the board of Suzhou Precision; call after 6pm."
    )
    other.get_by_role("button", name="Add note").click()
    expect(other.locator(".notes")).to_contain_text("Knows the board of Suzhou Precision")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export as CSV").click()
    exported = download.value.path().read_text(encoding="utf-8-sig")
    assert exported.count("\n") == 4
    assert "Contacted" in exported

    assert StageChange.objects.get().to_stage == Stage.CONTACTED
    assert Note.objects.get().author == colleague
