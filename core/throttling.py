"""Rate limits counted once for every worker and server, for the API and for pages alike.

DRF's throttles keep each caller's history in a cache; in a process's memory every worker keeps
its own, so four workers let four times the limit through, and DRF's read-modify-write of the
history loses counts to concurrent requests even in a shared cache. Here each limit is a
counter per caller and *window* (the rate's period, aligned to the clock) in the "shared" cache
(Redis, or a table in the database: settings.CACHES), raised by one atomic increment: at most
`limit` requests pass in any window, whatever the number of workers. A caller can spend a
window's allowance at its end and the next one's at its start; DRF's sliding window would not
allow that burst, and a counter costs one round trip where a history costs a read and a write
of a list that grows with the limit.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from datetime import timedelta
from functools import cache, wraps
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import now as tz_now
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, throttling
from rest_framework.request import Request

from core.auth import rows_with_permissions, user_from_row
from core.statements import Prepared, columns, instance_from

View = Callable[..., HttpResponse]
TOO_MANY_REQUESTS = 429
# Expired counters are deleted by one new window in this many (by the index on `expires`);
# 0 never deletes them (the tests that pin a page's statements: the clean-up is one more).
CLEAN_UP_EVERY = 1000


def shared_cache() -> BaseCache:
    return caches[settings.SHARED_CACHE_ALIAS]


class CounterDatabaseCache(DatabaseCache):
    """Django's database cache table, holding counters only, each raised by one statement.

    Django's own `incr` reads and then writes, so two workers could both write the same count,
    and its `add` counts the whole table to cull it. Here a counter is an integer written as
    text: `incr` is one UPDATE ... RETURNING, and `add` one INSERT that takes over an expired
    row; expired rows are deleted now and then, by index.
    """

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        connection = connections[router.db_for_write(self.cache_model_class)]
        table, now = connection.ops.quote_name(self._table), tz_now()
        expires = now + timedelta(seconds=self.get_backend_timeout(timeout) - time.time())
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            if CLEAN_UP_EVERY and random.randrange(CLEAN_UP_EVERY) == 0:
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [adapt(now)])
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
                "ON CONFLICT (cache_key) DO UPDATE "
                "SET value = excluded.value, expires = excluded.expires "
                f"WHERE {table}.expires < %s",
                [key, str(int(value)), adapt(expires), adapt(now)],
            )
            return cursor.rowcount == 1

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        connection = connections[router.db_for_write(self.cache_model_class)]
        table = connection.ops.quote_name(self._table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET value = CAST(CAST(value AS INTEGER) + %s AS TEXT) "
                "WHERE cache_key = %s AND expires >= %s RETURNING value",
                [delta, key, connection.ops.adapt_datetimefield_value(tz_now())],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found.")
        return int(row[0])


# The clock the rate limits' windows follow (the tests hold it still).
clock = time.time


def count_request(key: str, *, limit: int, period: int) -> float | None:
    """Count one request against `limit` per `period` seconds for `key`. None while within the
    limit; otherwise the seconds until the window ends."""
    now = clock()
    window = int(now // period)
    counter = f"throttle:{key}:{window}"
    store = shared_cache()
    try:
        count = store.incr(counter)
    except ValueError:
        # The window's first request, unless another worker's `add` came first.
        count = 1 if store.add(counter, 1, timeout=period + 1) else store.incr(counter)
    if count <= limit:
        return None
    return max((window + 1) * period - now, 1.0)


class SharedRateThrottle(throttling.SimpleRateThrottle):
    """DRF's throttle, its counters in the shared cache (keys, rates and scopes as DRF has them)."""

    retry_after: float | None = None

    def allow_request(self, request: Request, view: object) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.retry_after = count_request(self.key, limit=self.num_requests, period=self.duration)
        return self.retry_after is None

    def wait(self) -> float | None:
        return self.retry_after


class AnonRateThrottle(throttling.AnonRateThrottle, SharedRateThrottle):
    pass


class UserRateThrottle(throttling.UserRateThrottle, SharedRateThrottle):
    """Signed-in callers only: DRF counts anonymous ones here too, by address, but the stricter
    anonymous rate already does, and each count is a round trip to the shared cache."""

    def get_cache_key(self, request: Request, view: object) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class ScopedRateThrottle(throttling.ScopedRateThrottle, SharedRateThrottle):
    pass


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token check, with an invalid token counted as an anonymous request.

    DRF authenticates before it throttles, so a bad token would be refused with a 401 before
    any limit was consulted, and keys could be guessed at any speed. A caller sending bad
    tokens is anonymous: past the anonymous rate for its address it gets a 429 instead.
    """

    def authenticate(self, request: Request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            anonymous = AnonRateThrottle()
            if anonymous.rate is not None:
                key = anonymous.cache_format % {
                    "scope": anonymous.scope,
                    "ident": anonymous.get_ident(request),
                }
                wait = count_request(key, limit=anonymous.num_requests, period=anonymous.duration)
                if wait is not None:
                    raise exceptions.Throttled(wait) from None
            raise

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        """DRF's, with the user's permissions read in the same statement
        (`rows_with_permissions`)."""
        statement = _token_statement(self.get_model())
        row = statement.first(key)
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        token = _token_from_row(self.get_model(), row, statement.alias)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token


# Stands for a token's key while its statement is compiled (`core.statements`).
TOKEN_STAND_IN = "a token's key"


@cache
def _token_statement(model: type[Model]) -> Prepared:
    """A token with its user and their permissions, compiled once per process."""
    tokens = rows_with_permissions(model, "user")
    fields = [*columns(model), *columns(get_user_model(), "user__"), *tokens.query.annotations]
    return Prepared.of(lambda key: tokens.filter(key=key).values(*fields), TOKEN_STAND_IN)


def _token_from_row(model: type[Model], row: dict[str, Any], alias: str) -> Model:
    token = instance_from(model, row, alias)
    token.user = user_from_row(row, alias, "user__")
    return token


def throttle_page(scope: str) -> Callable[[View], View]:
    """Count a page against the API's rate limit `scope` (the same counters, per signed-in user or
    per address), and answer past the limit with a 429 page saying when to come back."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            throttle = ScopedRateThrottle()
            if throttle.allow_request(request, SimpleNamespace(throttle_scope=scope)):
                return view(request, *args, **kwargs)
            return too_many_requests(request, throttle.wait() or throttle.duration)

        return wrapped

    return decorate


def too_many_requests(request: HttpRequest, wait: float) -> HttpResponse:
    minutes = math.ceil(wait / 60)
    response = render(request, "429.html", {"minutes": minutes}, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(math.ceil(wait))
    return response
