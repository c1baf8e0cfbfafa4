"""Template context every page needs for its footer: where the data comes from, and when."""

from django.db.models import Max

from core.cache import cached_data
from platforms.models import Platform


def newest_platform_edit():
    return Platform.objects.aggregate(last=Max("updated_at"))["last"]


def data_provenance(request) -> dict:
    def last_updated():
        return cached_data("data-last-updated", build=newest_platform_edit)

    return {"data_last_updated": last_updated}
