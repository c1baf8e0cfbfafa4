"""GET /api/v1/candidates/export/: the page's CSV export, logged and capped, for scripts."""

import csv
import io

import pytest
from django.urls import reverse

from profiles.models import CandidateExport, City, Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:candidate-export")
PAGE_URL = reverse("profiles:candidate_export")


def rows_of(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def people(weibo):
    in_shanghai = ExecutiveProfileFactory(user=None, display_name="In Shanghai")
    MembershipFactory(profile=in_shanghai, platform=weibo, handle="@sh", open_to_inquiries=True)
    ExecutiveProfileFactory(user=None, display_name="In Beijing", city=City.BEIJING)
    ExecutiveProfileFactory(user=None, display_name="Private", visibility=Visibility.PRIVATE)


def test_the_export_is_the_pages_csv(recruiter, recruiter_api, client, people):
    client.force_login(recruiter)

    api = recruiter_api.get(URL, {"city": "shanghai"})
    page = client.get(PAGE_URL, {"city": "shanghai"})

    assert api.status_code == 200
    assert api["Content-Type"] == "text/csv; charset=utf-8"
    assert api["Content-Disposition"].startswith('attachment; filename="candidates-')
    assert api.content.startswith("\ufeff".encode())
    assert rows_of(api) == rows_of(page)
    assert [row["Name"] for row in rows_of(api)] == ["In Shanghai"]


def test_every_export_is_logged_with_its_filter_and_row_count(recruiter, recruiter_api, people):
    recruiter_api.get(URL, {"platform": "weibo", "page": "3"})

    (export,) = CandidateExport.objects.all()
    assert export.recruiter == recruiter
    assert export.query == "platform=weibo"
    assert export.row_count == 1


def test_the_export_is_capped(recruiter_api, settings, db):
    settings.CANDIDATE_EXPORT_ROW_LIMIT = 3
    ExecutiveProfileFactory.create_batch(5, user=None)

    response = recruiter_api.get(URL)

    assert len(rows_of(response)) == 3
    assert CandidateExport.objects.get().row_count == 3


def test_the_export_is_csv_whatever_the_client_accepts(recruiter_api, people):
    response = recruiter_api.get(URL, HTTP_ACCEPT="text/csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_a_bad_filter_is_a_json_400_naming_it_and_nothing_is_logged(recruiter_api, people):
    response = recruiter_api.get(URL, {"city": "atlantis"}, HTTP_ACCEPT="text/csv")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "city" in response.json()
    assert not CandidateExport.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("owner", 403)])
def test_only_recruiters_export(api_client_for_role, people, role, status):
    response = api_client_for_role(role).get(URL)

    assert response.status_code == status
    assert not CandidateExport.objects.exists()
