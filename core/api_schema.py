"""How the API describes itself in its OpenAPI schema (the settings' DEFAULT_SCHEMA_CLASS).

Kept apart from `core.api`: DRF imports that module while it is still loading its own
views (for the default pagination), and drf-spectacular's schema class needs those views.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class DescribedFieldsSchema(AutoSchema):
    """Every field carries a description: its help text, or else its label (the model field's
    verbose name), both translated, so the schema follows Accept-Language like the API."""

    def _get_serializer_field_meta(self, field: serializers.Field, direction: str) -> dict:
        meta = super()._get_serializer_field_meta(field, direction)
        if "description" not in meta and field.label:
            meta["description"] = str(meta.pop("title", field.label))
        return meta


class BodyOnDeleteSchema(DescribedFieldsSchema):
    """Documents a request body on DELETE, for the one operation that takes one (confirming
    account deletion with the password); drf-spectacular documents bodies on POST/PUT/PATCH only."""

    def _get_request_body(self, direction: str = "request") -> dict | None:
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"
