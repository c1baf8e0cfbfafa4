"""Fictional demo people: the generator, storing them, and the setup_demo command."""

import io
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from platforms.models import Platform
from profiles import demo
from profiles.access import SEARCH_CANDIDATES_PERMISSION
from profiles.fields import MEMBERSHIP_SETTING_FIELDS, PROFILE_FIELDS
from profiles.management.commands.setup_demo import DEMO_PASSWORDS
from profiles.models import ExecutiveProfile, Membership
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db

OPERATING = ["huihui", "liepin", "linkedin", "maimai", "wechat", "weibo"]
HANZI = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def platforms(db):
    """The operating platforms as load_platforms names them, plus ones demo people must avoid."""
    operating = {slug: PlatformFactory(slug=slug, name_en=slug.title()) for slug in OPERATING}
    PlatformFactory(slug="ushi", status=Platform.Status.SHUT_DOWN, historical=True)
    PlatformFactory(slug="chitu", status=Platform.Status.SHUT_DOWN)
    PlatformFactory(slug="dajie", status=Platform.Status.UNKNOWN, historical=True)
    return operating


def generate(count: int, seed: int = 1, **kwargs) -> list[demo.DemoProfile]:
    return list(demo.generate_profiles(count, seed=seed, platform_slugs=OPERATING, **kwargs))


@pytest.fixture(scope="module")
def sample() -> list[demo.DemoProfile]:
    return list(demo.generate_profiles(5000, seed=11, platform_slugs=OPERATING))


# --- The generator ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_people():
    assert generate(300, seed=7) == generate(300, seed=7)


def test_another_seed_gives_other_people():
    assert generate(50, seed=7) != generate(50, seed=8)


def test_the_platform_order_does_not_change_the_people():
    shuffled = list(reversed(OPERATING))

    assert generate(50) == list(demo.generate_profiles(50, seed=1, platform_slugs=shuffled))


def test_start_continues_the_sequence_instead_of_repeating_it():
    assert generate(5, start=10) == generate(15)[10:]


def test_people_are_only_on_the_platforms_given(sample):
    on = {m.platform_slug for person in sample for m in person.memberships}

    assert on == set(OPERATING)


def test_nobody_has_two_memberships_on_one_platform(sample):
    for person in sample:
        slugs = [m.platform_slug for m in person.memberships]
        assert len(slugs) == len(set(slugs))


def test_everyone_has_a_channel_and_at_most_one_preferred(sample):
    for person in sample:
        assert person.memberships
        assert sum(m.preferred for m in person.memberships) <= 1


def test_memberships_average_about_three_per_person(sample):
    average = sum(len(person.memberships) for person in sample) / len(sample)

    assert 2.5 <= average <= 3.5


def test_platform_spread_follows_the_sources(sample):
    share = Counter(m.platform_slug for person in sample for m in person.memberships)
    share = {slug: count / len(sample) for slug, count in share.items()}

    assert share["wechat"] > 0.85
    for common in ("weibo", "linkedin", "maimai", "liepin"):
        assert 0.2 < share[common] < 0.7, common
    assert share["huihui"] < 0.06


def test_linkedin_is_commoner_among_staff_of_global_companies(sample):
    def linkedin_share(people):
        return sum(any(m.platform_slug == "linkedin" for m in p.memberships) for p in people) / len(
            people
        )

    global_staff = [p for p in sample if p.company_type in demo.GLOBALLY_EXPOSED]
    domestic_staff = [p for p in sample if p.company_type not in demo.GLOBALLY_EXPOSED]

    assert linkedin_share(global_staff) > 2 * linkedin_share(domestic_staff)


@pytest.mark.parametrize(
    "field",
    ["city", "industry", "company_type", "seniority", "visibility"],
)
def test_profiles_spread_over_every_choice(sample, field):
    choices = {
        "city": demo.City,
        "industry": demo.Industry,
        "company_type": demo.CompanyType,
        "seniority": demo.Seniority,
        "visibility": demo.Visibility,
    }[field]

    assert {getattr(person, field) for person in sample} == set(choices.values)


def test_activity_and_inquiry_settings_vary(sample):
    memberships = [m for person in sample for m in person.memberships]

    assert {m.activity for m in memberships} == set(demo.Activity.values)
    for flag in ("verified", "open_to_inquiries", "publicizes_career", "hide_handle"):
        assert {getattr(m, flag) for m in memberships} == {True, False}, flag


def test_names_are_chinese_with_hanzi_or_english(sample):
    chinese = [p.display_name for p in sample if HANZI.search(p.display_name)]
    english = [p.display_name for p in sample if not HANZI.search(p.display_name)]

    assert len(chinese) > len(english) > 0
    assert all(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [\u4e00-\u9fff]{2,3}", n) for n in chinese)
    assert all(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", name) for name in english)


def test_handles_can_never_be_real_accounts(sample):
    assert all(m.handle.startswith("demo-") for p in sample for m in p.memberships)


def test_generating_needs_a_platform():
    with pytest.raises(ValueError, match="operating platform"):
        list(demo.generate_profiles(1, seed=1, platform_slugs=[]))


def test_demo_people_fill_in_every_field_an_owner_does():
    """A field added to `profiles.fields` fails here until the generator gives it a value."""
    assert demo.DemoProfile._fields == (*PROFILE_FIELDS, "memberships")
    assert demo.DemoMembership._fields == ("platform_slug", *MEMBERSHIP_SETTING_FIELDS)


# --- Storing --------------------------------------------------------------------------------


def stored_people() -> list[demo.DemoProfile]:
    """Read demo people back in the generator's shape, in insertion order."""
    people = []
    for profile in ExecutiveProfile.objects.filter(user__isnull=True).order_by("pk"):
        memberships = tuple(
            demo.DemoMembership(
                platform_slug=m.platform.slug,
                **{name: getattr(m, name) for name in MEMBERSHIP_SETTING_FIELDS},
            )
            for m in profile.memberships.select_related("platform").order_by("platform__slug")
        )
        values = {name: getattr(profile, name) for name in PROFILE_FIELDS}
        people.append(demo.DemoProfile(**values, memberships=memberships))
    return people


def insert(people, platforms, **kwargs):
    platform_ids = {slug: platform.pk for slug, platform in platforms.items()}
    return demo.store_profiles(people, platform_ids=platform_ids, **kwargs)


def test_stored_people_are_exactly_the_generated_ones(platforms):
    people = generate(120)

    written = insert(people, platforms, batch_size=50)

    assert written == (120, sum(len(p.memberships) for p in people))
    assert stored_people() == people


def test_stored_people_are_fictional_and_have_no_account(platforms):
    insert(generate(80), platforms)

    assert ExecutiveProfile.objects.count() == 80
    assert not ExecutiveProfile.objects.filter(is_fictional=False).exists()
    assert not ExecutiveProfile.objects.filter(user__isnull=False).exists()
    assert not ExecutiveProfile.objects.filter(consent_at__isnull=False).exists()


def test_stored_people_have_their_search_document(platforms):
    people = generate(3)

    insert(people, platforms)

    stored = ExecutiveProfile.objects.order_by("pk")
    assert [p.search_document for p in stored] == [demo.document(p) for p in people]


def test_bulk_insert_reports_progress_per_batch(platforms):
    seen = []

    insert(generate(25), platforms, batch_size=10, on_batch=lambda p, m: seen.append(p))

    assert seen == [10, 10, 5]


def test_the_command_adds_the_requested_number_of_fictional_profiles(platforms):
    out = io.StringIO()

    call_command("generate_demo_profiles", "--count", "40", "--seed", "3", stdout=out)

    assert ExecutiveProfile.objects.filter(is_fictional=True).count() == 40
    assert "Added 40 fictional profiles" in out.getvalue()
    assert not Membership.objects.filter(platform__status=Platform.Status.SHUT_DOWN).exists()
    assert not Membership.objects.filter(platform__historical=True).exists()


def test_the_command_is_deterministic_with_a_seed(platforms):
    call_command("generate_demo_profiles", "--count", "30", "--seed", "9", stdout=io.StringIO())

    assert stored_people() == list(
        demo.generate_profiles(30, seed=9, platform_slugs=list(platforms))
    )


def test_the_command_needs_platforms():
    with pytest.raises(CommandError, match="load_platforms"):
        call_command("generate_demo_profiles", "--count", "5", stdout=io.StringIO())


@pytest.mark.parametrize("count", ["0", "-3", "many"])
def test_the_command_refuses_a_bad_count(platforms, count):
    with pytest.raises(CommandError):
        call_command("generate_demo_profiles", "--count", count, stdout=io.StringIO())


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "verbosity", "drawn"),
    [(Terminal(), 1, True), (io.StringIO(), 1, False), (Terminal(), 0, False)],
)
def test_the_progress_bar_is_drawn_only_on_a_terminal_and_not_at_verbosity_0(
    stream, verbosity, drawn
):
    with demo.progress_bar(100, verbosity=verbosity, file=stream) as bar:
        bar.update(50)
        bar.refresh()

    assert ("50%" in stream.getvalue()) is drawn


def test_the_commands_are_quiet_when_not_on_a_terminal(platforms, capsys):
    call_command("generate_demo_profiles", "--count", "5", stdout=io.StringIO())

    assert capsys.readouterr().err == ""


# --- setup_demo -------------------------------------------------------------------------------


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def setup_demo(profiles: int = 20, *options: str) -> str:
    out = io.StringIO()
    call_command("setup_demo", "--profiles", str(profiles), *options, stdout=out)
    return out.getvalue()


def demo_state() -> dict:
    return {
        "users": sorted(User.objects.values_list("username", flat=True)),
        "profiles": ExecutiveProfile.objects.count(),
        "memberships": Membership.objects.count(),
        "fictional without account": ExecutiveProfile.objects.filter(
            is_fictional=True, user__isnull=True
        ).count(),
    }


def test_setup_demo_creates_one_account_per_role(platforms, debug):
    setup_demo()

    executive = User.objects.get(username="demo-executive")
    recruiter = User.objects.get(username="demo-recruiter")
    admin = User.objects.get(username="demo-admin")
    for user in (executive, recruiter, admin):
        assert user.check_password(DEMO_PASSWORDS[user.username])
    assert recruiter.has_perm(SEARCH_CANDIDATES_PERMISSION)
    assert not recruiter.is_staff
    assert admin.is_staff
    assert admin.is_superuser
    assert not executive.has_perm(SEARCH_CANDIDATES_PERMISSION)


def test_setup_demo_gives_the_executive_a_fictional_profile_visible_to_recruiters(platforms, debug):
    setup_demo()

    profile = ExecutiveProfile.objects.get(user__username="demo-executive")
    assert profile.is_fictional
    assert profile.visibility == "recruiters"
    assert profile.consent_at is not None
    assert set(profile.memberships.values_list("platform__slug", flat=True)) == {
        "weibo",
        "wechat",
        "maimai",
        "linkedin",
    }


def test_setup_demo_generates_the_fictional_profiles(platforms, debug):
    setup_demo(profiles=25)

    assert demo_state()["fictional without account"] == 25


def test_setup_demo_twice_changes_nothing(platforms, debug):
    setup_demo()
    first = demo_state()

    setup_demo()

    assert demo_state() == first


def test_setup_demo_restores_a_changed_demo_password(platforms, debug):
    setup_demo()
    recruiter = User.objects.get(username="demo-recruiter")
    recruiter.set_password("something-else-entirely")
    recruiter.save()

    setup_demo()

    recruiter.refresh_from_db()
    assert recruiter.check_password(DEMO_PASSWORDS["demo-recruiter"])


def test_setup_demo_tops_up_by_continuing_the_sequence(platforms, debug):
    setup_demo(profiles=10)

    setup_demo(profiles=16)

    assert stored_people() == list(
        demo.generate_profiles(16, seed=demo.DEFAULT_SEED, platform_slugs=list(platforms))
    )


def test_setup_demo_prints_the_logins(platforms, debug):
    output = setup_demo()

    for username, password in DEMO_PASSWORDS.items():
        assert re.search(rf"{username}\s+{re.escape(password)}", output)
    assert reverse("login") in output


def test_setup_demo_prints_the_login_address_on_the_port_actually_used(platforms, debug):
    """`make run PORT=8101` passes its address on: the logins name that port, not 8000."""
    output = setup_demo(20, "--site-url", "http://127.0.0.1:8101/")

    assert f"http://127.0.0.1:8101{reverse('login')}" in output
    assert ":8000" not in output


def test_setup_demo_refuses_a_site_url_that_is_not_http(platforms, debug):
    with pytest.raises(CommandError, match="--site-url"):
        setup_demo(20, "--site-url", "127.0.0.1:8101")


def make_run_commands(*variables: str) -> list[str]:
    """What `make run` would run with these variables (`make -n`: printed, not run)."""
    made = subprocess.run(
        ["make", "-n", "--always-make", "run", *variables],
        cwd=Path(__file__).resolve().parents[2],
        env={name: value for name, value in os.environ.items() if name != "SITE_URL"},
        capture_output=True,
        text=True,
        check=True,
    )
    return made.stdout.splitlines()


def test_make_run_passes_its_address_to_setup_demo_and_the_server():
    """`make run PORT=8101`: the logins, and the links in the emails the server prints (an
    introduction's), name that port."""
    commands = make_run_commands("PORT=8101")

    setup = next(line for line in commands if "setup_demo" in line)
    server = next(line for line in commands if "runserver" in line)
    assert "--site-url http://127.0.0.1:8101" in setup
    assert "SITE_URL=http://127.0.0.1:8101 " in server


def test_make_run_takes_a_site_url_given_to_it():
    commands = make_run_commands("SITE_URL=https://networkdir.example")

    assert any("SITE_URL=https://networkdir.example " in line for line in commands)


def test_setup_demo_refuses_to_run_without_debug(platforms):
    with pytest.raises(CommandError, match="DEBUG"):
        setup_demo()

    assert not User.objects.filter(username__startswith="demo-").exists()


def test_setup_demo_needs_platforms(debug):
    with pytest.raises(CommandError, match="load_platforms"):
        setup_demo()


def test_the_demo_executive_sees_the_fictional_label_on_my_profile(platforms, debug, client):
    setup_demo()
    client.force_login(User.objects.get(username="demo-executive"))

    page = client.get(reverse("profiles:me")).content.decode()

    assert "Fictional demo person" in page
    assert "Zhou Lan 周岚" in page
