"""Candidate search for recruiters over HTTP: list, one candidate, advice for them, CSV export.

The same rules as `/candidates/`: only recruiters and admins, the profiles
`ExecutiveProfile.objects.candidates_for()` yields, filtered by `CandidateFilter`, paged by
`selectors.candidate_page()` without counting the result. One candidate opens through
`visible_to()` as the profile page does; a profile outside the caller's reach is a 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import BasePagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.api import (
    LinksById,
    NoStoreMixin,
    datetime_writer,
    error_responses,
    validation_error_from_django,
)
from core.validators import ID_PATTERN
from core.yesno import yes_no_schema
from outreach.api import (
    RecommendationOutput,
    RecommendationQuery,
    recommendation_response,
)
from outreach.vocabulary import LANGUAGE_CHOICES
from profiles.access import may_search_candidates
from profiles.advice import advise, target_from_profile, with_viewer_path
from profiles.api.candidate_counts import (
    CountsQuery,
    NeighboursSerializer,
    counts_data,
    counts_schema,
    neighbour_data,
)
from profiles.exports import candidate_csv_response
from profiles.filters import CandidateFilter
from profiles.models import ExecutiveProfile, Membership
from profiles.neighbours import neighbours
from profiles.selectors import (
    CANDIDATE_FIELDS,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_NUMBER,
    MAX_PAGE_SIZE,
    Candidate,
    CandidatePage,
    Channel,
    candidate_page,
    candidate_rows,
    last_page_number,
    page_request,
)
from profiles.visibility import Audience, audience_for, audiences_for, shown_handle

# Schema hints for the shared FilterSet, kept with the API so the filter module stays about
# filtering: the yes/no filters list every word they take; `platform` takes slugs.
YES_NO_FILTERS = (
    "active",
    "open_to_inquiries",
    "verified",
    "abroad_experience",
    "open_to_opportunities",
)
for _name in YES_NO_FILTERS:
    _filter = CandidateFilter.base_filters[_name]
    extend_schema_field(
        yes_no_schema(format_lazy("{} {}", _filter.label, _("Also 1/0, yes/no or on/off.")))
    )(_filter)
extend_schema_field(
    {
        "type": "string",
        "description": _("The slug of a platform still operating; repeat for several."),
    }
)(CandidateFilter.base_filters["platform"])


class IsRecruiter(BasePermission):
    """Recruiters (the `search_candidates` permission) and admins, as on the candidate pages:
    the candidate search and the recruiters' workspace (projects, saved searches, outreach)."""

    message = _("Only recruiters can use this: candidate search and the recruiters' workspace.")

    def has_permission(self, request: Request, view) -> bool:
        return may_search_candidates(request.user)


# --- Pagination ----------------------------------------------------------------------------------


def paging_parameters() -> list[dict]:
    """The `page` and `page_size` query parameters, as every page of candidates takes them
    (`selectors.page_request` reads them): the search's and a project's."""
    return [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": str(_("Page number, 1 to 10,000. Follow `next` to page on.")),
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_NUMBER},
        },
        {
            "name": "page_size",
            "in": "query",
            "required": False,
            "description": str(
                _("Candidates per page (default %(default)d); more than %(max)d is capped.")
                % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE}
            ),
            "schema": {"type": "integer", "minimum": 1},
        },
    ]


def paging_properties() -> dict[str, dict]:
    """Where a page of candidates stands: its number, its size and the links either side."""
    link = {"type": "string", "format": "uri", "nullable": True}
    return {
        "page": {
            "type": "integer",
            "minimum": 1,
            "description": str(_("This page's number.")),
        },
        "page_size": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PAGE_SIZE,
            "description": str(_("Candidates per page, after the cap.")),
        },
        "next": {**link, "description": str(_("The next page, or null on the last."))},
        "previous": {**link, "description": str(_("The previous page, or null."))},
    }


class CandidatePagination(BasePagination):
    """Numbered pages that know whether a next page exists without counting the result.

    An exact COUNT over a million filtered profiles costs more than the page itself, so the
    page fetches one row more than it shows (`selectors.candidate_page`, as the search page does)
    and answers `next` only when that row exists; the total is counted with a cap, as the page
    counts it (`profiles.totals`), and set by the view (`counts`). `page_size` defaults to 25
    and is capped at 100 (a larger number is served as 100); `page` goes up to 10,000.
    """

    counts: dict | None = None

    def paginate_search(self, filterset: CandidateFilter, request: Request) -> list:
        """The page of the (valid) search that `request` asks for (`selectors.candidate_page`)."""
        try:
            asked = page_request(request.query_params)
        except DjangoValidationError as error:
            raise validation_error_from_django(error) from None
        self.request = request
        self.page: CandidatePage = candidate_page(filterset, number=asked.number, size=asked.size)
        if not self.page.candidates and self.page.has_previous:
            self.refuse_past_the_end(filterset.qs, asked.size)
        return self.page.candidates

    @staticmethod
    def refuse_past_the_end(queryset: QuerySet, size: int) -> None:
        """A page past the last, as the search page says it: counted only then."""
        pages = last_page_number(queryset, size=size)
        if pages:
            message = ngettext(
                "There is only %(count)d page of results.",
                "There are only %(count)d pages of results.",
                pages,
            )
            raise ValidationError({"page": [message % {"count": pages}]})

    def page_link(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
        return (
            remove_query_param(url, "page")
            if number == 1
            else replace_query_param(url, "page", number)
        )

    def get_paginated_response(self, data: list) -> Response:
        page = self.page
        return Response(
            {
                "page": page.number,
                "page_size": page.size,
                "next": self.page_link(page.number + 1 if page.has_next else None),
                "previous": self.page_link(page.number - 1 if page.has_previous else None),
                **(self.counts or {}),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "description": str(_("One page of candidates, and how many match.")),
            "required": [
                "page",
                "page_size",
                "next",
                "previous",
                "total",
                "total_exact",
                "platform_counts",
                "results",
            ],
            "properties": {
                **paging_properties(),
                **counts_schema(),
                "results": {**schema, "description": str(_("This page's candidates."))},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            *paging_parameters(),
            {
                "name": "platform_counts",
                "in": "query",
                "required": False,
                "description": str(CountsQuery().fields["platform_counts"].help_text),
                "schema": yes_no_schema(_("Also 1/0, yes/no or on/off.")),
            },
        ]


# --- What a candidate looks like ----------------------------------------------------------------
#
# The serializers declare the answer for the schema (field types, descriptions); the answer
# itself is built by `candidate_data()` from the page's plain rows, as the search page builds its
# rows: DRF's per-field machinery cost more than the search. A test holds the two to the same
# fields.


class ChannelSerializer(serializers.ModelSerializer):
    """A platform the candidate is on, as a recruiter may see it: the handle only if not hidden."""

    platform = serializers.SlugField(help_text=_("The platform's slug."))
    platform_name = serializers.CharField()
    handle = serializers.CharField(
        allow_null=True, help_text=_("Null when the executive hid it, or gave none.")
    )
    handle_hidden = serializers.BooleanField(source="hide_handle")
    active = serializers.BooleanField(help_text=_("Uses it at least monthly."))
    verified = serializers.BooleanField(
        help_text=_(
            "The executive says the platform verified their account there: their own "
            "statement, not checked by NetworkDir."
        )
    )

    class Meta:
        model = Membership
        fields = (
            "platform",
            "platform_name",
            "handle",
            "handle_hidden",
            "activity",
            "active",
            "verified",
            "open_to_inquiries",
            "preferred",
        )
        read_only_fields = fields


# Read for the answer, not shown as such: the owner decides the handle rule's audience, and the
# languages are shown as a list.
NOT_SHOWN = ("user_id", "speaks_chinese", "speaks_english")


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate as a recruiter sees them on the search page and the profile page."""

    languages = serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CHOICES))
    channels = ChannelSerializer(
        many=True,
        help_text=_("The platforms still operating where they can be reached, preferred first."),
    )
    url = serializers.URLField(help_text=_("This candidate in the API."))
    page_url = serializers.URLField(help_text=_("This candidate's profile page."))
    recommendation_url = serializers.URLField(
        help_text=_("Advice for reaching them; add ?purpose=...")
    )

    class Meta:
        model = ExecutiveProfile
        fields = (
            *(name for name in CANDIDATE_FIELDS if name not in NOT_SHOWN),
            "languages",
            "channels",
            "url",
            "page_url",
            "recommendation_url",
        )
        read_only_fields = fields


def channel_data(channel: Channel, audience: Audience) -> dict:
    return {
        "platform": channel.platform.slug,
        "platform_name": channel.platform.name,
        "handle": shown_handle(audience, channel),
        "handle_hidden": channel.hide_handle,
        "activity": channel.activity,
        "active": channel.is_active,
        "verified": channel.verified,
        "open_to_inquiries": channel.open_to_inquiries,
        "preferred": channel.preferred,
    }


class CandidateWriter:
    """What the candidates of a page share, made once for all of them: their links, each route
    reversed once (`LinksById`), and how a time is written (`datetime_writer`)."""

    def __init__(self, request: Request) -> None:
        self.links = LinksById(
            request,
            url="api-v1:candidate-detail",
            page_url="profiles:detail",
            recommendation_url="api-v1:candidate-recommendation",
        )
        self.datetime = datetime_writer()


def candidate_data(
    candidate: Candidate,
    request: Request,
    writer: CandidateWriter | None = None,
    audience: Audience | None = None,
) -> dict:
    """`candidate` as `CandidateSerializer` declares it, for the user asking; the `writer` of
    their page and the `audience` the user is (`audiences_for`) made once for a page of them."""
    writer = writer or CandidateWriter(request)
    audience = audience or audience_for(request.user, candidate.user_id)
    return {
        "id": candidate.id,
        "display_name": candidate.display_name,
        "is_fictional": candidate.is_fictional,
        "title": candidate.title,
        "company": candidate.company,
        "company_type": candidate.company_type,
        "industry": candidate.industry,
        "city": candidate.city,
        "seniority": candidate.seniority,
        "abroad_experience": candidate.abroad_experience,
        "open_to_opportunities": candidate.open_to_opportunities,
        "updated_at": writer.datetime(candidate.updated_at),
        "languages": candidate.languages,
        "channels": [channel_data(channel, audience) for channel in candidate.channels],
        **writer.links(candidate.id),
    }


# --- Views ---------------------------------------------------------------------------------------


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """The export is CSV whatever the client accepts; its errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return (renderers[0], renderers[0].media_type)


CANDIDATE_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The candidate's id.")
)
NO_CANDIDATE = _("No candidate with this id is within your reach.")
NOT_IN_RESULTS = _("No candidate with this id is among the results of this search.")


@extend_schema_view(
    list=extend_schema(
        summary=_("Search candidates"),
        description=_(
            "Recruiters and admins only. The same filters and sort as the /candidates/ page; "
            "channel conditions (active, open_to_inquiries, verified) hold on one membership on "
            "the chosen platforms. With `q` and no `sort`, the most relevant come first (where "
            "no more than 1,000 match; beyond, the most recently updated). Each page says how "
            "many match (`total`). Unknown filter values are a 400 naming the parameter."
        ),
        responses={200: CandidateSerializer(many=True), **error_responses(400, 401, 403)},
    ),
    retrieve=extend_schema(
        summary=_("One candidate"),
        description=_(
            "As a recruiter may see them: handles only where the executive has not hidden them. "
            "A profile outside your reach (private, or not shared with recruiters) is a 404."
        ),
        parameters=[CANDIDATE_ID],
        responses={200: CandidateSerializer, **error_responses(401, 403, 404)},
    ),
)
class CandidateViewSet(
    NoStoreMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsRecruiter]
    serializer_class = CandidateSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CandidateFilter
    pagination_class = CandidatePagination
    lookup_value_regex = ID_PATTERN
    throttle_scope: str | None = None  # set per action: recommendation and export are stricter
    # The filters describe a search; opening one candidate ignores them.
    FILTERED_ACTIONS = frozenset({"list", "export", "neighbours"})

    def get_queryset(self) -> QuerySet[ExecutiveProfile]:
        if self.action in self.FILTERED_ACTIONS:
            return ExecutiveProfile.objects.candidates_for(self.request.user)
        return ExecutiveProfile.objects.visible_to(self.request.user)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action in self.FILTERED_ACTIONS:
            return super().filter_queryset(queryset)
        return queryset

    def get_object(self) -> Candidate:
        found = candidate_rows(self.get_queryset().filter(pk=self.kwargs["pk"])[:1])
        if not found:
            raise NotFound(NO_CANDIDATE)
        return found[0]

    def search(self, request: Request) -> CandidateFilter:
        """The request's search, validated: a bad filter is a 400 naming it."""
        filterset = DjangoFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset

    def list(self, request: Request) -> Response:
        filterset = self.search(request)
        page = self.paginator.paginate_search(filterset, request)
        self.paginator.counts = counts_data(filterset, self.paginator.page, request)
        writer, audience = CandidateWriter(request), audiences_for(request.user)
        return self.get_paginated_response(
            [
                candidate_data(candidate, request, writer, audience(candidate.user_id))
                for candidate in page
            ]
        )

    @extend_schema(
        summary=_("The candidates before and after one in a search"),
        filters=True,
        description=_(
            "Where this candidate stands in the results of the search given by the same "
            "filters and sort as the list: the previous and next candidate, to page through "
            "them one by one. A candidate outside your reach or not among the results is a 404."
        ),
        parameters=[CANDIDATE_ID],
        responses={200: NeighboursSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get"])
    def neighbours(self, request: Request, pk: str) -> Response:
        around = neighbours(self.search(request).qs, int(pk))
        if around is None:
            raise NotFound(NOT_IN_RESULTS)
        return Response(
            {
                "previous": neighbour_data(around.previous, request),
                "next": neighbour_data(around.next, request),
            }
        )

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(candidate_data(self.get_object(), request))

    @extend_schema(
        summary=_("How to reach one candidate"),
        description=_(
            "Every channel ranked for reaching this candidate from their own memberships, for "
            "`purpose`, as a sender with the given flags (each false when left out). Where your "
            "network (or your team's) has a path to them, your best path decides the warm "
            "introduction instead of `has_mutual_contact`, and its reason names whom to ask. A "
            "stricter rate limit applies (scope `recommendations`)."
        ),
        parameters=[CANDIDATE_ID, RecommendationQuery],
        responses={200: RecommendationOutput, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get"], throttle_scope="recommendations")
    def recommendation(self, request: Request, pk: str) -> Response:
        profile = self.get_object()
        query = RecommendationQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        sender = query.to_sender()
        if profile.user_id != request.user.pk:
            sender = with_viewer_path(sender, viewer=request.user, target_id=profile.id)
        recommendation = advise(
            purpose=query.validated_data["purpose"],
            target=target_from_profile(profile),
            sender=sender,
        )
        return recommendation_response(recommendation)

    @extend_schema(
        summary=_("Export candidates as CSV"),
        filters=True,
        description=_(
            "The filtered result as a CSV file (UTF-8 with a byte-order mark), the same columns "
            "as the page's export, at most 1,000 rows (settings.CANDIDATE_EXPORT_ROW_LIMIT). "
            "Every export is logged "
            "with its filter and row count. The strictest rate limit applies (scope "
            "`candidate_export`)."
        ),
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description=_("The candidates, one per row.")
            ),
            **{
                (status, "application/json"): response
                for status, response in error_responses(400, 401, 403).items()
            },
        },
    )
    @action(
        detail=False,
        methods=["get"],
        throttle_scope="candidate_export",
        pagination_class=None,
        content_negotiation_class=IgnoreClientContentNegotiation,
    )
    def export(self, request: Request) -> HttpResponse:
        return candidate_csv_response(request, self.filter_queryset(self.get_queryset()))
