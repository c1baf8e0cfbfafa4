"""/api/v1/me/...: the signed-in executive's own profile, memberships, data and account."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from profiles.api.me import PersonalDataSerializer
from profiles.models import ExecutiveProfile, Membership
from profiles.personal_data import export_personal_data
from tests.clients import token_client
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("api-v1:me-profile")
MEMBERSHIPS_URL = reverse("api-v1:me-membership-list")
EXPORT_URL = reverse("api-v1:me-export")
ME_URL = reverse("api-v1:me")


def membership_url(membership: Membership) -> str:
    return reverse("api-v1:me-membership-detail", kwargs={"pk": membership.pk})


# --- Profile -------------------------------------------------------------------------------------


def test_the_owner_reads_their_whole_profile(owner_api, executive):
    response = owner_api.get(PROFILE_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == executive.executive_profile.pk
    assert body["visibility"] == "recruiters"
    assert body["consent_at"] is not None
    assert response["Cache-Control"] == "private, no-store"


def test_patch_corrects_the_fields_given_and_keeps_the_rest(owner_api, executive):
    before = executive.executive_profile

    response = owner_api.patch(PROFILE_URL, {"title": "CEO", "visibility": "public"})

    assert response.status_code == 200
    after = ExecutiveProfile.objects.get(pk=before.pk)
    assert (after.title, after.visibility) == ("CEO", "public")
    assert after.company == before.company
    assert response.json()["title"] == "CEO"


def test_read_only_fields_are_not_changed(owner_api, executive):
    consent_at = executive.executive_profile.consent_at

    owner_api.patch(PROFILE_URL, {"consent_at": "2000-01-01T00:00:00Z", "is_fictional": True})

    profile = ExecutiveProfile.objects.get(user=executive)
    assert (profile.consent_at, profile.is_fictional) == (consent_at, False)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"visibility": "friends"}, "visibility"),
        ({"seniority": "intern"}, "seniority"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 101}, "display_name"),
        ({"speaks_english": "fluently"}, "speaks_english"),
        ({"speaks_english": "t"}, "speaks_english"),  # DRF's own word, not the site's
        ({"speaks_english": "y"}, "speaks_english"),
        ({"salary": 1}, "salary"),
    ],
)
def test_bad_corrections_are_a_400_naming_the_field(owner_api, executive, body, field):
    response = owner_api.patch(PROFILE_URL, body)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(("word", "value"), [("yes", True), ("on", True), ("0", False)])
def test_a_yes_no_field_takes_the_sites_words(owner_api, executive, word, value):
    response = owner_api.patch(PROFILE_URL, {"speaks_english": word}, format="json")

    assert response.status_code == 200
    assert response.json()["speaks_english"] is value


def test_patch_writes_only_the_fields_given(owner_api, executive):
    profile = executive.executive_profile
    # Another writer's change, made after this client's copy was read.
    ExecutiveProfile.objects.filter(pk=profile.pk).update(company="Changed Elsewhere Ltd")

    owner_api.patch(PROFILE_URL, {"title": "CEO"})

    after = ExecutiveProfile.objects.get(pk=profile.pk)
    assert (after.title, after.company) == ("CEO", "Changed Elsewhere Ltd")


def test_a_patch_changing_nothing_writes_nothing(owner_api, executive):
    profile = executive.executive_profile

    response = owner_api.patch(PROFILE_URL, {"title": profile.title})

    assert response.status_code == 200
    assert ExecutiveProfile.objects.get(pk=profile.pk).updated_at == profile.updated_at


def test_the_profile_carries_a_strong_etag_that_changes_with_it(owner_api, executive):
    first = owner_api.get(PROFILE_URL)["ETag"]

    assert first.startswith('"'), "a strong validator, not W/"
    assert owner_api.get(PROFILE_URL)["ETag"] == first
    patched = owner_api.patch(PROFILE_URL, {"title": "CEO"})
    assert patched["ETag"] != first
    assert owner_api.get(PROFILE_URL)["ETag"] == patched["ETag"]


def test_patch_with_the_current_etag_is_applied(owner_api, executive):
    etag = owner_api.get(PROFILE_URL)["ETag"]

    response = owner_api.patch(PROFILE_URL, {"title": "CEO"}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert ExecutiveProfile.objects.get(user=executive).title == "CEO"


@pytest.mark.parametrize("if_match", ["*", None])
def test_patch_without_a_version_condition_is_applied(owner_api, executive, if_match):
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}

    response = owner_api.patch(PROFILE_URL, {"title": "CEO"}, **headers)

    assert response.status_code == 200
    assert ExecutiveProfile.objects.get(user=executive).title == "CEO"


@pytest.mark.parametrize(
    "stale",
    ["old", "weak", "garbled"],
)
def test_patch_with_a_stale_etag_is_a_412_and_writes_nothing(owner_api, executive, stale):
    etag = owner_api.get(PROFILE_URL)["ETag"]
    owner_api.patch(PROFILE_URL, {"company": "Changed Elsewhere Ltd"})
    if_match = {"old": etag, "weak": f"W/{owner_api.get(PROFILE_URL)['ETag']}", "garbled": "x"}

    response = owner_api.patch(
        PROFILE_URL, {"visibility": "private"}, HTTP_IF_MATCH=if_match[stale]
    )

    assert response.status_code == 412
    assert "changed since you read it" in response.json()["detail"]
    assert ExecutiveProfile.objects.get(user=executive).visibility == "recruiters"


def test_a_stale_etag_is_a_412_even_when_the_body_is_bad(owner_api, executive):
    etag = owner_api.get(PROFILE_URL)["ETag"]
    owner_api.patch(PROFILE_URL, {"company": "Changed Elsewhere Ltd"})

    response = owner_api.patch(PROFILE_URL, {"visibility": "friends"}, HTTP_IF_MATCH=etag)

    assert response.status_code == 412


def test_two_writers_holding_one_etag_cannot_both_win(owner_api, executive):
    etag = owner_api.get(PROFILE_URL)["ETag"]

    first = owner_api.patch(PROFILE_URL, {"title": "CEO"}, HTTP_IF_MATCH=etag)
    second = owner_api.patch(PROFILE_URL, {"company": "Other Ltd"}, HTTP_IF_MATCH=etag)

    assert (first.status_code, second.status_code) == (200, 412)
    assert ExecutiveProfile.objects.get(user=executive).company != "Other Ltd"


def test_if_match_accepts_any_of_several_etags(owner_api, executive):
    etag = owner_api.get(PROFILE_URL)["ETag"]

    response = owner_api.patch(PROFILE_URL, {"title": "CEO"}, HTTP_IF_MATCH=f'"other", {etag}')

    assert response.status_code == 200


def test_put_is_not_offered(owner_api, executive):
    assert owner_api.put(PROFILE_URL, {"title": "CEO"}).status_code == 405


def test_an_account_without_a_profile_gets_a_404(recruiter_api):
    response = recruiter_api.get(PROFILE_URL)

    assert response.status_code == 404
    assert "profile" in response.json()["detail"]


# --- Memberships ---------------------------------------------------------------------------------


@pytest.fixture
def own_weibo(executive, weibo):
    return MembershipFactory(profile=executive.executive_profile, platform=weibo)


@pytest.fixture
def others_weibo(other_executive, weibo):
    return MembershipFactory(profile=other_executive.executive_profile, platform=weibo)


def test_the_owner_lists_only_their_own_memberships(owner_api, own_weibo, others_weibo):
    response = owner_api.get(MEMBERSHIPS_URL)

    assert [m["id"] for m in response.json()] == [own_weibo.pk]
    assert response.json()[0]["handle"] == own_weibo.handle


def test_adding_maimai_creates_a_membership(owner_api, executive, maimai):
    body = {"platform": "maimai", "handle": "@wang", "activity": "daily", "preferred": True}

    response = owner_api.post(MEMBERSHIPS_URL, body)

    assert response.status_code == 201
    membership = Membership.objects.get(profile__user=executive)
    assert (membership.platform, membership.handle, membership.preferred) == (maimai, "@wang", True)
    assert response.json()["id"] == membership.pk
    assert response.json()["platform_name"] == "Maimai"


@pytest.mark.parametrize(
    ("body", "field", "named"),
    [
        ({"platform": "weibo"}, "platform", "Weibo"),
        ({"platform": "ushi"}, "platform", "shut down"),
        ({"platform": "friendster"}, "platform", "friendster"),
        ({}, "platform", ""),
        ({"platform": "maimai", "activity": "hourly"}, "activity", "hourly"),
        ({"platform": "maimai", "handle": "x" * 201}, "handle", ""),
        ({"platform": "maimai", "verified": "sort of"}, "verified", ""),
        ({"platform": "maimai", "followers": 10}, "followers", ""),
    ],
)
def test_bad_memberships_are_a_400_naming_the_field(
    owner_api, own_weibo, maimai, ushi, body, field, named
):
    response = owner_api.post(MEMBERSHIPS_URL, body)

    assert response.status_code == 400
    assert field in response.json()
    assert named in " ".join(response.json()[field])
    assert Membership.objects.filter(profile=own_weibo.profile).count() == 1


def test_a_second_preferred_channel_is_a_400_naming_preferred(owner_api, own_weibo, maimai):
    own_weibo.preferred = True
    own_weibo.save()

    response = owner_api.post(MEMBERSHIPS_URL, {"platform": "maimai", "preferred": True})

    assert response.status_code == 400
    assert "preferred" in response.json()
    assert not Membership.objects.filter(platform=maimai).exists()


def test_the_owner_changes_a_membership(owner_api, own_weibo):
    response = owner_api.patch(
        membership_url(own_weibo), {"open_to_inquiries": False, "hide_handle": True}
    )

    assert response.status_code == 200
    own_weibo.refresh_from_db()
    assert (own_weibo.open_to_inquiries, own_weibo.hide_handle) == (False, True)


def test_patching_a_membership_writes_only_the_settings_given(owner_api, own_weibo):
    Membership.objects.filter(pk=own_weibo.pk).update(handle="@changed-elsewhere")

    owner_api.patch(membership_url(own_weibo), {"verified": True})

    own_weibo.refresh_from_db()
    assert (own_weibo.handle, own_weibo.verified) == ("@changed-elsewhere", True)


def test_a_membership_carries_an_etag_and_refuses_a_stale_one(owner_api, own_weibo):
    etag = owner_api.get(membership_url(own_weibo))["ETag"]
    changed = owner_api.patch(membership_url(own_weibo), {"handle": "@new"}, HTTP_IF_MATCH=etag)

    stale = owner_api.patch(membership_url(own_weibo), {"handle": "@stale"}, HTTP_IF_MATCH=etag)

    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert stale.status_code == 412
    assert "detail" in stale.json()
    own_weibo.refresh_from_db()
    assert own_weibo.handle == "@new"


def test_a_stale_etag_does_not_remove_a_membership(owner_api, own_weibo):
    etag = owner_api.get(membership_url(own_weibo))["ETag"]
    owner_api.patch(membership_url(own_weibo), {"handle": "@new"})

    stale = owner_api.delete(membership_url(own_weibo), HTTP_IF_MATCH=etag)
    current = owner_api.get(membership_url(own_weibo))["ETag"]
    removed = owner_api.delete(membership_url(own_weibo), HTTP_IF_MATCH=current)

    assert (stale.status_code, removed.status_code) == (412, 204)
    assert not Membership.objects.filter(pk=own_weibo.pk).exists()


def test_preferring_a_second_channel_is_a_400_naming_preferred(owner_api, own_weibo, maimai):
    own_weibo.preferred = True
    own_weibo.save()
    on_maimai = MembershipFactory(profile=own_weibo.profile, platform=maimai)

    response = owner_api.patch(membership_url(on_maimai), {"preferred": True})

    assert response.status_code == 400
    assert "Only one platform can be your preferred channel" in response.json()["preferred"][0]
    assert list(own_weibo.profile.memberships.filter(preferred=True)) == [own_weibo]


def test_the_platform_of_a_membership_cannot_be_switched(owner_api, own_weibo, maimai):
    response = owner_api.patch(membership_url(own_weibo), {"platform": "maimai"})

    assert response.status_code == 400
    assert "platform" in response.json()


def test_the_owner_removes_a_membership(owner_api, own_weibo):
    response = owner_api.delete(membership_url(own_weibo))

    assert response.status_code == 204
    assert not Membership.objects.filter(pk=own_weibo.pk).exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_someone_elses_membership_is_a_404_and_stays_as_it_was(owner_api, others_weibo, method):
    response = getattr(owner_api, method)(membership_url(others_weibo), {"handle": "@taken"})

    assert response.status_code == 404
    others_weibo.refresh_from_db()
    assert others_weibo.handle != "@taken"


def test_memberships_need_a_profile(recruiter_api, maimai):
    assert recruiter_api.get(MEMBERSHIPS_URL).status_code == 404
    assert recruiter_api.post(MEMBERSHIPS_URL, {"platform": "maimai"}).status_code == 404


# --- Export and deletion -------------------------------------------------------------------------


def test_the_export_is_the_pages_data(owner_api, executive, own_weibo):
    body = owner_api.get(EXPORT_URL).json()
    expected = export_personal_data(executive)

    body.pop("exported_at")
    expected.pop("exported_at")
    assert body == expected
    assert body["memberships"][0]["platform"] == "weibo"


def test_the_export_documents_every_key_it_holds(executive, own_weibo):
    data = export_personal_data(executive)
    documented = PersonalDataSerializer().fields

    assert set(documented) == set(data)
    for key in ("account", "profile"):
        assert set(documented[key].fields) == set(data[key]), key
    assert set(documented["memberships"].child.fields) == set(data["memberships"][0])


def test_recruiters_export_their_data_too(recruiter_api, recruiter):
    body = recruiter_api.get(EXPORT_URL).json()

    assert body["account"]["username"] == recruiter.username
    assert body["profile"] is None


@pytest.mark.parametrize(
    ("body", "message"),
    [({}, "required"), ({"password": "wrong-password"}, "not your password")],
)
def test_deletion_needs_the_password(owner_api, executive, body, message):
    response = owner_api.delete(ME_URL, body)

    assert response.status_code == 400
    assert message in response.json()["password"][0]
    assert User.objects.filter(pk=executive.pk).exists()


def test_deletion_with_the_password_erases_the_account_and_its_token(owner_api, executive):
    profile_id = executive.executive_profile.pk

    response = owner_api.delete(ME_URL, {"password": "a-long-test-password"})

    assert response.status_code == 204
    assert not User.objects.filter(pk=executive.pk).exists()
    assert not ExecutiveProfile.objects.filter(pk=profile_id).exists()
    assert not Token.objects.exists()
    assert owner_api.get(PROFILE_URL).status_code == 401


def test_staff_accounts_are_not_deleted_here(admin_api, admin_user):
    response = admin_api.delete(ME_URL, {"password": "a-long-test-password"})

    assert response.status_code == 403
    assert User.objects.filter(pk=admin_user.pk).exists()


@pytest.mark.parametrize("url", [PROFILE_URL, MEMBERSHIPS_URL, EXPORT_URL, ME_URL])
def test_anonymous_callers_get_a_401(api_client, db, url):
    assert api_client.generic("GET" if url != ME_URL else "DELETE", url).status_code == 401


def test_the_session_works_as_well_as_a_token(client, executive):
    client.force_login(executive)

    assert client.get(PROFILE_URL).json()["id"] == executive.executive_profile.pk


def test_a_session_write_without_the_csrf_token_is_refused(executive):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(executive)

    response = browser.patch(PROFILE_URL, {"title": "CEO"}, content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_token_write_needs_no_csrf_token(executive):
    assert token_client(executive).patch(PROFILE_URL, {"title": "CEO"}).status_code == 200
