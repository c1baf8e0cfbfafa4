"""Django's Redis cache with one client for each connection pool, made once per process.

Django makes a new `redis.Redis` for every cache call (`RedisCacheClient.get_client`), and
making one (it fills a table of reply handlers, a few hundred entries) took 0.2-0.3 ms, more
than the round trip to Redis it serves; a signed-in request makes three or four calls (the
session, the rate limit's counter, a search's kept counts). A client is safe to share between
threads: it takes a connection from its pool for each command and gives it back.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis


class ReusingClient(redis.RedisCacheClient):
    """Django's client of the cache, handing out one `redis.Redis` per connection pool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[Any, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class RedisCache(redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, its clients made once (`ReusingClient`)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingClient
