"""Outreach advice over HTTP: `POST /api/v1/recommendations/` for any target described in the body.

The body is the recommender's input as the recommendation issue defines it — `purpose`, `target`
(with its `memberships`) and `sender` — checked by Input serializers that name every faulty
field; the answer is every channel ranked by the same pure engine the pages use.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
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
from outreach.inputs import Sender, Target, TargetMembership
from outreach.reasons import Rule
from outreach.recommender import Recommendation
from outreach.summary import describe
from outreach.vocabulary import (
    LANGUAGE_CHOICES,
    MEMBERSHIP_FLAGS,
    OTHER,
    PLATFORM,
    SENDER_FIELDS,
    TITLE_MAX_LENGTH,
    City,
    CompanyType,
    Industry,
    Presence,
    Purpose,
    Seniority,
)
from platforms.vocabulary import OperatingState

# More memberships than platforms can't be valid; the bound keeps a body from growing unchecked.
MAX_MEMBERSHIPS = 50

# --- Input ---------------------------------------------------------------------------------------


def setting(help_text: Promise) -> YesNoSerializerField:
    """A setting of the target's on a platform: yes, no, or null where it isn't known. Left out,
    it keeps the meaning it had before null existed (the recommender's default)."""
    return YesNoSerializerField(required=False, allow_null=True, help_text=help_text)


class TargetMembershipInput(StrictFieldsMixin, serializers.Serializer):
    platform = serializers.SlugField(
        max_length=50, help_text=_("The platform's slug, e.g. weibo (see /api/v1/platforms/).")
    )
    presence = serializers.ChoiceField(
        choices=Presence.choices,
        default=Presence.ON_IT,
        help_text=_(
            "Whether they are on it: on_it (the default), not_on_it, or unknown. Unknown counts "
            "neither for nor against, and the answer says what finding out would change."
        ),
    )
    active = setting(_("Uses the platform at least monthly. Left out: yes; null: unknown."))
    open_to_inquiries = setting(_("Left out: no; null: unknown (neither for nor against)."))
    publicizes_career = setting(_("Left out: no; null: unknown."))
    verified = setting(
        _("They say their account is verified (never checked). Left out: no; null: unknown.")
    )
    preferred = setting(_("Their preferred channel (R12). Left out: no; null: unknown."))

    def validate_platform(self, slug: str) -> str:
        if slug not in self.context["platform_slugs"]:
            raise serializers.ValidationError(
                gettext("No platform has the slug “%(slug)s”.") % {"slug": slug}
            )
        return slug

    def validate(self, attrs: dict) -> dict:
        if attrs["presence"] != Presence.ON_IT:
            given = [name for name in MEMBERSHIP_FLAGS if attrs.get(name) is not None]
            if given:
                raise serializers.ValidationError(
                    {given[0]: gettext("Only for a platform they are on (presence on_it).")}
                )
        return attrs


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
        help_text=_("The platforms the target is on (or not, or perhaps), at most once each."),
    )
    other_platforms = serializers.ChoiceField(
        choices=[(p.value, p.label) for p in (Presence.NOT_ON_IT, Presence.UNKNOWN)],
        default=Presence.NOT_ON_IT,
        help_text=_(
            "Their presence on every platform `memberships` leaves out: not_on_it (the "
            "default, as before unknown existed) or unknown."
        ),
    )
    title = serializers.CharField(
        max_length=TITLE_MAX_LENGTH,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("Their role or title, e.g. CFO: said back in `summary`."),
    )
    industry = serializers.ChoiceField(
        choices=Industry.choices,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("As on profiles: said back in `summary`."),
    )
    city = serializers.ChoiceField(
        choices=City.choices,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("As on profiles: said back in `summary`."),
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


def membership_from(data: dict[str, Any]) -> TargetMembership:
    """A validated membership: on it, with the settings given (the rest as before); or not on
    it, or unknown, with no settings."""
    if data["presence"] == Presence.ON_IT:
        return TargetMembership(**data)
    if data["presence"] == Presence.UNKNOWN:
        return TargetMembership.unknown(data["platform"])
    return TargetMembership(data["platform"], presence=Presence.NOT_ON_IT)


def target_from(data: dict[str, Any]) -> Target:
    """The recommender's target from a validated `TargetInput`."""
    return Target(
        company_type=data["company_type"],
        seniority=data["seniority"],
        languages=tuple(dict.fromkeys(data["languages"])),
        abroad_experience=data["abroad_experience"],
        memberships=tuple(membership_from(m) for m in data["memberships"]),
        unlisted=data["other_platforms"],
        title=data["title"].strip(),
        industry=data["industry"],
        city=data["city"],
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
    points = serializers.IntegerField(help_text=_("The points it added to the score, or took."))


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
        help_text=_(
            "False for a platform that has shut down or is kept only for the record "
            "(`operating_state` historical): it scores 0 and is never advised."
        )
    )
    operating_state = serializers.ChoiceField(
        choices=OperatingState.choices,
        allow_null=True,
        help_text=_(
            "For a platform, whether it still operates: operating; status_unknown (advised, if "
            "at all, after every channel known to operate, and never called operating); or "
            "historical (shut down or kept for the record; never advised). Null for the "
            "channels off-platform."
        ),
    )
    reasons = ReasonOutput(many=True)
    base = serializers.IntegerField(
        help_text=_(
            "Where the score starts. score = base + each reason's points + limited + "
            "evidence_points + capped."
        )
    )
    limited = serializers.IntegerField(
        help_text=_("What keeping the score within 0 and the channel's ceiling took or gave.")
    )
    capped = serializers.IntegerField(
        max_value=0,
        help_text=_("What R12 took so that a channel closed to inquiries never comes first."),
    )
    presence = serializers.ChoiceField(
        choices=Presence.choices, help_text=_("Whether they are on it, as the body said.")
    )
    open_to_inquiries = serializers.BooleanField(
        allow_null=True, help_text=_("Null where unknown; true for the channels off-platform.")
    )
    find_out = serializers.CharField(
        allow_null=True,
        help_text=_(
            "What is worth finding out about this platform and what the answer would change, "
            "in the language asked for; null when nothing unknown could raise it."
        ),
    )
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
    channels = ChannelOutput(
        many=True,
        help_text=_(
            "Every channel, best first: those advised (scoring above 0) on platforms whose "
            "status is unknown come after every other advised channel, whatever they score."
        ),
    )


class AdviceOutput(RecommendationOutput):
    summary = serializers.CharField(
        help_text=_(
            "The question said back in one sentence, in the language asked for: e.g. “CFO at "
            "a Chinese private company in manufacturing, in Suzhou, reached by someone who "
            "doesn't read Chinese, for business development.”"
        )
    )


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


SUZHOU_CFO_EXAMPLE = OpenApiExample(
    "A CFO at a Chinese private manufacturer in Suzhou, nothing known of their platforms",
    request_only=True,
    value={
        "purpose": "business_development",
        "target": {
            "company_type": "chinese_private",
            "seniority": "c_level",
            "title": "CFO",
            "industry": "manufacturing",
            "city": "suzhou",
            "other_platforms": "unknown",
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
            "Every channel — each platform (one whose status is unknown after every channel known "
            "to operate, one shut down or kept only for the record as unavailable: see "
            "`operating_state`), and warm-introduction, email, phone and in-person — ranked 0-100 "
            "with the reasons that moved it, each naming its rule, citing its sources and giving "
            "its points, so each score adds up. Whether the target is on a platform, and each "
            "setting there, may be unknown (`presence`, null settings, `other_platforms`): "
            "unknown counts neither for nor against and the channel says what to find out "
            "(`find_out`). A body written before unknown existed means what it meant: a "
            "membership is on it, a setting left out keeps its old default and a platform left "
            "out is not on it. Reasons follow Accept-Language (en or zh-hans). A stricter rate "
            "limit applies (scope `recommendations`). Unknown keys, values or platform slugs are "
            "a 400 naming the field, nested as in the body (e.g. `target.memberships[0].platform`)."
        ),
        request=RecommendationInput,
        responses={200: AdviceOutput, **error_responses(400)},
        examples=[DONE_WHEN_EXAMPLE, SUZHOU_CFO_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        catalog = load_catalog()
        body = RecommendationInput(
            data=request.data,
            context={"platform_slugs": {platform.slug for platform in catalog.platforms}},
        )
        body.is_valid(raise_exception=True)
        question = {
            "purpose": body.validated_data["purpose"],
            "target": target_from(body.validated_data["target"]),
            "sender": sender_from(body.validated_data.get("sender")),
        }
        recommendation = advise(**question, catalog=catalog)
        answer = {"channels": recommendation.channels, "summary": describe(**question)}
        return Response(AdviceOutput(answer).data)
