"""What nearly every page asks about the signed-in person viewing it: their own profile, their
recruiter team, and the navigation's counts, read with the session's user.

Every signed-in page asks it: the navigation shows the counts, and a search page, a person's
page and a project's board look for introduction paths from the viewer's profile or team. The
site's authentication backend (`profiles.auth`) reads the viewer with the session's user
(`with_viewer`), in the statement it compiles once per process (`core.statements`), and keeps
it on the user object for the request (`keep_viewer`), as Django keeps the permissions it read:
one statement for both. A request signed in otherwise (an API token) reads it in one statement
where its paths start (`profiles.paths.starts_for`), which keeps it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F, OuterRef, QuerySet
from django.db.models.functions import Now

from core.statements import Prepared
from profiles.introduction_selectors import unread_introductions
from profiles.network_selectors import SubqueryCount, open_requests

# Where the viewer read for this request is kept on the user object.
KEPT_VIEWER = "_viewer"


@dataclass(frozen=True)
class Viewer:
    """A signed-in person's own profile and recruiter team (None without one) and the
    navigation's counts."""

    profile_id: int | None
    team_id: int | None
    requests: int
    introductions: int

    @property
    def counts(self) -> dict[str, int]:
        return {"requests": self.requests, "introductions": self.introductions}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Viewer:
        """The viewer among the values a statement read `with_viewer`."""
        return cls(**{field.name: row[field.name] for field in fields(cls)})


NOBODY = Viewer(profile_id=None, team_id=None, requests=0, introductions=0)


def with_viewer(users: QuerySet) -> QuerySet:
    """`users` with each one's `Viewer` fields annotated. The counts' subqueries read the
    database's clock (`Now()`), not the request's, so the statement can be compiled once."""
    now = Now()
    return users.annotate(
        profile_id=F("executive_profile__id"),
        introductions_seen_at=F("executive_profile__introductions_seen_at"),
        team_id=F("team_membership__team"),
        requests=SubqueryCount(
            open_requests(now).filter(recipient=OuterRef("profile_id")).values("pk")
        ),
        introductions=SubqueryCount(unread_introductions(now)),
    )


def read_viewer(user: User | AnonymousUser) -> Viewer:
    """`user` as `Viewer`: the one kept for this request, or else read in one statement (none
    for an anonymous visitor)."""
    if not user.is_authenticated:
        return NOBODY
    kept = getattr(user, KEPT_VIEWER, None)
    if kept is not None:
        return kept
    row = _viewer_statement().first(user.pk)
    return Viewer.from_row(row) if row else NOBODY


def keep_viewer(user: User, viewer: Viewer) -> None:
    """Keep `viewer` on `user` for the rest of the request."""
    setattr(user, KEPT_VIEWER, viewer)


def forget_viewer(user: User | AnonymousUser) -> None:
    """Read the viewer again when next asked: a request that has just changed their counts
    (opened their inbox) shows the new ones."""
    if hasattr(user, KEPT_VIEWER):
        delattr(user, KEPT_VIEWER)


def nav_counts(user: User) -> dict[str, int]:
    """The numbers beside "My network" and "Introductions" in the navigation."""
    return read_viewer(user).counts


@cache
def _viewer_statement() -> Prepared:
    """Compiled once per process (`core.statements`): its subqueries cost more to build than
    to run."""
    viewers = with_viewer(get_user_model().objects.order_by()).values(
        *(field.name for field in fields(Viewer))
    )
    return Prepared.of(lambda key: viewers.filter(pk=key))
