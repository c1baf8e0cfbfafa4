"""The site's model backend: Django's own, with a user's permissions read with the user."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Model, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from core.statements import Prepared, columns, instance_from

# Where `rows_with_permissions` puts a user's permission names ("app_label.codename").
GRANTED = "granted_permissions"


def rows_with_permissions(model: type[Model], user: str = "pk") -> QuerySet:
    """`model`'s rows and, on PostgreSQL, the permission names of the user they name (`user`: a
    field naming the user, or the user's own key) read in the same statement, as `GRANTED`;
    elsewhere the permissions are read by `ModelBackend` when first asked for.

    Every signed-in page and API request checks a permission (the recruiter's search link), so
    reading them with the user saves a statement on each. The statements built on it are
    compiled once per process (`ModelBackend.user_statement`, `core.throttling`): resolving the
    permissions' subquery cost about 0.4 ms.
    """
    queryset = model._default_manager.all()
    if connections[queryset.db].vendor != "postgresql":
        return queryset
    return queryset.annotate(**{GRANTED: _permission_names(user)})


def _permission_names(user: str) -> ArraySubquery:
    """The subquery of `rows_with_permissions`. The user's own permissions and their groups' are
    two subqueries by key: joining both in one statement cost PostgreSQL three times as much to
    plan."""
    owner = OuterRef(OuterRef(user))
    own = get_user_model().user_permissions.through.objects.filter(user=owner)
    grouped = Group.permissions.through.objects.filter(group__user=owner)
    names = (
        Permission.objects.filter(
            Q(pk__in=own.values("permission")) | Q(pk__in=grouped.values("permission"))
        )
        .order_by()
        .values(full_name=Concat("content_type__app_label", Value("."), "codename"))
    )
    return ArraySubquery(names)


def remember_permissions(user: AbstractBaseUser, granted: list[str] | None) -> None:
    """Keep the permissions read by `rows_with_permissions` where Django keeps them for the
    request (`_perm_cache`), for an active user who is not a superuser (who holds every
    permission)."""
    if granted is not None and user.is_active and not user.is_superuser:
        user._perm_cache = set(granted)


class ModelBackend(backends.ModelBackend):
    """Django's `ModelBackend`, reading a user's permissions with the user on PostgreSQL
    (`rows_with_permissions`), elsewhere their own and their groups' in one query on the first
    permission check of a request (Django's takes two). They are kept where Django keeps them
    (`_perm_cache` on the user object, so for one request): `user.has_perm()` and the
    templates' `perms` then ask the database nothing more. Superusers, inactive users and
    per-object checks are Django's own answers."""

    def get_user(self, user_id: Any) -> AbstractBaseUser | None:
        statement = self.user_statement()
        row = statement.first(get_user_model()._meta.pk.to_python(user_id))
        if row is None:
            return None
        user = user_from_row(row, statement.alias)
        if not self.user_can_authenticate(user):
            return None
        self.remember(user, row)
        return user

    @classmethod
    def users(cls) -> QuerySet:
        """The users as a session's is read: with their permissions. A site's backend reads
        more with them (`remember` keeps it), so that a signed-in page asks nothing more."""
        return rows_with_permissions(get_user_model())

    def remember(self, user: AbstractBaseUser, row: dict[str, Any]) -> None:
        """Keep on `user`, for the request, what `users()` read beyond the user's columns and
        permissions (nothing here)."""

    @classmethod
    @cache
    def user_statement(cls) -> Prepared:
        """A session's user as `users()` reads them, compiled once per process and backend
        (`Prepared`)."""
        users = cls.users()
        fields = [*columns(get_user_model()), *users.query.annotations]
        return Prepared.of(lambda key: users.filter(pk=key).values(*fields))

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


def user_from_row(row: dict[str, Any], alias: str, prefix: str = "") -> AbstractBaseUser:
    """The user whose columns (through `prefix`) and `GRANTED` a prepared statement read
    (`core.statements`), their permissions remembered for the request."""
    user = instance_from(get_user_model(), row, alias, prefix)
    remember_permissions(user, row.get(GRANTED))
    return user
