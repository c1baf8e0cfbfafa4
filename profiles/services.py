"""Writes on accounts, profiles and memberships: each one validated, then saved in a transaction.

Forms check input for the person filling them in; these functions check it again (full_clean)
so the rules hold for every caller — pages, the API, management commands.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from profiles.fields import PROFILE_FIELDS
from profiles.models import (
    SEARCH_CANDIDATES_PERMISSION,
    CandidateExport,
    ExecutiveProfile,
    Membership,
)
from profiles.personal_data import erase_login_records

RECRUITERS_GROUP = "Recruiters"
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


@transaction.atomic
def update_profile(*, profile: ExecutiveProfile, **fields: Any) -> ExecutiveProfile:
    """Correct a profile (the owner's PIPL right to rectification)."""
    _check_profile_fields(fields)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile


def _check_membership(membership: Membership, *, is_new: bool) -> None:
    if is_new and not membership.platform.is_operating:
        raise ValidationError(
            {"platform": _("This platform has shut down: it can't be chosen for a new membership.")}
        )
    membership.full_clean()


@transaction.atomic
def save_memberships(
    *,
    profile: ExecutiveProfile,
    changed: Iterable[Membership],
    removed: Iterable[Membership] = (),
) -> None:
    """Apply one round of membership edits to `profile` as a single unit.

    Removals go first so a platform removed and re-added in the same round does not collide
    with the one-per-platform constraint. Rows of another profile are refused outright.
    """
    changed = list(changed)
    removed = list(removed)
    for membership in [*changed, *removed]:
        if membership.pk is not None and membership.profile_id != profile.pk:
            raise PermissionDenied("A membership of another profile cannot be changed here.")
    for membership in removed:
        membership.delete()
    for membership in changed:
        is_new = membership.pk is None
        membership.profile = profile
        _check_membership(membership, is_new=is_new)
        membership.save()
    if profile.memberships.filter(preferred=True).count() > 1:
        raise ValidationError({"preferred": _("Only one platform can be your preferred channel.")})


def check_may_delete_own_account(user: User) -> None:
    """Refuse a staff account: the site must always keep an administrator, and another one
    removes a staff account in the admin."""
    if user.is_staff:
        raise PermissionDenied(
            _("Staff accounts can't delete themselves: another administrator can.")
        )


@transaction.atomic
def delete_account(*, user: User, password: str) -> None:
    """Withdraw consent and erase the account, its profile and memberships for good (PIPL art. 47).

    The owner confirms with their password, so a stolen session or token alone can't erase an
    account. Withdrawing consent and erasing are one act here: nothing is kept that consent
    covered. Deleting the user cascades to the profile, its memberships and the API token;
    candidate exports the user made keep only the recruiter's username (SET_NULL). Login records
    kept by django-axes name the user too, so they go as well.
    """
    check_may_delete_own_account(user)
    if not user.check_password(password):
        raise ValidationError(
            {
                "password": ValidationError(
                    _("That is not your password. Nothing was deleted."),
                    code="password_incorrect",
                )
            }
        )
    erase_login_records(user)
    user.delete()


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
