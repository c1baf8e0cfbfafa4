"""Fictional executives for demos and load tests, and the plain path that stores them.

`generate_profiles` is pure: the same seed and platforms give the same people, in the same
order, without touching the database. The spreads follow the sources (DESIGN.md): nearly
everyone is on WeChat; Weibo, LinkedIn, Maimai and Liepin are common, LinkedIn mostly among staff
of multinationals and joint ventures and often inactive; Huihui is rare; shut-down platforms
never appear. Names mix Chinese (pinyin + hanzi) and English; companies are invented; handles
start with `demo-` so they can never point at a real account.

`store_profiles` saves them with the ORM, batch by batch in one transaction: every profile is
`is_fictional=True` and has no user account. The benchmark stores its million with PostgreSQL's
COPY instead (bench/bulk_load.py), from the same generator.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple, TextIO, TypeVar

from django.db import transaction
from tqdm import tqdm

from platforms.models import Platform
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
DEFAULT_BATCH_SIZE = 2_000

T = TypeVar("T")


class DemoMembership(NamedTuple):
    """One generated membership: the platform's slug, then each of
    `profiles.fields.MEMBERSHIP_SETTING_FIELDS` (a tuple: a million people make three million)."""

    platform_slug: str
    handle: str
    activity: str
    verified: bool
    open_to_inquiries: bool
    publicizes_career: bool
    preferred: bool
    hide_handle: bool


class DemoProfile(NamedTuple):
    """One generated person: a value for each field the owner fills in
    (`profiles.fields.PROFILE_FIELDS`, by the same names), then the memberships."""

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
    accepts_introductions: bool
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
# Titles by seniority, the common executive roles among them (`profiles.roles`): staff of
# multinationals, joint ventures and foreign firms write them in English, of Chinese firms in
# Chinese, so "CFO" and "财务" find the same people across both.
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
        "Finance Director",
        "HR Director",
    ],
    Seniority.EXECUTIVE: [
        "Vice President, Strategy",
        "General Manager",
        "Head of Sales, Greater China",
        "Vice President, Finance",
        "Head of Human Resources",
        "Managing Director",
        "Partner",
    ],
    Seniority.C_LEVEL: [
        "Chief Executive Officer",
        "Chief Financial Officer",
        "Chief Technology Officer",
        "Chief Operating Officer",
        "Chief Human Resources Officer",
        "Chief Marketing Officer",
        "CEO",
        "CFO",
    ],
}
CHINESE_TITLES = {
    Seniority.JUNIOR: ["分析师", "工程师", "销售专员", "人事专员", "助理"],
    Seniority.MANAGER: ["销售经理", "产品经理", "审计经理", "人力资源经理", "项目经理"],
    Seniority.DIRECTOR: [
        "运营总监",
        "市场总监",
        "销售总监",
        "研发总监",
        "人力资源总监",
        "财务总监",
    ],
    Seniority.EXECUTIVE: ["副总裁", "总经理", "副总经理", "合伙人", "董事总经理", "销售副总裁"],
    Seniority.C_LEVEL: [
        "首席执行官",
        "首席财务官",
        "首席技术官",
        "首席运营官",
        "首席人力资源官",
        "首席营销官",
        "董事长",
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
                platform_slug=slug,
                handle=f"demo-{handle_stem}-{int(rng.random() * 100_000):05d}",
                activity=habits.activity(rng),
                verified=rng.random() < habits.verified,
                open_to_inquiries=rng.random() < open_rate,
                publicizes_career=publicizes,
                preferred=index == preferred,
                hide_handle=rng.random() < hide_rate,
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
            display_name=display_name,
            title=pick(rng, (TITLES if globally_exposed else CHINESE_TITLES)[seniority]),
            company=_company(rng, company_type, industry),
            company_type=company_type,
            industry=industry,
            city=CITY(rng),
            seniority=seniority,
            speaks_chinese=not english_name or rng.random() < 0.4,
            speaks_english=english_name or rng.random() < (0.85 if globally_exposed else 0.3),
            abroad_experience=english_name or rng.random() < (0.55 if globally_exposed else 0.15),
            open_to_opportunities=rng.random() < 0.35,
            visibility=VISIBILITY(rng),
            # The default, taken without a random draw, so the same seed gives the same people.
            accepts_introductions=True,
            memberships=_memberships(
                rng,
                odds[globally_exposed],
                handle_stem=handle_stem,
                guarded=seniority == Seniority.C_LEVEL,
            ),
        )

    people = (person() for _ in itertools.count())
    yield from itertools.islice(people, start, start + count)


# --- Storing them ------------------------------------------------------------------------------


class NoPlatformsError(LookupError):
    """No operating platform is loaded, so demo people would have nowhere to be."""


def operating_platform_ids() -> dict[str, int]:
    """The platforms demo people may be on, by slug: operating and current, never shut down."""
    platform_ids = dict(Platform.objects.operating().values_list("slug", "pk"))
    if not platform_ids:
        raise NoPlatformsError(
            "There are no operating platforms to put demo people on. Run load_platforms first."
        )
    return platform_ids


def profile_values(person: DemoProfile) -> dict[str, object]:
    """The person's profile fields by name (every field but the memberships)."""
    values = person._asdict()
    del values["memberships"]
    return values


def membership_values(membership: DemoMembership) -> dict[str, object]:
    """The membership's fields by name, but its platform (a slug, not the stored key)."""
    values = membership._asdict()
    del values["platform_slug"]
    return values


def document(person: DemoProfile) -> str:
    """The profile's `search_document`: bulk inserts skip `save()`, which builds it otherwise."""
    return search_document(
        display_name=person.display_name,
        company=person.company,
        title=person.title,
        city=person.city,
    )


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _store_batch(batch: list[DemoProfile], platform_ids: dict[str, int]) -> int:
    stored = ExecutiveProfile.objects.bulk_create(
        ExecutiveProfile(is_fictional=True, search_document=document(p), **profile_values(p))
        for p in batch
    )
    memberships = Membership.objects.bulk_create(
        Membership(
            profile_id=profile.pk,
            platform_id=platform_ids[m.platform_slug],
            **membership_values(m),
        )
        for profile, person in zip(stored, batch, strict=True)
        for m in person.memberships
    )
    return len(memberships)


def store_profiles(
    people: Iterable[DemoProfile],
    *,
    platform_ids: dict[str, int],
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Store generated people and their memberships; return (profiles, memberships).

    All or nothing, in one transaction, `batch_size` people per statement; `on_batch` hears
    how many profiles and memberships each batch added. Every profile is fictional and has no
    account. Fast enough for a demo's thousands; the benchmark's million goes in with COPY
    (bench/bulk_load.py).
    """
    profile_total = membership_total = 0
    with transaction.atomic():
        for batch in batches(people, batch_size):
            added = _store_batch(batch, platform_ids)
            profile_total += len(batch)
            membership_total += added
            if on_batch is not None:
                on_batch(len(batch), added)
    return profile_total, membership_total


def progress_bar(total: int, *, verbosity: int = 1, file: TextIO | None = None) -> tqdm:
    """A progress bar of profiles stored, on standard error: drawn only on a terminal, and never
    at verbosity 0."""
    return tqdm(
        total=total,
        unit=" profiles",
        unit_scale=True,
        file=file,
        disable=True if verbosity == 0 else None,
        leave=False,
    )


def generate_and_store(
    *,
    count: int,
    seed: int = DEFAULT_SEED,
    start: int = 0,
    batch_size: int = DEFAULT_BATCH_SIZE,
    verbosity: int = 1,
) -> tuple[int, int]:
    """Generate and store `count` people (from `start` in the seeded sequence), showing progress;
    return (profiles, memberships)."""
    platform_ids = operating_platform_ids()
    people = generate_profiles(count, seed=seed, platform_slugs=list(platform_ids), start=start)
    with progress_bar(count, verbosity=verbosity) as bar:
        return store_profiles(
            people,
            platform_ids=platform_ids,
            batch_size=batch_size,
            on_batch=lambda profiles, _memberships: bar.update(profiles),
        )
