"""The network's figures (issue 13): best paths to one person, in the server and over HTTP, and
candidate search "reachable through my network" beside the same search without it.

Viewers are recruiters given a profile of the generated network, drawn at random among the
profiles that may appear in paths (not private), so their numbers of contacts follow the
network's own spread, hubs included. Each viewer gets a target with a second-degree path and
one whose best path is of the third degree, found by walking their contacts and confirmed by
`best_paths` itself. The server's figures call `profiles.paths.best_paths` in this process;
the HTTP ones ask `/api/v1/people/<id>/paths/` as one of the viewers (their token), turn by turn
through that viewer's targets, and run the search with and without `network=`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from bench.figures import ms, percentile
from profiles.models import Contact, ExecutiveProfile, Visibility
from profiles.network_models import INTRODUCING
from profiles.paths import best_paths
from profiles.services import recruiters_group

# The candidate search compared with and without the network filter (bench/run.py's
# "multi-platform" search), and the filter's choices (profiles.filters.NETWORK_SCOPES).
NETWORK_SEARCH = "platform=weibo&platform=maimai&open_to_inquiries=true"
NETWORK_SCOPES = {"2nd": "2nd degree", "3rd": "up to 3rd degree"}
# Targets per viewer tried before giving up on a degree, and targets for the HTTP viewer.
TRIES = 8
HTTP_TARGETS = 40

CONTACT = Contact._meta.db_table
PROFILE = ExecutiveProfile._meta.db_table
# Walks through rows that may carry a path: willing owners, profiles that may appear in paths.
WALK = f"""
    SELECT DISTINCT last.other_id
    FROM {CONTACT} first
    {{hops}}
    JOIN {PROFILE} reached ON reached.id = last.other_id
    WHERE first.owner_id = %(viewer)s AND last.other_id <> %(viewer)s
      AND last.willingness = ANY(%(introducing)s) AND reached.visibility <> %(private)s
      AND NOT EXISTS (
          SELECT 1 FROM {CONTACT} known
          WHERE known.owner_id = %(viewer)s AND known.other_id = last.other_id
      )
    ORDER BY 1 LIMIT %(limit)s
"""
HOPS = {
    2: f"JOIN {CONTACT} last ON last.owner_id = first.other_id",
    3: f"""JOIN {CONTACT} middle ON middle.owner_id = first.other_id
           AND middle.willingness = ANY(%(introducing)s)
         JOIN {CONTACT} last ON last.owner_id = middle.other_id""",
}


@dataclass
class PathTiming:
    """best_paths in the server for one degree: the pairs, the samples, one call's plans."""

    degree: int
    pairs: list[tuple[User, int]] = field(default_factory=list)
    samples_ms: list[float] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 0.95)


@dataclass
class NetworkFigures:
    """Everything the report says about the network."""

    contacts: int
    degrees: dict[str, float]
    clustering: dict[str, float]
    paths: dict[int, PathTiming]
    viewers: int
    http_viewer: User
    http_token: str
    http_targets: dict[int, list[int]]


def viewer_profiles(count: int) -> list[int]:
    """`count` profiles that may appear in paths and have no account yet, drawn at random but
    the same ones in every run (ordered by a hash of the id)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {PROFILE} WHERE user_id IS NULL AND visibility <> %s "
            "ORDER BY md5(id::text) LIMIT %s",
            [Visibility.PRIVATE, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def recruiter_with_profile(username: str, profile_id: int) -> User:
    """A recruiter who owns the generated profile `profile_id` (the profile keeps its data)."""
    user, _created = User.objects.get_or_create(username=username)
    user.groups.add(recruiters_group())
    ExecutiveProfile.objects.filter(pk=profile_id).update(user=user)
    return User.objects.get(pk=user.pk)


def walk(profile_id: int, degree: int, limit: int) -> list[int]:
    """People `degree` steps from the profile along rows that may carry a path."""
    with connection.cursor() as cursor:
        cursor.execute(
            WALK.format(hops=HOPS[degree]),
            {
                "viewer": profile_id,
                "introducing": list(INTRODUCING),
                "private": Visibility.PRIVATE,
                "limit": limit,
            },
        )
        return [pk for (pk,) in cursor.fetchall()]


def targets_at(viewer: User, degree: int, limit: int) -> list[int]:
    """Targets whose best path from `viewer` is of exactly `degree` (best_paths decides)."""
    found = []
    for target in walk(viewer.executive_profile.pk, degree, limit * TRIES):
        paths = best_paths(viewer=viewer, target=target, max_degree=degree, limit=1)
        if paths and paths[0].degree == degree:
            found.append(target)
            if len(found) == limit:
                break
    return found


def timed_calls(calls: list[Callable[[], object]], repeat: int) -> list[float]:
    """Each call once to warm up, then `repeat` rounds of all of them, in milliseconds."""
    for call in calls:
        call()
    samples = []
    for _ in range(repeat):
        for call in calls:
            started = time.perf_counter()
            call()
            samples.append(ms(time.perf_counter() - started))
    return samples


def explain(timing: PathTiming) -> None:
    """Capture the statements of one call (the first pair) and EXPLAIN ANALYZE each."""
    viewer, target = timing.pairs[0]
    with CaptureQueriesContext(connection) as captured:
        best_paths(viewer=viewer, target=target, max_degree=timing.degree)
    timing.statements = [query["sql"] for query in captured.captured_queries]
    with connection.cursor() as cursor:
        for statement in timing.statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
            timing.plans.append("\n".join(row[0] for row in cursor.fetchall()))


def degree_spread() -> dict[str, float]:
    """How many contacts people have: median, mean, 99th percentile, most, and none."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH degrees AS (
                SELECT p.id, count(c.other_id) AS n
                FROM {PROFILE} p LEFT JOIN {CONTACT} c ON c.owner_id = p.id
                GROUP BY p.id
            )
            SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n), avg(n),
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY n), max(n),
                   count(*) FILTER (WHERE n = 0)
            FROM degrees
            """
        )
        median, mean, p99, most, none = cursor.fetchone()
    return {"median": median, "mean": float(mean), "p99": p99, "max": most, "none": none}


def clustering() -> dict[str, float]:
    """The share of contact rows (a 1% sample) within one company, city or industry."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT avg((a.company = b.company)::int), avg((a.city = b.city)::int),
                   avg((a.industry = b.industry)::int)
            FROM {CONTACT} c TABLESAMPLE SYSTEM (1) REPEATABLE (7)
            JOIN {PROFILE} a ON a.id = c.owner_id JOIN {PROFILE} b ON b.id = c.other_id
            """
        )
        company, city, industry = cursor.fetchone()
    return {"company": float(company), "city": float(city), "industry": float(industry)}


def measure_network(*, viewers: int, repeat: int) -> NetworkFigures:
    """Pick the viewers and their targets, time best_paths for each degree, explain one call."""
    users = [
        recruiter_with_profile(f"bench-viewer-{index}", profile_id)
        for index, profile_id in enumerate(viewer_profiles(viewers))
    ]
    paths = {degree: PathTiming(degree) for degree in (2, 3)}
    for user in users:
        for degree, timing in paths.items():
            timing.pairs += [(user, target) for target in targets_at(user, degree, 1)]
    for degree, timing in paths.items():
        timing.samples_ms = timed_calls(
            [
                lambda viewer=viewer, target=target, degree=degree: best_paths(
                    viewer=viewer, target=target, max_degree=degree
                )
                for viewer, target in timing.pairs
            ],
            repeat,
        )
        explain(timing)
    # Over HTTP, one viewer with both kinds of targets and about the median number of contacts.
    both = {viewer for viewer, _target in paths[3].pairs} & {v for v, _t in paths[2].pairs}
    degrees = degree_spread()
    median = degrees["median"]
    http_viewer = min(
        sorted(both, key=lambda viewer: viewer.pk),
        key=lambda viewer: abs(Contact.objects.filter(owner__user=viewer).count() - median),
    )
    token, _created = Token.objects.get_or_create(user=http_viewer)
    return NetworkFigures(
        contacts=Contact.objects.count(),
        degrees=degrees,
        clustering=clustering(),
        paths=paths,
        viewers=len(users),
        http_viewer=http_viewer,
        http_token=token.key,
        http_targets={degree: targets_at(http_viewer, degree, HTTP_TARGETS) for degree in (2, 3)},
    )
