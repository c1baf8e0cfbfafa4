"""The platform data loader: the real data file, idempotence, the edit rule and bad files."""

from datetime import date, timedelta
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from platforms import checks
from platforms.loader import DEFAULT_DATA_FILE, PlatformDataError, desired, load_platforms, stored
from platforms.management.commands.load_platforms import Command
from platforms.models import Citation, Language, Platform, Source, StatusEvent, UserCount
from platforms.schema import (
    NO_TEXT,
    Bilingual,
    Cited,
    PlatformEntry,
    UserCountRow,
    compared,
    identity,
    parse_platform_data,
)
from platforms.vocabulary import OUTREACH_TRAITS
from tests.factories import PlatformFactory, SourceFactory, UserCountFactory

pytestmark = pytest.mark.django_db

SLUGS = {
    "weibo",
    "linkedin",
    "chitu",
    "maimai",
    "liepin",
    "huihui",
    "wechat",
    "ushi",
    "tianji",
    "dajie",
    "tencent-weibo",
    "weirenmai",
}
HISTORICAL = {"chitu", "ushi", "tianji", "dajie", "tencent-weibo", "weirenmai"}
MODELS = (Language, Source, Platform, Citation, UserCount, StatusEvent)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def history_counts() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in MODELS if hasattr(model, "history")}


@pytest.fixture
def loaded(db):
    return load_platforms()


@pytest.fixture
def data_variant(tmp_path):
    """Write a copy of the real data file changed by `edit(data)` and return its path."""

    def write(edit) -> str:
        data = yaml.safe_load(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))
        edit(data)
        path = tmp_path / "platforms.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


def weibo_figure(**filters) -> UserCount:
    """One of Weibo's figures from its Q3 2024 results (w44), the one the tests edit."""
    return UserCount.objects.get(platform__slug="weibo", source__key="w44", **filters)


# --- The real data file -----------------------------------------------------------------------


@pytest.fixture(scope="class")
def loaded_once(django_db_setup, django_db_blocker):
    """Load the real file once for a class of read-only tests, and roll it back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_platforms()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("loaded_once")
class TestRealDataFile:
    """Read-only checks of what the real data file loads; each test rolls back its own writes."""

    def test_loads_all_twelve_platforms(self):
        assert set(Platform.objects.values_list("slug", flat=True)) == SLUGS

    def test_only_the_six_historical_platforms_are_flagged(self):
        assert (
            set(Platform.objects.filter(historical=True).values_list("slug", flat=True))
            == HISTORICAL
        )

    @pytest.mark.parametrize(
        ("slug", "metric", "value", "qualifier", "as_of", "precision", "source"),
        [
            ("weibo", "users", 140_000_000, "more_than", date(2011, 1, 1), "year", "s0"),
            ("weibo", "monthly_active", 587_000_000, "exact", date(2024, 9, 1), "month", "w44"),
            ("weibo", "daily_active", 257_000_000, "exact", date(2024, 9, 1), "month", "w44"),
            ("wechat", "monthly_active", 1_327_000_000, "exact", date(2023, 6, 1), "month", "w46"),
            ("wechat", "monthly_active", 1_359_000_000, "exact", date(2024, 3, 1), "month", "w47"),
            ("linkedin", "users", 20_000_000, "about", date(2016, 1, 1), "year", "s3"),
            (
                "linkedin",
                "users",
                54_000_000,
                "more_than",
                date(2021, 10, 1),
                "month",
                "ap-2021-10",
            ),
            ("liepin", "registered", 73_900_000, "exact", date(2021, 1, 1), "year", "w11"),
            ("liepin", "monthly_active", 6_700_000, "exact", date(2023, 3, 1), "month", "w12"),
            ("maimai", "users", 110_000_000, "exact", date(2022, 1, 1), "year", "w25"),
            ("ushi", "registered", 900_000, "about", date(2012, 7, 1), "month", "w33"),
            ("tianji", "users", 25_000_000, "exact", date(2015, 12, 1), "month", "w37"),
            ("dajie", "users", 15_000_000, "exact", date(2012, 7, 1), "month", "w33"),
            ("ushi", "registered", 100_000, "more_than", date(2011, 2, 1), "month", "w31"),
            # The newer facts, up to late 2025.
            ("weibo", "monthly_active", 588_000_000, "exact", date(2025, 6, 1), "month", "w52"),
            ("weibo", "monthly_active", 578_000_000, "exact", date(2025, 9, 1), "month", "w51"),
            ("weibo", "daily_active", 257_000_000, "exact", date(2025, 9, 1), "month", "w51"),
            ("wechat", "monthly_active", 1_410_000_000, "about", date(2025, 6, 30), "day", "w53"),
            ("wechat", "monthly_active", 1_410_000_000, "about", date(2025, 9, 30), "day", "w53"),
            ("liepin", "registered", 95_000_000, "exact", date(2023, 12, 31), "day", "w54"),
            ("liepin", "verified_headhunters", 211_100, "exact", date(2023, 12, 31), "day", "w54"),
            ("liepin", "registered", 106_000_000, "exact", date(2024, 12, 31), "day", "w55"),
            ("maimai", "monthly_active", 8_000_000, "more_than", date(2021, 1, 1), "year", "w21"),
            ("maimai", "monthly_active", 4_800_000, "more_than", date(2026, 11, 22), "day", "w28"),
            (
                "linkedin",
                "users",
                52_000_000,
                "about",
                date(2021, 10, 1),
                "month",
                "bloomberg-2021-10",
            ),
        ],
    )
    def test_figures_from_facts_are_loaded_with_their_source(
        self, slug, metric, value, qualifier, as_of, precision, source
    ):
        figure = UserCount.objects.get(
            platform__slug=slug, metric=metric, as_of=as_of, source__key=source
        )

        assert (figure.value, figure.qualifier, figure.source.key) == (value, qualifier, source)
        assert figure.precision == precision

    @pytest.mark.parametrize(
        ("slug", "as_of"), [("weibo", date(2011, 1, 1)), ("maimai", date(2022, 1, 1))]
    )
    def test_figures_dated_circa_are_qualified_about(self, slug, as_of):
        assert UserCount.objects.get(platform__slug=slug, as_of=as_of).date_qualifier == "about"

    @pytest.mark.parametrize(
        ("slug", "value", "date_qualifier", "shown"),
        [
            ("linkedin", 4_000_000, "before", "before 2014"),
            ("maimai", 4_800_000, "by", "by 2026-11-22"),
        ],
    )
    def test_figures_the_source_dates_only_from_above_say_so(
        self, slug, value, date_qualifier, shown
    ):
        figure = UserCount.objects.get(platform__slug=slug, value=value)

        assert (figure.date_qualifier, figure.as_of_display) == (date_qualifier, shown)

    @pytest.mark.parametrize("slug", ["chitu", "huihui", "tencent-weibo", "weirenmai"])
    def test_platforms_without_a_sourced_figure_have_none(self, slug):
        assert not UserCount.objects.filter(platform__slug=slug).exists()

    def test_every_figure_and_event_names_a_traceable_source(self):
        rows = [
            *UserCount.objects.select_related("source"),
            *StatusEvent.objects.select_related("source"),
        ]

        assert len(rows) > 40
        for row in rows:
            source = row.source
            assert source.label, row
            assert source.publisher or source.url or source.published, row

    def test_every_known_trait_is_cited_and_every_citation_backs_a_known_trait(self):
        for platform in Platform.objects.all():
            cited = set(platform.citations.values_list("claim", flat=True))
            assert cited == checks.known_claims(platform), platform.slug

    @pytest.mark.parametrize(
        ("slug", "trait", "expected"),
        [
            ("weibo", "real_name_verification", "required"),
            ("weibo", "ease_for_foreigners", "hard"),
            ("weibo", "cold_messaging", "yes"),
            ("linkedin", "status", "restricted"),
            ("linkedin", "email_reliance", "high"),
            ("linkedin", "reach_beyond_china", "high"),
            ("wechat", "cold_messaging", "no"),
            ("wechat", "real_name_verification", "required"),
            ("maimai", "anonymous_posting", "yes"),
            ("chitu", "status", "shut_down"),
            ("tianji", "status", "shut_down"),
            ("tencent-weibo", "status", "shut_down"),
            ("dajie", "status", "unknown"),
            ("huihui", "status", "unknown"),
            ("huihui", "real_name_verification", "unknown"),
        ],
    )
    def test_traits_follow_the_facts(self, slug, trait, expected):
        assert getattr(Platform.objects.get(slug=slug), trait) == expected

    @pytest.mark.parametrize(
        ("slug", "codes"),
        [
            ("weibo", {"zh-hans", "zh-hant"}),
            ("wechat", {"en", "zh-hans"}),
            ("linkedin", {"en", "zh-hans"}),
            ("huihui", set()),
        ],
    )
    def test_interface_languages(self, slug, codes):
        platform = Platform.objects.get(slug=slug)

        assert set(platform.interface_languages.values_list("code", flat=True)) == codes

    @pytest.mark.parametrize(
        ("slug", "parent"), [("chitu", "linkedin"), ("weirenmai", "weibo"), ("weibo", None)]
    )
    def test_parent_platforms(self, slug, parent):
        platform = Platform.objects.select_related("parent").get(slug=slug)

        assert (platform.parent.slug if platform.parent else None) == parent

    def test_linkedins_email_reliance_cites_its_sources(self):
        cited = Citation.objects.filter(platform__slug="linkedin", claim="email_reliance")

        assert set(cited.values_list("source__key", flat=True)) == {"s2", "w15"}

    def test_chitu_keeps_both_disputed_launch_dates_with_their_sources(self):
        launches = StatusEvent.objects.filter(platform__slug="chitu", kind="launched")

        assert set(launches.values_list("happened_on", "precision", "source__key")) == {
            (date(2015, 6, 23), "day", "w19"),
            (date(2015, 7, 1), "month", "w20"),
        }

    def test_linkedin_timeline_shows_the_restriction_step_by_step(self):
        timeline = StatusEvent.objects.filter(platform__slug="linkedin").order_by("happened_on")

        assert list(timeline.values_list("kind", "happened_on")) == [
            ("launched", date(2014, 2, 24)),
            ("restricted", date(2021, 3, 1)),
            ("feature_closed", date(2021, 10, 14)),
            ("renamed", date(2021, 12, 1)),
            ("feature_closed", date(2023, 8, 9)),
        ]

    def test_loader_writes_are_labelled_in_the_history(self):
        assert Platform.objects.get(slug="weibo").history.first().history_change_reason == (
            "load_platforms"
        )


# --- Idempotence ------------------------------------------------------------------------------


def test_second_run_changes_nothing(loaded):
    counts, history = row_counts(), history_counts()
    updated_at = dict(Platform.objects.values_list("slug", "updated_at"))

    summary = load_platforms()

    assert not summary.changed
    assert summary.kept == []
    assert (row_counts(), history_counts()) == (counts, history)
    assert dict(Platform.objects.values_list("slug", "updated_at")) == updated_at


def test_second_run_reports_every_row_unchanged(loaded):
    summary = load_platforms()

    assert summary.counts["platforms"]["unchanged"] == 12
    assert summary.counts["user_counts"]["unchanged"] == UserCount.objects.count()
    assert summary.counts["events"]["unchanged"] == StatusEvent.objects.count()
    assert summary.counts["citations"]["unchanged"] == Citation.objects.count()


# --- The edit rule ----------------------------------------------------------------------------


def edit_as_admin(slug: str = "weibo", **values) -> Platform:
    platform = Platform.objects.get(slug=slug)
    for name, value in values.items():
        setattr(platform, name, value)
    platform.full_clean()
    platform.save()
    return platform


def change_form_data(response) -> dict:
    """The POST data an admin change page would send back untouched, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def test_edit_saved_through_the_admin_form_is_kept(loaded, admin_client):
    weibo = Platform.objects.get(slug="weibo")
    url = reverse("admin:platforms_platform_change", args=[weibo.pk])
    data = change_form_data(admin_client.get(url))
    data["ease_for_foreigners"] = "moderate"

    response = admin_client.post(url, data)
    summary = load_platforms()

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Platform.objects.get(slug="weibo").ease_for_foreigners == "moderate"
    assert summary.kept == ["kept admin edits on weibo"]


def test_admin_edit_on_a_platform_is_kept_and_reported(loaded):
    edit_as_admin(summary_en="Curated by our admin.", ease_for_foreigners="moderate")

    summary = load_platforms()

    weibo = Platform.objects.get(slug="weibo")
    assert (weibo.summary_en, weibo.ease_for_foreigners) == ("Curated by our admin.", "moderate")
    assert summary.kept == ["kept admin edits on weibo"]
    assert summary.counts["platforms"]["kept"] == 1


def test_edited_platform_stays_kept_on_later_runs(loaded):
    edit_as_admin(summary_en="Curated by our admin.")
    load_platforms()

    assert load_platforms().kept == ["kept admin edits on weibo"]


def test_force_overwrites_admin_edits_and_reestablishes_the_baseline(loaded):
    edit_as_admin(summary_en="Curated by our admin.")

    forced = load_platforms(force=True)

    assert Platform.objects.get(slug="weibo").summary_en.startswith("A public microblog")
    assert forced.counts["platforms"]["updated"] == 1
    assert forced.kept == []
    assert not load_platforms().changed


def test_seed_change_does_not_overwrite_an_edited_platform(loaded, data_variant):
    edit_as_admin(summary_en="Curated by our admin.")
    path = data_variant(lambda d: d["platforms"]["weibo"]["summary"].update(en="New seed text."))

    summary = load_platforms(path=path)

    assert Platform.objects.get(slug="weibo").summary_en == "Curated by our admin."
    assert summary.kept == ["kept admin edits on weibo"]


def test_admin_edit_on_a_seeded_figure_is_kept(loaded):
    figure = weibo_figure(metric="monthly_active")
    figure.note_en = "Checked against the annual report."
    figure.save()

    summary = load_platforms()

    assert weibo_figure(metric="monthly_active").note_en == "Checked against the annual report."
    assert summary.counts["user_counts"]["kept"] == 1
    assert summary.kept == ["kept admin edits on weibo"]


def test_admin_added_figure_survives_reloads_and_does_not_count_as_an_edit(loaded):
    weibo = Platform.objects.get(slug="weibo")
    added = UserCountFactory(platform=weibo, source=SourceFactory(key="admin-added"))

    first, forced = load_platforms(), load_platforms(force=True)

    assert UserCount.objects.filter(pk=added.pk).exists()
    assert (first.kept, forced.kept) == ([], [])
    assert not first.changed


def test_missing_seeded_figure_is_added_back(loaded):
    weibo_figure(metric="daily_active").delete()

    summary = load_platforms()

    assert weibo_figure(metric="daily_active").value == 257_000_000
    assert summary.counts["user_counts"]["created"] == 1
    assert summary.kept == []


def test_new_seed_figure_is_added_even_to_an_edited_platform(loaded, data_variant):
    edit_as_admin(summary_en="Curated by our admin.")
    new_figure = {
        "value": 600_000_000,
        "qualifier": "exact",
        "metric": "monthly_active",
        "scope": "china",
        "as_of": "2024-06",
        "source": "w44",
    }
    path = data_variant(lambda d: d["platforms"]["weibo"]["user_counts"].append(new_figure))

    summary = load_platforms(path=path)

    assert weibo_figure(as_of=date(2024, 6, 1)).value == 600_000_000
    assert summary.counts["user_counts"]["created"] == 1
    assert Platform.objects.get(slug="weibo").summary_en == "Curated by our admin."


def test_changed_seed_value_updates_an_unedited_platform(loaded, data_variant):
    path = data_variant(lambda d: d["platforms"]["liepin"]["summary"].update(en="New seed text."))

    summary = load_platforms(path=path)

    assert Platform.objects.get(slug="liepin").summary_en == "New seed text."
    assert summary.counts["platforms"]["updated"] == 1
    assert summary.kept == []
    assert not load_platforms(path=path).changed


def test_changed_seed_figure_updates_an_unedited_platform(loaded, data_variant):
    path = data_variant(
        lambda d: d["platforms"]["weibo"]["user_counts"][2].update(
            note={"en": "New.", "zh": "新。"}
        )
    )

    summary = load_platforms(path=path)

    assert weibo_figure(metric="monthly_active").note_zh == "新。"
    assert summary.counts["user_counts"]["updated"] == 1
    assert summary.kept == []


def test_platform_an_admin_created_before_the_first_load_is_kept(db):
    PlatformFactory(slug="weibo", name_en="Weibo (entered by hand)")

    summary = load_platforms()

    assert Platform.objects.get(slug="weibo").name_en == "Weibo (entered by hand)"
    assert "kept admin edits on weibo" in summary.kept
    assert UserCount.objects.filter(platform__slug="weibo").count() == 7


def test_admin_edit_on_a_source_is_kept_unless_forced(loaded):
    Source.objects.filter(key="w44").update(description_en="Weibo Q3 2024 results")

    kept = load_platforms()
    kept_description = Source.objects.get(key="w44").description_en
    load_platforms(force=True)

    assert kept.kept == ["kept admin edits on source w44"]
    assert kept_description == "Weibo Q3 2024 results"
    assert Source.objects.get(key="w44").description_en.startswith("Weibo's third-quarter 2024")


def test_a_source_column_left_blank_in_the_database_is_filled_from_the_file(loaded):
    """What a database migrated before the Chinese descriptions existed holds."""
    Source.objects.filter(key="w44").update(description_zh="")

    summary = load_platforms()

    assert summary.kept == []
    assert Source.objects.get(key="w44").description_zh == "微博 2024 年第三季度未经审计财务业绩"


def test_a_source_edited_and_left_blank_elsewhere_is_kept_whole(loaded):
    Source.objects.filter(key="w44").update(
        description_en="Weibo Q3 2024 results", description_zh=""
    )

    summary = load_platforms()

    assert summary.kept == ["kept admin edits on source w44"]
    assert Source.objects.get(key="w44").description_zh == ""


# --- The fingerprint follows the schema ---------------------------------------------------------

DATA = parse_platform_data(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))
WEIBO = DATA.platforms["weibo"]
WEIBO_MAU = next(row for row in WEIBO.user_counts if row.metric == "monthly_active")


def test_fingerprint_covers_every_declared_column_but_the_identity():
    assert set(compared(WEIBO_MAU)) == {
        "value",
        "qualifier",
        "precision",
        "date_qualifier",
        "note_en",
        "note_zh",
    }
    assert identity(WEIBO_MAU) == ("monthly_active", "china", date(2024, 9, 1), "w44")
    assert {"parent", "interface_languages", "status_since", "summary_zh"} <= set(compared(WEIBO))


def test_a_newly_declared_field_is_fingerprinted_without_another_edit():
    class FigureWithSample(UserCountRow):
        sample_size: int = 0

    class PlatformWithMotto(PlatformEntry):
        motto: Bilingual = NO_TEXT

    figure = FigureWithSample.model_construct(**dict(WEIBO_MAU), sample_size=2000)
    platform = PlatformWithMotto.model_construct(**dict(WEIBO), motto=NO_TEXT)

    assert compared(figure) == {**compared(WEIBO_MAU), "sample_size": 2000}
    assert compared(platform) == {**compared(WEIBO), "motto_en": "", "motto_zh": ""}


def test_the_schema_declares_a_cited_trait_for_every_claim_and_outreach_trait():
    chitu = DATA.platforms["chitu"]  # one with every kind of trait, a parent platform included
    cited = {name for name in PlatformEntry.model_fields if isinstance(getattr(chitu, name), Cited)}

    assert cited == set(Citation.Claim.values)
    assert set(OUTREACH_TRAITS) <= cited


def another_value(obj, name: str):
    """A different valid value for one field, as an admin might enter it."""
    value, model_field = getattr(obj, name), obj._meta.get_field(name)
    if model_field.choices:
        return next(choice for choice, _ in model_field.choices if choice != value)
    if model_field.is_relation:
        return Platform.objects.exclude(pk=obj.pk).exclude(pk=obj.parent_id).first()
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, date):
        return value - timedelta(days=1)
    if isinstance(value, str):
        return value + " (edited)"
    raise AssertionError(f"teach another_value() how to change {name}")


@pytest.mark.usefixtures("loaded_once")
class TestEveryFingerprintedFieldDetectsAnEdit:
    """An admin's edit to any value the schema declares is kept, in the platform and its rows."""

    def test_the_database_reads_back_what_the_file_declares(self):
        for slug, entry in DATA.platforms.items():
            platform = Platform.objects.get(slug=slug)
            assert stored(platform, compared(entry)) == desired(compared(entry)), slug

    @pytest.mark.parametrize("name", sorted(compared(WEIBO)))
    def test_platform_field(self, name):
        weibo = Platform.objects.get(slug="weibo")
        if name == "interface_languages":
            weibo.interface_languages.remove(weibo.interface_languages.first())
        else:
            setattr(weibo, name, another_value(weibo, name))
            weibo.save()

        assert load_platforms().kept == ["kept admin edits on weibo"]

    @pytest.mark.parametrize("name", sorted(compared(WEIBO_MAU)))
    def test_figure_field(self, name):
        figure = weibo_figure(metric="monthly_active")
        edited = another_value(figure, name)
        setattr(figure, name, edited)
        figure.save()

        summary = load_platforms()

        assert summary.kept == ["kept admin edits on weibo"]
        assert getattr(weibo_figure(metric="monthly_active"), name) == edited


# --- Bad files --------------------------------------------------------------------------------


def set_in(path: tuple, value):
    def edit(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            set_in(("platforms", "weibo", "user_counts", 2, "metric"), "monthly"),
            "platforms.weibo.user_counts[2].metric: 'monthly' is not one of",
        ),
        (
            set_in(("platforms", "chitu", "events", 0, "source"), "w99"),
            "platforms.chitu.events[0].source: unknown source 'w99'",
        ),
        (
            set_in(("platforms", "linkedin", "email_reliance"), {"value": "high", "sources": []}),
            "platforms.linkedin.email_reliance.sources: expected a non-empty list",
        ),
        (
            set_in(("platforms", "wechat", "user_counts", 1, "as_of"), "2023-13"),
            "platforms.wechat.user_counts[1].as_of: '2023-13' is not a valid date",
        ),
        (
            set_in(("platforms", "chitu", "parent"), {"value": "linked-in", "sources": ["s3"]}),
            "platforms.chitu.parent.value: 'linked-in' is not another platform",
        ),
        (
            lambda d: d["platforms"]["maimai"].pop("email_reliance"),
            "platforms.maimai: missing email_reliance",
        ),
        (
            set_in(("platforms", "weibo", "user_counts", 0, "value"), -5),
            "platforms.weibo.user_counts[0].value: expected a positive whole number",
        ),
        (
            set_in(("platforms", "weirenmai", "events", 1, "date"), "2999-01-01"),
            "platforms.weirenmai.events[1]: happened_on: This date is in the future.",
        ),
        (
            set_in(("platforms", "weibo", "user_counts", 2, "value"), 0),
            "platforms.weibo.user_counts[2].value: expected a positive whole number, got 0",
        ),
        (
            set_in(("platforms", "weibo", "user_counts", 1, "note", "zh"), " "),
            "platforms.weibo.user_counts[1].note.zh: expected text, got ' '",
        ),
        (
            set_in(("platforms", "wechat", "interface_languages", "value"), ["en", "fr"]),
            "platforms.wechat.interface_languages.value[1]: unknown language 'fr'",
        ),
        (
            set_in(("platforms", "weibo", "status", "since"), "c. 2009\N{EN DASH}10"),
            "platforms.weibo.status.since: a span of years is only for a source's publication date",
        ),
        (
            set_in(("platforms", "maimai", "events", 0, "when"), "2015"),
            "platforms.maimai.events[0]: unknown key when",
        ),
        (
            set_in(
                ("platforms", "weibo", "email_reliance"), {"value": "unknown", "sources": ["s0"]}
            ),
            "platforms.weibo.email_reliance: write an unknown trait as plain `unknown`",
        ),
        (
            lambda d: d["platforms"]["weibo"]["user_counts"].append(
                d["platforms"]["weibo"]["user_counts"][0]
            ),
            "platforms.weibo.user_counts: [7] repeats the metric, scope, as_of, source of [0]",
        ),
        (
            set_in(("platforms", "weibo", "parent"), {"value": "weirenmai", "sources": ["s4"]}),
            "platforms.weibo.parent: parents form a loop",
        ),
        (
            set_in(("sources", "w44", "description"), {"en": "Weibo Q3 2024 results"}),
            "sources.w44.description: missing zh",
        ),
        (
            set_in(("sources", "w44", "title"), "A title as well"),
            "sources.w44: give the source's real title or, if it is not known, a description",
        ),
    ],
)
def test_malformed_file_names_the_place_and_writes_nothing(data_variant, edit, message):
    path = data_variant(edit)

    with pytest.raises(PlatformDataError) as raised:
        load_platforms(path=path)

    assert message in str(raised.value)
    assert set(row_counts().values()) == {0}


def test_every_problem_is_reported_with_its_platform_and_field(data_variant):
    path = data_variant(
        lambda d: (
            d["platforms"]["liepin"]["user_counts"][0].update(scope="global"),
            d["platforms"]["chitu"]["events"][0].update(en=""),
        )
    )

    with pytest.raises(PlatformDataError) as raised:
        load_platforms(path=path)

    assert str(raised.value) == (
        "platforms.chitu.events[0].en: expected text, got ''; "
        "platforms.liepin.user_counts[0].scope: 'global' is not one of 'china' or 'worldwide'"
    )


def test_failure_on_the_last_platform_rolls_back_a_reload(loaded, data_variant):
    counts = row_counts()
    path = data_variant(
        lambda d: (
            d["platforms"]["liepin"]["summary"].update(en="New seed text."),
            d["platforms"]["weirenmai"]["events"][1].update(date="2999-01-01"),
        )
    )

    with pytest.raises(PlatformDataError, match=r"platforms\.weirenmai\.events"):
        load_platforms(path=path)

    assert row_counts() == counts
    assert Platform.objects.get(slug="liepin").summary_en != "New seed text."


def test_duplicate_keys_are_refused(tmp_path):
    path = tmp_path / "platforms.yaml"
    path.write_text(DEFAULT_DATA_FILE.read_text(encoding="utf-8") + "\nversion: 1\n", "utf-8")

    with pytest.raises(PlatformDataError, match="duplicate key 'version'"):
        load_platforms(path=path)


def test_unquoted_yes_and_no_stay_text(loaded, tmp_path):
    text = DEFAULT_DATA_FILE.read_text(encoding="utf-8").replace('"no"', "no")
    path = tmp_path / "platforms.yaml"
    path.write_text(text, "utf-8")

    assert not load_platforms(path=path).changed


# --- The management command -------------------------------------------------------------------


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("load_platforms", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_summary_and_is_idempotent(db):
    first, second = run_command(), run_command()

    assert "platforms: 12 created, 0 updated, 0 unchanged, 0 kept" in first
    assert "platforms: 0 created, 0 updated, 12 unchanged, 0 kept" in second


def test_command_reports_kept_edits_and_force_overwrites_them(loaded):
    edit_as_admin(summary_en="Curated by our admin.")

    kept, forced = run_command(), run_command("--force")

    assert "kept admin edits on weibo" in kept
    assert "kept admin edits" not in forced
    assert Platform.objects.get(slug="weibo").summary_en != "Curated by our admin."


def test_command_refuses_a_bad_file_with_a_clear_error(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: 2\n", "utf-8")

    with pytest.raises(CommandError, match=r"broken\.yaml: .*Nothing was loaded"):
        run_command("--file", str(path))
    assert Platform.objects.count() == 0


def test_command_help_documents_the_edit_rule():
    help_text = Command().create_parser("manage.py", "load_platforms").format_help()

    assert "kept admin edits on <slug>" in " ".join(help_text.split())
    assert "--force" in help_text
