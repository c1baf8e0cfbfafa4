from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Outreach advice: the recommender, reachability rules, the advisor page and its API."""

    name = "outreach"
    verbose_name = _("Outreach advice")
