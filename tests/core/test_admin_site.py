"""The admin's bulk actions refuse a selection that names no row, on every model's changelist."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.db.models import Model
from django.http import HttpResponse
from django.urls import reverse

from platforms.models import Platform, UserCount
from profiles.models import RecruiterTeam, RecruiterTeamMembership
from tests.factories import PlatformFactory, StatusEventFactory, UserCountFactory, UserFactory
from tests.platforms.test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changelist", "selected"),
    [
        ("admin:platforms_source_changelist", "abc"),
        ("admin:platforms_source_changelist", "\x00"),
        ("admin:auth_user_changelist", "1.5"),
        ("admin:auth_user_changelist", "99999999999999999999"),
        ("admin:profiles_executiveprofile_changelist", "-1e9"),
    ],
)
def test_a_bulk_action_on_an_id_that_is_not_one_is_a_400_naming_the_field(
    admin_client, changelist, selected
):
    response = admin_client.post(
        reverse(changelist), {"action": "delete_selected", "_selected_action": [selected]}
    )

    assert response.status_code == 400
    assert "_selected_action" in response.content.decode()


def test_a_bulk_action_on_real_ids_still_asks_to_confirm_and_deletes(admin_client):
    doomed = UserFactory(username="doomed")
    changelist = reverse("admin:auth_user_changelist")

    asked = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [doomed.pk]}
    )
    done = admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
    )

    assert asked.status_code == 200
    assert "Delete multiple objects" in asked.content.decode()
    assert done.status_code == 302
    assert not User.objects.filter(username="doomed").exists()


# --- Change forms posted by hand -----------------------------------------------------------------


def change(admin_client, model: type[Model], obj: Model, **changes) -> HttpResponse:
    """Post `obj`'s admin change form as the page would, with `changes` on top."""
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    data = form_data(admin_client.get(url)) | changes
    return admin_client.post(url, data)


@pytest.mark.parametrize("word", ["0", "off", "no", "false"])
def test_a_tick_box_posted_as_no_saves_no(admin_client, word):
    user = UserFactory(username="leaving", is_staff=True)

    change(admin_client, User, user, is_active=word, is_staff=word)

    user.refresh_from_db()
    assert (user.is_active, user.is_staff) == (False, False)


def test_a_tick_box_posted_as_neither_yes_nor_no_is_refused_next_to_it(admin_client):
    user = UserFactory(username="staying")

    response = change(admin_client, User, user, is_superuser="maybe")

    user.refresh_from_db()
    assert response.context["adminform"].form.errors["is_superuser"]
    assert not user.is_superuser


@pytest.mark.parametrize("word", ["0", "no", "off"])
def test_an_inline_rows_delete_box_posted_as_no_keeps_the_row(admin_client, word):
    team = RecruiterTeam.objects.create(name="Search Partners")
    for username in ("ann", "bo"):
        RecruiterTeamMembership.objects.create(team=team, user=UserFactory(username=username))

    change(admin_client, RecruiterTeam, team, **{"recruiterteammembership_set-0-DELETE": word})

    assert team.recruiterteammembership_set.count() == 2


@pytest.mark.parametrize("value", ["maybe", "99999999999999999999", "\x00", "1.5"])
def test_a_related_row_that_cant_be_one_is_refused_and_the_form_drawn_again(admin_client, value):
    figure = UserCountFactory()

    response = change(admin_client, UserCount, figure, platform=value)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["platform"]
    assert UserCount.objects.get(pk=figure.pk).platform_id == figure.platform_id


def test_a_permission_id_past_the_columns_range_is_refused(admin_client):
    group = Group.objects.create(name="Curators")

    response = change(admin_client, Group, group, permissions=["99999999999999999999"])

    assert response.context["adminform"].form.errors["permissions"]
    assert not group.permissions.exists()


def test_a_year_past_any_calendar_in_a_list_filter_is_a_400(admin_client):
    url = reverse("admin:profiles_executiveprofile_changelist")

    response = admin_client.get(url, {"created_at__year": "99999999999999999999"})

    assert response.status_code == 400


def test_inline_rows_posted_as_new_again_are_a_409_that_changes_nothing(admin_client):
    platform = PlatformFactory()
    StatusEventFactory(platform=platform)

    response = change(admin_client, Platform, platform, **{"events-INITIAL_FORMS": "0"})

    assert response.status_code == 409
    assert platform.events.count() == 1
