"""What the benchmark loads and what it keeps of each measure: the endpoints, the timings of
the searches and of their counts, and the units they are read in, shared by the run, the load,
the measures and the report."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from profiles.totals import Total


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    auth: str = ""  # the credential: "", "session" or "token"; "viewer-session", "viewer-token"
    body: dict | None = None
    floor: str = ""  # the searches' key whose raw SQL is this request's floor
    rotation: tuple[str, ...] = ()  # paths to visit in turn instead of `path` alone
    baseline: str = ""  # the endpoint whose p95 this one's must stay within twice of


@dataclass
class SearchTiming:
    name: str
    raw_ms: list[float] = field(default_factory=list)
    orm_ms: list[float] = field(default_factory=list)
    filter_ms: list[float] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    plan: str = ""
    rows: int = 0


@dataclass
class CountTiming:
    """A search's capped total, alone (as the API asks) and with its platform choices' counts
    (as the search page asks), computed afresh."""

    name: str
    total_ms: list[float] = field(default_factory=list)
    both_ms: list[float] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    total: Total | None = None


def ms(seconds: float) -> float:
    return seconds * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed_ms(call: Callable[[], object], repeat: int, warmup: int = 5) -> list[float]:
    """Milliseconds of each of `repeat` calls of `call`, after `warmup` calls untimed."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(ms(time.perf_counter() - started))
    return samples
