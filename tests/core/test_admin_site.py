"""The admin's bulk actions refuse a selection that names no row, on every model's changelist."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import UserFactory

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
