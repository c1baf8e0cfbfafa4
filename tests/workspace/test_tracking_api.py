"""Saved searches, the outreach log and the evidence over the API: the pages' rules, in JSON."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from outreach.services import record_outcome_change
from profiles.models import City, Seniority
from tests.clients import token_client
from tests.factories import (
    ExecutiveProfileFactory,
    MembershipFactory,
    PlatformFactory,
    published_outcomes,
)
from workspace import services
from workspace.models import OutreachLog, SavedSearch

pytestmark = pytest.mark.django_db

SEARCHES = reverse("api-v1:saved-search-list")
LOGS = reverse("api-v1:outreach-log-list")
EVIDENCE = reverse("api-v1:evidence")


@pytest.fixture(autouse=True)
def weibo():
    return PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")


# --- Saved searches ------------------------------------------------------------------------------


def test_a_saved_search_is_made_listed_with_its_new_count_and_opened(recruiter_api):
    made = recruiter_api.post(
        SEARCHES, {"name": "CFOs in Suzhou", "query": "city=suzhou&page=2"}, format="json"
    )
    SavedSearch.objects.update(last_opened_at=timezone.now() - datetime.timedelta(hours=1))
    ExecutiveProfileFactory(city=City.SUZHOU, seniority=Seniority.C_LEVEL)

    listed = recruiter_api.get(SEARCHES)
    opened = recruiter_api.post(reverse("api-v1:saved-search-open", args=[made.json()["id"]]))

    assert made.status_code == 201
    assert made.json()["query"] == "city=suzhou"
    assert made.json()["results"].endswith("/api/v1/candidates/?city=suzhou")
    assert [row["new_count"] for row in listed.json()["results"]] == [1]
    assert opened.json()["new_count"] == 0


def test_filters_the_search_refuses_are_a_400_by_filter_under_query(recruiter_api):
    response = recruiter_api.post(
        SEARCHES, {"name": "Nowhere", "query": "city=atlantis&sort=sideways"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["query"]) == {"city", "sort"}


def test_a_name_the_search_does_not_know_is_a_400_under_query_rather_than_every_candidate(
    recruiter_api,
):
    response = recruiter_api.post(
        SEARCHES, {"name": "CFOs", "query": "q=CFO&foo=bar"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["query"] == {"foo": ["Not a filter of the candidate search."]}
    assert not SavedSearch.objects.exists()


def test_a_saved_search_is_renamed_and_deleted(recruiter_api, recruiter):
    made = recruiter_api.post(SEARCHES, {"name": "A", "query": ""}, format="json").json()
    detail = reverse("api-v1:saved-search-detail", args=[made["id"]])

    renamed = recruiter_api.patch(detail, {"name": "B", "digest": True}, format="json")
    deleted = recruiter_api.delete(detail)

    assert (renamed.json()["name"], renamed.json()["digest"]) == ("B", True)
    assert deleted.status_code == 204
    assert not SavedSearch.objects.exists()


def test_a_project_one_cannot_change_is_a_400_naming_project(recruiter_api, colleague):
    theirs = services.create_project(owner=colleague, name="Theirs")

    response = recruiter_api.post(
        SEARCHES, {"name": "A", "query": "", "project": theirs.pk}, format="json"
    )

    assert response.status_code == 400
    assert "project" in response.json()


# --- The outreach log ----------------------------------------------------------------------------


def log_body(entry, **fields) -> dict:
    return {
        "project_candidate": entry.pk,
        "channel": "weibo",
        "sent_on": timezone.localdate().isoformat(),
        **fields,
    }


def test_an_outreach_is_logged_and_its_outcome_recorded(recruiter_api, entry):
    made = recruiter_api.post(LOGS, log_body(entry), format="json")
    log_url = reverse("api-v1:outreach-log-detail", args=[made.json()["id"]])

    answered = recruiter_api.patch(log_url, {"outcome": "replied"}, format="json")

    assert made.status_code == 201
    assert made.json()["outcome"] == "pending"
    assert made.json()["candidate"] == entry.profile_id
    assert answered.json()["outcome"] == "replied"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": "friendster"}, "channel"),
        ({"sent_on": "2999-01-01"}, "sent_on"),
        ({"sent_on": "yesterday"}, "sent_on"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(recruiter_api, entry, fields, field):
    response = recruiter_api.post(LOGS, log_body(entry, **fields), format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_a_candidate_outside_the_recruiters_projects_is_a_404(entry, colleague):
    response = token_client(colleague).post(LOGS, log_body(entry), format="json")

    assert response.status_code == 404
    assert not OutreachLog.objects.exists()


def test_another_recruiters_log_is_never_listed_nor_found(
    recruiter_api, entry, project, colleague, recruiter
):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    theirs = token_client(colleague).post(LOGS, log_body(entry), format="json").json()

    listed = recruiter_api.get(LOGS)
    found = recruiter_api.get(reverse("api-v1:outreach-log-detail", args=[theirs["id"]]))

    assert listed.json()["results"] == []
    assert found.status_code == 404


# --- The evidence --------------------------------------------------------------------------------


@pytest.fixture
def outcomes():
    published_outcomes(
        {
            ("weibo", "chinese_private", "c_level"): {"replied": 47, "no_reply": 77},
            ("email", "chinese_private", "c_level"): {"replied": 2, "declined": 3},
        }
    )


def test_recruiters_see_the_rates_advice_shows_and_admins_every_row(
    recruiter_api, admin_api, outcomes
):
    seen = recruiter_api.get(EVIDENCE).json()
    everything = admin_api.get(EVIDENCE).json()

    assert [(row["channel"], row["outreaches"]) for row in seen] == [("weibo", 124)]
    assert seen[0]["text"] == "Replied: 38% of 124 outreaches to C-level at Chinese private firms"
    assert {row["channel"] for row in everything} == {"weibo", "email"}


def test_a_colleagues_one_outcome_does_not_move_what_a_recruiter_reads(
    recruiter_api, admin_api, outcomes
):
    """The report: read before and after a colleague marked one outreach declined, the sums
    went from 124 to 125 outreaches with as many replies: that outreach's outcome."""
    record_outcome_change(
        cell=("weibo", "chinese_private", "c_level"), before="pending", after="declined"
    )

    seen = recruiter_api.get(EVIDENCE).json()
    everything = admin_api.get(EVIDENCE, {"channel": "weibo"}).json()

    assert [row["outreaches"] for row in seen] == [124]
    assert [row["outreaches"] for row in everything] == [125]


@pytest.mark.parametrize("name", ["seniority", "company_type", "channel"])
def test_the_evidence_filters_are_checked(recruiter_api, name):
    response = recruiter_api.get(EVIDENCE, {name: "emperor"})

    assert response.status_code == 400
    assert name in response.json()


def test_a_candidates_advice_carries_the_observed_rate(recruiter_api, outcomes, weibo):
    person = ExecutiveProfileFactory(user=None)
    MembershipFactory(profile=person, platform=weibo, open_to_inquiries=True)

    response = recruiter_api.get(
        reverse("api-v1:candidate-recommendation", args=[person.pk]), {"purpose": "recruiting"}
    )

    (channel,) = [row for row in response.json()["channels"] if row["channel"] == "weibo"]
    assert channel["observed"]["outreaches"] == 124
    assert channel["observed"]["text"].startswith("Replied: 38% of 124")
