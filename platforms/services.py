"""Writes on the platform records that must change several rows together.

A platform's status follows its latest status event (`StatusEvent.STATUS_AFTER`): changing it
writes the dated, sourced event and the new status in one transaction (`record_status_change`),
so the timeline never ends years before the status it explains, and the status cites the
event's source, as of the event's date, so it never stands uncited.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platforms.checks import status_run
from platforms.models import (
    Citation,
    DatePrecision,
    DateQualifier,
    Platform,
    Source,
    StatusEvent,
)

# The events that set a platform's status, and the status each leaves it in.
STATUS_AFTER = StatusEvent.STATUS_AFTER
UNIQUE_EVENT_MESSAGE = next(
    constraint.violation_error_message
    for constraint in StatusEvent._meta.constraints
    if constraint.name == "status_event_unique_per_day"
)


def stamp_history(
    records: Iterable[models.Model],
    *,
    when: datetime.datetime,
    reason: str | None,
    user: AbstractBaseUser | None = None,
) -> None:
    """Give the history rows these records' next saves write one time, reason and user, so a
    change made of several rows reads as one change in the history (`platforms.admin_history`
    finds the rows of one save by their time)."""
    for record in records:
        record._history_date = when
        record._change_reason = reason or None
        if user is not None:
            record._history_user = user


def latest_status_event(platform: Platform, *, excluding: int | None = None) -> StatusEvent | None:
    """The newest of the platform's events that set its status, but for the event with the pk
    `excluding` (None if there is none)."""
    events = platform.events.filter(kind__in=STATUS_AFTER).exclude(pk=excluding)
    return events.order_by("-happened_on", "-pk").first()


def changes_status(
    *, platform: Platform, kind: str, happened_on: datetime.date, event_pk: int | None = None
) -> bool:
    """Whether an event (the one with `event_pk`, or a new one) of `kind` on `happened_on`
    would become the platform's latest status event and disagree with its status: a status
    change, which `record_status_change` must make so the status follows."""
    if kind not in STATUS_AFTER:
        return False
    latest = latest_status_event(platform, excluding=event_pk)
    is_latest = latest is None or happened_on >= latest.happened_on
    return is_latest and STATUS_AFTER[kind] != platform.status


def record_status_change(
    *,
    platform: Platform,
    kind: str,
    happened_on: datetime.date,
    source: Source,
    description_en: str,
    description_zh: str = "",
    precision: str = DatePrecision.DAY,
    date_qualifier: str = DateQualifier.EXACT,
    reason: str = "",
    user: AbstractBaseUser | None = None,
) -> StatusEvent:
    """Record the event `kind` (one of `STATUS_AFTER`'s) of `platform` on `happened_on`, as
    `source` reports it, and the status it leaves the platform in.

    Writes the status event, the platform's status and the date it holds since (a shut-down
    platform becomes historical) and the status's citation together, the history rows stamped
    with one time and `reason`, so the history shows them as one change. Raises
    ValidationError naming the field at fault; then nothing is written.
    """
    with transaction.atomic():
        # Locked, so two curators recording changes at once are applied one after the other.
        platform = Platform.objects.select_for_update().get(pk=platform.pk)
        _check_change(platform, kind, happened_on)
        event = StatusEvent(
            platform=platform,
            kind=kind,
            happened_on=happened_on,
            precision=precision,
            date_qualifier=date_qualifier,
            description_en=description_en,
            description_zh=description_zh,
            source=source,
        )
        event.full_clean()
        # The status holds since the first of the run of events that left it so (a "reported
        # operating" keeps the launch's date); the check of the platform data reads it so too.
        began = status_run([*platform.events.all(), event])[0]
        platform.status = STATUS_AFTER[kind]
        platform.status_since = began.happened_on
        platform.status_since_precision = began.precision
        platform.status_since_qualifier = began.date_qualifier
        platform.historical = platform.historical or platform.status == Platform.Status.SHUT_DOWN
        platform.full_clean()
        when = timezone.now()
        stamp_history([platform, event], when=when, reason=reason, user=user)
        try:
            with transaction.atomic():
                event.save()
        except IntegrityError:
            # Another curator recorded the same event since full_clean() looked.
            raise ValidationError({"happened_on": UNIQUE_EVENT_MESSAGE}) from None
        platform.save()
        _cite_status(event, when=when, reason=reason, user=user)
    return event


def _cite_status(
    event: StatusEvent,
    *,
    when: datetime.datetime,
    reason: str,
    user: AbstractBaseUser | None,
) -> None:
    """Make the event's source the status's one citation, as of the event's date.

    The sources cited before backed the status the event ends, so they go (their history rows
    keep them). A date only bounded from above ("by 2026-11") still dates what the source
    states: the status holds as of then.
    """
    stale = list(
        event.platform.citations.filter(claim=Citation.Claim.STATUS).exclude(source=event.source)
    )
    citation = event.platform.citations.filter(
        claim=Citation.Claim.STATUS, source=event.source
    ).first() or Citation(platform=event.platform, claim=Citation.Claim.STATUS, source=event.source)
    citation.as_of = event.happened_on
    citation.precision = event.precision
    citation.date_qualifier = (
        DateQualifier.ABOUT if event.date_qualifier == DateQualifier.ABOUT else DateQualifier.EXACT
    )
    citation.full_clean()
    stamp_history([citation, *stale], when=when, reason=reason, user=user)
    for old in stale:
        old.delete()
    citation.save()


def _check_change(platform: Platform, kind: str, happened_on: datetime.date | None) -> None:
    """The event must set a status, and come no earlier than the platform's last one."""
    if kind not in STATUS_AFTER:
        message = _("Choose the status the platform entered.")
        raise ValidationError({"kind": ValidationError(message, code="invalid_choice")})
    latest = latest_status_event(platform)
    if happened_on and latest is not None and happened_on < latest.happened_on:
        message = _(
            "The platform's last status change (%(event)s, %(date)s) is later: a change must "
            "come after it. Add an earlier event to the timeline instead."
        )
        params = {"event": latest.get_kind_display(), "date": latest.happened_display}
        raise ValidationError({"happened_on": ValidationError(message, "before_latest", params)})
