"""Reads from a PostgreSQL read replica, writes to the primary; on when DATABASE_REPLICA_URL is set.

A replica lags the primary by a little, so a read goes to the primary whenever an old answer
would be wrong:

- inside a transaction on the primary (a write followed by a read in the same unit of work);
- for models whose last write must be seen at once: sessions, accounts and permissions, login
  lockouts, API tokens (a login, then the next page, must find the session);
- for a whole request that writes (POST, PUT, PATCH, DELETE), and for every request from the
  same browser for `REPLICA_LAG_SECONDS` after it, so people see their own edits
  (`PrimaryAfterWriteMiddleware` marks those requests with a short-lived cookie).

Everything else — platform pages, candidate search, advice — reads the replica, which is where
the load is. Migrations run on the primary only; the replica gets them by replication.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
# Apps whose rows must be read as just written ("django_cache": the shared cache's rate limits).
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "contenttypes",
        "admin",
        "axes",
        "authtoken",
        "simple_history",
        "django_cache",
    }
)
PRIMARY_COOKIE = "read_primary"
REPLICA_LAG_SECONDS = 10
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


@contextmanager
def primary_only() -> Iterator[None]:
    """Within this block every read goes to the primary."""
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model: type[Model], **hints) -> str:
        if (
            _pinned_to_primary.get()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Model], **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Pin a writing request, and the same browser's requests just after it, to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        if not (writes or PRIMARY_COOKIE in request.COOKIES):
            return self.get_response(request)
        with primary_only():
            response = self.get_response(request)
        if writes:
            response.set_cookie(
                PRIMARY_COOKIE,
                "1",
                max_age=REPLICA_LAG_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
