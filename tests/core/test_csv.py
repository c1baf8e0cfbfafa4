"""core.csv: the one CSV writer, and the defusing of spreadsheet formulas in every cell."""

import csv
import datetime
import io

import pytest

from core.csv import csv_response, day_cell, spreadsheet_safe


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (" =1", " =1"),
        (-5, "'-5"),
        (42, "42"),
        ("微博", "微博"),
    ],
)
def test_spreadsheet_safe_defuses_only_what_a_spreadsheet_would_run(value, written):
    assert spreadsheet_safe(value) == written


def read(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_csv_response_is_a_utf8_download_excel_reads():
    response = csv_response("compare.csv", [["Name", "名称"], ["Weibo", "微博"]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="compare.csv"'
    assert read(response) == [["Name", "名称"], ["Weibo", "微博"]]


def test_csv_response_defuses_every_cell_and_writes_any_value():
    rows = [["=1", "+2", "-3", "@4", "\t5", "\r6"], [7, -8, "ok"], []]

    assert read(csv_response("x.csv", rows)) == [
        ["'=1", "'+2", "'-3", "'@4", "'\t5", "'\r6"],
        ["7", "'-8", "ok"],
        [],
    ]


def test_a_day_in_a_csv_is_the_sites_day_not_utcs():
    """03:11 in Shanghai on 4 December is still 3 December in UTC."""
    moment = datetime.datetime(2026, 12, 3, 19, 11, tzinfo=datetime.UTC)

    assert day_cell(moment) == "2026-12-04"
