import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import BooleanField, ModelMultipleChoiceField, MultiWidget
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from platforms.models import Platform, StatusEvent, UserCount
from tests.factories import (
    CitationFactory,
    LanguageFactory,
    PlatformFactory,
    SourceFactory,
    StatusEventFactory,
    UserCountFactory,
)

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
NEXT_YEAR = timezone.localdate().year + 1


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

    assert "587,000,000 Monthly active users (2024-09-30)" in response.content.decode()


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
    assert "user count: 587,000,000 Monthly active users (2024-09-30)" in recent_changes


def test_platform_edit_is_in_the_platform_history_under_the_admin(
    admin_client, admin_user, change_page, weibo
):
    data = form_data(change_page(weibo)) | {"status": Platform.Status.DECLINING}

    admin_client.post(admin_url("platform", "change", weibo.pk), data)

    latest = weibo.history.latest()
    assert (latest.status, latest.history_user) == ("declining", admin_user)


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"value": "-5"}, "value", "A user count must be greater than zero."),
        ({"value": "0"}, "value", "A user count must be greater than zero."),
        ({"as_of": TOMORROW.isoformat()}, "as_of", "This date is in the future."),
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
        ({"happened_on": TOMORROW.isoformat()}, "happened_on", "This date is in the future."),
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
        ("launched_year", NEXT_YEAR, "The launch year is in the future."),
        ("launched_year", 1985, "A platform cannot have launched before 1990."),
        ("status_since", TOMORROW.isoformat(), "This date is in the future."),
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
        (lambda: UserCountFactory.build(platform=PlatformFactory(), as_of=TOMORROW), "as_of"),
        (
            lambda: StatusEventFactory.build(platform=PlatformFactory(), happened_on=TOMORROW),
            "happened_on",
        ),
        (lambda: PlatformFactory.build(launched_year=NEXT_YEAR), "launched_year"),
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
