"""The executive's own pages: /me/, /me/edit/, and who may open them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.models import City, ExecutiveProfile, Visibility
from tests.databases import PERMISSIONS_APART
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory
from tests.profiles.html_helpers import field_block

pytestmark = pytest.mark.django_db

OWNER_PAGES = ["profiles:me", "profiles:me_edit", "profiles:me_memberships"]


@pytest.mark.parametrize("url_name", [*OWNER_PAGES, "profiles:me_export", "profiles:me_delete"])
def test_anonymous_visitors_are_sent_to_log_in(client, url_name):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


# Every role opens the same URLs and gets its own data: there is no id to tamper with.
@pytest.mark.parametrize(
    ("role", "url_name", "status"),
    [
        ("owner", "profiles:me", 200),
        ("owner", "profiles:me_edit", 200),
        ("owner", "profiles:me_memberships", 200),
        ("other_executive", "profiles:me", 200),
        ("other_executive", "profiles:me_edit", 200),
        ("other_executive", "profiles:me_memberships", 200),
        ("recruiter", "profiles:me", 200),
        ("recruiter", "profiles:me_edit", 302),
        ("recruiter", "profiles:me_memberships", 302),
        ("admin", "profiles:me", 200),
        ("admin", "profiles:me_edit", 302),
        ("admin", "profiles:me_memberships", 302),
    ],
)
def test_owner_pages_answer_each_role(client_for_role, role, url_name, status):
    response = client_for_role(role).get(reverse(url_name))

    assert response.status_code == status
    if status == 302:
        assert response.url == reverse("profiles:me")


@pytest.mark.parametrize("role", ["owner", "other_executive"])
def test_my_profile_shows_my_own_profile_and_nobody_else(client_for_role, user_for_role, role):
    me = user_for_role(role).executive_profile
    others = ExecutiveProfile.objects.exclude(pk=me.pk)

    page = client_for_role(role).get(reverse("profiles:me")).content.decode()

    assert me.display_name in page
    assert others.exists()
    for other in others:
        assert other.display_name not in page


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_an_account_without_a_profile_is_offered_to_create_one(client_for_role, role):
    response = client_for_role(role).get(reverse("profiles:me"))

    assert "profiles/me_create.html" in [template.name for template in response.templates]
    assert 'name="consent"' in response.content.decode()


def profile_data(**overrides) -> dict:
    data = {
        "display_name": "Zhang Min 张敏",
        "title": "Head of Talent",
        "company": "Example Logistics",
        "company_type": "state_owned",
        "industry": "logistics",
        "city": "tianjin",
        "seniority": "executive",
        "speaks_chinese": "on",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_an_account_without_a_profile_creates_one_with_consent(client_for_role, recruiter):
    before = timezone.now()

    response = client_for_role("recruiter").post(reverse("profiles:me"), profile_data())

    assert response.status_code == 302
    profile = ExecutiveProfile.objects.get(user=recruiter)
    assert profile.display_name == "Zhang Min 张敏"
    assert profile.visibility == Visibility.PRIVATE
    assert before <= profile.consent_at <= timezone.now()


def test_creating_a_profile_needs_consent(client_for_role, recruiter):
    response = client_for_role("recruiter").post(reverse("profiles:me"), profile_data(consent=None))

    assert response.status_code == 400
    assert "agree to the privacy notice" in field_block(response.content.decode(), "id_consent")
    assert not ExecutiveProfile.objects.filter(user=recruiter).exists()


def test_posting_to_my_profile_does_not_create_a_second_one(client_for_role, executive):
    response = client_for_role("owner").post(reverse("profiles:me"), profile_data())

    assert response.status_code == 302
    assert ExecutiveProfile.objects.filter(user=executive).count() == 1
    assert executive.executive_profile.display_name != "Zhang Min 张敏"


@pytest.mark.parametrize(
    ("visibility", "recruiters_see", "public_sees"),
    [
        (Visibility.PRIVATE, "Nothing: you don't appear", "Nothing."),
        (Visibility.RECRUITERS, "Your profile, in their candidate search", "Nothing."),
        (
            Visibility.PUBLIC,
            "Your profile, in their candidate search",
            "but never your handles",
        ),
    ],
)
def test_my_profile_explains_visibility_in_plain_words(
    client_for_role, executive, visibility, recruiters_see, public_sees
):
    ExecutiveProfile.objects.filter(user=executive).update(visibility=visibility)

    page = client_for_role("owner").get(reverse("profiles:me")).content.decode()

    recruiters_part = page.split("Recruiters can see", 1)[1].split("The public can see", 1)
    assert recruiters_see in recruiters_part[0]
    assert public_sees in recruiters_part[1].split("You can see", 1)[0]


def test_my_profile_lists_memberships_with_handles_and_what_recruiters_see(
    client_for_role, executive
):
    profile = executive.executive_profile
    MembershipFactory(
        profile=profile, platform=PlatformFactory(name_en="Weibo"), handle="@li-on-weibo"
    )
    MembershipFactory(
        profile=profile,
        platform=PlatformFactory(name_en="WeChat"),
        handle="li-wechat-id",
        hide_handle=True,
    )

    page = client_for_role("owner").get(reverse("profiles:me")).content.decode()

    assert "@li-on-weibo" in page
    assert "li-wechat-id" in page
    assert "that you are on it, not your handle" in page
    assert "your handle" in page


@pytest.mark.parametrize("membership_count", [1, 6])
def test_my_profile_query_count_stays_flat_as_memberships_grow(
    client_for_role, executive, django_assert_num_queries, membership_count
):
    client = client_for_role("owner")
    for _ in range(membership_count):
        MembershipFactory(profile=executive.executive_profile)

    # session, user with their permissions and the nav's counts (one query), profile, memberships
    # with their platforms, the advice's catalog (4, outreach.catalog.load_catalog), the footer's
    # date
    with django_assert_num_queries(9 + PERMISSIONS_APART):
        response = client.get(reverse("profiles:me"))

    assert response.status_code == 200


@pytest.mark.parametrize(("is_fictional", "labelled"), [(True, True), (False, False)])
def test_my_profile_labels_a_fictional_person(client, is_fictional, labelled):
    profile = ExecutiveProfileFactory(is_fictional=is_fictional)
    client.force_login(profile.user)

    page = client.get(reverse("profiles:me")).content.decode()

    assert ("Fictional demo person" in page) is labelled
    assert ("This person does not exist" in page) is labelled


def test_editing_my_profile_saves_it(client_for_role, executive):
    response = client_for_role("owner").post(
        reverse("profiles:me_edit"),
        profile_data(visibility=Visibility.RECRUITERS, city=City.SHANGHAI, consent=None),
    )

    assert response.status_code == 302
    profile = ExecutiveProfile.objects.get(user=executive)
    assert profile.city == City.SHANGHAI
    assert profile.visibility == Visibility.RECRUITERS
    assert profile.speaks_english is False


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"display_name": ""}, "display_name", "This field is required"),
        ({"seniority": "intern"}, "seniority", "Select a valid choice"),
        ({"visibility": "everyone"}, "visibility", "Select a valid choice"),
        ({"display_name": "x" * 101}, "display_name", "at most 100 characters"),
    ],
    ids=["missing-name", "unknown-seniority", "unknown-visibility", "name-too-long"],
)
def test_editing_my_profile_shows_errors_next_to_the_field(
    client_for_role, executive, overrides, field, message
):
    before = ExecutiveProfile.objects.get(user=executive)

    response = client_for_role("owner").post(
        reverse("profiles:me_edit"),
        profile_data(**{"visibility": Visibility.PUBLIC, "consent": None, **overrides}),
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert message in field_block(response.content.decode(), f"id_{field}")
    after = ExecutiveProfile.objects.get(user=executive)
    assert (after.display_name, after.visibility) == (before.display_name, before.visibility)


def test_editing_cannot_touch_fields_the_form_does_not_offer(client_for_role, executive):
    consent_at = executive.executive_profile.consent_at

    client_for_role("owner").post(
        reverse("profiles:me_edit"),
        profile_data(
            visibility=Visibility.PRIVATE, is_fictional="on", consent_at="2000-01-01", user=999
        ),
    )

    profile = ExecutiveProfile.objects.get(user=executive)
    assert profile.is_fictional is False
    assert profile.consent_at == consent_at


# --- A form opened before someone else's edit ----------------------------------------------------


def opened_version(client) -> str:
    """The version the edit page hands out, as a browser keeps it in the form."""
    return client.get(reverse("profiles:me_edit")).context["form"]["version"].value()


def test_the_edit_form_carries_the_profiles_version(client_for_role, executive):
    page = client_for_role("owner").get(reverse("profiles:me_edit")).content.decode()

    assert 'type="hidden" name="version"' in page


def test_a_form_opened_before_another_edit_saves_nothing_and_keeps_what_was_typed(
    client_for_role, executive
):
    client = client_for_role("owner")
    version = opened_version(client)
    # Meanwhile, in another tab: the profile goes private and changes city.
    profile = ExecutiveProfile.objects.get(user=executive)
    profile.visibility, profile.city = Visibility.PRIVATE, City.BEIJING
    profile.save()

    response = client.post(
        reverse("profiles:me_edit"),
        profile_data(
            visibility=Visibility.PUBLIC, city=City.SHANGHAI, consent=None, version=version
        ),
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "changed elsewhere" in page
    assert "nothing was saved" in page
    saved_now = page.split('class="saved-now"', 1)[1].split("</table>", 1)[0]
    assert "Beijing" in saved_now
    assert "Shanghai" in saved_now
    assert 'value="Head of Talent"' in page
    assert response.context["form"]["city"].value() == City.SHANGHAI
    after = ExecutiveProfile.objects.get(user=executive)
    assert (after.visibility, after.city, after.title) == (
        Visibility.PRIVATE,
        City.BEIJING,
        profile.title,
    )


def test_saving_the_returned_form_again_keeps_what_was_typed(client_for_role, executive):
    client = client_for_role("owner")
    version = opened_version(client)
    ExecutiveProfile.objects.filter(user=executive).update(title="Changed elsewhere")
    data = profile_data(visibility=Visibility.PUBLIC, consent=None, version=version)
    returned = client.post(reverse("profiles:me_edit"), data)

    response = client.post(
        reverse("profiles:me_edit"),
        {**data, "version": returned.context["form"]["version"].value()},
    )

    assert (returned.status_code, response.status_code) == (409, 302)
    assert ExecutiveProfile.objects.get(user=executive).title == "Head of Talent"


def test_saving_an_unchanged_form_writes_nothing(client_for_role, executive):
    client = client_for_role("owner")
    form = client.get(reverse("profiles:me_edit")).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {key: ("on" if value is True else value) for key, value in data.items() if value}
    before = ExecutiveProfile.objects.get(user=executive).updated_at

    response = client.post(reverse("profiles:me_edit"), data)

    assert response.status_code == 302
    assert ExecutiveProfile.objects.get(user=executive).updated_at == before
