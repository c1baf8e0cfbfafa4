"""One meaning of "still operating", through every place that offers a platform.

A platform that shut down, or that the data keeps only for the record (historical), is hidden
from the directory's default and never offered for a new membership, a candidate search or
advice; one whose status is unknown is offered, after every platform known to operate, and
marked "status unknown". Each row of the table goes through each place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.http import QueryDict
from django.urls import reverse

from outreach.catalog import read_catalog
from outreach.inputs import PlatformTraits
from platforms.models import Platform
from platforms.vocabulary import OperatingState, operating_state
from profiles.filters import CandidateFilter
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

Status = Platform.Status


@dataclass(frozen=True)
class Case:
    status: str
    historical: bool
    state: OperatingState

    @property
    def offered(self) -> bool:
        return self.state != OperatingState.HISTORICAL

    @property
    def id(self) -> str:
        return f"{self.status}{'-historical' if self.historical else ''}"


CASES = [
    Case(Status.ACTIVE, False, OperatingState.OPERATING),
    Case(Status.RESTRICTED, False, OperatingState.OPERATING),
    Case(Status.DECLINING, False, OperatingState.OPERATING),
    Case(Status.UNKNOWN, False, OperatingState.STATUS_UNKNOWN),  # Huihui
    Case(Status.SHUT_DOWN, True, OperatingState.HISTORICAL),  # Chitu, Ushi
    Case(Status.SHUT_DOWN, False, OperatingState.HISTORICAL),  # shut down, not yet marked
    Case(Status.UNKNOWN, True, OperatingState.HISTORICAL),  # Dajie, WeiRenMai
    Case(Status.ACTIVE, True, OperatingState.HISTORICAL),
]
by_case = pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])


@pytest.fixture
def subject(case: Case) -> Platform:
    """The platform of the case, named to sort first, beside one known to operate."""
    PlatformFactory(slug="zeta", name_en="Zeta", status=Status.ACTIVE)
    return PlatformFactory(
        slug="subject", name_en="Alpha", status=case.status, historical=case.historical
    )


@by_case
def test_the_rule_and_its_twins_agree(case, subject):
    traits = PlatformTraits("subject", "Alpha", "contacts", case.status, historical=case.historical)

    assert operating_state(case.status, case.historical) == case.state
    assert subject.operating_state == case.state
    assert traits.operating_state == case.state
    assert subject.is_operating is traits.is_operating is case.offered
    assert Platform.objects.operating().filter(pk=subject.pk).exists() is case.offered


@by_case
def test_the_directory_shows_by_default_only_platforms_still_operating(client, case, subject):
    html = client.get(reverse("platforms:directory")).content.decode()

    assert (reverse("platforms:detail", kwargs={"slug": "subject"}) in html) is case.offered
    assert ("Status unknown" in html) is (case.state == OperatingState.STATUS_UNKNOWN)


@by_case
def test_the_platform_api_lists_by_default_only_platforms_still_operating(
    api_client, case, subject
):
    rows = api_client.get(reverse("api-v1:platform-list")).json()["results"]
    states = {row["slug"]: row["operating_state"] for row in rows}

    assert ("subject" in states) is case.offered
    detail = api_client.get(reverse("api-v1:platform-detail", kwargs={"slug": "subject"}))
    assert detail.json()["operating_state"] == case.state


def offered_slugs(choices) -> list[str]:
    return [str(value) for value, _label in choices if value]


@by_case
def test_the_membership_form_offers_only_platforms_still_operating(
    client, executive, case, subject
):
    client.force_login(executive)
    formset = client.get(reverse("profiles:me_memberships")).context["formset"]
    field = formset.empty_form.fields["platform"]
    offered = [platform.slug for platform in field.queryset]

    assert ("subject" in offered) is case.offered
    if case.offered:
        expected = (
            ["subject", "zeta"] if case.state == OperatingState.OPERATING else ["zeta", "subject"]
        )
        assert [slug for slug in offered if slug in expected] == expected


@by_case
def test_a_new_membership_through_the_api_only_on_platforms_still_operating(
    owner_api, case, subject
):
    response = owner_api.post(reverse("api-v1:me-membership-list"), {"platform": "subject"})

    assert (response.status_code == 201) is case.offered
    if not case.offered:
        assert "platform" in response.json()


@by_case
def test_the_candidate_filter_offers_only_platforms_still_operating(case, subject):
    choices = CandidateFilter(QueryDict("")).form.fields["platform"].choices
    labels = dict(choices)

    assert ("subject" in labels) is case.offered
    if case.state == OperatingState.STATUS_UNKNOWN:
        assert [slug for slug, _label in choices] == ["zeta", "subject"]
        assert labels["subject"] == "Alpha (status unknown)"


@by_case
def test_the_advisor_offers_only_platforms_still_operating(client, case, subject):
    form = client.get(reverse("outreach:advisor")).context["form"]
    rows = [row.slug for row in form.platform_rows]

    assert ("subject" in rows) is case.offered
    if case.state == OperatingState.STATUS_UNKNOWN:
        assert rows == ["zeta", "subject"]


@by_case
def test_advice_never_scores_a_platform_no_longer_operating(case, subject):
    catalog = read_catalog()

    assert ("subject" in {t.slug for t in catalog.operating_platforms}) is case.offered


@by_case
def test_a_candidate_on_it_shows_it_as_a_channel_only_while_it_operates(
    recruiter_client, case, subject
):
    profile = ExecutiveProfileFactory(display_name="Wang Fang")
    MembershipFactory(profile=profile, platform=subject, handle="@wang")

    html = recruiter_client.get(reverse("profiles:candidates")).content.decode()

    assert ("Alpha" in html) is case.offered
