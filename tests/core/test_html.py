"""Markup written in Python escapes each value as Jinja2 escapes it."""

import pytest
from markupsafe import Markup, escape

from core.html import escaped


@pytest.mark.parametrize(
    "value",
    ["\"x\" <y> & 'z'", "王伟", "", 0, 12.5, True, None, "a\x00b", Markup("<b>kept</b>")],
)
def test_escaped_writes_what_jinja2s_escape_writes(value):
    assert escaped(value) == str(escape(value))
