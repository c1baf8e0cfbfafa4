"""Chinese names found by the pinyin recruiters type: with or without tones and spaces."""

import pytest

from profiles.pinyin import name_pinyin
from profiles.selectors import candidate_filter
from tests.factories import ExecutiveProfileFactory


@pytest.fixture
def people(db):
    """Names written in Chinese only, and one written in both."""
    for name in ("周岚", "周敏", "王伟明", "吕红", "曾国藩", "Li Na 李娜", "Emily Zhou"):
        ExecutiveProfileFactory(display_name=name)


def found(recruiter, q: str) -> set[str]:
    result = candidate_filter(user=recruiter, data={"q": q})
    assert result.is_valid(), result.errors
    return {profile.display_name for profile in result.qs}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("zhou lan", {"周岚"}),
        ("zhoulan", {"周岚"}),
        ("Zhōu Lán", {"周岚"}),
        ("ZHOU LAN", {"周岚"}),
        ("lan zhou", {"周岚"}),
        ("zhōulán", {"周岚"}),
        # A word's start, as for any Latin word: the surname alone, or half the name.
        ("zhou", {"周岚", "周敏", "Emily Zhou"}),
        ("zhoul", {"周岚"}),
        # The given name in one word; the whole name in one.
        ("weiming", {"王伟明"}),
        ("wangweiming", {"王伟明"}),
        ("wang wei ming", {"王伟明"}),
        # ü as typed: u or v.
        ("lu hong", {"吕红"}),
        ("lv hong", {"吕红"}),
        ("lǚ hóng", {"吕红"}),
        # A surname read as surnames are: 曾 is Zeng (the dictionary reads ceng first).
        ("zeng guofan", {"曾国藩"}),
        ("ceng guofan", {"曾国藩"}),
        # The hanzi still find them; a name written both ways is found both ways.
        ("周岚", {"周岚"}),
        ("li na", {"Li Na 李娜"}),
        ("lina", {"Li Na 李娜"}),
        ("zhou min", {"周敏"}),
    ],
)
def test_pinyin_finds_chinese_names(recruiter, people, q, expected):
    assert found(recruiter, q) == expected


@pytest.mark.parametrize(
    ("run", "words"),
    [
        ("周岚", ("zhou", "lan", "zhoulan")),
        ("王伟明", ("wang", "wei", "ming", "wangweiming", "weiming")),
        ("吕红", ("lu", "lv", "hong", "luhong", "lvhong")),
        ("曾国藩", ("ceng", "guo", "fan", "cengguofan", "guofan", "zeng", "zengguofan")),
        ("王", ("wang",)),
        # Not Chinese characters: no pinyin.
        ("さくら", ()),
        ("한국", ()),
    ],
)
def test_the_pinyin_a_name_is_found_by(run, words):
    assert name_pinyin(run) == words


def test_pinyin_is_only_for_names(recruiter, db):
    """A company's or a title's characters are matched as written, not as pinyin."""
    ExecutiveProfileFactory(display_name="Emily Carter", company="腾讯科技", title="总经理")

    assert found(recruiter, "tengxun") == set()
    assert found(recruiter, "腾讯") == {"Emily Carter"}
