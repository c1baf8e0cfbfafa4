"""Plumbing every API app shares: error shapes, strict input, page limits, the JSON 404.

The API speaks JSON only. Every error is a JSON object: `{"detail": "..."}` for errors about the
request as a whole (authentication, permission, a missing object, throttling), and
`{"<field>": ["..."]}` for bad input, so a caller always learns which field to fix.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import ModelSerializer
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.per_page import link_for_each
from core.yesno import YesNoSerializerField

MAX_PAGE_SIZE = 100

# --- Errors --------------------------------------------------------------------------------------


def validation_error_from_django(error: DjangoValidationError) -> ValidationError:
    """A model or service's ValidationError as the API's 400: form-wide errors under
    `non_field_errors`, every other message under its field."""
    if hasattr(error, "error_dict"):
        detail = {
            api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return ValidationError(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django's ValidationError as a 400 naming its fields (never a 500)."""
    if isinstance(exc, DjangoValidationError):
        exc = validation_error_from_django(exc)
    return drf_exception_handler(exc, context)


ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "detail": serializers.CharField(
            help_text=_("What went wrong, in the language asked for (Accept-Language).")
        )
    },
)


ValidationErrorSerializer = inline_serializer(
    name="ValidationError",
    fields={
        "non_field_errors": serializers.ListField(
            child=serializers.CharField(),
            required=False,
            help_text=_("Problems with the input as a whole (e.g. the body is not an object)."),
        ),
    },
)


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """The documented error answers of an operation; 429 is added to every one."""
    descriptions = {
        400: (
            ValidationErrorSerializer,
            _(
                "Bad input. Each key names a field or query parameter (nested objects nest), "
                "each value lists what is wrong with it."
            ),
        ),
        401: (ErrorSerializer, _("No credentials, or a wrong or revoked token.")),
        403: (ErrorSerializer, _("Signed in, but this role may not do this.")),
        404: (ErrorSerializer, _("No such object, or it is outside your reach.")),
        429: (
            ErrorSerializer,
            _("Too many requests: wait the number of seconds in the Retry-After header."),
        ),
    }
    return {
        status: OpenApiResponse(
            response=descriptions[status][0], description=descriptions[status][1]
        )
        for status in sorted({*statuses, 429})
    }


# --- Input ---------------------------------------------------------------------------------------


class NoStoreMixin:
    """Personal data: no cache may keep a copy."""

    def finalize_response(self, request: Request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class StrictFieldsMixin:
    """What every input serializer reads strictly. Keys it does not know, and keys it only
    reports (read-only), are refused by name: a typo ("sendr") or a change that can't be made
    (`"is_fictional": true`) would otherwise be dropped in silence while the answer says 200.
    A model's yes/no column takes the site's yes/no words (`YesNoSerializerField`), not the
    `t` or `y` DRF's own field would. A text field takes a JSON string only: DRF would turn
    `{"name": 123}` into "123", saving what the caller never wrote as text."""

    serializer_field_mapping = {
        **ModelSerializer.serializer_field_mapping,
        models.BooleanField: YesNoSerializerField,
    }

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = {}
            for name in sorted(data):
                field = self.fields.get(name)
                if field is None:
                    errors[name] = [gettext("This field is not part of this request.")]
                elif field.read_only:
                    errors[name] = [gettext("This field is read-only.")]
                elif _not_text_for_a_text_field(field, data[name]):
                    errors[name] = [field.error_messages["invalid"]]
            if errors:
                raise ValidationError(errors)
        return super().to_internal_value(data)


def _not_text_for_a_text_field(field: serializers.Field, value: Any) -> bool:
    return isinstance(field, serializers.CharField) and not isinstance(value, str | None)


class LinksById:
    """Absolute links to a few routes for each object on a page, each route reversed once
    (`core.per_page.link_for_each`)."""

    def __init__(self, request: Request, **routes: str) -> None:
        self._links = {
            key: link_for_each(name, absolute=request.build_absolute_uri)
            for key, name in routes.items()
        }

    def __call__(self, pk: int) -> dict[str, str]:
        return {key: link(pk) for key, link in self._links.items()}


def datetime_writer() -> Callable[[datetime.datetime | None], str | None]:
    """How the API writes a date and time (DRF's `DateTimeField`: ISO 8601 in the current time
    zone, UTC as "Z"), with the zone read once for a page of rows: read for each value (a
    context-local lookup), it took two thirds of each value's 10 µs."""
    return serializers.DateTimeField(
        default_timezone=timezone.get_current_timezone()
    ).to_representation


def parse_positive_int(
    value: str | None, *, field: str, default: int, maximum: int | None = None
) -> int:
    """A whole number from a query parameter, 1 or more; over `maximum` it is capped."""
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: [gettext("Enter a whole number.")]}) from None
    if number < 1:
        raise ValidationError({field: [gettext("Enter a whole number of 1 or more.")]})
    return min(number, maximum) if maximum is not None else number


# --- Pagination ----------------------------------------------------------------------------------


class BoundedPageNumberPagination(PageNumberPagination):
    """Numbered pages with a total count, for small tables (platforms: a few dozen rows).

    `page_size` defaults to 50 and is capped at 100 (a larger number is served as 100, not
    refused); a page that is not a whole number, or past the last page, is a 400 naming `page`.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        return parse_positive_int(
            request.query_params.get(self.page_size_query_param),
            field=self.page_size_query_param,
            default=self.page_size,
            maximum=self.max_page_size,
        )

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        self.request = request
        number = parse_positive_int(
            request.query_params.get(self.page_query_param), field=self.page_query_param, default=1
        )
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        if number > paginator.num_pages:
            raise ValidationError(
                {
                    self.page_query_param: [
                        ngettext(
                            "There is only %(count)d page.",
                            "There are only %(count)d pages.",
                            paginator.num_pages,
                        )
                        % {"count": paginator.num_pages}
                    ]
                }
            )
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": str(_("How many match, in all."))},
                "next": {**link, "description": str(_("The next page, or null on the last."))},
                "previous": {**link, "description": str(_("The previous page, or null."))},
                "results": {**schema, "description": str(_("This page's results."))},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Page number, from 1. Past the last page is a 400.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Results per page (default 50). More than 100 is capped at 100.")
                ),
                "schema": {"type": "integer", "minimum": 1},
            },
        ]


# --- Unknown API addresses -----------------------------------------------------------------------


@csrf_exempt  # it changes nothing; a POST to a wrong address deserves the 404, not a CSRF page
def not_found_view(request: HttpRequest, unmatched: str = "") -> JsonResponse:
    """Answer any unknown address under the API with a JSON 404 (not the HTML page), and point
    at the address with a trailing slash when that one exists."""
    detail = gettext("There is no API endpoint at this address.")
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found_view:
            detail += " " + gettext("Did you mean %(path)s?") % {"path": request.path + "/"}
    return JsonResponse({"detail": detail}, status=404)
