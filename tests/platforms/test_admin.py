import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import BooleanField, ModelMultipleChoiceField, MultiWidget
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from platforms import checks, services
from platforms.admin_history import STALE_EDIT
from platforms.models import Platform, StatusEvent, UserCount
from tests.factories import (
    CitationFactory,
    LanguageFactory,
    PlatformFactory,
    SourceFactory,
    StatusEventFactory,
    UserCountFactory,
    UserFactory,
)
from tests.test_csp import INLINE

pytestmark = pytest.mark.django_db

# In the future when the tests are collected, and still when they run: a run that crosses
# midnight (or the new year) in the site's time zone must not find them in the past.
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)
YEAR_AFTER_NEXT = timezone.localdate().year + 2
YEAR_ONE = datetime.date(1, 1, 1)


def admin_url(model_name: str, view: str, *args) -> str:
    return reverse(f"admin:platforms_{model_name}_{view}", args=args)


def form_data(response) -> dict:
    """The POST body the admin page in `response` would send unchanged (main form and inlines)."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms.extend(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, BooleanField | ModelMultipleChoiceField):
                if value:
                    data[form.add_prefix(name)] = "on" if value is True else value
            elif isinstance(field.widget, MultiWidget):
                parts = (
                    field.widget.decompress(value) if value else [None] * len(field.widget.widgets)
                )
                for index, part in enumerate(parts):
                    data[f"{form.add_prefix(name)}_{index}"] = "" if part is None else part
            else:
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def inline_formset(response, prefix: str):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )


def new_figure_row(source_pk, **overrides) -> dict:
    """POST fields for the first (extra) row of the user-count inline."""
    row = {
        "value": "587000000",
        "qualifier": UserCount.Qualifier.EXACT,
        "metric": UserCount.Metric.MONTHLY_ACTIVE,
        "scope": UserCount.Scope.CHINA,
        "as_of": "2024-09-30",
        "precision": "day",
        "date_qualifier": "exact",
        "source": source_pk,
    } | overrides
    return {f"user_counts-0-{name}": value for name, value in row.items()}


@pytest.fixture
def weibo(db):
    return PlatformFactory(
        slug="weibo",
        name_en="Weibo",
        name_zh="微博",
        kind=Platform.Kind.MICROBLOG,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        parent_company="Sina",
        languages=["zh-hans"],
    )


@pytest.fixture
def linkedin(db):
    return PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        name_zh="领英",
        kind=Platform.Kind.PROFESSIONAL_NETWORK,
        status=Platform.Status.RESTRICTED,
        real_name_verification=Platform.Verification.NONE,
        email_reliance=Platform.Level.HIGH,
        parent_company="Microsoft",
        languages=["en"],
    )


@pytest.fixture
def ushi(db):
    return PlatformFactory(
        slug="ushi", name_en="Ushi", name_zh="优士", status="shut_down", historical=True
    )


@pytest.fixture
def change_page(admin_client):
    """GET a platform's change page and return the response, ready to be edited and POSTed."""

    def get(platform: Platform):
        response = admin_client.get(admin_url("platform", "change", platform.pk))
        assert response.status_code == 200
        return response

    return get


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"weibo", "linkedin", "ushi"}),
        ("status__exact=restricted", {"linkedin"}),
        ("kind__exact=microblog", {"weibo"}),
        ("historical__exact=1", {"ushi"}),
        ("real_name_verification__exact=required", {"weibo"}),
        ("email_reliance__exact=high", {"linkedin"}),
        ("interface_languages__id__exact={english}", {"linkedin"}),
        ("q=微博", {"weibo"}),
        ("q=weibo", {"weibo"}),
        ("q=Microsoft", {"linkedin"}),
    ],
)
def test_platform_changelist_filters_and_searches(
    admin_client, weibo, linkedin, ushi, query, expected
):
    english = linkedin.interface_languages.get().pk
    url = f"{admin_url('platform', 'changelist')}?{query.format(english=english)}"

    response = admin_client.get(url)

    assert response.status_code == 200
    assert {platform.slug for platform in response.context["cl"].result_list} == expected


def test_platform_changelist_shows_the_latest_figure(admin_client, weibo):
    UserCountFactory(platform=weibo, value=140_000_000, as_of=datetime.date(2011, 6, 1))
    UserCountFactory(
        platform=weibo,
        value=587_000_000,
        metric=UserCount.Metric.MONTHLY_ACTIVE,
        as_of=datetime.date(2024, 9, 30),
    )

    response = admin_client.get(admin_url("platform", "changelist"))

    assert "587 million Monthly active users (2024-09-30)" in response.content.decode()


def test_platform_changelist_queries_stay_flat_as_platforms_are_added(admin_client, weibo):
    url = admin_url("platform", "changelist")
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for platform in PlatformFactory.create_batch(10, languages=["en"]):
        UserCountFactory(platform=platform)

    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(many) == len(few)


@pytest.mark.parametrize(
    "url_name",
    [
        ("platform", "add"),
        ("usercount", "changelist"),
        ("usercount", "add"),
        ("statusevent", "changelist"),
        ("statusevent", "add"),
        ("citation", "changelist"),
        ("citation", "add"),
        ("source", "changelist"),
        ("source", "add"),
        ("language", "changelist"),
        ("language", "add"),
    ],
)
def test_list_and_add_pages_render(admin_client, url_name):
    UserCountFactory()
    StatusEventFactory()
    CitationFactory()

    response = admin_client.get(admin_url(*url_name))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model_name", "factory"),
    [
        ("platform", PlatformFactory),
        ("usercount", UserCountFactory),
        ("statusevent", StatusEventFactory),
        ("citation", CitationFactory),
        ("source", SourceFactory),
        ("language", LanguageFactory),
    ],
)
@pytest.mark.parametrize("view", ["change", "history"])
def test_change_and_history_pages_render(admin_client, model_name, factory, view):
    obj = factory()

    response = admin_client.get(admin_url(model_name, view, obj.pk))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model_name", "query", "factory", "kwargs"),
    [
        (
            "usercount",
            "metric__exact=monthly_active",
            UserCountFactory,
            {"metric": "monthly_active"},
        ),
        ("usercount", "q=weibo", UserCountFactory, {"platform__slug": "weibo"}),
        ("statusevent", "kind__exact=shut_down", StatusEventFactory, {"kind": "shut_down"}),
        ("citation", "claim__exact=audience", CitationFactory, {"claim": "audience"}),
        ("source", "q=Xinhua", SourceFactory, {"publisher": "Xinhua"}),
    ],
)
def test_item_changelists_filter_and_search(admin_client, model_name, query, factory, kwargs):
    wanted = factory(**kwargs)
    factory()

    response = admin_client.get(f"{admin_url(model_name, 'changelist')}?{query}")

    assert list(response.context["cl"].result_list) == [wanted]


def test_source_page_lists_what_cites_it(admin_client, weibo):
    source = SourceFactory(key="w44")
    UserCountFactory(platform=weibo, source=source, value=587_000_000)
    StatusEventFactory(platform=weibo, source=source, kind=StatusEvent.Kind.LISTED)

    response = admin_client.get(admin_url("source", "change", source.pk))

    content = response.content.decode()
    assert "Weibo: 587,000,000 Registered users" in content
    assert "Weibo: Listed on a stock exchange" in content


def test_adding_a_figure_through_the_platform_inline_saves_it(admin_client, change_page, weibo):
    source = SourceFactory(key="w44")
    data = form_data(change_page(weibo)) | new_figure_row(source.pk)

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 302
    figure = weibo.user_counts.get()
    assert (figure.value, figure.source) == (587_000_000, source)


def test_a_figure_added_through_the_inline_is_in_its_history_under_the_admin(
    admin_client, admin_user, change_page, weibo
):
    data = form_data(change_page(weibo)) | new_figure_row(SourceFactory().pk)

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    record = UserCount.history.get(platform_id=weibo.pk)
    assert (record.history_type, record.history_user) == ("+", admin_user)


def test_platform_page_shows_who_added_a_figure(admin_client, change_page, weibo):
    data = form_data(change_page(weibo)) | new_figure_row(SourceFactory().pk)
    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    content = change_page(weibo).content.decode()

    recent_changes = content.split("field-recent_changes")[1].split("</table>")[0]
    assert "<td>admin</td><td>Created</td>" in recent_changes
    assert "user count: 587 million Monthly active users (2024-09-30)" in recent_changes


def test_platform_edit_is_in_the_platform_history_under_the_admin(
    admin_client, admin_user, change_page, weibo
):
    data = form_data(change_page(weibo)) | {"parent_company": "Sina Corporation"}

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    latest = weibo.history.latest()
    assert (latest.parent_company, latest.history_user) == ("Sina Corporation", admin_user)


def test_a_save_over_one_made_since_the_page_was_opened_is_refused_and_changes_nothing(
    admin_client, change_page, weibo
):
    mine = form_data(change_page(weibo)) | {"parent_company": "Sina Corporation"}
    theirs = form_data(change_page(weibo)) | {"audience_en": "Their new audience."}
    admin_client.post(admin_url("platform", "change", weibo.pk), theirs)

    refused = admin_client.post(admin_url("platform", "change", weibo.pk), mine)

    assert refused.status_code == 200
    assert refused.context["adminform"].form.non_field_errors() == [str(STALE_EDIT)]
    weibo.refresh_from_db()
    assert weibo.parent_company != "Sina Corporation"
    assert weibo.audience_en == "Their new audience."


def test_after_opening_the_page_again_the_save_goes_through(admin_client, change_page, weibo):
    admin_client.post(
        admin_url("platform", "change", weibo.pk),
        form_data(change_page(weibo)) | {"audience_en": "Their new audience."},
    )

    mine = form_data(change_page(weibo)) | {"parent_company": "Sina Corporation"}
    saved = admin_client.post(admin_url("platform", "change", weibo.pk), mine)

    assert saved.status_code == 302
    weibo.refresh_from_db()
    assert (weibo.parent_company, weibo.audience_en) == ("Sina Corporation", "Their new audience.")


def test_a_source_saved_by_the_loader_since_is_not_overwritten_from_the_admin(admin_client):
    source = SourceFactory(title="An article")
    page = admin_client.get(admin_url("source", "change", source.pk))
    mine = form_data(page) | {"publisher": "Mine"}
    source.publisher = "The loader's"
    source.save()

    refused = admin_client.post(admin_url("source", "change", source.pk), mine)

    assert str(STALE_EDIT) in html.unescape(refused.content.decode())
    source.refresh_from_db()
    assert source.publisher == "The loader's"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"value": "-5"}, "value", "A user count must be greater than zero."),
        ({"value": "0"}, "value", "A user count must be greater than zero."),
        ({"as_of": NEXT_WEEK.isoformat()}, "as_of", "This date is in the future."),
        ({"source": ""}, "source", "Every figure, event and citation needs a source"),
    ],
)
def test_invalid_figure_is_refused_next_to_its_field(
    admin_client, change_page, weibo, row, field, message
):
    data = form_data(change_page(weibo)) | new_figure_row(SourceFactory().pk, **row)

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    errors = inline_formset(response, "user_counts").errors[0]
    assert message in errors[field][0]
    assert not UserCount.objects.exists()


def test_a_figure_already_given_by_its_source_is_refused_not_crashed(
    admin_client, change_page, weibo
):
    existing = UserCountFactory(
        platform=weibo, metric="monthly_active", as_of=datetime.date(2024, 9, 30)
    )
    data = form_data(change_page(weibo))
    data |= {
        key.replace("-0-", "-1-"): value
        for key, value in new_figure_row(existing.source_id).items()
    }

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    duplicate = "Please correct the duplicate data for metric, scope, as_of and source"
    assert duplicate in inline_formset(response, "user_counts").non_form_errors()[0]
    assert weibo.user_counts.count() == 1


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"source": ""}, "source", "Every figure, event and citation needs a source"),
        ({"happened_on": NEXT_WEEK.isoformat()}, "happened_on", "This date is in the future."),
    ],
)
def test_invalid_event_is_refused_next_to_its_field(
    admin_client, change_page, weibo, row, field, message
):
    data = form_data(change_page(weibo))
    event = {
        "kind": StatusEvent.Kind.SHUT_DOWN,
        "happened_on": "2020-09-28",
        "precision": "day",
        "date_qualifier": "exact",
        "description_en": "Closed.",
        "source": SourceFactory().pk,
    } | row
    data |= {f"events-0-{name}": value for name, value in event.items()}
    data["events-TOTAL_FORMS"] = "1"

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    assert message in inline_formset(response, "events").errors[0][field][0]
    assert not StatusEvent.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("launched_year", YEAR_AFTER_NEXT, "The launch year is in the future."),
        ("launched_year", 1985, "A platform cannot have launched before 1990."),
    ],
)
def test_invalid_platform_trait_is_refused_next_to_its_field(
    admin_client, change_page, weibo, field, value, message
):
    data = form_data(change_page(weibo)) | {field: value}

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    weibo.refresh_from_db()
    assert weibo.launched_year == 2012
    assert weibo.status_since is None


def test_a_platform_cannot_be_its_own_parent_in_admin(admin_client, change_page, weibo):
    data = form_data(change_page(weibo)) | {"parent": weibo.pk}

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    assert "cannot be its own parent" in response.context["adminform"].form.errors["parent"][0]
    weibo.refresh_from_db()
    assert weibo.parent is None


def test_a_parent_cycle_is_refused_in_admin(admin_client, change_page, weibo):
    weirenmai = PlatformFactory(slug="weirenmai", parent=weibo)
    data = form_data(change_page(weibo)) | {"parent": weirenmai.pk}

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    assert "cannot be its own parent" in response.context["adminform"].form.errors["parent"][0]
    weibo.refresh_from_db()
    assert weibo.parent is None


def test_adding_a_platform_from_the_admin_saves_it(admin_client):
    add_page = admin_client.get(admin_url("platform", "add"))
    data = form_data(add_page) | {
        "slug": "huihui",
        "name_en": "Huihui",
        "name_zh": "会会",
        "kind": Platform.Kind.MEETINGS,
    }

    response = admin_client.post(admin_url("platform", "add"), data)

    assert response.status_code == 302
    assert Platform.objects.get(slug="huihui").name_zh == "会会"


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: UserCountFactory.build(platform=PlatformFactory(), value=0), "value"),
        (lambda: UserCountFactory.build(platform=PlatformFactory(), value=-1), "value"),
        (lambda: UserCountFactory.build(platform=PlatformFactory(), as_of=NEXT_WEEK), "as_of"),
        (
            lambda: StatusEventFactory.build(platform=PlatformFactory(), happened_on=NEXT_WEEK),
            "happened_on",
        ),
        (lambda: PlatformFactory.build(launched_year=YEAR_AFTER_NEXT), "launched_year"),
        # What `check_platform_data` reported only after an admin had saved it.
        (
            lambda: UserCountFactory.build(platform=PlatformFactory(), as_of=YEAR_ONE),
            "as_of",
        ),
        (lambda: SourceFactory.build(published=None, retrieved=None), "published"),
        (
            lambda: SourceFactory.build(
                published=datetime.date(2025, 6, 1), published_until=datetime.date(2020, 1, 1)
            ),
            "published_until",
        ),
        (
            lambda: PlatformFactory.build(status=Platform.Status.SHUT_DOWN, historical=False),
            "historical",
        ),
    ],
)
def test_full_clean_names_the_field_at_fault(build, field):
    with pytest.raises(ValidationError) as refused:
        build().full_clean()

    assert field in refused.value.message_dict


def test_full_clean_refuses_a_figure_without_a_source():
    figure = UserCountFactory.build(platform=PlatformFactory(), source=None)

    with pytest.raises(ValidationError) as refused:
        figure.full_clean()

    assert "source" in refused.value.message_dict


def test_full_clean_refuses_a_platform_as_its_own_parent(weibo):
    weibo.parent = weibo

    with pytest.raises(ValidationError) as refused:
        weibo.full_clean()

    assert list(refused.value.message_dict) == ["parent"]


@pytest.mark.parametrize("role", ["anonymous", "owner", "recruiter"])
@pytest.mark.parametrize(
    "url_name", [("platform", "changelist"), ("usercount", "add"), ("source", "changelist")]
)
def test_non_staff_are_sent_to_the_admin_login(client_for_role, role, url_name):
    url = admin_url(*url_name)

    response = client_for_role(role).get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- Recording a status change -------------------------------------------------------------


def status_change_data(source, /, **overrides) -> dict:
    """What a curator fills in to record that a platform shut down."""
    return {
        "kind": StatusEvent.Kind.SHUT_DOWN,
        "happened_on": "2025-06-30",
        "precision": "day",
        "date_qualifier": "exact",
        "source": source.pk,
        "description_en": "The service closed for good.",
        "description_zh": "服务永久关闭。",
        "change_reason": "Closure reported by the company",
    } | overrides


def test_the_change_page_links_to_recording_a_status_change(change_page, weibo):
    content = change_page(weibo).content.decode()

    assert f'href="{admin_url("platform", "status_change", weibo.pk)}"' in content
    assert "Record a status change" in content


def test_the_status_is_read_only_on_the_change_page(admin_client, change_page, weibo):
    response = change_page(weibo)
    assert "status" not in response.context["adminform"].form.fields
    data = form_data(response) | {"status": Platform.Status.SHUT_DOWN}

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    weibo.refresh_from_db()
    assert weibo.status == Platform.Status.ACTIVE


def test_recording_a_status_change_adds_the_event_and_sets_the_status(admin_client, weibo, client):
    source = SourceFactory(key="w70")

    response = admin_client.post(
        admin_url("platform", "status_change", weibo.pk), status_change_data(source)
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url("platform", "change", weibo.pk)
    weibo.refresh_from_db()
    assert (weibo.status, weibo.status_since, weibo.historical) == (
        Platform.Status.SHUT_DOWN,
        datetime.date(2025, 6, 30),
        True,
    )
    event = weibo.events.get()
    assert (event.kind, event.source, event.happened_on) == (
        StatusEvent.Kind.SHUT_DOWN,
        source,
        datetime.date(2025, 6, 30),
    )
    timeline = client.get(reverse("platforms:detail", kwargs={"slug": "weibo"})).content.decode()
    assert "The service closed for good." in timeline.split('id="timeline-heading"')[1]


def test_a_status_change_is_one_change_in_the_history(admin_client, admin_user, weibo):
    admin_client.post(
        admin_url("platform", "status_change", weibo.pk), status_change_data(SourceFactory())
    )

    platform_row = weibo.history.latest()
    event_row = StatusEvent.history.get()
    assert platform_row.history_date == event_row.history_date
    assert platform_row.history_change_reason == "Closure reported by the company"
    assert event_row.history_user == platform_row.history_user == admin_user


def test_the_month_and_qualifier_of_a_change_date_the_status(admin_client, weibo):
    data = status_change_data(
        SourceFactory(), happened_on="2017-03-01", precision="month", date_qualifier="by"
    )

    admin_client.post(admin_url("platform", "status_change", weibo.pk), data)

    weibo.refresh_from_db()
    assert weibo.status_since_display == "by 2017-03"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"source": ""}, "source", "Every figure, event and citation needs a source"),
        ({"source": "999999"}, "source", "Select a valid choice."),
        ({"happened_on": NEXT_WEEK.isoformat()}, "happened_on", "This date is in the future."),
        ({"happened_on": "30/02/2025"}, "happened_on", "Enter a valid date."),
        ({"kind": StatusEvent.Kind.LISTED}, "kind", "Select a valid choice."),
        ({"kind": ""}, "kind", "This field is required."),
        ({"description_en": ""}, "description_en", "This field is required."),
        ({"description_en": "Closed\x00"}, "description_en", "Null characters are not allowed."),
        ({"change_reason": "x" * 101}, "change_reason", "at most 100 characters"),
    ],
)
def test_a_refused_status_change_names_the_field_and_writes_nothing(
    admin_client, weibo, overrides, field, message
):
    data = status_change_data(SourceFactory(), **overrides)

    response = admin_client.post(admin_url("platform", "status_change", weibo.pk), data)

    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    weibo.refresh_from_db()
    assert weibo.status == Platform.Status.ACTIVE
    assert not StatusEvent.objects.exists()


def test_a_change_dated_before_the_last_one_is_refused(admin_client, weibo):
    StatusEventFactory(
        platform=weibo, kind=StatusEvent.Kind.DECLINED, happened_on=datetime.date(2024, 1, 1)
    )
    data = status_change_data(SourceFactory(), happened_on="2023-12-31")

    response = admin_client.post(admin_url("platform", "status_change", weibo.pk), data)

    assert response.status_code == 400
    errors = response.context["form"].errors["happened_on"]
    assert "last status change (Declined, 2024-01-01) is later" in errors[0]
    assert weibo.events.count() == 1


def test_the_same_event_twice_is_refused_above_the_form(admin_client, weibo):
    StatusEventFactory(
        platform=weibo, kind=StatusEvent.Kind.SHUT_DOWN, happened_on=datetime.date(2025, 6, 30)
    )

    response = admin_client.post(
        admin_url("platform", "status_change", weibo.pk), status_change_data(SourceFactory())
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This platform already has this event on this date."
    ]
    assert weibo.events.count() == 1


def test_a_platform_that_fails_validation_keeps_the_event_out(admin_client, weibo):
    # Data already wrong (a launch year in the future) blocks the platform's save after the
    # event has passed its own checks: neither is written.
    Platform.objects.filter(pk=weibo.pk).update(launched_year=YEAR_AFTER_NEXT)

    response = admin_client.post(
        admin_url("platform", "status_change", weibo.pk), status_change_data(SourceFactory())
    )

    assert response.status_code == 400
    assert "The launch year is in the future." in response.context["form"].non_field_errors()
    assert not StatusEvent.objects.exists()


def test_a_failed_platform_save_rolls_the_event_back(weibo, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Platform, "save", fail)

    with pytest.raises(RuntimeError):
        services.record_status_change(
            platform=weibo,
            kind=StatusEvent.Kind.SHUT_DOWN,
            happened_on=datetime.date(2025, 6, 30),
            source=SourceFactory(),
            description_en="Closed.",
        )

    assert not StatusEvent.objects.exists()


def test_the_changelist_action_opens_the_status_change_for_one_platform(admin_client, weibo):
    data = {"action": "record_status_change", "_selected_action": [weibo.pk]}

    response = admin_client.post(admin_url("platform", "changelist"), data)

    assert response.status_code == 302
    assert response["Location"] == admin_url("platform", "status_change", weibo.pk)


def test_the_changelist_action_asks_for_one_platform_at_a_time(admin_client, weibo, linkedin):
    data = {"action": "record_status_change", "_selected_action": [weibo.pk, linkedin.pk]}

    response = admin_client.post(admin_url("platform", "changelist"), data, follow=True)

    assert "Choose one platform to record its status change." in response.content.decode()


def test_the_status_change_page_offers_each_status_once_an_event_sets_it(admin_client, weibo):
    response = admin_client.get(admin_url("platform", "status_change", weibo.pk))

    assert response.status_code == 200
    labels = [label for value, label in response.context["form"].fields["kind"].choices if value]
    assert labels == [
        "Active — launched",
        "Active — reported operating",
        "Restricted in China",
        "Declining",
        "Shut down",
    ]


def test_the_source_is_picked_by_autocomplete(admin_client, weibo):
    content = admin_client.get(admin_url("platform", "status_change", weibo.pk)).content.decode()

    assert 'data-model-name="statusevent"' in content
    assert 'data-field-name="source"' in content


@pytest.mark.parametrize(
    "url",
    [
        lambda weibo: admin_url("platform", "change", weibo.pk),
        lambda weibo: admin_url("platform", "status_change", weibo.pk),
        lambda weibo: admin_url("platform", "history", weibo.pk),
        lambda weibo: admin_url("platform", "staleness"),
        lambda weibo: admin_url("usercount", "changelist"),
        lambda weibo: reverse("admin:index"),
    ],
    ids=["change", "status_change", "history", "staleness", "figures", "index"],
)
def test_the_curators_pages_hold_nothing_inline(admin_client, weibo, url):
    """The site's Content-Security-Policy runs no inline script or style."""
    UserCountFactory(platform=weibo)

    content = admin_client.get(url(weibo)).content.decode()

    assert INLINE.findall(content) == []


def test_an_unknown_platform_has_no_status_change_page(admin_client):
    assert admin_client.get(admin_url("platform", "status_change", 999999)).status_code == 404


def test_staff_who_may_only_view_platforms_cannot_change_a_status(client, weibo):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_platform"))
    client.force_login(viewer)

    url = admin_url("platform", "status_change", weibo.pk)

    assert client.get(url).status_code == 403
    assert client.post(url, status_change_data(SourceFactory())).status_code == 403
    assert not StatusEvent.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "owner", "recruiter"])
@pytest.mark.parametrize(
    "url",
    [
        lambda platform: admin_url("platform", "status_change", platform.pk),
        lambda platform: admin_url("platform", "staleness"),
    ],
    ids=["status_change", "staleness"],
)
def test_non_staff_are_sent_to_the_admin_login_from_the_curators_pages(
    client_for_role, weibo, role, url
):
    response = client_for_role(role).post(url(weibo), status_change_data(SourceFactory()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not StatusEvent.objects.exists()


# --- Figures in words ------------------------------------------------------------------------


def test_a_figure_is_spelt_out_beside_its_field(change_page, weibo):
    figure = UserCountFactory(platform=weibo, value=120_000_000)

    content = change_page(weibo).content.decode()

    words = re.search(
        rf'value="{figure.value}"[^>]*><output class="count-in-words" id="([^"]+)"[^>]*>([^<]*)<',
        content,
    )
    assert words.group(2) == "120 million"
    assert f'aria-describedby="{words.group(1)}"' in content
    assert "js/count-in-words.js" in content
    assert "data-count-units=" in content


def test_the_figure_field_reads_chinese_units_in_chinese(admin_client, weibo):
    UserCountFactory(platform=weibo, value=120_000_000)
    admin_client.cookies["django_language"] = "zh-hans"

    content = admin_client.get(admin_url("platform", "change", weibo.pk)).content.decode()

    assert ">1.2亿</output>" in content
    assert "[[100000000.0, &quot;\\u4ebf&quot;], [10000.0, &quot;\\u4e07&quot;]]" in content


def test_the_figure_list_reads_figures_in_words(admin_client, weibo):
    UserCountFactory(platform=weibo, value=120_000_000, qualifier=UserCount.Qualifier.MORE_THAN)

    content = admin_client.get(admin_url("usercount", "changelist")).content.decode()

    assert 'more than 120 million <span class="quiet">(120,000,000)</span>' in content


def test_the_platform_list_reads_the_latest_figure_in_chinese_units(admin_client, weibo):
    UserCountFactory(platform=weibo, value=120_000_000, as_of=datetime.date(2024, 9, 30))
    admin_client.cookies["django_language"] = "zh-hans"

    content = admin_client.get(admin_url("platform", "changelist")).content.decode()

    assert "1.2亿" in content


def test_a_figure_has_one_qualifier_choice(change_page, weibo):
    UserCountFactory(platform=weibo)

    form = inline_formset(change_page(weibo), "user_counts").forms[0]

    assert set(dict(form.fields["qualifier"].choices)) == {"exact", "about", "more_than"}
    assert "approximate" not in form.fields


def test_the_change_page_fits_without_scrolling_sideways_by_stacking_figures(change_page, weibo):
    inlines = change_page(weibo).context["inline_admin_formsets"]

    templates = {inline.formset.prefix: inline.opts.template for inline in inlines}

    assert templates["user_counts"] == "admin/edit_inline/stacked.html"
    assert templates["events"] == "admin/edit_inline/stacked.html"


# --- History in words --------------------------------------------------------------------------


def history_rows(response) -> list[str]:
    """The history table's body rows as text, newest first, whitespace collapsed."""
    table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    rows = table.split("</tr>")[:-1]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in rows]


def test_the_history_of_a_status_change_reads_in_labels(admin_client, weibo):
    admin_client.post(
        admin_url("platform", "status_change", weibo.pk), status_change_data(SourceFactory())
    )

    newest = history_rows(admin_client.get(admin_url("platform", "history", weibo.pk)))[0]

    assert "Status: Active → Shut down" in newest
    assert "Historical: No → Yes" in newest
    assert "Closure reported by the company" in newest
    assert "Created: status event: Shut down (2025-06-30)" in newest
    assert "shut_down" not in newest


def test_a_save_asks_why_and_the_history_shows_it(admin_client, change_page, weibo):
    data = form_data(change_page(weibo)) | {
        "parent_company": "Sina Corporation",
        "change_reason": "Company's full name, from its annual report",
    }

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    newest = history_rows(admin_client.get(admin_url("platform", "history", weibo.pk)))[0]
    assert "Company's full name, from its annual report" in newest
    assert "Parent company: Sina → Sina Corporation" in newest


def test_a_change_without_a_reason_shows_no_reason(admin_client, change_page, weibo):
    data = form_data(change_page(weibo)) | {"parent_company": "Sina Corporation"}

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    newest = history_rows(admin_client.get(admin_url("platform", "history", weibo.pk)))[0]
    assert "None" not in newest
    assert newest.endswith("admin Parent company: Sina → Sina Corporation")


def test_a_save_of_only_the_inlines_lists_the_rows_it_changed(admin_client, change_page, weibo):
    figure = UserCountFactory(platform=weibo, value=140_000_000, as_of=datetime.date(2011, 1, 1))
    data = form_data(change_page(weibo)) | {
        "user_counts-0-value": "150000000",
        "change_reason": "Figures from the 2011 annual report",
    }
    # The existing figure is the formset's first form; the blank one for a new figure follows.
    data |= {
        key.replace("-0-", "-1-"): value
        for key, value in new_figure_row(SourceFactory().pk).items()
    }

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    newest = history_rows(admin_client.get(admin_url("platform", "history", weibo.pk)))[0]
    assert "Created: user count: 587 million Monthly active users (2024-09-30)" in newest
    assert (
        "Changed: user count: 150 million Registered users (2011-01-01)"
        " (Value: 140,000,000 → 150,000,000)"
    ) in newest
    assert "Figures from the 2011 annual report" in newest
    figure.refresh_from_db()
    assert figure.history.latest().history_change_reason == "Figures from the 2011 annual report"


def test_a_figure_history_shows_labels_not_stored_values(admin_client, weibo):
    figure = UserCountFactory(platform=weibo, metric=UserCount.Metric.MONTHLY_ACTIVE)
    figure.metric = UserCount.Metric.DAILY_ACTIVE
    figure.save()

    rows = history_rows(admin_client.get(admin_url("usercount", "history", figure.pk)))

    assert "Metric: Monthly active users → Daily active users" in rows[0]
    assert "monthly_active" not in " ".join(rows)


def test_a_platform_cannot_be_reverted_past_its_status_events(admin_client, weibo):
    record = weibo.history.latest()

    response = admin_client.get(
        reverse("admin:platforms_platform_simple_history", args=[weibo.pk, record.pk])
    )

    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


# --- Staleness dashboard -----------------------------------------------------------------------


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def figures_of_every_age(weibo, linkedin, ushi):
    UserCountFactory(platform=weibo, value=587_000_000, as_of=years_ago(1))
    UserCountFactory(platform=linkedin, value=54_000_000, as_of=years_ago(2, days=1))
    UserCountFactory(platform=ushi, value=900_000, as_of=years_ago(12))
    return PlatformFactory(slug="huihui", name_en="Huihui")


def test_the_staleness_dashboard_orders_platforms_by_the_age_of_their_newest_figure(
    admin_client, figures_of_every_age
):
    """Oldest first whatever the status, as the page says: shut-down Ushi's 12-year-old figure
    before operating LinkedIn's; a platform without figures last."""
    response = admin_client.get(admin_url("platform", "staleness"))

    assert response.status_code == 200
    order = [row["platform"].slug for row in response.context["rows"]]
    assert order == ["ushi", "linkedin", "weibo", "huihui"]
    stale = {row["platform"].slug for row in response.context["rows"] if row["stale"]}
    assert stale == {"linkedin"}


def test_the_staleness_dashboard_highlights_and_links_to_adding_a_figure(
    admin_client, figures_of_every_age, linkedin
):
    content = admin_client.get(admin_url("platform", "staleness")).content.decode()

    row = content.split('<tr class="stale">')[1].split("</tr>")[0]
    assert "LinkedIn" in row
    assert "54 million Registered users" in row
    add_url = f"{admin_url('usercount', 'add')}?platform={linkedin.pk}"
    assert f'href="{add_url}"' in row


def test_the_add_figure_link_starts_with_the_platform_chosen(admin_client, linkedin):
    response = admin_client.get(f"{admin_url('usercount', 'add')}?platform={linkedin.pk}")

    assert response.context["adminform"].form.initial["platform"] == str(linkedin.pk)


def test_the_admin_index_links_to_the_staleness_dashboard(admin_client):
    content = admin_client.get(reverse("admin:index")).content.decode()

    assert f'href="{admin_url("platform", "staleness")}"' in content


def test_the_staleness_dashboard_reads_a_fixed_number_of_queries(admin_client, weibo):
    url = admin_url("platform", "staleness")
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for platform in PlatformFactory.create_batch(5):
        UserCountFactory(platform=platform)

    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(many) == len(few)


def event_rows(event: dict, *, after: int) -> dict:
    """POST fields adding one row to the status-event inline after `after` existing ones."""
    row = {
        "happened_on": "2020-01-01",
        "precision": "day",
        "date_qualifier": "exact",
        "description_en": "Something happened.",
        "source": SourceFactory().pk,
    } | event
    return {f"events-{after}-{name}": value for name, value in row.items()} | {
        "events-TOTAL_FORMS": str(after + 1)
    }


def test_an_event_that_would_change_the_status_is_sent_to_the_status_change(
    admin_client, change_page, weibo
):
    StatusEventFactory(platform=weibo, kind=StatusEvent.Kind.LAUNCHED)
    data = form_data(change_page(weibo)) | event_rows({"kind": StatusEvent.Kind.SHUT_DOWN}, after=1)

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 200
    error = inline_formset(response, "events").errors[1]["kind"][0]
    assert "record it with “Record a status change”" in error
    assert weibo.events.count() == 1


@pytest.mark.parametrize(
    "event",
    [
        {"kind": StatusEvent.Kind.LISTED},  # sets no status
        {"kind": StatusEvent.Kind.RESTRICTED, "happened_on": "2011-01-01"},  # before the latest
        {"kind": StatusEvent.Kind.OPERATING},  # leaves the status as it is
    ],
    ids=["listed", "earlier-restriction", "still-operating"],
)
def test_events_that_leave_the_status_as_it_is_are_added_in_the_timeline(
    admin_client, change_page, weibo, event
):
    weibo.events.create(
        kind=StatusEvent.Kind.LAUNCHED,
        happened_on=datetime.date(2012, 1, 1),
        description_en="Launched.",
        source=SourceFactory(),
    )
    data = form_data(change_page(weibo)) | event_rows(event, after=1)

    response = admin_client.post(admin_url("platform", "change", weibo.pk), data)

    assert response.status_code == 302
    assert weibo.events.count() == 2


def test_a_status_event_added_on_its_own_page_is_sent_to_the_status_change(admin_client, weibo):
    data = {
        "platform": weibo.pk,
        "kind": StatusEvent.Kind.SHUT_DOWN,
        "happened_on": "2025-06-30",
        "precision": "day",
        "date_qualifier": "exact",
        "description_en": "Closed.",
        "source": SourceFactory().pk,
    }

    response = admin_client.post(admin_url("statusevent", "add"), data)

    assert response.status_code == 200
    assert "Record a status change" in response.context["adminform"].form.errors["kind"][0]
    assert not StatusEvent.objects.exists()


def test_a_new_platform_gets_its_status_after_it_is_saved(admin_client):
    data = form_data(admin_client.get(admin_url("platform", "add"))) | {
        "slug": "huihui",
        "name_en": "Huihui",
        "kind": Platform.Kind.MEETINGS,
    }
    data |= event_rows({"kind": StatusEvent.Kind.LAUNCHED}, after=0)

    response = admin_client.post(admin_url("platform", "add"), data)

    assert response.status_code == 200
    error = inline_formset(response, "events").errors[0]["kind"][0]
    assert "save the platform first" in error
    assert not Platform.objects.filter(slug="huihui").exists()


def test_a_save_that_also_changes_the_languages_lists_its_rows_once(
    admin_client, change_page, weibo
):
    english = LanguageFactory(code="en")
    data = form_data(change_page(weibo)) | new_figure_row(SourceFactory().pk)
    data["interface_languages"] = [*data["interface_languages"], english.pk]

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    content = admin_client.get(admin_url("platform", "history", weibo.pk)).content.decode()
    assert content.count("user count: 587 million Monthly active users") == 1


def test_figure_dates_read_as_precisely_as_their_source_gives_them(admin_client, weibo):
    UserCountFactory(
        platform=weibo, as_of=datetime.date(2011, 1, 1), precision="year", date_qualifier="about"
    )

    changelist = admin_client.get(admin_url("platform", "changelist")).content.decode()
    dashboard = admin_client.get(admin_url("platform", "staleness")).content.decode()

    assert "10 million Registered users (c. 2011)" in changelist
    assert '<time datetime="2011-01-01">c. 2011</time>' in dashboard


def test_headhunter_counts_are_not_a_platforms_newest_user_figure(admin_client, weibo):
    UserCountFactory(platform=weibo, value=120_000_000, as_of=datetime.date(2023, 12, 31))
    UserCountFactory(
        platform=weibo,
        value=211_100,
        metric=UserCount.Metric.VERIFIED_HEADHUNTERS,
        as_of=datetime.date(2024, 12, 31),
    )

    response = admin_client.get(admin_url("platform", "staleness"))

    (row,) = response.context["rows"]
    assert (row["figure"], row["as_of"]) == (
        "120 million Registered users",
        datetime.date(2023, 12, 31),
    )


def test_a_report_that_it_still_operates_keeps_the_date_the_status_began(admin_client, weibo):
    StatusEventFactory(
        platform=weibo, kind=StatusEvent.Kind.LAUNCHED, happened_on=datetime.date(2009, 8, 14)
    )
    Platform.objects.filter(pk=weibo.pk).update(status_since=datetime.date(2009, 8, 14))
    data = status_change_data(
        SourceFactory(), kind=StatusEvent.Kind.OPERATING, happened_on="2023-12-31"
    )

    response = admin_client.post(admin_url("platform", "status_change", weibo.pk), data)

    assert response.status_code == 302
    weibo.refresh_from_db()
    assert (weibo.status, weibo.status_since) == (
        Platform.Status.ACTIVE,
        datetime.date(2009, 8, 14),
    )
    assert weibo.events.count() == 2


def test_a_recorded_change_passes_the_platform_data_check(admin_client, weibo):
    StatusEventFactory(
        platform=weibo, kind=StatusEvent.Kind.LAUNCHED, happened_on=datetime.date(2009, 8, 14)
    )
    CitationFactory(platform=weibo, claim="status")
    admin_client.post(
        admin_url("platform", "status_change", weibo.pk), status_change_data(SourceFactory())
    )

    problems = [
        problem
        for problem in checks.check(checks.records_from_database())
        if problem.where.startswith(("platforms.weibo.status", "platforms.weibo.historical"))
    ]

    assert problems == []


# --- Dates at their recorded precision ---------------------------------------------------------


def record_month_by_shutdown(admin_client, platform):
    data = status_change_data(
        SourceFactory(), happened_on="2026-11-01", precision="month", date_qualifier="by"
    )
    return admin_client.post(admin_url("platform", "status_change", platform.pk), data, follow=True)


def test_the_status_change_confirmation_dates_the_event_as_precisely_as_its_source(
    admin_client, weibo
):
    response = record_month_by_shutdown(admin_client, weibo)

    [message] = [str(message) for message in response.context["messages"]]
    assert message.startswith("Recorded: Weibo: Shut down (by 2026-11).")


def test_the_status_change_confirmation_asks_to_review_the_descriptions(admin_client, weibo):
    """The report: after a shutdown was recorded, the summary still called the status unknown."""
    response = record_month_by_shutdown(admin_client, weibo)

    [message] = [str(message) for message in response.context["messages"]]
    assert "Check that the summary, strengths and weaknesses still read true" in message


def test_the_history_dates_a_status_change_as_precisely_as_its_source(admin_client, weibo):
    record_month_by_shutdown(admin_client, weibo)

    platform_rows = history_rows(admin_client.get(admin_url("platform", "history", weibo.pk)))
    event = weibo.events.get()
    event_rows = history_rows(admin_client.get(admin_url("statusevent", "history", event.pk)))

    assert "Created: status event: Shut down (by 2026-11)" in platform_rows[0]
    assert "Status since: — → by 2026-11" in platform_rows[0]
    assert "Weibo: Shut down (by 2026-11)" in event_rows[0]
    assert "2026-11-01" not in " ".join(platform_rows + event_rows)


def test_the_figure_list_dates_figures_as_precisely_as_their_source(admin_client, weibo):
    UserCountFactory(platform=weibo, as_of=datetime.date(2012, 7, 1), precision="month")
    UserCountFactory(
        platform=weibo, as_of=datetime.date(2011, 1, 1), precision="year", date_qualifier="about"
    )

    content = admin_client.get(admin_url("usercount", "changelist")).content.decode()

    assert "2012-07" in content
    assert "c. 2011" in content
    assert "July 1, 2012" not in content
    assert "Jan. 1, 2011" not in content


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("admin:index"),
        lambda: admin_url("platform", "changelist"),
        lambda: admin_url("platform", "staleness"),
    ],
    ids=["index", "changelist", "staleness"],
)
def test_admin_pages_link_the_sites_icon(admin_client, url):
    content = admin_client.get(url()).content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in content
