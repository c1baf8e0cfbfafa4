from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The recruiter's workspace: projects with a pipeline, notes, tags, saved searches and the
    outreach log."""

    name = "workspace"
    verbose_name = _("Recruiter workspace")
