"""The demo's network: the generator of who knows whom, and what setup_demo gives the logins."""

import io
import statistics
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from profiles import demo, demo_network
from profiles.demo_cast import JOURNEYS, TEAM_NAME
from profiles.management.commands.setup_demo import DEMO_PASSWORDS
from profiles.models import ConnectionRequest, Contact, ExecutiveProfile, Visibility
from profiles.network_models import RequestStatus
from profiles.paths import best_paths
from tests.profiles.test_demo import OPERATING, platforms  # noqa: F401

# --- The generator -------------------------------------------------------------------------------


def people(count: int, seed: int = 11) -> list[demo_network.Person]:
    return [
        demo_network.Person(pk, person.company, person.city, person.industry)
        for pk, person in enumerate(
            demo.generate_profiles(count, seed=seed, platform_slugs=OPERATING), start=1
        )
    ]


@pytest.fixture(scope="module")
def crowd() -> list[demo_network.Person]:
    return people(5000)


@pytest.fixture(scope="module")
def rows(crowd) -> list[demo_network.DemoContact]:
    return list(demo_network.generate_contacts(crowd, seed=3))


def test_the_same_people_and_seed_give_the_same_network(crowd, rows):
    assert list(demo_network.generate_contacts(crowd, seed=3)) == rows


def test_another_seed_gives_another_network(crowd):
    few = crowd[:500]

    assert list(demo_network.generate_contacts(few, seed=4)) != list(
        demo_network.generate_contacts(few, seed=3)
    )


def test_every_connection_is_both_rows_described_alike_and_never_oneself(rows):
    sides = {(row.owner, row.other): (row.relationship, row.closeness) for row in rows}

    assert len(sides) == len(rows)
    assert all(owner != other for owner, other in sides)
    assert all(sides[(other, owner)] == kind for (owner, other), kind in sides.items())


def test_rows_come_owner_by_owner_in_the_peoples_order(rows):
    keys = [(row.owner, row.other) for row in rows]

    assert keys == sorted(keys)


def test_most_links_stay_within_a_city_or_an_industry(crowd, rows):
    by_id = {person.id: person for person in crowd}
    near = [
        by_id[row.owner].city == by_id[row.other].city
        or by_id[row.owner].industry == by_id[row.other].industry
        for row in rows
    ]

    assert sum(near) / len(rows) > 0.8


def test_the_median_person_knows_about_twenty_and_a_few_know_hundreds(crowd, rows):
    degrees = Counter(row.owner for row in rows)
    counts = [degrees[person.id] for person in crowd]

    assert 14 <= statistics.median(counts) <= 24
    assert max(counts) > 10 * statistics.median(counts)


def test_each_side_draws_its_own_willingness_closer_links_more_willing(rows):
    by_closeness = Counter((row.closeness, row.willingness) for row in rows)

    def willing_share(closeness: int) -> float:
        total = sum(n for (c, _w), n in by_closeness.items() if c == closeness)
        return by_closeness[(closeness, "willing")] / total

    assert willing_share(3) > willing_share(2) > willing_share(1)
    assert {row.willingness for row in rows} == {"willing", "ask", "never"}


@pytest.mark.django_db
def test_stored_rows_are_the_generated_ones(platforms):  # noqa: F811
    demo.generate_and_store(count=40, seed=2, verbosity=0)
    crowd = demo_network.fictional_people()

    stored = demo_network.connect_fictional_people(seed=5)

    generated = list(demo_network.generate_contacts(crowd, seed=5))
    assert stored == len(generated) == Contact.objects.count()
    assert set(
        Contact.objects.values_list("owner", "other", "relationship", "closeness", "willingness")
    ) == set(generated)


# --- What setup_demo gives the logins ----------------------------------------------------------


@pytest.fixture
def demo_site(platforms, settings):  # noqa: F811
    settings.DEBUG = True
    out = io.StringIO()
    call_command("setup_demo", "--profiles", "80", stdout=out)
    return out.getvalue()


def login(username: str) -> User:
    return User.objects.get(username=username)


def profile(username: str) -> ExecutiveProfile:
    return ExecutiveProfile.objects.get(user__username=username)


def names(path) -> list[str]:
    return [step.display_name for step in path.intermediaries]


@pytest.mark.django_db
def test_the_executive_login_sees_a_second_and_a_third_degree_path(demo_site):
    viewer = login("demo-executive")

    (second, *_rest) = best_paths(viewer=viewer, target=profile("demo-target"))
    (third, *_rest) = best_paths(viewer=viewer, target=profile("demo-cast-xuhaoran"))

    assert (second.degree, names(second)) == (2, ["Li Wei 李伟"])
    assert (third.degree, names(third)) == (3, ["Li Wei 李伟", "Chen Jing 陈静"])


@pytest.mark.django_db
def test_the_recruiter_login_reaches_people_through_the_private_teammate(demo_site):
    viewer = login("demo-recruiter")
    teammate = profile("demo-recruiter-2")

    (path, *_rest) = best_paths(viewer=viewer, target=profile("demo-target"))

    assert teammate.visibility == Visibility.PRIVATE
    assert teammate.user.team_membership.team.name == TEAM_NAME
    assert (path.start_id, path.via_teammate, path.degree) == (
        teammate.pk,
        "Gao Yan 高岩",
        2,
    )
    assert names(path) == ["Li Wei 李伟"]


@pytest.mark.django_db
def test_a_request_to_connect_waits_for_the_executive_login(demo_site):
    request = ConnectionRequest.objects.get(recipient=profile("demo-executive"))

    assert request.status == RequestStatus.PENDING
    assert request.sender.display_name == "Sun Tao 孙涛"


@pytest.mark.django_db
def test_the_cast_knows_generated_people_and_the_generated_people_know_each_other(demo_site):
    zhou = profile("demo-executive")

    assert Contact.objects.filter(owner=zhou, other__user__isnull=True).exists()
    assert demo_network.crowd_contacts().count() > 80


@pytest.mark.django_db
def test_the_summary_says_which_login_to_try_for_each_journey(demo_site):
    tried = [username for username, _journey in JOURNEYS]

    assert "Try the network:" in demo_site
    assert set(tried) <= set(DEMO_PASSWORDS)
    for username, journey in JOURNEYS:
        assert f"{username}" in demo_site
        assert journey in demo_site


def network_state() -> set:
    return set(
        Contact.objects.values_list(
            "owner__display_name", "other__display_name", "relationship", "willingness"
        )
    ) | set(ConnectionRequest.objects.values_list("sender__display_name", "status"))


@pytest.mark.django_db
def test_setup_demo_again_resets_the_network_to_the_same(demo_site):
    before = network_state()
    Contact.objects.filter(owner=profile("demo-executive")).delete()
    ConnectionRequest.objects.update(status=RequestStatus.ACCEPTED)

    call_command("setup_demo", "--profiles", "80", stdout=io.StringIO())

    assert network_state() == before
