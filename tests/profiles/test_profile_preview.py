"""The owner previews their page as the public or a recruiter sees it (`?as=public|recruiter`).

A preview goes through the same rules as the real audience: the page shows what that audience
sees, no more, and says so; when the audience doesn't reach the page at all, the preview says
that instead. Only the owner can ask: anyone else's `as` changes nothing.
"""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import Visibility
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PLATFORMS_SECTION = re.compile(
    r'<section class="card" aria-labelledby="platforms-heading">.*?</section>', re.S
)


@pytest.fixture
def owner(client, executive, weibo, linkedin):
    profile = executive.executive_profile
    MembershipFactory(profile=profile, platform=weibo, handle="@shown_handle")
    MembershipFactory(profile=profile, platform=linkedin, handle="hidden-handle", hide_handle=True)
    client.force_login(executive)
    return profile


def url(profile, **query) -> str:
    path = reverse("profiles:detail", kwargs={"pk": profile.pk})
    return f"{path}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else path


def page(response) -> str:
    return unescape(response.content.decode())


def platforms_section(response) -> str:
    return PLATFORMS_SECTION.search(response.content.decode()).group()


def share(profile, visibility: str) -> None:
    profile.visibility = visibility
    profile.save()


def test_the_public_preview_shows_what_the_public_sees(client, owner):
    share(owner, Visibility.PUBLIC)

    preview = client.get(url(owner, **{"as": "public"}))
    seen = Client().get(url(owner))

    assert preview.status_code == 200
    assert platforms_section(preview) == platforms_section(seen)
    text = page(preview)
    assert "Preview" in text
    assert "Your page as the public sees it" in text
    assert "@shown_handle" not in text
    assert 'id="how-to-reach"' not in text
    assert "This is your own profile" not in text


def test_the_recruiter_preview_shows_what_a_recruiter_sees(client, owner, recruiter):
    recruiter_client = Client()
    recruiter_client.force_login(recruiter)

    preview = client.get(url(owner, **{"as": "recruiter"}))
    seen = recruiter_client.get(url(owner))

    assert preview.status_code == 200
    assert platforms_section(preview) == platforms_section(seen)
    text = page(preview)
    assert "Your page as a recruiter sees it." in text
    assert "@shown_handle" in text
    assert "hidden-handle" not in text
    assert "Hidden by the executive" in text
    assert 'id="how-to-reach"' in text


@pytest.mark.parametrize(
    ("visibility", "audience", "says"),
    [
        (Visibility.PRIVATE, "recruiter", "Recruiters don't see this page"),
        (Visibility.PRIVATE, "public", "The public doesn't see this page"),
        (Visibility.RECRUITERS, "public", "The public doesn't see this page"),
    ],
)
def test_a_preview_for_an_audience_that_cant_see_the_page_says_so(
    client, owner, visibility, audience, says
):
    share(owner, visibility)

    response = client.get(url(owner, **{"as": audience}))

    text = page(response)
    assert response.status_code == 200
    assert says in text
    assert "“Page not found”" in text
    assert "@shown_handle" not in text


def test_the_owners_own_view_links_to_both_previews(client, owner):
    text = page(client.get(url(owner)))

    assert 'href="?as=public"' in text
    assert 'href="?as=recruiter"' in text
    assert "Preview" not in text


@pytest.mark.parametrize("role", ["anonymous", "recruiter"])
def test_anyone_elses_as_changes_nothing(owner, recruiter, role):
    share(owner, Visibility.PUBLIC)
    client = Client()
    if role == "recruiter":
        client.force_login(recruiter)

    for asked in ("public", "recruiter", "owner"):
        response = client.get(url(owner, **{"as": asked}))
        assert platforms_section(response) == platforms_section(client.get(url(owner)))
        assert "Preview" not in page(response)
    if role == "anonymous":
        assert "@shown_handle" not in page(client.get(url(owner, **{"as": "recruiter"})))


def test_an_unknown_preview_is_a_400_naming_the_choices(client, owner):
    response = client.get(url(owner, **{"as": "admin"}))

    assert response.status_code == 400
    assert "A preview is “as=public” or “as=recruiter”." in page(response)


def test_a_preview_is_never_kept_by_a_shared_cache(client, owner):
    response = client.get(url(owner, **{"as": "public"}))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("visibility", "links"),
    [
        (Visibility.PUBLIC, ["See my public profile as others see it", "See it as a recruiter"]),
        (Visibility.RECRUITERS, ["See it as a recruiter"]),
        (Visibility.PRIVATE, []),
    ],
)
def test_me_links_to_the_previews_of_the_audiences_chosen(client, owner, visibility, links):
    share(owner, visibility)

    text = page(client.get(reverse("profiles:me")))

    shown = [
        label
        for label in ("See my public profile as others see it", "See it as a recruiter")
        if label in text
    ]
    assert shown == links
    if visibility == Visibility.PUBLIC:
        assert f'href="{url(owner)}?as=public"' in text
