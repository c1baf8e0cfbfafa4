"""The outreach log and the evidence over HTTP.

`/api/v1/outreach-logs/`: your own outreaches to candidates of your projects — log one, list
and read them, record or change the outcome. Nobody else's log is ever listed or found (404),
nor one to a candidate you may no longer see. `/api/v1/evidence/`: the observed reply rates the
advice shows, for recruiters (rows with at least 20 outreaches behind them) and admins (every
row). Recruiters and admins only, as the workspace.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import BoundedPageNumberPagination, NoStoreMixin, StrictFieldsMixin, error_responses
from core.validators import ID_PATTERN
from outreach.catalog import load_catalog
from outreach.evidence import MAX_POINTS, ObservedRate
from outreach.selectors import read_evidence
from outreach.vocabulary import CompanyType, Seniority
from outreach.vocabulary import Outcome as KnownOutcome
from profiles.access import is_admin
from profiles.api.candidates import IsRecruiter
from profiles.models import ExecutiveProfile
from workspace import outreach_log
from workspace.models import UNKNOWN_CHANNEL, Outcome, OutreachLog, Project, ProjectCandidate

NO_LOG = _("No outreach with this id is yours.")
NO_ENTRY = _("This candidate is not in one of your projects, or no longer visible to you.")
LOG_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The outreach's id.")
)

# --- The log -------------------------------------------------------------------------------------


class OutreachLogSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="project_candidate.project_id", read_only=True)
    candidate = serializers.IntegerField(
        source="project_candidate.profile_id",
        read_only=True,
        help_text=_("The candidate's profile id (as in /api/v1/candidates/)."),
    )
    channel_name = serializers.SerializerMethodField()

    class Meta:
        model = OutreachLog
        fields = (
            "id",
            "project",
            "project_candidate",
            "candidate",
            "channel",
            "channel_name",
            "sent_on",
            "outcome",
            "outcome_at",
            "created_at",
        )

    def get_channel_name(self, log: OutreachLog) -> str:
        return str(outreach_log.channel_name(log.channel))


class OutreachLogInput(StrictFieldsMixin, serializers.Serializer):
    project_candidate = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The id of the candidate in your project (as the project's list gives it)."),
    )
    channel = serializers.CharField(
        max_length=50,
        help_text=_(
            "A platform's slug or warm-introduction, email, phone, in-person: any channel the "
            "advisor knows."
        ),
    )
    sent_on = serializers.DateField(help_text=_("The day it was sent, in the last 12 months."))


class OutcomeInput(StrictFieldsMixin, serializers.Serializer):
    outcome = serializers.ChoiceField(choices=KnownOutcome.choices)


class OutreachLogQuery(serializers.Serializer):
    project_candidate = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)


@extend_schema_view(
    list=extend_schema(
        summary=_("Your outreaches"),
        description=_("Newest first; only your own, to candidates you may still see."),
        parameters=[OutreachLogQuery],
        responses={200: OutreachLogSerializer(many=True), **error_responses(400, 401, 403)},
    ),
    create=extend_schema(
        summary=_("Log an outreach"),
        description=_(
            "Pending until you record its outcome, or 'no_reply' 14 days after `sent_on`. A "
            "candidate not in one of your projects is a 404; a project you can only view, a "
            "403; an unknown channel or a date in the future or over a year ago, a 400 naming the "
            "field."
        ),
        request=OutreachLogInput,
        responses={201: OutreachLogSerializer, **error_responses(400, 401, 403, 404)},
    ),
    retrieve=extend_schema(
        summary=_("One of your outreaches"),
        parameters=[LOG_ID],
        responses={200: OutreachLogSerializer, **error_responses(401, 403, 404)},
    ),
    partial_update=extend_schema(
        summary=_("Record or change an outreach's outcome"),
        description=_("Counted at once in the observed reply rates (summed, never shown alone)."),
        parameters=[LOG_ID],
        request=OutcomeInput,
        responses={200: OutreachLogSerializer, **error_responses(400, 401, 403, 404)},
    ),
)
class OutreachLogViewSet(
    NoStoreMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = OutreachLogSerializer
    permission_classes = [IsRecruiter]
    pagination_class = BoundedPageNumberPagination
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "options"]

    def get_queryset(self) -> QuerySet[OutreachLog]:
        if getattr(self, "swagger_fake_view", False):
            return OutreachLog.objects.none()
        logs = outreach_log.logs_of(self.request.user).select_related("project_candidate")
        if self.action == "list":
            query = OutreachLogQuery(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            logs = logs.filter(**query.validated_data)
        return logs.order_by("-sent_on", "-id")

    def get_object(self) -> OutreachLog:
        log = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if log is None:
            raise NotFound(NO_LOG)
        return log

    def _entry_or_404(self, pk: int) -> ProjectCandidate:
        user = self.request.user
        searchable = ExecutiveProfile.objects.candidates_for(user).filter(pk=OuterRef("profile"))
        entry = (
            ProjectCandidate.objects.filter(
                Exists(searchable), pk=pk, project__in=Project.objects.for_member(user)
            )
            .select_related("project", "profile")
            .first()
        )
        if entry is None:
            raise NotFound(NO_ENTRY)
        return entry

    def create(self, request: Request) -> Response:
        body = OutreachLogInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        entry = self._entry_or_404(data.pop("project_candidate"))
        log = outreach_log.log_outreach(project_candidate=entry, by=request.user, **data)
        return Response(self.get_serializer(log).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        log = self.get_object()
        body = OutcomeInput(data=request.data)
        body.is_valid(raise_exception=True)
        log = outreach_log.record_outcome(log=log, by=request.user, **body.validated_data)
        return Response(self.get_serializer(log).data)


# --- The evidence --------------------------------------------------------------------------------


class EvidenceSerializer(serializers.Serializer):
    channel = serializers.CharField()
    company_type = serializers.ChoiceField(choices=CompanyType.choices)
    seniority = serializers.ChoiceField(choices=Seniority.choices)
    outreaches = serializers.IntegerField(
        min_value=1, help_text=_("Outreaches with a known outcome.")
    )
    replied = serializers.IntegerField(min_value=0)
    rate = serializers.FloatField(min_value=0, max_value=1)
    low = serializers.FloatField(min_value=0, max_value=1, help_text=_("95% Wilson interval."))
    high = serializers.FloatField(min_value=0, max_value=1)
    shown = serializers.BooleanField(
        help_text=_("Shown in advice: at least 20 outreaches stand behind it.")
    )
    evidence_points = serializers.IntegerField(
        min_value=-MAX_POINTS,
        max_value=MAX_POINTS,
        help_text=_("How far it moves the channel's score in advice."),
    )
    text = serializers.CharField(source="observed", help_text=_("The line advice shows."))


class EvidenceQuery(serializers.Serializer):
    channel = serializers.CharField(
        max_length=50,
        required=False,
        help_text=_("A platform's slug or warm-introduction, email, phone, in-person."),
    )
    company_type = serializers.ChoiceField(choices=CompanyType.choices, required=False)
    seniority = serializers.ChoiceField(choices=Seniority.choices, required=False)

    def validate_channel(self, channel: str) -> str:
        if channel not in load_catalog().channel_ids:
            raise serializers.ValidationError(UNKNOWN_CHANNEL)
        return channel


def _row(observed: ObservedRate, points: int) -> dict:
    return {
        **{name: getattr(observed, name) for name in ("channel", "company_type", "seniority")},
        **{name: getattr(observed, name) for name in ("outreaches", "replied", "low", "high")},
        "rate": observed.rate,
        "shown": observed.shown,
        "evidence_points": points,
        "observed": observed,
    }


class EvidenceView(NoStoreMixin, APIView):
    """The observed reply rates by channel and kind of target, as the advice reads them."""

    permission_classes = [IsRecruiter]

    @extend_schema(
        summary=_("Observed reply rates"),
        description=_(
            "By channel, company type and seniority: outreaches with a known outcome, replies, "
            "the rate and its 95% Wilson interval, and how far it moves the channel's score in "
            "advice. Recruiters see the rows with at least 20 outreaches (the ones advice "
            "shows), as published: the sums follow each change only once five outcomes have "
            "changed, so no one outreach can be told from them. Admins see every row, live."
        ),
        parameters=[EvidenceQuery],
        responses={200: EvidenceSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = EvidenceQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        evidence = read_evidence(live=is_admin(request.user))
        rows = []
        for observed in evidence.rates:
            if any(getattr(observed, name) != value for name, value in wanted.items()):
                continue
            if not (observed.shown or is_admin(request.user)):
                continue
            found = evidence.for_target(observed.company_type, observed.seniority)
            moved = found.get(observed.channel)
            rows.append(_row(observed, moved.points if moved else 0))
        return Response(EvidenceSerializer(rows, many=True).data)
