"""The API's one JSON parser (the settings' DEFAULT_PARSER_CLASSES): hostile bodies are a 400.

Python's `json` reads two things into values that later fail far from the parser: a lone
surrogate escape (`"\\ud800"`) becomes a string that can't be encoded as UTF-8 — not by the
database, and not by the renderer echoing it back in an error message — and a body nested a few
thousand levels deep exhausts the recursion limit. Both are refused here, once for every field of
every endpoint, before any serializer sees them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

# The deepest body the API takes (advice: body > target > memberships > one membership) is four
# levels; anything past this is not a request for anything the API offers.
MAX_DEPTH = 16
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """`text` with each lone surrogate shown as U+FFFD, so it can be named in an error."""
    return LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text)


def too_deep() -> ParseError:
    return ParseError(
        gettext("The JSON body is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}
    )


def unencodable_text(value: Any, depth: int = 0) -> Any:
    """Errors for every string (value or key) in `value` holding a lone surrogate, nested as
    DRF nests field errors (lists by index); None when there is none."""
    if depth > MAX_DEPTH:
        raise too_deep()
    message = gettext(
        "This text holds a lone surrogate escape (\\ud800 to \\udfff without its pair), "
        "which is not a character."
    )
    if isinstance(value, str):
        return [message] if LONE_SURROGATE.search(value) else None
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(index), item) for index, item in enumerate(value))
    else:
        return None
    errors = {}
    for key, item in items:
        error = [message] if LONE_SURROGATE.search(key) else unencodable_text(item, depth + 1)
        if error:
            errors[readable(key)] = error
    return errors or None


class StrictJSONParser(JSONParser):
    """JSON that names each string holding a lone surrogate, and refuses deep nesting, with
    a 400."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep() from None
        errors = unencodable_text(data)
        if errors:
            if isinstance(errors, list):
                errors = {api_settings.NON_FIELD_ERRORS_KEY: errors}
            raise ValidationError(errors)
        return data
