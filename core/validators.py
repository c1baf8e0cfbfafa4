"""Checks of text people type, shared by every app's models."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters that take no room on the page: spaces, controls, format characters (the zero-width
# space, joiners, direction marks) and unassigned code points.
INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn"})


def visible_text(value: str) -> None:
    """A name must show something: one made only of zero-width or blank characters is a blank
    row with nothing to click."""
    if value and all(unicodedata.category(char) in INVISIBLE_CATEGORIES for char in value):
        raise ValidationError(_("Enter something visible."), code="invisible")
