"""Probes for load balancers: /healthz says the process answers, /readyz that it can serve.

A load balancer restarts a process whose /healthz fails and stops routing to one whose /readyz
fails. So /healthz touches nothing outside the process (a database outage must not restart
every worker), while /readyz asks each database for `SELECT 1` and, when Redis is configured
(REDIS_URL), Redis for a key through the cache's own client. Both answer JSON, are never cached,
and live outside the language prefix so a probe needs no redirect.
"""

from __future__ import annotations

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core.outage import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS, OutageLog, outage

OK, UNAVAILABLE = "ok", "unavailable"
redis_outage = OutageLog("Redis")


@csrf_exempt  # a probe changes nothing; any method but GET/HEAD is a plain 405
@require_safe
@never_cache
def healthz_view(request: HttpRequest) -> JsonResponse:
    """The process is up and answering; nothing else is asked."""
    return JsonResponse({"status": OK})


def database_checks() -> dict[str, str]:
    """`SELECT 1` on every configured database, named `database` (and `database:<alias>`)."""
    checks = {}
    for alias in connections:
        name = "database" if alias == "default" else f"database:{alias}"
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DATABASE_UNAVAILABLE as error:
            outage.failed(error)
            checks[name] = UNAVAILABLE
        else:
            checks[name] = OK
    if all(state == OK for state in checks.values()):
        outage.recovered()
    return checks


def redis_checks() -> dict[str, str]:
    """A read through each Redis cache's client (none without REDIS_URL); any error fails it."""
    checks = {}
    for alias in caches:
        cache = caches[alias]
        if not isinstance(cache, RedisCache):
            continue
        name = "redis" if alias == "default" else f"redis:{alias}"
        try:
            cache.get("readyz")
        except Exception as error:
            redis_outage.failed(error)
            checks[name] = UNAVAILABLE
        else:
            redis_outage.recovered()
            checks[name] = OK
    return checks


@csrf_exempt  # a probe changes nothing; any method but GET/HEAD is a plain 405
@require_safe
@never_cache
def readyz_view(request: HttpRequest) -> JsonResponse:
    """200 when every database (and Redis, when configured) answers, 503 naming the one that
    doesn't."""
    checks = {**database_checks(), **redis_checks()}
    if all(state == OK for state in checks.values()):
        return JsonResponse({"status": OK, "checks": checks})
    response = JsonResponse({"status": UNAVAILABLE, "checks": checks}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
