"""What the site's forms share: one fast widget renderer, a FilterSet whose form class is built
once per process, and how a page answers a form it refuses."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, ClassVar

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms import renderers
from django.forms.boundfield import BoundField
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.utils import ErrorList
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from markupsafe import Markup, escape

from core.html import escaped
from core.per_page import Texts, texts_per_language

# The status of a page that comes back with its form's errors (or a filter's) next to the fields.
INVALID_FORM_STATUS = 400


def report_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's validation errors next to the matching fields of `form` (the others
    above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class PageWidgetRenderer(renderers.Jinja2):
    """Django's Jinja2 widget renderer, with the widgets the site's filter and advice forms
    repeat drawn in Python, in the same markup as Django's templates.

    A template costs its lookup, a context and Django's template wrapper per widget, and
    Django's select and choice-list templates include another template for every option and
    for every option's attributes: the advisor's form has forty-seven widgets and five hundred
    options. Inputs (`DRAWN`) are drawn by the functions below from the same context Django's
    templates read, and selects and choice lists straight from their choices (`PageBoundField`),
    the markup tested byte for byte against Django's own: the advisor's widgets took 1.3 ms so,
    against 3.5 ms through Jinja2 templates that drew each option list in one template. Other
    widgets keep Django's templates; the admin keeps the default renderer.
    """

    def render(self, template_name: str, context: dict, request: Any = None) -> str:
        draw = DRAWN.get(template_name)
        if draw is None:
            return super().render(template_name, context, request)
        return draw(context["widget"])


def attributes(values: Mapping[str, Any]) -> str:
    """An element's attributes as Django's attrs.html writes them (`True` alone, `False` left
    out), escaped."""
    return "".join(
        f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(value)}"'
        for name, value in values.items()
        if value is not False
    )


def label_text(label: object, *, safe: bool = False) -> str:
    """`label` escaped, or with `safe` trusted as Django trusts a help text; a lazy translation
    translated once per process and language."""
    return label_texts(safe=safe)(label)


def label_texts(*, safe: bool = False) -> Callable[[object], str]:
    """`label_text` in the active language, asked once for the many labels of a widget."""
    texts = _labels(safe)
    text = texts.text
    return lambda label: texts(label) if isinstance(label, Promise) else text(label)


@texts_per_language
def _labels(safe: bool) -> Texts:
    """Each label's text in the active language, trusted or escaped: an option's, a field's, a
    help text. A label is a lazy translation, translated again on every str(), and the advisor's
    page draws hundreds; labels are the forms' declared fields and choices, the same objects in
    every request, so a language's are kept for the process (by language alone: a label holds
    no link)."""
    return Texts.kept(Markup if safe else escape)


def input_markup(widget: Mapping[str, Any]) -> Markup:
    """Django's input.html: an input with its value, unless it has none."""
    return Markup(_input(widget))


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{escaped(value)}"'
    return (
        f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"{shown}'
        f"{attributes(widget['attrs'])}>"
    )


def _options(
    widget: forms.widgets.ChoiceWidget, chosen: list[str]
) -> Iterator[tuple[object, list[tuple[object, object, bool, str]]]]:
    """The widget's choices as Django's `ChoiceWidget.optgroups` walks them: each group's name
    (None outside one) and its options' value, label, whether chosen and index; only the first
    option of a single choice that matches is chosen."""
    has_chosen = False
    for index, (value, label) in enumerate(widget.choices):
        value = "" if value is None else value
        if isinstance(label, (list, tuple)):
            group, members = value, [(f"{index}_{n}", *choice) for n, choice in enumerate(label)]
        else:
            group, members = None, [(str(index), value, label)]
        options = []
        for option_index, option_value, option_label in members:
            is_chosen = (not has_chosen or widget.allow_multiple_selected) and (
                str(option_value) in chosen
            )
            has_chosen |= is_chosen
            options.append((option_value, option_label, is_chosen, option_index))
        yield group, options


def _select(widget: forms.widgets.ChoiceWidget, name: str, chosen: list[str], attrs: dict) -> str:
    """Django's select.html, each option as select_option.html draws it."""
    if widget.allow_multiple_selected:
        attrs["multiple"] = True
    text = label_texts()
    parts = [f'<select name="{escaped(name)}"{attributes(attrs)}>']
    for group, options in _options(widget, chosen):
        if group:
            parts.append(f'\n  <optgroup label="{text(group)}">')
        parts.extend(
            f'\n  <option value="{escaped(value)}"{" selected" if is_chosen else ""}>'
            f"{text(label)}</option>"
            for value, label, is_chosen, _index in options
        )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _choice_list(
    widget: forms.widgets.ChoiceWidget, name: str, chosen: list[str], attrs: dict
) -> str:
    """Django's multiple_input.html (radio buttons and tick boxes), each option as
    input_option.html draws it: an input, in a label, with the widget's attributes."""
    text = label_texts()
    parts = [
        "<div",
        f' id="{escaped(attrs["id"])}"' if attrs.get("id") else "",
        f' class="{escaped(attrs["class"])}"' if attrs.get("class") else "",
        ">",
    ]
    for group, options in _options(widget, chosen):
        if group:
            parts.append(f"\n  <div><label>{text(group)}</label>")
        for value, label, is_chosen, index in options:
            option_attrs = {**attrs, "checked": True} if is_chosen else dict(attrs)
            if "id" in option_attrs:
                option_attrs["id"] = widget.id_for_label(option_attrs["id"], index)
            target = option_attrs.get("id")
            labelled_by = f' for="{escaped(target)}"' if target else ""
            box = _input(
                {"type": widget.input_type, "name": name, "value": value, "attrs": option_attrs}
            )
            parts.append(f"<div>\n    <label{labelled_by}>{box} {text(label)}</label></div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


WIDGETS = "django/forms/widgets/"
# Django's widget templates drawn here, by name; every one of Django's inputs is input.html.
DRAWN: dict[str, Callable[[Mapping[str, Any]], Markup]] = {
    **{
        f"{WIDGETS}{kind}.html": input_markup
        for kind in [
            "checkbox",
            "date",
            "datetime",
            "email",
            "hidden",
            "input",
            "number",
            "password",
            "search",
            "tel",
            "text",
            "time",
            "url",
        ]
    },
}
# Django's choice widgets drawn here from their choices (`PageBoundField`), by template name.
CHOICES_DRAWN: dict[str, Callable[[forms.widgets.ChoiceWidget, str, list[str], dict], str]] = {
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}radio.html": _choice_list,
    f"{WIDGETS}checkbox_select.html": _choice_list,
}

JINJA2_RENDERER = PageWidgetRenderer()


class PageErrorList(ErrorList):
    """A field's errors, drawing nothing without a template when there are none.

    Django renders its error list's template for every field a page shows, errors or not:
    the advisor's form has eighty fields, mostly without errors.
    """

    def __str__(self) -> str:
        return super().__str__() if self.data else ""

    __html__ = __str__


class FieldsSharingChoices(dict):
    """A form class's fields, which every form deep-copies (`BaseForm.__init__`), here with
    each field's choices, and its widget's, shared rather than copied.

    Django copies the choices so that a form may change its own in place; the site's forms only
    ever assign new ones (`field.choices = [...]`, which leaves the class's untouched). Copying
    a search filter's choices, each label a lazy translation, was a third of building its form,
    and a choice widget's copy checks and rebuilds its list again (`normalize_choices`).
    """

    def __deepcopy__(self, memo: dict) -> dict:
        for field in self.values():
            choices = getattr(field, "_choices", None)
            if choices is not None:
                memo[id(choices)] = choices
            if isinstance(field.widget, forms.widgets.ChoiceWidget):
                memo[id(field.widget)] = _sharing_choices(field.widget)
        return {name: copy.deepcopy(field, memo) for name, field in self.items()}


def _sharing_choices(widget: forms.widgets.ChoiceWidget) -> forms.widgets.ChoiceWidget:
    """The widget as its `__deepcopy__` copies it (its own attributes), holding the same list
    of choices, which `__deepcopy__` would have normalized again into a new one. Made from the
    class and the widget's attributes: `copy.copy` goes through `__reduce_ex__`, which took as
    long as the rest of a field's copy."""
    twin = object.__new__(type(widget))
    twin.__dict__.update(widget.__dict__, attrs=widget.attrs.copy())
    return twin


class PageBoundField(BoundField):
    """A field of a page form, whose select, radio buttons or tick boxes are drawn straight from
    their choices in Django's markup (`CHOICES_DRAWN`) rather than from the context Django's
    templates read.

    That context holds a dictionary of attributes for every option (`ChoiceWidget.optgroups`):
    building it took a search page's filter panel 0.9 ms, more than drawing the markup from
    it. The attributes are Django's own (`build_widget_attrs`, the id); a form given another
    renderer draws as Django does, which is how the tests compare the two byte for byte.
    """

    def as_widget(
        self,
        widget: forms.Widget | None = None,
        attrs: dict[str, Any] | None = None,
        only_initial: bool = False,
    ) -> SafeString:
        widget = widget or self.field.widget
        draw = _drawing(type(widget)) and CHOICES_DRAWN.get(widget.template_name)
        if not draw or only_initial or self.form.renderer is not JINJA2_RENDERER:
            return super().as_widget(widget, attrs, only_initial)
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        chosen = widget.format_value(self.value())
        return mark_safe(
            draw(widget, self.html_name, chosen, widget.build_attrs(widget.attrs, attrs))
        )


@cache
def _drawing(widget_class: type[forms.Widget]) -> bool:
    """Whether `widget_class` is a choice widget that builds its context as Django's do, which
    the drawing follows."""
    widgets = forms.widgets
    return (
        issubclass(widget_class, widgets.ChoiceWidget)
        and widget_class.optgroups is widgets.ChoiceWidget.optgroups
        and widget_class.create_option is widgets.ChoiceWidget.create_option
        and widget_class.get_context
        in (widgets.ChoiceWidget.get_context, widgets.Select.get_context)
        and widget_class.render is widgets.Widget.render
    )


class PageFormMetaclass(DeclarativeFieldsMetaclass):
    """Declares a form's fields as Django does, then shares their choices between its forms."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = FieldsSharingChoices(new_class.base_fields)
        return new_class


class PageForm(forms.Form, metaclass=PageFormMetaclass):
    """A form of the public pages (filters and advice): widgets drawn in Python or by Jinja2
    (`PageBoundField`, `PageWidgetRenderer`), empty error lists by nothing, choices shared
    between forms (`FieldsSharingChoices`)."""

    default_renderer = JINJA2_RENDERER
    bound_field_class = PageBoundField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_class", PageErrorList)
        super().__init__(*args, **kwargs)


class PageFilterSet(django_filters.FilterSet):
    """A FilterSet whose form class is built once per process.

    django-filter builds the class again for every request (a new class, every field made
    anew); these filters take nothing from the request, so one class serves every request,
    and each form still copies its fields, so no request sees another's.
    """

    # What orders the results rather than narrowing them, and the values a filter takes when
    # none is given: neither counts among the filters a request sets.
    NOT_FILTERS: ClassVar[frozenset[str]] = frozenset({"sort"})
    DEFAULTS: ClassVar[Mapping[str, str]] = {}
    # The form the filters' fields are put on: a subclass may clean them together.
    base_form: ClassVar[type[PageForm]] = PageForm

    @classmethod
    def form_class(cls) -> type[forms.Form]:
        if "_form_class" not in cls.__dict__:
            filters = copy.deepcopy(cls.base_filters)  # leaves the declared filters untouched
            fields = {name: filter_.field for name, filter_ in filters.items()}
            cls._form_class = type(f"{cls.__name__}Form", (cls.base_form,), fields)
        return cls._form_class

    def get_form_class(self) -> type[forms.Form]:
        return self.form_class()

    def active_filter_count(self) -> int:
        """How many filters the request sets: the number on a phone's "Filters (3 active)"."""
        getlist = getattr(self.data, "getlist", None)
        count = 0
        for name in self.base_filters.keys() - self.NOT_FILTERS:
            values = getlist(name) if getlist else [self.data.get(name)]
            given = [text for value in values if value is not None and (text := str(value).strip())]
            if given and given != [self.DEFAULTS.get(name)]:
                count += 1
        return count
