"""Email notifications of introductions: optional, and off unless `settings.NETWORK_EMAILS`.

The sources say email is weak in China, so introductions live in the inbox on NetworkDir. With
NETWORK_EMAILS on, the party who must act next gets one email per change, through Django's email
backend, once the change is committed: the intermediary asked, the next one it is passed on to,
the person to meet, and the requester when accepted. Declines, withdrawals and expiries send
nothing (nobody must act, and a decline is never announced). Nothing records which language a
person reads, so each email is written in both of the site's languages, and says no more than
the inbox shows its reader: the person to meet learns who asks by title and company only.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from profiles.introduction_rules import Status
from profiles.introduction_selectors import described, name_of
from profiles.models import ExecutiveProfile, Introduction

NEWS = {
    Status.WITH_INTERMEDIARY: gettext_lazy(
        "%(requester)s asks you to introduce them to %(target)s."
    ),
    Status.WITH_SECOND_INTERMEDIARY: gettext_lazy(
        "%(intermediary)s asks you to pass on an introduction: %(requester)s would like to meet "
        "%(target)s."
    ),
    Status.WITH_TARGET: gettext_lazy(
        "%(intermediary)s asks whether you would like to be introduced to someone: %(someone)s."
    ),
    Status.ACCEPTED: gettext_lazy(
        "%(target)s accepted your introduction request: see on NetworkDir how to reach them."
    ),
}


def recipient_of(introduction: Introduction) -> ExecutiveProfile | None:
    """Whose turn the introduction's status makes it: the party the email goes to."""
    return {
        Status.WITH_INTERMEDIARY: introduction.intermediary,
        Status.WITH_SECOND_INTERMEDIARY: introduction.second_intermediary,
        Status.WITH_TARGET: introduction.target,
        Status.ACCEPTED: introduction.requester,
    }.get(introduction.status)


def _text(introduction: Introduction) -> str:
    """The email in the active language."""
    passer = introduction.second_intermediary or introduction.intermediary
    news = NEWS[introduction.status] % {
        "requester": name_of(introduction.requester),
        "someone": described(introduction.requester),
        "target": name_of(introduction.target),
        "intermediary": name_of(
            passer if introduction.status == Status.WITH_TARGET else introduction.intermediary
        ),
    }
    link = settings.SITE_URL + reverse("profiles:introduction", kwargs={"pk": introduction.pk})
    if introduction.status == Status.ACCEPTED:
        action = gettext("Open it: %(link)s") % {"link": link}
    else:
        action = gettext("Please answer within 14 days: %(link)s") % {"link": link}
    return f"{news}\n\n{action}"


def notify_next_party(introduction: Introduction) -> None:
    """Email the party who must act next, if emails are on and they have an address."""
    if not settings.NETWORK_EMAILS:
        return
    recipient = recipient_of(introduction)
    user = recipient.user if recipient is not None else None
    if user is None or not user.email:
        return
    parts, subjects = [], []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            subjects.append(gettext("An introduction on NetworkDir"))
            parts.append(_text(introduction))
    send = partial(send_mail, " · ".join(subjects), "\n\n---\n\n".join(parts), None, [user.email])
    transaction.on_commit(send, robust=True)
