"""Geometry for the small server-rendered line charts of user figures over time.

Pure Python, no Django: it turns dated values into SVG coordinates, ticks and labels, and a
template draws them, so the chart needs no JavaScript and no charting library. A series whose
values span more than a factor of ten is drawn on a log scale, where 4 million and 54 million
can both be read; otherwise the scale is linear from zero.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Scale = Literal["linear", "log"]

LOG_SCALE_RATIO = 10
MAX_Y_TICKS = 6
MAX_X_TICKS = 8
SERIES_STYLES = 6


def count_units(*, chinese: bool = False, short: bool = False) -> list[tuple[float, str]]:
    """The units large counts are read in, largest first (the admin's figure field reads them
    too, to spell a figure out as it is typed).

    Chinese counts large numbers in 万 (10^4) and 亿 (10^8), so it gets its own units rather
    than a translated "million".
    """
    if chinese:
        return [(1e8, "亿"), (1e4, "万")]
    if short:
        return [(1e9, "B"), (1e6, "M"), (1e3, "K")]
    return [(1e9, " billion"), (1e6, " million")]


def compact_number(value: float, *, chinese: bool = False, short: bool = False) -> str:
    """A large count in words a reader takes in at a glance: 587 million, 5.87亿, 587M."""
    for size, unit in count_units(chinese=chinese, short=short):
        if abs(value) >= size:
            scaled = value / size
            digits = f"{scaled:.3g}"
            # Three significant digits can't write 1000 and more (999.7 million) but as 1e+03.
            return f"{scaled:.0f}{unit}" if "e" in digits else f"{digits}{unit}"
    return f"{value:,.0f}"


@dataclass(frozen=True)
class SeriesData:
    """One line to draw: a label and its dated values (any order), and optionally a note for
    each value in the same order (its date as its source gives it, its citation)."""

    label: str
    points: Sequence[tuple[datetime.date, int]]
    notes: Sequence[str] = ()
    style: str = ""  # the series' own style names; by default it takes the next of six


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    when: datetime.date
    value: int
    label: str
    note: str = ""


@dataclass(frozen=True)
class ChartSeries:
    label: str
    style: int | str
    points: tuple[ChartPoint, ...]

    @property
    def polyline(self) -> str:
        """The `points` attribute of an SVG polyline through the series, oldest first."""
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    scale: Scale
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[ChartSeries, ...]
    first_year: int
    last_year: int


def choose_scale(values: Sequence[int]) -> Scale:
    """Log when the values span more than a factor of ten, so small early figures stay visible."""
    positive = [value for value in values if value > 0]
    if len(positive) < 2:
        return "linear"
    return "log" if max(positive) / min(positive) > LOG_SCALE_RATIO else "linear"


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that fits `span` in `max_ticks`."""
    raw = span / max(max_ticks - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if step >= raw:
            return step
    return 10 * magnitude


def linear_ticks(maximum: float, max_ticks: int = MAX_Y_TICKS) -> list[float]:
    """Ticks from zero up to the first round value at or above `maximum`."""
    step = nice_step(maximum, max_ticks)
    count = math.ceil(maximum / step - 1e-9)
    return [step * index for index in range(count + 1)]


def log_ticks(minimum: float, maximum: float) -> list[float]:
    """Powers of ten around the values, with 2x and 5x between them when the range is short."""
    low = math.floor(math.log10(minimum))
    high = math.ceil(math.log10(maximum))
    if high == low:
        high += 1
    powers = [10.0**exponent for exponent in range(low, high + 1)]
    if high - low > 2:
        return powers
    ticks = []
    for power in powers:
        ticks.extend(power * multiple for multiple in (1, 2, 5))
    # Keep one tick on each side of the data, drop the rest of the padding.
    below = [tick for tick in ticks if tick <= minimum]
    above = [tick for tick in ticks if tick >= maximum]
    start = max(below) if below else ticks[0]
    end = min(above) if above else ticks[-1]
    return [tick for tick in ticks if start <= tick <= end]


def year_ticks(first: datetime.date, last: datetime.date) -> list[int]:
    """Whole years across the range, thinned to at most MAX_X_TICKS."""
    years = list(range(first.year, last.year + 2))
    step = math.ceil(len(years) / MAX_X_TICKS)
    return years[::step]


def value_axis(
    values: Sequence[float], scale: Scale, top: float, bottom: float
) -> tuple[list[float], Callable[[float], float]]:
    """The value axis's ticks, and where a value sits on it (SVG y, growing downwards)."""
    if scale == "log":
        ticks = log_ticks(min(values), max(values))
        low, high = math.log10(ticks[0]), math.log10(ticks[-1])
        return (
            ticks,
            lambda value: bottom - (math.log10(value) - low) / (high - low) * (bottom - top),
        )
    ticks = linear_ticks(max(values))
    return ticks, lambda value: bottom - value / ticks[-1] * (bottom - top)


def time_axis(
    first: datetime.date, last: datetime.date, left: float, right: float
) -> tuple[list[int], Callable[[datetime.date], float]]:
    """The years ticked on the time axis, and where a date sits on it (SVG x).

    The data is inset a little so a point on the first or last day does not sit on an axis.
    """
    years = year_ticks(first, last)
    start = datetime.date(years[0], 1, 1)
    day_span = (datetime.date(max(years[-1], last.year + 1), 1, 1) - start).days
    inset = 12.0
    return (
        years,
        lambda when: left + inset + (when - start).days / day_span * (right - left - 2 * inset),
    )


def build_line_chart(
    series: Sequence[SeriesData],
    *,
    scale: Scale | None = None,
    number_format: Callable[[float], str] = lambda value: compact_number(value, short=True),
    width: int = 960,
    height: int = 340,
) -> LineChart | None:
    """Lay out `series` on shared axes; None when there is nothing to draw."""
    all_points = [point for data in series for point in data.points if point[1] > 0]
    if not all_points:
        return None
    values = [value for _, value in all_points]
    scale = scale or choose_scale(values)
    left, top, right, bottom = 64.0, 16.0, width - 16.0, height - 36.0
    first_date = min(when for when, _ in all_points)
    last_date = max(when for when, _ in all_points)
    years, x_of = time_axis(first_date, last_date, left, right)
    y_values, y_of = value_axis(values, scale, top, bottom)

    chart_series = []
    for index, data in enumerate(series):
        notes = data.notes or [""] * len(data.points)
        points = tuple(
            ChartPoint(
                x=x_of(when),
                y=y_of(value),
                when=when,
                value=value,
                label=number_format(value),
                note=note,
            )
            for (when, value), note in sorted(zip(data.points, notes, strict=True))
            if value > 0
        )
        if points:
            chart_series.append(
                ChartSeries(
                    label=data.label, style=data.style or index % SERIES_STYLES, points=points
                )
            )

    return LineChart(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        scale=scale,
        x_ticks=tuple(Tick(x_of(datetime.date(year, 1, 1)), str(year)) for year in years),
        y_ticks=tuple(Tick(y_of(value), number_format(value)) for value in y_values),
        series=tuple(chart_series),
        first_year=first_date.year,
        last_year=last_date.year,
    )
