""" "Verified on this platform" is the executive's own statement, and reads as one wherever
recruiters see it: NetworkDir checks nothing, so no page, row, file or API field may read as a
badge it granted."""

import csv
import io
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import ExecutiveProfileFactory, MembershipFactory

pytestmark = pytest.mark.django_db

STATEMENT = "the executive's own statement"


@pytest.fixture
def candidate(weibo):
    profile = ExecutiveProfileFactory(display_name="Li Na")
    MembershipFactory(profile=profile, platform=weibo, verified=True, open_to_inquiries=True)
    return profile


def test_the_profile_page_says_verified_and_whose_word_it_is(recruiter_client, candidate):
    page = unescape(
        recruiter_client.get(
            reverse("profiles:detail", kwargs={"pk": candidate.pk})
        ).content.decode()
    )

    assert '<th scope="col">Says verified</th>' in page
    assert STATEMENT in page


def test_a_search_row_says_verified(recruiter_client, candidate):
    page = recruiter_client.get(reverse("profiles:candidates")).content.decode()

    assert '<span class="badge">says verified</span>' in page
    assert '<span class="badge">verified</span>' not in page


def test_the_search_filter_is_labelled_as_a_statement(recruiter_client, candidate):
    page = unescape(recruiter_client.get(reverse("profiles:candidates")).content.decode())

    assert "Says verified there" in page
    assert "The executive's own statement: NetworkDir does not check it." in page


def test_the_csv_says_verified(recruiter_client, candidate):
    response = recruiter_client.get(reverse("profiles:candidate_export"))
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))

    assert "says verified" in row["Reachable on"]


def test_the_api_describes_verified_as_the_executives_statement(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()

    channel = schema["components"]["schemas"]["Channel"]["properties"]["verified"]
    assert "statement, not checked by NetworkDir" in channel["description"]
    (verified_filter,) = [
        parameter
        for parameter in schema["paths"]["/api/v1/candidates/"]["get"]["parameters"]
        if parameter["name"] == "verified"
    ]
    assert verified_filter["description"].startswith("Says verified there")


def test_the_membership_form_tells_the_executive_how_recruiters_read_it(client, executive):
    client.force_login(executive)

    page = unescape(client.get(reverse("profiles:me_memberships")).content.decode())

    assert "recruiters see it as “says verified”" in page
