"""The one rule for which of a record's two texts a reader is shown (`core.language`)."""

import pytest
from django.utils import translation

from core.language import in_reader_language, reads_chinese


@pytest.mark.parametrize(
    ("language", "english", "chinese", "shown"),
    [
        ("en", "Weibo", "微博", "Weibo"),
        ("zh-hans", "Weibo", "微博", "微博"),
        ("zh-hans", "Chitu", "", "Chitu"),
        ("en", "Chitu", "", "Chitu"),
    ],
)
def test_a_reader_is_shown_their_language_and_the_english_where_there_is_no_chinese(
    language, english, chinese, shown
):
    with translation.override(language):
        assert in_reader_language(english, chinese) == shown


@pytest.mark.parametrize(
    ("language", "chinese"), [("en", False), ("zh-hans", True), ("zh-hant", True), (None, False)]
)
def test_any_chinese_variant_reads_chinese_and_no_language_reads_english(language, chinese):
    with translation.override(language):
        assert reads_chinese() is chinese
