"""The candidate CSV export: content, cap, audit log, and nothing private in it."""

import csv
import io

import pytest
from django.urls import reverse

from profiles.models import CandidateExport, City, Visibility
from profiles.selectors import EXPORT_ROW_LIMIT, export_row_limit
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("profiles:candidate_export")


def rows_of(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_is_utf8_csv_with_a_bom(recruiter_client):
    ExecutiveProfileFactory(display_name="王芳")

    response = recruiter_client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="candidates-')
    assert response.content.startswith("\ufeff".encode())
    assert rows_of(response)[0]["Name"] == "王芳"


def test_a_row_holds_the_person_and_the_channels_they_can_be_reached_on(recruiter_client):
    weibo = PlatformFactory(slug="weibo", name_en="Weibo")
    linkedin = PlatformFactory(slug="linkedin", name_en="LinkedIn")
    profile = ExecutiveProfileFactory(
        display_name="Li Na",
        title="CFO",
        company="Suzhou Precision Ltd",
        city=City.SUZHOU,
        speaks_chinese=True,
        speaks_english=True,
    )
    MembershipFactory(profile=profile, platform=weibo, handle="@li_na", open_to_inquiries=True)
    MembershipFactory(profile=profile, platform=linkedin, handle="li-na-secret", hide_handle=True)

    (row,) = rows_of(recruiter_client.get(URL))

    assert row["Title"] == "CFO"
    assert row["Company"] == "Suzhou Precision Ltd"
    assert row["City"] == "Suzhou"
    assert row["Seniority"] == "C-level"
    assert row["Languages"] == "Chinese, English"
    assert "Weibo (@li_na, Weekly, open to inquiries)" in row["Reachable on"]
    assert "LinkedIn (Weekly, open to inquiries)" in row["Reachable on"]
    assert row["Profile page"].endswith(reverse("profiles:detail", kwargs={"pk": profile.pk}))


def test_nothing_private_is_exported(recruiter_client):
    shared = ExecutiveProfileFactory(display_name="Shared Person")
    private = ExecutiveProfileFactory(display_name="Private Person", visibility=Visibility.PRIVATE)
    MembershipFactory(profile=shared, handle="li-na-hidden", hide_handle=True)
    MembershipFactory(profile=private, handle="@private_handle")

    response = recruiter_client.get(URL)

    content = response.content.decode("utf-8-sig")
    assert [row["Name"] for row in rows_of(response)] == ["Shared Person"]
    assert "Private Person" not in content
    assert "@private_handle" not in content
    assert "li-na-hidden" not in content


def test_the_export_follows_the_filter(recruiter_client):
    ExecutiveProfileFactory(display_name="In Shanghai", city=City.SHANGHAI)
    ExecutiveProfileFactory(display_name="In Beijing", city=City.BEIJING)

    response = recruiter_client.get(URL, {"city": "beijing"})

    assert [row["Name"] for row in rows_of(response)] == ["In Beijing"]


def test_the_export_is_capped(recruiter_client, settings):
    settings.CANDIDATE_EXPORT_ROW_LIMIT = 2
    ExecutiveProfileFactory.create_batch(3, user=None)

    response = recruiter_client.get(URL)

    assert len(rows_of(response)) == 2
    assert CandidateExport.objects.get().row_count == 2


def test_the_documented_cap_is_1000_rows():
    assert EXPORT_ROW_LIMIT == 1000
    assert export_row_limit() == 1000


def test_each_export_is_logged(recruiter_client, recruiter):
    ExecutiveProfileFactory.create_batch(2, user=None, city=City.SHANGHAI)

    recruiter_client.get(URL, {"city": "shanghai", "page": "2", "page_size": "10"})

    export = CandidateExport.objects.get()
    assert export.recruiter == recruiter
    assert export.recruiter_username == "recruiter"
    assert export.query == "city=shanghai"
    assert export.row_count == 2
    assert export.created_at is not None


def test_cells_that_look_like_formulas_are_defused(recruiter_client):
    ExecutiveProfileFactory(display_name='=HYPERLINK("http://evil.example")', company="+1 Ltd")

    (row,) = rows_of(recruiter_client.get(URL))

    assert row["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Company"] == "'+1 Ltd"


def test_a_bad_filter_answers_400_and_logs_nothing(recruiter_client):
    response = recruiter_client.get(URL, {"seniority": "emperor"})

    assert response.status_code == 400
    assert "seniority" in response.context["form"].errors
    assert not CandidateExport.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("owner", 403)])
def test_only_recruiters_may_export(client_for_role, role, status):
    response = client_for_role(role).get(URL)

    assert response.status_code == status
    assert not CandidateExport.objects.exists()
