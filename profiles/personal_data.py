"""Everything NetworkDir holds about one person, as the copy they may ask for (PIPL art. 45).

The page's download and the API serve the same data, so they can't disagree about what "all of
it" means; account deletion (`services.delete_account`, `erasure`) erases the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from rest_framework import serializers
from rest_framework.authtoken.models import Token

from profiles.fields import (
    ACCOUNT_EXPORT_FIELDS,
    CANDIDATE_EXPORT_FIELDS,
    MEMBERSHIP_SETTING_FIELDS,
    PROFILE_EXPORT_FIELDS,
)
from profiles.models import CandidateExport, ExecutiveProfile, Membership, RecruiterTeam
from profiles.personal_network import network_of
from profiles.selectors import memberships_of, profile_of

EXPORT_FORMAT_VERSION = 1

# django-axes keeps these by username: successful log-ins, and failed ones (as a running count
# per address, and one row per failure when its failure log is on).
LOGIN_MODELS = (AccessLog,)
FAILED_LOGIN_MODELS = (AccessAttempt, AccessFailureLog)
LOGIN_FIELDS = ("attempt_time", "logout_time", "ip_address", "user_agent")
FAILED_LOGIN_FIELDS = ("attempt_time", "ip_address", "user_agent")
ADMIN_ACTIONS = {
    ADDITION: "added",
    CHANGE: "changed",
    DELETION: "deleted",
}
# django-simple-history's record of who changed the platform data: `history_user`.
HISTORY_TYPES = {"+": "added", "~": "changed", "-": "deleted"}
# The tables that point at an account, each covered by the export: a new one fails a test
# (tests/profiles/test_personal_data.py) until it is exported here or said why not. The
# registered sections add theirs (`register_section`).
EXPORTED_RELATIONS = {
    "auth.User_groups": "account.groups",
    "auth.User_user_permissions": "account.permissions",
    "profiles.ExecutiveProfile": "profile (with its memberships)",
    "profiles.CandidateExport": "candidate_exports",
    "authtoken.Token": "api_token_created (the key is a secret, like the password hash)",
    "admin.LogEntry": "admin_actions",
    "profiles.RecruiterTeamMembership": "recruiter_team",
    "profiles.RecruiterTeam": "recruiter_team (through the membership)",
}


class NameScrubber(Protocol):
    """How account deletion finds a person's name in what others wrote (`erasure.Names`)."""

    def scrub(self, text: str) -> str:
        """`text` with every way of naming the person replaced by "[erased]"."""

    def scrub_queries(self, rows: QuerySet) -> int:
        """Replace each value that could name the person in the stored query strings (`query`)
        of `rows`; how many rows changed."""

    def mentioning(self, rows: QuerySet, fields: Sequence[str]) -> QuerySet:
        """The `rows` whose `fields` may name the person."""

    def scrub_rows(self, rows: QuerySet, fields: Sequence[str]) -> int:
        """Replace the person's name in `fields` of `rows`; how many rows changed."""


@dataclass(frozen=True)
class PersonalDataSection:
    """One key of the export that an app above `profiles` holds the rows for.

    `profiles` may not import those apps, so each registers its section from its
    `AppConfig.ready()`: what it holds of a person (`export`), how the API documents it
    (`document`, a fresh serializer field per call, as DRF binds each field to one serializer),
    which tables that point at the account it covers (`relations`, as `EXPORTED_RELATIONS`) and
    what deleting the account does to its rows before the user's row goes (`erase`: the
    sentences that tell the person). A registry rather than a signal: a signal's receivers
    answer with data only, and the schema and the coverage test need the key's documentation
    and tables before any export.
    """

    key: str
    export: Callable[[User], Any]
    document: Callable[[], serializers.Field]
    relations: Mapping[str, str]
    erase: Callable[[User, NameScrubber], Sequence[str]] | None = None


_SECTIONS: dict[str, PersonalDataSection] = {}


def register_section(section: PersonalDataSection) -> None:
    """Add `section` to every export (again on a second `ready()`, replacing the first)."""
    _SECTIONS[section.key] = section
    EXPORTED_RELATIONS.update(section.relations)


def registered_sections() -> list[PersonalDataSection]:
    """The sections other apps registered, in the order they did (INSTALLED_APPS's)."""
    return list(_SECTIONS.values())


def exported_fields(model: type[models.Model], names: tuple[str, ...]) -> dict:
    """The export's fields as plain serializer fields, typed from the model's: the export writes
    values, so none of the model's input rules (lengths, help texts) belong in its schema."""
    fields = {}
    for name in names:
        field = model._meta.get_field(name)
        if field.choices:
            fields[name] = serializers.ChoiceField(choices=field.choices)
        elif isinstance(field, models.BooleanField):
            fields[name] = serializers.BooleanField()
        elif isinstance(field, models.DateTimeField):
            fields[name] = serializers.DateTimeField(allow_null=field.null)
        elif isinstance(field, models.IntegerField):
            fields[name] = serializers.IntegerField()
        else:
            fields[name] = serializers.CharField(allow_null=field.null)
    return fields


def _as_json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def exported_values(obj: object, names: Iterable[str]) -> dict[str, Any]:
    """`obj`'s attributes `names` as JSON-ready values: what every section's rows are made of."""
    return {name: _as_json_value(getattr(obj, name)) for name in names}


def _rows(models: Iterable[type], username: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = [
        exported_values(row, names)
        for model in models
        for row in model.objects.filter(username=username).only(*names)
    ]
    return sorted(rows, key=lambda row: row["attempt_time"])


def _memberships(profile: ExecutiveProfile | None) -> list[dict[str, Any]]:
    if profile is None:
        return []
    return [
        {
            "platform": membership.platform.slug,
            **exported_values(membership, MEMBERSHIP_SETTING_FIELDS),
        }
        for membership in memberships_of(profile)
    ]


def _log_entries(entries: QuerySet[LogEntry], *, naming_the_object: bool) -> list[dict[str, Any]]:
    return [
        {
            "action_time": _as_json_value(entry.action_time),
            "record": entry.content_type.model if entry.content_type else None,
            **({"object": entry.object_repr} if naming_the_object else {}),
            "action": ADMIN_ACTIONS.get(entry.action_flag, str(entry.action_flag)),
            "change": entry.get_change_message(),
        }
        for entry in entries.select_related("content_type").order_by("action_time")
    ]


def _admin_actions(user: User) -> list[dict[str, Any]]:
    """What a staff member did in the admin."""
    return _log_entries(LogEntry.objects.filter(user=user), naming_the_object=True)


def admin_log_about(user: User) -> Q:
    """Admin log entries about the person's own records (the user, profile, memberships): what
    the export shows them and what deletion scrubs."""
    records: list[tuple[type[Model], Iterable[Any]]] = [
        (User, [user.pk]),
        (ExecutiveProfile, ExecutiveProfile.objects.filter(user=user).values_list("pk", flat=True)),
        (Membership, Membership.objects.filter(profile__user=user).values_list("pk", flat=True)),
    ]
    about = Q(pk__in=[])
    for model, pks in records:
        content_type = ContentType.objects.get_for_model(model)
        about |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    return about


def history_models() -> list[type[Model]]:
    """The history tables (django-simple-history) that name who made each change."""
    return [
        relation.related_model
        for relation in User._meta.get_fields(include_hidden=True)
        if relation.auto_created and relation.is_relation and relation.field.name == "history_user"
    ]


def _record_edits(user: User) -> list[dict[str, Any]]:
    edits = [
        {
            "history_date": _as_json_value(record.history_date),
            "record": record.instance_type._meta.model_name,
            "object_id": getattr(record, record.instance_type._meta.pk.attname),
            "action": HISTORY_TYPES.get(record.history_type, record.history_type),
        }
        for model in history_models()
        for record in model.objects.filter(history_user=user)
    ]
    return sorted(edits, key=lambda edit: edit["history_date"])


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything NetworkDir holds about `user`, as JSON-ready data (PIPL art. 45: copy and port).

    Only secrets are left out: the password hash and the API token's key. The token's last use
    is not recorded anywhere, so there is none to give. Staff also get what they did in the
    admin and which platform records they edited; the network holds only the person's side of
    it (`personal_network`); the apps above `profiles` add what they hold of them as their
    registered sections (`register_section`).
    """
    profile = profile_of(user)
    exports = CandidateExport.objects.filter(recruiter=user).order_by("created_at")
    token = Token.objects.filter(user=user).first()
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            **exported_values(user, ACCOUNT_EXPORT_FIELDS),
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "permissions": sorted(
                f"{app_label}.{codename}"
                for app_label, codename in user.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            ),
        },
        "consent_at": _as_json_value(profile.consent_at) if profile else None,
        "profile": exported_values(profile, PROFILE_EXPORT_FIELDS) if profile else None,
        "memberships": _memberships(profile),
        **network_of(profile),
        "recruiter_team": RecruiterTeam.objects.filter(members=user)
        .values_list("name", flat=True)
        .first(),
        "candidate_exports": [
            exported_values(export, CANDIDATE_EXPORT_FIELDS) for export in exports
        ],
        "api_token_created": _as_json_value(token.created) if token else None,
        "logins": _rows(LOGIN_MODELS, user.get_username(), LOGIN_FIELDS),
        "failed_logins": _rows(FAILED_LOGIN_MODELS, user.get_username(), FAILED_LOGIN_FIELDS),
        "admin_actions": _admin_actions(user),
        "admin_changes_about_you": _log_entries(
            # which staff member made a change is theirs, not this person's: left out
            LogEntry.objects.filter(admin_log_about(user)),
            naming_the_object=False,
        ),
        "record_edits": _record_edits(user),
        **{section.key: section.export(user) for section in registered_sections()},
    }
