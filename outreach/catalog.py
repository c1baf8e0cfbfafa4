"""The bridge between the platform records and the pure recommender.

`load_catalog()` reads the platform records (traits, interface languages, the citations of the
traits the rules read, and the seed articles the rules rest on) in four queries however many
platforms there are, and compiles them into a `ChannelCatalog`. Load it once per request and
score as many targets against it as needed; it is shared between requests until the records
change, so an admin's edit of a trait changes the next advice. `advise()` adds what recruiters
observed (`outreach.selectors.observed_evidence`), read the same way.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.functional import lazy

from core.cache import held_by_process
from core.language import in_reader_language
from outreach.evidence import Evidence
from outreach.inputs import PlatformTraits, Sender, Target
from outreach.reasons import CITED_CLAIMS, RULE_SOURCE_KEYS
from outreach.recommender import ChannelCatalog, Recommendation, SourceRef, recommend
from outreach.selectors import observed_evidence
from outreach.vocabulary import Purpose
from platforms.dates import source_label
from platforms.models import Citation, Platform, Source
from platforms.vocabulary import OUTREACH_TRAITS

TRAIT_FIELDS = (
    "id",
    "slug",
    "name_en",
    "name_zh",
    "kind",
    "status",
    "historical",
    *OUTREACH_TRAITS,
)
SOURCE_FIELDS = ("key", "title", "description_en", "description_zh", "url", "publisher")


def described(description_en: str, description_zh: str) -> str:
    """A source without a known title, by its description in brackets in the reader's language."""
    return source_label("", in_reader_language(description_en, description_zh))


# `described`, worked out each time the name is shown, in the language of that page.
described_when_shown = lazy(described, str)


def source_ref(
    key: str, title: str, description_en: str, description_zh: str, url: str, publisher: str
) -> SourceRef:
    """A source (its `SOURCE_FIELDS`) named as the platform pages name it: its title or, when
    that is unknown, its description in brackets (`platforms.dates.source_label`), put in the
    language of the page that shows it, since one catalog serves both languages."""
    name = title or described_when_shown(description_en, description_zh)
    return SourceRef(key, name, url, publisher)


def load_catalog() -> ChannelCatalog:
    """The catalog for the platform records as they are now, built once and shared.

    Each process keeps it until an edit of the records changes the data version
    (`core.cache`): scoring a request's candidates costs no query for it.
    """
    return held_by_process("recommender-catalog", build=read_catalog)


def read_catalog() -> ChannelCatalog:
    """Every platform's traits and cited sources, compiled for scoring (four queries)."""
    languages: dict[int, set[str]] = defaultdict(set)
    for platform_id, code in Platform.interface_languages.through.objects.values_list(
        "platform_id", "language__code"
    ):
        languages[platform_id].add(code)

    citations: dict[int, dict[str, list[SourceRef]]] = defaultdict(lambda: defaultdict(list))
    cited = Citation.objects.filter(claim__in=CITED_CLAIMS).values_list(
        "platform_id", "claim", *(f"source__{name}" for name in SOURCE_FIELDS)
    )
    for platform_id, claim, *source in cited:
        citations[platform_id][claim].append(source_ref(*source))

    seeds = {
        source[0]: source_ref(*source)
        for source in Source.objects.filter(key__in=RULE_SOURCE_KEYS).values_list(*SOURCE_FIELDS)
    }

    platforms = []
    for row in Platform.objects.values_list(*TRAIT_FIELDS):
        fields = dict(zip(TRAIT_FIELDS, row, strict=True))
        platform_id = fields.pop("id")
        platforms.append(
            PlatformTraits(
                **fields,
                interface_languages=frozenset(languages[platform_id]),
                citations={claim: tuple(refs) for claim, refs in citations[platform_id].items()},
            )
        )
    return ChannelCatalog(platforms, seeds)


def advise(
    *,
    purpose: Purpose | str,
    target: Target,
    sender: Sender | None = None,
    catalog: ChannelCatalog | None = None,
    evidence: Evidence | None = None,
) -> Recommendation:
    """Rank the channels for one target, with the observed rates; pass `catalog` and
    `evidence` when advising on many."""
    return recommend(
        catalog if catalog is not None else load_catalog(),
        purpose=purpose,
        target=target,
        sender=sender or Sender(),
        evidence=evidence if evidence is not None else observed_evidence(),
    )
