"""Who knows whom among the fictional demo people: a network clustered as real ones are.

`generate_contacts` is pure: the same people and seed give the same connections, as both rows
of each (`DemoContact`, grouped by owner in the people's order and by the other's position
within an owner), without touching the database. Most links stay within a circle: an office
(same company and city), then people of the same city and industry, the same industry, the
same city; a few run anywhere (classmates, clients across industries). Each person has a
sociability drawn from a log-normal with a heavy tail, so a few know thousands while the
median person knows about twenty; a link's two ends are drawn in proportion to sociability
within the circle (the Chung-Lu model), so the well-connected know each other too.

`store_contacts` saves rows with the ORM, for `make run`'s few hundred people; the benchmark
COPYs its twenty million (bench/bulk_load.py), from the same generator.
"""

from __future__ import annotations

import math
import random
from array import array
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, product
from typing import NamedTuple

from django.db import transaction
from django.db.models import QuerySet

from profiles.demo import batches
from profiles.models import Closeness, Contact, ExecutiveProfile, Relationship, Willingness

DEFAULT_NETWORK_SEED = 2025
# Sociability: log-normal around this median, and one person in fifty a connector whose
# sociability is multiplied by a Pareto draw (the heavy tail), at most MOST_CONTACTS.
MEDIAN_SOCIABILITY = 19.0
SOCIABILITY_SPREAD = 0.55
CONNECTOR_SHARE = 0.02
CONNECTOR_TAIL = 1.3
MOST_CONTACTS = 5_000


class Person(NamedTuple):
    """What the network of a profile depends on: where the person works, in which field."""

    id: int
    company: str
    city: str
    industry: str


class DemoContact(NamedTuple):
    """One side of a generated connection, by `Contact`'s field names."""

    owner: int
    other: int
    relationship: str
    closeness: int
    willingness: str


# The closer two people are, the likelier each would introduce the other: willingness weights
# by closeness.
WILLINGNESS = {
    Closeness.CLOSE: [(Willingness.WILLING, 70), (Willingness.ASK, 27), (Willingness.NEVER, 3)],
    Closeness.KNOW_WELL: [(Willingness.WILLING, 45), (Willingness.ASK, 48), (Willingness.NEVER, 7)],
    Closeness.ACQUAINTED: [
        (Willingness.WILLING, 20),
        (Willingness.ASK, 65),
        (Willingness.NEVER, 15),
    ],
}
# Every way one side may describe a link; a side is kept as one integer, the other person's
# index times len(DESCRIPTIONS) plus its description's, so that sorting a person's integers
# sorts them by the other person, and a link twice over keeps its first description.
DESCRIPTIONS = [
    (relationship, closeness, willingness)
    for relationship in Relationship.values
    for closeness in Closeness.values
    for willingness in Willingness.values
]
DESCRIPTION_INDEX = {description: index for index, description in enumerate(DESCRIPTIONS)}
CODES = len(DESCRIPTIONS)


@dataclass(frozen=True)
class Circle:
    """People who know each other for one reason: the share of each person's links it holds,
    and how its links are described (weighted relationships and closeness)."""

    name: str
    key: Callable[[Person], Hashable]
    share: float
    relationships: Sequence[tuple[str, float]]
    closeness: Sequence[tuple[int, float]]

    @cached_property
    def descriptions(self) -> tuple[list[tuple[int, int]], list[float]]:
        """A link's two descriptions (one per side: the same relationship and closeness, each
        side's own willingness), with their running total of weights, to draw one with
        `bisect` (inline in `_link_circle`: it runs ten million times)."""
        index = DESCRIPTION_INDEX
        weighted = [
            (
                (index[(relationship, closeness, mine)], index[(relationship, closeness, theirs)]),
                weight * closeness_weight * my_weight * their_weight,
            )
            for (relationship, weight), (closeness, closeness_weight) in product(
                self.relationships, self.closeness
            )
            for (mine, my_weight), (theirs, their_weight) in product(
                WILLINGNESS[closeness], repeat=2
            )
        ]
        pairs = [pair for pair, _weight in weighted]
        return pairs, list(accumulate(weight for _pair, weight in weighted))


CIRCLES = (
    Circle(
        "office",
        lambda person: (person.company, person.city),
        0.40,
        [
            (Relationship.COLLEAGUE, 65),
            (Relationship.FORMER_COLLEAGUE, 25),
            (Relationship.FRIEND_OR_FAMILY, 10),
        ],
        [(Closeness.CLOSE, 30), (Closeness.KNOW_WELL, 45), (Closeness.ACQUAINTED, 25)],
    ),
    Circle(
        "city and industry",
        lambda person: (person.city, person.industry),
        0.25,
        [
            (Relationship.FORMER_COLLEAGUE, 35),
            (Relationship.CLIENT_OR_PARTNER, 45),
            (Relationship.MET_AT_EVENT, 20),
        ],
        [(Closeness.CLOSE, 15), (Closeness.KNOW_WELL, 45), (Closeness.ACQUAINTED, 40)],
    ),
    Circle(
        "industry",
        lambda person: person.industry,
        0.15,
        [
            (Relationship.CLIENT_OR_PARTNER, 55),
            (Relationship.MET_AT_EVENT, 35),
            (Relationship.FORMER_COLLEAGUE, 10),
        ],
        [(Closeness.CLOSE, 10), (Closeness.KNOW_WELL, 35), (Closeness.ACQUAINTED, 55)],
    ),
    Circle(
        "city",
        lambda person: person.city,
        0.10,
        [
            (Relationship.CLASSMATE, 40),
            (Relationship.FRIEND_OR_FAMILY, 30),
            (Relationship.MET_AT_EVENT, 30),
        ],
        [(Closeness.CLOSE, 30), (Closeness.KNOW_WELL, 40), (Closeness.ACQUAINTED, 30)],
    ),
    Circle(
        "anyone",
        lambda person: None,
        0.10,
        [
            (Relationship.CLASSMATE, 40),
            (Relationship.CLIENT_OR_PARTNER, 35),
            (Relationship.FRIEND_OR_FAMILY, 10),
            (Relationship.OTHER, 15),
        ],
        [(Closeness.CLOSE, 20), (Closeness.KNOW_WELL, 35), (Closeness.ACQUAINTED, 45)],
    ),
)


def sociability(rng: random.Random) -> float:
    """How many people someone knows, before duplicates and their circles' sizes trim it."""
    value = rng.lognormvariate(math.log(MEDIAN_SOCIABILITY), SOCIABILITY_SPREAD)
    if rng.random() < CONNECTOR_SHARE:
        value *= (1 - rng.random()) ** (-1 / CONNECTOR_TAIL)
    return min(value, MOST_CONTACTS)


def _link_circle(
    circle: Circle,
    people: Sequence[Person],
    shares: list[float],
    weights: Sequence[float],
    sides: list[array],
    rng: random.Random,
) -> None:
    """Draw the circle's links: each person starts half of their share of links, the other end
    drawn in proportion to sociability among the people of the same circle. Someone alone in
    their circle carries its share over to the next, wider one."""
    groups: dict[Hashable, list[int]] = {}
    for index, person in enumerate(people):
        groups.setdefault(circle.key(person), []).append(index)
    random_number = rng.random
    pairs, cumulative_weights = circle.descriptions
    weights_total = cumulative_weights[-1]
    for members in groups.values():
        if len(members) == 1:
            shares[members[0]] += circle.share
            continue
        cumulative = list(accumulate(weights[index] for index in members))
        total = cumulative[-1]
        for index in members:
            own = sides[index]
            for _ in range(int(weights[index] * shares[index] / 2 + random_number())):
                other = members[bisect_right(cumulative, random_number() * total)]
                if other != index:
                    mine, theirs = pairs[
                        bisect_right(cumulative_weights, random_number() * weights_total)
                    ]
                    own.append(other * CODES + mine)
                    sides[other].append(index * CODES + theirs)
            shares[index] = 0.0


def generate_contacts(people: Sequence[Person], *, seed: int) -> Iterator[DemoContact]:
    """Yield both rows of every generated connection among `people`, owner by owner.

    The same people in the same order and the same seed give the same rows. Two people linked
    twice (in two circles) are connected once, described by the same one of the two links on
    both sides.
    """
    rng = random.Random(seed)
    weights = [sociability(rng) for _ in people]
    sides = [array("q") for _ in people]
    shares = [0.0] * len(people)
    for circle in CIRCLES:
        for index in range(len(people)):
            shares[index] += circle.share
        _link_circle(circle, people, shares, weights, sides, rng)
    ids = [person.id for person in people]
    make = DemoContact._make  # twice as fast as calling the class, twenty million times
    for index, links in enumerate(sides):
        owner, last = ids[index], -1
        for link in sorted(links):
            other, code = divmod(link, CODES)
            if other != last:
                last = other
                yield make((owner, ids[other]) + DESCRIPTIONS[code])
        sides[index] = array("q")  # what was yielded is no longer needed


def fictional_people() -> list[Person]:
    """The generated demo people (fictional, without an account), in the order they were made."""
    return [
        Person(*row)
        for row in ExecutiveProfile.objects.filter(is_fictional=True, user__isnull=True)
        .order_by("pk")
        .values_list("pk", "company", "city", "industry")
        .iterator(chunk_size=10_000)
    ]


def store_contacts(rows: Iterable[DemoContact], *, batch_size: int = 5_000) -> int:
    """Save generated rows with the ORM, all or nothing; return how many."""
    stored = 0
    with transaction.atomic():
        for batch in batches(rows, batch_size):
            Contact.objects.bulk_create(
                Contact(owner_id=row.owner, other_id=row.other, **_described(row)) for row in batch
            )
            stored += len(batch)
    return stored


def _described(row: DemoContact) -> dict[str, object]:
    return {
        "relationship": row.relationship,
        "closeness": row.closeness,
        "willingness": row.willingness,
    }


def crowd_contacts() -> QuerySet[Contact]:
    """The connections among the generated people (fictional, without an account)."""
    return Contact.objects.filter(
        owner__is_fictional=True,
        owner__user__isnull=True,
        other__is_fictional=True,
        other__user__isnull=True,
    )


def connect_fictional_people(*, seed: int = DEFAULT_NETWORK_SEED) -> int:
    """Give the generated people their network afresh (the same one for the same people): their
    connections among themselves are replaced; return how many rows were stored."""
    people = fictional_people()
    with transaction.atomic():
        crowd_contacts().delete()
        return store_contacts(generate_contacts(people, seed=seed))
