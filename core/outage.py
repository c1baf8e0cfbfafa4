"""A database that can't be reached answers 503 with Retry-After, and is logged once per outage.

Django turns an exception into a response at every middleware boundary
(`convert_exception_to_response`), so no middleware above the session or authentication
middleware ever sees an error raised there: the one place every uncaught exception reaches is
the 500 handler (`handler500` in networkdir/urls.py), which Django calls while the exception is
being handled. `server_error` answers a database error there with a 503 — JSON under /api/, a
short bilingual page elsewhere — and any other error with a 500 in the same two shapes. One
database error reaches the 400 handler instead: a session whose save the database could not
take, which Django reports as a session deleted by a concurrent request (`SessionInterrupted`);
`bad_request` answers it with the same 503.

Each worker process logs the first database error of an outage with its traceback, counts the
503s after it in silence, and logs once more when a request succeeds with a database connection
open again (`DatabaseOutageMiddleware`). `QuietOutages` keeps Django's request logger from
adding a line and a traceback per request. Recovery needs nothing here: Django closes a connection
that failed at the end of the request, and `CONN_HEALTH_CHECKS` checks a persistent one before
reusing it, so the next request connects afresh.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error
from rest_framework.exceptions import APIException

logger = logging.getLogger("networkdir.outage")

# Errors meaning the database could not answer: refused or lost connections, a server shutting
# down, and the "connection already closed" that follows them.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


class OutageLog:
    """The current outage of one dependency in this process, if any: when it began and how many
    requests it turned away."""

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self._lock = threading.Lock()
        self.started: float | None = None
        self.answered = 0

    @property
    def active(self) -> bool:
        return self.started is not None

    def failed(self, error: BaseException) -> None:
        """Count a request the dependency could not serve; log only the outage's first."""
        with self._lock:
            self.answered += 1
            if self.started is not None:
                return
            self.started = time.monotonic()
        logger.error(
            "%s unavailable (%s); answering 503 until it answers again",
            self.subject,
            error,
            exc_info=error,
        )

    def recovered(self) -> None:
        """Log the end of the outage, how long it lasted and how many requests it turned away."""
        with self._lock:
            if self.started is None:
                return
            lasted, answered = time.monotonic() - self.started, self.answered
            self.started, self.answered = None, 0
        logger.warning(
            "%s available again after %.1f s; %d requests were answered 503",
            self.subject,
            lasted,
            answered,
        )


outage = OutageLog("Database")


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(request: HttpRequest, detail: str, status: int) -> JsonResponse:
    """The API's error shape, in the caller's language even when the error came before
    LocaleMiddleware chose it."""
    with translation.override(translation.get_language_from_request(request)):
        return JsonResponse({"detail": str(detail)}, status=status)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 itself: never cached, with the time to wait before trying again."""
    if is_api_request(request):
        response: HttpResponse = api_error(
            request, _("The service is briefly unavailable. Try again in a moment."), 503
        )
    else:
        # The language may not be known yet (the error can come before LocaleMiddleware), so
        # the page says it in both languages, and it renders without the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database error becomes a 503, and the API's errors are JSON."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        outage.failed(error)
        return unavailable_response(request)
    if is_api_request(request):
        return api_error(request, APIException.default_detail, 500)
    return django_server_error(request)


TOO_LARGE = _("The request body is too large: the API reads at most %(limit)d bytes.")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 handler: a request refused because the database failed under it (a session's
    save) is an outage's 503; under /api/ the API's error shape, a body over the size Django
    reads a 413; any other is Django's 400 page."""
    error = _database_error_behind(exception)
    if error is not None:
        outage.failed(error)
        return unavailable_response(request)
    if is_api_request(request):
        if isinstance(exception, RequestDataTooBig):
            limit = {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
            return api_error(request, TOO_LARGE % limit, 413)
        return api_error(request, _("The request could not be read."), 400)
    return django_bad_request(request, exception)


def _database_error_behind(error: BaseException | None) -> BaseException | None:
    """The database error that `error` was raised in handling or from, if any."""
    while error is not None:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return error
        error = error.__cause__ or error.__context__
    return None


def database_connected() -> bool:
    """Whether this thread holds an open connection after the request: it reached the
    database, since a connection that failed is closed before the next request uses it."""
    return any(
        connection.connection is not None for connection in connections.all(initialized_only=True)
    )


class DatabaseOutageMiddleware:
    """Notice the end of an outage: the first request that succeeds with a connection open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if outage.active and response.status_code < 500 and database_connected():
            outage.recovered()
        return response


class QuietOutages(logging.Filter):
    """Drop Django's line (and traceback) per 503: the outage behind them is logged once, by
    `OutageLog`, and /readyz answers 503 to every probe until it ends."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 503
