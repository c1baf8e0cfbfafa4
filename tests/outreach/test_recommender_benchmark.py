"""Scoring 10,000 synthetic candidates, timed by pytest-benchmark: one round, no time limit.

The timing is for people (`pytest tests/profiles/test_recommender_benchmark.py`); the test only
checks that every candidate got complete advice. `bench/recommender.py` prints the same figure.
"""

import importlib.util
from pathlib import Path

import pytest

BENCH_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "recommender.py"


def load_bench_script():
    spec = importlib.util.spec_from_file_location("bench_recommender", BENCH_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.benchmark(group="recommender")
def test_scoring_ten_thousand_candidates(benchmark):
    bench = load_bench_script()
    catalog = bench.build_catalog()
    requests = bench.synthetic_requests(bench.CANDIDATES)

    advice = benchmark.pedantic(bench.score_all, args=(catalog, requests), rounds=1, iterations=1)

    assert len(advice) == 10_000
    assert all(len(a.channels) == len(catalog.channel_ids) for a in advice)
    assert all(a.best.available and a.best.open_to_inquiries for a in advice)
