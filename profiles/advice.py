"""An executive's profile, and a signed-in sender's best path to them, as the recommender sees
them: the bridge from `profiles` to `outreach`."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.models import AnonymousUser, User

from outreach.catalog import advise as advise_target
from outreach.inputs import KnownPath, Sender, Target, TargetMembership
from outreach.recommender import ChannelCatalog, Recommendation
from outreach.vocabulary import Purpose
from profiles.models import ExecutiveProfile, Membership
from profiles.network_models import Willingness
from profiles.paths import IntroductionPath, best_paths


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
    gives each candidate theirs, `profile_for_detail` a person's page its memberships),
    otherwise the memberships: prefetch them with their platform when converting many profiles.
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


def known_path(path: IntroductionPath) -> KnownPath:
    """A path as the recommender weighs it: its length, its weakest link, whether everyone on it
    said they are glad to introduce the next person (their rows after the sender's own), and
    whom the sender asks first. A path from a recruiter's teammate is one step longer: the
    sender asks the teammate, who is named."""
    steps = path.steps
    return KnownPath(
        degree=path.degree + (1 if path.via_teammate else 0),
        weakest_closeness=min(step.closeness for step in steps),
        intermediary=path.via_teammate or path.intermediaries[0].display_name,
        willing=all(step.willingness == Willingness.WILLING for step in steps[1:]),
    )


def with_path(sender: Sender, best: IntroductionPath | None) -> Sender:
    """`sender` with their best path to the person, which then decides the warm introduction
    instead of the mutual-contact box; unchanged without one."""
    return replace(sender, path=known_path(best)) if best is not None else sender


def with_viewer_path(sender: Sender, *, viewer: User | AnonymousUser, target_id: int) -> Sender:
    """`sender` with the viewer's best path to the person (their own or their team's)."""
    found = best_paths(viewer=viewer, target=target_id, limit=1)
    return with_path(sender, found[0] if found else None)


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
