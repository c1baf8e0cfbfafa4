"""Lost updates under real concurrency: simultaneous clients over HTTP, each request on its own
database connection (the live server answers each in its own thread), on PostgreSQL.

Each round starts its writers together at a barrier. What every round tried and what was lost
is printed as a RELIABILITY line (run with `-s` to read it) for docs/RELIABILITY.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from django.urls import reverse
from rest_framework.authtoken.models import Token

from profiles.models import ExecutiveProfile, Membership, Visibility
from tests.databases import postgresql_only
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only(
        "SQLite runs one writer at a time, so it can't show a lost update; "
        "make test runs these on PostgreSQL",
    ),
]

TIMEOUT = 20  # seconds for one request: a deadlock fails the test instead of hanging it

# Ten writable fields, one per writer.
FIELDS = (
    "display_name",
    "title",
    "company",
    "company_type",
    "industry",
    "city",
    "seniority",
    "speaks_english",
    "abroad_experience",
    "open_to_opportunities",
)


def new_values(profile: ExecutiveProfile, round_number: int) -> dict[str, Any]:
    """A value for each of FIELDS that differs from the saved one, so a lost edit shows."""
    values = {}
    for name in FIELDS:
        field = ExecutiveProfile._meta.get_field(name)
        current = getattr(profile, name)
        if isinstance(current, bool):
            values[name] = not current
        elif field.choices:
            choices = [value for value, _label in field.flatchoices]
            values[name] = choices[(choices.index(current) + 1) % len(choices)]
        else:
            values[name] = f"{name} {round_number}"
    return values


def report(what: str, **figures: int) -> None:
    print(f"RELIABILITY {what}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def simultaneously(*calls: Callable[[], requests.Response]) -> list[requests.Response]:
    """Run `calls` in threads of their own, released together."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], requests.Response]) -> requests.Response:
        barrier.wait(timeout=TIMEOUT)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def profile() -> ExecutiveProfile:
    return ExecutiveProfileFactory(visibility=Visibility.PUBLIC)


@pytest.fixture
def api(live_server, profile) -> Callable[..., requests.Response]:
    """Send one API request as the profile's owner, from a client of its own (a new session)."""
    token = Token.objects.create(user=profile.user)

    def send(method: str, path: str, body: dict | None = None, **headers: str):
        return requests.request(
            method,
            live_server.url + path,
            json=body,
            headers={"Authorization": f"Token {token.key}", **headers},
            timeout=TIMEOUT,
        )

    return send


PROFILE_URL = reverse("api-v1:me-profile")


def patch_profile(api, body: dict, **headers: str) -> Callable[[], requests.Response]:
    return lambda: api("PATCH", PROFILE_URL, body, **headers)


def test_simultaneous_edits_of_different_fields_are_all_kept(api, profile):
    tried = lost = 0
    statuses = set()
    for round_number in range(1, 6):
        edits = new_values(ExecutiveProfile.objects.get(pk=profile.pk), round_number)

        responses = simultaneously(*(patch_profile(api, {k: v}) for k, v in edits.items()))

        statuses.update(response.status_code for response in responses)
        saved = ExecutiveProfile.objects.get(pk=profile.pk)
        tried += len(edits)
        lost += sum(getattr(saved, name) != value for name, value in edits.items())
    report("simultaneous PATCHes of different fields", tried=tried, lost=lost)
    assert statuses == {200}
    assert (tried, lost) == (50, 0)


def test_going_private_is_never_lost_beside_a_title_edit(api, profile, client):
    lost = 0
    for round_number in range(20):
        ExecutiveProfile.objects.filter(pk=profile.pk).update(visibility=Visibility.PUBLIC)

        responses = simultaneously(
            patch_profile(api, {"visibility": "private"}),
            patch_profile(api, {"title": f"Title {round_number}"}),
        )

        assert [response.status_code for response in responses] == [200, 200]
        saved = ExecutiveProfile.objects.get(pk=profile.pk)
        lost += saved.visibility != Visibility.PRIVATE
        assert saved.title == f"Title {round_number}"
    report("visibility=private beside a title edit", rounds=20, stayed_public=lost)
    assert lost == 0
    assert client.get(reverse("profiles:detail", kwargs={"pk": profile.pk})).status_code == 404


def test_one_etag_lets_exactly_one_of_its_writers_win(api, profile):
    winners = []
    for round_number in range(5):
        etag = api("GET", PROFILE_URL).headers["ETag"]
        edits = new_values(ExecutiveProfile.objects.get(pk=profile.pk), round_number)

        responses = simultaneously(
            *(patch_profile(api, {k: v}, **{"If-Match": etag}) for k, v in edits.items())
        )

        codes = sorted(response.status_code for response in responses)
        assert codes == [200] + [412] * 9, codes
        winners.append(codes.count(200))
    report("writers holding one ETag", rounds=5, writers=10, winners_per_round=max(winners))


def test_two_channels_preferred_at_once_leave_exactly_one(api, profile):
    first, second = (
        MembershipFactory(profile=profile, platform=PlatformFactory(), preferred=False)
        for _ in range(2)
    )
    urls = [reverse("api-v1:me-membership-detail", kwargs={"pk": m.pk}) for m in (first, second)]
    both = 0
    for _ in range(20):
        Membership.objects.filter(profile=profile).update(preferred=False)

        responses = simultaneously(
            *(lambda url=url: api("PATCH", url, {"preferred": True}) for url in urls)
        )

        preferred = Membership.objects.filter(profile=profile, preferred=True).count()
        both += preferred > 1
        assert preferred == 1
        assert sorted(response.status_code for response in responses) == [200, 400]
        refused = next(response for response in responses if response.status_code == 400)
        assert "preferred" in refused.json()
    report("preferred=true on two channels at once", rounds=20, both_preferred=both)
