"""Markup written in Python escapes each value as the template engine around it does."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from markupsafe import Markup, escape

from core.html import escaped, escaped_as_django

VALUES = ["\"x\" <y> & 'z'", "王伟", "", 0, 12.5, True, None, "a\x00b", Markup("<b>kept</b>")]


@pytest.mark.parametrize("value", VALUES)
def test_escaped_writes_what_jinja2s_escape_writes(value):
    assert escaped(value) == str(escape(value))


@pytest.mark.parametrize(
    "value", [*VALUES, mark_safe("<i>safe</i>"), gettext_lazy("Profile"), gettext_lazy("<x>")]
)
def test_escaped_as_django_writes_what_djangos_conditional_escape_writes(value):
    assert escaped_as_django(value) == conditional_escape(value)
