"""The channel list and advice summary built in Python: the same markup as the templates, with
every value escaped."""

import pytest
from django.utils import translation

from outreach.reachability import ChannelSummary
from outreach.recommender import RankedChannel, Reason
from outreach.vocabulary import PlatformName
from profiles.models import Activity, ExecutiveProfile
from profiles.selectors import candidate_rows
from profiles.templatetags.channel_tags import ProfileLabels, channel_list, channel_summary
from profiles.visibility import Audience
from tests.factories import ExecutiveProfileFactory, MembershipFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def test_a_channel_shows_platform_handle_and_badges():
    channel = MembershipFactory(
        platform=PlatformFactory(name_en="Maimai"),
        handle="@li-na",
        open_to_inquiries=True,
        activity=Activity.DAILY,
        verified=True,
    )

    html = channel_list([channel], Audience.RECRUITER)

    assert '<span class="channel-platform">Maimai</span>' in html
    assert '<span class="channel-handle">@li-na</span>' in html
    assert '<span class="badge badge-ok">open to inquiries</span>' in html
    assert '<span class="badge">active: daily</span>' in html
    assert '<span class="badge">says verified</span>' in html
    assert "preferred" not in html


def test_a_hidden_handle_is_left_out():
    channel = MembershipFactory(handle="secret-handle", hide_handle=True)

    assert "secret-handle" not in channel_list([channel], Audience.RECRUITER)


def test_the_owner_sees_their_own_hidden_handle():
    channel = MembershipFactory(handle="secret-handle", hide_handle=True)

    assert "secret-handle" in channel_list([channel], Audience.OWNER)


def test_a_handle_is_escaped():
    channel = MembershipFactory(handle='<script>alert("x")</script>')

    html = channel_list([channel], Audience.RECRUITER)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_no_channel_says_so():
    assert "Not on any operating platform." in channel_list([], Audience.RECRUITER)


def ranked(name: str, *, open_to_inquiries: bool = True) -> ChannelSummary:
    channel = RankedChannel(
        channel="weibo",
        kind="platform",
        name=PlatformName(name),
        score=72,
        available=True,
        open_to_inquiries=open_to_inquiries,
        reasons=(Reason("R2", "Public and open to strangers"),),
    )
    return ChannelSummary(channel, channel.reasons[0])


def test_a_summary_item_shows_name_score_and_reason():
    html = channel_summary([ranked("Weibo")], rules_url="/en/advisor/")

    assert 'data-channel="weibo"' in html
    assert '<span class="channel-score">72/100</span>' in html
    assert 'href="/en/advisor/#rule-R2"' in html
    assert "Public and open to strangers" in html
    assert "not open to inquiries" not in html


def test_a_summary_flags_a_channel_not_open_to_inquiries():
    assert "not open to inquiries" in channel_summary([ranked("Weibo", open_to_inquiries=False)])


def test_a_summary_escapes_names_and_its_label():
    html = channel_summary([ranked("<b>Weibo</b>")], label='Say "hi"')

    assert "<b>" not in html
    assert "&lt;b&gt;Weibo&lt;/b&gt;" in html
    assert 'aria-label="Say &#34;hi&#34;"' in html  # Jinja2's spelling of an escaped quote


def test_an_empty_summary_says_so():
    assert "No channel is advised." in channel_summary([])


@pytest.mark.parametrize(
    ("language", "meta"),
    [
        ("en", "State-owned enterprise · Shanghai · C-level"),
        ("zh-hans", "国有企业 · 上海 · C级高管"),
    ],
)
def test_a_candidates_line_says_company_type_city_and_seniority_in_the_pages_language(
    language, meta
):
    ExecutiveProfileFactory(
        user=None, company_type="state_owned", city="shanghai", seniority="c_level"
    )
    (candidate,) = candidate_rows(ExecutiveProfile.objects.all())

    with translation.override(language):
        assert ProfileLabels.translated().meta(candidate) == meta
