"""The benchmark's report: one Markdown file with the table, the data, the plans (bench/run.py)."""

from __future__ import annotations

import argparse
import os
import platform as host
import statistics
import time
from typing import TYPE_CHECKING

from django.conf import settings

from bench.figures import ms, percentile
from profiles.totals import count_cap, facet_sample

if TYPE_CHECKING:
    from bench.breakdown import Breakdown
    from bench.figures import CountTiming, Endpoint, SearchTiming
    from bench.load import LoadResult
    from bench.network import NetworkFigures


def verdict(met: bool) -> str:
    return "yes" if met else "**NO**"


def _header(options: argparse.Namespace, report: dict) -> list[str]:
    return [
        f"# NetworkDir benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        f"Machine: {os.cpu_count()} cores ({host.processor() or host.machine()}), "
        f"Python {host.python_version()}, PostgreSQL {report['postgresql']}; load average "
        f"{report['load_before']} before, {report['load_after']} after.",
        f"Server: gunicorn {options.worker_class}, {options.workers} workers"
        + (f" x {options.threads} threads" if options.worker_class == "gthread" else "")
        + ", DEBUG off, persistent connections, production settings (bench/settings.py adds "
        "only the bare view's URL). Shared cache: "
        + ("Redis" if settings.REDIS_URL else "per-process memory")
        + f". Load: wrk, 1 thread, {options.connections} connections, "
        f"{options.warmup:g} s warm-up, then {options.runs} rounds of {options.duration:g} s "
        "runs (each round visits every endpoint); medians of the runs.",
        "",
    ]


# Issue 11's targets: requests/s as a share of the bare view's in the same run. A search is
# keyed "page:..." or "API:..."; nothing a search returns is kept between requests.
TARGET_SHARES = {
    "directory": 0.60,
    "platform": 0.60,
    "compare": 0.60,
    "page": 0.08,
    "api": 0.12,
    "advisor": 0.06,
    "candidate": 0.08,
    # Issue 14: a project of 500 candidates, its page ("project:page") and API listing.
    "project": 0.08,
}
# Issue 14: what the capped total and the platform choices' counts add to a search, p95 in ms.
COUNTS_TARGET_MS = 5


# Issue 13's targets: best paths in the server, p95 in ms by degree; the search with the network
# filter within twice the p95 of the same search without it; the network's generation.
PATH_TARGETS_MS = {2: 20, 3: 60}
DEGREES = {2: "2nd", 3: "3rd"}
BASELINE_FACTOR = 2
NETWORK_GENERATION_SECONDS = 180


def _endpoint_row(
    point: Endpoint, result: LoadResult, ceiling: float, searches: dict, loads: dict
) -> str:
    ratio = result.rps / ceiling
    floor = ""
    target, met = "", ""
    if point.floor:
        raw = statistics.median(searches[point.floor].raw_ms)
        floor = f"{result.p50 / raw:.1f}x"
    share = TARGET_SHARES.get(point.key.split(":", 1)[0].lower())
    if point.baseline:
        allowed = BASELINE_FACTOR * loads[point.baseline].p95
        target = f"p95 ≤ {BASELINE_FACTOR}x without ({allowed:.1f})"
        met = verdict(result.p95 <= allowed)
    elif point.key.startswith("paths:"):
        target = "see below (in the server)"
    elif share is not None:
        target, met = f"≥ {share:.0%} of ceiling", verdict(ratio >= share)
    elif point.key == "advice":
        target = "see below (≤ 5 ms in the server)"
    return (
        f"| {point.label} | {result.rps:,.0f} | {result.p50:.1f} | {result.p95:.1f} | "
        f"{result.p99:.1f} | {ratio:.0%} | {floor} | {target} | {met} |"
        + (f" {result.bad} errors" if result.bad else "")
    )


def _main_table(
    points: list[Endpoint],
    loads: dict[str, LoadResult],
    searches: dict[str, SearchTiming],
    report: dict,
    network: NetworkFigures,
) -> list[str]:
    ceiling = loads["bare"].rps
    lines = [
        "## The table",
        "",
        "Ratios: requests/s ÷ the bare view's (the framework's ceiling, same server); "
        "latency p50 ÷ the raw SQL of the same search run with psycopg2 (the database's floor).",
        "",
        "| What | req/s | p50 ms | p95 ms | p99 ms | ÷ ceiling | ÷ floor | Target | Met |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    lines += [_endpoint_row(point, loads[point.key], ceiling, searches, loads) for point in points]
    advice_median, advice_p95 = report["advice_ms"]
    generation = report.get("generation_seconds")
    lines += [
        f"| One candidate's advice, in the server (load + score) | | {advice_median:.2f} | "
        f"{advice_p95:.2f} | | | | ≤ 5 ms | {verdict(advice_median <= 5)} |",
        f"| Scoring 10,000 candidates (recommend() for each) | | "
        f"{ms(report['score_10k_seconds']):.0f} | | | | | ≤ 500 ms | "
        f"{verdict(report['score_10k_seconds'] <= 0.5)} |",
        f"| Generating {report['profiles']:,} profiles | | "
        + (f"{generation:.0f} s" if generation else "(reused)")
        + " | | | | | ≤ 180 s | "
        + (verdict(generation <= 180) if generation else "")
        + " |",
        *_counts_row(report["counts"]),
        *_network_rows(network, report),
        *report.get("evidence_rows", ()),
        "",
    ]
    return lines


def _counts_row(counts: dict[str, CountTiming]) -> list[str]:
    """The worst search's p95 of what counting adds (the details: `_counts_table`)."""
    worst = max(counts.values(), key=lambda timing: percentile(timing.both_ms, 0.95))
    p95 = percentile(worst.both_ms, 0.95)
    return [
        f"| Capped total and filter counts, added to a search (nothing kept; the worst of "
        f"{len(counts)}: {worst.name}) | | {statistics.median(worst.both_ms):.2f} | {p95:.2f} | "
        f"| | | ≤ {COUNTS_TARGET_MS} ms p95 | {verdict(p95 <= COUNTS_TARGET_MS)} |"
    ]


def _network_rows(network: NetworkFigures, report: dict) -> list[str]:
    """Best paths in the server, and the network's generation, for the main table."""
    rows = [
        f"| Best paths to one person, up to {DEGREES[degree]} degree, in the "
        f"server (best_paths) | | {timing.p50:.2f} | {timing.p95:.2f} | | | | "
        f"p95 ≤ {PATH_TARGETS_MS[degree]} ms | {verdict(timing.p95 <= PATH_TARGETS_MS[degree])} |"
        for degree, timing in network.paths.items()
    ]
    seconds = report.get("network_seconds")
    rows.append(
        f"| Connecting them: {network.contacts // 2:,} connections ({network.contacts:,} rows) "
        "| | "
        + (f"{seconds:.0f} s" if seconds else "(reused)")
        + f" | | | | | ≤ {NETWORK_GENERATION_SECONDS} s more | "
        + (verdict(seconds <= NETWORK_GENERATION_SECONDS) if seconds else "")
        + " |"
    )
    return rows


def _search_table(searches: dict[str, SearchTiming]) -> list[str]:
    lines = [
        "## Recruiter search: ORM beside raw SQL (first page of 25 with their channels)",
        "",
        "| Search | rows | statements | raw SQL median ms | raw p95 | ORM median ms | ORM p95 "
        "| ORM ÷ raw | ≤ 2x | FilterSet ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for name, timing in searches.items():
        raw, orm = statistics.median(timing.raw_ms), statistics.median(timing.orm_ms)
        lines.append(
            f"| {name} | {timing.rows} | {len(timing.statements)} | {raw:.2f} | "
            f"{percentile(timing.raw_ms, 0.95):.2f} | "
            f"{orm:.2f} | {percentile(timing.orm_ms, 0.95):.2f} | {orm / raw:.1f}x | "
            f"{verdict(orm <= 2 * raw)} | {statistics.median(timing.filter_ms):.2f} |"
        )
    return [
        *lines,
        "",
        "The ORM time is the page's as the search reads it (`profiles.selectors.candidate_page`): "
        "finding the search's shape and its statement, compiled from the queryset once per "
        "process for each shape (`profiles.search_shapes`; the network's searches and words "
        "sorted by name are compiled each time), running it with the search's values, and "
        "reading their channels (their platforms come from the process's copy), as plain "
        "values; the raw time "
        "runs the same statements with psycopg2 and fetches the rows as tuples. Building and "
        "validating the FilterSet from the query string comes before either and is shown "
        "apart.",
        "",
    ]


def _counts_table(counts: dict[str, CountTiming]) -> list[str]:
    lines = [
        "## Recruiter search: the capped total and the platform counts, nothing kept",
        "",
        "| Search | total | statements | the total (API) p50 ms | p95 | with the platforms "
        f"(page) p50 ms | p95 | ≤ {COUNTS_TARGET_MS} ms |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, timing in counts.items():
        total = timing.total
        shown = f"{total.count:,}" + ("" if total.exact else "+") if total else ""
        p95 = percentile(timing.both_ms, 0.95)
        lines.append(
            f"| {name} | {shown} | {len(timing.statements)} | "
            f"{statistics.median(timing.total_ms):.2f} | "
            f"{percentile(timing.total_ms, 0.95):.2f} | "
            f"{statistics.median(timing.both_ms):.2f} | {p95:.2f} | "
            f"{verdict(p95 <= COUNTS_TARGET_MS)} |"
        )
    return [
        *lines,
        "",
        "Timed in this process as the API and the search page call them "
        "(`profiles.totals.search_counts`: the total; the total and the platforms), each call "
        "after a new version of the candidates' data, so nothing is found kept (the version "
        "is read before the clock, as a process reads it at most once a second): the cache's "
        "lookup and store (one round trip each), the planner's estimate "
        f"(past ten times the cap no row is read), the count of at most {count_cap() + 1:,} "
        f"rows, and the memberships of a sample of {facet_sample():,} grouped by platform. "
        "The statements are the page's. The filter's queryset is built "
        "before the clock starts, as the search has built it; the page's shortcut (a page "
        "holding the last row needs no count) is not taken.",
        "",
    ]


def _data_and_recommender(report: dict) -> list[str]:
    lines = [
        "## Data",
        "",
        f"- {report['profiles']:,} profiles, {report['memberships']:,} memberships; database "
        f"{report['database_bytes'] / 2**20:,.0f} MiB.",
    ]
    for table, data, indexes in report["tables"]:
        lines.append(
            f"- {table}: {data / 2**20:,.0f} MiB data, {indexes / 2**20:,.0f} MiB indexes."
        )
    generation = report.get("generation_seconds")
    if generation:
        lines.append(
            f"- Generation (demo generator, COPY, index rebuild, ANALYZE; bench/bulk_load.py): "
            f"{generation:.0f} s; VACUUM ANALYZE afterwards {report['vacuum_seconds']:.0f} s."
        )
    lines.append(
        "- PostgreSQL: "
        + ", ".join(f"{name}={value}{unit or ''}" for name, value, unit in report["pg_settings"])
    )
    advice_median, advice_p95 = report["advice_ms"]
    return [
        *lines,
        "",
        "## Recommender",
        "",
        f"- 10,000 candidates from the database: converted to the recommender's input in "
        f"{ms(report['score_10k_convert_seconds']):.0f} ms, then scored in "
        f"{ms(report['score_10k_seconds']):.0f} ms; 10,000 synthetic requests "
        f"(bench/recommender.py) scored in {ms(report['score_10k_synthetic_seconds']):.0f} ms.",
        f"- One candidate's advice as the API computes it (profile and channels from the "
        f"database, the cached catalog, scoring): median {advice_median:.2f} ms, "
        f"p95 {advice_p95:.2f} ms.",
        "",
    ]


def _network(network: NetworkFigures, report: dict) -> list[str]:
    """The network's shape, best paths in the server, and the plans of one call's queries."""
    degrees, shares = network.degrees, network.clustering
    lines = [
        "## The network",
        "",
        f"- {network.contacts // 2:,} connections ({network.contacts:,} contact rows, both sides "
        f"of each) among {report['profiles']:,} profiles: contacts per person median "
        f"{degrees['median']}, mean {degrees['mean']:.1f}, 99th percentile {degrees['p99']}, "
        f"most {degrees['max']:,}; {degrees['none']:,} people with none.",
        f"- Clustered (a 1% sample of rows): {shares['company']:.0%} within one company, "
        f"{shares['city']:.0%} within one city, {shares['industry']:.0%} within one industry.",
        f"- Viewers: {network.viewers} recruiters given a generated profile at random (not "
        "private); for each, a target whose best path is of the second degree and one whose "
        "best is of the third, where the walk found one. Over HTTP one of them (about the median "
        f"number of contacts) asks in turn for {len(network.http_targets[2])} and "
        f"{len(network.http_targets[3])} such targets.",
        "",
        "| best_paths in the server | pairs | calls | p50 ms | p95 ms | p99 ms | max ms | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for degree, timing in network.paths.items():
        samples, target_ms = timing.samples_ms, PATH_TARGETS_MS[degree]
        lines.append(
            f"| up to {DEGREES[degree]} degree | {len(timing.pairs)} | "
            f"{len(samples)} | {timing.p50:.2f} | {timing.p95:.2f} | "
            f"{percentile(samples, 0.99):.2f} | {max(samples):.2f} | "
            f"p95 ≤ {target_ms} ms: {verdict(timing.p95 <= target_ms)} |"
        )
    lines += ["", "### Query plans of one best_paths call (EXPLAIN ANALYZE)", ""]
    for degree, timing in network.paths.items():
        lines += [f"#### Up to {DEGREES[degree]} degree", ""]
        for statement, plan in zip(timing.statements, timing.plans, strict=True):
            lines += ["```sql", statement, "```", "", "```", plan, "```", ""]
    return lines


def _worker_classes(worker_classes: dict[str, dict[str, LoadResult]]) -> list[str]:
    columns = worker_classes[next(iter(worker_classes))]
    lines = [
        "## Worker classes (one run each)",
        "",
        "| Server | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for server, results in worker_classes.items():
        lines.append(
            f"| {server} | "
            + " | ".join(f"{r.rps:,.0f} req/s, p95 {r.p95:.1f} ms" for r in results.values())
            + " |"
        )
    return [*lines, ""]


def _breakdowns(breakdowns: list[Breakdown]) -> list[str]:
    if not breakdowns:
        return []
    lines = [
        "## Where a request's time goes",
        "",
        f"The pages under their share of the bare view, {breakdowns[0].requests} requests each "
        "after a warm-up, in this process through Django's test client (no server, no wrk; "
        "`bench/breakdown.py`): each step's own time as the view calls it (less the steps it "
        "calls), in milliseconds per request, with the time within it spent in SQL statements "
        "and in Redis round trips. What no step holds is the middleware's (the session, the "
        "user), the view's own small work and the response. One request at a time, nothing "
        "else running; the CPU time says how much of it is this process's Python.",
        "",
    ]
    for breakdown in breakdowns:
        rows = breakdown.rows()
        whole = rows[-1][1]
        lines += [
            f"### {breakdown.label}: {whole:.1f} ms, {breakdown.cpu_ms:.1f} ms of CPU",
            "",
            "| Step | ms | of which SQL | of which Redis | share |",
            "|---|---:|---:|---:|---:|",
            *(
                f"| {step} | {spent:.2f} | {sql:.2f} | {cache:.2f} | {spent / whole:.0%} |"
                for step, spent, sql, cache in rows
            ),
            "",
        ]
    return lines


def _plans(searches: dict[str, SearchTiming]) -> list[str]:
    lines = ["## Query plans (EXPLAIN ANALYZE of each search's main query)", ""]
    for name, timing in searches.items():
        lines += [f"### {name}", "", "```sql", timing.statements[0], "```", "", "```"]
        lines += [timing.plan, "```", ""]
    return lines


def render_report(
    options: argparse.Namespace,
    report: dict,
    loads: dict[str, LoadResult],
    searches: dict[str, SearchTiming],
    worker_classes: dict[str, dict[str, LoadResult]],
    points: list[Endpoint],
    network: NetworkFigures,
) -> str:
    """The whole report as Markdown; its "## The table" section is what the run prints."""
    lines = [
        *_header(options, report),
        *_main_table(points, loads, searches, report, network),
        *_search_table(searches),
        *_counts_table(report["counts"]),
        *_breakdowns(report.get("breakdowns", [])),
        *_data_and_recommender(report),
        *_network(network, report),
        *report.get("evidence_section", ()),
        *_worker_classes(worker_classes),
        *_plans(searches),
    ]
    return "\n".join(lines) + "\n"
