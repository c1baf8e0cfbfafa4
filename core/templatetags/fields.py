"""`{% form_field field %}` and `{% filter_field field %}`: a field with its label, help text and
errors, as every form on the site draws them.

The search page's filter panel shows twenty fields; a Django partial included for each cost a
tenth of a millisecond in context and node work alone. The markup is a Jinja2 macro
(`core/jinja2/core/fields.html`), compiled to Python; the widget and its errors are Django's own.
"""

from __future__ import annotations

from django import template
from django.forms import BaseForm, BoundField
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
    return drawn(MACROS, "form_field", field, widget_of(field), str(field.errors), *texts)


@register.filter
def first_in_error(form: BaseForm) -> BoundField | None:
    """The first visible field of a form sent back with errors that has one, None otherwise."""
    errors = form.errors if form.is_bound else None
    if not errors:
        return None
    return next((form[n] for n in form.fields if n in errors and not form[n].is_hidden), None)


def widget_of(field: BoundField) -> str:
    """The field's widget. On a form sent back with errors the first field in error takes the
    focus, and the browser scrolls to it: the message may be far down a phone's page, and a
    field the form focuses when new (a sign-up's username) would otherwise take it."""
    first = first_in_error(field.form)
    if first is None:
        return str(field)
    widget = field.as_widget(attrs={"autofocus": field.name == first.name})
    if field.field.show_hidden_initial:
        widget += field.as_hidden(only_initial=True)
    return widget


@register.simple_tag
def filter_field(field: BoundField) -> SafeString:
    """A field of a filter panel: its errors above the widget, the field marked invalid."""
    texts = label_text(field.label), label_text(field.help_text)
    return drawn(MACROS, "filter_field", field, str(field), str(field.errors), *texts)
