"""`manage.py check_platform_data`: the real data file and a demo database pass; a copy broken
against each rule fails, naming the platform (or source) and the field."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from platforms import checks, presentation
from platforms.loader import DEFAULT_DATA_FILE, load_platforms
from platforms.models import Citation, Platform, Source, UserCount

pytestmark = pytest.mark.django_db


def check(**options) -> str:
    """Run the check, which must pass, and return what it printed."""
    out = StringIO()
    call_command("check_platform_data", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def problems(**options) -> str:
    """Run the check, which must fail, and return its error and every problem it printed."""
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_platform_data", stdout=StringIO(), stderr=err, **options)
    return f"{raised.value}\n{err.getvalue()}"


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the real data file changed by `edit(data)`; returns its path."""

    def write(edit) -> str:
        data = yaml.safe_load(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))
        edit(data)
        path = tmp_path / "platforms.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


def platform(data: dict, slug: str) -> dict:
    return data["platforms"][slug]


# --- What passes ---------------------------------------------------------------------------------


def test_the_real_data_file_passes():
    assert "12 platforms, " in check()
    assert "no problems" in check()


def test_a_demo_database_passes(settings):
    settings.DEBUG = True  # setup_demo publishes its demo passwords, so it runs only in DEBUG
    load_platforms()
    call_command("setup_demo", "--profiles", "5", stdout=StringIO())

    assert "the database: 12 platforms" in check(database=True)


def test_the_file_and_the_database_options_exclude_each_other():
    with pytest.raises(CommandError):
        call_command("check_platform_data", "--database", "--file", str(DEFAULT_DATA_FILE))


# --- A broken data file: one case per rule -----------------------------------------------------

FILE_CASES = [
    pytest.param(
        lambda d: platform(d, "weibo")["user_counts"][0].pop("source"),
        "platforms.weibo.user_counts[0]: missing source",
        id="a figure without its source",
    ),
    pytest.param(
        lambda d: platform(d, "weibo")["user_counts"][0].pop("as_of"),
        "platforms.weibo.user_counts[0]: missing as_of",
        id="a figure without its date",
    ),
    pytest.param(
        lambda d: platform(d, "linkedin")["user_counts"][4].update(qualifier="over"),
        "platforms.linkedin.user_counts[4].qualifier: 'over' is not one of",
        id="a qualifier the model cannot record",
    ),
    pytest.param(
        lambda d: platform(d, "weibo")["cold_messaging"].update(sources=[]),
        "platforms.weibo.cold_messaging.sources: expected a non-empty list",
        id="a known trait without a citation",
    ),
    pytest.param(
        lambda d: platform(d, "chitu").update(
            status={"value": "active", "since": "2019-07-31", "sources": ["w18"]}
        ),
        "platforms.chitu.status: is 'active' but the latest status event (shut_down, 2019-07-31)"
        " leaves it 'shut_down'",
        id="a status its latest event contradicts",
    ),
    pytest.param(
        lambda d: platform(d, "linkedin")["status"].update(since="2021-10-14"),
        "platforms.linkedin.status.since: is 2021-10-14 but the status began with the restricted"
        " of 2021-03",
        id="a status since another date than its event's",
    ),
    pytest.param(
        lambda d: platform(d, "chitu").update(historical=False),
        "platforms.chitu.historical: a platform that has shut down is historical",
        id="a shut-down platform not historical",
    ),
    pytest.param(
        lambda d: d["sources"]["w39"].pop("retrieved"),
        "sources.w39: needs a publication date or, for a page without one, the day it was"
        " retrieved",
        id="a source with neither a publication nor a retrieval date",
    ),
]


@pytest.mark.parametrize(("edit", "message"), FILE_CASES)
def test_a_broken_copy_fails_naming_the_platform_and_field(broken_copy, edit, message):
    assert message in problems(file=broken_copy(edit))


def test_a_stale_figure_the_page_would_not_note_fails(monkeypatch):
    """Were the page to take Maimai's undated estimate ("by 2026-11-22") for its newest figure,
    it would hide that its dated figures are years old."""
    monkeypatch.setattr(
        presentation,
        "newest_figure",
        lambda counts: max(counts, key=lambda count: count.as_of, default=None),
    )

    assert (
        "platforms.maimai.user_counts: the newest figure (c. 2022) is more than 3 years old, but "
        "the page shows no staleness note"
    ) in problems()


# --- An admin's edit in the database -----------------------------------------------------------

DATABASE_CASES = [
    pytest.param(
        lambda: UserCount.objects.filter(platform__slug="ushi", value=100000).update(
            qualifier="over"
        ),
        "platforms.ushi.user_counts[registered 2011-02 w31].qualifier: 'over' cannot be recorded",
        id="a qualifier the model cannot record",
    ),
    pytest.param(
        lambda: Citation.objects.filter(platform__slug="weibo", claim="cold_messaging").delete(),
        "platforms.weibo.cold_messaging: a known value needs a citation",
        id="a known trait without a citation",
    ),
    pytest.param(
        lambda: Platform.objects.filter(slug="maimai").update(status="shut_down"),
        "platforms.maimai.status: is 'shut_down' but the latest status event (operating, 2023-12)"
        " leaves it 'active'",
        id="a status changed without its event",
    ),
    pytest.param(
        lambda: Platform.objects.filter(slug="ushi").update(historical=False),
        "platforms.ushi.historical: a platform that has shut down is historical",
        id="a shut-down platform not historical",
    ),
    pytest.param(
        lambda: Source.objects.filter(key="w43").update(retrieved=None),
        "sources.w43: needs a publication date",
        id="a source with neither a publication nor a retrieval date",
    ),
]


@pytest.mark.parametrize(("edit", "message"), DATABASE_CASES)
def test_an_admin_edit_that_breaks_a_rule_fails(edit, message):
    load_platforms()
    edit()

    assert message in problems(database=True)


def test_the_database_is_read_in_six_queries_however_many_rows(django_assert_num_queries):
    load_platforms()

    with django_assert_num_queries(6):
        checks.records_from_database()
