"""`{% form_field field %}` and `{% filter_field field %}`: a field with its label, help text and
errors, as every form on the site draws them.

The search page's filter panel shows twenty fields; a Django partial included for each cost a
tenth of a millisecond in context and node work alone. The markup is a Jinja2 macro
(`core/jinja2/core/fields.html`), compiled to Python; the widget and its errors are Django's own.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from core.forms import label_text
from core.macros import drawn

register = template.Library()
MACROS = "core/fields.html"


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """A field of a form: label (or legend for a group of choices), widget, help, then errors;
    a tick box before its label."""
    texts = label_text(field.label), label_text(field.help_text, safe=True)
    return drawn(MACROS, "form_field", field, str(field), str(field.errors), *texts)


@register.simple_tag
def filter_field(field: BoundField) -> SafeString:
    """A field of a filter panel: its errors above the widget, the field marked invalid."""
    texts = label_text(field.label), label_text(field.help_text)
    return drawn(MACROS, "filter_field", field, str(field), str(field.errors), *texts)
