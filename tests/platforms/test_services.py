import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from platforms import checks, services
from platforms.models import Citation, Platform, StatusEvent
from tests.factories import CitationFactory, PlatformFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def huihui(db):
    """A platform whose status nobody knew, every other known trait cited."""
    platform = PlatformFactory(
        slug="huihui",
        name_en="Huihui",
        status=Platform.Status.UNKNOWN,
        launched_year=None,
        real_name_verification="unknown",
        email_reliance="unknown",
        cold_messaging="unknown",
        anonymous_posting="unknown",
        reach_beyond_china="unknown",
        ease_for_foreigners="unknown",
        summary_en="",
        summary_zh="",
    )
    CitationFactory(platform=platform, claim=Citation.Claim.KIND)
    return platform


def record_shutdown(platform, source, **overrides):
    return services.record_status_change(
        **{
            "platform": platform,
            "kind": StatusEvent.Kind.SHUT_DOWN,
            "happened_on": datetime.date(2026, 11, 1),
            "precision": "month",
            "date_qualifier": "by",
            "source": source,
            "description_en": "Closed.",
        }
        | overrides
    )


def test_a_status_change_from_unknown_cites_the_status_and_passes_the_check(huihui, client):
    assert checks.check(checks.records_from_database()) == []
    source = SourceFactory(key="w99", title="", description_en="Tencent Weibo (Wikipedia)")

    record_shutdown(huihui, source)

    citation = huihui.citations.get(claim=Citation.Claim.STATUS)
    assert (citation.source, citation.as_of, citation.precision, citation.date_qualifier) == (
        source,
        datetime.date(2026, 11, 1),
        "month",
        "exact",
    )
    call_command("check_platform_data", "--database", stdout=StringIO(), stderr=StringIO())
    page = client.get(reverse("platforms:detail", kwargs={"slug": "huihui"})).content.decode()
    status_row = page.split("<dt>Status</dt>")[1].split("</dd>")[0]
    assert "(by 2026-11)" in status_row
    assert 'class="citation" href="#source-' in status_row
    assert "as of" not in status_row  # the event's date, said once


def test_a_status_change_replaces_the_citations_of_the_status_it_ends(huihui):
    earlier = SourceFactory()
    record_shutdown(
        huihui,
        earlier,
        kind=StatusEvent.Kind.OPERATING,
        happened_on=datetime.date(2020, 1, 1),
        precision="year",
        date_qualifier="about",
    )
    assert huihui.citations.get(claim="status").date_qualifier == "about"
    later = SourceFactory()

    record_shutdown(huihui, later)

    assert [c.source for c in huihui.citations.filter(claim="status")] == [later]
    assert Citation.history.filter(source_id=earlier.pk, history_type="-").exists()
    assert checks.check(checks.records_from_database()) == []


def test_a_refused_status_change_cites_nothing(huihui):
    record_shutdown(huihui, SourceFactory())

    with pytest.raises(ValidationError, match="later"):
        record_shutdown(huihui, SourceFactory(), happened_on=datetime.date(2020, 1, 1))

    assert huihui.citations.filter(claim="status").count() == 1
