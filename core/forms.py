"""What the site's forms share: one fast widget renderer, a FilterSet whose form class is built
once per process, and how a page answers a form it refuses."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms import renderers
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.utils import ErrorList
from django.utils.functional import Promise
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
    options. Inputs, selects and choice lists (`DRAWN`) are drawn by the functions below from
    the same context Django's templates read, the markup tested byte for byte against Django's
    own: the advisor's widgets take 1.3 ms, against 3.5 ms through Jinja2 templates that drew
    each option list in one template. Other widgets keep Django's templates; the admin keeps
    the default renderer.
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


def select_markup(widget: Mapping[str, Any]) -> Markup:
    """Django's select.html, each option as select_option.html draws it."""
    text = label_texts()
    parts = [f'<select name="{escaped(widget["name"])}"{attributes(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{text(group)}">')
        parts.extend(
            f'\n  <option value="{escaped(option["value"])}"'
            f"{attributes(option['attrs']) if option['attrs'] else ''}>"
            f"{text(option['label'])}</option>"
            for option in options
        )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return Markup("".join(parts))


def _choice(option: Mapping[str, Any], text: Callable[[object], str]) -> str:
    """Django's input_option.html: a radio button or tick box, in its label (written by
    `text`) if it has one."""
    box = _input(option)
    if not option["wrap_label"]:
        return box
    target = option["attrs"].get("id")
    labelled_by = f' for="{escaped(target)}"' if target else ""
    return f"<label{labelled_by}>{box} {text(option['label'])}</label>"


def choices_markup(widget: Mapping[str, Any]) -> Markup:
    """Django's multiple_input.html (radio buttons and tick boxes), each option drawn by
    `_choice`."""
    attrs, text = widget["attrs"], label_texts()
    parts = [
        "<div",
        f' id="{escaped(attrs["id"])}"' if attrs.get("id") else "",
        f' class="{escaped(attrs["class"])}"' if attrs.get("class") else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{text(group)}</label>")
        parts.extend(f"<div>\n    {_choice(option, text)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return Markup("".join(parts))


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
    f"{WIDGETS}select.html": select_markup,
    f"{WIDGETS}radio.html": choices_markup,
    f"{WIDGETS}checkbox_select.html": choices_markup,
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


class PageFormMetaclass(DeclarativeFieldsMetaclass):
    """Declares a form's fields as Django does, then shares their choices between its forms."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = FieldsSharingChoices(new_class.base_fields)
        return new_class


class PageForm(forms.Form, metaclass=PageFormMetaclass):
    """A form of the public pages (filters and advice): widgets drawn by Jinja2, empty error
    lists by nothing, choices shared between forms (`FieldsSharingChoices`)."""

    default_renderer = JINJA2_RENDERER

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
