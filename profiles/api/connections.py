"""The signed-in person's network over HTTP: connections, requests to connect, blocks.

The same rules as My network (/me/network/): every endpoint works on `request.user`'s own
profile, and an id that is not theirs is a 404. Writes go through `profiles.connections`, as the
pages' do; a person the caller may not see is a 404 whether or not the profile exists.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import NoStoreMixin, StrictFieldsMixin, error_responses
from core.validators import ID_PATTERN
from profiles import connections
from profiles.api.me import own_profile
from profiles.connections import CONTACT_SETTING_FIELDS, NO_PROFILE_TO_CONNECT, NOT_VISIBLE
from profiles.models import Block, ConnectionRequest, Contact, ExecutiveProfile
from profiles.network_selectors import (
    DIRECTIONS,
    blockable_by,
    blocks_of,
    connections_of,
    requests_of,
    requests_to_answer,
    requests_to_withdraw,
)

NO_CONNECTION = _("You have no connection with this person.")
NO_REQUEST = _("You have no request with this id that you can act on this way.")
NOT_BLOCKED = _("You have not blocked this person.")


class NetworkPersonSerializer(serializers.ModelSerializer):
    """Another person, as the network names them: their profile id and display name."""

    class Meta:
        model = ExecutiveProfile
        fields = ("id", "display_name")


class NetworkViewSet(NoStoreMixin, viewsets.GenericViewSet):
    """Works on the caller's own profile; without one there is no network yet (404 saying how
    to make one)."""

    permission_classes = [IsAuthenticated]
    lookup_value_regex = ID_PATTERN

    @cached_property
    def profile(self) -> ExecutiveProfile:
        return own_profile(self.request, NO_PROFILE_TO_CONNECT)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["profile"] = self.profile
        return context

    def own(self, queryset: QuerySet, message: str, **lookup: object):
        found = queryset.filter(**lookup).first()
        if found is None:
            raise NotFound(message)
        return found


PERSON_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The other person's profile id.")
)
REQUEST_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The request's id.")
)

# --- Connections ---------------------------------------------------------------------------------


class OwnConnectionSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """One of your connections, as you describe it; the other person keeps their own view."""

    person = NetworkPersonSerializer(source="other", read_only=True)

    class Meta:
        model = Contact
        fields = ("person", *CONTACT_SETTING_FIELDS, "created_at")
        read_only_fields = ("created_at",)


@extend_schema_view(
    list=extend_schema(
        summary=_("Your connections"),
        description=_(
            "Everyone you are connected with, closest first, each as you describe them. Only "
            "you see this list."
        ),
        responses={200: OwnConnectionSerializer(many=True), **error_responses(400, 401, 404)},
    ),
    retrieve=extend_schema(
        summary=_("One of your connections"),
        parameters=[PERSON_ID],
        responses={200: OwnConnectionSerializer, **error_responses(401, 404)},
    ),
    partial_update=extend_schema(
        summary=_("Change how you describe a connection"),
        description=_(
            "How you know them, how well, and whether you would introduce them to people who "
            "ask (`willingness`). Only your side changes."
        ),
        parameters=[PERSON_ID],
        request=OwnConnectionSerializer(partial=True),
        responses={200: OwnConnectionSerializer, **error_responses(400, 401, 404)},
    ),
    destroy=extend_schema(
        summary=_("Remove a connection"),
        description=_("Removes the connection for both of you."),
        parameters=[PERSON_ID],
        responses={204: None, **error_responses(401, 404)},
    ),
)
class MeConnectionViewSet(mixins.ListModelMixin, NetworkViewSet):
    serializer_class = OwnConnectionSerializer
    http_method_names = ["get", "patch", "delete", "options"]

    def get_queryset(self) -> QuerySet[Contact]:
        if getattr(self, "swagger_fake_view", False):
            return Contact.objects.none()
        return connections_of(self.profile)

    def get_object(self) -> Contact:
        return self.own(self.get_queryset(), NO_CONNECTION, other__pk=self.kwargs["pk"])

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        contact = self.get_object()
        body = self.get_serializer(contact, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        try:
            contact = connections.update_connection(contact=contact, **body.validated_data)
        except Contact.DoesNotExist:
            raise NotFound(NO_CONNECTION) from None
        return Response(self.get_serializer(contact).data)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        connections.remove_connection(contact=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Requests to connect -------------------------------------------------------------------------


class ConnectionRequestSerializer(serializers.ModelSerializer):
    """A request to connect that you sent or received."""

    direction = serializers.SerializerMethodField(
        help_text=_("`sent` by you, or `received` by you.")
    )
    sender = NetworkPersonSerializer(read_only=True)
    recipient = NetworkPersonSerializer(read_only=True)

    class Meta:
        model = ConnectionRequest
        fields = (
            "id",
            "direction",
            "sender",
            "recipient",
            "relationship",
            "closeness",
            "message",
            "status",
            "created_at",
            "expires_at",
        )

    @extend_schema_field(serializers.ChoiceField(choices=DIRECTIONS))
    def get_direction(self, connection_request: ConnectionRequest) -> str:
        return "sent" if connection_request.sender_id == self.context["profile"].pk else "received"


class NewConnectionRequestSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    recipient = serializers.IntegerField(
        min_value=1, help_text=_("The profile id of the person you ask.")
    )

    class Meta:
        model = ConnectionRequest
        fields = ("recipient", "relationship", "closeness", "message")


class AcceptInput(StrictFieldsMixin, serializers.ModelSerializer):
    """Your own side of the connection; left out, it is what the sender said."""

    class Meta:
        model = Contact
        fields = ("relationship", "closeness")
        extra_kwargs = {"relationship": {"required": False}, "closeness": {"required": False}}


DIRECTION = OpenApiParameter(
    "direction",
    OpenApiTypes.STR,
    enum=DIRECTIONS,
    description=_("Only the requests you `sent`, or only those you `received`; both if left out."),
)
ACTED_ON = {200: ConnectionRequestSerializer, **error_responses(400, 401, 404)}
NOT_OPEN_NOTE = _(
    "A request that is no longer open (answered, withdrawn, or past its 30 days) is a 400 "
    "saying so; one that is not yours to act on this way is a 404."
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Your open requests to connect"),
        description=_(
            "Requests still waiting for an answer, newest first: those you sent and those you "
            "received. A request expires after 30 days."
        ),
        parameters=[DIRECTION],
        responses={200: ConnectionRequestSerializer(many=True), **error_responses(400, 401, 404)},
    ),
    create=extend_schema(
        summary=_("Ask someone to connect"),
        description=_(
            "Say how you know them and how well. 201 with the new request; if they had already "
            "asked you, this accepts their request instead: 200 with it, accepted. A person you "
            "can't see is a 404. Asking yourself, someone you are connected with or have "
            "already asked, or someone blocked either way is a 400 naming `recipient`; more than "
            "50 open requests is a 400."
        ),
        request=NewConnectionRequestSerializer,
        responses={
            201: ConnectionRequestSerializer,
            200: OpenApiResponse(
                ConnectionRequestSerializer,
                description=_("They had already asked you: their request, now accepted."),
            ),
            **error_responses(400, 401, 404),
        },
    ),
)
class MeConnectionRequestViewSet(mixins.ListModelMixin, NetworkViewSet):
    serializer_class = ConnectionRequestSerializer
    http_method_names = ["get", "post", "options"]

    def get_queryset(self) -> QuerySet[ConnectionRequest]:
        if getattr(self, "swagger_fake_view", False):
            return ConnectionRequest.objects.none()
        direction = self.request.query_params.get("direction") or None
        if direction is not None and direction not in DIRECTIONS:
            raise ValidationError(
                {"direction": [gettext("Choose `sent` or `received`, or leave it out.")]}
            )
        return requests_of(self.profile, direction)

    def create(self, request: Request, *args, **kwargs) -> Response:
        body = NewConnectionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        people = ExecutiveProfile.objects.visible_to(request.user)
        recipient = self.own(people, NOT_VISIBLE, pk=values.pop("recipient"))
        asked = connections.ask_to_connect(sender=self.profile, recipient=recipient, **values)
        created = asked.sender_id == self.profile.pk
        return Response(
            self.get_serializer(asked).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary=_("Accept a request you received"),
        description=format_lazy(
            "{} {}",
            _(
                "You are connected from now on. Optionally describe your side (how you know "
                "them, how well); left out, it is what they said. Accepting twice answers the "
                "same."
            ),
            NOT_OPEN_NOTE,
        ),
        parameters=[REQUEST_ID],
        request=AcceptInput,
        responses=ACTED_ON,
    )
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        connection_request = self.own(requests_to_answer(self.profile), NO_REQUEST, pk=pk)
        body = AcceptInput(data=request.data)
        body.is_valid(raise_exception=True)
        connections.accept_request(
            connection_request=connection_request, recipient=self.profile, **body.validated_data
        )
        return Response(self.get_serializer(connection_request).data)

    @extend_schema(
        summary=_("Decline a request you received"),
        description=format_lazy(
            "{} {}", _("The sender is not told; the request leaves their list."), NOT_OPEN_NOTE
        ),
        parameters=[REQUEST_ID],
        request=None,
        responses=ACTED_ON,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        connection_request = self.own(requests_to_answer(self.profile), NO_REQUEST, pk=pk)
        connections.decline_request(connection_request=connection_request, recipient=self.profile)
        return Response(self.get_serializer(connection_request).data)

    @extend_schema(
        summary=_("Withdraw a request you sent"),
        description=NOT_OPEN_NOTE,
        parameters=[REQUEST_ID],
        request=None,
        responses=ACTED_ON,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        connection_request = self.own(requests_to_withdraw(self.profile), NO_REQUEST, pk=pk)
        connections.withdraw_request(connection_request=connection_request, sender=self.profile)
        return Response(self.get_serializer(connection_request).data)


# --- Blocks --------------------------------------------------------------------------------------


class BlockSerializer(serializers.ModelSerializer):
    person = NetworkPersonSerializer(source="blocked", read_only=True)

    class Meta:
        model = Block
        fields = ("person", "created_at")


class NewBlockSerializer(StrictFieldsMixin, serializers.Serializer):
    profile = serializers.IntegerField(
        min_value=1,
        help_text=_(
            "The profile id of the person to block: someone you can see, or who asked you to "
            "connect, or a connection."
        ),
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("People you blocked"),
        description=_("They can't send you requests; they are not told that you blocked them."),
        responses={200: BlockSerializer(many=True), **error_responses(400, 401, 404)},
    ),
    create=extend_schema(
        summary=_("Block someone"),
        description=_(
            "Removes your connection with them and closes the open requests between you. 201 "
            "when new, 200 when you had already blocked them; a person you can't see and have "
            "never been in touch with is a 404."
        ),
        request=NewBlockSerializer,
        responses={
            201: BlockSerializer,
            200: OpenApiResponse(BlockSerializer, description=_("Already blocked.")),
            **error_responses(400, 401, 404),
        },
    ),
    destroy=extend_schema(
        summary=_("Unblock someone"),
        description=_("They may send you requests again; a removed connection stays removed."),
        parameters=[PERSON_ID],
        responses={204: None, **error_responses(401, 404)},
    ),
)
class MeBlockViewSet(mixins.ListModelMixin, NetworkViewSet):
    serializer_class = BlockSerializer
    http_method_names = ["get", "post", "delete", "options"]

    def get_queryset(self) -> QuerySet[Block]:
        if getattr(self, "swagger_fake_view", False):
            return Block.objects.none()
        return blocks_of(self.profile)

    def create(self, request: Request, *args, **kwargs) -> Response:
        body = NewBlockSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        people = blockable_by(self.profile, request.user)
        person = self.own(people, NOT_VISIBLE, pk=body.validated_data["profile"])
        block, created = connections.block_person(blocker=self.profile, blocked=person)
        return Response(
            self.get_serializer(block).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        block = self.own(self.get_queryset(), NOT_BLOCKED, blocked__pk=self.kwargs["pk"])
        connections.unblock_person(block=block)
        return Response(status=status.HTTP_204_NO_CONTENT)
