"""The site's model backend: Django's own, with a user's permissions read in one query."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import backends
from django.contrib.auth.models import Permission
from django.db.models import Q


class ModelBackend(backends.ModelBackend):
    """Django's `ModelBackend`, which reads a user's own permissions and their groups' in two
    queries on the first permission check of a request; every signed-in page checks one (the
    recruiter's search link), so this reads both in one. They are kept where Django keeps them
    (`_perm_cache` on the user object, so for one request): `user.has_perm()` and the templates'
    `perms` then ask the database nothing more. Superusers, inactive users and per-object checks
    are Django's own answers."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or user_obj.is_anonymous or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not user_obj.is_active:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            granted = (
                Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
                .values_list("content_type__app_label", "codename")
                .distinct()
            )
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in granted}
        return user_obj._perm_cache
