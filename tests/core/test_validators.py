"""core.validators: a name must show something."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import visible_text
from tests.factories import (
    ExecutiveProfileFactory,
    ProjectFactory,
    SavedSearchFactory,
    TagFactory,
)


@pytest.mark.parametrize(
    "text", ["\u200b", "\u200b\u200d\ufeff", " \t\n", "\u3000", "\u202e\u200f", "\x00"]
)
def test_a_name_of_only_invisible_characters_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        visible_text(text)

    assert refused.value.code == "invisible"


@pytest.mark.parametrize("text", ["CFO", "周岚", "\u200bLi Wei", "·", "😀", ""])
def test_a_name_with_anything_visible_passes(text):
    visible_text(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: ExecutiveProfileFactory.build(display_name="\u200b"), "display_name"),
        (lambda: ProjectFactory.build(name="\u200b"), "name"),
        (lambda: TagFactory.build(name="\u200b"), "name"),
        (lambda: SavedSearchFactory.build(name="\u200b"), "name"),
    ],
    ids=["profile", "project", "tag", "saved-search"],
)
def test_each_name_people_type_must_show_something(build, field):
    """The report: a project named with a zero-width space was a blank row with no link text."""
    with pytest.raises(ValidationError) as refused:
        build().full_clean()

    assert field in refused.value.message_dict
