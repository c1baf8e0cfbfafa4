"""The Redis cache with one client per connection pool (`core.redis_cache`), against a throwaway
redis-server (`bin/ensure-system-packages` installs it for `make test`)."""

import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from core.redis_cache import RedisCache

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (apt-get install redis-server)"
)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A redis-server of this module's own on a Unix socket: no port to collide with another
    test worker's, nothing kept on disk."""
    socket = tmp_path_factory.mktemp("redis") / "redis.sock"
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"unix://{socket}"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait()


@pytest.fixture
def store(redis_url):
    cache = RedisCache(redis_url, {})
    cache.clear()
    return cache


@pytest.fixture
def clients_made(monkeypatch):
    made = []
    make = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        make(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    return made


def test_the_cache_makes_one_client_for_all_its_calls(redis_url, clients_made):
    store = RedisCache(redis_url, {})
    store.set("visits", 1, 60)
    store.incr("visits")
    store.get_many(["visits", "missing"])
    store.get("visits")

    assert len(clients_made) == 1


def test_the_shared_client_reads_what_was_written_as_djangos_own_does(store):
    store.set("record", {"name": "示例", "count": 3}, 60)
    store.set_many({"a": 1, "b": "二"}, 60)

    assert store.get("record") == {"name": "示例", "count": 3}
    assert store.get_many(["a", "b", "c"]) == {"a": 1, "b": "二"}
    assert store.incr("a", 2) == 3
    with pytest.raises(ValueError, match="not found"):
        store.incr("never-set")


def test_threads_share_the_client_without_losing_a_count(store):
    store.set("counter", 0, 60)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: store.incr("counter"), range(400)))

    assert store.get("counter") == 400


def test_raising_a_counter_is_one_round_trip(store, monkeypatch):
    store.set("counter", 5, 60)
    commands = []
    send = redis.Redis.execute_command

    def counted(self, *args, **kwargs):
        commands.append(args[0])
        return send(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    store.incr("counter")  # the first loads the script
    commands.clear()

    assert store.incr("counter", 3) == 9
    assert commands == ["EVALSHA"]


def test_a_raised_counter_keeps_its_expiry(store, redis_url):
    store.set("window", 1, 60)
    store.incr("window")

    ttl = redis.Redis.from_url(redis_url).ttl(store.make_and_validate_key("window"))
    assert 55 <= ttl <= 60
