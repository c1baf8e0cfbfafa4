"""The introduction pages: asking along a path from a person's page, the inbox with its count in
the navigation, and answering one, in both languages."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.connections import block_person
from profiles.introduction_rules import Action
from profiles.introductions import act_on_introduction, ask_for_introduction
from profiles.models import ExecutiveProfile, Introduction, Visibility
from profiles.network_models import IntroductionStatus
from tests.databases import PERMISSIONS_APART
from tests.factories import ExecutiveProfileFactory, MembershipFactory, connect

pytestmark = pytest.mark.django_db

INBOX = reverse("profiles:introductions")
NEW = reverse("profiles:introduction_new")


def person(name: str, **fields) -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name=name, visibility=Visibility.PUBLIC, **fields)


@pytest.fixture
def people() -> dict[str, ExecutiveProfile]:
    cast = {
        "requester": person("Zhou Min", title="Head of Operations", company="Lakeside Motors"),
        "intermediary": person("Li Wei"),
        "second": person("Chen Jing"),
        "target": person("Gao Yan"),
    }
    connect(cast["requester"], cast["intermediary"])
    connect(cast["intermediary"], cast["target"])
    connect(cast["intermediary"], cast["second"])
    connect(cast["second"], cast["target"])
    return cast


def signed_in(client, profile: ExecutiveProfile):
    client.force_login(profile.user)
    return client


def page(response) -> str:
    return unescape(response.content.decode())


def asked(people, **overrides) -> Introduction:
    values = {
        "requester": people["requester"],
        "target_id": people["target"].pk,
        "via_id": people["intermediary"].pk,
        "purpose": "business_development",
        "message": "An hour of advice on a plant in Suzhou?",
        **overrides,
    }
    return ask_for_introduction(**values)


def passed_on_to_second(people) -> Introduction:
    """An introduction the intermediary passed on to the second intermediary, to another
    person Chen Jing knows."""
    other = person("Wu Fang")
    connect(people["second"], other)
    introduction = asked(people, target_id=other.pk, then_id=people["second"].pk)
    return act_on_introduction(
        introduction=introduction, actor=people["intermediary"], action=Action.PASS_ON
    )


def passed_on(people) -> Introduction:
    return act_on_introduction(
        introduction=asked(people), actor=people["intermediary"], action=Action.PASS_ON
    )


# --- Asking --------------------------------------------------------------------------------------


def test_the_form_offers_the_paths_with_the_linked_one_chosen(client, people):
    """Wu Fang is known to Chen Jing and to Li Wei's other friend: two third-degree paths."""
    intermediary, second = people["intermediary"], people["second"]
    target, other = person("Wu Fang"), person("Sun Li")
    connect(second, target)
    connect(intermediary, other)
    connect(other, target)
    query = {"target": target.pk, "via": intermediary.pk, "then": second.pk}

    response = signed_in(client, people["requester"]).get(NEW, query)

    assert response.status_code == 200
    form = response.context["form"]
    assert form["route"].value() == f"{intermediary.pk}-{second.pk}"
    assert len(form.fields["route"].choices) == 2
    assert "via Li Wei" in page(response)
    assert "Ask for an introduction to Wu Fang" in page(response)


def test_sending_the_form_asks_and_opens_the_introduction(client, people):
    target, via = people["target"], people["intermediary"]

    response = signed_in(client, people["requester"]).post(
        f"{NEW}?target={target.pk}",
        {"route": str(via.pk), "purpose": "peer_networking", "message": "Tea next week?"},
    )

    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("profiles:introduction", kwargs={"pk": introduction.pk})
    assert (introduction.intermediary, introduction.target) == (via, target)
    assert introduction.purpose == "peer_networking"


def test_a_refusal_is_shown_next_to_the_choice_of_path(client, people):
    asked(people)
    target, via = people["target"], people["intermediary"]

    response = signed_in(client, people["requester"]).post(
        f"{NEW}?target={target.pk}", {"route": str(via.pk), "purpose": "recruiting", "message": "x"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "route": ["You already have an open introduction request to this person."]
    }


def test_a_route_that_is_not_one_of_the_paths_is_refused(client, people):
    target = people["target"]

    response = signed_in(client, people["requester"]).post(
        f"{NEW}?target={target.pk}",
        {"route": str(people["second"].pk), "purpose": "recruiting", "message": "Hello"},
    )

    assert response.status_code == 400
    assert "route" in response.context["form"].errors
    assert not Introduction.objects.exists()


def test_without_a_path_the_page_says_so(client, people):
    stranger = person("Wu Fang")

    response = signed_in(client, people["requester"]).get(NEW, {"target": stranger.pk})

    assert response.status_code == 200
    assert "You have no introduction path to Wu Fang yet" in " ".join(page(response).split())


@pytest.mark.parametrize(
    "target",
    [
        lambda people: people["requester"].pk,
        lambda people: ExecutiveProfileFactory(visibility=Visibility.PRIVATE).pk,
        lambda people: "x",
        lambda people: 10**30,
        lambda people: "1" * 5000,  # more digits than Python turns into a number
        lambda people: "²",  # a digit to str.isdigit, not to int()
    ],
    ids=["yourself", "private", "not a number", "huge", "thousands of digits", "superscript"],
)
def test_a_person_you_may_not_ask_about_is_not_found(client, people, target):
    response = signed_in(client, people["requester"]).get(NEW, {"target": target(people)})

    assert response.status_code == 404


# --- The inbox -----------------------------------------------------------------------------------


def test_the_inbox_lists_what_is_asked_of_you_first_and_what_you_asked(client, people):
    theirs = asked(people)
    mine = ask_for_introduction(
        requester=people["intermediary"],
        target_id=people["target"].pk,
        via_id=people["second"].pk,
        purpose="recruiting",
        message="Would Gao Yan talk to me about a role?",
    )
    passed = passed_on_to_second(people)

    response = signed_in(client, people["intermediary"]).get(INBOX)

    inbox = response.context["inbox"]
    assert [item.pk for item in inbox.received] == [theirs.pk, passed.pk]
    assert [item.shown for item in inbox.received] == ["your_turn", "waiting"]
    assert [item.pk for item in inbox.sent] == [mine.pk]
    text = " ".join(page(response).split())
    assert "Zhou Min asks you to introduce them to Gao Yan" in text
    assert "Waiting for your answer" in text


def test_opening_the_inbox_clears_the_count_in_the_navigation(client, people):
    asked(people)
    client = signed_in(client, people["intermediary"])

    before = page(client.get(reverse("profiles:me")))
    client.get(INBOX)
    after = page(client.get(reverse("profiles:me")))

    assert "introduction with news" in before
    assert "introduction with news" not in after


def test_the_inbox_itself_shows_the_count_cleared(client, people):
    """The count is read with the signed-in user, before the inbox is marked seen: the inbox
    reads it again."""
    asked(people)
    client = signed_in(client, people["intermediary"])

    inbox = page(client.get(INBOX))

    assert "introduction with news" not in inbox


def test_the_inbox_reads_the_same_number_of_queries_however_many(
    client, people, django_assert_num_queries
):
    client = signed_in(client, people["intermediary"])
    asked(people)
    client.get(INBOX)  # warm the session and the catalogue of translations
    for index in range(4):
        other = person(f"Target {index}")
        connect(people["intermediary"], other)
        asked(people, target_id=other.pk)

    # Session, user with their permissions (one query), the navigation's counts, the profile,
    # two lists with their events and requesters' channels, the seen mark.
    with django_assert_num_queries(9 + PERMISSIONS_APART):
        response = client.get(INBOX)

    assert len(response.context["inbox"].received) == 5


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_inbox_works_in_both_languages(client, people, language):
    asked(people)

    response = signed_in(client, people["requester"]).get(f"/{language}/me/introductions/")

    assert response.status_code == 200
    assert response.context["inbox"].sent[0].target == "Gao Yan"


def test_without_a_profile_you_are_sent_to_make_one(client, recruiter):
    client.force_login(recruiter)

    response = client.get(INBOX)

    assert response.url == reverse("profiles:me")


# --- Answering -----------------------------------------------------------------------------------


def test_the_intermediary_passes_it_on_from_its_page(client, people):
    introduction = asked(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    response = signed_in(client, people["intermediary"]).post(url, {"action": "pass-on"})

    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WITH_TARGET


def test_the_person_to_meet_chooses_a_channel_and_the_requester_sees_it(client, people):
    introduction = passed_on(people)
    chosen = MembershipFactory(profile=people["target"], handle="gaoyan-wx", hide_handle=True)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    form = signed_in(client, people["target"]).get(url)
    text = " ".join(page(form).split())
    assert (
        "asks whether you would like to meet someone: Head of Operations, Lakeside Motors" in text
    )
    assert "Zhou Min" not in text
    response = client.post(url, {"action": "accept", "membership": str(chosen.pk)})
    assert response.status_code == 302

    shown = signed_in(client, people["requester"]).get(url)
    assert "gaoyan-wx" in page(shown)
    assert "Gao Yan chose this channel for you" in page(shown)


def test_the_only_choice_to_write_first_is_chosen_already(client, people):
    introduction = passed_on(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    form = signed_in(client, people["target"]).get(url).context["form"]

    assert form["membership"].value() == "app"


def test_a_target_who_writes_first_is_told_so_and_sees_only_the_handles_not_hidden(client, people):
    MembershipFactory(profile=people["requester"], handle="zhoumin-weibo")
    MembershipFactory(profile=people["requester"], handle="zhoumin-wx", hide_handle=True)
    introduction = passed_on(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    response = signed_in(client, people["target"]).post(
        url, {"action": "accept", "membership": "app"}, follow=True
    )

    text = page(response)
    assert "Accepted: write to them first, on one of the platforms shown below." in text
    assert "zhoumin-weibo" in text
    assert "zhoumin-wx" not in text


def test_once_accepted_the_persons_page_links_the_introduction_instead_of_asking_again(
    client, people
):
    introduction = passed_on(people)
    act_on_introduction(
        introduction=introduction, actor=people["target"], action=Action.ACCEPT, reply_in_app=True
    )

    response = signed_in(client, people["requester"]).get(
        reverse("profiles:detail", kwargs={"pk": people["target"].pk})
    )

    text = " ".join(page(response).split())
    assert "You were introduced: you asked on" in text
    assert reverse("profiles:introduction", kwargs={"pk": introduction.pk}) in text
    assert "Ask for an introduction" not in text


def accepted_with_handle(client, people) -> str:
    """An introduction the person to meet accepted with a WeChat-like handle: its page's URL."""
    introduction = passed_on(people)
    chosen = MembershipFactory(profile=people["target"], handle="gaoyan-wx")
    act_on_introduction(
        introduction=introduction,
        actor=people["target"],
        action=Action.ACCEPT,
        membership_id=chosen.pk,
    )
    return reverse("profiles:introduction", kwargs={"pk": introduction.pk})


def test_once_the_person_to_meet_blocks_the_requester_their_handle_is_gone(client, people):
    url = accepted_with_handle(client, people)

    block_person(blocker=people["target"], blocked=people["requester"])

    shown = page(signed_in(client, people["requester"]).get(url))
    assert "gaoyan-wx" not in shown
    assert "How to reach each other" not in shown


def test_an_accepted_introduction_is_new_only_until_the_inbox_is_opened(client, people):
    url = accepted_with_handle(client, people)
    signed_in(client, people["requester"])

    assert ">new<" in page(client.get(url))
    client.get(INBOX)
    assert ">new<" not in page(client.get(url))


def test_accepting_without_a_channel_says_so_next_to_the_choice(client, people):
    introduction = passed_on(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    response = signed_in(client, people["target"]).post(url, {"action": "accept"})

    assert response.status_code == 400
    assert "membership" in response.context["form"].errors
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WITH_TARGET


def test_answering_twice_says_it_no_longer_waits(client, people):
    introduction = asked(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})
    client = signed_in(client, people["intermediary"])
    client.post(url, {"action": "pass-on"})

    response = client.post(url, {"action": "decline"})

    assert response.status_code == 400
    assert "This introduction is no longer waiting for you." in page(response)


def test_a_channel_posted_to_a_closed_introduction_is_refused_where_it_can_be_read(client, people):
    """The accept form is gone once nothing waits: its field's error shows above."""
    introduction = asked(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})
    signed_in(client, people["intermediary"]).post(url, {"action": "pass-on"})
    target = signed_in(client, people["target"])
    target.post(url, {"action": "decline"})

    response = target.post(url, {"action": "accept", "membership": "5"})

    assert response.status_code == 400
    assert "5 is not one of the available choices." in page(response)


def test_the_person_to_meet_does_not_find_it_before_it_reaches_them(client, people):
    introduction = asked(people)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    assert signed_in(client, people["target"]).get(url).status_code == 404


def test_after_a_decline_the_requester_still_reads_waiting(client, people):
    introduction = passed_on(people)
    act_on_introduction(introduction=introduction, actor=people["target"], action=Action.DECLINE)
    url = reverse("profiles:introduction", kwargs={"pk": introduction.pk})

    text = " ".join(page(signed_in(client, people["requester"]).get(url)).split())

    assert "Waiting for Gao Yan" in text
    assert "declined" not in text.lower()
    Introduction.objects.filter(pk=introduction.pk).update(expires_at=timezone.now())
    assert "Not accepted" in page(client.get(url))
