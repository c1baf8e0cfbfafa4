"""Reads across several models for the profiles app."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import QueryDict
from django.utils.translation import gettext

from core.statements import KeyedRows, Prepared, columns, instance_from, within_key_range
from platforms.models import Platform, operating_q
from platforms.selectors import platforms_by_id
from profiles.access import reach_of
from profiles.filters import CandidateFilter
from profiles.models import (
    SEARCH_COLUMNS,
    ExecutiveProfile,
    ExecutiveProfileQuerySet,
    Membership,
)
from profiles.search_shapes import ShapedStatements

if TYPE_CHECKING:
    from outreach.reachability import ChannelSummary
    from profiles.paths import IntroductionPath
    from profiles.visibility import Audience

# --- The owner's own profile (/me/ pages) -----------------------------------------------------


def profile_of(user: User) -> ExecutiveProfile | None:
    """The user's own profile, or None (staff and recruiters may have none)."""
    return ExecutiveProfile.objects.filter(user=user).first()


def memberships_of(profile: ExecutiveProfile) -> QuerySet[Membership]:
    """A profile's memberships with their platforms, in a stable order for forms and tables."""
    return profile.memberships.select_related("platform").order_by("platform__name_en", "pk")


def with_memberships(profile: ExecutiveProfile) -> ExecutiveProfile:
    """Load `memberships_of(profile)` into `profile.memberships.all()` in one query, so the page
    and the outreach advice (`advice.target_from_profile`) share it."""
    prefetch_related_objects(
        [profile],
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("platform").order_by(
                "platform__name_en", "pk"
            ),
        ),
    )
    return profile


# --- Candidate search and profile pages (recruiters, visitors) -------------------------------

# What a search result shows of a profile, and of each of its channels (`Candidate`, `Channel`).
CANDIDATE_FIELDS = (
    "id",
    "user_id",
    "display_name",
    "is_fictional",
    "title",
    "company",
    "company_type",
    "industry",
    "city",
    "seniority",
    "speaks_chinese",
    "speaks_english",
    "abroad_experience",
    "open_to_opportunities",
    "updated_at",
)
CHANNEL_FIELDS = (
    "handle",
    "hide_handle",
    "activity",
    "verified",
    "open_to_inquiries",
    "publicizes_career",
    "preferred",
)
PLATFORM_FIELDS = ("slug", "name_en", "name_zh")


@dataclass(frozen=True)
class ChannelPlatform:
    """The platform of a channel: what a result names it by."""

    slug: str
    name_en: str
    name_zh: str

    # Read once a page: every row's channels on a platform share its record.
    name = cached_property(Platform.name.fget)


@dataclass(frozen=True)
class Channel:
    """A membership on a platform still operating, as a search result shows it.

    Has a `Membership`'s names, so the handle rule (`profiles.visibility`) and the outreach
    advice (`profiles.advice.target_from_profile`) read either.
    """

    platform: ChannelPlatform
    handle: str
    hide_handle: bool
    activity: str
    verified: bool
    open_to_inquiries: bool
    publicizes_career: bool
    preferred: bool

    get_activity_display = Membership.get_activity_display
    is_active = Membership.is_active


@dataclass(frozen=True)
class Candidate:
    """A profile as a search result shows it: plain values read in one statement for a whole
    page, with the profile's names and display methods, and its channels, best first."""

    id: int
    user_id: int | None
    display_name: str
    is_fictional: bool
    title: str
    company: str
    company_type: str
    industry: str
    city: str
    seniority: str
    speaks_chinese: bool
    speaks_english: bool
    abroad_experience: bool
    open_to_opportunities: bool
    updated_at: datetime.datetime
    channels: tuple[Channel, ...] = ()

    get_company_type_display = ExecutiveProfile.get_company_type_display
    get_industry_display = ExecutiveProfile.get_industry_display
    get_city_display = ExecutiveProfile.get_city_display
    get_seniority_display = ExecutiveProfile.get_seniority_display
    languages = ExecutiveProfile.languages

    @property
    def pk(self) -> int:
        return self.id


def candidate_rows(queryset: ExecutiveProfileQuerySet) -> list[Candidate]:
    """The profiles of `queryset` (slice it first) with their channels, in two statements.

    Plain values rather than model instances: a page is read for every search, and building
    instances and prefetching cost several times the SQL.
    """
    return _with_channels(list(queryset.values_list(*CANDIDATE_FIELDS)))


def searchable_rows(profile_ids: list[int]) -> list[Candidate]:
    """`candidate_rows` of those of `profile_ids` that every recruiter may search
    (`ExecutiveProfile.searchable`): a board's page of them through a statement compiled once
    per process (`SEARCHABLE`)."""
    return _with_channels(SEARCHABLE.tuples(profile_ids))


def _with_channels(rows: list[tuple]) -> list[Candidate]:
    """The profiles' `CANDIDATE_FIELDS` as search rows, with their channels read in one more
    statement (`CHANNELS`). A shut-down platform can't reach anyone, so it is not a channel; the
    platforms' names come with the channels."""
    channels: dict[int, list[Channel]] = defaultdict(list)
    platforms: dict[str, ChannelPlatform] = {}
    for profile_id, slug, name_en, name_zh, *values in CHANNELS.tuples([row[0] for row in rows]):
        platform = platforms.get(slug) or platforms.setdefault(
            slug, ChannelPlatform(slug, name_en, name_zh)
        )
        channels[profile_id].append(Channel(platform, *values))
    return [Candidate(*row, channels=tuple(channels[row[0]])) for row in rows]


@cache
def channel_values() -> QuerySet[Membership]:
    """The channels' values for `candidate_rows`, best first, built once per process: building
    the statement's joins and order cost a fifth of a millisecond a page. Filter it for the
    page's profiles; never evaluate it itself."""
    return (
        Membership.objects.filter(operating_q("platform__"))
        .order_by("-preferred", "-open_to_inquiries", "platform__name_en")
        .values_list(
            "profile_id", *(f"platform__{name}" for name in PLATFORM_FIELDS), *CHANNEL_FIELDS
        )
    )


@dataclass(frozen=True)
class SearchResult:
    """A candidate as one viewer sees them in a list, with the advice on reaching them and the
    viewer's best introduction path to them, if any."""

    candidate: Candidate
    audience: Audience
    how_to_reach: tuple[ChannelSummary, ...]
    path: IntroductionPath | None = None


def candidate_filter(*, user: User | AnonymousUser, data: QueryDict | dict) -> CandidateFilter:
    """The candidate filter bound to `data`, over the profiles `user` may search."""
    return CandidateFilter(
        data, queryset=ExecutiveProfile.objects.candidates_for(user), viewer=user
    )


# --- Paging: a page of candidates, known to have a next page without counting -------------------

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Deep offsets are slow and nobody pages this far: narrow the filter instead.
MAX_PAGE_NUMBER = 10_000

# A page's channels through a statement compiled once per process for each page size and
# planned once per connection (`core.statements`): filtering and compiling the queryset for
# every page took as long as running it (0.7 of 1.3 ms at a million profiles). Each size is
# one row more than the page (the row that says a next page exists).
CHANNELS = KeyedRows(
    lambda ids: channel_values().filter(profile_id__in=ids), longest=MAX_PAGE_SIZE + 1
)
# The search rows' values of a board's page of profiles recruiters may see (`searchable_rows`).
SEARCHABLE = KeyedRows(
    lambda ids: (
        ExecutiveProfile.objects.searchable().filter(pk__in=ids).values_list(*CANDIDATE_FIELDS)
    ),
    longest=MAX_PAGE_SIZE + 1,
)


@dataclass(frozen=True)
class PageRequest:
    """Which page of a search is asked for, and how many candidates it holds."""

    number: int = 1
    size: int = DEFAULT_PAGE_SIZE


def page_request(data: Mapping[str, Any]) -> PageRequest:
    """The page asked for in `data` (a query string); sizes above the maximum are capped.

    Raises ValidationError naming each bad parameter, for the page's form and the API alike.
    """
    errors: dict[str, list[str]] = {}
    values = {}
    too_small = {
        "page": gettext("The page must be 1 or more."),
        "page_size": gettext("The page size must be 1 or more."),
    }
    for name, maximum in (("page", MAX_PAGE_NUMBER), ("page_size", None)):
        raw = data.get(name)
        if raw in (None, ""):
            continue
        try:
            value = int(str(raw).strip())
        except ValueError:
            errors[name] = [gettext("Enter a whole number.")]
            continue
        try:
            MinValueValidator(1, message=too_small[name])(value)
            if maximum is not None:
                MaxValueValidator(maximum)(value)
        except ValidationError as error:
            errors[name] = error.messages
            continue
        values[name] = value
    if errors:
        raise ValidationError(errors)
    return PageRequest(
        number=values.get("page", 1),
        size=min(values.get("page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE),
    )


@dataclass(frozen=True)
class CandidatePage:
    """One page of results, known to have a next page without counting the whole result."""

    candidates: list[Candidate]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.candidates else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.size + len(self.candidates)


# A page of a search's rows through a statement compiled once per process for each shape of
# search (`profiles.search_shapes`): compiling the queryset took a third of the page's time.
SEARCH_PAGES = ShapedStatements(lambda queryset: queryset.values_list(*CANDIDATE_FIELDS))


def candidate_page(filterset: CandidateFilter, *, number: int, size: int) -> CandidatePage:
    """Page `number` of a valid search's results, with their channels, read through the
    statement of the search's shape (`SEARCH_PAGES`).

    Fetch one row more than the page holds: its presence says there is a next page. An exact
    COUNT(*) over a million filtered profiles costs more than the page itself.
    """
    rows = SEARCH_PAGES.tuples(filterset, limit=size + 1, offset=(number - 1) * size)
    candidates = _with_channels(rows)
    return CandidatePage(
        candidates=candidates[:size], number=number, size=size, has_next=len(rows) > size
    )


def last_page_number(queryset: ExecutiveProfileQuerySet, *, size: int) -> int:
    """How many pages of `size` the result fills (0 when it is empty): counted only for a page
    asked for past the end, to say where the end is."""
    return -(-queryset.count() // size)


# Rows in one CSV export at most; override with settings.CANDIDATE_EXPORT_ROW_LIMIT.
EXPORT_ROW_LIMIT = 1000


def export_row_limit() -> int:
    return getattr(settings, "CANDIDATE_EXPORT_ROW_LIMIT", EXPORT_ROW_LIMIT)


def candidates_for_export(queryset: ExecutiveProfileQuerySet) -> list[Candidate]:
    """The filtered result with its channels, capped at `export_row_limit()` rows."""
    return candidate_rows(queryset[: export_row_limit()])


def profile_for_detail(user: User | AnonymousUser, pk: int) -> ExecutiveProfile:
    """The profile `pk` if `user` may open it (`reach_of`), with all its memberships, best
    first, in `profile.channels`, which the outreach advice reads too.

    Read through two statements compiled once per process (`_detail_statements`), without the
    search columns, and with each membership's platform from the process's copy
    (`platforms_by_id`) rather than joined: a platform row carries its texts in both languages.
    Building the profile's and the memberships' querysets on each request took a fifth of the
    page's time. Raises `ExecutiveProfile.DoesNotExist` otherwise.
    """
    if not within_key_range(ExecutiveProfile, pk):
        raise ExecutiveProfile.DoesNotExist
    profile_statement, membership_statement = _detail_statements()
    row = profile_statement.first(pk)
    if row is None or not reach_of(user).admits(
        visibility=row["visibility"], owner_id=row["user_id"]
    ):
        raise ExecutiveProfile.DoesNotExist
    profile = instance_from(ExecutiveProfile, row, profile_statement.alias)
    memberships = [
        instance_from(Membership, values, membership_statement.alias)
        for values in membership_statement.rows(pk)
    ]
    platforms = platforms_by_id()
    for membership in memberships:
        # A platform added since the process read its copy (within a second) is read on use.
        if membership.platform_id in platforms:
            membership.platform = platforms[membership.platform_id]
    profile.channels = sorted(
        memberships, key=lambda m: (not m.preferred, m.platform.name_en, m.pk)
    )
    return profile


@cache
def _detail_statements() -> tuple[Prepared, Prepared]:
    """A person's page's profile (by its id, the search columns left out) and its memberships,
    compiled once per process (`core.statements`)."""
    shown = [name for name in columns(ExecutiveProfile) if name not in SEARCH_COLUMNS]
    return (
        Prepared.of(lambda key: ExecutiveProfile.objects.filter(pk=key).values(*shown)),
        Prepared.of(
            lambda key: Membership.objects.filter(profile_id=key).values(*columns(Membership))
        ),
    )
