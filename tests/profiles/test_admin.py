import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.paginators import LargeTablePaginator
from profiles.models import (
    CandidateExport,
    City,
    CompanyType,
    ExecutiveProfile,
    Industry,
    Membership,
    Seniority,
    Visibility,
)
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory
from tests.platforms.test_admin import form_data

pytestmark = pytest.mark.django_db

# session, user, row estimate (PostgreSQL), exact count while the table is small, the page
PROFILE_CHANGELIST_MAX_QUERIES = 5


def admin_url(model_name: str, view: str, *args) -> str:
    return reverse(f"admin:profiles_{model_name}_{view}", args=args)


@pytest.fixture
def cfo_in_suzhou(db):
    return ExecutiveProfileFactory(
        display_name="Li Wei (fictional)",
        company="Suzhou Precision Parts",
        company_type=CompanyType.STATE_OWNED,
        seniority=Seniority.DIRECTOR,
        city=City.SUZHOU,
        industry=Industry.MANUFACTURING,
        visibility=Visibility.PUBLIC,
        is_fictional=True,
    )


@pytest.fixture
def other_profile(db):
    return ExecutiveProfileFactory(display_name="Zhang Min (fictional)")


@pytest.mark.parametrize(
    "query",
    [
        "visibility__exact=public",
        "company_type__exact=state_owned",
        "seniority__exact=director",
        "city__exact=suzhou",
        "industry__exact=manufacturing",
        "is_fictional__exact=1",
        "q=Li+Wei",
        "q=Precision",
    ],
)
def test_profile_changelist_filters_and_searches(admin_client, cfo_in_suzhou, other_profile, query):
    response = admin_client.get(f"{admin_url('executiveprofile', 'changelist')}?{query}")

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [cfo_in_suzhou]


def test_profile_changelist_lists_every_profile_newest_first(
    admin_client, cfo_in_suzhou, other_profile
):
    response = admin_client.get(admin_url("executiveprofile", "changelist"))

    assert list(response.context["cl"].result_list) == [other_profile, cfo_in_suzhou]


def test_profile_changelist_queries_stay_flat_as_profiles_are_added(admin_client):
    url = admin_url("executiveprofile", "changelist")
    ExecutiveProfileFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    ExecutiveProfileFactory.create_batch(60)

    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(many) == len(few)


def test_profile_changelist_stays_within_its_query_budget(
    admin_client, django_assert_max_num_queries
):
    ExecutiveProfileFactory.create_batch(30)

    with django_assert_max_num_queries(PROFILE_CHANGELIST_MAX_QUERIES):
        admin_client.get(admin_url("executiveprofile", "changelist"))


def test_unfiltered_large_table_is_estimated_not_counted_on_postgresql(monkeypatch):
    ExecutiveProfileFactory.create_batch(5)
    on_postgresql = connection.vendor == "postgresql"
    if on_postgresql:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE profiles_executiveprofile")
    monkeypatch.setattr(LargeTablePaginator, "exact_below", 1)
    paginator = LargeTablePaginator(ExecutiveProfile.objects.order_by("-id"), 100)

    with CaptureQueriesContext(connection) as queries:
        count = paginator.count

    counted = any("COUNT(" in query["sql"].upper() for query in queries)
    assert (count, counted) == (5, not on_postgresql)


def test_filtered_list_is_counted_exactly(monkeypatch):
    ExecutiveProfileFactory.create_batch(3, city=City.SUZHOU)
    ExecutiveProfileFactory.create_batch(2, city=City.BEIJING)
    monkeypatch.setattr(LargeTablePaginator, "exact_below", 1)

    paginator = LargeTablePaginator(ExecutiveProfile.objects.filter(city=City.SUZHOU), 100)

    assert paginator.count == 3


def test_small_table_is_counted_exactly():
    ExecutiveProfileFactory.create_batch(4)

    assert LargeTablePaginator(ExecutiveProfile.objects.all(), 100).count == 4


@pytest.mark.parametrize("view", ["add", "change"])
def test_profile_form_pages_render(admin_client, cfo_in_suzhou, view):
    MembershipFactory(profile=cfo_in_suzhou, platform=PlatformFactory(name_en="Maimai"))
    args = [cfo_in_suzhou.pk] if view == "change" else []

    response = admin_client.get(admin_url("executiveprofile", view, *args))

    assert response.status_code == 200


def test_membership_added_through_the_inline_is_saved(admin_client, cfo_in_suzhou):
    maimai = PlatformFactory(slug="maimai", name_en="Maimai")
    change_url = admin_url("executiveprofile", "change", cfo_in_suzhou.pk)
    data = form_data(admin_client.get(change_url)) | {
        "memberships-TOTAL_FORMS": "1",
        "memberships-0-platform": maimai.pk,
        "memberships-0-handle": "@liwei",
        "memberships-0-activity": "weekly",
        "memberships-0-open_to_inquiries": "on",
    }

    response = admin_client.post(change_url, data)

    assert response.status_code == 302
    membership = Membership.objects.get(profile=cfo_in_suzhou)
    assert (membership.platform, membership.open_to_inquiries) == (maimai, True)


def test_export_audit_lists_who_exported_what(admin_client, recruiter):
    CandidateExport.objects.create(
        recruiter=recruiter, recruiter_username="recruiter", query="city=suzhou", row_count=12
    )

    response = admin_client.get(admin_url("candidateexport", "changelist"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "recruiter" in content
    assert "city=suzhou" in content


def test_export_record_opens_read_only(admin_client, recruiter):
    export = CandidateExport.objects.create(
        recruiter=recruiter, recruiter_username="recruiter", query="city=suzhou", row_count=12
    )

    response = admin_client.get(admin_url("candidateexport", "change", export.pk))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert 'name="_save"' not in response.content.decode()


@pytest.mark.parametrize("view", ["add", "delete"])
def test_export_records_cannot_be_added_or_deleted(admin_client, recruiter, view):
    export = CandidateExport.objects.create(recruiter_username="recruiter", row_count=1)
    args = [export.pk] if view == "delete" else []

    response = admin_client.get(admin_url("candidateexport", view, *args))

    assert response.status_code == 403


@pytest.mark.parametrize("role", ["anonymous", "owner", "recruiter"])
@pytest.mark.parametrize(
    "url_name", [("executiveprofile", "changelist"), ("candidateexport", "changelist")]
)
def test_non_staff_are_sent_to_the_admin_login(client_for_role, role, url_name):
    response = client_for_role(role).get(admin_url(*url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
