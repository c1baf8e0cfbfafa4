"""Work a page does once for all its rows: links reversed once, texts translated once, and a
language's words made once per process."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation
from django.utils.translation import gettext

from core.per_page import Texts, link_for_each, per_language


@pytest.mark.parametrize("pk", [1, 42, 2**40])
def test_a_link_made_once_matches_the_route_reversed_for_each_id(pk):
    link = link_for_each("workspace:entry", 7)

    assert link(pk) == reverse("workspace:entry", args=[7, pk])


def test_a_link_can_be_made_absolute_once(rf):
    request = rf.get("/", HTTP_HOST="testserver")
    link = link_for_each("profiles:detail", absolute=request.build_absolute_uri)

    assert link(5) == "http://testserver" + reverse("profiles:detail", args=[5])


class Counted:
    """A lazy text that counts how often it is translated."""

    def __init__(self) -> None:
        self.translated = 0

    def __str__(self) -> str:
        self.translated += 1
        return "reason"


def test_a_shared_text_is_translated_once_a_page():
    reason, texts = Counted(), Texts()

    assert [texts(reason) for _ in range(25)] == ["reason"] * 25
    assert reason.translated == 1


def test_texts_kept_past_their_limit_are_dropped_and_made_again():
    reasons, texts = [Counted(), Counted()], Texts(limit=1)

    assert [texts(reason) for reason in [*reasons, reasons[0]]] == ["reason"] * 3
    assert [reason.translated for reason in reasons] == [2, 1]


def counted_words():
    """A page's words, counting how often they are made."""
    made = []

    @per_language
    def words(kind: str) -> tuple[str, str]:
        made.append(kind)
        return (kind, gettext("Yes"))

    return words, made


def test_a_languages_words_are_made_once_for_every_page():
    words, made = counted_words()

    with translation.override("en"):
        assert [words("badge") for _ in range(3)] == [("badge", "Yes")] * 3
    assert made == ["badge"]


def test_each_language_has_its_own_words():
    words, made = counted_words()

    with translation.override("en"):
        english = words("badge")
    with translation.override("zh-hans"):
        chinese = words("badge")

    assert (english, chinese) == (("badge", "Yes"), ("badge", "是"))
    assert made == ["badge", "badge"]


def test_words_are_made_again_for_other_arguments_and_another_script_prefix():
    words, made = counted_words()

    with translation.override("en"):
        words("badge")
        words("link")
        set_script_prefix("/mounted/")
        try:
            words("badge")
        finally:
            set_script_prefix("/")

    assert made == ["badge", "link", "badge"]
