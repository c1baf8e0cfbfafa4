"""What the site's filter and advice forms share: one fast widget renderer, and a FilterSet
whose form class is built once per process."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import django_filters
from django import forms
from django.forms import renderers
from django.forms.utils import ErrorList
from django.template.backends.jinja2 import Jinja2
from markupsafe import Markup

# Where Django keeps its own Jinja2 widget templates.
DJANGO_WIDGETS = Path(renderers.__file__).parent / "jinja2"


class PageWidgetRenderer(renderers.Jinja2):
    """Django's Jinja2 widget templates, with each option list drawn by one template.

    Django's own Jinja2 widget templates draw the same markup as its template engine's at half
    the cost (the candidate filter panel: 2.5 ms instead of 5.0 ms), but its selects and
    choice lists include a template for every option and for every option's attributes: the
    advisor's form has five hundred options, each a template context. `core/widgets` holds
    those lists with the option drawn in place, and every element's attributes written by one
    filter (`attributes`), the same markup, found before Django's own (and, as in Django's
    renderer, before any app's). The admin keeps the default renderer: its widgets have no
    Jinja2 templates.
    """

    @cached_property
    def engine(self) -> Jinja2:
        engine = Jinja2(
            {
                "APP_DIRS": True,
                "DIRS": [Path(__file__).parent / "widgets", DJANGO_WIDGETS],
                "NAME": "pagewidgets",
                "OPTIONS": {},
            }
        )
        engine.env.filters["attributes"] = attributes
        return engine


def attributes(values: Mapping[str, Any]) -> Markup:
    """An element's attributes as Django's attrs.html writes them (`True` alone, `False` left
    out), for every option of a list: a Jinja2 macro call per option cost most of a long
    list."""
    return Markup("").join(
        Markup(" {}").format(name) if value is True else Markup(' {}="{}"').format(name, value)
        for name, value in values.items()
        if value is not False
    )


JINJA2_RENDERER = PageWidgetRenderer()


class PageErrorList(ErrorList):
    """A field's errors, drawing nothing without a template when there are none.

    Django renders its error list's template for every field a page shows, errors or not:
    the advisor's form has eighty fields, mostly without errors.
    """

    def __str__(self) -> str:
        return super().__str__() if self.data else ""

    __html__ = __str__


class PageForm(forms.Form):
    """A form of the public pages (filters and advice): widgets drawn by Jinja2, empty error
    lists by nothing."""

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
