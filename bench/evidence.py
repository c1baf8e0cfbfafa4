"""Issue 14's figures in the server: the evidence table over a million outreach logs, and a saved
search's "new since you last opened it".

The logs come from the demo's generator (`workspace.demo_outreach`: recruiters try a candidate's
best channels as the rules rank them; replies follow the rule scores): `--outreach-logs` of them
by 100 bench recruiters, each with a project of candidates drawn from a pool of 20,000 visible
profiles, stored with COPY, then the evidence summed from them once (`rebuild_evidence`, timed:
the repair path). Measured, each many times:

- updating the evidence on an outcome: the UPDATE … SET n = n + 1 of one row and the UPDATE
  that publishes its sums when five recruiters' outcomes changed them (`publish_due`), and the
  whole `record_outcome` (lock the log, save it, move the sums);
- reading it for advice: `observed_evidence()` as a request does (the version checked in the
  shared cache, the process's copy), and rebuilding that copy from the table (a new version);
- advice with the evidence against advice without it, over the same 10,000 candidates;
- a saved search's capped new count (`workspace.saved_searches.new_count`) for the run's
  searches, as of a day before the load (everything is new: the cap is reached), as of just after
  it with 1,000 profiles changed since (a few are new), and with nothing new; with the plan of
  each count statement.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import random
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.figures import ms, percentile, timed_ms
from bench.report import verdict
from outreach.catalog import advise, load_catalog
from outreach.evidence import NO_EVIDENCE
from outreach.inputs import Sender
from outreach.recommender import recommend
from outreach.selectors import observed_evidence, read_evidence
from outreach.services import publish_due, record_outcome_change
from outreach.vocabulary import Purpose
from profiles.advice import target_from_profile
from profiles.models import ExecutiveProfile
from profiles.selectors import candidate_rows
from profiles.services import recruiters_group
from workspace.demo_outreach import TRIED, DemoCandidate, demo_candidates, outreaches_for
from workspace.models import (
    OutreachLog,
    Project,
    ProjectCandidate,
    ProjectMember,
    Role,
    SavedSearch,
)
from workspace.outreach_log import (
    rebuild_evidence,
    record_outcome,
    recruiters_since_published,
)
from workspace.saved_searches import new_count

RECRUITERS = 100
POOL = 20_000
# Each candidate is tried on 1.95 channels on average (`TRIED`), give or take: a million drawn
# that way vary by about 700, so each recruiter draws 2% more candidates than the average asks
# and the logs stop at the count (a run once made 999,577 of its million).
DRAW_MARGIN = 1.02
SEED = 14
TARGETS_MS = {"update": 5, "read": 1, "new_count": 20}
ADVICE_FACTOR = 1.2

ENTRY_COLUMNS = ("id", "project_id", "profile_id", "stage", "added_by_id", "added_at", "updated_at")
LOG_COLUMNS = (
    "project_candidate_id",
    "logged_by_id",
    "channel",
    "sent_on",
    "outcome",
    "outcome_at",
    "company_type",
    "seniority",
    "created_at",
)


@dataclass
class EvidenceFigures:
    logs: int = 0
    generation_seconds: float | None = None
    rebuild_seconds: float = 0
    rows: int = 0
    update_ms: list[float] = field(default_factory=list)
    record_ms: list[float] = field(default_factory=list)
    read_ms: list[float] = field(default_factory=list)
    rebuild_read_ms: list[float] = field(default_factory=list)
    advice_without_ms: float = 0
    advice_with_ms: float = 0
    one_advice_ms: dict[str, list[float]] = field(default_factory=dict)
    new_count_ms: dict[str, list[float]] = field(default_factory=dict)
    plans: dict[str, tuple[str, str]] = field(default_factory=dict)


# --- The logs ------------------------------------------------------------------------------------


def bench_recruiters(count: int) -> list[User]:
    group = recruiters_group()
    users = []
    for number in range(count):
        user, _created = User.objects.get_or_create(username=f"bench-outreach-{number}")
        user.groups.add(group)
        users.append(user)
    return users


def candidate_pool(size: int) -> list[DemoCandidate]:
    """`size` visible profiles at random, each with their three best channels."""
    ids = list(
        ExecutiveProfile.objects.filter(visibility__in=("recruiters", "public"))
        .order_by("?")
        .values_list("pk", flat=True)[:size]
    )
    pool = []
    for start in range(0, len(ids), 5_000):
        pool += demo_candidates(ExecutiveProfile.objects.filter(pk__in=ids[start : start + 5_000]))
    return pool


def _reserve(cursor, model, count: int) -> range:
    table = model._meta.db_table
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    (sequence,) = cursor.fetchone()
    cursor.execute("SELECT nextval(%s)", [sequence])
    (first,) = cursor.fetchone()
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return range(first, first + count)


def _copy(cursor, model, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    buffer.seek(0)
    names = ", ".join(columns)
    cursor.copy_expert(
        f"COPY {model._meta.db_table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '')", buffer
    )


def _one_recruiter(cursor, user: User, chosen: list[DemoCandidate], number: int, left: int) -> int:
    """A project of `chosen` for `user` and at most `left` of their outreaches; how many."""
    now, today = timezone.now(), timezone.localdate()
    project = Project.objects.create(owner=user, name=f"Bench outreach {number}")
    ProjectMember.objects.create(project=project, user=user, role=Role.CAN_EDIT)
    ids = _reserve(cursor, ProjectCandidate, len(chosen))
    entry_of = {c.profile_id: pk for pk, c in zip(ids, chosen, strict=True)}
    _copy(
        cursor,
        ProjectCandidate,
        ENTRY_COLUMNS,
        (
            (entry_of[c.profile_id], project.pk, c.profile_id, "contacted", user.pk, now, now)
            for c in chosen
        ),
    )
    logs = list(outreaches_for(chosen, today=today, seed=SEED + number))[:left]
    _copy(
        cursor,
        OutreachLog,
        LOG_COLUMNS,
        (
            (
                entry_of[o.profile_id],
                user.pk,
                o.channel,
                o.sent_on,
                o.outcome,
                "" if o.outcome == "pending" else now,
                o.company_type,
                o.seniority,
                now,
            )
            for o in logs
        ),
    )
    return len(logs)


def load_outreach_logs(count: int, figures: EvidenceFigures) -> None:
    """`count` outreach logs (none made if they are there already), then the evidence."""
    if OutreachLog.objects.count() >= count:
        figures.logs = OutreachLog.objects.count()
        return
    started = time.monotonic()
    users = bench_recruiters(RECRUITERS)
    pool = candidate_pool(POOL)
    per_recruiter = min(len(pool), math.ceil(count * DRAW_MARGIN / (RECRUITERS * sum(TRIED))))
    rng = random.Random(SEED)
    made = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for number, user in enumerate(users):
            if made >= count:
                break
            chosen = rng.sample(pool, per_recruiter)
            made += _one_recruiter(cursor, user, chosen, number, count - made)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {OutreachLog._meta.db_table}, {ProjectCandidate._meta.db_table}")
    figures.generation_seconds = time.monotonic() - started
    figures.logs = made
    started = time.monotonic()
    figures.rows = rebuild_evidence()
    figures.rebuild_seconds = time.monotonic() - started


# --- The evidence --------------------------------------------------------------------------------


def measure_updates(figures: EvidenceFigures, repeat: int) -> None:
    """The evidence's UPDATEs alone (an outcome changed back and forth, so the sums stay; then
    publishing, when due), and a whole `record_outcome` on pending logs."""
    cell = OutreachLog.objects.exclude(outcome="pending").values_list(
        "channel", "company_type", "seniority"
    )[0]
    flips = iter([("replied", "declined"), ("declined", "replied")] * repeat)

    def flip() -> None:
        before, after = next(flips)
        record_outcome_change(cell=cell, before=before, after=after)
        publish_due(cells=[cell], recruiters_since=recruiters_since_published())

    # What the evidence adds to the transaction that records an outcome (which commits it).
    with transaction.atomic():
        figures.update_ms = timed_ms(flip, repeat, warmup=0)
        transaction.set_rollback(True)
    pending = iter(
        OutreachLog.objects.filter(outcome="pending").select_related("logged_by")[:repeat]
    )

    def record() -> None:
        log = next(pending)
        record_outcome(log=log, by=log.logged_by, outcome="replied")

    figures.record_ms = timed_ms(record, repeat, warmup=0)


def measure_reads(figures: EvidenceFigures, repeat: int) -> None:
    observed_evidence()
    figures.read_ms = timed_ms(observed_evidence, repeat * 10)
    figures.rebuild_read_ms = timed_ms(read_evidence, repeat)


def measure_advice(figures: EvidenceFigures, recruiter: User, repeat: int) -> None:
    """One candidate's advice as the API computes it (profile and channels read, scored), and
    the same 10,000 candidates scored, each without and with the evidence, taken in turns so a
    busy machine weighs on both alike."""
    ids = list(
        ExecutiveProfile.objects.candidates_for(recruiter)
        .order_by("?")
        .values_list("pk", flat=True)[:repeat]
    )

    def one(pk: int, evidence) -> float:
        started = time.perf_counter()
        (profile,) = candidate_rows(ExecutiveProfile.objects.filter(pk=pk))
        advise(purpose=Purpose.RECRUITING, target=target_from_profile(profile), evidence=evidence)
        return ms(time.perf_counter() - started)

    for pk in ids[:5]:  # warm-up
        one(pk, None)
    for pk in ids:
        figures.one_advice_ms.setdefault("without", []).append(one(pk, NO_EVIDENCE))
        figures.one_advice_ms.setdefault("with", []).append(one(pk, None))
    catalog, evidence = load_catalog(), observed_evidence()
    profiles = candidate_rows(ExecutiveProfile.objects.candidates_for(recruiter)[:10_000])
    targets = [target_from_profile(profile) for profile in profiles]
    sender = Sender(reads_chinese=True)

    def score(with_evidence) -> float:
        started = time.perf_counter()
        for target in targets:
            recommend(
                catalog,
                purpose=Purpose.RECRUITING,
                target=target,
                sender=sender,
                evidence=with_evidence,
            )
        return ms(time.perf_counter() - started)

    rounds = [(score(NO_EVIDENCE), score(evidence)) for _ in range(5)]
    figures.advice_without_ms = min(without for without, _with in rounds)
    figures.advice_with_ms = min(with_ for _without, with_ in rounds)


# --- Saved searches ------------------------------------------------------------------------------


def measure_new_counts(
    figures: EvidenceFigures, recruiter: User, searches: dict[str, str], repeat: int
) -> None:
    """Each search's capped new count as of three moments (see the module's docstring)."""
    loaded = ExecutiveProfile.objects.order_by("-updated_at").values_list("updated_at", flat=True)[
        0
    ]
    changed = list(ExecutiveProfile.objects.order_by("?").values_list("pk", flat=True)[:1_000])
    ExecutiveProfile.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    with connection.cursor() as cursor:  # as autovacuum would, in a database that is running
        cursor.execute(f"ANALYZE {ExecutiveProfile._meta.db_table}")
    moments = {
        "everything new": loaded - datetime.timedelta(days=1),
        "1,000 changed since": loaded,
        "nothing new": timezone.now() + datetime.timedelta(seconds=1),
    }
    for name, query in searches.items():
        search = SavedSearch(owner=recruiter, name=name, query=QueryDict(query).urlencode())
        for moment, since in moments.items():
            label = f"{name}, {moment}"
            figures.new_count_ms[label] = timed_ms(
                lambda search=search, since=since: new_count(search, since=since), repeat
            )
            with CaptureQueriesContext(connection) as captured:
                new_count(search, since=since)
            statement = captured.captured_queries[-1]["sql"]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            figures.plans[label] = (statement, plan)


def measure_evidence(
    recruiter: User, *, logs: int, searches: dict[str, str], repeat: int
) -> EvidenceFigures:
    figures = EvidenceFigures()
    load_outreach_logs(logs, figures)
    measure_updates(figures, repeat)
    measure_reads(figures, repeat)
    measure_advice(figures, recruiter, repeat)
    measure_new_counts(figures, recruiter, searches, repeat)
    return figures


# --- The report ----------------------------------------------------------------------------------


def _row(label: str, samples: list[float], target_ms: float | None) -> str:
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    target = f"p95 ≤ {target_ms:g} ms" if target_ms else ""
    met = verdict(p95 <= target_ms) if target_ms else ""
    return f"| {label} | | {p50:.2f} | {p95:.2f} | | | | {target} | {met} |"


def table_rows(figures: EvidenceFigures) -> list[str]:
    """Rows of the main table."""
    ratio = figures.advice_with_ms / figures.advice_without_ms
    one = {name: statistics.median(samples) for name, samples in figures.one_advice_ms.items()}
    one_ratio = one["with"] / one["without"]
    rows = [
        _row(
            f"Evidence over {figures.logs:,} outreach logs: updating it on an outcome "
            "(its UPDATE, and publishing when due)",
            figures.update_ms,
            TARGETS_MS["update"],
        ),
        _row(
            "Recording an outcome (log locked and saved, evidence moved)", figures.record_ms, None
        ),
        _row(
            "Evidence: reading it for advice (the process's copy)",
            figures.read_ms,
            TARGETS_MS["read"],
        ),
        _row(
            "Evidence: rebuilding that copy from the table (new version)",
            figures.rebuild_read_ms,
            None,
        ),
        f"| One candidate's advice in the server, with evidence ÷ without (medians "
        f"{one['with']:.2f} and {one['without']:.2f} ms) | | {one_ratio:.2f}x | | | | | "
        f"≤ {ADVICE_FACTOR}x | {verdict(one_ratio <= ADVICE_FACTOR)} |",
        f"| Scoring 10,000 candidates, with evidence ÷ without (no database) | | {ratio:.2f}x | "
        f"| | | | ≤ {ADVICE_FACTOR}x | {verdict(ratio <= ADVICE_FACTOR)} |",
    ]
    rows += [
        _row(f"Saved search new count: {label}", samples, TARGETS_MS["new_count"])
        for label, samples in figures.new_count_ms.items()
    ]
    if figures.generation_seconds is not None:
        rows.append(
            f"| Generating {figures.logs:,} outreach logs (COPY), then summing the evidence | | "
            f"{figures.generation_seconds:.0f} s + {figures.rebuild_seconds:.1f} s | | | | | | |"
        )
    return rows


def section(figures: EvidenceFigures) -> list[str]:
    """The details: what was measured, and the plans of the new counts."""
    lines = [
        "## Evidence and saved searches",
        "",
        f"- {figures.logs:,} outreach logs by {RECRUITERS} recruiters; the evidence table has "
        f"{figures.rows:,} rows (channel by company type by seniority).",
        f"- Advice for 10,000 candidates: {figures.advice_without_ms:.0f} ms without the "
        f"evidence, {figures.advice_with_ms:.0f} ms with it (best of three each).",
        "",
        "### Plans of the saved searches' new counts (EXPLAIN ANALYZE)",
        "",
    ]
    for label, (statement, plan) in figures.plans.items():
        lines += [f"#### {label}", "", "```sql", statement, "```", "", "```", plan, "```", ""]
    return lines
