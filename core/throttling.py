"""Rate limits counted once for every worker and server, for the API and for pages alike.

DRF's throttles keep each caller's history in a cache; in a process's memory every worker keeps
its own, so four workers let four times the limit through. Here the counts live in the "shared"
cache (Redis, or a table in the database: settings.CACHES), and a request is let through only
if it claims one of the limit's *slots*, each held for the period. Claiming is one atomic `add`
(SET NX in Redis, an INSERT on the primary key in the database), so two workers can't take the
same slot: at most `limit` requests pass in any period, a sliding window as DRF's own. A
read-modify-write of a history list, as DRF does, would lose counts to concurrent requests.
"""

from __future__ import annotations

import base64
import math
import pickle
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import now as tz_now
from rest_framework import authentication, exceptions, throttling
from rest_framework.request import Request

View = Callable[..., HttpResponse]
TOO_MANY_REQUESTS = 429
# Expired slots are deleted by one request in this many (by the index on `expires`); the rest
# are taken over in place when their key is used again.
CLEAN_UP_EVERY = 1000
NEVER = datetime.max.replace(tzinfo=UTC)


def shared_cache() -> BaseCache:
    return caches[settings.SHARED_CACHE_ALIAS]


class SlotDatabaseCache(DatabaseCache):
    """Django's database cache, with the two operations a slot needs made cheap and atomic.

    Django's `add` counts the whole table (to cull it) and reads before it writes, so two
    workers could both take an expired slot; here it is one INSERT ... ON CONFLICT that takes a
    free or expired slot, and expired rows are deleted now and then by index instead. Django's
    `get_many` deletes the expired rows it reads, which could delete a slot another worker has
    just taken; here it only leaves them out.
    """

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        connection = connections[router.db_for_write(self.cache_model_class)]
        table, now = connection.ops.quote_name(self._table), _stored(connection, tz_now())
        expires_at = self.get_backend_timeout(timeout)
        expires = NEVER if expires_at is None else datetime.fromtimestamp(expires_at, tz=UTC)
        expires = _stored(connection, expires)
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            if random.randrange(CLEAN_UP_EVERY) == 0:
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
                "ON CONFLICT (cache_key) DO UPDATE "
                "SET value = excluded.value, expires = excluded.expires "
                f"WHERE {table}.expires < %s",
                [key, encoded, expires, now],
            )
            return cursor.rowcount == 1

    def get_many(self, keys, version=None) -> dict:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        connection = connections[router.db_for_read(self.cache_model_class)]
        table = connection.ops.quote_name(self._table)
        placeholders = ", ".join(["%s"] * len(key_map))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT cache_key, value FROM {table} "
                f"WHERE cache_key IN ({placeholders}) AND expires >= %s",
                [*key_map, _stored(connection, tz_now())],
            )
            rows = cursor.fetchall()
        return {key_map[key]: pickle.loads(base64.b64decode(value)) for key, value in rows}


def _stored(connection: BaseDatabaseWrapper, moment: datetime) -> object:
    """`moment` as the database stores and compares it (SQLite compares text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def claim_slot(key: str, *, limit: int, period: int) -> float | None:
    """Claim one of `limit` slots of `key` for `period` seconds. None when claimed; otherwise
    the seconds until the oldest slot frees."""
    store = shared_cache()
    slots = [f"throttle:{key}:{number}" for number in range(limit)]
    held = store.get_many(slots)
    now = time.time()
    for slot in slots:
        # Another worker may take a free slot first: its add fails, and the next one is tried.
        if slot not in held and store.add(slot, now, timeout=period):
            return None
    claimed = store.get_many(slots).values() or [now]
    return max(min(claimed) + period - now, 1.0)


class SharedRateThrottle(throttling.SimpleRateThrottle):
    """DRF's throttle, its slots in the shared cache (keys, rates and scopes as DRF has them)."""

    retry_after: float | None = None

    def allow_request(self, request: Request, view: object) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.retry_after = claim_slot(self.key, limit=self.num_requests, period=self.duration)
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
                wait = claim_slot(key, limit=anonymous.num_requests, period=anonymous.duration)
                if wait is not None:
                    raise exceptions.Throttled(wait) from None
            raise


def throttle_page(scope: str) -> Callable[[View], View]:
    """Count a page against the API's rate limit `scope` (the same slots, per signed-in user or
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
