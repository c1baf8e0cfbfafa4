"""Where a form sends the browser back to after it is done."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, url: str, fallback: str) -> str:
    """`url` if it is a path on this site ("/en/…"), `fallback` otherwise: not another site, and
    not a bare word, which `redirect` would take for the name of a URL pattern."""
    allowed = url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else fallback
