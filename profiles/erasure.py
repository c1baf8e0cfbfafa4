"""What account deletion erases beyond the rows that cascade from the user (PIPL art. 47).

Deleting the user cascades to the profile, its memberships, the API token, group memberships
and permissions. What else names the person is found and erased or scrubbed here: their login
records and sessions, their place in the network (connections, requests, blocks, team, and the
introductions they are party to, which the other parties keep as withdrawn), and their name in
what others hold — the administrators' change log, other recruiters' logged candidate searches
and other people's messages — and, through the sections other apps register
(`PersonalDataSection.erase`), in their rows: the workspace hands shared projects on and scrubs
the name from other recruiters' projects, notes, tags and saved searches. Only `RETENTIONS`
stays, with its reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters import CharFilter

from profiles.filters import CandidateFilter
from profiles.models import (
    Block,
    CandidateExport,
    ConnectionRequest,
    Contact,
    ExecutiveProfile,
    Introduction,
    IntroductionEvent,
    Membership,
    RecruiterTeamMembership,
)
from profiles.network_models import IntroductionStatus
from profiles.personal_data import (
    FAILED_LOGIN_MODELS,
    LOGIN_MODELS,
    admin_log_about,
    history_models,
    registered_sections,
)
from profiles.selectors import profile_of

# The candidate search's filters that take free text, the only ones a name can be typed into.
FREE_TEXT_FILTERS = frozenset(
    name
    for name, search_filter in CandidateFilter.base_filters.items()
    if isinstance(search_filter, CharFilter)
)
# Put where a deleted person's name was, in records that stay: not translated, it is stored.
ERASED = "[erased]"
# A searched word shorter than this is part of too many names to be taken for anyone's; two
# characters are a whole Chinese given name.
SHORTEST_NAMING_WORD = 2
# What deletion keeps of the person and what they made, and why: the deletion page, its
# confirmation and the privacy notice state exactly these sentences.
RETENTIONS = (
    _(
        "If you exported candidates as a recruiter, the record of each export stays: when, with "
        "which filter, how many rows, and your username. It lets us account for who took the data "
        "of other people out of NetworkDir."
    ),
    _(
        "Our administrators' change log and other recruiters' export records, projects, notes, "
        "tags and saved searches stay, but wherever they named you (your name, email address, "
        "or a username or handle with a digit or a sign such as . - _ @ in it) the name is "
        "replaced by [erased]. A username or handle that is an ordinary word, such as “cfo”, is "
        "left where others wrote it: it would erase their words, not your name."
    ),
    _(
        "Projects you shared with other recruiters stay with them: the member who joined first "
        "among those who can edit (or else the first member) becomes the owner. The candidates "
        "you added and the stages you set stay there without your name; your notes, outreach "
        "logs and saved searches go, as do projects no one else works in."
    ),
    _(
        "Introductions you were part of stay for the other people in them, marked as withdrawn "
        "because an account was deleted: without your name, and without your message if you "
        "asked for the introduction. Where their messages named you, the name is replaced by "
        "[erased]."
    ),
)
# Who takes part in an introduction, by the field that points at them.
INTRODUCTION_PARTIES = ("requester", "intermediary", "second_intermediary", "target")


@dataclass(frozen=True)
class Erasure:
    """What one deletion erased and kept, to tell the person exactly that."""

    exports_kept: int
    sessions_removed: int
    sessions_listed: bool
    admin_entries_scrubbed: int
    searches_scrubbed: int
    connections_removed: int = 0
    introductions_withdrawn: int = 0
    messages_scrubbed: int = 0
    # What the apps above `profiles` did to their rows (`PersonalDataSection.erase`), said by them.
    elsewhere: tuple[str, ...] = ()

    def message(self) -> str:
        """The confirmation shown after deletion: what went, what stayed and why."""
        parts = [
            _("Your account, profile, platforms and log-in records were deleted."),
            _("Every device signed in to the account is signed out."),
            self._exports(),
            *self._network(),
            *self._scrubbed(),
            *self.elsewhere,
        ]
        return " ".join(str(part) for part in parts)

    def _exports(self) -> str:
        if not self.exports_kept:
            return str(_("Nothing that names you was kept."))
        return ngettext(
            "We kept the record of %(count)d candidate export you made (when, which filter, how "
            "many rows, your username): it lets us account for who took the data of other "
            "people out of NetworkDir.",
            "We kept the records of %(count)d candidate exports you made (when, which filter, "
            "how many rows, your username): they let us account for who took the data of other "
            "people out of NetworkDir.",
            self.exports_kept,
        ) % {"count": self.exports_kept}

    def _network(self) -> list[str]:
        said = []
        if self.connections_removed:
            said.append(
                ngettext(
                    "Your %(count)d connection is removed from both sides.",
                    "Your %(count)d connections are removed from both sides.",
                    self.connections_removed,
                )
                % {"count": self.connections_removed}
            )
        if self.introductions_withdrawn:
            said.append(
                ngettext(
                    "The %(count)d introduction you were part of stays for the other people in "
                    "it as withdrawn, without your name.",
                    "The %(count)d introductions you were part of stay for the other people in "
                    "them as withdrawn, without your name.",
                    self.introductions_withdrawn,
                )
                % {"count": self.introductions_withdrawn}
            )
        return said

    def _scrubbed(self) -> list[str]:
        said = []
        if self.messages_scrubbed:
            said.append(
                _(
                    "Messages other people wrote to each other named you: they stay, with the "
                    "name replaced by [erased]."
                )
            )
        if self.admin_entries_scrubbed or self.searches_scrubbed:
            said.append(
                _(
                    "Our administrators' change log and other recruiters' export records "
                    "named you: they stay, with the name replaced by [erased]."
                )
            )
        return said


def _name_parts(display_name: str) -> set[str]:
    """A name written both ways ("Zhuang Qiaomu 庄乔木") is also written one way: the Latin
    words together, and each word in Chinese characters (a whole name, written without
    spaces). A two-word Latin name is also written the other way round ("Qiaomu Zhuang"):
    pinyin names come surname first or last."""
    words = display_name.split()
    latin = [word for word in words if word.isascii()]
    parts = {word for word in words if not word.isascii() and len(word) >= SHORTEST_NAMING_WORD}
    if len(latin) > 1:
        parts.add(" ".join(latin))
    if len(latin) == 2:
        parts.add(" ".join(reversed(latin)))
    return parts


def distinctive(identifier: str) -> bool:
    """Whether `identifier` names one person rather than reads as a word anyone writes: it holds
    something besides letters (a space, a digit, `@`, `.`, `-`, `_`, `/`), or is Chinese of two
    characters or more. A handle "CFO" or a username "sales" must not turn every "CFO" or
    "sales" other recruiters wrote into [erased]."""
    if not identifier.isalpha():
        return True
    return not identifier.isascii() and len(identifier) >= SHORTEST_NAMING_WORD


@dataclass(frozen=True)
class Names:
    """The ways a person is named in free text: their identifiers, and their name's words.

    Rows about the person (their own admin log entries) are scrubbed of every identifier; what
    others wrote, of the distinctive ones only (`in_others_text`)."""

    identifiers: tuple[str, ...]
    name_words: tuple[str, ...]

    @classmethod
    def of(cls, user: User) -> Names:
        profile = profile_of(user)
        display_name = profile.display_name if profile else ""
        handles = Membership.objects.filter(profile__user=user).values_list("handle", flat=True)
        identifiers = {user.get_username(), user.email, display_name, *_name_parts(display_name)}
        for handle in handles:
            identifiers.update({handle, handle.lstrip("@")})
        return cls(
            identifiers=tuple(sorted(filter(None, identifiers), key=len, reverse=True)),
            name_words=tuple(word.casefold() for word in display_name.split()),
        )

    def in_others_text(self) -> Names:
        """These names as text other people wrote is searched for them: the distinctive
        identifiers only (`distinctive`), and the name's words themselves."""
        return Names(
            identifiers=tuple(filter(distinctive, self.identifiers)), name_words=self.name_words
        )

    def spellings(self) -> Iterator[str]:
        """Each identifier as typed and as JSON stores it (the admin log escapes non-ASCII)."""
        for identifier in self.identifiers:
            yield identifier
            yield json.dumps(identifier)[1:-1]

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """Any identifier, matched whole on the Latin side: "li" leaves "Clinic" alone."""
        if not self.identifiers:
            return None
        alternatives = "|".join(re.escape(identifier) for identifier in self.identifiers)
        return re.compile(rf"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])", re.IGNORECASE)

    def scrub(self, text: str) -> str:
        """`text` with every identifier replaced by `ERASED`."""
        return self._pattern.sub(ERASED, text) if self._pattern else text

    def mentioning(self, rows: QuerySet, fields: Sequence[str]) -> QuerySet:
        """The `rows` whose `fields` hold one of the person's identifiers in any spelling."""
        mentions = Q(pk__in=[])
        for spelling in self.spellings():
            for field in fields:
                mentions |= Q(**{f"{field}__icontains": spelling})
        return rows.filter(mentions).only("pk", *fields)

    def scrub_rows(self, rows: QuerySet, fields: Sequence[str]) -> int:
        """Replace the person's name in `fields` of `rows`, text others wrote that stays, within
        each field's length; return how many rows changed."""
        model = rows.model
        changed = []
        for row in self.mentioning(rows, fields):
            before = [getattr(row, field) for field in fields]
            for field, text in zip(fields, before, strict=True):
                setattr(row, field, self.scrub(text)[: model._meta.get_field(field).max_length])
            if [getattr(row, field) for field in fields] != before:
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=1000)
        return len(changed)

    def scrub_query(self, query: str) -> str:
        """A stored candidate search with each free-text value that could name the person
        (`in_search`) replaced by `ERASED`: values are percent-encoded, and may hold only part of
        a name. A choice (`city=xian`) names no one and stays."""
        pairs = parse_qsl(query, keep_blank_values=True)
        scrubbed = [
            (key, ERASED if key in FREE_TEXT_FILTERS and self.in_search(value) else value)
            for key, value in pairs
        ]
        return query if scrubbed == pairs else urlencode(scrubbed)

    def scrub_queries(self, rows: QuerySet) -> int:
        """Scrub the stored query strings (`query`) of `rows`, each decoded and read
        (`scrub_query`); return how many changed."""
        changed = []
        for row in rows.exclude(query="").only("pk", "query").iterator(chunk_size=2000):
            scrubbed = self.scrub_query(row.query)
            if scrubbed != row.query:
                row.query = scrubbed
                changed.append(row)
        rows.model.objects.bulk_update(changed, ["query"], batch_size=1000)
        return len(changed)

    def in_search(self, term: str) -> bool:
        """Whether a searched term could name the person: it holds an identifier, or one of its
        words is a word of their name (the surname, "qiaomu"), or, in Chinese, written without
        spaces, part of it of two characters or more ("乔木" of 庄乔木); "xian" is not "Xiang"."""
        if self.scrub(term) != term:
            return True
        return any(
            word == name_word
            or (not word.isascii() and len(word) >= SHORTEST_NAMING_WORD and word in name_word)
            for word in term.casefold().split()
            for name_word in self.name_words
        )


def _erase_login_records(user: User) -> None:
    """Delete what django-axes keeps under the user's name, however its case was typed, unless
    another account goes by that spelling."""
    username = user.get_username()
    namesakes = User.objects.filter(username__iexact=username).exclude(pk=user.pk)
    for model in (*LOGIN_MODELS, *FAILED_LOGIN_MODELS):
        model.objects.filter(username__iexact=username).exclude(
            username__in=namesakes.values("username")
        ).delete()


def _erase_sessions(user: User) -> tuple[int, bool]:
    """End every session of `user`: (how many, whether the session store could be listed).

    Sessions in the database (the default, and `cached_db`) are read one by one, as only their
    encoded data holds the account's id. A cache or file store can't be listed: sessions there
    hold only the account's id and hash, sign no one in once the account is gone, and expire
    after SESSION_COOKIE_AGE.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return 0, False
    decoder = store_class()
    user_id = str(user.pk)
    keys = [
        key
        for key, data in store_class.get_model_class()
        .objects.values_list("session_key", "session_data")
        .iterator(chunk_size=2000)
        if decoder.decode(data).get(SESSION_KEY) == user_id
    ]
    for key in keys:
        store_class(session_key=key).delete()
    return len(keys), True


def _scrub_change_message(message: str, names: Names) -> str:
    """Scrub inside the JSON Django writes (names of inline objects), or plain text as it is."""
    try:
        structured = json.loads(message)
    except ValueError:
        return names.scrub(message)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return names.scrub(value)
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    scrubbed = walk(structured)
    return message if scrubbed == structured else json.dumps(scrubbed)


def _scrub_admin_log(user: User, names: Names) -> int:
    """Replace the person's name in the administrators' change log, which stays: it accounts for
    what each administrator did. Entries the person made themselves go with the account; those
    about them lose every identifier, those about others the distinctive ones."""
    about = set(LogEntry.objects.filter(admin_log_about(user)).values_list("pk", flat=True))
    others = names.in_others_text()
    mentions = Q(pk__in=about)
    for spelling in others.spellings():
        mentions |= Q(object_repr__icontains=spelling) | Q(change_message__icontains=spelling)
    changed = []
    for entry in LogEntry.objects.filter(mentions).exclude(user=user):
        scrubbing = names if entry.pk in about else others
        object_repr = scrubbing.scrub(entry.object_repr)
        change_message = _scrub_change_message(entry.change_message, scrubbing)
        if (object_repr, change_message) != (entry.object_repr, entry.change_message):
            entry.object_repr, entry.change_message = object_repr, change_message
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["object_repr", "change_message"])
    return len(changed)


def _scrub_change_reasons(names: Names) -> int:
    """Replace the person's name in the reasons administrators gave for their edits of the
    platform records (django-simple-history's `history_change_reason`), which stay with the
    record's history."""
    return sum(
        names.scrub_rows(model.objects.all(), ("history_change_reason",))
        for model in history_models()
    )


def _scrub_searches(user: User, names: Names) -> int:
    """Neutralise other recruiters' logged searches that could name the person.

    Query strings are percent-encoded and a search may hold only part of a name, so every logged
    filter is decoded and read (`Names.scrub_queries`): slow on a very long log, but deletion is
    rare and this is where a name would survive it.
    """
    return names.scrub_queries(CandidateExport.objects.exclude(recruiter=user))


def _remove_from_network(user: User, profile: ExecutiveProfile | None) -> int:
    """Remove the person's connections (both rows of each), their requests to connect and blocks
    either way, and their recruiter team membership; return how many connections went.

    The foreign keys would cascade too: deleting here, in one place, says what deletion does to
    the network whatever the keys say.
    """
    RecruiterTeamMembership.objects.filter(user=user).delete()
    if profile is None:
        return 0
    connections = Contact.objects.filter(owner=profile).count()
    Contact.objects.filter(Q(owner=profile) | Q(other=profile)).delete()
    ConnectionRequest.objects.filter(Q(sender=profile) | Q(recipient=profile)).delete()
    Block.objects.filter(Q(blocker=profile) | Q(blocked=profile)).delete()
    return connections


def _withdraw_introductions(profile: ExecutiveProfile) -> int:
    """Withdraw every introduction `profile` is party to, for the other parties to see as such;
    return how many.

    Each one not already withdrawn becomes withdrawn because an account was deleted (a recorded
    change without an actor), whatever its state: an accepted one offered a channel of someone
    who is gone, or to someone who is gone. Every row keeps no key to the person, nor their
    message if they asked for it; one with no other party left is deleted outright.
    """
    involved = Q()
    alone = Q()
    for party in INTRODUCTION_PARTIES:
        involved |= Q(**{party: profile})
        alone &= Q(**{party: profile}) | Q(**{f"{party}__isnull": True})
    introductions = Introduction.objects.filter(involved)
    introductions.filter(alone).delete()
    withdrawn = list(
        introductions.exclude(status=IntroductionStatus.WITHDRAWN).values_list("pk", flat=True)
    )
    Introduction.objects.filter(pk__in=withdrawn).update(
        status=IntroductionStatus.WITHDRAWN,
        withdrawn_by_deletion=True,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    IntroductionEvent.objects.bulk_create(
        IntroductionEvent(introduction_id=pk, status=IntroductionStatus.WITHDRAWN)
        for pk in withdrawn
    )
    Introduction.objects.filter(requester=profile).update(requester=None, message="")
    for party in INTRODUCTION_PARTIES[1:]:
        Introduction.objects.filter(**{party: profile}).update(**{party: None})
    IntroductionEvent.objects.filter(actor=profile).update(actor=None)
    return len(withdrawn)


def _scrub_messages(names: Names) -> int:
    """Replace the person's name in messages other people wrote each other, which stay."""
    return sum(
        names.scrub_rows(model.objects.all(), ("message",))
        for model in (Introduction, ConnectionRequest)
    )


def erase_traces(user: User) -> Erasure:
    """Erase everything that names `user` outside the rows deleting the user cascades to."""
    names = Names.of(user)
    others = names.in_others_text()
    sessions_removed, sessions_listed = _erase_sessions(user)
    _erase_login_records(user)
    profile = profile_of(user)
    elsewhere = tuple(
        sentence
        for section in registered_sections()
        if section.erase is not None
        for sentence in section.erase(user, others)
    )
    return Erasure(
        exports_kept=CandidateExport.objects.filter(recruiter=user).count(),
        sessions_removed=sessions_removed,
        sessions_listed=sessions_listed,
        admin_entries_scrubbed=_scrub_admin_log(user, names) + _scrub_change_reasons(others),
        searches_scrubbed=_scrub_searches(user, others),
        connections_removed=_remove_from_network(user, profile),
        introductions_withdrawn=_withdraw_introductions(profile) if profile else 0,
        messages_scrubbed=_scrub_messages(others),
        elsewhere=elsewhere,
    )
