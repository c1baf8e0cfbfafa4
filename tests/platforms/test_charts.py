import datetime

import pytest

from platforms.charts import (
    SeriesData,
    build_line_chart,
    choose_scale,
    compact_number,
    linear_ticks,
    log_ticks,
)


@pytest.mark.parametrize(
    ("value", "long", "short", "chinese"),
    [
        (587_000_000, "587 million", "587M", "5.87亿"),
        (1_359_000_000, "1.36 billion", "1.36B", "13.6亿"),
        (73_900_000, "73.9 million", "73.9M", "7390万"),
        (8_000_000, "8 million", "8M", "800万"),
        (250_000, "250,000", "250K", "25万"),
        (900, "900", "900", "900"),
        # Rounding to three digits would write 999.7 million as 1e+03 million.
        (999_700_000, "1000 million", "1000M", "10亿"),
    ],
)
def test_compact_number_speaks_each_language_units(value, long, short, chinese):
    assert compact_number(value) == long
    assert compact_number(value, short=True) == short
    assert compact_number(value, chinese=True) == chinese


@pytest.mark.parametrize(
    ("values", "scale"),
    [
        ([4_000_000, 54_000_000], "log"),
        ([140_000_000, 587_000_000], "linear"),
        ([10_000_000, 100_000_000], "linear"),
        ([10_000_000, 100_000_001], "log"),
        ([5_000_000], "linear"),
    ],
)
def test_choose_scale_goes_logarithmic_beyond_a_factor_of_ten(values, scale):
    assert choose_scale(values) == scale


@pytest.mark.parametrize("maximum", [1, 7, 587_000_000, 1_359_000_000, 99_999])
def test_linear_ticks_start_at_zero_and_cover_the_maximum(maximum):
    ticks = linear_ticks(maximum)

    assert ticks[0] == 0
    assert ticks[-1] >= maximum
    assert len(ticks) <= 7


@pytest.mark.parametrize(
    ("minimum", "maximum"), [(4e6, 54e6), (1e5, 9e5), (1e5, 1.4e9), (6.7e6, 7.39e7)]
)
def test_log_ticks_bracket_the_values(minimum, maximum):
    ticks = log_ticks(minimum, maximum)

    assert ticks[0] <= minimum
    assert ticks[-1] >= maximum
    assert ticks == sorted(ticks)


def test_no_positive_values_gives_no_chart():
    assert build_line_chart([SeriesData("Users", [])]) is None


def _two_series():
    return [
        SeriesData(
            "Registered users, China",
            [(datetime.date(2016, 6, 1), 20_000_000), (datetime.date(2011, 1, 1), 4_000_000)],
        ),
        SeriesData("Monthly active users, China", [(datetime.date(2021, 10, 1), 54_000_000)]),
    ]


@pytest.mark.parametrize("scale", ["linear", "log"])
def test_points_sit_inside_the_plot_later_to_the_right_larger_higher(scale):
    chart = build_line_chart(_two_series(), scale=scale)

    registered = chart.series[0].points
    assert [point.when.year for point in registered] == [2011, 2016]
    assert registered[0].x < registered[1].x
    assert registered[0].y > registered[1].y  # SVG y grows downwards
    for series in chart.series:
        for point in series.points:
            assert chart.left <= point.x <= chart.right
            assert chart.top <= point.y <= chart.bottom


def test_scale_is_chosen_from_the_values_when_not_given():
    assert build_line_chart(_two_series()).scale == "log"


def test_each_series_keeps_its_label_and_gets_its_own_style():
    chart = build_line_chart(_two_series())

    assert [series.label for series in chart.series] == [
        "Registered users, China",
        "Monthly active users, China",
    ]
    assert chart.series[0].style != chart.series[1].style


def test_axes_are_labelled_with_years_and_formatted_counts():
    chart = build_line_chart(_two_series(), scale="linear")

    assert [tick.label for tick in chart.x_ticks] == [
        "2011",
        "2013",
        "2015",
        "2017",
        "2019",
        "2021",
    ]
    assert [tick.label for tick in chart.y_ticks] == ["0", "20M", "40M", "60M"]
    assert (chart.first_year, chart.last_year) == (2011, 2021)


def test_custom_number_format_labels_ticks_and_points():
    chart = build_line_chart(
        _two_series(), scale="linear", number_format=lambda v: compact_number(v, chinese=True)
    )

    assert chart.y_ticks[1].label == "2000万"
    assert chart.series[1].points[0].label == "5400万"


def test_polyline_lists_points_oldest_first():
    series = build_line_chart(_two_series()).series[0]

    first, second = series.polyline.split(" ")
    assert float(first.split(",")[0]) < float(second.split(",")[0])


def test_a_single_figure_still_gets_a_year_range():
    chart = build_line_chart([SeriesData("Users", [(datetime.date(2012, 7, 1), 900_000)])])

    assert len(chart.x_ticks) >= 2
    assert chart.left < chart.series[0].points[0].x < chart.right
