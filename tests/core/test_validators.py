"""core.validators: a name must show something."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.validators import a_moment_of_the_service, visible_text
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


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (datetime.datetime(1, 1, 1, tzinfo=datetime.UTC), "too_old"),
        (timezone.now() + datetime.timedelta(days=1), "future"),
    ],
    ids=["year-one", "tomorrow"],
)
def test_a_consent_is_a_moment_of_the_service(moment, code):
    """The report: a consent at year 1 in the admin was a bare 400 that lost the edits; one in
    2030 was shown on the person's page."""
    profile = ExecutiveProfileFactory.build(consent_at=moment)

    with pytest.raises(ValidationError) as refused:
        profile.full_clean(exclude=["user"])

    assert refused.value.error_dict["consent_at"][0].code == code


def test_a_consent_now_is_one():
    a_moment_of_the_service(timezone.now())
