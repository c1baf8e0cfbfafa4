"""Two curators recording a platform's status change at the same moment, on PostgreSQL: the
status still follows the latest status event, and the same event is never written twice.

Each curator runs in a thread of its own (its own database connection), released together at a
barrier; the check of each change is slowed down, so without the platform's row lock both
would pass their checks before either wrote.
"""

from __future__ import annotations

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from platforms import services
from platforms.models import Platform, StatusEvent
from tests.databases import postgresql_only
from tests.factories import PlatformFactory, SourceFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only(
        "SQLite runs one writer at a time; make test runs these on PostgreSQL",
    ),
]

TIMEOUT = 20  # seconds: a deadlock fails the test instead of hanging it


@pytest.fixture
def slow_checks(monkeypatch):
    """Hold each change between its check and its writes, where a race would slip in."""
    check = services._check_change

    def slow(*args, **kwargs):
        check(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(services, "_check_change", slow)


def at_once(*changes: dict) -> list[StatusEvent | ValidationError]:
    """Record each change in a thread of its own, released together; the event or the refusal."""
    barrier = threading.Barrier(len(changes))

    def record(change: dict) -> StatusEvent | ValidationError:
        try:
            barrier.wait(timeout=TIMEOUT)
            return services.record_status_change(description_en="Changed.", **change)
        except ValidationError as refused:
            return refused
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(changes)) as pool:
        return list(pool.map(record, changes, timeout=TIMEOUT))


def test_the_status_follows_the_latest_event_when_two_changes_meet(slow_checks):
    platform = PlatformFactory(status=Platform.Status.ACTIVE)
    source = SourceFactory()
    later = {"kind": StatusEvent.Kind.DECLINED, "happened_on": datetime.date(2025, 6, 1)}
    earlier = {"kind": StatusEvent.Kind.SHUT_DOWN, "happened_on": datetime.date(2025, 5, 1)}

    results = at_once(
        {"platform": platform, "source": source, **later},
        {"platform": platform, "source": source, **earlier},
    )

    platform.refresh_from_db()
    latest = services.latest_status_event(platform)
    assert platform.status == services.STATUS_AFTER[latest.kind]
    assert platform.status_since == latest.happened_on
    written = [result for result in results if isinstance(result, StatusEvent)]
    assert platform.events.count() == len(written) >= 1


def test_the_same_change_recorded_twice_at_once_is_written_once(slow_checks):
    platform = PlatformFactory(status=Platform.Status.ACTIVE)
    change = {
        "platform": platform,
        "source": SourceFactory(),
        "kind": StatusEvent.Kind.SHUT_DOWN,
        "happened_on": datetime.date(2025, 6, 30),
    }

    results = at_once(change, change)

    assert sum(isinstance(result, StatusEvent) for result in results) == 1
    (refused,) = [result for result in results if isinstance(result, ValidationError)]
    assert "already has this event on this date" in str(refused)
    assert platform.events.count() == 1
