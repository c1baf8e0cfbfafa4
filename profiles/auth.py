"""The site's authentication backend: core's, reading with a session's user who they are on
the site (`profiles.viewer`), which every signed-in page asks (the navigation's counts, where
the viewer's introduction paths start): one statement for both instead of two."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from core.auth import ModelBackend
from profiles.viewer import Viewer, keep_viewer, with_viewer


class ViewerBackend(ModelBackend):
    """`core.auth.ModelBackend`, the viewer read with the user and kept for the request."""

    @classmethod
    def users(cls) -> QuerySet:
        return with_viewer(super().users())

    def remember(self, user: AbstractBaseUser, row: dict[str, Any]) -> None:
        keep_viewer(user, Viewer.from_row(row))
