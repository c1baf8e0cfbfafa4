"""Candidate search for recruiters over HTTP: list, one candidate, advice for them, CSV export.

The same rules as `/candidates/`: only recruiters and admins, the profiles
`ExecutiveProfile.objects.candidates_for()` yields, filtered by `CandidateFilter`, paged by
`selectors.candidate_page()` without counting the result. One candidate opens through
`visible_to()` as the profile page does; a profile outside the caller's reach is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
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

from core.api import error_responses
from outreach.api import (
    LANGUAGE_CHOICES,
    RecommendationOutput,
    RecommendationQuery,
    recommendation_response,
)
from platforms.cache import data_version, shared_each
from profiles.advice import advise, target_from_profile
from profiles.candidate_views import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_NUMBER,
    MAX_PAGE_SIZE,
    PagingForm,
    candidate_csv_response,
)
from profiles.filters import CandidateFilter
from profiles.models import ExecutiveProfile, Membership, is_admin, is_recruiter
from profiles.selectors import (
    CandidatePage,
    candidate_page,
    candidate_version,
    with_channels,
)

# Schema hints for the shared FilterSet, kept with the API so the filter module stays about
# filtering: the yes/no filters take exactly `true` or `false`, `platform` takes slugs.
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
        {"type": "string", "enum": ["true", "false"], "description": _filter.label}
    )(_filter)
extend_schema_field(
    {
        "type": "string",
        "description": _("The slug of a platform still operating; repeat for several."),
    }
)(CandidateFilter.base_filters["platform"])


class IsRecruiter(BasePermission):
    """Recruiters (the `search_candidates` permission) and admins, as on the candidate pages."""

    message = _("Only recruiters can search candidates.")

    def has_permission(self, request: Request, view) -> bool:
        return is_recruiter(request.user) or is_admin(request.user)


# --- Pagination ----------------------------------------------------------------------------------


class CandidatePagination(BasePagination):
    """Numbered pages that know whether a next page exists without counting the result.

    An exact COUNT over a million filtered profiles costs more than the page itself, so the
    page fetches one row more than it shows (`selectors.candidate_page`, as the search page does)
    and answers `next` only when that row exists; there is no total. `page_size` defaults to 25
    and is capped at 100 (a larger number is served as 100); `page` goes up to 10,000.
    """

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        paging = PagingForm(request.query_params)
        if not paging.is_valid():
            raise ValidationError({field: list(errors) for field, errors in paging.errors.items()})
        self.request = request
        self.page: CandidatePage = candidate_page(
            queryset, number=paging.cleaned_data["page"], size=paging.cleaned_data["page_size"]
        )
        return self.page.candidates

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
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "description": str(_("One page of candidates; no total is counted.")),
            "required": ["page", "page_size", "next", "previous", "results"],
            "properties": {
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
                "results": {**schema, "description": str(_("This page's candidates."))},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
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


# --- Serializers ---------------------------------------------------------------------------------


class ChannelSerializer(serializers.ModelSerializer):
    """A platform the candidate is on, as a recruiter may see it: the handle only if not hidden."""

    platform = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    platform_name = serializers.CharField(source="platform.name", read_only=True)
    handle = serializers.SerializerMethodField(
        help_text=_("Null when the executive hid it, or gave none.")
    )
    handle_hidden = serializers.BooleanField(source="hide_handle", read_only=True)
    active = serializers.BooleanField(
        source="is_active", read_only=True, help_text=_("Uses it at least monthly.")
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

    def get_handle(self, membership: Membership) -> str | None:
        if membership.hide_handle or not membership.handle:
            return None
        return membership.handle


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate as a recruiter sees them on the search page and the profile page."""

    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), read_only=True
    )
    channels = ChannelSerializer(
        many=True,
        read_only=True,
        help_text=_("The platforms still operating where they can be reached, preferred first."),
    )
    url = serializers.SerializerMethodField(help_text=_("This candidate in the API."))
    page_url = serializers.SerializerMethodField(help_text=_("This candidate's profile page."))
    recommendation_url = serializers.SerializerMethodField(
        help_text=_("Advice for reaching them; add ?purpose=...")
    )

    class Meta:
        model = ExecutiveProfile
        fields = (
            "id",
            "display_name",
            "is_fictional",
            "title",
            "company",
            "company_type",
            "industry",
            "city",
            "seniority",
            "languages",
            "abroad_experience",
            "open_to_opportunities",
            "updated_at",
            "channels",
            "url",
            "page_url",
            "recommendation_url",
        )
        read_only_fields = fields

    def _absolute(self, name: str, profile: ExecutiveProfile) -> str:
        return self.context["request"].build_absolute_uri(reverse(name, kwargs={"pk": profile.pk}))

    def get_url(self, profile: ExecutiveProfile) -> str:
        return self._absolute("api-v1:candidate-detail", profile)

    def get_page_url(self, profile: ExecutiveProfile) -> str:
        return self._absolute("profiles:detail", profile)

    def get_recommendation_url(self, profile: ExecutiveProfile) -> str:
        return self._absolute("api-v1:candidate-recommendation", profile)


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


@extend_schema_view(
    list=extend_schema(
        summary=_("Search candidates"),
        description=_(
            "Recruiters and admins only. The same filters and sort as the /candidates/ page; "
            "channel conditions (active, open_to_inquiries, verified) hold on one membership on "
            "the chosen platforms. Unknown filter values are a 400 naming the parameter."
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
class CandidateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsRecruiter]
    serializer_class = CandidateSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CandidateFilter
    pagination_class = CandidatePagination
    lookup_value_regex = r"[0-9]+"
    throttle_scope: str | None = None  # set per action: recommendation and export are stricter
    # The filters describe a search; opening one candidate ignores them.
    FILTERED_ACTIONS = frozenset({"list", "export"})

    def get_queryset(self) -> QuerySet[ExecutiveProfile]:
        if self.action in self.FILTERED_ACTIONS:
            return ExecutiveProfile.objects.candidates_for(self.request.user)
        return with_channels(ExecutiveProfile.objects.visible_to(self.request.user))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action in self.FILTERED_ACTIONS:
            return super().filter_queryset(queryset)
        return queryset

    def get_object(self) -> ExecutiveProfile:
        profile = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if profile is None:
            raise NotFound(NO_CANDIDATE)
        return profile

    def list(self, request: Request) -> Response:
        """One page of candidates, each serialized once and kept, as the search page keeps its
        rows (`platforms.cache.shared_each`) until the candidate or the platform records change.

        Entries vary with the site's address too: the links in them are absolute.
        """
        version = data_version()  # before the candidates are read: see shared_each
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        candidates = shared_each(
            "api-candidate",
            page,
            version=version,
            identity=candidate_version,
            build=lambda profiles: self.get_serializer(profiles, many=True).data,
            vary=(request.build_absolute_uri("/"),),
        )
        return self.get_paginated_response(candidates)

    def finalize_response(self, request: Request, response, *args, **kwargs):
        """Candidate data is personal: no cache may keep a copy."""
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary=_("How to reach one candidate"),
        description=_(
            "Every channel ranked for reaching this candidate from their own memberships, for "
            "`purpose`, as a sender with the given flags (each false when left out). A stricter "
            "rate limit applies (scope `recommendations`)."
        ),
        parameters=[CANDIDATE_ID, RecommendationQuery],
        responses={200: RecommendationOutput, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get"], throttle_scope="recommendations")
    def recommendation(self, request: Request, pk: str) -> Response:
        profile = self.get_object()
        query = RecommendationQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        recommendation = advise(
            purpose=query.validated_data["purpose"],
            target=target_from_profile(profile),
            sender=query.to_sender(),
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
