"""The login forms of the site and the admin, with the username's length actually enforced.

Django's AuthenticationForm sets the username field's `max_length` after the field is built, so
no length validator exists and any username goes on to `authenticate()`; django-axes then records
the failed attempt in a 255-character column, and PostgreSQL refuses a longer one with a 500.
Here an overlong username is a form error, and axes never sees it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class UsernameLengthMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass
