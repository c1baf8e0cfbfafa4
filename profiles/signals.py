"""Counts kept for searches start again when the profiles they counted change.

The only signals here clear a cache (`profiles.totals` keeps each search's capped total and its
platform counts under a data version): when a profile or a membership is saved or deleted,
the version is replaced once the transaction commits. Bulk writes that send no signal
(`QuerySet.update`, COPY) are caught up by the entries' expiry.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import new_data_version
from profiles.models import ExecutiveProfile, Membership
from profiles.totals import CANDIDATES_VERSION


def _new_version() -> None:
    new_data_version(CANDIDATES_VERSION)


@receiver([post_save, post_delete], sender=ExecutiveProfile)
@receiver([post_save, post_delete], sender=Membership)
def candidates_changed(sender, **kwargs) -> None:
    transaction.on_commit(_new_version)
