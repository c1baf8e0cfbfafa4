"""Outreach advice over HTTP: `POST /api/v1/recommendations/` for any target described in the body.

The body is the recommender's input as the recommendation issue defines it — `purpose`, `target`
(with its `memberships`) and `sender` — checked by Input serializers that name every faulty
field; the answer is every channel ranked by the same pure engine the pages use.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import StrictFieldsMixin, error_responses
from core.yesno import YesNoSerializerField
from outreach.catalog import advise, load_catalog
from outreach.evidence import MAX_POINTS, MIN_OUTREACHES
from outreach.recommender import Recommendation, Sender, Target, TargetMembership
from outreach.rules import Rule
from outreach.vocabulary import (
    LANGUAGE_CHOICES,
    OTHER,
    PLATFORM,
    SENDER_FIELDS,
    CompanyType,
    Purpose,
    Seniority,
)

# More memberships than platforms can't be valid; the bound keeps a body from growing unchecked.
MAX_MEMBERSHIPS = 50

# --- Input ---------------------------------------------------------------------------------------


class TargetMembershipInput(StrictFieldsMixin, serializers.Serializer):
    platform = serializers.SlugField(
        max_length=50, help_text=_("The platform's slug, e.g. weibo (see /api/v1/platforms/).")
    )
    active = YesNoSerializerField(default=True, help_text=_("Uses the platform at least monthly."))
    open_to_inquiries = YesNoSerializerField(default=False)
    publicizes_career = YesNoSerializerField(default=False)
    verified = YesNoSerializerField(default=False)

    def validate_platform(self, slug: str) -> str:
        if slug not in self.context["platform_slugs"]:
            raise serializers.ValidationError(
                gettext("No platform has the slug “%(slug)s”.") % {"slug": slug}
            )
        return slug


class TargetInput(StrictFieldsMixin, serializers.Serializer):
    company_type = serializers.ChoiceField(choices=CompanyType.choices)
    seniority = serializers.ChoiceField(choices=Seniority.choices)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES),
        default=list,
        max_length=len(LANGUAGE_CHOICES),
        help_text=_("Languages the target speaks."),
    )
    abroad_experience = YesNoSerializerField(
        default=False, help_text=_("Studied or worked abroad.")
    )
    memberships = TargetMembershipInput(
        many=True,
        default=list,
        max_length=MAX_MEMBERSHIPS,
        help_text=_("The platforms the target is on, at most once each."),
    )

    def validate_memberships(self, memberships: list[dict]) -> list[dict]:
        slugs = [membership["platform"] for membership in memberships]
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if repeated:
            raise serializers.ValidationError(
                gettext("A platform can appear only once: %(slugs)s.")
                % {"slugs": ", ".join(repeated)}
            )
        return memberships


def target_from(data: dict[str, Any]) -> Target:
    """The recommender's target from a validated `TargetInput`."""
    return Target(
        company_type=data["company_type"],
        seniority=data["seniority"],
        languages=tuple(dict.fromkeys(data["languages"])),
        abroad_experience=data["abroad_experience"],
        memberships=tuple(TargetMembership(**m) for m in data["memberships"]),
    )


class SenderFlags(serializers.Serializer):
    """The sender's flags, shared by the body's `sender` and a candidate's query parameters."""

    reads_chinese = YesNoSerializerField(default=False)
    can_verify_mainland_account = YesNoSerializerField(
        default=False, help_text=_("Can hold a real-name verified mainland account.")
    )
    has_mutual_contact = YesNoSerializerField(
        default=False, help_text=_("Knows someone who can introduce them.")
    )


class SenderInput(StrictFieldsMixin, SenderFlags):
    pass


def sender_from(data: dict[str, Any] | None) -> Sender:
    return Sender(**data) if data else Sender()


class RecommendationInput(StrictFieldsMixin, serializers.Serializer):
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    target = TargetInput()
    sender = SenderInput(
        required=False, help_text=_("Who reaches out; every flag is false when left out.")
    )


class RecommendationQuery(SenderFlags):
    """The query parameters of a candidate's recommendation: the purpose and the sender."""

    purpose = serializers.ChoiceField(choices=Purpose.choices)

    def to_sender(self) -> Sender:
        return Sender(**{name: self.validated_data[name] for name in SENDER_FIELDS})


# --- Output --------------------------------------------------------------------------------------


class SourceRefOutput(serializers.Serializer):
    key = serializers.CharField(help_text=_("The source's stable id, e.g. s2."))
    title = serializers.CharField()
    url = serializers.CharField()


class ReasonOutput(serializers.Serializer):
    rule = serializers.ChoiceField(
        choices=[(rule.id, rule.title) for rule in Rule],
        help_text=_("The rule (R1-R12) that gave this reason."),
    )
    text = serializers.CharField(help_text=_("The reason, in the language asked for."))
    sources = SourceRefOutput(many=True, help_text=_("The sources behind it."))


class ObservedOutput(serializers.Serializer):
    outreaches = serializers.IntegerField(
        min_value=MIN_OUTREACHES,
        help_text=_("Outreaches to this kind of person with a known outcome (20 or more)."),
    )
    replied = serializers.IntegerField(min_value=0)
    rate = serializers.FloatField(min_value=0, max_value=1, help_text=_("Replied ÷ outreaches."))
    low = serializers.FloatField(min_value=0, max_value=1, help_text=_("95% Wilson interval."))
    high = serializers.FloatField(min_value=0, max_value=1)
    text = serializers.CharField(
        source="*", help_text=_("The line the pages show, in the language asked for.")
    )


class ChannelOutput(serializers.Serializer):
    channel = serializers.CharField(
        help_text=_("A platform slug, or one of warm-introduction, email, phone, in-person.")
    )
    kind = serializers.ChoiceField(choices=[(PLATFORM, _("Platform")), (OTHER, _("Other channel"))])
    name = serializers.CharField(help_text=_("The channel's name, in the language asked for."))
    score = serializers.IntegerField(min_value=0, max_value=100)
    available = serializers.BooleanField(
        help_text=_("False for a platform that has shut down: it scores 0 and is never advised.")
    )
    reasons = ReasonOutput(many=True)
    observed = ObservedOutput(
        allow_null=True,
        help_text=_(
            "What recruiters observed through this channel with this kind of person (company "
            "type and seniority), where at least 20 outreaches stand behind it; else null."
        ),
    )
    evidence_points = serializers.IntegerField(
        min_value=-MAX_POINTS,
        max_value=MAX_POINTS,
        help_text=_("How far the observed rate moved the score (already in `score`)."),
    )


class RecommendationOutput(serializers.Serializer):
    channels = ChannelOutput(many=True, help_text=_("Every channel, best first."))


def recommendation_response(recommendation: Recommendation) -> Response:
    return Response(RecommendationOutput(recommendation).data)


# --- View ----------------------------------------------------------------------------------------

DONE_WHEN_EXAMPLE = OpenApiExample(
    "C-level executive at a Chinese private firm, on Weibo",
    request_only=True,
    value={
        "purpose": "business_development",
        "target": {
            "company_type": "chinese_private",
            "seniority": "c_level",
            "languages": ["zh"],
            "abroad_experience": False,
            "memberships": [
                {
                    "platform": "weibo",
                    "active": True,
                    "open_to_inquiries": True,
                    "publicizes_career": True,
                    "verified": True,
                }
            ],
        },
        "sender": {
            "reads_chinese": True,
            "can_verify_mainland_account": False,
            "has_mutual_contact": False,
        },
    },
)


class RecommendationView(APIView):
    """Advice for a target described in the body; no account needed, as on the advisor page."""

    permission_classes = [AllowAny]
    throttle_scope = "recommendations"

    @extend_schema(
        summary=_("Rank the outreach channels for a target"),
        description=_(
            "Every channel — each platform still operating, a shut-down one as unavailable, and "
            "warm-introduction, email, phone and in-person — ranked 0-100 with the reasons that "
            "moved it, each naming its rule and citing its sources. Reasons follow "
            "Accept-Language (en or zh-hans). A stricter rate limit applies (scope "
            "`recommendations`). Unknown keys, values or platform slugs are a 400 naming the "
            "field, nested as in the body (e.g. `target.memberships[0].platform`)."
        ),
        request=RecommendationInput,
        responses={200: RecommendationOutput, **error_responses(400)},
        examples=[DONE_WHEN_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        catalog = load_catalog()
        body = RecommendationInput(
            data=request.data,
            context={"platform_slugs": {platform.slug for platform in catalog.platforms}},
        )
        body.is_valid(raise_exception=True)
        recommendation = advise(
            purpose=body.validated_data["purpose"],
            target=target_from(body.validated_data["target"]),
            sender=sender_from(body.validated_data.get("sender")),
            catalog=catalog,
        )
        return recommendation_response(recommendation)
