"""Writes on accounts, profiles and memberships: each one validated, then saved in a transaction.

Forms check input for the person filling them in; these functions check it again (full_clean)
so the rules hold for every caller — pages, the API, management commands.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from core.writes import StaleVersion, check_version
from profiles.access import SEARCH_CANDIDATES_PERMISSION
from profiles.erasure import Erasure, erase_traces
from profiles.fields import MEMBERSHIP_SETTING_FIELDS, PROFILE_FIELDS
from profiles.models import PREFERRED_TAKEN, CandidateExport, ExecutiveProfile, Membership
from profiles.versions import version_of

RECRUITERS_GROUP = "Recruiters"
# The code of a wrong password's error, which profiles.password_checks counts as a failed login.
WRONG_PASSWORD = "password_incorrect"
EDITABLE_PROFILE_FIELDS = frozenset(PROFILE_FIELDS)


def _check_profile_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Not editable profile fields: {', '.join(sorted(unknown))}")


@transaction.atomic
def create_profile(*, user: User, consent_at: datetime.datetime, **fields: Any) -> ExecutiveProfile:
    """Give `user` their executive profile, recording when they consented to the privacy notice."""
    _check_profile_fields(fields)
    profile = ExecutiveProfile(user=user, consent_at=consent_at, **fields)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def sign_up(
    *,
    username: str,
    email: str,
    password: str,
    consent_at: datetime.datetime,
    **profile_fields: Any,
) -> User:
    """Create an account and its executive profile together: never one without the other."""
    _check_profile_fields(profile_fields)
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.full_clean()
    user.save()
    create_profile(user=user, consent_at=consent_at, **profile_fields)
    return user


def _check_version(row: ExecutiveProfile | Membership, expected: Collection[str] | None) -> None:
    check_version(version_of(row), expected, row)


@transaction.atomic
def update_profile(
    *,
    profile: ExecutiveProfile,
    expected_versions: Collection[str] | None = None,
    **fields: Any,
) -> ExecutiveProfile:
    """Correct a profile (the owner's PIPL right to rectification), writing only what changed.

    The row is read again under a lock and only the fields that differ from it are written, so
    two corrections of different fields at once both hold. With `expected_versions` (an
    If-Match, a form's hidden version) a row that changed since raises StaleVersion: the lock
    makes the check and the write one step, so two writers holding one version can't both win.
    Returns the row as saved.
    """
    _check_profile_fields(fields)
    current = ExecutiveProfile.objects.select_for_update(no_key=True).filter(pk=profile.pk).first()
    if current is None:
        raise StaleVersion(None)
    _check_version(current, expected_versions)
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, fields[name])
    current.full_clean()
    if changed:
        current.save(update_fields=[*changed, "updated_at"])
    return current


# What a membership's round of edits may write; the profile is never moved.
WRITABLE_MEMBERSHIP_COLUMNS = ("platform_id", *MEMBERSHIP_SETTING_FIELDS)


def _clean(membership: Membership) -> None:
    """full_clean, with the one-preferred constraint's message under `preferred`, where the
    form and the API show it (a constraint's own message names no field)."""
    try:
        membership.full_clean()
    except ValidationError as error:
        errors = dict(error.error_dict)
        general = errors.pop(NON_FIELD_ERRORS, [])
        taken = [message for message in general if message.code == PREFERRED_TAKEN]
        if taken:
            errors["preferred"] = [*errors.get("preferred", []), *taken]
        if len(taken) < len(general):
            errors[NON_FIELD_ERRORS] = [m for m in general if m.code != PREFERRED_TAKEN]
        raise ValidationError(errors) from error


def _save(membership: Membership, **options: Any) -> None:
    """Save; a constraint a concurrent write met first (one preferred channel, one membership per
    platform) is reported as that rule's ValidationError, never as an IntegrityError."""
    try:
        with transaction.atomic():
            membership.save(**options)
    except IntegrityError:
        _clean(membership)
        raise


def _write(row: Membership, values: dict[str, Any]) -> None:
    """Set `values` on a locked row and save only the columns that differ."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return
    for name in changed:
        setattr(row, name, values[name])
    _clean(row)
    _save(row, update_fields=changed)


def _locked_memberships(
    profile_id: int, ids: Iterable[int], versions: Mapping[int, Collection[str]]
) -> dict[int, Membership]:
    """The profile's rows among `ids`, locked in id order (so two rounds can't deadlock), each
    checked against the versions the caller read."""
    rows = Membership.objects.select_for_update(no_key=True).filter(profile_id=profile_id)
    locked = {row.pk: row for row in rows.filter(pk__in=list(ids)).order_by("pk")}
    for pk, expected in versions.items():
        if pk not in locked:
            raise StaleVersion(None)
        _check_version(locked[pk], expected)
    return locked


def _check_new_membership(membership: Membership) -> None:
    if not membership.platform.is_operating:
        raise ValidationError(
            {
                "platform": _(
                    "This platform has shut down or is historical: it can't be chosen for a new "
                    "membership."
                )
            }
        )
    _clean(membership)


@transaction.atomic
def save_memberships(
    *,
    profile: ExecutiveProfile,
    changed: Iterable[Membership],
    removed: Iterable[Membership] = (),
    versions: Mapping[int, Collection[str]] | None = None,
) -> None:
    """Apply one round of membership edits to `profile` as a single unit.

    Existing rows are read again under a lock and only what differs is written; `versions`
    (membership id -> the versions the caller read) refuses the round with StaleVersion if one
    of them changed or went since. Removals go first, so a platform removed and re-added in the
    same round does not collide with the one-per-platform constraint; then the rows giving up
    `preferred`, so the one taking it over never meets the one-preferred constraint. Rows of
    another profile are refused outright.
    """
    changed = list(changed)
    removed = list(removed)
    for membership in [*changed, *removed]:
        if membership.pk is not None and membership.profile_id != profile.pk:
            raise PermissionDenied("A membership of another profile cannot be changed here.")
    existing = [membership for membership in changed if membership.pk is not None]
    ids = [membership.pk for membership in [*existing, *removed]]
    current = _locked_memberships(profile.pk, ids, versions or {})
    for membership in removed:
        if membership.pk in current:
            current[membership.pk].delete()
    for membership in sorted(existing, key=lambda membership: membership.preferred):
        if membership.pk not in current:
            raise StaleVersion(None)
        values = {name: getattr(membership, name) for name in WRITABLE_MEMBERSHIP_COLUMNS}
        _write(current[membership.pk], values)
    for membership in changed:
        if membership.pk is None:
            membership.profile = profile
            _check_new_membership(membership)
            _save(membership)


@transaction.atomic
def update_membership(
    *,
    membership: Membership,
    expected_versions: Collection[str] | None = None,
    **settings: Any,
) -> Membership:
    """Change some settings of one membership, writing only those that differ from the row as it
    is now (as `update_profile` does, with the same lock and version check). Returns the row."""
    unknown = set(settings) - set(MEMBERSHIP_SETTING_FIELDS)
    if unknown:
        raise TypeError(f"Not editable membership fields: {', '.join(sorted(unknown))}")
    versions = {} if expected_versions is None else {membership.pk: expected_versions}
    row = _locked_memberships(membership.profile_id, [membership.pk], versions).get(membership.pk)
    if row is None:
        raise StaleVersion(None)
    _write(row, settings)
    return row


def check_may_delete_own_account(user: User) -> None:
    """Refuse a staff account: the site must always keep an administrator, and another one
    removes a staff account in the admin."""
    if user.is_staff:
        raise PermissionDenied(
            _("Staff accounts can't delete themselves: another administrator can.")
        )


@transaction.atomic
def delete_account(*, user: User, password: str) -> Erasure:
    """Withdraw consent and erase the account, its profile and memberships for good (PIPL art. 47).

    The owner confirms with their password, so a stolen session or token alone can't erase an
    account. Withdrawing consent and erasing are one act here: nothing is kept that consent
    covered. Deleting the user cascades to the profile, its memberships and the API token;
    candidate exports the user made keep only the recruiter's username (SET_NULL), the one
    retention (`erasure.RETENTIONS`). Login records, sessions, and the name in the admin log and
    in other recruiters' logged searches are erased first (`erasure.erase_traces`).
    """
    check_may_delete_own_account(user)
    if not user.check_password(password):
        raise ValidationError(
            {
                "password": ValidationError(
                    _("That is not your password. Nothing was deleted."),
                    code=WRONG_PASSWORD,
                )
            }
        )
    erasure = erase_traces(user)
    user.delete()
    return erasure


@transaction.atomic
def issue_api_token(*, user: User) -> Token:
    """A new token for `user`; any earlier one stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def revoke_api_token(*, user: User) -> bool:
    """Delete the user's token; True if there was one."""
    deleted, _by_model = Token.objects.filter(user=user).delete()
    return bool(deleted)


def recruiters_group() -> Group:
    """The group whose members may search candidates (also created by a data migration)."""
    app_label, codename = SEARCH_CANDIDATES_PERMISSION.split(".")
    group, _created = Group.objects.get_or_create(name=RECRUITERS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return group


# --- Candidate exports (recruiters) ----------------------------------------------------------


@transaction.atomic
def record_candidate_export(*, recruiter: User, query: str, row_count: int) -> CandidateExport:
    """Log who exported which filter and how many rows; call it in the export's transaction."""
    export = CandidateExport(
        recruiter=recruiter,
        recruiter_username=recruiter.get_username(),
        query=query,
        row_count=row_count,
    )
    export.full_clean()
    export.save()
    return export
