"""Whole pages kept for visitors who carry no state of their own, with Django's `cache_page`."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page

from core.cache import VERSION_KEY, recent_data_version

View = Callable[..., HttpResponse]


def carries_state(request: HttpRequest) -> bool:
    """A session or pending messages: the page may show who is signed in or a message."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def kept_for_visitors(*version_keys: str) -> Callable[[View], View]:
    """A view through Django's `cache_page` for visitors without a session, kept in the
    process's memory under the versions of the data it shows (`recent_data_version` of each of
    `version_keys`), so an edit of that data shows within a second.

    The page must then be the same for all of them: it holds no CSRF token (Django's cache
    middleware refuses to keep a response that sets a cookie for a cookieless request, so a
    page that starts using one silently stops being kept, never leaks). A visitor with a
    session or a pending message gets the page built for them; the plain data behind it is
    still shared (`core.cache`). Only answers of 200 are kept: a page of errors is built
    each time.
    """

    def decorator(view: View) -> View:
        @lru_cache(maxsize=2)
        def cached_under(version: str) -> View:
            """Django's cache middleware around `view` for one set of versions, built once."""
            return cache_page(
                settings.SHARED_CACHE_SECONDS,
                cache=settings.PAGES_CACHE_ALIAS,
                key_prefix=f"page:{version}",
            )(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if carries_state(request):
                return view(request, *args, **kwargs)
            version = ":".join(recent_data_version(key) for key in version_keys)
            return cached_under(version)(request, *args, **kwargs)

        return wrapped

    return decorator


# The platform pages: kept until the platform records change.
cache_page_for_visitors = kept_for_visitors(VERSION_KEY)
