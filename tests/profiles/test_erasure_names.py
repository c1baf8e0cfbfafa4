"""How deletion finds a person's name in what other people wrote: their distinctive identifiers
and their name, not every word that happens to be their handle, nor every search that shares a
few letters with it."""

from __future__ import annotations

import pytest

from profiles.erasure import Names
from profiles.services import delete_account
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory
from workspace import services as workspace
from workspace.models import Project, SavedSearch

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def names() -> Names:
    """Xiang Yu 项羽, with a handle and a username that are ordinary words."""
    profile = ExecutiveProfileFactory(display_name="Xiang Yu 项羽", user__username="sales")
    profile.user.email = "xiang.yu@example.cn"
    profile.user.save()
    MembershipFactory(profile=profile, platform=PlatformFactory(slug="maimai"), handle="CFO")
    MembershipFactory(profile=profile, platform=PlatformFactory(slug="weibo"), handle="@xiangyu_88")
    return Names.of(profile.user).in_others_text()


@pytest.mark.parametrize(
    ("written", "scrubbed"),
    [
        ("Met Xiang Yu at the forum", "Met [erased] at the forum"),
        ("Yu Xiang said no", "[erased] said no"),  # surname first or last
        ("项羽 asked for a call", "[erased] asked for a call"),
        ("Write to xiang.yu@example.cn or @xiangyu_88", "Write to [erased] or [erased]"),
        ("CFO, Suzhou manufacturer", "CFO, Suzhou manufacturer"),  # a handle that is a word
        ("Ask sales first", "Ask sales first"),  # a username that is a word
    ],
)
def test_others_text_loses_the_name_and_keeps_every_other_word(names, written, scrubbed):
    assert names.scrub(written) == scrubbed


@pytest.mark.parametrize(
    ("query", "scrubbed"),
    [
        ("q=Xiang+Yu&city=shanghai", "q=%5Berased%5D&city=shanghai"),
        ("q=xiang", "q=%5Berased%5D"),  # the surname alone could be them
        ("q=%E9%A1%B9%E7%BE%BD", "q=%5Berased%5D"),  # 项羽
        ("q=xian&city=xian", "q=xian&city=xian"),  # not a word of the name; a city names no one
        ("q=cfo&city=beijing", "q=cfo&city=beijing"),
    ],
)
def test_a_saved_or_logged_search_loses_only_what_could_name_them(names, query, scrubbed):
    assert names.scrub_query(query) == scrubbed


def test_deleting_someone_whose_handle_is_a_word_leaves_others_projects_alone(recruiters_group):
    colleague = ExecutiveProfileFactory(user__username="colleague").user
    colleague.groups.add(recruiters_group)
    project = workspace.create_project(owner=colleague, name="CFO, Suzhou manufacturer")
    search = SavedSearch.objects.create(owner=colleague, name="CFOs", query="q=cfo")
    leaving = ExecutiveProfileFactory(display_name="Xiang Yu 项羽").user
    MembershipFactory(profile=leaving.executive_profile, handle="CFO")

    delete_account(user=leaving, password=PASSWORD)

    assert Project.objects.get(pk=project.pk).name == "CFO, Suzhou manufacturer"
    search.refresh_from_db()
    assert search.query == "q=cfo"
