"""The benchmark's breakdown of a request: each step's own time, the SQL within it, and every
function put back as it was."""

import time
from types import SimpleNamespace

import pytest
from django.db import connection

from bench.breakdown import REST, WHOLE, Breakdown, Stopwatch

pytestmark = pytest.mark.django_db


def run_sql() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def a_view() -> SimpleNamespace:
    """`outer` runs a statement and calls `inner`, which waits and runs two more."""

    def inner() -> None:
        time.sleep(0.05)
        run_sql()
        run_sql()

    def outer() -> None:
        run_sql()
        view.inner()

    view = SimpleNamespace(inner=inner, outer=outer)
    return view


def timed(view: SimpleNamespace, *, extra=None) -> Breakdown:
    breakdown = Breakdown("a view")
    watch = Stopwatch(breakdown)
    with watch.running([(view, "outer", "outer"), (view, "inner", "inner")]):
        watch.request(lambda: (view.outer(), extra and extra()))
    return breakdown


def test_a_step_called_within_another_is_timed_as_itself_not_twice():
    breakdown = timed(a_view())

    assert breakdown.steps["inner"] >= 0.05
    assert breakdown.steps["outer"] < 0.05


def test_statements_count_to_the_step_that_runs_them():
    seen = []

    def statement(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(statement):
        breakdown = timed(a_view(), extra=run_sql)

    assert len(seen) == 4
    assert set(breakdown.sql) == {"outer", "inner", REST}


def test_the_rest_is_the_whole_less_every_step():
    breakdown = timed(a_view(), extra=lambda: time.sleep(0.02))
    rows = {step: spent for step, spent, _sql, _cache in breakdown.rows()}

    assert rows[WHOLE] == pytest.approx(rows["outer"] + rows["inner"] + rows[REST])
    assert rows[REST] >= 20


def test_every_timed_function_is_put_back():
    view = a_view()
    inner, outer = view.inner, view.outer

    timed(view)

    assert (view.inner, view.outer) == (inner, outer)


def test_an_inherited_method_is_timed_then_left_to_the_base_class():
    class Base:
        def step(self) -> str:
            return "done"

    class Child(Base):
        pass

    watch = Stopwatch(Breakdown("inherited"))
    with watch.running([(Child, "step", "step")]):
        assert Child().step() == "done"

    assert "step" not in vars(Child)
    assert watch.breakdown.steps["step"] > 0
