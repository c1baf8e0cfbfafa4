"""The Jinja2 macros that draw what a page repeats (form fields, channel lists, ranked advice, a
board's cards), called from Django template tags."""

from __future__ import annotations

from typing import Any

from django.template import engines


def macros(template_name: str) -> Any:
    """The macros of `template_name`, a template of the site's Jinja2 engine, as its compiled
    module: Jinja2 keeps the template, so a call costs a lookup, not a compile."""
    return engines["jinja2"].get_template(template_name).template.module
