"""What the recommender is asked about: the platforms' traits as the rules read them, the
person to reach and their memberships, and who reaches out (with their real path, if any).

Frozen dataclasses that check their vocabulary as they are made, so the rules (`outreach.rules`)
and the engine (`outreach.recommender`) read only values they know. The advisor's form, the
recommendations API, a candidate's advice and the catalog (`outreach.catalog`) each build them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from outreach.ranking import SourceRef
from outreach.rules import PathKind, path_kind
from outreach.vocabulary import (
    DOMESTIC_COMPANY_TYPES,
    ENGLISH,
    City,
    CompanyType,
    Industry,
    PlatformName,
    Presence,
    Seniority,
)
from platforms.vocabulary import (
    Availability,
    ColdMessaging,
    Ease,
    Kind,
    Level,
    OperatingState,
    Verification,
    operating_state,
)


@dataclass(frozen=True, slots=True)
class PlatformTraits:
    """One platform's curated traits, as the rules read them.

    `interface_languages` holds language codes (`en`, `zh-hans`...); `citations` maps a claim
    name (`email_reliance`, `status`...) to the sources that back it.
    """

    slug: str
    name_en: str
    kind: str
    status: str
    name_zh: str = ""
    historical: bool = False
    interface_languages: frozenset[str] = frozenset()
    real_name_verification: str = Verification.UNKNOWN
    email_reliance: str = Level.UNKNOWN
    cold_messaging: str = ColdMessaging.UNKNOWN
    anonymous_posting: str = Availability.UNKNOWN
    reach_beyond_china: str = Level.UNKNOWN
    ease_for_foreigners: str = Ease.UNKNOWN
    citations: Mapping[str, tuple[SourceRef, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    # Made once: a page shows it on every row, and translates each name once (`Texts`).
    name: PlatformName = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", PlatformName(self.name_en, self.name_zh))

    @property
    def operating_state(self) -> OperatingState:
        return operating_state(self.status, self.historical)

    @property
    def is_operating(self) -> bool:
        """Whether it may be advised: `Platform.is_operating`, the one rule, on the traits."""
        return self.operating_state != OperatingState.HISTORICAL

    @property
    def is_global_network(self) -> bool:
        """R5: what sets LinkedIn apart in the sources is a professional network whose reach goes
        beyond China (Chitu's drawback was lacking exactly that), so read the traits."""
        return self.kind == Kind.PROFESSIONAL_NETWORK and self.reach_beyond_china == Level.HIGH

    @property
    def allows_cold_socializing(self) -> bool:
        """R6: Weibo's cold socializing needs public career posts (a microblog) and private
        messages to strangers (cold messaging allowed)."""
        return self.kind == Kind.MICROBLOG and self.cold_messaging != ColdMessaging.NO

    @property
    def needs_introduction(self) -> bool:
        """R7: strangers can't message anyone there (WeChat)."""
        return self.cold_messaging == ColdMessaging.NO

    @property
    def is_chinese_only(self) -> bool:
        """True only when the languages are known and all of them are Chinese."""
        return bool(self.interface_languages) and all(
            code.startswith("zh") for code in self.interface_languages
        )


@dataclass(frozen=True, slots=True)
class TargetMembership:
    """The target's presence on one platform (by slug) and how they want to be reached there.

    Each setting is True, False, or None where whoever asks doesn't know (it then counts
    neither for nor against); `presence` says whether they are on the platform at all, and the
    settings of a platform they are not on are not read.
    """

    platform: str
    active: bool | None = True
    open_to_inquiries: bool | None = False
    publicizes_career: bool | None = False
    verified: bool | None = False
    preferred: bool | None = False
    presence: Presence = Presence.ON_IT

    def __post_init__(self) -> None:
        object.__setattr__(self, "presence", Presence(self.presence))

    @classmethod
    def unknown(cls, platform: str) -> TargetMembership:
        """Nothing known: whether they are on it, or how they use it."""
        return cls(platform, None, None, None, None, None, Presence.UNKNOWN)


@dataclass(frozen=True, slots=True)
class Target:
    """The person to reach. Unknown vocabulary raises ValueError, naming the value.

    `unlisted` is the presence on every platform `memberships` leaves out: not on it (a profile
    lists all of its owner's platforms, and so did every request before unknown existed), or
    unknown. `city`, `industry` and `title` (their role) describe them back to whoever asks; no
    rule reads them yet.
    """

    company_type: str
    seniority: str
    languages: tuple[str, ...] = ()
    abroad_experience: bool = False
    memberships: tuple[TargetMembership, ...] = ()
    unlisted: Presence = Presence.NOT_ON_IT
    city: str = ""
    industry: str = ""
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "company_type", CompanyType(self.company_type))
        object.__setattr__(self, "seniority", Seniority(self.seniority))
        object.__setattr__(self, "unlisted", Presence(self.unlisted))
        if self.unlisted == Presence.ON_IT:
            raise ValueError("Unlisted platforms are either not on it or unknown, never on it")
        if self.city:
            object.__setattr__(self, "city", City(self.city))
        if self.industry:
            object.__setattr__(self, "industry", Industry(self.industry))
        object.__setattr__(self, "languages", tuple(self.languages))
        object.__setattr__(self, "memberships", tuple(self.memberships))
        slugs = [membership.platform for membership in self.memberships]
        if len(slugs) != len(set(slugs)):
            raise ValueError(f"A platform appears twice in the memberships: {sorted(slugs)}")

    @property
    def at_domestic_firm(self) -> bool:
        return self.company_type in DOMESTIC_COMPANY_TYPES

    @property
    def speaks_english(self) -> bool:
        return ENGLISH in self.languages


@dataclass(frozen=True, slots=True)
class KnownPath:
    """The sender's best real path to the target in NetworkDir's network (found by `profiles`).

    `degree` 2 runs through one intermediary, 3 through two; `weakest_closeness` is the weakest
    link's (1 acquainted to 3 close); `willing` says every intermediary is glad to introduce
    (rather than "ask me each time"); `intermediary` is whom the sender asks first, by name.
    """

    degree: int
    weakest_closeness: int
    intermediary: str
    willing: bool = False

    @property
    def kind(self) -> PathKind:
        return path_kind(
            degree=self.degree, weakest_closeness=self.weakest_closeness, willing=self.willing
        )


@dataclass(frozen=True, slots=True)
class Sender:
    """Who reaches out: what they can read and hold, and whom they know.

    `has_mutual_contact` is the sender's own word (the anonymous advisor's box); `path`, where
    a signed-in sender's network has one, is the real thing and decides instead.
    """

    reads_chinese: bool = False
    can_verify_mainland_account: bool = False
    has_mutual_contact: bool = False
    path: KnownPath | None = None
