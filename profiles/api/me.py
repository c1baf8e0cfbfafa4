"""The signed-in person's own data over HTTP: profile, memberships, data export, account deletion.

Owner-only by construction, as the /me/ pages: every endpoint works on `request.user`'s own
profile, and a membership id that is not theirs is a 404. Writes go through the same services
as the pages (full_clean, then save, in a transaction), so the same rules hold.
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import NoStoreMixin, StrictFieldsMixin, error_responses
from core.api_schema import BodyOnDeleteSchema
from core.preconditions import (
    ETAG,
    IF_MATCH,
    PRECONDITION_FAILED,
    check_precondition,
    expected_versions,
    refused_when_stale,
    tagged,
)
from core.validators import ID_PATTERN
from platforms.models import Platform
from profiles import selectors, services
from profiles.api import network_export
from profiles.fields import (
    ACCOUNT_EXPORT_FIELDS,
    CANDIDATE_EXPORT_FIELDS,
    MEMBERSHIP_SETTING_FIELDS,
    PROFILE_EXPORT_FIELDS,
)
from profiles.models import CandidateExport, ExecutiveProfile, Membership
from profiles.password_checks import (
    PASSWORD_CHECKS_PAUSED,
    PasswordChecksPaused,
    guarded_password_check,
)
from profiles.personal_data import (
    ADMIN_ACTIONS,
    FAILED_LOGIN_FIELDS,
    FAILED_LOGIN_MODELS,
    HISTORY_TYPES,
    LOGIN_FIELDS,
    LOGIN_MODELS,
    export_personal_data,
    exported_fields,
    registered_sections,
)
from profiles.versions import version_of

NO_PROFILE = _("You have no executive profile yet: create one on your profile page first.")
NO_MEMBERSHIP = _("You have no membership with this id.")


def own_profile(request: Request, missing: str = NO_PROFILE) -> ExecutiveProfile:
    """The caller's own profile; without one, a 404 that says what to do (`missing`)."""
    profile = selectors.profile_of(request.user)
    if profile is None:
        raise NotFound(missing)
    return profile


# --- Profile -------------------------------------------------------------------------------------


class OwnProfileSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """The owner's profile, everything they entered; `visibility` decides who else sees it."""

    page_url = serializers.SerializerMethodField(help_text=_("Your profile's web page."))

    class Meta:
        model = ExecutiveProfile
        # Everything the owner entered: the same fields as their data export.
        fields = ("id", *PROFILE_EXPORT_FIELDS, "page_url")
        read_only_fields = ("id", "consent_at", "is_fictional", "created_at", "updated_at")

    def get_page_url(self, profile: ExecutiveProfile) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("profiles:detail", kwargs={"pk": profile.pk})
        )


class MeProfileView(NoStoreMixin, APIView):
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "options"]

    @extend_schema(
        summary=_("Your profile"),
        parameters=[ETAG],
        responses={200: OwnProfileSerializer, **error_responses(401, 404)},
        description=_("404 when the signed-in account has no executive profile."),
    )
    def get(self, request: Request) -> Response:
        profile = own_profile(request)
        return tagged(
            Response(OwnProfileSerializer(profile, context={"request": request}).data),
            version_of(profile),
        )

    @extend_schema(
        summary=_("Correct your profile"),
        description=_(
            "Change any of the writable fields; the others stay as they are, and only the fields "
            "given are written, so two corrections of different fields at once both hold. "
            "Unknown or read-only keys, wrong types and invalid values are a 400 naming the "
            "field. Send the ETag you read in If-Match to have a change refused (412) when the "
            "profile changed since."
        ),
        parameters=[IF_MATCH, ETAG],
        request=OwnProfileSerializer(partial=True),
        responses={
            200: OwnProfileSerializer,
            **error_responses(400, 401, 404),
            **PRECONDITION_FAILED,
        },
    )
    def patch(self, request: Request) -> Response:
        profile = own_profile(request)
        expected = expected_versions(request)
        check_precondition(version_of(profile), expected)
        serializer = OwnProfileSerializer(
            profile, data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        with refused_when_stale(NO_PROFILE):
            profile = services.update_profile(
                profile=profile, expected_versions=expected, **serializer.validated_data
            )
        return tagged(
            Response(OwnProfileSerializer(profile, context={"request": request}).data),
            version_of(profile),
        )


# --- Memberships ---------------------------------------------------------------------------------


class OwnMembershipSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """One of the owner's platforms, with every setting, the handle included even when hidden."""

    platform = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Platform.objects.all(),
        help_text=_(
            "The platform's slug. Chosen when the membership is added; it can't be changed "
            "later (remove the membership and add another)."
        ),
    )
    platform_name = serializers.CharField(source="platform.name", read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "platform", "platform_name", *MEMBERSHIP_SETTING_FIELDS)
        read_only_fields = ("id",)

    def validate_platform(self, platform: Platform) -> Platform:
        if self.instance is not None:
            if platform != self.instance.platform:
                raise serializers.ValidationError(
                    gettext(
                        "The platform of a membership can't be changed: remove it and add another."
                    )
                )
            return platform
        profile = self.context["profile"]
        if profile.memberships.filter(platform=platform).exists():
            raise serializers.ValidationError(
                gettext("You already have a membership on %(platform)s: edit that one instead.")
                % {"platform": platform.name}
            )
        return platform


MEMBERSHIP_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The membership's id.")
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Your platforms"),
        description=_(
            "Every membership of your profile (one per platform, so never more than there are "
            "platforms: not paged)."
        ),
        responses={200: OwnMembershipSerializer(many=True), **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_("Add a platform"),
        description=_(
            "A second membership on the same platform, or one on a platform that has shut down, "
            "is a 400 naming `platform`; a second preferred channel is a 400 naming `preferred`."
        ),
        responses={201: OwnMembershipSerializer, **error_responses(400, 401, 404)},
    ),
    retrieve=extend_schema(
        summary=_("One of your platforms"),
        parameters=[MEMBERSHIP_ID, ETAG],
        responses={200: OwnMembershipSerializer, **error_responses(401, 404)},
    ),
    partial_update=extend_schema(
        summary=_("Change one of your platforms"),
        description=_(
            "Only the settings given are written. Setting `preferred` while another platform "
            "is preferred is a 400 naming `preferred`. Send the ETag you read in If-Match to "
            "have the change refused (412) when the membership changed since."
        ),
        parameters=[MEMBERSHIP_ID, IF_MATCH, ETAG],
        request=OwnMembershipSerializer(partial=True),
        responses={
            200: OwnMembershipSerializer,
            **error_responses(400, 401, 404),
            **PRECONDITION_FAILED,
        },
    ),
    destroy=extend_schema(
        summary=_("Remove one of your platforms"),
        description=_(
            "Send the ETag you read in If-Match to have the removal refused (412) when the "
            "membership changed since."
        ),
        parameters=[MEMBERSHIP_ID, IF_MATCH],
        responses={204: None, **error_responses(401, 404), **PRECONDITION_FAILED},
    ),
)
class MeMembershipViewSet(
    NoStoreMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsAuthenticated]
    serializer_class = OwnMembershipSerializer
    pagination_class = None
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "delete", "options"]

    @cached_property
    def profile(self) -> ExecutiveProfile:
        """The owner's profile, read once per request: the queryset and the context both need it."""
        return own_profile(self.request)

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.memberships_of(self.profile)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["profile"] = self.profile
        return context

    def get_object(self) -> Membership:
        membership = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if membership is None:
            raise NotFound(NO_MEMBERSHIP)
        return membership

    def perform_create(self, serializer: OwnMembershipSerializer) -> None:
        profile = serializer.context["profile"]
        membership = Membership(profile=profile, **serializer.validated_data)
        services.save_memberships(profile=profile, changed=[membership])
        serializer.instance = membership

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        membership = self.get_object()
        return tagged(Response(self.get_serializer(membership).data), version_of(membership))

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        """Only the settings sent are written; the platform, if sent, was checked unchanged."""
        membership = self.get_object()
        expected = expected_versions(request)
        check_precondition(version_of(membership), expected)
        serializer = self.get_serializer(membership, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        settings = {
            name: value for name, value in serializer.validated_data.items() if name != "platform"
        }
        with refused_when_stale(NO_MEMBERSHIP):
            membership = services.update_membership(
                membership=membership, expected_versions=expected, **settings
            )
        return tagged(Response(self.get_serializer(membership).data), version_of(membership))

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        membership = self.get_object()
        expected = expected_versions(request)
        check_precondition(version_of(membership), expected)
        versions = {} if expected is None else {membership.pk: expected}
        with refused_when_stale(NO_MEMBERSHIP):
            services.save_memberships(
                profile=self.profile, changed=[], removed=[membership], versions=versions
            )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Personal data and account deletion ----------------------------------------------------------


# An entry of the admin's change log, as the export gives it.
ADMIN_LOG_FIELDS = {
    "action_time": serializers.DateTimeField(),
    "record": serializers.CharField(allow_null=True),
    "action": serializers.ChoiceField(choices=list(ADMIN_ACTIONS.values())),
    "change": serializers.CharField(),
}


class PersonalDataSerializer(serializers.Serializer):
    """Documentation of `personal_data.export_personal_data`, the same file the page downloads."""

    format_version = serializers.IntegerField()
    exported_at = serializers.DateTimeField()
    account = inline_serializer(
        "ExportedAccount",
        {
            **exported_fields(User, ACCOUNT_EXPORT_FIELDS),
            "groups": serializers.ListField(child=serializers.CharField()),
            "permissions": serializers.ListField(
                child=serializers.CharField(),
                help_text=_("Permissions given to your account itself, beside its groups'."),
            ),
        },
    )
    consent_at = serializers.DateTimeField(allow_null=True)
    profile = inline_serializer(
        "ExportedProfile", exported_fields(ExecutiveProfile, PROFILE_EXPORT_FIELDS), allow_null=True
    )
    memberships = inline_serializer(
        "ExportedMembership",
        {
            "platform": serializers.CharField(help_text=_("The platform's slug.")),
            **exported_fields(Membership, MEMBERSHIP_SETTING_FIELDS),
        },
        many=True,
    )
    connections = network_export.CONNECTIONS
    requests_sent = network_export.REQUESTS_SENT
    requests_received = network_export.REQUESTS_RECEIVED
    blocked = network_export.BLOCKED
    introductions = network_export.INTRODUCTIONS
    recruiter_team = serializers.CharField(
        allow_null=True, help_text=_("The recruiter team you belong to, by its name.")
    )
    candidate_exports = inline_serializer(
        "ExportedCandidateExport",
        exported_fields(CandidateExport, CANDIDATE_EXPORT_FIELDS),
        many=True,
        help_text=_("Candidate exports you made as a recruiter."),
    )
    api_token_created = serializers.DateTimeField(
        allow_null=True, help_text=_("When your API token was made; its key is not exported.")
    )
    logins = inline_serializer(
        "ExportedLogin", exported_fields(LOGIN_MODELS[0], LOGIN_FIELDS), many=True
    )
    failed_logins = inline_serializer(
        "ExportedFailedLogin",
        exported_fields(FAILED_LOGIN_MODELS[0], FAILED_LOGIN_FIELDS),
        many=True,
    )
    admin_actions = inline_serializer(
        "ExportedAdminAction",
        {**ADMIN_LOG_FIELDS, "object": serializers.CharField()},
        many=True,
        help_text=_("What you did in the admin (staff only)."),
    )
    admin_changes_about_you = inline_serializer(
        "ExportedAdminChangeAboutYou",
        ADMIN_LOG_FIELDS,
        many=True,
        help_text=_("What staff changed of your account, profile or platforms in the admin."),
    )
    record_edits = inline_serializer(
        "ExportedRecordEdit",
        {
            "history_date": serializers.DateTimeField(),
            "record": serializers.CharField(),
            "object_id": serializers.IntegerField(),
            "action": serializers.ChoiceField(choices=list(HISTORY_TYPES.values())),
        },
        many=True,
        help_text=_("Platform records you added, changed or deleted (staff only)."),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        """The declared keys, then those the apps above `profiles` registered."""
        fields = super().get_fields()
        fields.update((section.key, section.document()) for section in registered_sections())
        return fields


class MeExportView(NoStoreMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Download your data"),
        description=_(
            "Everything NetworkDir holds about you (PIPL art. 45), the same data as the page's "
            "download; only the password hash is left out."
        ),
        responses={200: PersonalDataSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        return Response(export_personal_data(request.user))


class DeleteAccountInput(StrictFieldsMixin, serializers.Serializer):
    password = serializers.CharField(
        trim_whitespace=False,
        write_only=True,
        help_text=_("Your password, to confirm: a stolen token alone can't delete the account."),
    )


class MeView(NoStoreMixin, APIView):
    """The account itself: only deleting it is offered here."""

    permission_classes = [IsAuthenticated]
    http_method_names = ["delete", "options"]
    throttle_scope = "account_deletion"
    schema = BodyOnDeleteSchema()

    @extend_schema(
        summary=_("Delete your account"),
        description=_(
            "Withdraws your consent and erases your account, profile and platforms for good, "
            "as the page does. Confirm with your password in the JSON body. Staff accounts "
            "are removed in the admin instead (403). A stricter rate limit applies (scope "
            "`account_deletion`), and wrong passwords count as failed logins: after five, "
            "password checks and logging in are paused for an hour (429)."
        ),
        request=DeleteAccountInput,
        responses={204: None, **error_responses(400, 401, 403)},
    )
    def delete(self, request: Request) -> Response:
        """Staff (403) and a wrong password (400) are refused by the service, as on the page."""
        services.check_may_delete_own_account(request.user)
        body = DeleteAccountInput(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            with guarded_password_check(request._request, request.user):
                services.delete_account(user=request.user, password=body.validated_data["password"])
        except PasswordChecksPaused as paused:
            raise Throttled(paused.seconds, detail=str(PASSWORD_CHECKS_PAUSED)) from None
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
