"""Double opt-in introductions (`profiles.introductions`): asking along a real path, the state
machine as a table, expiry, the channel the person to meet chooses, what each party is shown
(never a decline), and the optional emails."""

from __future__ import annotations

import datetime
import itertools
from io import StringIO

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management import call_command
from django.utils import timezone

from profiles.connections import block_person, unblock_person
from profiles.introduction_rules import MAX_OPEN_PER_REQUESTER, Action, Role
from profiles.introduction_selectors import Shown, introduction_for, view_of
from profiles.introductions import (
    act_on_introduction,
    ask_for_introduction,
    expire_stale_introductions,
)
from profiles.models import Block, Contact, ExecutiveProfile, Introduction, Visibility
from profiles.network_models import IntroductionStatus, Willingness
from profiles.viewer import nav_counts
from tests.factories import (
    ExecutiveProfileFactory,
    IntroductionFactory,
    MembershipFactory,
    PlatformFactory,
    connect,
)

pytestmark = pytest.mark.django_db

Status = IntroductionStatus
MESSAGE = "We are opening a plant in Suzhou and would value an hour of advice."


def person(name: str, **fields) -> ExecutiveProfile:
    return ExecutiveProfileFactory(display_name=name, visibility=Visibility.PUBLIC, **fields)


@pytest.fixture
def people() -> dict[str, ExecutiveProfile]:
    """requester → A → T (second degree) and requester → A → B → T (third degree)."""
    cast = {
        "requester": person("Zhou Min", title="Head of Operations", company="Lakeside Motors"),
        "intermediary": person("Li Wei"),
        "second_intermediary": person("Chen Jing"),
        "target": person("Gao Yan"),
    }
    connect(cast["requester"], cast["intermediary"])
    connect(cast["intermediary"], cast["target"])
    connect(cast["intermediary"], cast["second_intermediary"])
    connect(cast["second_intermediary"], cast["target"])
    return cast


def ask(people, *, then: bool = False, **overrides) -> Introduction:
    values = {
        "requester": people["requester"],
        "target_id": people["target"].pk,
        "via_id": people["intermediary"].pk,
        "then_id": people["second_intermediary"].pk if then else None,
        "purpose": "business_development",
        "message": MESSAGE,
        **overrides,
    }
    return ask_for_introduction(**values)


def act(people, introduction: Introduction, role: str, action: str, **channel) -> Introduction:
    if action == Action.ACCEPT and not channel:
        channel = {"reply_in_app": True}
    introduction = Introduction.objects.get(pk=introduction.pk)
    return act_on_introduction(
        introduction=introduction, actor=people[role], action=action, **channel
    )


def refusal(error: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    """The one field refused and its error's code."""
    ((field, errors),) = error.value.error_dict.items()
    return field, errors[0].code


# --- Asking --------------------------------------------------------------------------------------


def test_asking_leaves_it_with_the_intermediary_for_fourteen_days(people):
    introduction = ask(people)

    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_INTERMEDIARY
    assert (introduction.intermediary, introduction.target) == (
        people["intermediary"],
        people["target"],
    )
    assert introduction.second_intermediary is None
    assert introduction.expires_at - introduction.created_at == pytest.approx(
        datetime.timedelta(days=14), abs=datetime.timedelta(seconds=5)
    )
    assert [(e.actor, e.status) for e in introduction.events.all()] == [
        (people["requester"], Status.WITH_INTERMEDIARY)
    ]


def test_a_third_degree_path_names_the_second_intermediary(people):
    introduction = ask(people, then=True)

    assert introduction.second_intermediary == people["second_intermediary"]


def unwilling(people):
    Contact.objects.filter(owner=people["intermediary"], other=people["target"]).update(
        willingness=Willingness.NEVER
    )


def unwilling_second(people):
    Contact.objects.filter(owner=people["second_intermediary"], other=people["target"]).update(
        willingness=Willingness.NEVER
    )


def stranger(people):
    return person("Stranger").pk


def blocking(blocker: str, blocked: str):
    def setup(people):
        Block.objects.create(blocker=people[blocker], blocked=people[blocked])

    return setup


def updating(who: str, **fields):
    def setup(people):
        ExecutiveProfile.objects.filter(pk=people[who].pk).update(**fields)

    return setup


def no_link(owner: str, other: str):
    def setup(people):
        Contact.objects.filter(owner=people[owner], other=people[other]).delete()

    return setup


def pk(role: str):
    return lambda people: people[role].pk


def nothing(people):
    return None


# (what to change first, the arguments, the field refused and why)
REFUSALS = [
    (nothing, {"target_id": pk("requester")}, "target", "self"),
    (nothing, {"target_id": 10**30}, "target", "unknown"),
    (nothing, {"target_id": 999_999}, "target", "unknown"),
    (updating("target", visibility=Visibility.PRIVATE), {}, "target", "unknown"),
    # Shared with recruiters only: the requester, an executive, does not see it.
    (updating("target", visibility=Visibility.RECRUITERS), {}, "target", "unknown"),
    (updating("target", accepts_introductions=False), {}, "target", "closed"),
    (blocking("target", "requester"), {}, "target", "blocked"),
    (blocking("requester", "target"), {}, "target", "blocked"),
    (nothing, {"via_id": pk("target")}, "via", "target"),
    (nothing, {"via_id": pk("second_intermediary")}, "via", "not_connected"),
    (nothing, {"via_id": stranger}, "via", "not_connected"),
    (updating("intermediary", visibility=Visibility.PRIVATE), {}, "via", "private"),
    (updating("intermediary", accepts_introductions=False), {}, "via", "closed"),
    (blocking("intermediary", "requester"), {}, "via", "blocked"),
    (unwilling, {}, "via", "no_path"),
    (no_link("intermediary", "target"), {}, "via", "no_path"),
    (blocking("target", "intermediary"), {}, "via", "no_path"),
    (nothing, {"then": True, "then_id": pk("requester")}, "then", "repeated"),
    (nothing, {"then": True, "then_id": pk("target")}, "then", "repeated"),
    (nothing, {"then": True, "then_id": stranger}, "then", "no_path"),
    (no_link("intermediary", "second_intermediary"), {"then": True}, "then", "no_path"),
    (unwilling_second, {"then": True}, "then", "no_path"),
    (
        updating("second_intermediary", visibility=Visibility.PRIVATE),
        {"then": True},
        "then",
        "unknown",
    ),
    (blocking("second_intermediary", "requester"), {"then": True}, "then", "blocked"),
    (nothing, {"purpose": "selling"}, "purpose", "invalid_choice"),
    (nothing, {"message": ""}, "message", "blank"),
    (nothing, {"message": "x" * 1001}, "message", "max_length"),
]


@pytest.mark.parametrize("known", [True, False], ids=["known", "unknown to the intermediary"])
def test_a_second_intermediary_who_blocked_the_requester_refuses_whoever_knows_them(people, known):
    """Their refusal is read before the first intermediary's links, so naming someone who
    blocked you says nothing of whom your connection knows."""
    blocking("second_intermediary", "requester")(people)
    if not known:
        no_link("intermediary", "second_intermediary")(people)

    with pytest.raises(ValidationError) as error:
        ask(people, then=True)

    assert refusal(error) == ("then", "blocked")


@pytest.mark.parametrize(
    ("setup", "arguments", "field", "code"),
    REFUSALS,
    ids=[f"{field}-{code}-{i}" for i, (_, _, field, code) in enumerate(REFUSALS)],
)
def test_each_problem_is_refused_under_its_field(people, setup, arguments, field, code):
    setup(people)
    arguments = {
        name: value(people) if callable(value) else value for name, value in arguments.items()
    }

    with pytest.raises(ValidationError) as error:
        ask(people, **arguments)

    assert refusal(error) == (field, code)
    assert not Introduction.objects.exists()


def test_a_refusal_names_the_people_it_is_about(people):
    unwilling(people)

    with pytest.raises(ValidationError) as error:
        ask(people)

    assert error.value.message_dict == {"via": ["Li Wei can't introduce you to Gao Yan."]}


@pytest.mark.parametrize(
    "setup", [unwilling, no_link("intermediary", "target"), blocking("target", "intermediary")]
)
def test_a_refused_link_says_nothing_of_other_peoples_links_or_blocks(people, setup):
    """Whether the intermediary doesn't know the target, would not introduce them, or is
    blocked by them, the requester reads the same words."""
    setup(people)

    with pytest.raises(ValidationError) as error:
        ask(people)

    assert error.value.message_dict == {"via": ["Li Wei can't introduce you to Gao Yan."]}


def test_the_message_and_the_path_are_reported_together(people):
    with pytest.raises(ValidationError) as error:
        ask(people, message="", via_id=people["target"].pk)

    assert set(error.value.message_dict) == {"message", "via"}


def test_one_open_request_per_person_to_meet(people):
    ask(people)

    with pytest.raises(ValidationError) as error:
        ask(people)

    assert refusal(error) == ("target", "duplicate")


def test_no_new_request_once_the_person_accepted_one(people):
    """Asking again would only trouble the people on the path: the two can reach each other."""
    act(people, ask(people), "intermediary", Action.PASS_ON)
    act(people, Introduction.objects.get(), TARGET, ACCEPT, reply_in_app=True)

    with pytest.raises(ValidationError) as error:
        ask(people)

    assert refusal(error) == ("target", "introduced")


def test_a_declined_request_still_counts_as_open_until_its_deadline(people):
    """Asking again would otherwise succeed, and so reveal the decline."""
    introduction = ask(people)
    act(people, introduction, "intermediary", Action.DECLINE)

    with pytest.raises(ValidationError) as error:
        ask(people)

    assert refusal(error) == ("target", "duplicate")


def test_a_stale_request_is_expired_when_asking_again(people):
    stale = ask(people)
    Introduction.objects.filter(pk=stale.pk).update(expires_at=timezone.now())

    fresh = ask(people)

    stale.refresh_from_db()
    assert stale.status == Status.EXPIRED
    assert stale.events.last().status == Status.EXPIRED
    assert fresh.status == Status.WITH_INTERMEDIARY


def test_at_most_ten_open_requests(people):
    requester, intermediary = people["requester"], people["intermediary"]
    for _ in range(MAX_OPEN_PER_REQUESTER):
        IntroductionFactory(requester=requester, intermediary=intermediary)
    newest = person("Eleventh")
    connect(intermediary, newest)

    with pytest.raises(ValidationError) as error:
        ask(people, target_id=newest.pk)

    assert refusal(error) == (NON_FIELD_ERRORS, "too_many")


# --- The state machine ---------------------------------------------------------------------------

REQUESTER, INTERMEDIARY, SECOND, TARGET = (
    "requester",
    "intermediary",
    "second_intermediary",
    "target",
)
ACCEPT, DECLINE, PASS_ON, WITHDRAW = (
    Action.ACCEPT,
    Action.DECLINE,
    Action.PASS_ON,
    Action.WITHDRAW,
)

# (third degree?, the steps taken, the status they end in)
JOURNEYS = [
    (False, [(INTERMEDIARY, PASS_ON)], Status.WITH_TARGET),
    (True, [(INTERMEDIARY, PASS_ON)], Status.WITH_SECOND_INTERMEDIARY),
    (True, [(INTERMEDIARY, PASS_ON), (SECOND, PASS_ON)], Status.WITH_TARGET),
    (False, [(INTERMEDIARY, PASS_ON), (TARGET, ACCEPT)], Status.ACCEPTED),
    (True, [(INTERMEDIARY, PASS_ON), (SECOND, PASS_ON), (TARGET, ACCEPT)], Status.ACCEPTED),
    (False, [(INTERMEDIARY, DECLINE)], Status.DECLINED),
    (True, [(INTERMEDIARY, PASS_ON), (SECOND, DECLINE)], Status.DECLINED),
    (False, [(INTERMEDIARY, PASS_ON), (TARGET, DECLINE)], Status.DECLINED),
    (False, [(REQUESTER, WITHDRAW)], Status.WITHDRAWN),
    (True, [(INTERMEDIARY, PASS_ON), (REQUESTER, WITHDRAW)], Status.WITHDRAWN),
    (False, [(INTERMEDIARY, PASS_ON), (TARGET, DECLINE), (REQUESTER, WITHDRAW)], Status.WITHDRAWN),
]


@pytest.mark.parametrize(("third_degree", "steps", "final"), JOURNEYS)
def test_each_journey_ends_where_the_table_says_and_records_every_step(
    people, third_degree, steps, final
):
    introduction = ask(people, then=third_degree)
    for role, action in steps:
        introduction = act(people, introduction, role, action)

    assert introduction.status == final
    assert introduction.version == 1 + len(steps)
    recorded = [(event.actor_id, event.status) for event in introduction.events.all()[1:]]
    assert [actor for actor, _ in recorded] == [people[role].pk for role, _ in steps]
    assert recorded[-1][1] == final


# Who may do what from each status; everything else is refused and changes nothing.
ALLOWED = {
    Status.WITH_INTERMEDIARY: {
        (INTERMEDIARY, PASS_ON),
        (INTERMEDIARY, DECLINE),
        (REQUESTER, WITHDRAW),
    },
    Status.WITH_SECOND_INTERMEDIARY: {(SECOND, PASS_ON), (SECOND, DECLINE), (REQUESTER, WITHDRAW)},
    Status.WITH_TARGET: {(TARGET, ACCEPT), (TARGET, DECLINE), (REQUESTER, WITHDRAW)},
    Status.DECLINED: {(REQUESTER, WITHDRAW)},
    Status.ACCEPTED: set(),
    Status.WITHDRAWN: set(),
    Status.EXPIRED: set(),
}
CASES = [
    (status, role, action)
    for status in ALLOWED
    for role, action in itertools.product((REQUESTER, INTERMEDIARY, SECOND, TARGET), Action)
]


@pytest.mark.parametrize(("status", "role", "action"), CASES)
def test_only_the_party_whose_turn_it_is_may_act(people, status, role, action):
    introduction = IntroductionFactory(
        requester=people["requester"],
        intermediary=people["intermediary"],
        second_intermediary=people["second_intermediary"],
        target=people["target"],
        status=status,
    )

    if (role, action) in ALLOWED[status]:
        assert act(people, introduction, role, action).version == 2
        return
    with pytest.raises(ValidationError) as error:
        act(people, introduction, role, action)
    assert refusal(error) == ("status", "not_waiting")
    introduction.refresh_from_db()
    assert (introduction.status, introduction.version) == (status, 1)
    assert not introduction.events.exists()


def test_an_answer_from_a_version_read_before_another_answer_changes_nothing(people):
    introduction = ask(people)
    read_before = Introduction.objects.get(pk=introduction.pk)
    act(people, introduction, INTERMEDIARY, DECLINE)

    with pytest.raises(ValidationError):
        act_on_introduction(introduction=read_before, actor=people[INTERMEDIARY], action=PASS_ON)

    assert Introduction.objects.get(pk=introduction.pk).status == Status.DECLINED


def test_an_unknown_action_is_refused_under_action(people):
    with pytest.raises(ValidationError) as error:
        act(people, ask(people), INTERMEDIARY, "approve")

    assert refusal(error) == ("action", "action")


def test_passing_it_on_gives_the_next_step_fourteen_days_again(people):
    introduction = ask(people)
    Introduction.objects.filter(pk=introduction.pk).update(
        expires_at=timezone.now() + datetime.timedelta(hours=1)
    )

    introduction = act(people, introduction, INTERMEDIARY, PASS_ON)

    assert introduction.expires_at - timezone.now() > datetime.timedelta(days=13)


# --- Expiry --------------------------------------------------------------------------------------


def test_an_answer_after_the_deadline_is_refused_and_expires_it(people):
    introduction = ask(people)
    Introduction.objects.filter(pk=introduction.pk).update(expires_at=timezone.now())

    with pytest.raises(ValidationError) as error:
        act(people, introduction, INTERMEDIARY, PASS_ON)

    assert refusal(error) == ("status", "not_waiting")
    introduction.refresh_from_db()
    assert introduction.status == Status.EXPIRED
    assert [(e.actor, e.status) for e in introduction.events.all()][-1] == (None, Status.EXPIRED)


def test_the_command_expires_every_stale_open_introduction_once(people):
    stale = IntroductionFactory(expires_at=timezone.now())
    IntroductionFactory()
    declined = IntroductionFactory(expires_at=timezone.now(), status=Status.DECLINED)
    out = StringIO()

    call_command("expire_network_requests", stdout=out)

    assert "Expired 1 introductions." in out.getvalue()
    assert Introduction.objects.get(pk=stale.pk).status == Status.EXPIRED
    assert Introduction.objects.get(pk=declined.pk).status == Status.DECLINED
    assert expire_stale_introductions() == 0


# --- The channel the person to meet chooses -------------------------------------------------------


@pytest.fixture
def with_target(people) -> Introduction:
    return act(people, ask(people), INTERMEDIARY, PASS_ON)


def test_accepting_with_one_of_their_platforms(people, with_target):
    chosen = MembershipFactory(profile=people[TARGET], handle="gaoyan-wx", hide_handle=True)

    accepted = act(people, with_target, TARGET, ACCEPT, membership_id=chosen.pk)

    assert (accepted.chosen_membership, accepted.reply_in_app) == (chosen, False)


def someone_elses(people):
    return MembershipFactory(profile=people[REQUESTER]).pk


def without_handle(people):
    return MembershipFactory(profile=people[TARGET], handle="").pk


def on_a_platform_shut_down(people):
    ushi = PlatformFactory(status="shut_down")
    return MembershipFactory(profile=people[TARGET], platform=ushi).pk


@pytest.mark.parametrize(
    "channel",
    [
        lambda people: {},
        lambda people: {"membership_id": someone_elses(people)},
        lambda people: {"membership_id": without_handle(people)},
        lambda people: {"membership_id": on_a_platform_shut_down(people)},
        lambda people: {"membership_id": without_handle(people), "reply_in_app": True},
    ],
    ids=["none", "someone else's", "no handle", "shut down", "both"],
)
def test_accepting_needs_exactly_one_channel_of_their_own(people, with_target, channel):
    with pytest.raises(ValidationError) as error:
        act_on_introduction(
            introduction=with_target, actor=people[TARGET], action=ACCEPT, **channel(people)
        )

    assert refusal(error) == ("membership", "channel")
    assert Introduction.objects.get(pk=with_target.pk).status == Status.WITH_TARGET


# --- What each party is shown --------------------------------------------------------------------


def shown_to(people, introduction: Introduction, role: str):
    found = introduction_for(people[role], introduction.pk)
    return view_of(found, people[role]) if found is not None else None


def expire_now(introduction: Introduction) -> None:
    Introduction.objects.filter(pk=introduction.pk).update(expires_at=timezone.now())


def test_a_target_sees_nothing_before_it_reaches_them(people):
    introduction = ask(people, then=True)

    assert shown_to(people, introduction, TARGET) is None
    assert shown_to(people, introduction, SECOND) is None
    act(people, introduction, INTERMEDIARY, PASS_ON)
    assert shown_to(people, introduction, SECOND).shown == Shown.YOUR_TURN
    assert shown_to(people, introduction, TARGET) is None


def declined_by(role: str, *, then: bool = False):
    def journey(people):
        introduction = ask(people, then=then)
        for step in (INTERMEDIARY, SECOND, TARGET):
            if step == role:
                return act(people, introduction, step, DECLINE)
            if step != SECOND or then:
                introduction = act(people, introduction, step, PASS_ON)
        raise AssertionError(role)

    return journey


# (how it got there, who looks, past its deadline?, what they are shown, whose answer it awaits)
FACE_SAVING = [
    (declined_by(TARGET), REQUESTER, False, Shown.WAITING, "Gao Yan"),
    (declined_by(TARGET), INTERMEDIARY, False, Shown.WAITING, "Gao Yan"),
    (declined_by(TARGET), TARGET, False, Shown.DECLINED, None),
    (declined_by(TARGET), REQUESTER, True, Shown.NOT_ACCEPTED, None),
    (declined_by(INTERMEDIARY), REQUESTER, False, Shown.WAITING, "Li Wei"),
    (declined_by(INTERMEDIARY), REQUESTER, True, Shown.NOT_ACCEPTED, None),
    (declined_by(SECOND, then=True), INTERMEDIARY, False, Shown.WAITING, "Chen Jing"),
    (declined_by(SECOND, then=True), REQUESTER, True, Shown.NOT_ACCEPTED, None),
    (lambda people: ask(people), REQUESTER, True, Shown.NOT_ACCEPTED, None),
    (lambda people: ask(people), INTERMEDIARY, False, Shown.YOUR_TURN, "Li Wei"),
]


@pytest.mark.parametrize(("journey", "viewer", "expired", "shown", "waiting_on"), FACE_SAVING)
def test_nobody_but_the_decliner_learns_of_a_decline(
    people, journey, viewer, expired, shown, waiting_on
):
    introduction = journey(people)
    if expired:
        expire_now(introduction)

    view = shown_to(people, introduction, viewer)

    assert (view.shown, view.waiting_on) == (shown, waiting_on)
    history = " ".join(entry.text for entry in view.history)
    assert ("declined" in history) is (shown == Shown.DECLINED)
    assert history.endswith("Not accepted.") is (shown == Shown.NOT_ACCEPTED)


def test_the_requester_may_still_withdraw_what_reads_as_waiting(people):
    introduction = declined_by(TARGET)(people)

    view = shown_to(people, introduction, REQUESTER)

    assert view.actions == (Action.WITHDRAW,)
    assert act(people, introduction, REQUESTER, WITHDRAW).status == Status.WITHDRAWN


def test_the_person_to_meet_learns_the_requesters_name_only_by_accepting(people, with_target):
    before = shown_to(people, with_target, TARGET)

    assert before.requester == "Head of Operations, Lakeside Motors"
    assert "Zhou Min" not in " ".join(entry.text for entry in before.history)
    assert before.history[0].text == "Someone asked Li Wei for an introduction."

    act(people, with_target, TARGET, ACCEPT)
    after = shown_to(people, with_target, TARGET)

    assert after.requester == "Zhou Min"
    assert after.history[0].text == "Zhou Min asked Li Wei for an introduction."


def test_only_on_acceptance_the_requester_sees_the_chosen_channel(people, with_target):
    chosen = MembershipFactory(profile=people[TARGET], handle="gaoyan-wx", hide_handle=True)
    assert shown_to(people, with_target, REQUESTER).channel is None

    act(people, with_target, TARGET, ACCEPT, membership_id=chosen.pk)

    channel = shown_to(people, with_target, REQUESTER).channel
    assert (channel.platform, channel.handle, channel.in_app) == (
        str(chosen.platform.name),
        "gaoyan-wx",
        False,
    )
    assert shown_to(people, with_target, INTERMEDIARY).channel is None


def test_a_target_who_writes_first_sees_the_requesters_platforms(people, with_target):
    MembershipFactory(profile=people[REQUESTER], handle="zhoumin")

    act(people, with_target, TARGET, ACCEPT, reply_in_app=True)

    view = shown_to(people, with_target, TARGET)
    assert [channel.handle for channel in view.requester_channels] == ["zhoumin"]
    assert shown_to(people, with_target, REQUESTER).channel.in_app


def test_a_target_who_writes_first_never_sees_a_handle_the_requester_hid(people, with_target):
    MembershipFactory(profile=people[REQUESTER], handle="zhoumin")
    MembershipFactory(profile=people[REQUESTER], handle="zhoumin-wx", hide_handle=True)

    act(people, with_target, TARGET, ACCEPT, reply_in_app=True)

    view = shown_to(people, with_target, TARGET)
    assert [channel.handle for channel in view.requester_channels] == ["zhoumin"]


@pytest.mark.parametrize(
    ("blocker", "blocked"), [(TARGET, REQUESTER), (REQUESTER, TARGET)], ids=["target", "requester"]
)
def test_a_block_either_way_takes_back_the_contact_details(people, with_target, blocker, blocked):
    chosen = MembershipFactory(profile=people[TARGET], handle="gaoyan-wx")
    MembershipFactory(profile=people[REQUESTER], handle="zhoumin")
    act(people, with_target, TARGET, ACCEPT, membership_id=chosen.pk)

    block_person(blocker=people[blocker], blocked=people[blocked])

    for role in (REQUESTER, TARGET):
        view = shown_to(people, with_target, role)
        assert view.shown == Shown.ACCEPTED
        assert (view.channel, view.requester_channels) == (None, ())


def test_after_unblocking_the_contact_details_show_again(people, with_target):
    chosen = MembershipFactory(profile=people[TARGET], handle="gaoyan-wx")
    act(people, with_target, TARGET, ACCEPT, membership_id=chosen.pk)
    block, _ = block_person(blocker=people[TARGET], blocked=people[REQUESTER])

    unblock_person(block=block)

    assert shown_to(people, with_target, REQUESTER).channel.handle == "gaoyan-wx"


def test_each_party_sees_their_own_role(people):
    introduction = act(people, ask(people, then=True), INTERMEDIARY, PASS_ON)
    act(people, introduction, SECOND, PASS_ON)

    roles = {role: shown_to(people, introduction, role).role for role in people}

    assert roles == {role: Role(role) for role in people}


# --- The count in the navigation -----------------------------------------------------------------


def test_the_count_holds_what_waits_for_an_answer_until_the_inbox_is_seen(people):
    introduction = ask(people)
    intermediary = people[INTERMEDIARY]

    assert nav_counts(intermediary.user)["introductions"] == 1
    ExecutiveProfile.objects.filter(pk=intermediary.pk).update(introductions_seen_at=timezone.now())
    assert nav_counts(intermediary.user)["introductions"] == 0
    act(people, introduction, INTERMEDIARY, PASS_ON)
    assert nav_counts(people[TARGET].user)["introductions"] == 1
    act(people, introduction, TARGET, ACCEPT)
    assert nav_counts(people[REQUESTER].user)["introductions"] == 1


def test_a_decline_is_no_news_for_the_requester(people):
    declined_by(TARGET)(people)

    assert nav_counts(people[REQUESTER].user)["introductions"] == 0


# --- Emails --------------------------------------------------------------------------------------


@pytest.fixture
def emails(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.NETWORK_EMAILS = True
    settings.SITE_URL = "https://networkdir.example"

    def sent_by(step) -> list:
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            step()
        return mailoutbox[before:]

    return sent_by


def test_no_email_unless_asked_for(people, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(people)

    assert mailoutbox == []


def test_the_party_whose_turn_it_is_gets_one_email_in_both_languages(people, emails):
    (mail,) = emails(lambda: ask(people))

    assert mail.to == [people[INTERMEDIARY].user.email]
    assert "Zhou Min asks you to introduce them to Gao Yan." in mail.body
    assert "https://networkdir.example/zh-hans/me/introductions/" in mail.body
    assert "https://networkdir.example/en/me/introductions/" in mail.body


def test_the_person_to_meet_is_not_told_who_asks(people, emails):
    introduction = ask(people)

    (mail,) = emails(lambda: act(people, introduction, INTERMEDIARY, PASS_ON))

    assert mail.to == [people[TARGET].user.email]
    assert "Head of Operations, Lakeside Motors" in mail.body
    assert "Zhou Min" not in mail.body


def test_a_decline_sends_nothing(people, emails):
    introduction = act(people, ask(people), INTERMEDIARY, PASS_ON)

    assert emails(lambda: act(people, introduction, TARGET, DECLINE)) == []


def test_an_acceptance_tells_the_requester(people, emails):
    introduction = act(people, ask(people), INTERMEDIARY, PASS_ON)

    (mail,) = emails(lambda: act(people, introduction, TARGET, ACCEPT))

    assert mail.to == [people[REQUESTER].user.email]
    assert "Gao Yan accepted your introduction request" in mail.body
