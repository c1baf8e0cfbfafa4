"""Django's own messages that its Simplified Chinese catalogue gets wrong, said here so that
they land in ours, which `LOCALE_PATHS` puts before Django's.

- A field holding a NUL character: Django's catalogue reads 不允许是用空字符串 ("empty strings
  are not allowed", with a typo), on a field that is not empty.
- A password under the minimum length: Django 5.2 words it with `%d`, and its catalogue still
  has the earlier `%(min_length)d` wording, so Chinese pages showed it in English.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext_noop, ngettext

# Messages Django raises itself, marked for our catalogue.
DJANGO_MESSAGES = (gettext_noop("Null characters are not allowed."),)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in our catalogue (see the module's docstring)."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
