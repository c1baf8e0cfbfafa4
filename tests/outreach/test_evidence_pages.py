"""What recruiters observed, where advice is shown: the advisor and a person's page put the rate
under the channel's rules, in both languages; too few outreaches show nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ExecutiveProfileFactory, MembershipFactory, published_outcomes

pytestmark = pytest.mark.django_db

CEO_ON_WEIBO = {
    "purpose": "recruiting",
    "company_type": "chinese_private",
    "seniority": "c_level",
    "languages": ["zh"],
    "reads_chinese": "on",
    "weibo": "active",
    "weibo_open": "on",
    "weibo_career": "on",
}
SENTENCE = "Replied: 38% of 124 outreaches to C-level at Chinese private firms"


def observed(replied: int, no_reply: int) -> None:
    published_outcomes(
        {("weibo", "chinese_private", "c_level"): {"replied": replied, "no_reply": no_reply}}
    )


def advisor(client, language: str = "en"):
    with translation.override(language):  # and back to the language before, after the request
        return client.get(reverse("outreach:advisor"), CEO_ON_WEIBO)


def test_the_advisor_shows_the_rate_with_its_interval_under_the_rules(client, weibo):
    observed(47, 77)

    html = advisor(client).content.decode()

    assert SENTENCE in html
    assert "95% interval: 30% to 47%" in html
    assert 'href="#rule-R6"' in html  # the rules stay the explanation
    assert 'id="evidence-heading"' in html


def test_fewer_than_20_outreaches_show_nothing(client, weibo):
    observed(10, 9)

    assert "Replied:" not in advisor(client).content.decode()


def test_the_chinese_page_shows_it_too(client, weibo):
    observed(47, 77)

    response = advisor(client, "zh-hans")

    assert response.status_code == 200
    assert "124" in response.content.decode()


def test_a_persons_page_shows_the_rate_to_a_recruiter(recruiter_client, weibo):
    person = ExecutiveProfileFactory(user=None)
    MembershipFactory(
        profile=person, platform=weibo, open_to_inquiries=True, publicizes_career=True
    )
    observed(47, 77)

    with translation.override("en"):
        response = recruiter_client.get(
            reverse("profiles:detail", args=[person.pk]), {"purpose": "recruiting"}
        )

    assert SENTENCE in response.content.decode()
