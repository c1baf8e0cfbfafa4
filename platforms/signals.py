"""Start a new platform data version when a platform record changes: all signals do here.

What every visitor is shown of the platforms (the directory's cards, a platform's record, the
compare grid, the recommender's catalog, the footer's date) is kept under the data version
(`core.cache`). Saving or deleting a platform, a user figure, an event, a citation, a source or
a language, or changing a platform's interface languages, starts a new version once the
transaction commits, so the next request builds from the new records. Entries also expire on
their own, so a write that bypasses these signals (a bulk update, another process's memory
cache) is caught up within `SHARED_CACHE_SECONDS`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.cache import new_data_version
from platforms.models import Citation, Language, Platform, Source, StatusEvent, UserCount

PLATFORM_RECORDS = (Platform, UserCount, StatusEvent, Citation, Source, Language)


def record_changed(sender, **kwargs) -> None:
    transaction.on_commit(new_data_version)


def languages_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        transaction.on_commit(new_data_version)


def connect_signals() -> None:
    """Called by the app's ready()."""
    for model in PLATFORM_RECORDS:
        for signal in (post_save, post_delete):
            signal.connect(record_changed, sender=model, dispatch_uid="platform-data-version")
    m2m_changed.connect(
        languages_changed,
        sender=Platform.interface_languages.through,
        dispatch_uid="platform-data-version",
    )
