from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The recruiter's workspace: projects with a pipeline, notes, tags, saved searches and the
    outreach log."""

    name = "workspace"
    verbose_name = _("Recruiter workspace")

    def ready(self) -> None:
        """The person's data export holds the workspace's rows too (`workspace.personal_data`)."""
        from profiles.personal_data import register_section
        from workspace.personal_data import SECTIONS

        for section in SECTIONS:
            register_section(section)
