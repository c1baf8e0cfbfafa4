"""Conditional writes over HTTP (RFC 9110 §13): an ETag on what the owner reads, If-Match on
what they write, and 412 when the version they hold is no longer the row's.

If-Match is optional: a write without it still changes only the fields it names, so nothing
another writer changed meanwhile is lost; a write with it learns instead that the row moved on.
A row's version is its `core.writes.version_tag`; its service checks it again under its lock
and raises `core.writes.StaleVersion`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer
from core.writes import StaleVersion

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        "The ETag you read. When it is no longer the current one the change is refused with a "
        "412 and nothing is written; without this header the change is made unconditionally."
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description=_("The version of what you read: send it back in If-Match with your change."),
)
PRECONDITION_FAILED = {
    412: OpenApiResponse(
        response=ErrorSerializer,
        description=_("If-Match names a version that is no longer current: nothing was written."),
    )
}


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "This was changed since you read it, so nothing was written. Read it again and send your "
        "change with its new ETag in If-Match."
    )
    default_code = "precondition_failed"


def expected_versions(request: Request) -> frozenset[str] | None:
    """The versions If-Match accepts, or None when it sets no condition (absent, or `*`: the
    resource exists). Weak tags never match: If-Match compares strongly."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = parse_etags(header)
    if tags == ["*"]:
        return None
    return frozenset(tag[1:-1] for tag in tags if not tag.startswith("W/"))


def check_precondition(version: str, expected: frozenset[str] | None) -> None:
    """Refuse a stale If-Match (the row as read is at `version`) before the body is read, as
    RFC 9110 orders it; the service checks again under its lock, where it counts."""
    if expected is not None and version not in expected:
        raise PreconditionFailed


@contextmanager
def refused_when_stale(gone: str) -> Iterator[None]:
    """A service's StaleVersion as the API's answer: 412, or 404 (`gone`) if the row went."""
    try:
        yield
    except StaleVersion as stale:
        if stale.current is None:
            raise NotFound(gone) from stale
        raise PreconditionFailed from stale


def tagged(response: Response, version: str) -> Response:
    """`response` with the version of what it holds as its ETag."""
    response["ETag"] = quote_etag(version)
    return response
