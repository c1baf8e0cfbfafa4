"""The outreach log on a project candidate: logging, outcomes, the 14-day sweep, the evidence
moved with each change, and who sees what."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from outreach.models import ObservedOutcome
from outreach.vocabulary import OTHER_CHANNELS
from profiles.models import Seniority, Visibility
from tests.factories import OutreachLogFactory, PlatformFactory
from workspace import services
from workspace.models import Outcome, OutreachLog
from workspace.outreach_log import (
    channel_choices,
    log_outreach,
    logs_of,
    mark_unanswered,
    record_outcome,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 20)


@pytest.fixture(autouse=True)
def weibo():
    return PlatformFactory(slug="weibo", name_en="Weibo", name_zh="微博")


def evidence(channel="weibo", company_type="chinese_private", seniority="c_level") -> dict:
    row = ObservedOutcome.objects.filter(
        channel=channel, company_type=company_type, seniority=seniority
    ).first()
    if row is None:
        return {}
    return {"replied": row.replied, "declined": row.declined, "no_reply": row.no_reply}


def logged(entry, recruiter, **fields) -> OutreachLog:
    fields = {"channel": "weibo", "sent_on": timezone.localdate(), **fields}
    return log_outreach(project_candidate=entry, by=recruiter, **fields)


# --- Logging -------------------------------------------------------------------------------------


def test_an_outreach_is_pending_and_keeps_the_kind_of_person_it_reached(entry, recruiter):
    log = logged(entry, recruiter)
    entry.profile.seniority = Seniority.DIRECTOR
    entry.profile.save()

    log.refresh_from_db()
    assert (log.outcome, log.company_type, log.seniority) == (
        "pending",
        "chinese_private",
        "c_level",
    )
    assert evidence() == {}  # nothing is known yet


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": "friendster"}, "channel"),
        # A week ahead: still in the future if the run crosses midnight after collecting it.
        ({"sent_on": timezone.localdate() + datetime.timedelta(days=7)}, "sent_on"),
        ({"sent_on": timezone.localdate() - datetime.timedelta(days=400)}, "sent_on"),
        ({"sent_on": datetime.date(1, 1, 1)}, "sent_on"),
    ],
    ids=["unknown channel", "dated in the future", "over a year ago", "year one"],
)
def test_bad_input_is_refused_naming_the_field(entry, recruiter, fields, field):
    with pytest.raises(ValidationError) as refused:
        logged(entry, recruiter, **fields)

    assert field in refused.value.message_dict
    assert not OutreachLog.objects.exists()


def test_a_platform_that_shut_down_is_refused_naming_the_channel(entry, recruiter):
    PlatformFactory(slug="tianji", name_en="Tianji", status="shut_down")

    with pytest.raises(ValidationError) as refused:
        logged(entry, recruiter, channel="tianji")

    assert refused.value.message_dict["channel"] == [
        "This platform no longer operates: nothing can be sent on it."
    ]
    assert not OutreachLog.objects.exists()


def test_every_channel_the_advisor_knows_can_be_logged(entry, recruiter):
    for channel in ("warm-introduction", "email", "phone", "in-person", "weibo"):
        logged(entry, recruiter, channel=channel)

    assert OutreachLog.objects.count() == 5


def test_the_form_offers_platforms_as_everywhere_a_status_unknown_last_and_saying_so():
    PlatformFactory(slug="huihui", name_en="Huihui", status="unknown")
    PlatformFactory(slug="liepin", name_en="Liepin")

    with translation.override("en"):
        platforms = [str(name) for _slug, name in channel_choices()[len(OTHER_CHANNELS) :]]

    assert platforms == ["Liepin", "Weibo", "Huihui (status unknown)"]


def test_a_member_who_can_only_view_may_not_log(entry, project, recruiter, colleague):
    services.share_project(project=project, by=recruiter, username="colleague", role="view")

    with pytest.raises(PermissionDenied):
        logged(entry, colleague)


# --- Outcomes and the evidence -------------------------------------------------------------------


def test_recording_an_outcome_counts_it_and_changing_it_moves_the_count(entry, recruiter):
    log = logged(entry, recruiter)

    record_outcome(log=log, by=recruiter, outcome="replied")
    assert evidence() == {"replied": 1, "declined": 0, "no_reply": 0}

    record_outcome(log=log, by=recruiter, outcome="declined")
    assert evidence() == {"replied": 0, "declined": 1, "no_reply": 0}

    record_outcome(log=log, by=recruiter, outcome="declined")  # no change, no count
    assert evidence() == {"replied": 0, "declined": 1, "no_reply": 0}


def test_only_the_recruiter_who_logged_it_records_its_outcome(entry, project, recruiter, colleague):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    log = logged(entry, recruiter)

    with pytest.raises(PermissionDenied):
        record_outcome(log=log, by=colleague, outcome="replied")
    assert evidence() == {}


def test_pending_is_not_an_outcome_one_records(entry, recruiter):
    with pytest.raises(ValidationError) as refused:
        record_outcome(log=logged(entry, recruiter), by=recruiter, outcome="pending")

    assert "outcome" in refused.value.message_dict


# --- No reply after 14 days ----------------------------------------------------------------------


def test_the_sweep_marks_no_reply_after_14_days_only(entry, recruiter):
    old = OutreachLogFactory(project_candidate=entry, sent_on=TODAY - datetime.timedelta(days=14))
    recent = OutreachLogFactory(
        project_candidate=entry, sent_on=TODAY - datetime.timedelta(days=13)
    )
    answered = OutreachLogFactory(
        project_candidate=entry,
        sent_on=TODAY - datetime.timedelta(days=30),
        outcome=Outcome.REPLIED,
    )

    assert mark_unanswered(today=TODAY) == 1

    old.refresh_from_db(), recent.refresh_from_db(), answered.refresh_from_db()
    assert (old.outcome, recent.outcome, answered.outcome) == ("no_reply", "pending", "replied")
    assert evidence(channel="email") == {"replied": 0, "declined": 0, "no_reply": 1}


def test_the_sweep_works_in_batches(entry):
    OutreachLogFactory.create_batch(
        5, project_candidate=entry, sent_on=TODAY - datetime.timedelta(days=20)
    )

    assert mark_unanswered(today=TODAY, batch=2) == 5
    assert evidence(channel="email")["no_reply"] == 5


def test_a_reply_after_the_sweep_moves_the_count(entry, recruiter):
    log = logged(entry, recruiter, sent_on=TODAY - datetime.timedelta(days=20))
    mark_unanswered(today=TODAY)

    record_outcome(log=OutreachLog.objects.get(pk=log.pk), by=recruiter, outcome="replied")

    assert evidence() == {"replied": 1, "declined": 0, "no_reply": 0}


def test_the_command_runs_the_sweep(entry, capsys):
    OutreachLogFactory(
        project_candidate=entry, sent_on=timezone.localdate() - datetime.timedelta(days=15)
    )

    call_command("mark_unanswered_outreach")

    assert "1" in capsys.readouterr().out
    assert OutreachLog.objects.get().outcome == "no_reply"


# --- Repair --------------------------------------------------------------------------------------


def test_the_rebuild_finds_what_the_increments_kept(entry, recruiter, capsys):
    for outcome in ("replied", "replied", "declined", "no_reply"):
        record_outcome(log=logged(entry, recruiter), by=recruiter, outcome=outcome)
    logged(entry, recruiter)  # still pending
    kept = evidence()
    ObservedOutcome.objects.update(replied=99)

    call_command("rebuild_outreach_evidence")

    assert evidence() == kept == {"replied": 2, "declined": 1, "no_reply": 1}


# --- Who sees a log ------------------------------------------------------------------------------


def test_a_log_is_its_recruiters_alone(entry, project, recruiter, colleague):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    mine = logged(entry, recruiter)
    theirs = logged(entry, colleague)

    assert list(logs_of(recruiter)) == [mine]
    assert list(logs_of(colleague)) == [theirs]


def test_a_log_to_a_candidate_gone_private_is_no_longer_seen(entry, recruiter):
    logged(entry, recruiter)
    entry.profile.visibility = Visibility.PRIVATE
    entry.profile.save()

    assert not logs_of(recruiter).exists()


# --- The candidate's page ------------------------------------------------------------------------


def entry_url(entry, name="workspace:entry", language="en", **more) -> str:
    with translation.override(language):
        return reverse(name, kwargs={"pk": entry.project_id, "entry_pk": entry.pk, **more})


def test_the_page_logs_an_outreach_and_shows_it(recruiter_client, entry):
    response = recruiter_client.post(
        entry_url(entry, "workspace:entry_outreach"),
        {"channel": "weibo", "sent_on": timezone.localdate().isoformat()},
        follow=True,
    )

    assert response.status_code == 200
    assert OutreachLog.objects.get().channel == "weibo"
    assert "Weibo" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_day_sent_starts_at_today_as_a_date_input_reads_it_in_either_language(
    recruiter_client, entry, language
):
    """A date input takes only yyyy-mm-dd (the browser shows it in the reader's format): the
    Chinese format (2026/05/20) left the box empty and the required field refused."""
    with translation.override(language):
        response = recruiter_client.get(entry_url(entry, language=language))

    sent_on = re.search(r'<input type="date" name="sent_on"[^>]*>', response.content.decode())
    assert f'value="{timezone.localdate().isoformat()}"' in sent_on.group()


def test_the_page_refuses_a_future_date_next_to_the_field(recruiter_client, entry):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = recruiter_client.post(
        entry_url(entry, "workspace:entry_outreach"),
        {"channel": "weibo", "sent_on": tomorrow.isoformat()},
    )

    assert response.status_code == 400
    assert response.context["outreach_form"].errors["sent_on"]
    assert not OutreachLog.objects.exists()


def test_the_page_says_only_that_an_unknown_channel_is_not_a_choice(recruiter_client, entry):
    response = recruiter_client.post(
        entry_url(entry, "workspace:entry_outreach"),
        {"channel": "nope", "sent_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 400
    (message,) = response.context["outreach_form"].errors["channel"]
    assert message.startswith("Select a valid choice.")


def test_the_page_records_an_outcome(recruiter_client, entry, recruiter):
    log = logged(entry, recruiter)

    response = recruiter_client.post(
        entry_url(entry, "workspace:outreach_outcome", log_pk=log.pk), {"outcome": "replied"}
    )

    assert response.status_code == 302
    assert OutreachLog.objects.get().outcome == "replied"
    assert evidence()["replied"] == 1


def test_another_members_log_is_a_404_and_never_on_the_page(
    client, entry, project, recruiter, colleague
):
    services.share_project(project=project, by=recruiter, username="colleague", role="edit")
    log = logged(entry, recruiter)
    record_outcome(log=log, by=recruiter, outcome="declined")
    client.force_login(colleague)

    page = client.get(entry_url(entry))
    post = client.post(
        entry_url(entry, "workspace:outreach_outcome", log_pk=log.pk), {"outcome": "replied"}
    )

    assert page.status_code == 200
    assert page.context["outreach_logs"] == []
    assert post.status_code == 404
    assert OutreachLog.objects.get().outcome == "declined"


def test_the_candidates_page_shows_the_outreach_in_chinese(recruiter_client, entry, recruiter):
    logged(entry, recruiter)

    with translation.override("zh-hans"):  # and back to the language before, after the request
        response = recruiter_client.get(entry_url(entry, language="zh-hans"))

    assert response.status_code == 200
    assert "微博" in response.content.decode()
