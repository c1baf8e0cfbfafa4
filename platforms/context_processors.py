"""Template context every page needs for its footer: where the data comes from, and when."""

import datetime

from django.db.models import Max
from django.http import HttpRequest

from core.cache import held_by_process
from platforms.models import Platform


def newest_platform_edit() -> datetime.datetime | None:
    return Platform.objects.aggregate(last=Max("updated_at"))["last"]


def data_provenance(request: HttpRequest) -> dict:
    def last_updated():
        # Every page's footer: each process keeps it for the data version, as it keeps the
        # catalog, rather than asking the shared cache on every page.
        return held_by_process("data-last-updated", newest_platform_edit)

    return {"data_last_updated": last_updated}
