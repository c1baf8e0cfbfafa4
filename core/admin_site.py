"""The admin site: Django's, refusing a bulk action whose selection names no row.

A changelist's actions run on `queryset.filter(pk__in=selected)`, and Django reads the posted ids
only there: an id that is not one of the model's ("abc", a NUL byte, a number past the column's
range) fails as a ValueError or a database error, a 500. Every model admin's views pass through
`AdminSite.admin_view`, so the ids are checked there once, against the model's primary key, and
a bad one is a 400 naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import escape
from django.utils.translation import gettext as _


def refused_selection(model_admin: admin.ModelAdmin, request: HttpRequest) -> str | None:
    """Why the posted selection can't be acted on, or None when every id is a possible key."""
    key = model_admin.model._meta.pk
    for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
        try:
            key.clean(value, None)
        except ValidationError:
            return _("%(field)s: “%(value)s” is not the id of any %(model)s.") % {
                "field": helpers.ACTION_CHECKBOX_NAME,
                "value": value[:40],
                "model": model_admin.model._meta.verbose_name,
            }
    return None


class AdminSite(admin.AdminSite):
    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        model_admin = getattr(view, "__self__", None)
        if not isinstance(model_admin, admin.ModelAdmin):
            return super().admin_view(view, cacheable)

        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            problem = request.method == "POST" and refused_selection(model_admin, request)
            if problem:
                return HttpResponseBadRequest(escape(problem))
            return view(request, *args, **kwargs)

        return super().admin_view(checked, cacheable)


class AdminConfig(DjangoAdminConfig):
    default_site = "core.admin_site.AdminSite"
