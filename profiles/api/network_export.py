"""The API's documentation of the network in the person's data export (`personal_network`).

Kept apart from `me` so that module stays about its endpoints; `PersonalDataSerializer`
declares these fields, and DRF copies a declared field for each serializer it builds.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from outreach.vocabulary import Purpose
from profiles.introduction_rules import Role
from profiles.introduction_selectors import Shown
from profiles.network_models import Closeness, Relationship, RequestStatus, Willingness
from profiles.personal_network import NO_LONGER_OPEN


class ExportedPersonSerializer(serializers.Serializer):
    """Another person as the export names them; one class, so the schema has one component."""

    profile_id = serializers.IntegerField()
    name = serializers.CharField()


def _person() -> serializers.Serializer:
    return ExportedPersonSerializer(allow_null=True)


# What a person is told of a request they sent or received (`personal_network._request_status`).
REQUEST_STATUSES = [*RequestStatus.choices, (NO_LONGER_OPEN, _("No longer open"))]


def _request_fields(party: str) -> dict[str, serializers.Field]:
    return {
        party: _person(),
        "relationship": serializers.ChoiceField(choices=Relationship.choices),
        "closeness": serializers.ChoiceField(choices=Closeness.choices),
        "message": serializers.CharField(),
        "status": serializers.ChoiceField(
            choices=REQUEST_STATUSES,
            help_text=_("A request you sent that was declined is only “no longer open”."),
        ),
        "sent_at": serializers.DateTimeField(),
        "expires_at": serializers.DateTimeField(),
        "decided_at": serializers.DateTimeField(allow_null=True),
    }


CONNECTIONS = inline_serializer(
    "ExportedConnection",
    {
        "person": _person(),
        "relationship": serializers.ChoiceField(choices=Relationship.choices),
        "closeness": serializers.ChoiceField(choices=Closeness.choices),
        "willing_to_introduce": serializers.ChoiceField(choices=Willingness.choices),
        "connected_at": serializers.DateTimeField(),
    },
    many=True,
    help_text=_("Your side of each connection: how you described it."),
)
REQUESTS_SENT = inline_serializer("ExportedRequestSent", _request_fields("to"), many=True)
REQUESTS_RECEIVED = inline_serializer("ExportedRequestReceived", _request_fields("from"), many=True)
BLOCKED = inline_serializer(
    "ExportedBlock",
    {"person": _person(), "blocked_at": serializers.DateTimeField()},
    many=True,
    help_text=_("The people you blocked."),
)
INTRODUCTIONS = inline_serializer(
    "ExportedIntroduction",
    {
        "your_role": serializers.ChoiceField(choices=Role.choices),
        "requester": serializers.CharField(),
        "intermediary": serializers.CharField(),
        "second_intermediary": serializers.CharField(allow_null=True),
        "target": serializers.CharField(),
        "purpose": serializers.ChoiceField(choices=Purpose.choices),
        "message": serializers.CharField(),
        "state": serializers.ChoiceField(choices=Shown.choices),
        "chosen_channel": inline_serializer(
            "ExportedChosenChannel",
            {
                "platform": serializers.CharField(),
                "handle": serializers.CharField(),
                "reply_in_networkdir": serializers.BooleanField(),
            },
            allow_null=True,
        ),
        "asked_at": serializers.DateTimeField(),
        "history": inline_serializer(
            "ExportedIntroductionEvent",
            {"at": serializers.DateTimeField(), "what": serializers.CharField()},
            many=True,
        ),
    },
    many=True,
    help_text=_("The introductions you are party to, as your inbox shows them."),
)
