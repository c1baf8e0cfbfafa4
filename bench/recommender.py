"""Micro-benchmark: score 10,000 synthetic candidates with the outreach recommender.

Run with `.venv/bin/python bench/recommender.py [count]`. No database: the catalog is built from
hand-made traits shaped like the curated data (12 platforms, four of them shut down), and every
candidate gets a seeded random profile and one to four memberships. Prints the time; asserts
nothing about it.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.recommender import ChannelCatalog, Recommendation, recommend
from outreach.vocabulary import CompanyType, Purpose, Seniority

CANDIDATES = 10_000

PLATFORMS = [
    ("weibo", "microblog", "active", {"zh-hans", "zh-hant"}, "required", "low", "yes", "no", "low"),
    ("linkedin", "professional_network", "restricted", {"en", "zh-hans"}, "unknown", "high",
     "yes", "unknown", "high"),
    ("wechat", "messaging", "active", {"en", "zh-hans"}, "required", "low", "no", "unknown",
     "unknown"),
    ("maimai", "contacts", "active", set(), "required", "low", "unknown", "yes", "unknown"),
    ("liepin", "recruiting", "active", set(), "unknown", "unknown", "unknown", "unknown",
     "unknown"),
    ("huihui", "meetings", "unknown", set(), "unknown", "unknown", "unknown", "unknown", "unknown"),
    ("dajie", "professional_network", "unknown", set(), *["unknown"] * 5),
    ("weirenmai", "professional_network", "unknown", set(), *["unknown"] * 5),
    ("chitu", "professional_network", "shut_down", {"zh-hans"}, *["unknown"] * 4, "low"),
    ("ushi", "professional_network", "shut_down", set(), *["unknown"] * 5),
    ("tianji", "professional_network", "shut_down", set(), *["unknown"] * 5),
    ("tencent-weibo", "microblog", "shut_down", {"en", "zh-hans"}, *["unknown"] * 5),
]  # fmt: skip


def build_catalog() -> ChannelCatalog:
    return ChannelCatalog(
        PlatformTraits(
            slug=slug,
            name_en=slug.title(),
            kind=kind,
            status=status,
            interface_languages=frozenset(languages),
            real_name_verification=verification,
            email_reliance=email,
            cold_messaging=cold,
            anonymous_posting=anonymous,
            reach_beyond_china=reach,
        )
        for slug, kind, status, languages, verification, email, cold, anonymous, reach in PLATFORMS
    )


def synthetic_requests(count: int = CANDIDATES, seed: int = 2024) -> list[tuple]:
    """(purpose, target, sender) triples, the same for the same seed."""
    rng = random.Random(seed)
    slugs = [row[0] for row in PLATFORMS]
    requests = []
    for _ in range(count):
        memberships = tuple(
            TargetMembership(
                platform=slug,
                active=rng.random() < 0.8,
                open_to_inquiries=rng.random() < 0.6,
                publicizes_career=rng.random() < 0.3,
                verified=rng.random() < 0.5,
                preferred=rng.random() < 0.2,
            )
            for slug in rng.sample(slugs, rng.randint(1, 4))
        )
        target = Target(
            company_type=rng.choice(list(CompanyType)),
            seniority=rng.choice(list(Seniority)),
            languages=rng.choice([("zh",), ("zh", "en"), ("en",)]),
            abroad_experience=rng.random() < 0.3,
            memberships=memberships,
        )
        sender = Sender(
            reads_chinese=rng.random() < 0.7,
            can_verify_mainland_account=rng.random() < 0.5,
            has_mutual_contact=rng.random() < 0.3,
        )
        requests.append((rng.choice(list(Purpose)), target, sender))
    return requests


def score_all(catalog: ChannelCatalog, requests: list[tuple]) -> list[Recommendation]:
    return [
        recommend(catalog, purpose=purpose, target=target, sender=sender)
        for purpose, target, sender in requests
    ]


def main(count: int = CANDIDATES) -> None:
    catalog = build_catalog()
    requests = synthetic_requests(count)
    started = time.perf_counter()
    advice = score_all(catalog, requests)
    elapsed = time.perf_counter() - started
    channels = sum(len(recommendation.channels) for recommendation in advice)
    print(
        f"recommender: scored {count:,} candidates ({channels:,} channels) in {elapsed:.3f} s "
        f"({elapsed / count * 1e6:.1f} µs per candidate)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else CANDIDATES)
