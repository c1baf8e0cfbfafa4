"""Fictional executives for demos and load tests, and the fast path that stores them.

`generate_profiles` is pure: the same seed and platforms give the same people, in the same
order, without touching the database. The spreads follow the sources (DESIGN.md): nearly
everyone is on WeChat; Weibo, LinkedIn, Maimai and Liepin are common, LinkedIn mostly among staff
of multinationals and joint ventures and often inactive; Huihui is rare; shut-down platforms
never appear. Names mix Chinese (pinyin + hanzi) and English; companies are invented; handles
start with `demo-` so they can never point at a real account.

`insert_profiles` stores them in one transaction, batch by batch: PostgreSQL COPY when
available (a million profiles with ~2.9 million memberships in about two minutes on two cores),
`bulk_create` elsewhere. Every profile is `is_fictional=True` and has no user account.
"""

from __future__ import annotations

import bisect
import io
import itertools
import random
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from itertools import accumulate
from queue import Full, Queue
from typing import NamedTuple, TypeVar

from django.db import connection, transaction
from django.utils import timezone

from profiles.models import (
    Activity,
    City,
    CompanyType,
    ExecutiveProfile,
    Industry,
    Membership,
    Seniority,
    Visibility,
)
from profiles.search import search_document

DEFAULT_SEED = 2024
DEFAULT_BATCH_SIZE = 10_000

T = TypeVar("T")


class DemoMembership(NamedTuple):
    """One generated membership (a tuple: a million people make three million of these)."""

    platform_slug: str
    handle: str
    activity: str
    verified: bool
    open_to_inquiries: bool
    publicizes_career: bool
    preferred: bool
    hide_handle: bool


class DemoProfile(NamedTuple):
    """One generated person; fields up to `visibility` are the profile's columns, in order."""

    display_name: str
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
    visibility: str
    memberships: tuple[DemoMembership, ...]


def weighted_choice(weighted: Sequence[tuple[T, float]]) -> Callable[[random.Random], T]:
    """A picker of weighted options using one random number (faster than `random.choices`)."""
    # Plain values (a choice's `.value`): cheaper to compare and write than enum members.
    options = [getattr(option, "value", option) for option, _weight in weighted]
    cumulative = list(accumulate(weight for _option, weight in weighted))
    total = cumulative[-1]
    bisect_right = bisect.bisect_right

    def choose(rng: random.Random) -> T:
        return options[bisect_right(cumulative, rng.random() * total)]

    return choose


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """`rng.choice`, several times faster; it matters for a million people."""
    return options[int(rng.random() * len(options))]


# --- Who the demo people are ---------------------------------------------------------------

SENIORITY = weighted_choice(
    [
        (Seniority.JUNIOR, 10),
        (Seniority.MANAGER, 25),
        (Seniority.DIRECTOR, 30),
        (Seniority.EXECUTIVE, 22),
        (Seniority.C_LEVEL, 13),
    ]
)
CITY = weighted_choice(
    [
        (City.SHANGHAI, 20),
        (City.BEIJING, 18),
        (City.SHENZHEN, 12),
        (City.GUANGZHOU, 9),
        (City.HANGZHOU, 7),
        (City.SUZHOU, 5),
        (City.NANJING, 4),
        (City.CHENGDU, 4),
        (City.WUHAN, 3),
        (City.TIANJIN, 3),
        (City.HONG_KONG, 3),
        (City.CHONGQING, 2),
        (City.XIAN, 2),
        (City.XIAMEN, 2),
        (City.QINGDAO, 2),
        (City.DALIAN, 1),
        (City.TAIPEI, 1),
        (City.SINGAPORE, 1),
        (City.OTHER, 2),
    ]
)
INDUSTRY = weighted_choice(
    [
        (Industry.TECHNOLOGY, 18),
        (Industry.MANUFACTURING, 16),
        (Industry.FINANCE, 14),
        (Industry.CONSUMER, 10),
        (Industry.HEALTHCARE, 8),
        (Industry.PROFESSIONAL_SERVICES, 7),
        (Industry.REAL_ESTATE, 6),
        (Industry.ENERGY, 5),
        (Industry.LOGISTICS, 5),
        (Industry.EDUCATION, 4),
        (Industry.MEDIA, 4),
        (Industry.PUBLIC_SECTOR, 3),
    ]
)
COMPANY_TYPE = weighted_choice(
    [
        (CompanyType.CHINESE_PRIVATE, 40),
        (CompanyType.STATE_OWNED, 20),
        (CompanyType.MULTINATIONAL, 20),
        (CompanyType.JOINT_VENTURE, 10),
        (CompanyType.FOREIGN, 10),
    ]
)
VISIBILITY = weighted_choice(
    [(Visibility.RECRUITERS, 60), (Visibility.PUBLIC, 25), (Visibility.PRIVATE, 15)]
)
GLOBALLY_EXPOSED = {CompanyType.MULTINATIONAL, CompanyType.JOINT_VENTURE, CompanyType.FOREIGN}

# The most common Chinese surnames and given names, as (pinyin, hanzi).
SURNAMES = [
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"),
    ("Yang", "杨"), ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"),
    ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"),
    ("Guo", "郭"), ("He", "何"), ("Gao", "高"), ("Lin", "林"), ("Luo", "罗"),
    ("Zheng", "郑"), ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"), ("Tang", "唐"),
]  # fmt: skip
GIVEN_NAMES = [
    ("Wei", "伟"), ("Jing", "静"), ("Min", "敏"), ("Li", "丽"), ("Qiang", "强"),
    ("Lei", "磊"), ("Jun", "军"), ("Yang", "洋"), ("Yong", "勇"), ("Yan", "艳"),
    ("Jie", "杰"), ("Juan", "娟"), ("Tao", "涛"), ("Ming", "明"), ("Chao", "超"),
    ("Xiuying", "秀英"), ("Xia", "霞"), ("Ping", "平"), ("Gang", "刚"), ("Lan", "岚"),
    ("Xiaodong", "晓东"), ("Jianhua", "建华"), ("Haiyan", "海燕"), ("Zhiqiang", "志强"),
    ("Wenbo", "文博"), ("Siyuan", "思远"), ("Yutong", "雨桐"), ("Zihan", "子涵"),
    ("Xinyi", "欣怡"), ("Haoran", "浩然"), ("Jiayi", "佳怡"), ("Yufei", "宇飞"),
]  # fmt: skip
ENGLISH_FIRST_NAMES = [
    "Emily", "James", "Sarah", "Michael", "Laura", "David", "Anna", "Thomas", "Claire",
    "Daniel", "Sophie", "Mark", "Julia", "Peter", "Hannah", "Oliver", "Grace", "Lukas",
    "Marie", "Henrik",
]  # fmt: skip
ENGLISH_LAST_NAMES = [
    "Carter", "Fischer", "Morgan", "Dubois", "Larsen", "Bennett", "Keller", "Hughes",
    "Moreau", "Novak", "Schmidt", "Walsh", "Jensen", "Rossi", "Fraser", "Lindgren",
]  # fmt: skip

# Invented company names: roots that read as Chinese or Western brand names, nouns per industry.
CHINESE_ROOTS = [
    "Lanqiao", "Songyue", "Beiling", "Yunzhou", "Qiaoxin", "Hemu", "Lingxi", "Zhenyuan",
    "Shuimu", "Anlan", "Chunhe", "Xiyue", "Moshan", "Wutong", "Jingqiu", "Qinglan",
]  # fmt: skip
FOREIGN_ROOTS = [
    "Northwind", "Alder & Finch", "Brightwater", "Kestrel", "Halvorsen", "Ostberg",
    "Calloway", "Fenwick Hale", "Lindqvist", "Marrow Bay",
]  # fmt: skip
INDUSTRY_NOUNS = {
    Industry.FINANCE: ["Capital", "Securities", "Asset Management", "Financial Leasing"],
    Industry.TECHNOLOGY: ["Software", "Cloud Systems", "Semiconductor", "Digital Technology"],
    Industry.MANUFACTURING: ["Precision Components", "Machinery", "Auto Parts", "Materials"],
    Industry.CONSUMER: ["Foods", "Retail", "Home Appliances", "Apparel"],
    Industry.HEALTHCARE: ["Pharmaceutical", "Medical Devices", "Biotech", "Health"],
    Industry.ENERGY: ["Energy", "New Energy", "Power Equipment", "Resources"],
    Industry.REAL_ESTATE: ["Property", "Construction", "Urban Development", "Estates"],
    Industry.LOGISTICS: ["Logistics", "Freight", "Supply Chain", "Shipping"],
    Industry.PROFESSIONAL_SERVICES: ["Consulting", "Advisory", "Legal Services", "Partners"],
    Industry.EDUCATION: ["Education", "Learning", "Training", "Academy"],
    Industry.MEDIA: ["Media", "Entertainment", "Culture", "Studios"],
    Industry.PUBLIC_SECTOR: ["Development Agency", "Investment Bureau", "Public Services"],
}
TITLES = {
    Seniority.JUNIOR: ["Analyst", "Associate", "Engineer", "Sales Specialist", "HR Specialist"],
    Seniority.MANAGER: [
        "Sales Manager",
        "Product Manager",
        "Finance Manager",
        "HR Manager",
        "Project Manager",
    ],
    Seniority.DIRECTOR: [
        "Director of Operations",
        "Marketing Director",
        "Regional Sales Director",
        "R&D Director",
        "Director of Talent",
    ],
    Seniority.EXECUTIVE: [
        "Vice President, Strategy",
        "General Manager",
        "Head of Sales, Greater China",
        "Vice President, Finance",
        "Head of Human Resources",
    ],
    Seniority.C_LEVEL: [
        "Chief Executive Officer",
        "Chief Financial Officer",
        "Chief Technology Officer",
        "Chief Operating Officer",
        "Chief Human Resources Officer",
    ],
}

# --- Where they are, and how they behave there -----------------------------------------------


@dataclass(frozen=True)
class PlatformHabits:
    """How likely a demo person is on a platform, and how they use it."""

    presence: float
    activity: Callable[[random.Random], str]
    verified: float
    open_to_inquiries: float
    publicizes_career: float


ACTIVE_MOSTLY = weighted_choice(
    [
        (Activity.DAILY, 70),
        (Activity.WEEKLY, 20),
        (Activity.MONTHLY, 5),
        (Activity.RARELY, 4),
        (Activity.INACTIVE, 1),
    ]
)
ACTIVE_SOMETIMES = weighted_choice(
    [
        (Activity.DAILY, 15),
        (Activity.WEEKLY, 30),
        (Activity.MONTHLY, 25),
        (Activity.RARELY, 18),
        (Activity.INACTIVE, 12),
    ]
)
# Many Chinese LinkedIn accounts are inactive (S3).
OFTEN_INACTIVE = weighted_choice(
    [
        (Activity.DAILY, 8),
        (Activity.WEEKLY, 17),
        (Activity.MONTHLY, 20),
        (Activity.RARELY, 25),
        (Activity.INACTIVE, 30),
    ]
)

HABITS = {
    "wechat": PlatformHabits(0.92, ACTIVE_MOSTLY, 0.9, 0.25, 0.1),
    "weibo": PlatformHabits(0.6, ACTIVE_SOMETIMES, 0.35, 0.4, 0.3),
    "linkedin": PlatformHabits(0.45, OFTEN_INACTIVE, 0.2, 0.55, 0.7),
    "maimai": PlatformHabits(0.55, ACTIVE_SOMETIMES, 0.6, 0.45, 0.5),
    "liepin": PlatformHabits(0.5, ACTIVE_SOMETIMES, 0.4, 0.7, 0.3),
    "huihui": PlatformHabits(0.03, ACTIVE_SOMETIMES, 0.2, 0.5, 0.3),
}
# Any other operating platform (one added later, or one whose status is unknown) is rare.
OTHER_PLATFORM = PlatformHabits(0.02, ACTIVE_SOMETIMES, 0.2, 0.4, 0.3)


def _presence(slug: str, habits: PlatformHabits, globally_exposed: bool) -> float:
    """LinkedIn reaches the globally exposed; domestic-firm staff lean on Weibo (R5, R6)."""
    if slug == "linkedin":
        return min(0.9, habits.presence * 1.6) if globally_exposed else habits.presence * 0.5
    if slug == "weibo" and globally_exposed:
        return habits.presence * 0.7
    return habits.presence


def _name(rng: random.Random, english: bool) -> tuple[str, str]:
    """A display name and a handle stem: "Wang Wei 王伟" / "wangwei"."""
    if english:
        first, last = pick(rng, ENGLISH_FIRST_NAMES), pick(rng, ENGLISH_LAST_NAMES)
        return f"{first} {last}", f"{first}{last}".lower()
    (surname, surname_zh), (given, given_zh) = pick(rng, SURNAMES), pick(rng, GIVEN_NAMES)
    return f"{surname} {given} {surname_zh}{given_zh}", f"{surname}{given}".lower()


def _company(rng: random.Random, company_type: str, industry: str) -> str:
    noun = pick(rng, INDUSTRY_NOUNS[industry])
    if company_type == CompanyType.CHINESE_PRIVATE:
        return f"{pick(rng, CHINESE_ROOTS)} {noun} Co., Ltd."
    if company_type == CompanyType.STATE_OWNED:
        return f"{pick(rng, CHINESE_ROOTS)} {noun} Group"
    if company_type == CompanyType.JOINT_VENTURE:
        return f"{pick(rng, CHINESE_ROOTS)}-{pick(rng, FOREIGN_ROOTS)} {noun} Co."
    if company_type == CompanyType.MULTINATIONAL:
        return f"{pick(rng, FOREIGN_ROOTS)} {noun} (China)"
    return f"{pick(rng, FOREIGN_ROOTS)} {noun} Ltd."


PlatformOdds = list[tuple[str, PlatformHabits, float]]


def _platform_odds(platform_slugs: Sequence[str], *, globally_exposed: bool) -> PlatformOdds:
    """Each platform with its habits and the chance that a person of this kind is on it."""
    odds = []
    for slug in sorted(platform_slugs):
        habits = HABITS.get(slug, OTHER_PLATFORM)
        odds.append((slug, habits, _presence(slug, habits, globally_exposed)))
    return odds


def _memberships(
    rng: random.Random, odds: PlatformOdds, *, handle_stem: str, guarded: bool
) -> tuple[DemoMembership, ...]:
    chosen = [(slug, habits) for slug, habits, presence in odds if rng.random() < presence]
    if not chosen:
        # Nobody in the demo is unreachable: fall back to the most common platform.
        slug, habits, _presence = max(odds, key=lambda platform: platform[2])
        chosen = [(slug, habits)]
    preferred = int(rng.random() * len(chosen)) if rng.random() < 0.6 else -1
    hide_rate = 0.35 if guarded else 0.12
    memberships = []
    for index, (slug, habits) in enumerate(chosen):
        publicizes = rng.random() < habits.publicizes_career
        # People who publicize their career on a platform tend to welcome inquiries there (S4).
        open_rate = min(0.9, habits.open_to_inquiries + (0.3 if publicizes else 0))
        memberships.append(
            DemoMembership(
                slug,
                f"demo-{handle_stem}-{int(rng.random() * 100_000):05d}",
                habits.activity(rng),
                rng.random() < habits.verified,
                rng.random() < open_rate,
                publicizes,
                index == preferred,
                rng.random() < hide_rate,
            )
        )
    return tuple(memberships)


def generate_profiles(
    count: int, *, seed: int, platform_slugs: Sequence[str], start: int = 0
) -> Iterator[DemoProfile]:
    """Yield `count` fictional people, the same ones for the same seed and platforms.

    `platform_slugs` are the platforms people may be on: pass only operating ones. `start`
    skips that many people of the sequence, so a top-up continues it instead of repeating it.
    """
    if not platform_slugs:
        raise ValueError("Demo people need at least one operating platform to be on.")
    odds = {
        exposed: _platform_odds(platform_slugs, globally_exposed=exposed)
        for exposed in (True, False)
    }
    rng = random.Random(seed)

    def person() -> DemoProfile:
        company_type = COMPANY_TYPE(rng)
        industry = INDUSTRY(rng)
        seniority = SENIORITY(rng)
        globally_exposed = company_type in GLOBALLY_EXPOSED
        english_name = rng.random() < (0.3 if globally_exposed else 0.04)
        display_name, handle_stem = _name(rng, english_name)
        return DemoProfile(
            display_name,
            pick(rng, TITLES[seniority]),
            _company(rng, company_type, industry),
            company_type,
            industry,
            CITY(rng),
            seniority,
            not english_name or rng.random() < 0.4,  # speaks Chinese
            english_name or rng.random() < (0.85 if globally_exposed else 0.3),  # English
            english_name or rng.random() < (0.55 if globally_exposed else 0.15),  # abroad
            rng.random() < 0.35,  # open to opportunities
            VISIBILITY(rng),
            _memberships(
                rng,
                odds[globally_exposed],
                handle_stem=handle_stem,
                guarded=seniority == Seniority.C_LEVEL,
            ),
        )

    people = (person() for _ in itertools.count())
    yield from itertools.islice(people, start, start + count)


# --- Storing them ------------------------------------------------------------------------------

PROFILE_COLUMNS = (
    "id",
    "display_name",
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
    "visibility",
    "consent_at",
    "is_fictional",
    "created_at",
    "updated_at",
    "search_document",
)
MEMBERSHIP_COLUMNS = (
    "profile_id",
    "platform_id",
    "handle",
    "activity",
    "verified",
    "open_to_inquiries",
    "publicizes_career",
    "preferred",
    "hide_handle",
)
COPY_BOOLEAN = {True: "t", False: "f"}
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

COPY_CHUNK = 1 << 20  # bytes handed to psycopg2 at a time

# Above this many profiles, loading without secondary indexes and constraints and rebuilding
# them afterwards beats updating them row by row.
REBUILD_INDEXES_FROM = 50_000


def document(profile: DemoProfile) -> str:
    """The profile's `search_document`, which COPY and bulk_create must write themselves."""
    return search_document(
        display_name=profile.display_name,
        company=profile.company,
        title=profile.title,
        city=profile.city,
    )


def _batches(items: Iterable[DemoProfile], size: int) -> Iterator[list[DemoProfile]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def can_copy() -> bool:
    """PostgreSQL through psycopg2 offers COPY FROM STDIN, by far the fastest bulk insert."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        return hasattr(cursor.cursor, "copy_expert")


def _copy_text(
    batch: list[DemoProfile], *, first_id: int, platform_ids: dict[str, int], now: str
) -> tuple[str, str, int]:
    """The batch as COPY text (profiles, memberships) and its number of memberships."""
    escape, boolean = COPY_ESCAPES, COPY_BOOLEAN
    platform_column = {slug: str(pk) for slug, pk in platform_ids.items()}
    profiles, memberships = [], []
    add_profile, add_membership = profiles.append, memberships.append
    for pk, p in enumerate(batch, start=first_id):
        add_profile(
            f"{pk}\t{p.display_name.translate(escape)}\t{p.title.translate(escape)}\t"
            f"{p.company.translate(escape)}\t{p.company_type}\t{p.industry}\t{p.city}\t"
            f"{p.seniority}\t{boolean[p.speaks_chinese]}\t{boolean[p.speaks_english]}\t"
            f"{boolean[p.abroad_experience]}\t{boolean[p.open_to_opportunities]}\t"
            f"{p.visibility}\t\\N\tt\t{now}\t{now}\t{document(p).translate(escape)}\n"
        )
        for m in p.memberships:
            add_membership(
                f"{pk}\t{platform_column[m.platform_slug]}\t{m.handle.translate(escape)}\t"
                f"{m.activity}\t{boolean[m.verified]}\t{boolean[m.open_to_inquiries]}\t"
                f"{boolean[m.publicizes_career]}\t{boolean[m.preferred]}\t"
                f"{boolean[m.hide_handle]}\n"
            )
    return "".join(profiles), "".join(memberships), len(memberships)


def _copy_batches(
    profiles: Iterable[DemoProfile],
    *,
    ids: range,
    batch_size: int,
    platform_ids: dict[str, int],
) -> Iterator[tuple[str, str, int, int]]:
    """COPY text per batch, numbering profiles with the reserved `ids`."""
    now = timezone.now().isoformat()
    next_id = ids.start
    for batch in _batches(profiles, batch_size):
        if next_id + len(batch) > ids.stop:
            raise ValueError(f"More profiles than the {len(ids):,} announced.")
        profile_text, membership_text, membership_count = _copy_text(
            batch, first_id=next_id, platform_ids=platform_ids, now=now
        )
        next_id += len(batch)
        yield profile_text, membership_text, len(batch), membership_count


def _run_ahead(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Produce `items` in a worker thread, up to `depth` ahead of the consumer.

    Generating and formatting rows is Python work; COPY is mostly PostgreSQL's, and psycopg2
    releases the GIL while it waits. Overlapping them uses both cores of a small machine.
    """
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        queue.put(item, timeout=0.5)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(done)
        except BaseException as error:  # handed over to the consumer, which re-raises it
            queue.put(error)

    worker = threading.Thread(target=produce, name="demo-profiles", daemon=True)
    worker.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def _reserve_ids(cursor, count: int) -> range:
    """Take `count` consecutive profile ids from the table's sequence.

    The table lock keeps concurrent inserts (which draw from the sequence) out until commit.
    """
    table = ExecutiveProfile._meta.db_table
    cursor.execute(f"LOCK TABLE {connection.ops.quote_name(table)} IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    (sequence,) = cursor.fetchone()
    cursor.execute("SELECT nextval(%s)", [sequence])
    (first,) = cursor.fetchone()
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return range(first, first + count)


@contextmanager
def _secondary_indexes_rebuilt(cursor, tables: Sequence[str]) -> Iterator[None]:
    """Drop the tables' secondary indexes, unique and foreign-key constraints; rebuild them after.

    The bulk-loading advice of PostgreSQL's manual ("Populating a Database"): building an index
    once over all rows is much faster than updating it row by row, and re-adding a foreign key
    checks it in one pass. Primary keys stay. Run inside a transaction: if the load fails,
    the dropped objects come back with the rollback.
    """
    constraints, indexes = [], []
    for table in tables:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
            [table],
        )
        constraints += [(table, name, definition) for name, definition in cursor.fetchall()]
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
            [table, table],
        )
        indexes += cursor.fetchall()
    quote = connection.ops.quote_name
    # Earlier writes in this transaction may have deferred checks queued, and PostgreSQL won't
    # alter a table with pending trigger events: run them now, then defer again as Django does.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for table, name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        cursor.execute(definition)
    for table, name, definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _insert_by_copy(
    profiles: Iterable[DemoProfile],
    *,
    count: int,
    platform_ids: dict[str, int],
    batch_size: int,
    on_batch: Callable[[int, int], None] | None,
) -> tuple[int, int]:
    profile_table = ExecutiveProfile._meta.db_table
    membership_table = Membership._meta.db_table
    copy_profiles = f"COPY {profile_table} ({', '.join(PROFILE_COLUMNS)}) FROM STDIN"
    copy_memberships = f"COPY {membership_table} ({', '.join(MEMBERSHIP_COLUMNS)}) FROM STDIN"
    profile_total = membership_total = 0
    with connection.cursor() as cursor:
        ids = _reserve_ids(cursor, count)
        rebuilt = (
            _secondary_indexes_rebuilt(cursor, [membership_table, profile_table])
            if count >= REBUILD_INDEXES_FROM
            else nullcontext()
        )
        with rebuilt:
            batches = _copy_batches(
                profiles, ids=ids, batch_size=batch_size, platform_ids=platform_ids
            )
            for profile_text, membership_text, batch_profiles, batch_memberships in _run_ahead(
                batches
            ):
                cursor.copy_expert(copy_profiles, io.StringIO(profile_text), COPY_CHUNK)
                cursor.copy_expert(copy_memberships, io.StringIO(membership_text), COPY_CHUNK)
                profile_total += batch_profiles
                membership_total += batch_memberships
                if on_batch is not None:
                    on_batch(profile_total, membership_total)
    return profile_total, membership_total


def _insert_by_bulk_create(
    batches: Iterator[list[DemoProfile]],
    *,
    platform_ids: dict[str, int],
    on_batch: Callable[[int, int], None] | None,
) -> tuple[int, int]:
    profile_fields = PROFILE_COLUMNS[1:13]  # between the id and consent_at
    membership_fields = MEMBERSHIP_COLUMNS[2:]  # after the two foreign keys
    profile_total = membership_total = 0
    for batch in batches:
        stored = ExecutiveProfile.objects.bulk_create(
            [
                ExecutiveProfile(
                    is_fictional=True,
                    search_document=document(p),
                    **{field: getattr(p, field) for field in profile_fields},
                )
                for p in batch
            ]
        )
        memberships = [
            Membership(
                profile_id=profile.pk,
                platform_id=platform_ids[m.platform_slug],
                **{field: getattr(m, field) for field in membership_fields},
            )
            for profile, generated in zip(stored, batch, strict=True)
            for m in generated.memberships
        ]
        Membership.objects.bulk_create(memberships)
        profile_total += len(batch)
        membership_total += len(memberships)
        if on_batch is not None:
            on_batch(profile_total, membership_total)
    return profile_total, membership_total


def insert_profiles(
    profiles: Iterable[DemoProfile],
    *,
    count: int,
    platform_ids: dict[str, int],
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Store `count` generated people and their memberships; return (profiles, memberships).

    All or nothing, in one transaction. On PostgreSQL rows go in with COPY while the next batch
    is generated, and for big loads (REBUILD_INDEXES_FROM people or more) the tables' secondary
    indexes and constraints are rebuilt once at the end; the tables are locked meanwhile. The
    generator guarantees one membership per platform and valid choices; the constraints check it.
    """
    copying = can_copy()
    with transaction.atomic():
        if copying:
            written = _insert_by_copy(
                profiles,
                count=count,
                platform_ids=platform_ids,
                batch_size=batch_size,
                on_batch=on_batch,
            )
        else:
            written = _insert_by_bulk_create(
                _batches(profiles, batch_size), platform_ids=platform_ids, on_batch=on_batch
            )
    if copying and written[0]:
        with connection.cursor() as cursor:
            # Fresh statistics, so the planner sees a million rows rather than an empty table.
            cursor.execute(
                f"ANALYZE {ExecutiveProfile._meta.db_table}, {Membership._meta.db_table}"
            )
    return written
