"""A NUL character that reaches PostgreSQL is the client's mistake: a 400, never a 500.

PostgreSQL can't store U+0000 in text, and its driver refuses a query holding one before sending
it (psycopg2's `ValueError`). Forms and the API's fields already refuse NUL in what they
validate, naming the field; this catches the rest in one place — query strings the admin's
change lists turn into lookups, its search box, a cookie, any view written tomorrow — where
the failure happens, so nothing valid is refused and no check has to be repeated per view.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import bad_request

from core.outage import api_error, is_api_request

# How psycopg2 refuses a NUL character in a query parameter (psycopg 3 raises DataError).
DRIVER_REFUSAL = "cannot contain NUL (0x00) characters"


def is_nul_refusal(error: Exception) -> bool:
    return isinstance(error, ValueError) and DRIVER_REFUSAL in str(error)


class NulByteMiddleware:
    """Answer 400 (JSON under /api/, the 400 page elsewhere) when a NUL character in the
    request reached the database driver."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if not is_nul_refusal(error):
            return None
        if is_api_request(request):
            return api_error(
                request, _("The request holds a NUL character (0x00), which nothing accepts."), 400
            )
        return bad_request(request, error)
