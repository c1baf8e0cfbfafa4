"""The Jinja2 macros that draw what a page repeats (ranked advice, a profile's platforms, the
navigation), called from Django template tags."""

from __future__ import annotations

from django.template import engines
from django.utils.safestring import SafeString, mark_safe


def drawn(template_name: str, macro: str, *args: object, **kwargs: object) -> SafeString:
    """The markup of `macro` of `template_name`, a template of the site's Jinja2 engine, called
    with `args` and `kwargs`, safe for a Django template.

    Jinja2 keeps the compiled template, so a call costs a lookup, not a compile; and that engine
    escapes every value it writes, so its markup is marked safe here, in one place.
    """
    module = engines["jinja2"].get_template(template_name).template.module
    return mark_safe(str(getattr(module, macro)(*args, **kwargs)))
