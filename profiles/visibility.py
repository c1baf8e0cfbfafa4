"""Who sees a membership's handle: the one rule every page, tag, API answer and CSV applies.

Which profiles a viewer reaches at all is `ExecutiveProfile.objects.visible_to()` (and
`candidates_for()` for the search); this module decides, for a profile they do reach, whether
each platform's handle is shown. The owner sees their own; recruiters and admins see the handles
the executive did not hide, and so does the person who accepted the executive's request for an
introduction and writes to them first; everyone else learns only which platforms the person is on.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol

from django.contrib.auth.models import AnonymousUser, User

from profiles.access import SEEN_BY_ANYONE, SEEN_BY_RECRUITERS, may_search_candidates


class Audience(enum.Enum):
    """Who is looking at a profile decides which of its fields they see."""

    PUBLIC = "public"
    RECRUITER = "recruiter"
    # The person to meet, once they accepted the requester's introduction and chose to write
    # first: they read the requester's handles to write to.
    INTRODUCED = "introduced"
    OWNER = "owner"


# Who reads the handles an executive did not hide.
READS_SHOWN_HANDLES = frozenset({Audience.RECRUITER, Audience.INTRODUCED})


class HasHandle(Protocol):
    """A membership as a model instance or as a search result's channel."""

    handle: str
    hide_handle: bool


def audience_for(user: User | AnonymousUser, owner_id: int | None) -> Audience:
    """The audience `user` belongs to for the profile owned by the user `owner_id`."""
    return audiences_for(user)(owner_id)


def audiences_for(user: User | AnonymousUser) -> Callable[[int | None], Audience]:
    """`audience_for` the owners of a page of profiles: `user`'s role checked once, not once a
    row (about 12 µs each through the lazy user and the permission backends)."""
    others = Audience.RECRUITER if may_search_candidates(user) else Audience.PUBLIC
    own = user.pk if user.is_authenticated else None

    def audience(owner_id: int | None) -> Audience:
        return Audience.OWNER if owner_id is not None and owner_id == own else others

    return audience


def reaches_profile(audience: Audience, visibility: str) -> bool:
    """Whether a viewer of `audience` reaches a profile of this visibility at all, by the rule
    of `ExecutiveProfile.objects.visible_to` (admins aside): for the owner's preview of their
    page as others see it, where no such viewer is at hand."""
    if audience is Audience.OWNER:
        return True
    seen = SEEN_BY_RECRUITERS if audience is Audience.RECRUITER else SEEN_BY_ANYONE
    return visibility in seen


def handle_visible_to(audience: Audience, membership: HasHandle) -> bool:
    """Whether `audience` sees the membership's handle (an empty handle is never shown)."""
    if not membership.handle:
        return False
    if audience is Audience.OWNER:
        return True
    return audience in READS_SHOWN_HANDLES and not membership.hide_handle


def shown_handle(audience: Audience, membership: HasHandle) -> str | None:
    """The handle as `audience` may read it, or None."""
    return membership.handle if handle_visible_to(audience, membership) else None
