"""What the recruiters' pages check before anything else: here, not in a views module, so the
workspace's views take it without importing another app's views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from profiles.access import may_search_candidates


def recruiter_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login page; logged-in people without the role get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_search_candidates(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
