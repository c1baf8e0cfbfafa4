"""`{% form_field field %}` and `{% filter_field field %}`: a field with its label, help text and
errors, as every form on the site draws them.

The search page's filter panel shows twenty fields, the advisor's forty-seven: a Django partial
included for each cost a tenth of a millisecond in context and node work alone, and a Jinja2
macro 12 µs a field more than the f-strings here (core/html.py), 0.23 ms of a search page. The
widget and its errors are Django's own; the label and help text come as `core.forms.label_text`
gives them (a form's help text trusted, as Django trusts it; a filter's escaped).
"""

from __future__ import annotations

from django import template
from django.forms import BaseForm, BoundField
from django.utils.safestring import SafeString, mark_safe

from core.forms import label_text
from core.html import escaped

register = template.Library()


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """A field of a form: label (or legend for a group of choices), widget, help, then errors;
    a tick box before its label."""
    widget, errors, label = widget_of(field), str(field.errors), label_text(field.label)
    if field.is_hidden:
        return mark_safe(f"{widget}{errors}")
    help_text = _help(field, label_text(field.help_text, safe=True))
    if field.widget_type in ("checkbox", "yesnocheckbox"):
        inline = f'<div class="field-inline">{widget}{_label(field, label)}</div>'
        return mark_safe(f'<div class="field">\n  {inline}\n  {help_text}\n  {errors}\n</div>')
    if field.use_fieldset:
        return mark_safe(
            f'<fieldset class="field">\n  <legend>{label}</legend>\n  {help_text}\n  {errors}\n'
            f"  {widget}\n</fieldset>"
        )
    return mark_safe(
        f'<div class="field">\n  {_label(field, label)}\n  {widget}\n  {help_text}\n  {errors}\n'
        "</div>"
    )


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
    widget, errors, label = str(field), str(field.errors), label_text(field.label)
    help_text = _help(field, label_text(field.help_text))
    invalid = " field-invalid" if errors else ""
    if field.use_fieldset:
        return mark_safe(
            f'<fieldset class="field field-choices{invalid}">\n  <legend>{label}</legend>\n'
            f"  {errors}\n  {widget}\n  {help_text}\n</fieldset>"
        )
    return mark_safe(
        f'<div class="field{invalid}">\n  {_label(field, label)}\n  {errors}\n  {widget}\n'
        f"  {help_text}\n</div>"
    )


def _label(field: BoundField, label: str) -> str:
    return f'<label for="{escaped(field.id_for_label)}">{label}</label>'


def _help(field: BoundField, text: str) -> str:
    """The help text, which the widget names as its description (`aria-describedby`)."""
    if not text:
        return ""
    return f'<span class="helptext" id="{escaped(field.auto_id)}_helptext">{text}</span>'
