"""The production settings, plus the benchmark's URLs: the bare view that measures the ceiling.

Nothing else differs from what `make serve` runs: same middleware, caches, database settings.
"""

from networkdir.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
