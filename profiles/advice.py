"""An executive's profile as the recommender sees it: the bridge from `profiles` to `outreach`."""

from __future__ import annotations

from outreach.catalog import advise as advise_target
from outreach.recommender import ChannelCatalog, Recommendation, Sender, Target, TargetMembership
from outreach.vocabulary import Purpose
from profiles.models import ExecutiveProfile, Membership


def _target_membership(membership: Membership) -> TargetMembership:
    return TargetMembership(
        platform=membership.platform.slug,
        active=membership.is_active,
        open_to_inquiries=membership.open_to_inquiries,
        publicizes_career=membership.publicizes_career,
        verified=membership.verified,
        preferred=membership.preferred,
    )


def target_from_profile(profile: ExecutiveProfile) -> Target:
    """The recommender's view of an executive and the platforms they are on.

    Reads `profile.channels` where a selector attached them (`profiles.selectors.candidate_rows`
    gives each candidate theirs), otherwise the memberships: prefetch them with their platform
    when converting many profiles.
    """
    memberships = getattr(profile, "channels", None)
    if memberships is None:
        memberships = profile.memberships.all()
    return Target(
        company_type=profile.company_type,
        seniority=profile.seniority,
        languages=tuple(profile.languages),
        abroad_experience=profile.abroad_experience,
        memberships=tuple(_target_membership(membership) for membership in memberships),
    )


def advise(
    *,
    purpose: Purpose | str,
    target: Target | ExecutiveProfile,
    sender: Sender | None = None,
    catalog: ChannelCatalog | None = None,
) -> Recommendation:
    """Rank the channels for one target or executive; pass `catalog` when advising on many."""
    if isinstance(target, ExecutiveProfile):
        target = target_from_profile(target)
    return advise_target(purpose=purpose, target=target, sender=sender, catalog=catalog)
