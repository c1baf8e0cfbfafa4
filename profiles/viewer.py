"""What nearly every page asks about the signed-in person viewing it: their own profile, their
recruiter team, and the navigation's counts, in one statement.

A search page, a person's page and a project's board asked in two: where the viewer's paths
start (a statement built anew each time, 0.8 ms), then the navigation's counts. The statement
here is compiled once per process and run with the user's key (`core.statements`); the counts
read with the starts are kept for the same request's navigation (`nav_counts`), as Django keeps
the permissions it read on the user object.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F, OuterRef
from django.db.models.functions import Now

from core.statements import Prepared
from profiles.introduction_selectors import unread_introductions
from profiles.network_selectors import SubqueryCount, open_requests

# Where `profiles.paths.starts_for` leaves the counts it read, for the same request's navigation.
KEPT_COUNTS = "_nav_counts"


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


NOBODY = Viewer(profile_id=None, team_id=None, requests=0, introductions=0)


def read_viewer(user: User | AnonymousUser) -> Viewer:
    """`user` as `Viewer`, in one statement (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return NOBODY
    row = _viewer_statement().first(user.pk)
    return Viewer(**row) if row else NOBODY


def keep_counts(user: User, viewer: Viewer) -> None:
    """Keep `viewer`'s counts on `user` for this request's navigation (`nav_counts`)."""
    setattr(user, KEPT_COUNTS, viewer.counts)


def nav_counts(user: User) -> dict[str, int]:
    """The numbers beside "My network" and "Introductions" in the navigation: the ones read
    with the viewer's starts in this request, or read now."""
    return getattr(user, KEPT_COUNTS, None) or read_viewer(user).counts


@cache
def _viewer_statement() -> Prepared:
    """Compiled once per process (`core.statements`): its subqueries cost more to build than
    to run. They read the database's clock (`Now()`), not the request's."""
    now = Now()
    viewers = (
        get_user_model()
        .objects.order_by()
        .annotate(
            profile_id=F("executive_profile__id"),
            introductions_seen_at=F("executive_profile__introductions_seen_at"),
            team_id=F("team_membership__team"),
        )
        .values(
            "profile_id",
            "team_id",
            requests=SubqueryCount(
                open_requests(now).filter(recipient=OuterRef("profile_id")).values("pk")
            ),
            introductions=SubqueryCount(unread_introductions(now)),
        )
    )
    return Prepared.of(lambda key: viewers.filter(pk=key))
