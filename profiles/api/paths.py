"""Who could introduce the caller to a person, over HTTP: `GET /api/v1/people/<id>/paths/`.

The same as the person's page shows: connections in common counted and named only as the
network's privacy rule allows (`profiles.paths`), and the best paths up to three degrees,
through the caller's own profile or, for a recruiter in a team, a teammate's. A person the
caller may not see is a 404, whether or not the profile exists.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import NoStoreMixin, error_responses
from profiles.models import Closeness, ExecutiveProfile, Relationship, Willingness
from profiles.paths import PATHS_SHOWN, IntroductionPath, best_paths, common_connections

NO_PERSON = _("No person with this id is within your reach.")


class PathsQuery(serializers.Serializer):
    max_degree = serializers.IntegerField(
        min_value=2,
        max_value=3,
        default=3,
        help_text=_("The longest path to look for: 2 (one intermediary) or 3 (two)."),
    )


class PathStepSerializer(serializers.Serializer):
    profile_id = serializers.IntegerField()
    display_name = serializers.CharField()
    relationship = serializers.ChoiceField(
        choices=Relationship.choices,
        help_text=_("How the previous person on the path knows this one, in their words."),
    )
    closeness = serializers.ChoiceField(
        choices=Closeness.choices, help_text=_("1 acquainted, 2 know well, 3 close.")
    )
    willingness = serializers.ChoiceField(
        choices=Willingness.choices,
        help_text=_("Whether the previous person would introduce this one."),
    )


class PathSerializer(serializers.Serializer):
    degree = serializers.IntegerField(min_value=2, max_value=3)
    via_teammate = serializers.CharField(
        allow_null=True, help_text=_("The teammate whose contact the path starts from, if any.")
    )
    description = serializers.CharField(help_text=_("The path in one line, as the page says it."))
    steps = PathStepSerializer(many=True, help_text=_("The intermediaries, then the person."))
    introduction_url = serializers.URLField(
        allow_null=True,
        help_text=_("The page to ask for this introduction on (null for a teammate's path)."),
    )


class CommonConnectionsSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        min_value=0, help_text=_("Connections in common that you can see.")
    )
    names = serializers.ListField(
        child=serializers.CharField(), help_text=_("The first of their names, alphabetically.")
    )


class PathsSerializer(serializers.Serializer):
    common_connections = CommonConnectionsSerializer()
    paths = PathSerializer(many=True, help_text=_("The best paths first, at most three."))


def introduction_link(path: IntroductionPath, request: Request) -> str | None:
    if not path.ask_query:
        return None
    url = f"{reverse('profiles:introduction_new')}?{path.ask_query}"
    return request.build_absolute_uri(url)


def path_data(path: IntroductionPath, request: Request) -> dict:
    return {
        "degree": path.degree,
        "via_teammate": path.via_teammate,
        "description": path.describe(),
        "steps": [
            {
                "profile_id": step.profile_id,
                "display_name": step.display_name,
                "relationship": step.relationship,
                "closeness": step.closeness,
                "willingness": step.willingness,
            }
            for step in path.steps
        ],
        "introduction_url": introduction_link(path, request),
    }


class PersonPathsView(NoStoreMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Who could introduce you to a person"),
        description=_(
            "Connections in common that you can see, and the best paths to this person through "
            "people willing to introduce them, up to three degrees, ranked by degree, then the "
            "closeness of each link, then how recently the intermediaries were active. A "
            "recruiter in a team also gets paths that start at a teammate's contacts. Paths "
            "start at your own profile: without one (or a team) there are none."
        ),
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The person's id.")
            ),
            PathsQuery,
        ],
        responses={200: PathsSerializer, **error_responses(400, 401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        target = ExecutiveProfile.objects.visible_to(request.user).filter(pk=pk).first()
        if target is None:
            raise NotFound(NO_PERSON)
        query = PathsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        paths = best_paths(
            viewer=request.user,
            target=target,
            max_degree=query.validated_data["max_degree"],
            limit=PATHS_SHOWN,
        )
        common = common_connections(viewer=request.user, target=target)
        return Response(
            {
                "common_connections": {"count": common.count, "names": list(common.names)},
                "paths": [path_data(path, request) for path in paths],
            }
        )
