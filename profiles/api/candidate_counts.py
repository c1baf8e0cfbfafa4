"""The candidate search's counts and neighbours over HTTP, as the search page shows them.

A page of candidates says how many match (`total`, exact up to 1,000; `total_exact` false
beyond) and, when asked (`platform_counts=true`), how many each platform choice would find
with the other filters kept (`profiles.totals`). One candidate's neighbours are the candidates
before and after them in a search's results (`profiles.neighbours`), for paging through them
one by one.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from core.yesno import YesNoSerializerField
from profiles.filters import CandidateFilter
from profiles.selectors import CandidatePage
from profiles.totals import count_cap, search_counts

PLATFORM_COUNTS = "platform_counts"


class CountsQuery(serializers.Serializer):
    platform_counts = YesNoSerializerField(
        required=False,
        default=False,
        help_text=_("Also count the candidates each platform choice would find."),
    )


def wants_platform_counts(request: Request) -> bool:
    """`platform_counts=true` (or 1, yes, on); any other word is a 400 naming it."""
    query = CountsQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data[PLATFORM_COUNTS]


def counts_data(filterset: CandidateFilter, page: CandidatePage, request: Request) -> dict:
    """The total (and, if asked, each platform's count) of a valid search."""
    counts = search_counts(filterset, page, platforms=wants_platform_counts(request))
    total = counts.total
    data = {"total": total.count, "total_exact": total.exact, PLATFORM_COUNTS: None}
    if counts.platforms is not None:
        data[PLATFORM_COUNTS] = [
            {"platform": slug, "count": count.count, "exact": count.exact, "share": count.share}
            for slug, count in counts.platforms.items()
        ]
    return data


def counts_schema() -> dict:
    """The properties `counts_data` adds to a page, for the OpenAPI schema."""
    platform = {
        "type": "object",
        "required": ["platform", "count", "exact", "share"],
        "properties": {
            "platform": {"type": "string", "description": str(_("The platform's slug."))},
            "count": {
                "type": "integer",
                "minimum": 0,
                "nullable": True,
                "description": str(
                    _(
                        "How many candidates choosing it would find: exact, or an estimate when "
                        "`exact` is false; null when only the share is known."
                    )
                ),
            },
            "exact": {
                "type": "boolean",
                "description": str(_("Whether `count` is exact rather than estimated.")),
            },
            "share": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": str(_("Their share of the candidates the other filters find.")),
            },
        },
    }
    return {
        "total": {
            "type": "integer",
            "minimum": 0,
            "maximum": count_cap(),
            "description": str(
                _(
                    "How many candidates match: exactly, or more than this when `total_exact` is "
                    "false (counted up to %(cap)s)."
                )
                % {"cap": f"{count_cap():,}"}
            ),
        },
        "total_exact": {
            "type": "boolean",
            "description": str(_("False when more candidates match than `total`.")),
        },
        PLATFORM_COUNTS: {
            "type": "array",
            "nullable": True,
            "items": platform,
            "description": str(_("Null unless asked for with `platform_counts=true`.")),
        },
    }


class NeighbourSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The candidate's id."))
    url = serializers.URLField(help_text=_("This candidate in the API."))
    page_url = serializers.URLField(help_text=_("This candidate's profile page."))


class NeighboursSerializer(serializers.Serializer):
    """The candidates before and after one in a search's results."""

    previous = NeighbourSerializer(allow_null=True, help_text=_("Null for the first result."))
    next = NeighbourSerializer(allow_null=True, help_text=_("Null for the last result."))


def neighbour_data(pk: int | None, request: Request) -> dict | None:
    if pk is None:
        return None

    def link(name: str) -> str:
        return request.build_absolute_uri(reverse(name, kwargs={"pk": pk}))

    return {"id": pk, "url": link("api-v1:candidate-detail"), "page_url": link("profiles:detail")}
