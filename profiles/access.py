"""Who may see whom: a viewer's role and the visibility levels of the profiles each role sees.

The vocabulary of the one privacy rule, below the models that apply it (`profiles.models`'
querysets, the network's `ContactQuerySet.showable_to`) and the handle rule
(`profiles.visibility`), so that each of them reads it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SEARCH_CANDIDATES_PERMISSION = "profiles.search_candidates"


def is_recruiter(user: User | AnonymousUser) -> bool:
    """Whether `user` holds the recruiter's role, `profiles.search_candidates` (superusers hold
    every permission, inactive users none, as in Django's ModelBackend). Who may search
    candidates is `may_search_candidates`: recruiters and admins."""
    return user.has_perm(SEARCH_CANDIDATES_PERMISSION)


def is_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_staff


def may_search_candidates(user: User | AnonymousUser) -> bool:
    """Whether `user` searches and sees candidates as recruiters do: recruiters and admins."""
    return is_admin(user) or is_recruiter(user)


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private: only me")
    RECRUITERS = "recruiters", _("Recruiters on NetworkDir")
    PUBLIC = "public", _("Public: anyone")


# Which profiles a viewer sees besides their own (admins see every one): the one privacy rule,
# read by `visible_to`, `candidates_for` and the owner's preview of their page as others see it.
SEEN_BY_ANYONE = (Visibility.PUBLIC,)
SEEN_BY_RECRUITERS = (Visibility.RECRUITERS, Visibility.PUBLIC)


def seen_by(user: User | AnonymousUser) -> tuple[str, ...]:
    """The visibilities of the other people's profiles `user` sees (admins: every one)."""
    if is_admin(user):
        return tuple(Visibility)
    return SEEN_BY_RECRUITERS if is_recruiter(user) else SEEN_BY_ANYONE


@dataclass(frozen=True)
class Reach:
    """The profiles a viewer reaches: every one (admins), or those of `visibilities` and their
    own. The one privacy rule, said once here, as SQL for a queryset (`as_q`) and as a check of
    one profile already read (`admits`)."""

    everything: bool
    visibilities: tuple[str, ...]
    own_user_id: int | None

    def as_q(self) -> Q:
        if self.everything:
            return Q()
        visible = Q(visibility__in=self.visibilities)
        if self.own_user_id is not None:
            visible |= Q(user_id=self.own_user_id)
        return visible

    def admits(self, *, visibility: str, owner_id: int | None) -> bool:
        if self.everything or visibility in self.visibilities:
            return True
        return owner_id is not None and owner_id == self.own_user_id


def reach_of(user: User | AnonymousUser) -> Reach:
    """Which profiles `user` reaches: anonymous visitors and executives the public ones (and
    their own); recruiters also those shared with recruiters; admins every one."""
    own = user.pk if user.is_authenticated else None
    return Reach(everything=is_admin(user), visibilities=seen_by(user), own_user_id=own)


def shown_in_network(user: User | AnonymousUser) -> tuple[str, ...]:
    """The visibilities of the profiles that may appear in `user`'s view of the network (paths,
    connections in common, the search's network filter): those `user` sees, never a private
    one. A private profile still connects, but only the people it is connected with see it."""
    return tuple(level for level in seen_by(user) if level != Visibility.PRIVATE)
