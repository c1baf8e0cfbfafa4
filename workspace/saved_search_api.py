"""Saved searches over HTTP, under /api/v1/saved-searches/: list (with what is new in each),
save, read, change, delete, and open (counted as seen).

The same rules as the pages: recruiters and admins only (403 for anyone else), a saved search
is its owner's and a 404 for everyone else; filters the candidate search would refuse are a 400
naming each filter under `query`, with the search's own messages.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import BoundedPageNumberPagination, NoStoreMixin, StrictFieldsMixin, error_responses
from core.validators import ID_PATTERN
from core.yesno import YesNoSerializerField
from profiles.api.candidates import IsRecruiter
from profiles.selectors import candidate_filter
from workspace import saved_searches
from workspace.models import Project, SavedSearch

NO_SEARCH = _("No saved search with this id is yours.")
SEARCH_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The saved search's id.")
)

# --- Output --------------------------------------------------------------------------------------


class SavedSearchSerializer(serializers.ModelSerializer):
    query = serializers.CharField(
        help_text=_("The candidate filters as a query string of /api/v1/candidates/.")
    )
    project = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("The project it is filed in, or null.")
    )
    new_count = serializers.SerializerMethodField(
        help_text=_(
            "Candidates who started to match or changed since it was last opened, counted up "
            "to 100: 100 means 100 or more (shown as 99+)."
        )
    )
    results = serializers.SerializerMethodField(help_text=_("Its results in the API."))

    class Meta:
        model = SavedSearch
        fields = (
            "id",
            "name",
            "query",
            "project",
            "digest",
            "last_opened_at",
            "created_at",
            "new_count",
            "results",
        )

    def get_new_count(self, search: SavedSearch) -> int:
        new = search.new if hasattr(search, "new") else saved_searches.new_count(search)
        return new.count

    def get_results(self, search: SavedSearch) -> str:
        url = reverse("api-v1:candidate-list")
        return self.context["request"].build_absolute_uri(
            f"{url}?{search.query}" if search.query else url
        )


# --- Input ---------------------------------------------------------------------------------------


class SavedSearchInput(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=SavedSearch._meta.get_field("name").max_length)
    query = serializers.CharField(
        max_length=saved_searches.QUERY_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text=_(
            "The filters as /api/v1/candidates/ takes them, e.g. `city=suzhou&seniority=c_level`; "
            "paging and advice parameters are dropped."
        ),
    )
    project = serializers.IntegerField(
        min_value=1,
        allow_null=True,
        default=None,
        help_text=_("One of your projects you can change, or null to keep it on its own."),
    )
    digest = YesNoSerializerField(
        default=False, help_text=_("A daily email listing its new matches.")
    )

    def validate_query(self, query: str) -> str:
        """The candidate search's own messages, by filter; a name it doesn't know is one too."""
        data = saved_searches.query_data(query)
        filterset = candidate_filter(user=self.context["request"].user, data=data)
        problems = {
            name: [str(saved_searches.NOT_A_FILTER)]
            for name in saved_searches.unknown_names(filterset)
        } | saved_searches.filter_problems(filterset)
        if problems:
            raise serializers.ValidationError(problems)
        return query

    def validate_project(self, pk: int | None) -> Project | None:
        if pk is None:
            return None
        project = Project.objects.filter(pk=pk).first()
        if project is None:
            raise serializers.ValidationError(saved_searches.NOT_YOUR_PROJECT)
        return project


# --- Views ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("Your saved searches"),
        description=_("Most recently opened first, each with the number of new candidates."),
        responses={200: SavedSearchSerializer(many=True), **error_responses(400, 401, 403)},
    ),
    create=extend_schema(
        summary=_("Save a search"),
        description=_(
            "What is new in it counts from now. Filters the candidate search refuses are a 400 "
            "under `query`, by filter, with the search's messages."
        ),
        request=SavedSearchInput,
        responses={201: SavedSearchSerializer, **error_responses(400, 401, 403)},
    ),
    retrieve=extend_schema(
        summary=_("One of your saved searches"),
        parameters=[SEARCH_ID],
        responses={200: SavedSearchSerializer, **error_responses(401, 403, 404)},
    ),
    partial_update=extend_schema(
        summary=_("Rename a saved search, change its filters, project or digest"),
        parameters=[SEARCH_ID],
        request=SavedSearchInput(partial=True),
        responses={200: SavedSearchSerializer, **error_responses(400, 401, 403, 404)},
    ),
    destroy=extend_schema(
        summary=_("Delete a saved search"),
        parameters=[SEARCH_ID],
        responses={204: None, **error_responses(401, 403, 404)},
    ),
    open=extend_schema(
        summary=_("Open a saved search"),
        description=_(
            "Counts its results as seen: its new count starts again from now. Follow `results` "
            "for the candidates."
        ),
        parameters=[SEARCH_ID],
        request=None,
        responses={200: SavedSearchSerializer, **error_responses(401, 403, 404)},
    ),
)
class SavedSearchViewSet(
    NoStoreMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = SavedSearchSerializer
    permission_classes = [IsRecruiter]
    pagination_class = BoundedPageNumberPagination
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "delete", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SavedSearch.objects.none()
        return saved_searches.searches_of(self.request.user)

    def get_object(self) -> SavedSearch:
        search = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if search is None:
            raise NotFound(NO_SEARCH)
        search.owner = self.request.user  # theirs: their permissions are read once
        return search

    def paginate_queryset(self, queryset) -> list[SavedSearch]:
        """Only the page's searches are counted (one capped count each)."""
        return saved_searches.with_new_counts(
            self.request.user, super().paginate_queryset(queryset)
        )

    def create(self, request: Request) -> Response:
        body = SavedSearchInput(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        search = saved_searches.save_search(owner=request.user, **body.validated_data)
        answer = SavedSearchSerializer(search, context={"request": request}).data
        return Response(answer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        search = self.get_object()
        body = SavedSearchInput(data=request.data, partial=True, context={"request": request})
        body.is_valid(raise_exception=True)
        changes = {"project": saved_searches.UNCHANGED, **body.validated_data}
        saved = saved_searches.update_search(search=search, by=request.user, **changes)
        return Response(self.get_serializer(saved).data)

    def destroy(self, request: Request, pk: str) -> Response:
        saved_searches.delete_search(search=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        search = self.get_object()
        saved_searches.mark_opened(search)
        return Response(self.get_serializer(search).data)
