"""Template context every page needs for its footer: where the data comes from, and when."""

from django.db.models import Max

from platforms.models import Platform


def data_provenance(request) -> dict:
    def last_updated():
        return Platform.objects.aggregate(last=Max("updated_at"))["last"]

    return {"data_last_updated": last_updated}
