"""Reads in the workspace: a recruiter's projects, one project's board, a candidate's record.

Who sees a project: its members (`Project.objects.for_member`). Who is shown in it: the
candidates whose profiles the viewer may search (`ExecutiveProfile.objects.candidates_for`);
the others — gone private since they were added — are counted, never shown. The board is read
in a fixed number of queries whatever the project's size, as the search page reads its rows
(`profiles.selectors.candidate_rows`), and scored by the same advice.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict

from core.cache import cached_data
from core.statements import KeyedRows, Prepared, columns, instance_from, within_key_range
from outreach.catalog import load_catalog
from outreach.inputs import Sender
from outreach.reachability import ChannelSummary, summarize
from outreach.recommender import recommend
from outreach.selectors import observed_evidence
from outreach.vocabulary import Purpose
from profiles.access import may_search_candidates
from profiles.advice import known_path, target_from_profile
from profiles.models import ExecutiveProfile, choice_label
from profiles.network_selectors import SubqueryCount
from profiles.paths import IntroductionPath, best_paths_to_many
from profiles.selectors import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    Candidate,
    PageRequest,
    candidate_rows,
    page_request,
    searchable_rows,
)
from profiles.totals import CANDIDATES_VERSION
from profiles.visibility import Audience, audiences_for
from workspace.models import (
    STAGE_ORDER,
    Note,
    Project,
    ProjectCandidate,
    ProjectMember,
    Role,
    Stage,
    StageChange,
    Tag,
    check_stage,
)

# --- Projects ------------------------------------------------------------------------------------

# A project's candidates counted by a subquery on its own row: no join and GROUP BY over them all.
CANDIDATE_COUNT = SubqueryCount(
    ProjectCandidate.objects.filter(project=OuterRef("pk")).order_by().values("pk")
)


def projects_of(user: User, *, archived: bool = False) -> QuerySet[Project]:
    """The user's projects (active or archived), each with its number of candidates and the
    user's own access (`role`), most recently changed first."""
    return (
        Project.objects.for_member(user)
        .filter(archived=archived)
        .annotate(
            candidate_count=CANDIDATE_COUNT,
            role=ProjectMember.objects.filter(project=OuterRef("pk"), user=user).values("role"),
        )
        .select_related("owner")
        .order_by("-updated_at", "-id")
    )


def project_for(user: User | AnonymousUser, pk: int) -> Project | None:
    """The project `pk` with its owner, if `user` is a member, with their access as `role` and
    its number of candidates; None otherwise.

    Every page and call of a project reads it first, so it is one statement compiled once per
    process (`core.statements`): building it cost more than running it."""
    if not user.is_authenticated or not within_key_range(Project, pk):
        return None
    statement = _project_statement()
    row = statement.first(user.pk, pk)
    if row is None:
        return None
    project = instance_from(Project, row, statement.alias)
    Project.owner.field.set_cached_value(
        project, instance_from(User, row, statement.alias, "owner__")
    )
    project.role, project.candidate_count = row["role"], row["candidate_count"]
    return project


@cache
def _project_statement() -> Prepared:
    """`project_for`'s statement: the member's access is read from the membership that lets
    them see the project (`for_member`)."""

    def filtered(keys: list[int]) -> QuerySet:
        user_id, pk = keys
        return (
            Project.objects.for_member(User(pk=user_id))
            .filter(pk=pk)
            .annotate(role=F("members__role"), candidate_count=CANDIDATE_COUNT)
            .order_by()
            .values(*columns(Project), *columns(User, "owner__"), "role", "candidate_count")
        )

    return Prepared.of_each(filtered, 2)


def can_edit(project: Project) -> bool:
    """Whether the member who read `project` (through `project_for`) may change it now."""
    return project.role == Role.CAN_EDIT and not project.archived


def members_of(project: Project) -> QuerySet[ProjectMember]:
    return project.members.select_related("user").order_by("added_at", "id")


def projects_to_add_to(user: User) -> QuerySet[Project]:
    """The active projects `user` may add candidates to, for the "Add to project" forms."""
    return Project.objects.active().editable_by(user).only("id", "name").order_by("name", "id")


def shown_entries(project: Project, viewer: User) -> QuerySet[ProjectCandidate]:
    """The project's candidates `viewer` may see: the one rule of who is shown in a project.
    Those whose profiles recruiters may search (`_searchable`); no one to anyone else."""
    if not may_search_candidates(viewer):
        return project.candidates.none()
    return project.candidates.filter(_searchable())


def _searchable() -> Exists:
    """Whether an entry's profile is one every recruiter may search
    (`ExecutiveProfile.searchable`): the same for each of them, so the statements that ask it
    are compiled once per process."""
    return Exists(ExecutiveProfile.objects.searchable().filter(pk=OuterRef("profile")))


# --- The board: candidates by stage --------------------------------------------------------------

# An entry as the board reads it: id, profile id, stage, added, number of notes.
Row = tuple[int, int, str, datetime.datetime, int]


@dataclass(frozen=True)
class StageCounts:
    """How many of a project's candidates the viewer sees at each stage, and how many of them
    are hidden (their profiles went private)."""

    shown: dict[str, int]
    hidden: int

    @property
    def total(self) -> int:
        return sum(self.shown.values())

    def __iter__(self):
        """(stage, count) for every stage, in the pipeline's order."""
        return ((stage, self.shown.get(stage.value, 0)) for stage in Stage)


def stage_counts(project: Project, viewer: User) -> StageCounts:
    """The project's entries counted per stage, and those the viewer may not see
    (`shown_entries`), from the counts every member shares (`_shared_counts`)."""
    searches = may_search_candidates(viewer)
    shown, hidden = {}, 0
    for stage, total, searchable in _shared_counts(project):
        shown[stage] = searchable if searches else 0
        hidden += total - shown[stage]
    return StageCounts(shown, hidden)


def _shared_counts(project: Project) -> list[tuple[str, int, int]]:
    """(stage, entries, entries recruiters may see) for each stage with entries, kept in the
    shared cache: counting them probes every entry's profile (1.5 ms for 500), on every view of
    the board, while they change only with the project's entries or the profiles.

    Kept under the project's last change (`updated_at`, which the services that add, move or
    remove candidates move in the same transaction) as the member read it with the project, and
    under the candidates' data version (`CANDIDATES_VERSION`, replaced when any profile
    changes): a member's own move is counted on the next page they see."""
    return cached_data(
        "stage-counts",
        project.pk,
        project.updated_at,
        build=lambda: _counts_statement().tuples(project.pk),
        version_key=CANDIDATES_VERSION,
    )


@cache
def _counts_statement() -> Prepared:
    """Each stage's number of entries, and of those recruiters may see, compiled once per
    process (`core.statements`)."""

    def counted(project_id: int) -> QuerySet:
        return (
            ProjectCandidate.objects.filter(project_id=project_id)
            .order_by()
            .values("stage")
            .annotate(total=Count("id"), shown=Count("id", filter=Q(_searchable())))
            .values_list("stage", "total", "shown")
        )

    return Prepared.of(counted)


@dataclass(frozen=True)
class BoardEntry:
    """A candidate on a project's board, with how to reach them."""

    id: int
    stage: str
    added_at: datetime.datetime
    note_count: int
    candidate: Candidate
    tags: tuple[str, ...] = ()
    audience: Audience = Audience.RECRUITER
    how_to_reach: tuple[ChannelSummary, ...] = ()
    path: IntroductionPath | None = None

    def get_stage_display(self) -> str:
        return choice_label(Stage, self.stage)


@dataclass(frozen=True)
class Board:
    """One page of a project's board (one stage, or all in the pipeline's order), with the
    counts of every stage."""

    counts: StageCounts
    entries: list[BoardEntry]
    stage: str | None
    number: int
    size: int
    has_next: bool

    @property
    def columns(self) -> list[tuple[Stage, list[BoardEntry]]]:
        """The page's entries under their stages, in the pipeline's order."""
        by_stage: dict[str, list[BoardEntry]] = defaultdict(list)
        for entry in self.entries:
            by_stage[entry.stage].append(entry)
        return [(stage, by_stage[stage.value]) for stage in Stage if by_stage[stage.value]]

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _entries(queryset: QuerySet[ProjectCandidate]) -> QuerySet:
    # The notes are counted by a subquery, not a join: PostgreSQL counts them for the page's
    # rows only, after the sort and the limit, instead of grouping every entry of the project.
    notes = Note.objects.filter(project_candidate=OuterRef("pk")).order_by().values("pk")
    return (
        queryset.annotate(note_count=SubqueryCount(notes), stage_order=STAGE_ORDER)
        .order_by("stage_order", "-updated_at", "-id")
        .values_list("id", "profile_id", "stage", "added_at", "note_count")
    )


def _with_candidates(viewer: User, rows: list[Row]) -> list[BoardEntry]:
    """Entries with their profiles as search rows and their tags: three queries. `rows` are
    entries the viewer may see (`shown_entries`, or the board's page read by its rule)."""
    if not rows:
        return []
    candidates = {row.id: row for row in searchable_rows([row[1] for row in rows])}
    tags: dict[int, list[str]] = defaultdict(list)
    for entry_id, name in TAGS.tuples([row[0] for row in rows]):
        tags[entry_id].append(name)
    audience = audiences_for(viewer)
    return [
        BoardEntry(
            id=entry_id,
            stage=stage,
            added_at=added_at,
            note_count=note_count,
            candidate=candidates[profile_id],
            tags=tuple(tags[entry_id]),
            audience=audience(candidates[profile_id].user_id),
        )
        for entry_id, profile_id, stage, added_at, note_count in rows
        if profile_id in candidates  # gone private since the entries were read
    ]


# The names of the entries' tags (a page's through a statement compiled once per process).
TAGS = KeyedRows(
    lambda ids: (
        ProjectCandidate.tags.through.objects.filter(projectcandidate_id__in=ids)
        .order_by("tag__name", "tag_id")
        .values_list("projectcandidate_id", "tag__name")
    ),
    longest=MAX_PAGE_SIZE + 1,
)


def all_entries(project: Project, viewer: User) -> list[BoardEntry]:
    """Every candidate of the project the viewer may see, in the pipeline's order, with tags
    but no advice (for the CSV): four queries."""
    return _with_candidates(viewer, list(_entries(shown_entries(project, viewer))))


def _advised(
    entries: list[BoardEntry], viewer: User, *, purpose: Purpose, sender: Sender
) -> list[BoardEntry]:
    """Each entry with the viewer's best introduction path to them and their best channels,
    scored as a person's page scores them: a path, where there is one, decides the warm
    introduction (`profiles.advice.known_path`), and with what recruiters observed; kept by
    the catalog for the next time the board is opened (`recommend`'s `keep`)."""
    if not entries:
        return []
    paths = best_paths_to_many(viewer=viewer, target_ids=[e.candidate.id for e in entries])
    catalog, evidence = load_catalog(), observed_evidence()
    advised = []
    for entry in entries:
        path = paths.get(entry.candidate.id)
        advice = recommend(
            catalog,
            purpose=purpose,
            target=target_from_profile(entry.candidate),
            sender=sender if path is None else dataclasses.replace(sender, path=known_path(path)),
            evidence=evidence,
            keep=True,
        )
        advised.append(dataclasses.replace(entry, how_to_reach=summarize(advice), path=path))
    return advised


@lru_cache(maxsize=len(Stage) + 1)
def _page_statement(stage: str | None) -> Prepared:
    """A page of a project's entries shown to recruiters (`shown_entries`), of `stage` or of
    all, as `_entries` reads them: compiled once per process for each stage, its page cut by
    its keys (`core.statements`); building its subqueries cost more than running them.

    Not prepared on the server: the planner must see the pipeline's order (`STAGE_ORDER`) as
    the literals of the index it follows (`project_candidate_board`)."""

    def filtered(keys: list[int]) -> QuerySet:
        entries = ProjectCandidate.objects.filter(_searchable(), project_id=keys[0])
        return _entries(entries if stage is None else entries.filter(stage=stage))

    return Prepared.of_each(filtered, 1, paged=True, prepare=False)


def board_request(data: QueryDict) -> tuple[str | None, PageRequest]:
    """The stage (or all) and page of the board asked for in a query string; a stage that
    doesn't exist and a bad page are refused naming `stage` and `page`, as the API does."""
    errors: dict[str, list[str]] = {}
    stage = data.get("stage") or None
    try:
        if stage is not None:
            check_stage(stage)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        asked = page_request(data)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return stage, asked


def project_board(
    *,
    project: Project,
    viewer: User,
    purpose: Purpose,
    sender: Sender,
    stage: str | None = None,
    number: int = 1,
    size: int = DEFAULT_PAGE_SIZE,
) -> Board:
    """A page of the project's candidates the viewer may see (of one stage, or all in the
    pipeline's order), each with their best channels, best introduction path, tags and number
    of notes, and the counts of every stage. A fixed number of queries for any project: the
    counts, the page's entries, their profiles, channels and tags, and the paths
    (`best_paths_to_many`). The page knows whether a next one exists by reading one row more."""
    counts = stage_counts(project, viewer)
    rows: list[Row] = []
    if may_search_candidates(viewer):  # as `shown_entries` says
        rows = _page_statement(stage).tuples(project.pk, size + 1, (number - 1) * size)
    page = _with_candidates(viewer, rows[:size])
    return Board(
        counts=counts,
        entries=_advised(page, viewer, purpose=purpose, sender=sender),
        stage=stage,
        number=number,
        size=size,
        has_next=len(rows) > size,
    )


def board_entry(
    *, project: Project, viewer: User, pk: int, purpose: Purpose, sender: Sender
) -> BoardEntry | None:
    """One candidate of the project as the board shows them, if the viewer may see them."""
    rows = list(_entries(shown_entries(project, viewer).filter(pk=pk)))
    advised = _advised(_with_candidates(viewer, rows), viewer, purpose=purpose, sender=sender)
    return advised[0] if advised else None


def history_of(entry_id: int) -> QuerySet[StageChange]:
    """A candidate's moves in a project, oldest first, with who moved them."""
    return StageChange.objects.filter(project_candidate=entry_id).select_related("by")


def recent_entries(user: User, *, limit: int) -> list[tuple[ProjectCandidate, Candidate]]:
    """The candidates most recently added to the user's active projects, as (entry, search
    row) pairs; those the user may no longer see are left out. Three queries."""
    entries = list(
        ProjectCandidate.objects.filter(project__in=Project.objects.for_member(user).active())
        .select_related("project")
        .only("id", "stage", "added_at", "profile_id", "project__id", "project__name")
        .order_by("-added_at", "-id")[: limit * 2]
    )
    searchable = ExecutiveProfile.objects.candidates_for(user).filter(
        pk__in={entry.profile_id for entry in entries}
    )
    candidates = {row.id: row for row in candidate_rows(searchable)} if entries else {}
    shown = [
        (entry, candidates[entry.profile_id]) for entry in entries if entry.profile_id in candidates
    ]
    return shown[:limit]


# --- One candidate in a project ------------------------------------------------------------------


def entry_for(project: Project, viewer: User, pk: int) -> ProjectCandidate | None:
    """One of the project's candidates, if the viewer may see them, with their profile, tags,
    notes (newest first, with authors) and stage history (oldest first, with who moved them)."""
    return (
        shown_entries(project, viewer)
        .select_related("profile", "added_by")
        .prefetch_related(
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            Prefetch("notes", queryset=Note.objects.select_related("author")),
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("by")),
        )
        .filter(pk=pk)
        .first()
    )


def entry_by_profile(project: Project, viewer: User, profile_id: int) -> ProjectCandidate | None:
    return shown_entries(project, viewer).filter(profile_id=profile_id).first()
