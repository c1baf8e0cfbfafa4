"""Introductions over HTTP: the inbox, asking for one, and every answer, as on the pages.

Each introduction is shown as its caller sees it (`profiles.introduction_selectors.view_of`):
nobody learns of a decline, and the person to meet learns who asks by title and company until
they accept. One they are not party to, or that has not reached them yet, is a 404. Writes go
through `profiles.introductions`, whose conditional updates settle two answers at once.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import NoStoreMixin, StrictFieldsMixin, error_responses
from core.validators import ID_PATTERN, LARGEST_ID
from core.yesno import YesNoSerializerField
from outreach.vocabulary import Purpose
from profiles.api.me import own_profile
from profiles.introduction_rules import Action, Role
from profiles.introduction_selectors import (
    IntroductionView,
    Shown,
    introduction_for,
    received_introductions,
    sent_introductions,
    views_of,
    with_details,
)
from profiles.introductions import act_on_introduction, ask_for_introduction
from profiles.models import ExecutiveProfile, Introduction

NO_PROFILE = _(
    "Introductions are between people with a profile: create yours on your profile page first."
)
NO_INTRODUCTION = _("You have no introduction with this id.")
BOXES = {"to_act": received_introductions, "sent": sent_introductions}

# --- Input ---------------------------------------------------------------------------------------


def profile_id_field(help_text: str, **options) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=LARGEST_ID, help_text=help_text, **options
    )


class AskForIntroductionInput(StrictFieldsMixin, serializers.Serializer):
    target = profile_id_field(_("The profile id of the person you want to meet."))
    via = profile_id_field(_("The profile id of your connection who would introduce you."))
    then = profile_id_field(
        _(
            "On a third-degree path: the profile id of the person `via` passes it on to, who "
            "knows the person you want to meet."
        ),
        required=False,
        allow_null=True,
    )
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    message = serializers.CharField(
        max_length=1000,
        help_text=_(
            "Read by the people on the path and by the person you want to meet, who learns your "
            "name only if they accept."
        ),
    )


class AcceptIntroductionInput(StrictFieldsMixin, serializers.Serializer):
    membership = serializers.IntegerField(
        min_value=1,
        max_value=LARGEST_ID,
        required=False,
        allow_null=True,
        help_text=_(
            "The id of one of your memberships (on an operating platform, with a handle): the "
            "requester sees its platform and handle."
        ),
    )
    reply_in_app = YesNoSerializerField(
        default=False,
        help_text=_("Instead of a membership: you write first, and see the requester's platforms."),
    )


class IntroductionActionInput(StrictFieldsMixin, serializers.Serializer):
    """No body is needed; a key sent anyway is refused, naming it."""


class IntroductionBoxQuery(serializers.Serializer):
    box = serializers.ChoiceField(choices=list(BOXES), default="to_act", required=False)


# --- Output --------------------------------------------------------------------------------------


class ChosenChannelOutput(serializers.Serializer):
    platform = serializers.CharField(help_text=_("The platform's name; empty for NetworkDir."))
    handle = serializers.CharField()
    in_app = serializers.BooleanField(
        help_text=_("The person to meet writes first, in NetworkDir, rather than a platform.")
    )


class IntroductionHistoryOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    text = serializers.CharField(help_text=_("What happened, in the language asked for."))


class IntroductionOutput(serializers.Serializer):
    """An introduction as the caller sees it."""

    id = serializers.IntegerField(source="pk")
    role = serializers.ChoiceField(choices=Role.choices, help_text=_("Your place in it."))
    state = serializers.ChoiceField(
        source="shown",
        choices=Shown.choices,
        help_text=_(
            "As you may know it: a decline by someone else reads as waiting until the deadline, "
            "then as not accepted."
        ),
    )
    waiting_on = serializers.CharField(
        allow_null=True, help_text=_("Whose answer it waits for, while it waits.")
    )
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=Action.choices),
        help_text=_("What you may do now, each a POST to the action's address."),
    )
    requester = serializers.CharField(
        help_text=_("Their name; for the person to meet, their title and company until accepted.")
    )
    target = serializers.CharField()
    intermediary = serializers.CharField()
    second_intermediary = serializers.CharField(allow_null=True)
    purpose = serializers.ChoiceField(source="introduction.purpose", choices=Purpose.choices)
    message = serializers.CharField(source="introduction.message")
    created_at = serializers.DateTimeField(source="introduction.created_at")
    open_until = serializers.DateTimeField(
        allow_null=True,
        help_text=_("The deadline of the step it waits at; null once it no longer waits."),
    )
    channel = ChosenChannelOutput(
        allow_null=True,
        help_text=_(
            "How the person to meet chose to be reached: shown to the requester and to them, "
            "once accepted; null otherwise."
        ),
    )
    requester_channels = ChosenChannelOutput(
        many=True,
        help_text=_(
            "For a person to meet who accepted and writes first: the requester's platforms."
        ),
    )
    history = IntroductionHistoryOutput(many=True)
    page_url = serializers.SerializerMethodField(help_text=_("Its page on the site."))

    def get_page_url(self, view: IntroductionView) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("profiles:introduction", kwargs={"pk": view.pk})
        )


INTRODUCTION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The introduction's id.")
)
BOX = OpenApiParameter(
    "box",
    OpenApiTypes.STR,
    enum=list(BOXES),
    description=_(
        "`to_act`: introductions asked of you, as an intermediary or the person to meet, those "
        "waiting for your answer first (the default); `sent`: the ones you asked for."
    ),
)


def action_schema(summary: str, description: str, request=IntroductionActionInput) -> dict:
    return {
        "summary": summary,
        "description": description,
        "parameters": [INTRODUCTION_ID],
        "request": request,
        "responses": {200: IntroductionOutput, **error_responses(400, 401, 404)},
    }


NOT_WAITING_NOTE = _(
    " If it no longer waits for you (someone answered first, or it expired) nothing changes: "
    "a 400 naming `status`."
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Your introductions"),
        description=_(
            "Each as you see it. Nobody is told of a decline: to everyone but the person who "
            "declined, it reads as waiting until its deadline, then as not accepted."
        ),
        parameters=[BOX],
        responses={200: IntroductionOutput(many=True), **error_responses(400, 401, 404)},
    ),
    create=extend_schema(
        summary=_("Ask for an introduction"),
        description=_(
            "Asks `via`, one of your connections, to introduce you to `target` (through `then` on "
            "a third-degree path). Each link must be real and willing, and every person on it "
            "one you may see in your network; a problem is a 400 naming the field. At most 10 "
            "open requests, one per person."
        ),
        request=AskForIntroductionInput,
        responses={201: IntroductionOutput, **error_responses(400, 401, 404)},
    ),
    retrieve=extend_schema(
        summary=_("One of your introductions"),
        parameters=[INTRODUCTION_ID],
        responses={200: IntroductionOutput, **error_responses(401, 404)},
    ),
    accept=extend_schema(
        **action_schema(
            _("Accept an introduction"),
            _("As the person to meet: choose a membership of yours, or `reply_in_app`.")
            + NOT_WAITING_NOTE,
            request=AcceptIntroductionInput,
        )
    ),
    decline=extend_schema(
        **action_schema(
            _("Decline an introduction"),
            _("As an intermediary or the person to meet. Nobody else is told.") + NOT_WAITING_NOTE,
        )
    ),
    pass_on=extend_schema(
        **action_schema(
            _("Pass an introduction on"),
            _("As an intermediary: to the second intermediary, or to the person to meet.")
            + NOT_WAITING_NOTE,
        )
    ),
    withdraw=extend_schema(
        **action_schema(
            _("Withdraw your request"), _("As the requester, while it waits.") + NOT_WAITING_NOTE
        )
    ),
)
class MeIntroductionViewSet(NoStoreMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = IntroductionOutput
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "options"]

    @cached_property
    def profile(self) -> ExecutiveProfile:
        return own_profile(self.request, NO_PROFILE)

    def get_queryset(self) -> QuerySet[Introduction]:
        if getattr(self, "swagger_fake_view", False):
            return Introduction.objects.none()
        query = IntroductionBoxQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return with_details(BOXES[query.validated_data["box"]](self.profile))

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        views = views_of(page, self.profile)
        return self.get_paginated_response(
            IntroductionOutput(views, many=True, context={"request": request}).data
        )

    def create(self, request: Request) -> Response:
        requester = self.profile
        body = AskForIntroductionInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        introduction = ask_for_introduction(
            requester=requester,
            target_id=data["target"],
            via_id=data["via"],
            then_id=data.get("then"),
            purpose=data["purpose"],
            message=data["message"],
        )
        return self.one(introduction.pk, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self.one(int(pk))

    def one(self, pk: int, **options) -> Response:
        introduction = introduction_for(self.profile, pk)
        if introduction is None:
            raise NotFound(NO_INTRODUCTION)
        (view,) = views_of([introduction], self.profile)
        return Response(IntroductionOutput(view, context={"request": self.request}).data, **options)

    def act(
        self, request: Request, pk: str, action: Action, body=IntroductionActionInput
    ) -> Response:
        introduction = introduction_for(self.profile, int(pk))
        if introduction is None:
            raise NotFound(NO_INTRODUCTION)
        given = body(data=request.data)
        given.is_valid(raise_exception=True)
        channel = {}
        if action is Action.ACCEPT:
            channel = {
                "membership_id": given.validated_data.get("membership"),
                "reply_in_app": given.validated_data["reply_in_app"],
            }
        act_on_introduction(introduction=introduction, actor=self.profile, action=action, **channel)
        return self.one(introduction.pk)

    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        return self.act(request, pk, Action.ACCEPT, AcceptIntroductionInput)

    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        return self.act(request, pk, Action.DECLINE)

    @action(detail=True, methods=["post"], url_path="pass-on", url_name="pass-on")
    def pass_on(self, request: Request, pk: str) -> Response:
        return self.act(request, pk, Action.PASS_ON)

    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self.act(request, pk, Action.WITHDRAW)
