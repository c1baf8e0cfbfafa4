"""Gunicorn's settings for `make serve` and the benchmark: `gunicorn -c python:networkdir.gunicorn`.

The server's values come from the environment, with defaults measured by `make bench` on two cores
(bench/RESULTS.md): one synchronous worker per core beat both more workers and threads there
(the work is mostly Python, and threads of one process share one interpreter lock). A busy
worker stops accepting, so a slow request holds up only the requests behind it when every
worker is busy; raise WEB_CONCURRENCY if requests often wait on something other than the CPU.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Load the application once in the master, then fork: less memory, and a broken deploy fails
# before any worker starts. Database connections are opened later, per worker.
preload_app = True
keepalive = 5
timeout = 30
graceful_timeout = 30
# The load balancer (or the benchmark) logs requests; gunicorn logs errors only.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


# Python's cyclic garbage collector in a worker of the preloaded app. The objects loaded in the
# master (Django, the apps, the URLs: over 100,000) live as long as the worker, yet every full
# collection walked them all again: 70 ms, about once in a hundred search pages, the search
# page's p99 (85 ms, 40 without). The walk also wrote to their memory pages, so the workers
# stopped sharing them with the master. Frozen before the fork, they are never walked. (A larger
# young generation was tried too: it slowed the bare view more than it helped the pages.)
def pre_fork(server: object, worker: object) -> None:
    gc.freeze()
