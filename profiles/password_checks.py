"""A signed-in person's password checks, counted with the login's failures (django-axes).

Deleting the account and changing the password ask for the password again, on the page and in
the API. Each wrong answer counts as a failed login for that username from that address, so the
same lock holds (settings.AXES_FAILURE_LIMIT failures, then AXES_COOLOFF_TIME): someone holding
a stolen session or token can't guess the password there instead of at the login page. The
counts are django-axes' rows in the database, which every worker shares.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from profiles.services import WRONG_PASSWORD

PASSWORD_CHECKS_PAUSED = _(
    "Too many wrong passwords for this account from your network: password checks and logging "
    "in are paused for an hour."
)


class PasswordChecksPaused(Exception):
    """Too many wrong passwords for this username from this address: no check until the lock
    expires, whatever is typed."""

    def __init__(self, seconds: int | None) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def refuse_while_locked(request: HttpRequest, user: User) -> None:
    """Raise PasswordChecksPaused while the username is locked out from this address."""
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        cool_off = get_cool_off(request)
        raise PasswordChecksPaused(int(cool_off.total_seconds()) if cool_off else None)


def count_wrong_password(request: HttpRequest, user: User) -> None:
    """Record a wrong password as django-axes records a failed login; the failure that reaches
    the limit marks the request locked out, and AxesMiddleware answers with the lockout."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def is_wrong_password(error: ValidationError) -> bool:
    errors = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    return any(item.code == WRONG_PASSWORD for items in errors for item in items)


@contextmanager
def guarded_password_check(request: HttpRequest, user: User) -> Iterator[None]:
    """Run a check that raises ValidationError (code "password_incorrect") on a wrong password:
    refused while locked out, and a wrong password counted."""
    refuse_while_locked(request, user)
    try:
        yield
    except ValidationError as error:
        if is_wrong_password(error):
            count_wrong_password(request, user)
        raise
