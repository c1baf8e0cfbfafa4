"""Properties of the recommender that must hold for any platform data and any request."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from outreach.findout import Standing
from outreach.inputs import PlatformTraits, Sender, Target, TargetMembership
from outreach.recommender import ChannelCatalog, recommend
from outreach.vocabulary import (
    OTHER_CHANNELS,
    WARM_INTRODUCTION,
    CompanyType,
    Purpose,
    Seniority,
)
from platforms.vocabulary import (
    Availability,
    ColdMessaging,
    Ease,
    Kind,
    Level,
    Status,
    Verification,
)

SLUGS = ["weibo", "linkedin", "wechat", "liepin", "maimai", "huihui", "chitu", "ushi", "p-9"]


@st.composite
def platform_traits(draw, slug: str) -> PlatformTraits:
    return PlatformTraits(
        slug=slug,
        name_en=slug.title(),
        kind=draw(st.sampled_from(Kind)),
        status=draw(st.sampled_from(Status)),
        interface_languages=draw(st.frozensets(st.sampled_from(["en", "zh-hans", "zh-hant"]))),
        real_name_verification=draw(st.sampled_from(Verification)),
        email_reliance=draw(st.sampled_from(Level)),
        cold_messaging=draw(st.sampled_from(ColdMessaging)),
        anonymous_posting=draw(st.sampled_from(Availability)),
        reach_beyond_china=draw(st.sampled_from(Level)),
        ease_for_foreigners=draw(st.sampled_from(Ease)),
    )


@st.composite
def catalogs(draw) -> ChannelCatalog:
    slugs = draw(st.lists(st.sampled_from(SLUGS), unique=True, max_size=len(SLUGS)))
    return ChannelCatalog([draw(platform_traits(slug)) for slug in slugs])


def memberships(slug: str):
    return st.builds(
        TargetMembership,
        platform=st.just(slug),
        active=st.booleans(),
        open_to_inquiries=st.booleans(),
        publicizes_career=st.booleans(),
        verified=st.booleans(),
        preferred=st.booleans(),
    )


@st.composite
def targets(draw, catalog: ChannelCatalog) -> Target:
    slugs = [t.slug for t in catalog.platforms] + ["not-in-catalog"]
    chosen = draw(st.lists(st.sampled_from(slugs), unique=True))
    return Target(
        company_type=draw(st.sampled_from(CompanyType)),
        seniority=draw(st.sampled_from(Seniority)),
        languages=tuple(draw(st.lists(st.sampled_from(["zh", "en"]), unique=True))),
        abroad_experience=draw(st.booleans()),
        memberships=tuple(draw(memberships(slug)) for slug in chosen),
    )


senders = st.builds(
    Sender,
    reads_chinese=st.booleans(),
    can_verify_mainland_account=st.booleans(),
    has_mutual_contact=st.booleans(),
)
purposes = st.sampled_from(Purpose)


@st.composite
def requests(draw):
    catalog = draw(catalogs())
    return catalog, draw(purposes), draw(targets(catalog)), draw(senders)


def scores(advice) -> dict[str, int]:
    return {channel.channel: channel.score for channel in advice.channels}


@given(requests())
def test_no_shut_down_platform_is_ever_advised(request_):
    catalog, purpose, target, sender = request_

    advice = recommend(catalog, purpose=purpose, target=target, sender=sender)

    shut_down = {t.slug for t in catalog.platforms if t.status == Status.SHUT_DOWN}
    for channel in advice.channels:
        if channel.channel in shut_down:
            assert (channel.available, channel.score, channel.advised) == (False, 0, False)
    tail = [c.channel for c in advice.channels[len(advice.channels) - len(shut_down) :]]
    assert set(tail) == shut_down


@given(requests(), st.data())
def test_turning_open_to_inquiries_off_never_raises_any_channels_score(request_, data):
    catalog, purpose, target, sender = request_
    open_ones = [m for m in target.memberships if m.open_to_inquiries]
    closing = data.draw(st.sampled_from(open_ones)) if open_ones else None
    closed_target = replace(
        target,
        memberships=tuple(
            replace(m, open_to_inquiries=False) if m is closing else m for m in target.memberships
        ),
    )

    before = scores(recommend(catalog, purpose=purpose, target=target, sender=sender))
    after = scores(recommend(catalog, purpose=purpose, target=closed_target, sender=sender))

    assert all(after[channel] <= before[channel] for channel in before)


@given(requests())
def test_a_mutual_contact_never_lowers_the_warm_introduction(request_):
    catalog, purpose, target, sender = request_

    without = recommend(
        catalog, purpose=purpose, target=target, sender=replace(sender, has_mutual_contact=False)
    )
    with_contact = recommend(
        catalog, purpose=purpose, target=target, sender=replace(sender, has_mutual_contact=True)
    )

    assert with_contact.get(WARM_INTRODUCTION).score >= without.get(WARM_INTRODUCTION).score


@given(requests(), platform_traits("joined"), memberships("joined"))
def test_adding_a_membership_never_lowers_that_platform(request_, joined, membership):
    catalog, purpose, target, sender = request_
    catalog = ChannelCatalog([*catalog.platforms, joined])
    member = replace(target, memberships=(*target.memberships, membership))

    before = recommend(catalog, purpose=purpose, target=target, sender=sender)
    after = recommend(catalog, purpose=purpose, target=member, sender=sender)

    assert after.get("joined").score >= before.get("joined").score


@given(requests())
def test_a_channel_closed_to_inquiries_never_ranks_first(request_):
    catalog, purpose, target, sender = request_

    advice = recommend(catalog, purpose=purpose, target=target, sender=sender)

    assert advice.best.open_to_inquiries
    assert advice.best.available


@given(requests())
def test_a_platform_whose_status_is_unknown_comes_after_every_advised_channel_known_to_operate(
    request_,
):
    catalog, purpose, target, sender = request_

    advice = recommend(catalog, purpose=purpose, target=target, sender=sender)

    unknown_status = [channel.status_unknown for channel in advice.advised]
    assert unknown_status == sorted(unknown_status)
    assert not advice.best.status_unknown
    assert all(
        find_out.standing is Standing.SCORE
        for find_out in advice.find_outs
        if find_out.status_unknown
    )


@given(requests())
def test_every_channel_appears_once_with_an_integer_score_from_0_to_100(request_):
    catalog, purpose, target, sender = request_

    advice = recommend(catalog, purpose=purpose, target=target, sender=sender)

    channels = [c.channel for c in advice.channels]
    assert sorted(channels) == sorted([t.slug for t in catalog.platforms] + list(OTHER_CHANNELS))
    assert all(isinstance(c.score, int) and 0 <= c.score <= 100 for c in advice.channels)
    assert all(reason.rule for c in advice.channels for reason in c.reasons)


@given(requests())
def test_the_same_request_always_gets_the_same_advice(request_):
    catalog, purpose, target, sender = request_
    rebuilt = ChannelCatalog(reversed(catalog.platforms))
    reordered = replace(target, memberships=tuple(reversed(target.memberships)))

    first = recommend(catalog, purpose=purpose, target=target, sender=sender)
    second = recommend(rebuilt, purpose=purpose, target=reordered, sender=sender)

    assert first == second
