"""The daily digest of saved searches: one email per recruiter who asked for it, listing what is
new in each of their saved searches with the digest on.

A scheduler runs `manage.py send_saved_search_digests` once a day. Each search lists the matches
new since the later of its last opening and its last digest, the ten most recent by name with
the capped count of all of them; a recruiter with nothing new gets no email. Emails go through
Django's email backend (the console unless EMAIL_BACKEND says otherwise), written in both of
the site's languages since nothing records which one a recruiter reads; without email the
workspace's "new" counts are the digest. A search is stamped only once its email is sent, so a
failed send is tried again by the next run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from profiles.access import may_search_candidates
from workspace.models import SavedSearch
from workspace.saved_searches import Match, NewCount, new_count, newest_matches

MATCHES_LISTED = 10


@dataclass(frozen=True)
class Section:
    """One saved search in a digest: what is new, and the newest of it by name."""

    search: SavedSearch
    new: NewCount
    matches: list[Match]


@dataclass(frozen=True)
class DigestRun:
    sent: int
    nothing_new: int


def _since(search: SavedSearch) -> datetime.datetime:
    seen = [search.created_at, search.last_opened_at, search.digest_sent_at]
    return max(moment for moment in seen if moment is not None)


def sections_for(searches: list[SavedSearch]) -> list[Section]:
    """The searches with something new, each with its count and newest matches."""
    sections = []
    for search in searches:
        since = _since(search)
        new = new_count(search, since=since)
        if new:
            matches = newest_matches(search, since=since, limit=MATCHES_LISTED)
            sections.append(Section(search, new, matches))
    return sections


def recipients() -> dict[User, list[SavedSearch]]:
    """Every active recruiter (or admin) with an email address and a search with the digest
    on, with those searches."""
    searches = (
        SavedSearch.objects.filter(digest=True, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner")
        .order_by("owner_id", "name", "id")
    )
    grouped: dict[User, list[SavedSearch]] = {}
    owners: dict[int, User] = {}
    for search in searches:
        search.owner = owners.setdefault(search.owner_id, search.owner)  # one permission read
        grouped.setdefault(search.owner, []).append(search)
    return {user: found for user, found in grouped.items() if may_search_candidates(user)}


def _link(path: str) -> str:
    return settings.SITE_URL + path


def render_digest(user: User, sections: list[Section]) -> tuple[str, str]:
    """The subject and body, in every language of the site."""
    subjects, bodies = [], []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            subjects.append(gettext("New candidates in your saved searches"))
            context = {
                "user": user,
                "sections": [
                    {
                        "section": section,
                        "open_url": _link(
                            reverse("workspace:saved_search_open", args=[section.search.pk])
                        ),
                        "people": [
                            (match, _link(reverse("profiles:detail", args=[match.id])))
                            for match in section.matches
                        ],
                    }
                    for section in sections
                ],
                "settings_url": _link(reverse("workspace:saved_searches")),
            }
            bodies.append(render_to_string("workspace/email/saved_search_digest.txt", context))
    return " · ".join(dict.fromkeys(subjects)), "\n---\n\n".join(
        body.strip() + "\n" for body in bodies
    )


def send_digests(*, now: datetime.datetime | None = None) -> DigestRun:
    """One email per recipient with something new; every search sent for is stamped."""
    now = now or timezone.now()
    sent = nothing_new = 0
    for user, searches in recipients().items():
        sections = sections_for(searches)
        if sections:
            subject, body = render_digest(user, sections)
            send_mail(subject, body, None, [user.email])
            sent += 1
        else:
            nothing_new += 1
        SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(digest_sent_at=now)
    return DigestRun(sent=sent, nothing_new=nothing_new)
