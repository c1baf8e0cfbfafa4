"""Introduction paths (`profiles.paths`): who may appear, in which order, and at what cost."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from profiles.access import is_recruiter
from profiles.models import (
    Block,
    Closeness,
    Contact,
    ExecutiveProfile,
    RecruiterTeam,
    RecruiterTeamMembership,
    Relationship,
    Visibility,
    Willingness,
)
from profiles.paths import Start, best_paths, best_paths_to_many, common_connections, starts_for
from tests.factories import ExecutiveProfileFactory, UserFactory, connect

pytestmark = pytest.mark.django_db

PUBLIC, RECRUITERS, PRIVATE = Visibility.PUBLIC, Visibility.RECRUITERS, Visibility.PRIVATE


def person(name: str, visibility: str = PUBLIC, **fields) -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name=name, visibility=visibility, **fields)


def via(paths) -> list[list[str]]:
    """Each path as the names of its intermediaries."""
    return [[step.display_name for step in path.intermediaries] for path in paths]


@pytest.fixture
def viewer():
    return person("Viewer")


@pytest.fixture
def li_wei():
    return person("Li Wei")


@pytest.fixture
def zhang_min():
    return person("Zhang Min")


def test_a_second_degree_path_reads_as_one_line(viewer, li_wei, zhang_min):
    connect(viewer, li_wei, relationship=Relationship.FORMER_COLLEAGUE)
    connect(li_wei, zhang_min, relationship=Relationship.CLIENT_OR_PARTNER, closeness=3)

    [path] = best_paths(viewer=viewer.user, target=zhang_min)

    assert path.degree == 2
    assert path.start_id == viewer.pk
    assert path.via_teammate is None
    assert [step.profile_id for step in path.steps] == [li_wei.pk, zhang_min.pk]
    assert path.describe() == (
        "via Li Wei — your former colleague (know well) — "
        "who knows Zhang Min as a client or partner (close)"
    )


def test_a_path_reads_in_the_language_of_each_request(viewer, li_wei, zhang_min):
    connect(viewer, li_wei, relationship=Relationship.FORMER_COLLEAGUE)
    connect(li_wei, zhang_min, relationship=Relationship.CLIENT_OR_PARTNER, closeness=3)
    [path] = best_paths(viewer=viewer.user, target=zhang_min)

    with translation.override("zh-hans"):
        chinese = path.describe()
    with translation.override("en"):
        english = path.describe()

    assert chinese.startswith("经由Li Wei — 您的前同事")
    assert chinese.endswith("此人与Zhang Min是客户或合作伙伴关系\uff08亲近\uff09")  # full-width ()
    assert english.startswith("via Li Wei — your former colleague (know well)")


def test_a_third_degree_path_names_both_intermediaries(viewer, li_wei, zhang_min):
    wang_fang = person("Wang Fang")
    connect(viewer, li_wei)
    connect(li_wei, wang_fang, relationship=Relationship.CLASSMATE, closeness=Closeness.CLOSE)
    connect(wang_fang, zhang_min, relationship=Relationship.MET_AT_EVENT, closeness=1)

    [path] = best_paths(viewer=viewer.user, target=zhang_min)

    assert path.degree == 3
    assert via([path]) == [["Li Wei", "Wang Fang"]]
    assert path.describe() == (
        "via Li Wei — your colleague (know well) — who knows Wang Fang as a classmate (close) — "
        "who met Zhang Min at an event (acquainted)"
    )
    assert best_paths(viewer=viewer.user, target=zhang_min, max_degree=2) == []


def test_nobody_is_a_path_to_themselves_or_beyond_the_third_degree(viewer):
    chain = [viewer, *(person(f"P{n}") for n in range(4))]
    for first, second in itertools.pairwise(chain):
        connect(first, second)

    assert best_paths(viewer=viewer.user, target=viewer) == []
    assert via(best_paths(viewer=viewer.user, target=chain[3])) == [["P0", "P1"]]
    assert best_paths(viewer=viewer.user, target=chain[4]) == []


# --- Privacy: who may appear to whom ----------------------------------------------------------


def viewer_with_role(role: str, recruiters_group) -> ExecutiveProfile:
    profile = person("Viewer", visibility=PRIVATE)
    if role == "recruiter":
        profile.user.groups.add(recruiters_group)
    if role == "admin":
        profile.user.is_staff = profile.user.is_superuser = True
        profile.user.save()
    return profile


@pytest.mark.parametrize(
    ("role", "intermediary", "target", "shown"),
    [
        # An executive sees public profiles only.
        ("executive", PUBLIC, PUBLIC, True),
        ("executive", RECRUITERS, PUBLIC, False),
        ("executive", PUBLIC, RECRUITERS, False),
        ("executive", PRIVATE, PUBLIC, False),
        ("executive", PUBLIC, PRIVATE, False),
        # A recruiter also sees profiles shared with recruiters.
        ("recruiter", RECRUITERS, RECRUITERS, True),
        ("recruiter", PUBLIC, RECRUITERS, True),
        ("recruiter", PRIVATE, PUBLIC, False),
        ("recruiter", RECRUITERS, PRIVATE, False),
        # An admin sees every profile, but a private one is never on anyone's path.
        ("admin", RECRUITERS, PUBLIC, True),
        ("admin", PRIVATE, RECRUITERS, False),
        ("admin", PUBLIC, PRIVATE, False),
    ],
)
def test_paths_show_only_people_the_viewer_may_see_and_never_a_private_one(
    recruiters_group, role, intermediary, target, shown
):
    viewer = viewer_with_role(role, recruiters_group)
    middle, end = person("A", intermediary), person("T", target)
    connect(viewer, middle)
    connect(middle, end)

    assert bool(best_paths(viewer=viewer.user, target=end)) is shown
    assert (common_connections(viewer=viewer.user, target=end).count == 1) is shown


def test_a_private_viewer_still_has_paths_of_their_own(li_wei, zhang_min):
    """A recruiter who wants paths of their own creates a profile: private is enough."""
    viewer = person("Viewer", visibility=PRIVATE)
    connect(viewer, li_wei)
    connect(li_wei, zhang_min)

    assert via(best_paths(viewer=viewer.user, target=zhang_min)) == [["Li Wei"]]


def test_a_private_person_is_never_the_middle_of_a_third_degree_path(viewer, zhang_min):
    a, b = person("A"), person("B", PRIVATE)
    connect(viewer, a)
    connect(a, b)
    connect(b, zhang_min)

    assert best_paths(viewer=viewer.user, target=zhang_min) == []


def test_anonymous_visitors_and_people_without_a_profile_have_no_paths(li_wei, zhang_min):

    connect(li_wei, zhang_min)

    assert best_paths(viewer=AnonymousUser(), target=zhang_min) == []
    assert best_paths(viewer=UserFactory(), target=zhang_min) == []
    assert common_connections(viewer=AnonymousUser(), target=zhang_min).count == 0


# --- Willingness, consent and blocks ----------------------------------------------------------


@pytest.mark.parametrize(
    ("willingness", "shown"),
    [(Willingness.WILLING, True), (Willingness.ASK, True), (Willingness.NEVER, False)],
)
def test_an_intermediary_is_on_a_path_only_if_willing_to_introduce_the_next_person(
    viewer, li_wei, zhang_min, willingness, shown
):
    connect(viewer, li_wei, willingness=Willingness.NEVER)  # the viewer's own wish: irrelevant
    connect(li_wei, zhang_min)
    Contact.objects.filter(owner=li_wei, other=zhang_min).update(willingness=willingness)

    assert bool(best_paths(viewer=viewer.user, target=zhang_min)) is shown


def test_the_middle_of_a_third_degree_path_must_be_willing_too(viewer, li_wei, zhang_min):
    wang_fang = person("Wang Fang")
    connect(viewer, li_wei)
    connect(li_wei, wang_fang, willingness=Willingness.NEVER)
    connect(wang_fang, zhang_min)

    assert best_paths(viewer=viewer.user, target=zhang_min) == []


def test_someone_who_takes_no_introduction_requests_is_on_no_path(viewer, zhang_min):
    busy = person("Busy", accepts_introductions=False)
    connect(viewer, busy)
    connect(busy, zhang_min)

    assert best_paths(viewer=viewer.user, target=zhang_min) == []
    # They are still a connection in common: that is not asking anything of them.
    assert common_connections(viewer=viewer.user, target=zhang_min).names == ("Busy",)


@pytest.mark.parametrize(
    ("blocker", "blocked"),
    [
        ("a", "viewer"),  # the intermediary blocked the viewer
        ("viewer", "a"),  # the viewer blocked the intermediary
        ("target", "a"),  # the target blocked the intermediary
        ("target", "viewer"),  # the target blocked the viewer
        ("viewer", "target"),
    ],
)
def test_blocks_bar_second_degree_paths(viewer, li_wei, zhang_min, blocker, blocked):
    people = {"viewer": viewer, "a": li_wei, "target": zhang_min}
    connect(viewer, li_wei)
    connect(li_wei, zhang_min)
    Block.objects.create(blocker=people[blocker], blocked=people[blocked])

    assert best_paths(viewer=viewer.user, target=zhang_min) == []


@pytest.mark.parametrize(
    ("blocker", "blocked"),
    [("b", "viewer"), ("target", "a"), ("target", "b"), ("a", "viewer"), ("viewer", "b")],
)
def test_blocks_bar_third_degree_paths(viewer, li_wei, zhang_min, blocker, blocked):
    wang_fang = person("Wang Fang")
    people = {"viewer": viewer, "a": li_wei, "b": wang_fang, "target": zhang_min}
    connect(viewer, li_wei)
    connect(li_wei, wang_fang)
    connect(wang_fang, zhang_min)
    Block.objects.create(blocker=people[blocker], blocked=people[blocked])

    assert best_paths(viewer=viewer.user, target=zhang_min) == []


def test_a_block_elsewhere_leaves_other_paths(viewer, li_wei, zhang_min):
    other = person("Other")
    connect(viewer, li_wei)
    connect(viewer, other)
    connect(li_wei, zhang_min)
    connect(other, zhang_min)
    Block.objects.create(blocker=zhang_min, blocked=other)

    assert via(best_paths(viewer=viewer.user, target=zhang_min)) == [["Li Wei"]]


# --- Ranking --------------------------------------------------------------------------------


def test_paths_rank_by_degree_then_weakest_link_then_total_closeness(viewer, zhang_min):
    close_but_long = [person("Long A"), person("Long B")]
    weak = person("Weak")  # close, then acquainted: the weakest link is 1
    even = person("Even")  # know well twice: weakest 2, total 4
    strong = person("Strong")  # close, then know well: weakest 2, total 5
    connect(viewer, close_but_long[0], closeness=Closeness.CLOSE)
    connect(*close_but_long, closeness=Closeness.CLOSE)
    connect(close_but_long[1], zhang_min, closeness=Closeness.CLOSE)
    connect(viewer, weak, closeness=Closeness.CLOSE)
    connect(weak, zhang_min, closeness=Closeness.ACQUAINTED)
    connect(viewer, even, closeness=Closeness.KNOW_WELL)
    connect(even, zhang_min, closeness=Closeness.KNOW_WELL)
    connect(viewer, strong, closeness=Closeness.CLOSE)
    connect(strong, zhang_min, closeness=Closeness.KNOW_WELL)

    paths = best_paths(viewer=viewer.user, target=zhang_min)

    assert via(paths) == [["Strong"], ["Even"], ["Weak"], ["Long A", "Long B"]]
    assert via(best_paths(viewer=viewer.user, target=zhang_min, limit=2)) == [
        ["Strong"],
        ["Even"],
    ]


def test_at_equal_closeness_the_more_recently_active_intermediary_comes_first(viewer, zhang_min):
    idle, active = person("Idle"), person("Active")
    for middle in (idle, active):
        connect(viewer, middle)
        connect(middle, zhang_min)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    ExecutiveProfile.objects.filter(pk=idle.pk).update(updated_at=long_ago)

    assert via(best_paths(viewer=viewer.user, target=zhang_min)) == [["Active"], ["Idle"]]


def test_a_longer_path_through_someone_who_knows_the_target_is_left_out(viewer, zhang_min):
    a, b = person("A"), person("B")
    connect(viewer, a)
    connect(a, b)
    connect(a, zhang_min)
    connect(b, zhang_min)

    assert via(best_paths(viewer=viewer.user, target=zhang_min)) == [["A"]]


# --- Recruiter teams --------------------------------------------------------------------------


@pytest.fixture
def team(recruiters_group):
    """A recruiter without a profile, and a teammate whose profile knows Li Wei."""
    team = RecruiterTeam.objects.create(name="Search Partners")
    recruiter = UserFactory(username="team-recruiter")
    teammate = person("Chen Jie", visibility=PRIVATE)
    for user in (recruiter, teammate.user):
        user.groups.add(recruiters_group)
        RecruiterTeamMembership.objects.create(team=team, user=user)
    return recruiter, teammate


def test_paths_start_at_their_own_profile_then_their_teammates_by_name(team, recruiters_group):
    recruiter, chen_jie = team
    own = person("Zhou Lan", user=recruiter)
    an_ning = person("An Ning")
    an_ning.user.groups.add(recruiters_group)
    RecruiterTeamMembership.objects.create(
        team=chen_jie.user.team_membership.team, user=an_ning.user
    )

    assert starts_for(recruiter, include_team=True) == [
        Start(own.pk, None),
        Start(an_ning.pk, "An Ning"),
        Start(chen_jie.pk, "Chen Jie"),
    ]
    assert starts_for(recruiter, include_team=False) == [Start(own.pk, None)]


def test_a_team_member_who_is_no_longer_a_recruiter_starts_at_their_own_profile_only(team):
    _recruiter, chen_jie = team
    chen_jie.user.groups.clear()

    assert starts_for(chen_jie.user, include_team=True) == [Start(chen_jie.pk, None)]


def test_a_recruiter_gets_paths_through_a_teammates_contacts(team, li_wei, zhang_min):
    recruiter, teammate = team
    connect(teammate, li_wei, relationship=Relationship.FORMER_COLLEAGUE)
    connect(li_wei, zhang_min, closeness=Closeness.CLOSE)

    [path] = best_paths(viewer=recruiter, target=zhang_min)

    assert path.start_id == teammate.pk
    assert path.via_teammate == "Chen Jie"
    assert path.describe() == (
        "via your teammate Chen Jie's contact Li Wei — Chen Jie's former colleague "
        "(know well) — who knows Zhang Min as a colleague (close)"
    )
    assert best_paths(viewer=recruiter, target=zhang_min, include_team=False) == []


def test_never_the_teammates_list_only_paths_through_it(team, li_wei, zhang_min):
    recruiter, teammate = team
    connect(teammate, li_wei)
    connect(teammate, zhang_min)

    # Knowing the target directly is not a path from the teammate's contacts; and connections
    # in common are the viewer's own.
    assert best_paths(viewer=recruiter, target=zhang_min) == []
    assert common_connections(viewer=recruiter, target=li_wei).count == 0


def test_own_paths_come_before_a_teammates_at_equal_closeness(team, li_wei, zhang_min):
    recruiter, teammate = team
    own = person("Own", user=recruiter)
    other = person("Other")
    connect(teammate, li_wei)
    connect(li_wei, zhang_min)
    connect(own, other)
    connect(other, zhang_min)

    paths = best_paths(viewer=recruiter, target=zhang_min)

    assert [(path.via_teammate, via([path])[0]) for path in paths] == [
        (None, ["Other"]),
        ("Chen Jie", ["Li Wei"]),
    ]


def test_team_paths_are_for_recruiters_only(team, li_wei, zhang_min, recruiters_group):
    recruiter, teammate = team
    connect(teammate, li_wei)
    connect(li_wei, zhang_min)
    recruiter.groups.remove(recruiters_group)
    recruiter = type(recruiter).objects.get(pk=recruiter.pk)  # no permission cache

    assert best_paths(viewer=recruiter, target=zhang_min) == []


# --- Many targets, and what it costs -------------------------------------------------------------


def test_the_best_path_to_each_of_many_targets(viewer, li_wei):
    wang_fang, near_target, far_target, unreachable = (
        person(name) for name in ("Wang Fang", "Near", "Far", "Alone")
    )
    connect(viewer, li_wei)
    connect(li_wei, near_target)
    connect(li_wei, wang_fang)
    connect(wang_fang, far_target)

    found = best_paths_to_many(
        viewer=viewer.user, target_ids=[near_target.pk, far_target.pk, unreachable.pk]
    )

    assert {pk: via([path])[0] for pk, path in found.items()} == {
        near_target.pk: ["Li Wei"],
        far_target.pk: ["Li Wei", "Wang Fang"],
    }
    assert best_paths_to_many(viewer=viewer.user, target_ids=[far_target.pk], max_degree=2) == {}


def test_a_page_of_targets_finds_each_the_path_its_own_page_finds(viewer, li_wei, monkeypatch):
    """The third degree reads at most MAX_SIDE introducers of each target: the other targets'
    closer introducers do not push out the one who makes this target's path."""
    monkeypatch.setattr("profiles.paths.MAX_SIDE", 2)
    wang_fang, target = person("Wang Fang"), person("Target")
    connect(viewer, li_wei)
    connect(li_wei, wang_fang)
    connect(wang_fang, target, closeness=Closeness.ACQUAINTED)
    others = [person(f"Other {n}") for n in range(2)]
    for other in others:
        for n in range(2):
            connect(person(f"Close to {other.display_name} {n}"), other, closeness=Closeness.CLOSE)

    found = best_paths_to_many(
        viewer=viewer.user, target_ids=[target.pk, *(other.pk for other in others)]
    )

    assert found[target.pk] == best_paths(viewer=viewer.user, target=target)[0]
    assert via([found[target.pk]]) == [["Li Wei", "Wang Fang"]]


def network_of(viewer: ExecutiveProfile, size: int) -> list[ExecutiveProfile]:
    """`size` targets, each reachable at the second and the third degree."""
    targets = []
    for n in range(size):
        a, b, target = person(f"A{n}"), person(f"B{n}"), person(f"T{n}")
        connect(viewer, a)
        connect(a, target)
        connect(a, b)
        connect(b, target)
        targets.append(target)
    return targets


@pytest.mark.parametrize("size", [1, 6])
def test_paths_take_a_fixed_number_of_queries(viewer, django_assert_num_queries, size):
    """The permissions (to know whether a team counts), the starts, N1 and N2 in one statement,
    the people on them, the third-degree links, and the targets' blocks among those links'
    owners."""
    targets = network_of(viewer, size)
    viewer = type(viewer.user).objects.get(pk=viewer.user.pk)

    with django_assert_num_queries(6):
        found = best_paths_to_many(viewer=viewer, target_ids=[t.pk for t in targets])
    with django_assert_num_queries(4):  # the permissions and the viewer are kept on the user
        best_paths(viewer=viewer, target=targets[0])
    with django_assert_num_queries(2):  # N1 and N2, the people on them
        best_paths(viewer=viewer, target=targets[0], max_degree=2)
    starts = starts_for(viewer, include_team=True)
    with django_assert_num_queries(2):  # the starts given
        best_paths(viewer=viewer, target=targets[0], max_degree=2, starts=starts)

    assert len(found) == size


def test_a_viewer_without_a_profile_or_team_reads_no_contacts(recruiter, zhang_min):
    """Most recruiters: no start, so the one statement finds that, and no contact row is read."""
    recruiter = type(recruiter).objects.get(pk=recruiter.pk)
    is_recruiter(recruiter)  # the permissions, read once per user

    with CaptureQueriesContext(connection) as captured:
        found = best_paths_to_many(viewer=recruiter, target_ids=[zhang_min.pk])

    assert found == {}
    assert len(captured) == 1
    assert "profiles_contact" not in captured[0]["sql"]


def test_common_connections_count_and_name_what_the_viewer_may_see(viewer, zhang_min):
    shown = [person(name) for name in ("Wu", "An")]
    hidden = [person("Private", PRIVATE), person("For recruiters", RECRUITERS)]
    for contact in (*shown, *hidden):
        connect(viewer, contact)
        connect(zhang_min, contact)
    connect(viewer, person("Only mine"))

    common = common_connections(viewer=viewer.user, target=zhang_min)

    assert (common.count, common.names) == (2, ("An", "Wu"))
    assert common_connections(viewer=viewer.user, target=zhang_min, names=1).names == ("An",)


@pytest.mark.parametrize(
    ("blocker", "blocked"),
    [
        ("target", "viewer"),
        ("viewer", "target"),
        ("common", "viewer"),
        ("viewer", "common"),
    ],
)
def test_a_block_with_the_viewer_hides_connections_in_common(viewer, zhang_min, blocker, blocked):
    """Blocking someone takes the viewer out of their network and them out of the viewer's:
    neither whom a blocker knows nor the blocker themselves is shown in common."""
    common = person("Common Chen")
    connect(viewer, common)
    connect(zhang_min, common)
    people = {"viewer": viewer, "target": zhang_min, "common": common}
    Block.objects.create(blocker=people[blocker], blocked=people[blocked])

    found = common_connections(viewer=viewer.user, target=zhang_min)

    assert (found.count, found.names) == (0, ())


def test_a_block_between_others_leaves_connections_in_common(viewer, li_wei, zhang_min):
    common = person("Common Chen")
    connect(viewer, common)
    connect(zhang_min, common)
    Block.objects.create(blocker=zhang_min, blocked=li_wei)

    assert common_connections(viewer=viewer.user, target=zhang_min).names == ("Common Chen",)


# --- The person's page ------------------------------------------------------------------------


def detail(target: ExecutiveProfile, language: str = "en") -> str:
    return f"/{language}/people/{target.pk}/"


def test_the_page_shows_connections_in_common_and_the_paths(client, viewer, li_wei, zhang_min):
    connect(viewer, li_wei, relationship=Relationship.FORMER_COLLEAGUE)
    connect(li_wei, zhang_min, relationship=Relationship.CLIENT_OR_PARTNER, closeness=3)
    client.force_login(viewer.user)

    page = client.get(detail(zhang_min)).content.decode()

    assert "You have 1 connection in common that you can see." in page
    assert "Li Wei" in page
    assert (
        "via Li Wei — your former colleague (know well) — "
        "who knows Zhang Min as a client or partner (close)"
    ) in page
    assert f"/me/introductions/new/?target={zhang_min.pk}&amp;via={li_wei.pk}" in page


def test_a_third_degree_link_names_both_intermediaries(client, viewer, li_wei, zhang_min):
    wang_fang = person("Wang Fang")
    connect(viewer, li_wei)
    connect(li_wei, wang_fang)
    connect(wang_fang, zhang_min)
    client.force_login(viewer.user)

    page = client.get(detail(zhang_min)).content.decode()

    assert f"?target={zhang_min.pk}&amp;via={li_wei.pk}&amp;then={wang_fang.pk}" in page
    assert "You have no connections in common that you can see." in page


def test_a_teammates_path_says_whom_to_ask(client, team, li_wei, zhang_min):
    recruiter, teammate = team
    connect(teammate, li_wei)
    connect(li_wei, zhang_min)
    client.force_login(recruiter)

    page = client.get(detail(zhang_min)).content.decode()

    assert "via your teammate Chen Jie&#x27;s contact Li Wei" in page
    assert "Ask Chen Jie to ask for it." in page
    assert "/me/introductions/new/" not in page


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_without_a_profile_the_page_says_where_paths_start(recruiter_client, zhang_min, language):
    response = recruiter_client.get(detail(zhang_min, language))

    assert response.status_code == 200
    assert 'class="card network-paths"' in response.content.decode()
    assert response.context["network_paths"]["has_start"] is False


def test_nobody_to_ask_is_said_so(client, viewer, zhang_min):
    client.force_login(viewer.user)

    response = client.get(detail(zhang_min))

    assert response.context["network_paths"]["has_start"] is True
    assert "Nobody you know could introduce you yet" in response.content.decode()


def test_visitors_and_the_owner_see_no_paths(client, viewer, zhang_min):
    assert "network_paths" not in client.get(detail(zhang_min)).context
    client.force_login(zhang_min.user)
    assert "network_paths" not in client.get(detail(zhang_min)).context
