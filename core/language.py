"""Which language the reader reads: the one rule every app uses to choose between a record's
English and Chinese text, a name's pinyin order and a count's units (亿 or million)."""

from __future__ import annotations

from django.utils.translation import get_language


def reads_chinese() -> bool:
    """Whether the active language is Chinese (`zh-hans`, or any other `zh` variant)."""
    return (get_language() or "").startswith("zh")


def in_reader_language(english: str, chinese: str) -> str:
    """The Chinese text on Chinese pages (the English where there is none), else the English."""
    return (chinese or english) if reads_chinese() else english


def localized(record: object, field: str) -> str:
    """`<field>_zh` or `<field>_en` of `record`, as `in_reader_language` picks: the records that
    keep a text in both languages name its two fields so."""
    return in_reader_language(getattr(record, f"{field}_en"), getattr(record, f"{field}_zh"))
