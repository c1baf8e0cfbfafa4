"""Work a page does once for all its rows: links reversed once, texts translated once."""

import pytest
from django.urls import reverse

from core.per_page import Texts, link_for_each


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
