"""The /advisor/ page: form in, ranked channels with cited reasons out; the URL is the permalink."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from core.cache import new_data_version
from outreach.inputs import Sender
from outreach.services import EVIDENCE_VERSION
from platforms.models import Citation, Platform
from tests.factories import CitationFactory, PlatformFactory, SourceFactory

pytestmark = pytest.mark.django_db

CEO_ON_WEIBO = {
    "purpose": "business_development",
    "company_type": "chinese_private",
    "seniority": "c_level",
    "languages": ["zh"],
    "reads_chinese": "on",
    "weibo": "active",
    "weibo_career": "on",
}


@pytest.fixture
def platforms(db):
    """Weibo, LinkedIn and a shut-down Ushi, with the seed sources the rules cite."""
    SourceFactory(key="s2", title="China's Old-School Networking Has Little Place For LinkedIn")
    SourceFactory(key="s4", title="Business social networking on Sina Weibo")
    w43 = SourceFactory(key="w43", title="Sina Weibo (Wikipedia)", url="https://e.x/w43")
    weibo = PlatformFactory(
        slug="weibo",
        name_en="Sina Weibo",
        kind=Platform.Kind.MICROBLOG,
        real_name_verification=Platform.Verification.REQUIRED,
        email_reliance=Platform.Level.LOW,
        cold_messaging=Platform.ColdMessaging.YES,
        languages=["zh-hans"],
    )
    CitationFactory(platform=weibo, claim=Citation.Claim.INTERFACE_LANGUAGES, source=w43)
    PlatformFactory(
        slug="linkedin",
        name_en="LinkedIn",
        status=Platform.Status.RESTRICTED,
        email_reliance=Platform.Level.HIGH,
        reach_beyond_china=Platform.Level.HIGH,
        languages=["en", "zh-hans"],
    )
    PlatformFactory(slug="ushi", name_en="Ushi", status=Platform.Status.SHUT_DOWN)


def advisor(client, data=None, language="en"):
    with translation.override(language):
        url = reverse("outreach:advisor")
    return client.get(url, data or {})


def ranking(response) -> list[str]:
    """Channel names in ranked order, as the page shows them."""
    section = response.content.decode().split('class="channel-ranking"', 1)[1].split("</ol>")[0]
    return [
        re.sub(r"<[^>]+>", "", name).strip()
        for name in re.findall(r'<h3 class="channel-name">(.*?)</h3>', section, re.S)
    ]


def test_the_empty_form_renders_without_advice(client, platforms):
    response = advisor(client)

    assert response.status_code == 200
    assert response.context["advice"] is None
    assert b'name="weibo"' in response.content
    assert b'name="ushi"' not in response.content  # shut down: not a platform to be on


def test_the_page_ranks_channels_with_scores_reasons_rules_and_sources(client, platforms):
    response = advisor(client, CEO_ON_WEIBO)

    assert response.status_code == 200
    names = ranking(response)
    assert names.index("Sina Weibo") < names.index("Email")
    assert names.index("Sina Weibo") < names.index("Phone")
    html = response.content.decode()
    assert 'href="#rule-R6"' in html
    assert 'href="#source-s4" title="Business social networking on Sina Weibo">[S4]' in html
    assert 'id="source-s4"' in html
    assert re.search(r'<span class="channel-score">\s*\d+/100', html)


def test_a_mutual_contact_puts_the_warm_introduction_first(client, platforms):
    response = advisor(client, {**CEO_ON_WEIBO, "has_mutual_contact": "on"})

    assert ranking(response)[0] == "Warm introduction"


def test_a_multinational_english_speaker_on_linkedin_gets_linkedin_above_weibo(client, platforms):
    data = {
        **CEO_ON_WEIBO,
        "company_type": "multinational",
        "seniority": "manager",
        "languages": ["zh", "en"],
        "abroad_experience": "on",
        "linkedin": "active",
    }

    names = ranking(advisor(client, data))

    assert names.index("LinkedIn") < names.index("Sina Weibo")


def test_unavailable_and_unreachable_channels_are_listed_apart(client, platforms):
    response = advisor(client, CEO_ON_WEIBO)

    html = response.content.decode()
    assert "Ushi" not in ranking(response)
    assert "LinkedIn" not in ranking(response)
    unavailable = html.split("Unavailable: shut down or kept only for the record", 1)[1]
    assert "Ushi" in unavailable
    assert 'href="#rule-R1"' in unavailable
    unreachable = html.split("Not a way to reach them", 1)[1].split("Unavailable")[0]
    assert "LinkedIn" in unreachable


def test_a_channel_that_is_not_a_way_shows_the_score_its_reasons_speak_of(client, platforms):
    """A reason says "this is what it is worth if they are": the list says what that is."""
    html = advisor(client, CEO_ON_WEIBO).content.decode()

    unreachable = html.split("Not a way to reach them", 1)[1].split("Unavailable")[0]
    linkedin = unreachable[unreachable.index("LinkedIn") :].split("</li>", 1)[0]
    assert '<span class="channel-score">0/100</span>' in linkedin


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_historical_platform_of_unknown_status_is_not_said_to_have_shut_down(
    client, platforms, language
):
    # Dajie: kept for the record, but no source says it shut down.
    PlatformFactory(slug="dajie", name_en="Dajie", status=Platform.Status.UNKNOWN, historical=True)

    html = advisor(client, CEO_ON_WEIBO, language).content.decode()

    before, dajie = html.split("/platforms/dajie/", 1)
    heading = re.findall(r"<h3>([^<]*)</h3>", before)[-1]
    with translation.override(language):
        assert heading != translation.gettext("Unavailable: shut down")
        historical = translation.gettext(
            "It is kept for the record only: no source shows it still operating, so it is "
            "never advised."
        )
    assert historical in dajie.split("</li>")[0]


def test_the_permalink_reproduces_the_advice(client, platforms, settings):
    first = advisor(client, CEO_ON_WEIBO)
    permalink = first.context["permalink"]

    caches[settings.PAGES_CACHE_ALIAS].clear()  # else the page kept for visitors answers
    again = client.get(permalink)

    assert permalink.startswith("http://testserver/en/advisor/?")
    assert f'href="{permalink.replace("&", "&amp;")}"' in first.content.decode()
    assert again.status_code == 200
    assert again.context["advice"] == first.context["advice"]


def test_the_advice_follows_the_interface_language(client, platforms):
    response = advisor(client, CEO_ON_WEIBO, language="zh-hans")

    assert response.status_code == 200
    assert response.context["advice"] is not None
    assert 'lang="zh-Hans"' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"purpose": "selling"}, "purpose"),
        ({"purpose": ""}, "purpose"),
        ({"company_type": "startup"}, "company_type"),
        ({"seniority": "intern"}, "seniority"),
        ({"languages": ["fr"]}, "languages"),
        ({"weibo": "sometimes"}, "weibo"),
        ({"weibo": "", "weibo_open": "on"}, "weibo"),
        ({"reads_chinese": "maybe"}, "reads_chinese"),
        ({"abroad_experience": "maybe"}, "abroad_experience"),
        ({"weibo_career": "maybe"}, "weibo_career"),
    ],
    ids=[
        "unknown-purpose",
        "missing-purpose",
        "unknown-company-type",
        "unknown-seniority",
        "unknown-language",
        "unknown-presence",
        "flag-on-a-platform-they-are-not-on",
        "maybe-is-not-yes-or-no",
        "maybe-about-the-target",
        "maybe-on-a-platform-flag",
    ],
)
def test_bad_input_is_a_400_with_the_message_next_to_the_field(client, platforms, changes, field):
    response = advisor(client, {**CEO_ON_WEIBO, **changes})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert response.context["advice"] is None
    assert b'class="errorlist' in response.content


def test_the_nav_links_to_the_advisor(client, platforms):
    response = client.get(reverse("platforms:directory"))

    assert f'href="{reverse("outreach:advisor")}"'.encode() in response.content


@pytest.mark.parametrize("extra_platforms", [0, 5])
def test_the_page_runs_the_same_queries_however_many_platforms(
    client, platforms, django_assert_num_queries, extra_platforms
):
    """Four for the catalog, one for the observed outreach outcomes and one for the footer's
    "last updated" date."""
    for _ in range(extra_platforms):
        platform = PlatformFactory(languages=["zh-hans"])
        CitationFactory(platform=platform, claim=Citation.Claim.COLD_MESSAGING)

    with django_assert_num_queries(6):
        response = advisor(client, CEO_ON_WEIBO)

    assert response.status_code == 200


# --- One yes/no vocabulary ----------------------------------------------------------------------

# The platform settings are yes / no / don't know selects: see test_advisor_unknowns.py.
TICK_BOXES = [
    "abroad_experience",
    "reads_chinese",
    "can_verify_mainland_account",
    "has_mutual_contact",
]
SPELLINGS = [
    *(pytest.param(word, True, id=f"yes-{word}") for word in ("1", "true", "yes", "on", "TRUE")),
    *(pytest.param(word, False, id=f"no-{word}") for word in ("0", "false", "no", "off", "No")),
]


@pytest.mark.parametrize(("word", "value"), SPELLINGS)
def test_every_tick_box_reads_each_spelling_of_yes_and_no(client, platforms, word, value):
    response = advisor(client, {**CEO_ON_WEIBO, **dict.fromkeys(TICK_BOXES, word)})

    assert response.status_code == 200
    inputs = response.context["form"].recommender_inputs()
    assert inputs["sender"] == Sender(value, value, value)
    assert inputs["target"].abroad_experience is value
    html = response.content.decode()
    for name in TICK_BOXES:
        (box,) = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', html)
        assert ("checked" in box) is value, name


def test_a_tick_box_left_out_of_the_link_is_no(client, platforms):
    data = {key: value for key, value in CEO_ON_WEIBO.items() if key not in TICK_BOXES}

    inputs = advisor(client, data).context["form"].recommender_inputs()

    assert inputs["sender"] == Sender()
    assert inputs["target"].abroad_experience is False


def test_a_ticked_box_links_as_1_and_the_link_gives_the_same_advice(client, platforms):
    first = advisor(client, {**CEO_ON_WEIBO, "has_mutual_contact": "yes"})
    html = first.content.decode()

    assert '<input type="checkbox" name="has_mutual_contact" value="1"' in html
    again = advisor(client, {**CEO_ON_WEIBO, "has_mutual_contact": "1"})
    assert again.context["advice"] == first.context["advice"]


@pytest.mark.parametrize("name", TICK_BOXES)
def test_maybe_is_a_400_with_the_message_next_to_the_tick_box(client, platforms, name):
    response = advisor(client, {**CEO_ON_WEIBO, name: "maybe"})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [name]
    html = response.content.decode()
    box = html.index(f'name="{name}"')
    error = html.index(f'id="id_{name}_error"')
    next_box = html.find("<input", box + 1)
    assert box < error < (next_box if next_box > 0 else len(html))  # before the next box
    assert "Enter yes or no" in html[error : error + 200]


def test_each_platform_setting_is_labelled_as_django_labels_it(client, platforms):
    response = client.get(reverse("outreach:advisor"), {"weibo": "on_it", "weibo_open": "yes"})
    form = response.context["form"]
    page = response.content.decode()

    settings = [setting for row in form.platform_rows for setting in row.settings]
    assert settings
    for setting in settings:
        assert f"{setting.label_tag()}{setting}" in page


def built(response) -> bool:
    """Whether the view built this answer (rendered its template), rather than the page kept
    for visitors answering."""
    return any(template.name == "outreach/advisor.html" for template in response.templates)


def test_a_visitor_asking_the_same_advice_again_gets_the_page_kept(client, platforms):
    assert built(advisor(client, CEO_ON_WEIBO))

    again = advisor(client, CEO_ON_WEIBO)

    assert again.status_code == 200
    assert not built(again)
    assert "Sina Weibo" in again.content.decode()


def test_a_new_observed_outcome_builds_the_advice_again(client, platforms):
    advisor(client, CEO_ON_WEIBO)

    new_data_version(EVIDENCE_VERSION)  # what recording an outcome does

    assert built(advisor(client, CEO_ON_WEIBO))


def test_a_signed_in_person_always_gets_the_advice_built_for_them(client, executive, platforms):
    client.force_login(executive)
    advisor(client, CEO_ON_WEIBO)

    assert built(advisor(client, CEO_ON_WEIBO))


def test_a_question_with_errors_is_never_kept(client, platforms):
    advisor(client, {**CEO_ON_WEIBO, "seniority": "emperor"})

    again = advisor(client, {**CEO_ON_WEIBO, "seniority": "emperor"})

    assert again.status_code == 400
    assert built(again)
