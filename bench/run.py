"""`make bench`: NetworkDir at a million profiles, beside the framework's ceiling and the
database's floor.

On the PostgreSQL that bin/with-postgres provides (DATABASE_URL): migrate, load the platforms,
generate 1,000,000 fictional profiles with the demo generator and their ten million connections
with its network generator, store them with COPY (bench/bulk_load.py, timed), VACUUM ANALYZE;
time best paths in the server (bench/network.py); then run
the site under gunicorn in production mode (DEBUG off, a generated SECRET_KEY, persistent
connections, networkdir/gunicorn.py) and drive it with wrk on loopback: a warm-up, several runs,
medians. Beside the pages, in the same server: a bare Django view returning a constant (the
ceiling, bench/urls.py), and each recruiter search's own SQL timed with psycopg2 (the floor).
The bench recruiter keeps a project of 500 candidates, whose board and API listing are loaded
too; each search's capped total and platform counts are timed in this process, uncached.
Prints one table and writes it, with the plans and the other figures, to
bench/results/latest.md.

    make bench                                   # everything, about 22 minutes on 2 cores
    make bench BENCH_ARGS="--profiles 100000"    # a quicker, smaller run
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

# The server and this process share the production settings plus the bench URLs.
SERVER_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CONN_MAX_AGE": "300",
    "LOG_LEVEL": "ERROR",
    # The API's rate limits would answer 429 within a second of wrk; the benchmark measures
    # the work behind them.
    **{
        f"API_RATE_{scope}": "1000000/second"
        for scope in ("ANON", "USER", "RECOMMENDATIONS", "CANDIDATE_EXPORT", "ACCOUNT_DELETION")
    },
}
os.environ.update(SERVER_ENVIRONMENT)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from bench.breakdown import measure_breakdowns  # noqa: E402
from bench.bulk_load import load_contacts, load_profiles  # noqa: E402
from bench.evidence import measure_evidence, section, table_rows  # noqa: E402
from bench.figures import Endpoint, percentile, timed_ms  # noqa: E402
from bench.load import LoadResult, gunicorn, load_all, say  # noqa: E402
from bench.network import (  # noqa: E402
    NETWORK_SCOPES,
    NETWORK_SEARCH,
    NetworkFigures,
    measure_network,
)
from bench.project import (  # noqa: E402
    BOARD_LABEL,
    LISTING_LABEL,
    PROJECT_SIZE,
    bench_project,
    board_path,
    listing_path,
)
from bench.recommender import build_catalog, score_all, synthetic_requests  # noqa: E402
from bench.report import DEGREES, render_report  # noqa: E402
from bench.searches import (  # noqa: E402
    SEARCH_API_PATH,
    SEARCH_KINDS,
    SEARCH_PAGE_PATH,
    SEARCHES,
    UNSEEN,
    measure_counts,
    measure_searches,
    search_label,
)
from outreach.catalog import load_catalog  # noqa: E402
from outreach.inputs import Sender  # noqa: E402
from outreach.recommender import recommend  # noqa: E402
from outreach.vocabulary import Purpose  # noqa: E402
from profiles.advice import advise, target_from_profile  # noqa: E402
from profiles.demo import progress_bar  # noqa: E402
from profiles.models import (  # noqa: E402
    City,
    CompanyType,
    Contact,
    ExecutiveProfile,
    Industry,
    Membership,
    Seniority,
)
from profiles.selectors import candidate_rows  # noqa: E402
from profiles.services import recruiters_group  # noqa: E402

# --- What is measured -----------------------------------------------------------------------

ADVISOR_QUERY = (
    "purpose=business_development&company_type=chinese_private&seniority=c_level"
    "&languages=zh&weibo=active&weibo_open=on&weibo_career=on&reads_chinese=on"
)
RECOMMENDATION_BODY = {
    "purpose": "business_development",
    "target": {
        "company_type": "chinese_private",
        "seniority": "c_level",
        "languages": ["zh"],
        "memberships": [
            {"platform": "weibo", "active": True, "open_to_inquiries": True},
            {"platform": "wechat", "active": True},
        ],
    },
    "sender": {"reads_chinese": True},
}


def unseen_places() -> list[str]:
    """Every city + industry + seniority search, in a fixed shuffled order.

    Asked in turn, each request is one no one has made lately, so its result rows are built
    (advice scored, rows rendered or serialized) rather than found kept: the cost of an
    uncommon search, beside the common ones above.
    """
    searches = [
        f"city={city}&industry={industry}&seniority={seniority}"
        for city in City.values
        for industry in Industry.values
        for seniority in Seniority.values
    ]
    random.Random(2026).shuffle(searches)
    return searches


def unseen_questions() -> list[str]:
    """Advisor questions (purpose, company type, seniority, languages, presence on three
    platforms, reading Chinese), sixteen thousand in a fixed shuffled order: asked in turn,
    none is found among the pages kept for visitors, so each is answered and drawn anew."""
    presences = ["unknown", "on_it", "not_on_it"]
    questions = [
        f"purpose={purpose}&company_type={company_type}&seniority={seniority}&{languages}"
        f"&weibo={weibo}&linkedin={linkedin}&maimai={maimai}&reads_chinese={reads_chinese}"
        for purpose in Purpose.values
        for company_type in CompanyType.values
        for seniority in Seniority.values
        for languages in ("languages=zh", "languages=en", "languages=zh&languages=en")
        for weibo in presences
        for linkedin in presences
        for maimai in presences
        for reads_chinese in ("on", "off")
    ]
    random.Random(2026).shuffle(questions)
    return questions


NETWORK_BASE = "as a recruiter with a network, multi-platform"
NETWORK_SEARCH_REPEAT = 30


def network_searches() -> dict[str, str]:
    """The search compared with and without "reachable through my network"."""
    searches = {NETWORK_BASE: NETWORK_SEARCH}
    for scope, label in NETWORK_SCOPES.items():
        searches[f"{NETWORK_BASE}, reachable {label}"] = f"{NETWORK_SEARCH}&network={scope}"
    return searches


def network_endpoints(network: NetworkFigures) -> list[Endpoint]:
    """Best paths over HTTP, in turn through the viewer's targets, and the search with and
    without the network filter, as the viewer (a recruiter with a profile)."""
    points = []
    for degree, targets in network.http_targets.items():
        rotation = tuple(f"/api/v1/people/{pk}/paths/?max_degree={degree}" for pk in targets)
        label = f"Best paths API, up to {DEGREES[degree]} degree"
        points.append(
            Endpoint(f"paths:{degree}", label, rotation[0], "viewer-token", rotation=rotation)
        )
    for kind, prefix, auth in (
        ("API", SEARCH_API_PATH, "viewer-token"),
        ("page", SEARCH_PAGE_PATH, "viewer-session"),
    ):
        points += [
            Endpoint(
                f"{kind}:{name}",
                search_label(kind, name),
                f"{prefix}?{query}",
                auth,
                floor=name,
                baseline="" if name == NETWORK_BASE else f"{kind}:{NETWORK_BASE}",
            )
            for name, query in network_searches().items()
        ]
    return points


def search_endpoints() -> list[Endpoint]:
    """The recruiter's searches, page and API (SEARCHES, each beside its raw SQL), and a new
    city + industry + seniority on every request (`unseen_places`)."""
    places = unseen_places()
    return [
        *(
            Endpoint(
                f"{kind}:{name}",
                search_label(kind, name),
                f"{prefix}?{query}",
                auth,
                floor=name,
            )
            for name, query in SEARCHES.items()
            for kind, prefix, auth in SEARCH_KINDS
            if kind == "page" or not name.startswith("q=上海")
        ),
        *(
            Endpoint(
                f"{kind}:unseen",
                search_label(kind, UNSEEN),
                f"{prefix}?{places[0]}",
                auth,
                rotation=tuple(f"{prefix}?{place}" for place in places),
            )
            for kind, prefix, auth in SEARCH_KINDS
        ),
    ]


def advice_endpoints(candidate_id: int) -> list[Endpoint]:
    """The advisor (a question asked again, and a new one each request) and the advice APIs."""
    questions = unseen_questions()
    return [
        Endpoint(
            "advisor",
            "Advisor page (with advice), the same question again (kept for visitors)",
            f"/en/advisor/?{ADVISOR_QUERY}",
        ),
        Endpoint(
            "advisor:unseen",
            "Advisor page (with advice), a new question each request",
            f"/en/advisor/?{questions[0]}",
            rotation=tuple(f"/en/advisor/?{question}" for question in questions),
        ),
        Endpoint(
            "recommendations",
            "Recommendations API (POST)",
            "/api/v1/recommendations/",
            body=RECOMMENDATION_BODY,
        ),
        Endpoint(
            "advice",
            "One candidate's advice API",
            f"/api/v1/candidates/{candidate_id}/recommendation/?purpose=recruiting",
            "token",
        ),
    ]


def endpoints(candidate_id: int, project_id: int) -> list[Endpoint]:
    """Everything loaded but the network's, in the table's order."""
    return [
        Endpoint("bare", "Bare Django view (ceiling)", "/bench/bare/"),
        Endpoint("directory", "Directory page", "/en/"),
        Endpoint("platform", "Platform page (Weibo)", "/en/platforms/weibo/"),
        Endpoint(
            "compare", "Compare page (3 platforms)", "/en/compare/?p=weibo&p=linkedin&p=maimai"
        ),
        *search_endpoints(),
        Endpoint("project:page", BOARD_LABEL, board_path(project_id), "session"),
        Endpoint("project:API", LISTING_LABEL, listing_path(project_id), "token"),
        Endpoint(
            "candidate",
            "One candidate's page (recruiter)",
            f"/en/people/{candidate_id}/",
            "session",
        ),
        *advice_endpoints(candidate_id),
    ]


# --- Small helpers -----------------------------------------------------------------------------


@contextmanager
def step(title: str) -> Iterator[dict]:
    say(f"==> {title}")
    timing: dict = {}
    started = time.monotonic()
    yield timing
    timing["seconds"] = time.monotonic() - started
    say(f"    {timing['seconds']:.1f} s")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- The data ----------------------------------------------------------------------------------


def prepare_database(profiles: int, report: dict) -> None:
    with step("Migrating and loading the platforms"):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_platforms", verbosity=0)
    existing = ExecutiveProfile.objects.filter(is_fictional=True).count()
    if existing < profiles:
        missing = profiles - existing
        with step(f"Generating {missing:,} demo profiles") as timing, progress_bar(missing) as bar:
            load_profiles(missing, start=existing, on_batch=lambda added, _m: bar.update(added))
        report["generation_seconds"] = timing["seconds"]
    if not Contact.objects.exists():
        with step("Connecting them: their generated network") as timing:
            report["contact_rows"] = load_contacts()
        report["network_seconds"] = timing["seconds"]
    with step("VACUUM ANALYZE") as timing, connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    report["vacuum_seconds"] = timing["seconds"]
    with step("CHECKPOINT: the generated data written out before anything is timed"):
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
        subprocess.run(["sync"], check=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        report["database_bytes"] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_table_size(oid), pg_indexes_size(oid) FROM pg_class "
            "WHERE relname IN ('profiles_executiveprofile', 'profiles_membership', "
            "'profiles_contact') ORDER BY 1"
        )
        report["tables"] = cursor.fetchall()
        cursor.execute("SHOW server_version")
        report["postgresql"] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', "
            "'work_mem', 'effective_cache_size', 'random_page_cost', "
            "'max_parallel_workers_per_gather')"
        )
        report["pg_settings"] = cursor.fetchall()
    report["profiles"] = ExecutiveProfile.objects.count()
    report["memberships"] = Membership.objects.count()


def credentials_of(user: User) -> tuple[str, str]:
    """A session cookie (the pages) and an API token of `user`."""
    client = Client()
    client.force_login(user, backend="profiles.auth.ViewerBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token, _ = Token.objects.get_or_create(user=user)
    return session, token.key


def recruiter_credentials() -> tuple[User, str, str]:
    """A recruiter without a profile, with a session cookie (the pages) and an API token."""
    user, _ = User.objects.get_or_create(username="bench-recruiter")
    user.groups.add(recruiters_group())
    return User.objects.get(pk=user.pk), *credentials_of(user)


def measure_recommender(recruiter: User, report: dict) -> None:
    catalog = load_catalog()
    profiles = candidate_rows(ExecutiveProfile.objects.candidates_for(recruiter)[:10_000])
    started = time.perf_counter()
    targets = [target_from_profile(profile) for profile in profiles]
    converted = time.perf_counter()
    for target in targets:
        recommend(catalog, purpose=Purpose.RECRUITING, target=target, sender=Sender())
    scored = time.perf_counter()
    report["score_10k_seconds"] = scored - converted
    report["score_10k_convert_seconds"] = converted - started
    synthetic = synthetic_requests(10_000)
    synthetic_catalog = build_catalog()
    started = time.perf_counter()
    score_all(synthetic_catalog, synthetic)
    report["score_10k_synthetic_seconds"] = time.perf_counter() - started

    ids = list(
        ExecutiveProfile.objects.candidates_for(recruiter)
        .order_by("?")
        .values_list("pk", flat=True)[:300]
    )
    candidates = iter(ids * 2)

    def one_candidate() -> None:
        (profile,) = candidate_rows(
            ExecutiveProfile.objects.visible_to(recruiter).filter(pk=next(candidates))
        )
        advise(purpose=Purpose.RECRUITING, target=target_from_profile(profile), sender=Sender())

    samples = timed_ms(one_candidate, repeat=250, warmup=20)
    report["advice_ms"] = (statistics.median(samples), percentile(samples, 0.95))


def parse_options() -> argparse.Namespace:
    cores = os.cpu_count() or 2
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=5, help="seconds per run")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--connections",
        type=int,
        default=cores,
        help="concurrent requests (default: one per core, so latency is not queueing)",
    )
    parser.add_argument("--worker-class", default="sync", help="as networkdir/gunicorn.py")
    parser.add_argument("--workers", type=int, default=cores)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=100, help="timings per SQL measure")
    parser.add_argument(
        "--outreach-logs",
        type=int,
        default=1_000_000,
        help="outreach logs behind the evidence (issue 14; bench/evidence.py)",
    )
    parser.add_argument(
        "--evidence-only",
        action="store_true",
        help="generate the data, time the evidence and saved searches, print their rows, stop",
    )
    parser.add_argument(
        "--path-viewers",
        type=int,
        default=200,
        help="viewers whose best paths are timed, one target of each degree each",
    )
    return parser.parse_args()


def compare_worker_classes(
    points: list[Endpoint], credentials: dict[str, str], options: argparse.Namespace
) -> dict[str, dict[str, LoadResult]]:
    """A few endpoints again under other gunicorn settings, one run each."""
    cores = os.cpu_count() or 2
    compared_keys = {"bare", "directory", f"page:{next(iter(SEARCHES))}"}
    compared = [point for point in points if point.key in compared_keys]
    worker_classes: dict[str, dict[str, LoadResult]] = {}
    for label, worker_class, workers, threads in (
        (f"sync, {cores} workers", "sync", cores, 1),
        (f"sync, {2 * cores + 1} workers", "sync", 2 * cores + 1, 1),
        (f"gthread, {cores} x 4 threads", "gthread", cores, 4),
    ):
        with gunicorn(worker_class, workers, threads) as base:
            measured = load_all(base, compared, credentials, options, runs=1)
            worker_classes[label] = {point.label: measured[point.key] for point in compared}
    return worker_classes


def main() -> None:
    options = parse_options()
    if connection.vendor != "postgresql":
        sys.exit("bench/run.py needs PostgreSQL: run it through `make bench`.")
    if not (options.evidence_only or shutil.which("wrk")):
        sys.exit("bench/run.py needs wrk (Debian: apt-get install wrk).")

    started = time.monotonic()
    report: dict = {"load_before": load_average()}
    prepare_database(options.profiles, report)
    recruiter, session, token = recruiter_credentials()
    candidate_id = (
        ExecutiveProfile.objects.candidates_for(recruiter).values_list("pk", flat=True).first()
    )
    with step(f"The bench recruiter's project of {PROJECT_SIZE} candidates"):
        project = bench_project(recruiter)
    with step(f"Evidence over {options.outreach_logs:,} outreach logs, saved searches"):
        evidence = measure_evidence(
            recruiter, logs=options.outreach_logs, searches=SEARCHES, repeat=options.repeat
        )
    report["evidence_rows"], report["evidence_section"] = table_rows(evidence), section(evidence)
    if options.evidence_only:
        say("\n".join([*report["evidence_rows"], "", *report["evidence_section"]]))
        return
    with step("Recruiter search: raw SQL (the floor) and the ORM"):
        searches = measure_searches(recruiter, options.repeat)
    with step("Recruiter search: the capped total and platform counts, nothing kept"):
        report["counts"] = measure_counts(recruiter, options.repeat)
    with step("Recommender: 10,000 candidates, and one candidate's advice"):
        measure_recommender(recruiter, report)
    with step("Network: best paths in the server, and the search with its network filter"):
        network = measure_network(viewers=options.path_viewers, repeat=3)
        # Fewer rounds: a third-degree reach costs a hundred times a plain search's SQL.
        repeat = min(options.repeat, NETWORK_SEARCH_REPEAT)
        searches.update(measure_searches(network.http_viewer, repeat, network_searches()))
    with step("Static files"):
        call_command("collectstatic", interactive=False, verbosity=0)
    # After the static files: the pages drawn in this process name them through the manifest.
    with step("Where a request's time goes: the search and the board, in this process"):
        report["breakdowns"] = measure_breakdowns(
            {"session": session, "token": token}, unseen_places(), project.pk, options.repeat * 3
        )

    points = endpoints(candidate_id, project.pk) + network_endpoints(network)
    viewer_session, viewer_token = credentials_of(network.http_viewer)
    credentials = {
        "session": session,
        "token": token,
        "viewer-session": viewer_session,
        "viewer-token": viewer_token,
    }
    server = gunicorn(options.worker_class, options.workers, options.threads)
    with step(f"Load: gunicorn {options.worker_class}"), server as base:
        loads = load_all(base, points, credentials, options)
    with step("Worker classes"):
        worker_classes = compare_worker_classes(points, credentials, options)
    report["load_after"] = load_average()

    text = render_report(options, report, loads, searches, worker_classes, points, network)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    table = text.split("## The table", 1)[1].split("## Recruiter search", 1)[0]
    say("\n" + table.strip())
    say(f"\nWritten to {RESULTS / 'latest.md'} ({(time.monotonic() - started) / 60:.1f} minutes).")


if __name__ == "__main__":
    main()
