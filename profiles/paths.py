"""Introduction paths: who could introduce a signed-in viewer to a person, up to three degrees.

A path runs start → A → target or start → A → B → target, where the start is the viewer's own
profile or, for a recruiter in a team, a teammate's (never the teammate's whole list: only the
paths through it). Each intermediary must be willing to be asked (their row about the next
person has willingness in `INTRODUCING`), accept introduction requests at all, and be a profile
the network's privacy rule lets the viewer see (`profiles.access.shown_in_network`, the rule
behind `Contact.objects.showable_to`: never a private one). No one who blocked the viewer or the
start, whom the viewer blocked, or whom the target blocked is ever on a path, and a target who
blocked the viewer (or whom the viewer blocked) has no paths.

The search meets in the middle, in a fixed number of statements whatever the sizes (after the
starts are read, none for a viewer without any; then two to the second degree, four to the
third): the starts' contacts N1 (index `(owner, other)`) and the people who know each target N2
(index `(other, owner)`), read together; second-degree paths are N1 ∩ N2, third-degree paths the
contact rows from N1 to N2. At most `MAX_SIDE` people of each side (the closest links first,
then the most recently active) take part in that last read, so two well-connected people don't
read each other's thousands of links; second-degree paths always consider everyone. The far
side is cut for each target apart (`kept_introducers`): a page of results finds for each person
the path their own page finds, however many introducers the others have.

Each statement is compiled once per process on PostgreSQL, its lists of keys one array each
(`core.statements.CompiledRows`): compiling them took two thirds of finding one person's paths.

Ranking (`rank`): fewer degrees first; then the weakest link's closeness, then the sum of the
links' closeness; then a path from the viewer's own profile before a teammate's (asking a
teammate is one more step); then the intermediaries' activity, read as when they last updated
their profile (`updated_at`: the one sign of activity on NetworkDir itself, the place an
introduction request reaches them), judged by the least recent among them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from core.statements import CompiledRows
from profiles.access import is_recruiter, shown_in_network
from profiles.models import (
    Block,
    Contact,
    ExecutiveProfile,
    ExecutiveProfileQuerySet,
    Visibility,
)
from profiles.network_models import INTRODUCING, apart_from_blocks
from profiles.path_words import PathWords
from profiles.viewer import keep_viewer, read_viewer

# The paths a person's page (and the API) shows at most.
PATHS_SHOWN = 3

# At most this many of the starts' contacts, and of the targets' introducers, meet in the
# third-degree query (see the module's docstring).
MAX_SIDE = 100


@dataclass(frozen=True)
class PathStep:
    """A person on a path, with the link into them as the previous person described it."""

    profile_id: int
    display_name: str
    relationship: str
    closeness: int
    willingness: str


@dataclass(frozen=True)
class IntroductionPath:
    """A way to the target: `steps` are the intermediaries, then the target."""

    start_id: int
    via_teammate: str | None
    steps: tuple[PathStep, ...]
    degree: int

    @property
    def intermediaries(self) -> tuple[PathStep, ...]:
        return self.steps[:-1]

    @property
    def target(self) -> PathStep:
        return self.steps[-1]

    @property
    def ask_query(self) -> str:
        """The query string that asks for this introduction (`profiles:introduction_new`):
        `target`, `via` and, at the third degree, `then`. Empty for a teammate's path: it is
        theirs to ask along."""
        if self.via_teammate is not None:
            return ""
        query = {"target": self.target.profile_id}
        for name, step in zip(("via", "then"), self.intermediaries, strict=False):
            query[name] = step.profile_id
        return urlencode(query)

    def describe(self) -> str:
        """One line in the active language: "via Li Wei — your former colleague (know well) —
        who knows Zhang Min as a client or partner (close)"."""
        words = PathWords.translated()
        first = self.steps[0]
        if self.via_teammate is None:
            parts = [words.via % {"name": first.display_name}]
            link = words.your_link[first.relationship]
        else:
            names = {"teammate": self.via_teammate, "name": first.display_name}
            parts = [words.via_teammate % names]
            link = words.teammate_link[first.relationship] % names
        parts.append(words.with_closeness(link, first.closeness))
        for step in self.steps[1:]:
            link = words.next_link[step.relationship] % {"name": step.display_name}
            parts.append(words.with_closeness(link, step.closeness))
        return words.between.join(parts)


@dataclass(frozen=True)
class CommonConnections:
    """The viewer's connections who also know the target, as far as the privacy rule shows."""

    count: int
    names: tuple[str, ...]


# --- The pieces a search reads ------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """Where paths begin: the viewer's own profile, or a teammate's (named)."""

    profile_id: int
    teammate: str | None


@dataclass(frozen=True)
class Link:
    """One contact row: `owner` knows `other`, as the owner describes it."""

    owner: int
    other: int
    relationship: str
    closeness: int
    willingness: str


@dataclass(frozen=True)
class Person:
    display_name: str
    updated_at: datetime.datetime
    introduces: bool


LINK_FIELDS = ("owner_id", "other_id", "relationship", "closeness", "willingness")


def starts_for(viewer: User | AnonymousUser, *, include_team: bool) -> list[Start]:
    """Where the viewer's paths start: their own profile first, then, for a recruiter in a
    team, their teammates' by name.

    The viewer is read with the session's user, or else in one statement (`profiles.viewer`)
    kept for the rest of the request (its navigation); only a team's profiles take one more.
    """
    if not viewer.is_authenticated:
        return []
    facts = read_viewer(viewer)
    keep_viewer(viewer, facts)
    starts = [Start(facts.profile_id, None)] if facts.profile_id else []
    if include_team and facts.team_id and is_recruiter(viewer):
        teammates = (
            ExecutiveProfile.objects.filter(user__team_membership__team=facts.team_id)
            .exclude(user=viewer)
            .order_by("display_name", "id")
            .values_list("id", "display_name")
        )
        starts += [Start(pk, name) for pk, name in teammates]
    return starts


def target_allows() -> Exists:
    """A row's `other` (the person it would introduce) has not blocked its owner."""
    return ~Exists(Block.objects.filter(blocker=OuterRef("other"), blocked=OuterRef("owner")))


# Who may be asked for an introduction at all: their own setting.
INTRODUCES = Q(accepts_introductions=True)


def pathable_q(
    viewer: User,
    start_ids: Iterable[int],
    *,
    via: str = "",
    visible: tuple[str, ...] | None = None,
) -> Q:
    """Who may be on the viewer's paths, as intermediaries or targets: a condition on profiles,
    or (`via="other"`) on contact rows' other ends, so a search led by a contact index joins
    each profile by its key.

    The privacy rule's (`shown_in_network`, or `visible` where the caller read it: a statement
    compiled for a stand-in viewer), less the viewer's own profile, anyone on the other side of
    a block with the viewer (`apart_from_blocks`), and anyone who blocked a start.
    """
    if visible is None:
        visible = shown_in_network(viewer)
    field = f"{via}__" if via else ""
    blocking_starts = Block.objects.filter(blocked__any_of=list(start_ids)).values("blocker")
    key = via or "pk"
    return (
        Q(**{f"{field}visibility__in": visible})
        & ~Q(**{f"{field}user": viewer})
        & apart_from_blocks(viewer, key)
        & ~Q(**{f"{key}__in": blocking_starts})
    )


def pathable(viewer: User, start_ids: Iterable[int]) -> ExecutiveProfileQuerySet:
    """The profiles that may be on the viewer's paths (`pathable_q`)."""
    return ExecutiveProfile.objects.filter(pathable_q(viewer, start_ids))


def people(viewer: User, start_ids: Iterable[int], ids: set[int]) -> dict[int, Person]:
    """The people among `ids` who may be on the viewer's paths, and whether they introduce."""
    rows = _people_rows(shown_in_network(viewer)).tuples(viewer.pk, list(start_ids), list(ids))
    return {pk: Person(*values) for pk, *values in rows}


@lru_cache(maxsize=len(Visibility))
def _people_rows(visible: tuple[str, ...]) -> CompiledRows:
    """`people`'s statement for viewers who see the profiles of `visible`, compiled once per
    process (`core.statements`); its keys are the viewer's id, the starts' and the people's."""

    def filtered(viewer_id: int, start_ids: list[int], ids: list[int]) -> QuerySet:
        condition = pathable_q(User(pk=viewer_id), start_ids, visible=visible)
        return (
            ExecutiveProfile.objects.filter(condition, pk__any_of=ids)
            .order_by()
            .annotate(introduces=ExpressionWrapper(INTRODUCES, output_field=BooleanField()))
            .values_list("id", "display_name", "updated_at", "introduces")
        )

    return CompiledRows(ExecutiveProfile, filtered, int, list, list, prepare=True)


# --- Reading the network around the viewer and the targets ----------------------------------------


@dataclass
class Neighbourhood:
    """What a search reads: who may start, be an intermediary or be reached, and the links."""

    viewer: User
    starts: dict[int, Start]
    persons: dict[int, Person]
    # A → the starts' rows about A (start → A), for every A who may be an intermediary.
    near: dict[int, list[Link]]
    # B → B's rows about the targets (B → target), for every B who may introduce them.
    far: dict[int, list[Link]]
    targets: list[int]


NEAR, FAR = 1, 2


def both_sides(start_ids: list[int], target_ids: list[int]) -> tuple[list[Link], list[Link]]:
    """The starts' contacts N1 and the targets' introducers N2, in one statement: the two
    index scans joined by UNION ALL."""
    found: dict[int, list[Link]] = {NEAR: [], FAR: []}
    for marker, *link in BOTH_SIDES.tuples(start_ids, target_ids):
        found[marker].append(Link(*link))
    return found[NEAR], found[FAR]


def _both_sides(start_ids: list[int], target_ids: list[int]) -> QuerySet:
    def side(marker: int, condition: Q) -> QuerySet:
        return Contact.objects.filter(condition).order_by().values_list(Value(marker), *LINK_FIELDS)

    # The far side only where a near side exists: PostgreSQL decides that once (an InitPlan),
    # so starts without contacts read no introducers at all.
    any_start = Exists(Contact.objects.filter(owner__any_of=start_ids))
    far = Q(any_start, target_allows(), other__any_of=target_ids, willingness__in=INTRODUCING)
    return side(NEAR, Q(owner__any_of=start_ids)).union(side(FAR, far), all=True)


# Not prepared on the server: the sides' markers are parameters of the select lists, which
# `PREPARE` would take as text.
BOTH_SIDES = CompiledRows(Contact, _both_sides, list, list)


def neighbourhood(viewer: User, target_ids: list[int], starts: list[Start]) -> Neighbourhood | None:
    """N1 and N2 around `starts` (`starts_for`) with the privacy rule, willingness and blocks
    applied, in two statements; none for no starts.

    None when no start has a contact: no path can begin.
    """
    if not starts:
        return None
    near_links, far_links = both_sides([start.profile_id for start in starts], target_ids)
    linked = {link.owner for link in near_links}
    starts_with_contacts = {
        start.profile_id: start for start in starts if start.profile_id in linked
    }
    if not starts_with_contacts:
        return None
    persons = people(
        viewer,
        starts_with_contacts,
        {link.other for link in near_links} | {link.owner for link in far_links} | set(target_ids),
    )

    def introduces(pk: int) -> bool:
        return pk in persons and persons[pk].introduces

    near: dict[int, list[Link]] = defaultdict(list)
    for link in near_links:
        if introduces(link.other):
            near[link.other].append(link)
    far: dict[int, list[Link]] = defaultdict(list)
    for link in far_links:
        if link.other in persons and introduces(link.owner):
            far[link.owner].append(link)
    return Neighbourhood(viewer, starts_with_contacts, persons, near, far, target_ids)


def strongest(side: dict[int, list[Link]], persons: dict[int, Person]) -> list[int]:
    """At most MAX_SIDE people of one side: the closest links first, then the most active, then
    the key, so that a tie at the cut falls the same way whichever targets are read with it."""
    if len(side) <= MAX_SIDE:
        return list(side)
    ranked = sorted(
        side,
        key=lambda pk: (max(link.closeness for link in side[pk]), persons[pk].updated_at, pk),
        reverse=True,
    )
    return ranked[:MAX_SIDE]


def kept_introducers(around: Neighbourhood) -> set[tuple[int, int]]:
    """The (introducer, target) pairs of the far side that take part in third-degree paths: each
    target's `strongest` introducers, chosen among its own alone, as when it is the only target."""
    per_target: dict[int, dict[int, list[Link]]] = defaultdict(dict)
    for introducer, links in around.far.items():
        for link in links:
            per_target[link.other][introducer] = [link]
    return {
        (introducer, target)
        for target, side in per_target.items()
        for introducer in strongest(side, around.persons)
    }


def bridges(around: Neighbourhood, kept: set[tuple[int, int]]) -> list[Link]:
    """Third-degree middles: rows A → B from N1 to N2 whose owner would introduce B, for the
    `strongest` A and the `kept` B.

    Both sides are named, so PostgreSQL can intersect the A's links out with the B's links in
    on the two indexes (a BitmapAnd) and read only the rows that join them.
    """
    if not (around.near and kept):
        return []
    far = list({introducer for introducer, _target in kept})
    rows = BRIDGES.tuples(strongest(around.near, around.persons), far)
    return [Link(*row) for row in rows]


BRIDGES = CompiledRows(
    Contact,
    lambda owners, others: (
        Contact.objects.filter(
            owner__any_of=owners, other__any_of=others, willingness__in=INTRODUCING
        )
        .order_by()
        .values_list(*LINK_FIELDS)
    ),
    list,
    list,
    prepare=True,
)


def barred_by_targets(target_ids: Iterable[int], people: Iterable[int]) -> set[tuple[int, int]]:
    """(target, person) pairs among `people` whom a target blocked: read only for the first
    intermediaries of third-degree paths (the second degree's are refused in N2's SQL)."""
    people = list(set(people))
    if not people:
        return set()
    return set(BARRED.tuples(list(target_ids), people))


BARRED = CompiledRows(
    Block,
    lambda targets, people: (
        Block.objects.filter(blocker__any_of=targets, blocked__any_of=people)
        .order_by()
        .values_list("blocker_id", "blocked_id")
    ),
    list,
    list,
    prepare=True,
)


# --- Finding and ranking paths ----------------------------------------------------------------

Chain = tuple[Link, ...]  # start → A → target, or start → A → B → target
RankKey = tuple


def rank(chain: Chain, around: Neighbourhood) -> RankKey:
    """Degree; weakest link, then the sum of closeness; own before a teammate's; activity."""
    closeness = [link.closeness for link in chain]
    least_active = min(around.persons[link.other].updated_at for link in chain[:-1])
    return (
        len(chain),
        -min(closeness),
        -sum(closeness),
        around.starts[chain[0].owner].teammate is not None,
        -least_active.timestamp(),
        tuple(link.other for link in chain),
    )


def chains(around: Neighbourhood, *, max_degree: int) -> dict[int, list[Chain]]:
    """Every path to each target, second degree from N1 ∩ N2, third from the bridges.

    A third-degree path through someone who alone makes a second-degree path from the same
    start is left out: asking them directly is shorter.
    """
    found: dict[int, list[Chain]] = defaultdict(list)
    direct: set[tuple[int, int, int]] = set()  # (start, intermediary, target)
    for middle in around.near.keys() & around.far.keys():
        for first in around.near[middle]:
            for last in around.far[middle]:
                if first.owner != last.other:
                    found[last.other].append((first, last))
                    direct.add((first.owner, middle, last.other))
    if max_degree < 3:
        return found
    kept = kept_introducers(around)
    middles = bridges(around, kept)
    barred = barred_by_targets(around.targets, {bridge.owner for bridge in middles})
    for bridge in middles:
        for first in around.near[bridge.owner]:
            for last in around.far[bridge.other]:
                start, target = first.owner, last.other
                if (
                    (bridge.other, target) not in kept
                    or target in (bridge.owner, start)
                    or bridge.other == start
                    or (target, bridge.owner) in barred
                    or (start, bridge.owner, target) in direct
                    or (start, bridge.other, target) in direct
                ):
                    continue
                found[target].append((first, bridge, last))
    return found


def as_path(chain: Chain, around: Neighbourhood) -> IntroductionPath:
    start = around.starts[chain[0].owner]
    steps = tuple(
        PathStep(
            profile_id=link.other,
            display_name=around.persons[link.other].display_name,
            relationship=link.relationship,
            closeness=link.closeness,
            willingness=link.willingness,
        )
        for link in chain
    )
    return IntroductionPath(
        start_id=start.profile_id,
        via_teammate=start.teammate,
        steps=steps,
        degree=len(chain),
    )


def best_paths(
    *,
    viewer: User | AnonymousUser,
    target: ExecutiveProfile | int,
    max_degree: int = 3,
    include_team: bool = True,
    limit: int = 5,
    starts: list[Start] | None = None,
) -> list[IntroductionPath]:
    """The best paths from `viewer` (or their team) to `target`, best first, at most `limit`.

    Empty for an anonymous viewer, a viewer without a profile or team, a target the privacy
    rule hides from them, and between people one of whom blocked the other. `starts`, the
    viewer's `starts_for(include_team)` where the caller has read them already, saves reading
    them again; with none (most recruiters), nothing more is read.
    """
    target_id = getattr(target, "pk", target)
    if not viewer.is_authenticated:
        return []
    if starts is None:
        starts = starts_for(viewer, include_team=include_team)
    around = neighbourhood(viewer, [target_id], starts)
    if around is None:
        return []
    found = chains(around, max_degree=max_degree).get(target_id, [])
    found.sort(key=lambda chain: rank(chain, around))
    return [as_path(chain, around) for chain in found[:limit]]


def best_paths_to_many(
    *,
    viewer: User | AnonymousUser,
    target_ids: Iterable[int],
    max_degree: int = 3,
    include_team: bool = True,
    starts: list[Start] | None = None,
) -> dict[int, IntroductionPath]:
    """The best path to each of `target_ids` that has one (a page of search results), in the
    same fixed number of queries as one target; `starts` as for `best_paths`."""
    target_ids = list(target_ids)
    if not (viewer.is_authenticated and target_ids):
        return {}
    if starts is None:
        starts = starts_for(viewer, include_team=include_team)
    around = neighbourhood(viewer, target_ids, starts)
    if around is None:
        return {}
    return {
        target_id: as_path(min(found, key=lambda chain: rank(chain, around)), around)
        for target_id, found in chains(around, max_degree=max_degree).items()
    }


def common_connections(
    *, viewer: User | AnonymousUser, target: ExecutiveProfile | int, names: int = 10
) -> CommonConnections:
    """The viewer's connections who are also the target's, counted and named only as far as
    the privacy rule shows the target's rows to the viewer (`Contact.objects.showable_to`:
    none of a target who blocked the viewer, or whom they blocked, and no one on the other side
    of a block with them); at most `names` names, alphabetically."""
    target_id = getattr(target, "pk", target)
    if not viewer.is_authenticated:
        return CommonConnections(0, ())
    mine = Contact.objects.filter(owner__user=viewer).values("other")
    shared = (
        Contact.objects.showable_to(viewer)
        .filter(owner=target_id, other__in=mine)
        .exclude(owner__user=viewer)
        .values_list("other__display_name", flat=True)
        .order_by("other__display_name", "other")
    )
    found = list(shared)
    return CommonConnections(len(found), tuple(found[:names]))
