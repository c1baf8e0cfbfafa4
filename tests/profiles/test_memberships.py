"""/me/memberships/: the owner's platforms, edited together in one formset."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.yesno import parse_yes_no
from platforms.models import Platform
from profiles import services
from profiles.models import Activity, Membership
from profiles.versions import version_of
from tests.factories import MembershipFactory, PlatformFactory
from tests.profiles.html_helpers import field_block

pytestmark = pytest.mark.django_db

PREFIX = "memberships"
FLAGS = ("verified", "open_to_inquiries", "publicizes_career", "preferred", "hide_handle")


def row(
    platform: Platform, *, membership: Membership | None = None, version: str = "", **values
) -> dict:
    """One formset row as the browser posts it; booleans are present only when ticked, and the
    version the page handed out when one is given."""
    fields = {
        "id": membership.pk if membership else "",
        "version": version,
        "platform": platform.pk,
        "handle": values.pop("handle", ""),
        "activity": values.pop("activity", Activity.WEEKLY),
    }
    fields.update({flag: "on" for flag in FLAGS if values.pop(flag, False)})
    if values.pop("delete", False):
        fields["DELETE"] = "on"
    assert not values, f"unknown row values: {values}"
    return fields


def formset_data(*rows: dict, initial: int = 0) -> dict:
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(initial),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, fields in enumerate(rows):
        data.update({f"{PREFIX}-{index}-{name}": value for name, value in fields.items()})
    return data


@pytest.fixture
def weibo(db):
    return PlatformFactory(slug="weibo", name_en="Weibo")


@pytest.fixture
def linkedin(db):
    return PlatformFactory(slug="linkedin", name_en="LinkedIn", status=Platform.Status.RESTRICTED)


@pytest.fixture
def ushi(db):
    return PlatformFactory(slug="ushi", name_en="Ushi", status=Platform.Status.SHUT_DOWN)


@pytest.fixture
def owner_client(client_for_role):
    return client_for_role("owner")


def post(client, data):
    return client.post(reverse("profiles:me_memberships"), data)


def test_owner_adds_two_platforms_at_once(owner_client, executive, weibo, linkedin):
    response = post(
        owner_client,
        formset_data(
            row(weibo, handle="@li-weibo", open_to_inquiries=True, publicizes_career=True),
            row(linkedin, handle="https://example.com/in/li", activity=Activity.MONTHLY),
        ),
    )

    assert response.status_code == 302
    memberships = {m.platform.slug: m for m in executive.executive_profile.memberships.all()}
    assert set(memberships) == {"weibo", "linkedin"}
    assert memberships["weibo"].open_to_inquiries is True
    assert memberships["weibo"].publicizes_career is True
    assert memberships["linkedin"].activity == Activity.MONTHLY
    assert memberships["linkedin"].open_to_inquiries is False


def test_empty_extra_rows_are_ignored(owner_client, executive, weibo):
    response = post(owner_client, formset_data(row(weibo), {"id": "", "activity": "weekly"}))

    assert response.status_code == 302
    assert executive.executive_profile.memberships.count() == 1


def test_owner_edits_a_membership(owner_client, executive, weibo):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)

    post(
        owner_client,
        formset_data(row(weibo, membership=membership, handle="@new", hide_handle=True), initial=1),
    )

    membership.refresh_from_db()
    assert membership.handle == "@new"
    assert membership.hide_handle is True
    assert membership.open_to_inquiries is False


def test_owner_removes_a_membership(owner_client, executive, weibo):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)

    response = post(
        owner_client, formset_data(row(weibo, membership=membership, delete=True), initial=1)
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("word", ["0", "off", "no", "false", ""])
def test_a_remove_box_that_says_no_keeps_the_membership(owner_client, executive, weibo, word):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)
    fields = row(weibo, membership=membership) | {"DELETE": word}

    response = post(owner_client, formset_data(fields, initial=1))

    assert response.status_code == 302
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_remove_box_that_says_neither_yes_nor_no_is_a_400_and_removes_nothing(
    owner_client, executive, weibo
):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)
    fields = row(weibo, membership=membership) | {"DELETE": "maybe"}

    response = post(owner_client, formset_data(fields, initial=1))

    assert response.status_code == 400
    assert "Enter yes or no" in str(response.context["formset"].forms[0].errors["DELETE"])
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize(("word", "verified"), [("1", True), ("yes", True), ("0", False)])
def test_a_tick_box_reads_the_sites_yes_no_words(owner_client, executive, weibo, word, verified):
    membership = MembershipFactory(
        profile=executive.executive_profile, platform=weibo, verified=not verified
    )
    fields = row(weibo, membership=membership) | {"verified": word}

    post(owner_client, formset_data(fields, initial=1))

    membership.refresh_from_db()
    assert membership.verified is verified


def test_a_platform_removed_and_added_again_in_one_save_is_kept_once(
    owner_client, executive, weibo
):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)

    response = post(
        owner_client,
        formset_data(
            row(weibo, membership=membership, delete=True),
            row(weibo, handle="@again"),
            initial=1,
        ),
    )

    assert response.status_code == 302
    assert list(executive.executive_profile.memberships.values_list("handle", flat=True)) == [
        "@again"
    ]


def test_the_same_platform_twice_is_refused_next_to_the_platform_field(
    owner_client, executive, weibo
):
    response = post(owner_client, formset_data(row(weibo), row(weibo)))

    assert response.status_code == 400
    page = response.content.decode()
    assert "already have a membership on Weibo" in field_block(page, f"id_{PREFIX}-1-platform")
    assert "already have" not in field_block(page, f"id_{PREFIX}-0-platform")
    assert not executive.executive_profile.memberships.exists()


def test_adding_a_platform_the_profile_is_already_on_is_refused(owner_client, executive, weibo):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)

    response = post(
        owner_client,
        formset_data(row(weibo, membership=membership), row(weibo, handle="@dup"), initial=1),
    )

    assert response.status_code == 400
    assert "already have a membership" in field_block(
        response.content.decode(), f"id_{PREFIX}-1-platform"
    )
    assert executive.executive_profile.memberships.count() == 1


def test_a_shut_down_platform_is_not_offered_for_a_new_membership(owner_client, weibo, ushi):
    page = owner_client.get(reverse("profiles:me_memberships")).content.decode()

    new_row = field_block(page, f"id_{PREFIX}-0-platform")
    assert f'value="{weibo.pk}"' in new_row
    assert f'value="{ushi.pk}"' not in new_row


def test_a_new_row_does_not_offer_a_platform_the_profile_is_already_on(
    owner_client, executive, weibo, linkedin
):
    MembershipFactory(profile=executive.executive_profile, platform=weibo)

    page = owner_client.get(reverse("profiles:me_memberships")).content.decode()

    on_weibo, new_row = (field_block(page, f"id_{PREFIX}-{index}-platform") for index in (0, 1))
    assert f'value="{weibo.pk}" selected' in on_weibo
    assert f'value="{linkedin.pk}"' in new_row
    assert f'value="{weibo.pk}"' not in new_row


def test_a_shut_down_platform_posted_for_a_new_membership_is_refused_next_to_the_field(
    owner_client, executive, ushi
):
    response = post(owner_client, formset_data(row(ushi)))

    assert response.status_code == 400
    assert "shut-down platform can" in field_block(
        response.content.decode(), f"id_{PREFIX}-0-platform"
    )
    assert not executive.executive_profile.memberships.exists()


def test_a_membership_on_a_platform_that_later_shut_down_stays_editable(
    owner_client, executive, ushi
):
    membership = MembershipFactory(profile=executive.executive_profile, platform=ushi)

    response = post(
        owner_client,
        formset_data(row(ushi, membership=membership, activity=Activity.INACTIVE), initial=1),
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.activity == Activity.INACTIVE


def test_only_one_preferred_channel_is_allowed(owner_client, executive, weibo, linkedin):
    response = post(
        owner_client, formset_data(row(weibo, preferred=True), row(linkedin, preferred=True))
    )

    assert response.status_code == 400
    assert "Only one platform can be your preferred channel" in field_block(
        response.content.decode(), f"id_{PREFIX}-1-preferred"
    )
    assert not executive.executive_profile.memberships.exists()


def test_the_preferred_channel_moves_to_another_platform_in_one_save(
    owner_client, executive, weibo, linkedin
):
    profile = executive.executive_profile
    on_weibo = MembershipFactory(profile=profile, platform=weibo, preferred=True)
    on_linkedin = MembershipFactory(profile=profile, platform=linkedin)

    response = post(
        owner_client,
        formset_data(
            row(linkedin, membership=on_linkedin, preferred=True),
            row(weibo, membership=on_weibo),
            initial=2,
        ),
    )

    assert response.status_code == 302
    assert list(profile.memberships.filter(preferred=True)) == [on_linkedin]


def test_each_row_carries_its_version(owner_client, executive, weibo):
    membership = MembershipFactory(profile=executive.executive_profile, platform=weibo)

    formset = owner_client.get(reverse("profiles:me_memberships")).context["formset"]

    assert formset.forms[0]["version"].value() == version_of(membership)
    assert formset.forms[1]["version"].value() is None


def test_a_form_opened_before_another_edit_saves_nothing_and_shows_both(
    owner_client, executive, weibo
):
    membership = MembershipFactory(
        profile=executive.executive_profile, platform=weibo, handle="@old"
    )
    version = version_of(membership)
    services.update_membership(membership=membership, handle="@changed-elsewhere")

    response = post(
        owner_client,
        formset_data(
            row(weibo, membership=membership, version=version, handle="@old", hide_handle=True),
            initial=1,
        ),
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "changed elsewhere" in page
    saved_now = page.split('class="saved-now"', 1)[1].split("</table>", 1)[0]
    assert "@changed-elsewhere" in saved_now
    assert parse_yes_no(response.context["formset"].forms[0]["hide_handle"].value()) is True
    membership.refresh_from_db()
    assert (membership.handle, membership.hide_handle) == ("@changed-elsewhere", False)


def test_a_row_left_as_it_was_does_not_block_the_save(owner_client, executive, weibo, linkedin):
    on_weibo = MembershipFactory(profile=executive.executive_profile, platform=weibo)
    on_linkedin = MembershipFactory(profile=executive.executive_profile, platform=linkedin)
    old_linkedin = version_of(on_linkedin)
    services.update_membership(membership=on_linkedin, verified=True)
    on_linkedin.refresh_from_db()

    response = post(
        owner_client,
        formset_data(
            row(linkedin, membership=on_linkedin, version=version_of(on_linkedin), verified=True),
            row(weibo, membership=on_weibo, version=version_of(on_weibo), handle="@new"),
            initial=2,
        ),
    )

    assert old_linkedin != version_of(on_linkedin)
    assert response.status_code == 302
    on_weibo.refresh_from_db()
    assert on_weibo.handle == "@new"


def test_a_membership_of_another_profile_posted_as_a_row_answers_404(
    owner_client, other_executive, weibo
):
    theirs = MembershipFactory(profile=other_executive.executive_profile, handle="@theirs")

    response = post(
        owner_client, formset_data(row(weibo, membership=theirs, handle="@hijacked"), initial=1)
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.handle == "@theirs"
    assert theirs.profile == other_executive.executive_profile


def test_deleting_a_membership_of_another_profile_answers_404(owner_client, other_executive):
    theirs = MembershipFactory(profile=other_executive.executive_profile)

    response = post(
        owner_client,
        formset_data(row(theirs.platform, membership=theirs, delete=True), initial=1),
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_another_profiles_membership_id_on_a_new_row_answers_404(
    owner_client, executive, other_executive, weibo
):
    theirs = MembershipFactory(profile=other_executive.executive_profile, platform=weibo)

    response = post(owner_client, formset_data(row(weibo, membership=theirs), initial=0))

    assert response.status_code == 404
    assert not executive.executive_profile.memberships.exists()


def test_a_garbled_management_form_is_a_form_error_not_a_crash(owner_client, weibo):
    response = post(owner_client, {f"{PREFIX}-TOTAL_FORMS": "many"})

    assert response.status_code == 400


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_an_account_without_a_profile_cannot_post_memberships(
    client_for_role, role, user_for_role, weibo
):
    response = client_for_role(role).post(
        reverse("profiles:me_memberships"), formset_data(row(weibo))
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(profile__user=user_for_role(role)).exists()


# The service holds the same rules for every caller, not just this page.


def test_save_memberships_refuses_a_new_membership_on_a_shut_down_platform(executive, ushi):
    profile = executive.executive_profile

    with pytest.raises(ValidationError) as error:
        services.save_memberships(
            profile=profile, changed=[Membership(profile=profile, platform=ushi)]
        )

    assert "platform" in error.value.message_dict
    assert not profile.memberships.exists()


def test_save_memberships_refuses_another_profiles_membership(executive, other_executive):
    theirs = MembershipFactory(profile=other_executive.executive_profile)
    theirs.handle = "@hijacked"

    with pytest.raises(PermissionDenied):
        services.save_memberships(profile=executive.executive_profile, changed=[theirs])

    theirs.refresh_from_db()
    assert theirs.handle != "@hijacked"


def test_save_memberships_rolls_back_when_two_are_preferred(executive, weibo, linkedin):
    profile = executive.executive_profile

    with pytest.raises(ValidationError):
        services.save_memberships(
            profile=profile,
            changed=[
                Membership(profile=profile, platform=weibo, preferred=True),
                Membership(profile=profile, platform=linkedin, preferred=True),
            ],
        )

    assert not profile.memberships.exists()


def test_save_memberships_refuses_a_row_changed_since_its_version(executive, weibo):
    profile = executive.executive_profile
    membership = MembershipFactory(profile=profile, platform=weibo)
    version = version_of(membership)
    services.update_membership(membership=membership, handle="@elsewhere")
    membership.handle = "@mine"

    with pytest.raises(services.StaleVersion):
        services.save_memberships(
            profile=profile, changed=[membership], versions={membership.pk: (version,)}
        )

    membership.refresh_from_db()
    assert membership.handle == "@elsewhere"


def test_the_database_holds_one_preferred_channel_per_profile(executive, weibo, linkedin):
    profile = executive.executive_profile
    MembershipFactory(profile=profile, platform=weibo, preferred=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(profile=profile, platform=linkedin, preferred=True)


def test_save_memberships_reports_a_duplicate_platform_as_a_validation_error(executive, weibo):
    profile = executive.executive_profile
    MembershipFactory(profile=profile, platform=weibo)

    with pytest.raises(ValidationError, match="already have a membership on this platform"):
        services.save_memberships(
            profile=profile, changed=[Membership(profile=profile, platform=weibo)]
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_oldest_of_two_preferred_channels(executive, weibo, linkedin):
    """Profiles the race left with two preferred channels keep one, so the index can be built."""
    executor = MigrationExecutor(connection)
    before = [("profiles", "0005_search_vector")]
    # Every app's latest, not only profiles': going back unapplies the apps built on profiles.
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("profiles", "Membership")
        profile = executive.executive_profile
        first = old.objects.create(profile_id=profile.pk, platform_id=weibo.pk, preferred=True)
        old.objects.create(profile_id=profile.pk, platform_id=linkedin.pk, preferred=True)
    finally:
        MigrationExecutor(connection).migrate(latest)

    preferred = Membership.objects.filter(preferred=True)
    assert list(preferred.values_list("pk", flat=True)) == [first.pk]
