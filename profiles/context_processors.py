"""Template context for the navigation every page shows to a signed-in person."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from profiles.network_selectors import nav_counts


def network_counts(request: HttpRequest) -> dict:
    """`network_counts.requests`: requests waiting for the user's answer, for the badge beside
    "My network". Counted (one query) only when a page draws it, for a signed-in user."""

    def counts() -> dict[str, int]:
        user = request.user
        return nav_counts(user) if user.is_authenticated else {}

    return {"network_counts": SimpleLazyObject(counts)}
