"""A recruiter's memory in a real browser: save a search from the results and find it on the
workspace, log a Weibo outreach to a candidate in a project, mark it replied, and see the
observed reply rate under the advice on the person's page."""

from django.utils import timezone
from playwright.sync_api import expect

from outreach.services import add_outcomes
from platforms.models import Platform
from profiles.models import City, Seniority, Visibility
from tests.factories import (
    ExecutiveProfileFactory,
    MembershipFactory,
    OutreachLogFactory,
    ProjectCandidateFactory,
    UserFactory,
    published_outcomes,
)
from workspace import services
from workspace.models import OutreachLog, SavedSearch


def test_a_recruiter_saves_a_search_logs_an_outreach_and_sees_the_evidence(
    platform_data, recruiters_group, new_page
):
    person = ExecutiveProfileFactory(
        display_name="Zhou Lan",
        city=City.SUZHOU,
        seniority=Seniority.C_LEVEL,
        company_type="chinese_private",
        visibility=Visibility.RECRUITERS,
    )
    MembershipFactory(
        profile=person,
        platform=Platform.objects.get(slug="weibo"),
        open_to_inquiries=True,
        publicizes_career=True,
    )
    recruiter = UserFactory(username="rachel.recruiter")
    recruiter.groups.add(recruiters_group)
    project = services.create_project(owner=recruiter, name="CFO, Suzhou manufacturer")
    entry = services.add_candidate(project=project, by=recruiter, profile_id=person.pk)
    # Other recruiters' outcomes with such people, summed and published: 40 replies of 100; then
    # four more recruiters' since; this recruiter's reply is the fifth recruiter's, which publishes.
    cell = ("weibo", "chinese_private", "c_level")
    published_outcomes({cell: {"replied": 40, "no_reply": 60}})
    for _recruiter in range(4):
        profile = ExecutiveProfileFactory(company_type="chinese_private", seniority="c_level")
        OutreachLogFactory(
            project_candidate=ProjectCandidateFactory(profile=profile),
            channel="weibo",
            outcome="no_reply",
            outcome_at=timezone.now(),
        )
    add_outcomes(changes={cell: {"no_reply": 4}})

    page = new_page(user=recruiter)
    page.goto("/en/candidates/?city=suzhou")
    page.get_by_role("link", name="Save this search").click()
    expect(page.locator(".saved-search-filters")).to_contain_text("Suzhou")
    page.get_by_role("textbox", name="Name").fill("CFOs in Suzhou")
    page.get_by_role("button", name="Save search").click()
    expect(page.locator(".messages")).to_contain_text("Search saved as “CFOs in Suzhou”")
    page.goto("/en/workspace/")
    expect(page.locator(".saved-searches")).to_contain_text("CFOs in Suzhou")
    expect(page.locator(".saved-searches")).to_contain_text("nothing new")

    page.goto(f"/en/workspace/projects/{project.pk}/candidates/{entry.pk}/")
    page.get_by_label("Channel").select_option("weibo")
    page.get_by_role("button", name="Log outreach").click()
    expect(page.locator(".messages")).to_contain_text("Outreach through Sina Weibo logged")
    page.locator(".outreach-log").get_by_role("button", name="Replied").click()
    expect(page.locator(".messages")).to_contain_text("Outcome recorded: Replied.")

    page.goto(f"/en/people/{person.pk}/?purpose=recruiting")
    expect(page.locator(".channel-evidence").first).to_contain_text(
        "Replied: 39% of 105 outreaches to C-level at Chinese private firms"
    )
    assert SavedSearch.objects.get().query == "city=suzhou"
    assert OutreachLog.objects.get(logged_by=recruiter).outcome == "replied"
