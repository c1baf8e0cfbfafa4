from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app uses: the API's base classes, CSV responses, yes/no values, data versions."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core import (  # noqa: F401  (registering, on import)
            lookups,  # `__any_of` on integer fields and foreign keys
            sqlite,  # SQLite's LOWER() as PostgreSQL's
        )
