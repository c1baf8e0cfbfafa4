"""Django's Redis cache with one client for each connection pool, made once per process.

Django makes a new `redis.Redis` for every cache call (`RedisCacheClient.get_client`), and
making one (it fills a table of reply handlers, a few hundred entries) took 0.2-0.3 ms, more
than the round trip to Redis it serves; a signed-in request makes three or four calls (the
session, the rate limit's counter, a search's kept counts). A client is safe to share between
threads: it takes a connection from its pool for each command and gives it back.

Django's `incr` asks whether the key exists, then raises it: two round trips for each rate
limit's count, and a counter that expired between them came back without an expiry. Here it is
one script, run in Redis in one step.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis

# Raise the key by ARGV[1] if it exists (its expiry kept); nothing (None) if it does not.
RAISE_IF_KEPT = """
if redis.call('exists', KEYS[1]) == 1 then
  return redis.call('incrby', KEYS[1], ARGV[1])
end
return false
"""


class ReusingClient(redis.RedisCacheClient):
    """Django's client of the cache, handing out one `redis.Redis` per connection pool, and
    raising a counter in one round trip."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[Any, Any] = {}
        self._raise_if_kept: dict[Any, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client

    def incr(self, key: Any, delta: int) -> int:
        """Django's `incr` (a ValueError for a key not kept) in one round trip."""
        client = self.get_client(key, write=True)
        script = self._raise_if_kept.get(client)
        if script is None:
            script = self._raise_if_kept.setdefault(client, client.register_script(RAISE_IF_KEPT))
        raised = script(keys=[key], args=[delta])
        if raised is None:
            raise ValueError(f"Key '{key}' not found.")
        return raised


class RedisCache(redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, its clients made once and its counters
    raised in one round trip (`ReusingClient`)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingClient
