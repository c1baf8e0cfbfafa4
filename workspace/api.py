"""The recruiter's projects over HTTP: projects, their members, their candidates (stage, notes,
tags), under /api/v1/projects/.

The same rules as the workspace pages: recruiters and admins only (403 for anyone else), a
project the caller is not a member of is a 404 whether or not it exists, and so is a candidate
whose profile they may no longer see. Writes go through `workspace.services`, as the pages'
do; a member who can only view gets 403 for a write.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.api import NoStoreMixin, error_responses, validation_error_from_django
from core.preconditions import (
    ETAG,
    IF_MATCH,
    PRECONDITION_FAILED,
    expected_versions,
    refused_when_stale,
    tagged,
)
from core.validators import ID_PATTERN
from core.yesno import YesNoSerializerField
from profiles.api.candidates import (
    IsRecruiter,
    paging_parameters,
    paging_properties,
)
from workspace import selectors, services
from workspace.models import Project, ProjectCandidate, ProjectMember, Stage
from workspace.serializers import (
    BoardQuery,
    EntryDetailSerializer,
    EntryPage,
    EntrySerializer,
    MemberInput,
    MemberSerializer,
    NewEntryInput,
    NewProjectInput,
    NoteInput,
    NoteSerializer,
    ProjectChangeInput,
    ProjectSerializer,
    StageChangeSerializer,
    StageInput,
    TagInput,
    entry_data,
)

NO_PROJECT = _("No project with this id is yours to see.")
NO_ENTRY = _("This candidate is not in the project, or no longer visible to you.")
NOT_A_MEMBER = _("This recruiter is not a member of the project.")

PROJECT_PK = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The project's id.")
)
PROJECT_ID = OpenApiParameter(
    "project_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The project's id.")
)


class WorkspaceViewSet(NoStoreMixin, viewsets.GenericViewSet):
    permission_classes = [IsRecruiter]
    lookup_value_regex = ID_PATTERN

    def project_or_404(self, pk: object) -> Project:
        project = selectors.project_for(self.request.user, int(pk))
        if project is None:
            raise NotFound(NO_PROJECT)
        return project


# --- Projects ------------------------------------------------------------------------------------


class ProjectsQuery(serializers.Serializer):
    archived = YesNoSerializerField(default=False, help_text=_("List the archived projects."))


@extend_schema_view(
    list=extend_schema(
        summary=_("Your projects"),
        description=_("The projects you are a member of, most recently changed first."),
        parameters=[
            OpenApiParameter(
                "archived", OpenApiTypes.BOOL, description=_("The archived ones instead.")
            )
        ],
        responses={200: ProjectSerializer(many=True), **error_responses(400, 401, 403)},
    ),
    create=extend_schema(
        summary=_("Make a project"),
        description=_("You are its owner, a member who can always edit it."),
        request=NewProjectInput,
        responses={201: ProjectSerializer, **error_responses(400, 401, 403)},
    ),
    retrieve=extend_schema(
        summary=_("One of your projects"),
        parameters=[PROJECT_PK, ETAG],
        responses={200: ProjectSerializer, **error_responses(401, 403, 404)},
    ),
    partial_update=extend_schema(
        summary=_("Rename, describe, archive or restore a project"),
        description=_(
            "Members who can edit only. An archived project can't be changed until it is "
            "restored (`archived`: false) — in the same request if you like."
        ),
        parameters=[PROJECT_PK, IF_MATCH, ETAG],
        request=ProjectChangeInput,
        responses={
            200: ProjectSerializer,
            **error_responses(400, 401, 403, 404),
            **PRECONDITION_FAILED,
        },
    ),
)
class ProjectViewSet(mixins.ListModelMixin, WorkspaceViewSet):
    serializer_class = ProjectSerializer
    http_method_names = ["get", "post", "patch", "options"]

    def get_queryset(self) -> QuerySet[Project]:
        if getattr(self, "swagger_fake_view", False):
            return Project.objects.none()
        query = ProjectsQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.projects_of(self.request.user, archived=query.validated_data["archived"])

    def create(self, request: Request) -> Response:
        body = NewProjectInput(data=request.data)
        body.is_valid(raise_exception=True)
        project = services.create_project(owner=request.user, **body.validated_data)
        answer = ProjectSerializer(self.project_or_404(project.pk)).data
        return Response(answer, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self.with_etag(self.project_or_404(pk))

    def partial_update(self, request: Request, pk: str) -> Response:
        """The service checks, in this order: who may edit (403), the version sent in If-Match
        (412), then what the change may do (400)."""
        project = self.project_or_404(pk)
        body = ProjectChangeInput(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        with refused_when_stale(NO_PROJECT):
            services.change_project(
                project=project,
                by=request.user,
                expected_versions=expected_versions(request),
                **body.validated_data,
            )
        return self.with_etag(self.project_or_404(pk))

    @staticmethod
    def with_etag(project: Project) -> Response:
        """The project as members read it, with its version as the ETag."""
        return tagged(Response(ProjectSerializer(project).data), project.version)


# --- Members -------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("A project's members"),
        parameters=[PROJECT_ID],
        responses={200: MemberSerializer(many=True), **error_responses(400, 401, 403, 404)},
    ),
    create=extend_schema(
        summary=_("Share a project with a recruiter, or change their access"),
        description=_(
            "Members who can edit only. 201 for a new member, 200 when their access changed. A "
            "username that is not a recruiter's is a 400 naming `username`, whether or not the "
            "account exists."
        ),
        parameters=[PROJECT_ID],
        request=MemberInput,
        responses={
            201: MemberSerializer,
            200: OpenApiResponse(MemberSerializer, description=_("Their access changed.")),
            **error_responses(400, 401, 403, 404),
        },
    ),
    destroy=extend_schema(
        summary=_("Take a recruiter off a project"),
        description=_("Anyone may leave; members who can edit remove others; the owner stays."),
        parameters=[
            PROJECT_ID,
            OpenApiParameter(
                "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The member's id.")
            ),
        ],
        responses={204: None, **error_responses(400, 401, 403, 404)},
    ),
)
class ProjectMemberViewSet(mixins.ListModelMixin, WorkspaceViewSet):
    serializer_class = MemberSerializer
    http_method_names = ["get", "post", "delete", "options"]

    @cached_property
    def project(self) -> Project:
        return self.project_or_404(self.kwargs["project_pk"])

    def get_queryset(self) -> QuerySet[ProjectMember]:
        if getattr(self, "swagger_fake_view", False):
            return ProjectMember.objects.none()
        return selectors.members_of(self.project).select_related("project")

    def create(self, request: Request, project_pk: str) -> Response:
        existed = set(self.project.members.values_list("user__username", flat=True))
        body = MemberInput(data=request.data)
        body.is_valid(raise_exception=True)
        member = services.share_project(
            project=self.project, by=request.user, **body.validated_data
        )
        created = member.user.username not in existed
        return Response(
            MemberSerializer(member).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def destroy(self, request: Request, project_pk: str, pk: str) -> Response:
        member = self.get_queryset().filter(pk=pk).first()
        if member is None:
            raise NotFound(NOT_A_MEMBER)
        services.remove_member(project=self.project, by=request.user, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Candidates in a project ---------------------------------------------------------------------

ENTRY_ID = OpenApiParameter(
    "id",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("The project candidate's id (`id` in the list, not the profile's)."),
)


class BoardPagination(BasePagination):
    """A page of a project's candidates, with the counts of every stage and no total counted:
    one row more than the page says whether a next one exists (`selectors.project_board`).
    `ProjectCandidateViewSet.list` answers it; this describes it."""

    def get_paginated_response_schema(self, schema: dict) -> dict:
        count = {"type": "integer", "minimum": 0}
        stage_count = {
            "type": "object",
            "required": ["stage", "count"],
            "properties": {
                "stage": {
                    "type": "string",
                    "enum": Stage.values,
                    "description": str(_("A pipeline stage.")),
                },
                "count": {**count, "description": str(_("Candidates you may see in it."))},
            },
        }
        return {
            "type": "object",
            "required": ["counts", "hidden", "page", "page_size", "next", "previous", "results"],
            "properties": {
                "counts": {
                    "type": "array",
                    "items": stage_count,
                    "description": str(_("Every stage, in the pipeline's order.")),
                },
                "hidden": {
                    **count,
                    "description": str(
                        _("Candidates no longer visible to you (their profiles went private).")
                    ),
                },
                **paging_properties(),
                "results": {**schema, "description": str(_("This page's results."))},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return paging_parameters()


@extend_schema_view(
    list=extend_schema(
        summary=_("A project's candidates"),
        description=_(
            "A page of the candidates you may see, in the pipeline's order (or of one `stage`), "
            "each with their best channels and your best introduction path; the counts of every "
            "stage; and how many are hidden because their profiles went private. The advice "
            "takes the same parameters as a candidate's recommendation."
        ),
        parameters=[PROJECT_ID, BoardQuery],
        responses={200: EntrySerializer, **error_responses(400, 401, 403, 404)},
    ),
    create=extend_schema(
        summary=_("Add a candidate to a project"),
        description=_(
            "At the stage `sourced`. A profile you may not see is a 404; one already in the "
            "project is a 400 naming `profile`, and the project keeps its one row."
        ),
        parameters=[PROJECT_ID],
        request=NewEntryInput,
        responses={201: EntrySerializer, **error_responses(400, 401, 403, 404)},
    ),
    retrieve=extend_schema(
        summary=_("One candidate in a project"),
        description=_("With every move between stages: who, when, from where to where."),
        parameters=[PROJECT_ID, ENTRY_ID],
        responses={200: EntryDetailSerializer, **error_responses(401, 403, 404)},
    ),
    partial_update=extend_schema(
        summary=_("Move a candidate to another stage"),
        description=_(
            "Recorded in the history with you and the stage they left. Two moves at the same "
            "moment are both recorded, one after the other. A stage that doesn't exist is a "
            "400 naming `stage`."
        ),
        parameters=[PROJECT_ID, ENTRY_ID],
        request=StageInput,
        responses={200: EntryDetailSerializer, **error_responses(400, 401, 403, 404)},
    ),
    destroy=extend_schema(
        summary=_("Take a candidate out of a project"),
        description=_("Their notes, tags, history and outreach log in the project go with them."),
        parameters=[PROJECT_ID, ENTRY_ID],
        responses={204: None, **error_responses(400, 401, 403, 404)},
    ),
)
class ProjectCandidateViewSet(WorkspaceViewSet):
    serializer_class = EntrySerializer
    pagination_class = BoardPagination
    http_method_names = ["get", "post", "patch", "delete", "options"]

    @cached_property
    def project(self) -> Project:
        return self.project_or_404(self.kwargs["project_pk"])

    def get_queryset(self) -> QuerySet[ProjectCandidate]:
        if getattr(self, "swagger_fake_view", False):
            return ProjectCandidate.objects.none()
        return selectors.shown_entries(self.project, self.request.user)

    def entry_or_404(self, pk: object) -> ProjectCandidate:
        entry = self.get_queryset().filter(pk=int(pk)).first()
        if entry is None:
            raise NotFound(NO_ENTRY)
        entry.project = self.project
        return entry

    def detail_data(self, pk: object) -> dict:
        project = self.project
        query = BoardQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        entry = selectors.board_entry(
            project=project,
            viewer=self.request.user,
            pk=int(pk),
            purpose=query.validated_data["purpose"],
            sender=query.to_sender(),
        )
        if entry is None:
            raise NotFound(NO_ENTRY)
        history = StageChangeSerializer(selectors.history_of(entry.id), many=True).data
        return {**entry_data(entry, project, self.request), "history": history}

    def list(self, request: Request, project_pk: str) -> Response:
        project = self.project
        query = BoardQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            stage, asked = selectors.board_request(request.query_params)
        except DjangoValidationError as error:
            raise validation_error_from_django(error) from None
        board = selectors.project_board(
            project=project,
            viewer=request.user,
            purpose=query.validated_data["purpose"],
            sender=query.to_sender(),
            stage=stage,
            number=asked.number,
            size=asked.size,
        )
        url = request.build_absolute_uri()

        def link(number: int) -> str:
            return (
                remove_query_param(url, "page")
                if number == 1
                else replace_query_param(url, "page", number)
            )

        page = EntryPage(request, project)
        return Response(
            {
                "counts": [{"stage": stage, "count": count} for stage, count in board.counts],
                "hidden": board.counts.hidden,
                "page": board.number,
                "page_size": board.size,
                "next": link(board.number + 1) if board.has_next else None,
                "previous": link(board.number - 1) if board.has_previous else None,
                "results": [entry_data(entry, project, request, page) for entry in board.entries],
            }
        )

    def create(self, request: Request, project_pk: str) -> Response:
        project = self.project  # a project that isn't yours is a 404 before any 400
        body = NewEntryInput(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            entry = services.add_candidate(
                project=project, by=request.user, profile_id=body.validated_data["profile"]
            )
        except services.CandidatesNotFound:
            raise NotFound(_("There is no candidate with this id that you can see.")) from None
        return Response(self.detail_data(entry.pk), status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, project_pk: str, pk: str) -> Response:
        return Response(self.detail_data(pk))

    def partial_update(self, request: Request, project_pk: str, pk: str) -> Response:
        entry = self.entry_or_404(pk)
        body = StageInput(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.move_stage(
                project_candidate=entry, by=request.user, stage=body.validated_data["stage"]
            )
        except ProjectCandidate.DoesNotExist:
            raise NotFound(NO_ENTRY) from None
        return Response(self.detail_data(pk))

    def destroy(self, request: Request, project_pk: str, pk: str) -> Response:
        services.remove_candidate(project_candidate=self.entry_or_404(pk), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"],
        summary=_("A project candidate's notes"),
        description=_("Newest first. Only the project's members see them."),
        parameters=[PROJECT_ID, ENTRY_ID],
        responses={200: NoteSerializer(many=True), **error_responses(401, 403, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Write a note on a project candidate"),
        description=_("Members who can edit only; up to 5,000 characters (a 400 naming `text`)."),
        parameters=[PROJECT_ID, ENTRY_ID],
        request=NoteInput,
        responses={201: NoteSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def notes(self, request: Request, project_pk: str, pk: str) -> Response:
        entry = self.entry_or_404(pk)
        if request.method == "GET":
            notes = entry.notes.select_related("author")
            return Response(NoteSerializer(notes, many=True).data)
        body = NoteInput(data=request.data)
        body.is_valid(raise_exception=True)
        note = services.add_note(
            project_candidate=entry, by=request.user, text=body.validated_data["text"]
        )
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Tag a project candidate"),
        description=_(
            "With the project's tag of this name (whatever its case), made if it is new. "
            "Answers the candidate."
        ),
        parameters=[PROJECT_ID, ENTRY_ID],
        request=TagInput,
        responses={200: EntryDetailSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def tags(self, request: Request, project_pk: str, pk: str) -> Response:
        entry = self.entry_or_404(pk)
        body = TagInput(data=request.data)
        body.is_valid(raise_exception=True)
        services.tag_candidate(
            project_candidate=entry, by=request.user, name=body.validated_data["name"]
        )
        return Response(self.detail_data(pk))

    @extend_schema(
        summary=_("Take a tag off a project candidate"),
        parameters=[
            PROJECT_ID,
            ENTRY_ID,
            OpenApiParameter(
                "tag_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The tag's id.")
            ),
        ],
        request=None,
        responses={204: None, **error_responses(400, 401, 403, 404)},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=rf"tags/(?P<tag_pk>{ID_PATTERN})",
        url_name="tag",
    )
    def untag(self, request: Request, project_pk: str, pk: str, tag_pk: str) -> Response:
        entry = self.entry_or_404(pk)
        tag = entry.tags.filter(pk=int(tag_pk)).first()
        if tag is None:
            raise NotFound(_("This candidate has no such tag."))
        services.untag_candidate(project_candidate=entry, by=request.user, tag=tag)
        return Response(status=status.HTTP_204_NO_CONTENT)
