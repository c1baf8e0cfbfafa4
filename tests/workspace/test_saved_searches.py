"""Saved searches: saving the search page's filters, what is new in each (capped), opening one,
and the daily digest."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from profiles.models import City, ExecutiveProfile, Seniority, Visibility
from tests.factories import ExecutiveProfileFactory, SavedSearchFactory, UserFactory
from workspace import saved_searches, services
from workspace.digests import send_digests
from workspace.models import SavedSearch

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = datetime.timedelta(hours=1)


def suzhou_cfo(**fields) -> ExecutiveProfile:
    return ExecutiveProfileFactory(city=City.SUZHOU, seniority=Seniority.C_LEVEL, **fields)


def saved(recruiter, query="city=suzhou&seniority=c_level", **fields) -> SavedSearch:
    search = saved_searches.save_search(
        owner=recruiter, name="CFOs in Suzhou", query=query, **fields
    )
    SavedSearch.objects.filter(pk=search.pk).update(last_opened_at=timezone.now() - AN_HOUR_AGO)
    search.refresh_from_db()
    return search


# --- Saving --------------------------------------------------------------------------------------


def test_the_filters_are_kept_as_the_search_applies_them(recruiter):
    search = saved_searches.save_search(
        owner=recruiter,
        name="  CFOs   in Suzhou ",
        query="page=3&sort=best&city=suzhou&purpose=recruiting&seniority=c_level",
    )

    assert search.name == "CFOs in Suzhou"
    assert search.query == "city=suzhou&seniority=c_level"
    assert search.last_opened_at is not None


def test_filters_pasted_with_the_addresss_question_mark_are_kept(recruiter):
    search = saved_searches.save_search(owner=recruiter, name="CFOs", query="?q=CFO")

    assert search.query == "q=CFO"


@pytest.mark.parametrize(
    ("query", "unknown"),
    [("CFO", "CFO"), ("q=CFO&foo=bar", "foo"), ("2099-01-01", "2099-01-01")],
)
def test_a_name_the_search_does_not_know_is_refused_rather_than_saving_every_candidate(
    recruiter, query, unknown
):
    """Dropped, "CFO" left no filter at all: a search of every candidate under the name the
    recruiter gave it."""
    with pytest.raises(ValidationError) as refused:
        saved_searches.save_search(owner=recruiter, name="CFOs", query=query)

    (message,) = refused.value.message_dict["query"]
    assert message.startswith(f"Not a filter of the candidate search: {unknown}.")
    assert not SavedSearch.objects.exists()


def test_filters_the_search_page_refuses_are_refused_with_its_words(recruiter_client, recruiter):
    search_page = recruiter_client.get(reverse("profiles:candidates"), {"city": "atlantis"})
    message = search_page.context["form"].errors["city"][0]

    with pytest.raises(ValidationError) as refused:
        saved_searches.save_search(owner=recruiter, name="Nowhere", query="city=atlantis")

    assert refused.value.message_dict == {"query": [f"City: {message}"]}


def test_a_project_one_can_only_view_is_refused_naming_project(recruiter, colleague):
    theirs = services.create_project(owner=colleague, name="Theirs")
    services.share_project(project=theirs, by=colleague, username="recruiter", role="view")

    with pytest.raises(ValidationError) as refused:
        saved_searches.save_search(owner=recruiter, name="X", query="", project=theirs)

    assert "project" in refused.value.message_dict


def test_the_save_page_describes_the_filters_and_saves_them(recruiter_client, recruiter, project):
    url = reverse("workspace:saved_search_new")

    shown = recruiter_client.get(url, {"city": "suzhou", "seniority": "c_level", "page": "2"})
    saved_response = recruiter_client.post(
        url,
        {"name": "CFOs in Suzhou", "project": project.pk, "digest": "on", "query": "city=suzhou"},
    )

    assert shown.status_code == 200
    assert ("City", "Suzhou") in shown.context["filters"]
    search = SavedSearch.objects.get()
    assert (search.project, search.digest, search.query) == (project, True, "city=suzhou")
    assert saved_response.url == f"{reverse('profiles:candidates')}?city=suzhou"


@pytest.mark.parametrize(
    ("word", "digest"), [("1", True), ("yes", True), ("0", False), ("off", False)]
)
def test_the_digest_box_reads_the_sites_yes_no_words(recruiter_client, word, digest):
    recruiter_client.post(
        reverse("workspace:saved_search_new"), {"name": "CFOs", "digest": word, "query": "q=cfo"}
    )

    assert SavedSearch.objects.get().digest is digest


def test_a_digest_box_that_says_neither_yes_nor_no_is_refused_next_to_it(recruiter_client):
    response = recruiter_client.post(
        reverse("workspace:saved_search_new"), {"name": "CFOs", "digest": "maybe", "query": ""}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["digest"]
    assert not SavedSearch.objects.exists()


def test_the_save_page_shows_the_search_pages_refusal(recruiter_client):
    response = recruiter_client.get(reverse("workspace:saved_search_new"), {"city": "atlantis"})

    assert response.status_code == 400
    assert [label for label, _message in response.context["filter_problems"]] == ["City"]


def test_the_search_page_offers_to_save_its_filters(recruiter_client):
    response = recruiter_client.get(reverse("profiles:candidates"), {"city": "suzhou", "page": 1})

    assert f"{reverse('workspace:saved_search_new')}?city=suzhou" in response.content.decode()


# --- New since last opened -----------------------------------------------------------------------


def test_new_counts_profiles_that_match_and_changed_since_last_opened(recruiter):
    unchanged = suzhou_cfo()
    ExecutiveProfile.objects.filter(pk=unchanged.pk).update(
        updated_at=timezone.now() - 2 * AN_HOUR_AGO
    )
    search = saved(recruiter)
    suzhou_cfo()  # new
    suzhou_cfo(visibility=Visibility.PRIVATE)  # not one the recruiter may see
    ExecutiveProfileFactory(city=City.SHANGHAI)  # doesn't match
    unchanged.title = "Chief Executive Officer"  # starts to count: changed since
    unchanged.save()

    assert saved_searches.new_count(search).count == 2


def test_the_count_stops_at_the_cap_in_one_statement(
    recruiter, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(saved_searches, "NEW_COUNT_CAP", 3)
    search = saved(recruiter)
    for _ in range(5):
        suzhou_cfo()

    (search,) = saved_searches.with_new_counts(recruiter, [search])  # the owner's permissions
    with django_assert_num_queries(1):
        new = saved_searches.new_count(search)

    assert (new.count, new.capped, str(new)) == (3, True, "2+")


def test_a_real_cap_reads_99_plus():
    assert str(saved_searches.NewCount(100)) == "99+"
    assert str(saved_searches.NewCount(42)) == "42"


def test_opening_shows_the_results_and_starts_counting_again(recruiter_client, recruiter):
    search = saved(recruiter)
    suzhou_cfo()

    response = recruiter_client.get(reverse("workspace:saved_search_open", args=[search.pk]))

    assert response.url == f"{reverse('profiles:candidates')}?city=suzhou&seniority=c_level"
    search.refresh_from_db()
    assert saved_searches.new_count(search).count == 0


def test_the_workspace_home_lists_them_with_their_new_counts(recruiter_client, recruiter):
    saved(recruiter)
    suzhou_cfo()

    response = recruiter_client.get(reverse("workspace:home"))

    (search,) = response.context["saved_searches"]
    assert search.new.count == 1
    assert "1 new" in response.content.decode()


def test_another_recruiters_saved_search_does_not_exist_for_them(client, recruiter, colleague):
    search = saved(recruiter)
    client.force_login(colleague)

    for name, method in [
        ("workspace:saved_search", "get"),
        ("workspace:saved_search_open", "get"),
        ("workspace:saved_search_delete", "post"),
    ]:
        assert getattr(client, method)(reverse(name, args=[search.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk, last_opened_at=search.last_opened_at).exists()


def test_the_settings_page_renames_and_files_it_on_its_own(recruiter_client, recruiter, project):
    search = saved(recruiter, project=project)

    response = recruiter_client.post(
        reverse("workspace:saved_search", args=[search.pk]), {"name": "Suzhou CFOs", "project": ""}
    )

    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.project) == ("Suzhou CFOs", None)


# --- The daily digest ----------------------------------------------------------------------------


@pytest.fixture
def digest_search(recruiter):
    return saved(recruiter, digest=True)


def test_one_email_per_recruiter_lists_the_new_matches_of_all_their_searches(
    recruiter, digest_search
):
    saved(recruiter, query="city=shanghai", digest=True)
    saved(recruiter, query="city=beijing")  # no digest
    suzhou_cfo(display_name="Zhou Lan 周岚")
    ExecutiveProfileFactory(city=City.SHANGHAI, display_name="Wang Wei 王伟")
    ExecutiveProfileFactory(city=City.BEIJING, display_name="Li Na 李娜")

    run = send_digests()

    assert run.sent == 1
    (message,) = mail.outbox
    assert message.to == [recruiter.email]
    assert "Zhou Lan 周岚" in message.body
    assert "Wang Wei 王伟" in message.body
    assert "Li Na" not in message.body
    assert message.body.count("\n---\n") == 1  # in both languages


def test_nothing_new_sends_nothing_and_a_digest_is_not_repeated(digest_search):
    assert send_digests().sent == 0

    suzhou_cfo()
    assert send_digests().sent == 1
    assert send_digests().sent == 0
    assert len(mail.outbox) == 1


def test_a_rename_while_the_digest_goes_out_does_not_send_its_matches_again(
    recruiter, digest_search
):
    shown = SavedSearch.objects.get(pk=digest_search.pk)  # the settings page's copy
    suzhou_cfo()
    assert send_digests().sent == 1

    saved_searches.update_search(search=shown, by=recruiter, name="Suzhou CFOs")

    assert send_digests().sent == 0
    assert SavedSearch.objects.get(pk=digest_search.pk).name == "Suzhou CFOs"


def test_a_recruiter_without_an_email_address_or_the_role_gets_none(recruiter, digest_search):
    executive = UserFactory(username="not-a-recruiter")
    SavedSearchFactory(owner=executive, digest=True, query="")
    recruiter.email = ""
    recruiter.save()
    suzhou_cfo()

    assert send_digests().sent == 0
    assert mail.outbox == []


def test_the_command_sends_through_the_configured_backend(digest_search, capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    suzhou_cfo()

    call_command("send_saved_search_digests")

    assert "1 sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_pages_work_in_both_languages(recruiter_client, recruiter, language):
    search = saved(recruiter)
    with translation.override(language):  # and back to the language before, after the requests
        urls = [
            reverse("workspace:saved_searches"),
            reverse("workspace:saved_search", args=[search.pk]),
            f"{reverse('workspace:saved_search_new')}?city=suzhou",
        ]
        statuses = [recruiter_client.get(url).status_code for url in urls]

    assert statuses == [200, 200, 200]
