"""core.cache: plain data kept under the platform data version, in the shared cache or a process."""

import pytest
from django.core.cache import cache
from django.utils import translation

from core import cache as core_cache
from core.cache import (
    VERSION_KEY,
    cached_data,
    data_version,
    held_by_process,
    new_data_version,
    recent_data_version,
)


class Builds:
    """A build function that counts its calls and returns a fresh list each time."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[int]:
        self.calls += 1
        return [self.calls]


def test_the_data_version_is_made_once_and_kept():
    first = data_version()

    assert data_version() == first
    assert cache.get(VERSION_KEY) == first


def test_a_new_data_version_differs_from_the_last():
    before = data_version()

    new_data_version()

    assert data_version() != before


def test_cached_data_builds_once_per_version():
    build = Builds()

    assert cached_data("rows", build=build) == [1]
    assert cached_data("rows", build=build) == [1]
    new_data_version()
    assert cached_data("rows", build=build) == [2]
    assert build.calls == 2


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("rows", ()), ("other-rows", ())),
        (("rows", ("a",)), ("rows", ("b",))),
        (("rows", ("a", "b")), ("rows", ("ab",))),
        (("rows", (1,)), ("rows", ("1",))),
    ],
)
def test_the_name_and_every_vary_value_are_part_of_the_key(one, other):
    build = Builds()

    cached_data(one[0], *one[1], build=build)
    cached_data(other[0], *other[1], build=build)

    assert build.calls == 2


def test_each_language_has_its_own_entry():
    build = Builds()

    with translation.override("en"):
        english = cached_data("rows", build=build)
    with translation.override("zh-hans"):
        chinese = cached_data("rows", build=build)
    with translation.override("en"):
        again = cached_data("rows", build=build)

    assert (english, chinese, again) == ([1], [2], [1])


def test_a_falsy_value_is_kept_too():
    calls = []

    def build() -> None:
        calls.append(1)

    cached_data("nothing", build=build)
    cached_data("nothing", build=build)

    assert calls == [1]


def test_a_failed_build_keeps_nothing():
    def fail() -> list:
        raise LookupError("no such record")

    with pytest.raises(LookupError):
        cached_data("rows", build=fail)

    assert cached_data("rows", build=Builds()) == [1]


def test_entries_live_shared_cache_seconds(settings):
    settings.SHARED_CACHE_SECONDS = 0  # Django's cache reads a timeout of 0 as "expire at once"
    build = Builds()

    cached_data("rows", build=build)
    cached_data("rows", build=build)

    assert build.calls == 2


def test_held_by_process_keeps_the_very_object_until_the_version_changes():
    build = Builds()

    first = held_by_process("catalog-a", build)
    again = held_by_process("catalog-a", build)
    new_data_version()
    after_edit = held_by_process("catalog-a", build)

    assert again is first
    assert after_edit == [2]
    assert build.calls == 2


def test_held_by_process_rebuilds_after_shared_cache_seconds(monkeypatch, settings):
    settings.SHARED_CACHE_SECONDS = 5
    now = [1000.0]
    monkeypatch.setattr(core_cache.time, "monotonic", lambda: now[0])
    build = Builds()

    held_by_process("catalog-b", build)
    now[0] += 4.9
    held_by_process("catalog-b", build)
    now[0] += 0.2
    held_by_process("catalog-b", build)

    assert build.calls == 2


def test_held_by_process_keeps_each_name_apart():
    assert held_by_process("catalog-c", lambda: "c") == "c"
    assert held_by_process("catalog-d", lambda: "d") == "d"


def test_a_page_version_made_through_another_process_shows_within_a_second(monkeypatch):
    now = [2000.0]
    monkeypatch.setattr(core_cache.time, "monotonic", lambda: now[0])
    cache.set(VERSION_KEY, "before")
    assert recent_data_version() == "before"

    cache.set(VERSION_KEY, "edited elsewhere")  # another process's new_data_version()
    now[0] += core_cache.RECENT_VERSION_SECONDS - 0.1
    kept = recent_data_version()
    now[0] += 0.2
    seen = recent_data_version()

    assert (kept, seen) == ("before", "edited elsewhere")


def test_a_page_version_made_through_this_process_shows_at_once():
    before = recent_data_version()

    new_data_version()

    assert recent_data_version() != before
    assert recent_data_version() == data_version()
