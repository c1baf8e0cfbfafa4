"""What lets the search pages and the executive's pages work on a phone, as the server sends them:
filter panels that fold behind "Filters (N active)" (a <details>, so without JavaScript too), a
skip link to the results, compact candidate cards with the reasons behind "more", and tables of
a person's platforms that turn into cards. The layouts themselves are measured in Chromium by
tests/browser/test_phone_layouts.py."""

import re
from html import unescape

import pytest
from django.http import QueryDict
from django.urls import reverse

from platforms.filters import PlatformFilter
from profiles.filters import CandidateFilter
from profiles.models import Activity, Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PANEL = re.compile(
    r'<details class="filter-panel" open>\s*<summary class="filter-panel-toggle">([^<]*)</summary>'
)
SCRIPT = '<script src="/static/js/fold-on-narrow-screens.js"></script>'
# The script folds the element just before it: each one follows its <details>.
FOLDED = re.compile(r"</details>\s*" + re.escape(SCRIPT))
SKIP_LINK = '<a class="skip-to-results" href="#results-heading">Skip to the results</a>'


@pytest.mark.parametrize(
    ("filterset", "query", "count"),
    [
        pytest.param(CandidateFilter, "", 0, id="candidates-nothing-set"),
        pytest.param(CandidateFilter, "sort=name&platform_match=any", 0, id="sort-and-defaults"),
        pytest.param(CandidateFilter, "platform_match=all", 1, id="a-default-changed"),
        pytest.param(CandidateFilter, "city=shanghai&seniority=c_level&seniority=vp", 2, id="two"),
        pytest.param(CandidateFilter, "verified=&q=%20%20", 0, id="blank-values"),
        pytest.param(PlatformFilter, "language=en&status=active&sort=users", 2, id="directory"),
    ],
)
def test_the_filters_a_request_sets_are_counted(filterset, query, count):
    assert filterset(QueryDict(query)).active_filter_count() == count


def test_the_candidate_filters_fold_behind_a_summary_with_their_count(recruiter_client):
    page = unescape(
        recruiter_client.get(
            reverse("profiles:candidates"), {"city": "shanghai", "q": "Li"}
        ).content.decode()
    )

    assert PANEL.search(page).group(1).strip() == "Filters (2 active)"
    assert page.index(SKIP_LINK) < page.index('id="results-heading"')
    assert len(FOLDED.findall(page)) == page.count(SCRIPT) == 2  # the panel and the site's menu


def test_the_directory_filters_fold_behind_a_summary_too(client, weibo):
    page = unescape(client.get(reverse("platforms:directory")).content.decode())

    assert PANEL.search(page).group(1).strip() == "Filters"
    assert SKIP_LINK in page
    assert len(FOLDED.findall(page)) == page.count(SCRIPT) == 2


def test_a_candidate_card_shows_the_best_channel_and_keeps_the_reasons_behind_more(
    recruiter_client, weibo
):
    person = ExecutiveProfileFactory(display_name="Li Na")
    MembershipFactory(profile=person, platform=weibo, open_to_inquiries=True, handle="@li_na")

    response = recruiter_client.get(reverse("profiles:candidates"))

    page = unescape(response.content.decode())
    (result,) = response.context["results"]
    best = result.how_to_reach[0].channel
    card = page[page.index('<li class="card candidate">') :]
    summary = card[card.index('<details class="how-to-reach"><summary>') : card.index("</summary>")]
    assert "How to reach" in summary
    assert f'<span class="channel-name">{best.name}</span>' in summary
    assert f'<span class="channel-score">{best.score}/100</span>' in summary
    assert '<span class="how-to-reach-toggle">more</span>' in summary
    reasons = card[card.index("</summary>") : card.index("</details>")]
    assert '<ol class="channel-summary"' in reasons
    assert "All reasons for reaching Li Na" in reasons
    assert card.index("@li_na") < card.index("<details")  # the channels stay in view


@pytest.fixture
def owner(client, executive, weibo):
    client.force_login(executive)
    MembershipFactory(profile=executive.executive_profile, platform=weibo, activity=Activity.DAILY)
    return executive.executive_profile


LABELS = ["Handle or profile URL", "Activity", "Your settings", "Recruiters see"]


def test_the_platforms_on_me_become_cards_on_a_phone(client, owner):
    page = unescape(client.get(reverse("profiles:me")).content.decode())

    assert '<table class="table table-reflow">' in page
    for label in LABELS:
        assert f'data-label="{label}"' in page


def test_the_platforms_on_a_profile_page_become_cards_on_a_phone(client, owner):
    owner.visibility = Visibility.RECRUITERS
    owner.save()

    page = unescape(
        client.get(reverse("profiles:detail", kwargs={"pk": owner.pk})).content.decode()
    )

    assert '<table class="table table-reflow profile-memberships">' in page
    for label in ("Handle or profile URL", "Activity", "Open to inquiries", "Says verified"):
        assert f'data-label="{label}"' in page
