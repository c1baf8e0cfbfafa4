"""The admin site: Django's, reading what staff post as strictly as the site's own pages do.

Django's admin trusts its forms' shape. Posted by hand, that trust fails: a bulk action's
selection or a related row's id that can't be one ("abc", a NUL byte, twenty digits) reaches the
database as a ValueError or an overflow (a 500); a tick box reads any value but `false` as
ticked, so an inline row posted with `DELETE=0` is deleted and `is_active=0` saves yes. Every
model admin registered with this site, and each of its inlines, reads yes/no values in the one
vocabulary (`core.yesno.TickBox`) and checks an id against the key's own field before any query;
what the database still refuses (a lowered count of an inline's rows posting a row twice) is a
409, not a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, wraps
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.yesno import TickBox, YesNoDeletion


def is_key(field: models.Field, value: object) -> bool:
    """Whether `value` could be a value of `field` (an id within its column's range)."""
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def refused_selection(model_admin: admin.ModelAdmin, request: HttpRequest) -> str | None:
    """Why the posted selection can't be acted on, or None when every id is a possible key."""
    key = model_admin.model._meta.pk
    for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
        if not is_key(key, value):
            return _("%(field)s: “%(value)s” is not the id of any %(model)s.") % {
                "field": helpers.ACTION_CHECKBOX_NAME,
                "value": value[:40],
                "model": model_admin.model._meta.verbose_name,
            }
    return None


def _target_field(queryset: models.QuerySet, to_field_name: str | None) -> models.Field:
    return queryset.model._meta.get_field(to_field_name or queryset.model._meta.pk.name)


class CheckedModelChoiceField(forms.ModelChoiceField):
    """A related row, refused as an invalid choice when its id can't be one, before a query."""

    def to_python(self, value: Any) -> Any:
        given = value not in self.empty_values and not isinstance(value, self.queryset.model)
        if given and not is_key(_target_field(self.queryset, self.to_field_name), value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Related rows, each id checked as `CheckedModelChoiceField` checks one."""

    def _check_values(self, value: Iterable) -> models.QuerySet:
        field = _target_field(self.queryset, self.to_field_name)
        for pk in value:
            if not is_key(field, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class CheckedAutocomplete:
    """An autocomplete widget that draws a refused form again without looking up the ids that
    can't be rows (Django's filters by them, and fails)."""

    def optgroups(self, name: str, value: list, attr: dict | None = None) -> list:
        remote = self.field.remote_field
        field = remote.model._meta.get_field(remote.field_name)
        return super().optgroups(name, [each for each in value if is_key(field, each)], attr)


class CheckedAutocompleteSelect(CheckedAutocomplete, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocomplete, AutocompleteSelectMultiple):
    pass


class StrictFields:
    """What this site's admins, and their inlines, read strictly (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.formfield_overrides.setdefault(models.BooleanField, {})["form_class"] = TickBox
        if hasattr(self, "formset"):
            self.formset = strict(self.formset, YesNoDeletion)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            using = kwargs.get("using")
            kwargs["widget"] = CheckedAutocompleteSelect(db_field, self.admin_site, using=using)
        kwargs.setdefault("form_class", CheckedModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: models.Model | None) -> list[type]:
        return [strict(inline, StrictFields) for inline in super().get_inlines(request, obj)]


@cache
def strict(cls: type, mixin: type) -> type:
    """`cls` with `mixin` first, made once per pair."""
    if issubclass(cls, mixin):
        return cls
    return type(cls.__name__, (mixin, cls), {"__module__": cls.__module__})


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Every model admin reads strictly (`StrictFields`), however it was written."""
        admin_class = strict(admin_class or admin.ModelAdmin, StrictFields)
        super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        model_admin = getattr(view, "__self__", None)
        if not isinstance(model_admin, admin.ModelAdmin):
            return super().admin_view(view, cacheable)

        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            problem = request.method == "POST" and refused_selection(model_admin, request)
            if problem:
                return HttpResponseBadRequest(escape(problem))
            try:
                return view(request, *args, **kwargs)
            except (OverflowError, DataError):
                return HttpResponseBadRequest(_("A value is out of range for its field."))
            except IntegrityError:
                return HttpResponse(
                    _("The rows posted no longer match the database: reload the page."),
                    status=409,
                )

        return super().admin_view(checked, cacheable)


class AdminConfig(DjangoAdminConfig):
    default_site = "core.admin_site.AdminSite"
