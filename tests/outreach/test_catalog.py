"""The recommender's catalog names each source as the platform pages do."""

import re

import pytest
from django.utils import translation

from outreach.catalog import read_catalog
from platforms.models import Citation, Platform
from tests.factories import CitationFactory, PlatformFactory, SourceFactory

pytestmark = pytest.mark.django_db

DESCRIPTION = "Article on business social networking on Sina Weibo"
DESCRIPTION_ZH = "关于在新浪微博上开展商务社交的文章"
DESCRIBED = {"en": DESCRIPTION, "zh-hans": DESCRIPTION_ZH}


@pytest.fixture
def untitled(db):
    """A seed source and a cited source known only by their descriptions."""
    seed = SourceFactory(
        key="s4",
        title="",
        description_en=DESCRIPTION,
        description_zh=DESCRIPTION_ZH,
        publisher="Cécilia Wu",
    )
    cited = SourceFactory(key="w15", title="", description_en="Foreign Policy article, 2014")
    weibo = PlatformFactory(slug="weibo", name_en="Sina Weibo", kind=Platform.Kind.MICROBLOG)
    CitationFactory(platform=weibo, claim=Citation.Claim.EMAIL_RELIANCE, source=cited)
    return seed, cited, weibo


def test_a_source_without_a_title_is_named_by_its_description(untitled):
    catalog = read_catalog()

    [seed] = [source for source in catalog.seed_sources if source.key == "s4"]
    assert seed.title == f"[{DESCRIPTION}]"
    [weibo] = [platform for platform in catalog.platforms if platform.slug == "weibo"]
    [cited] = weibo.citations[Citation.Claim.EMAIL_RELIANCE]
    assert cited.title == "[Foreign Policy article, 2014]"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_advisor_lists_an_untitled_source_as_the_platform_page_does(client, untitled, language):
    _, _, weibo = untitled
    CitationFactory(platform=weibo, claim=Citation.Claim.KIND, source=untitled[0])
    query = {"purpose": "recruiting", "company_type": "chinese_private", "seniority": "c_level"}

    advisor = client.get(f"/{language}/advisor/", query).content.decode()
    platform_page = client.get(f"/{language}/platforms/weibo/").content.decode()

    assert f"[{DESCRIBED[language]}]" in platform_page
    listed = advisor.split('class="sources channel-sources"')[1].split("</ol>")[0]
    sources = " ".join(re.sub(r"<[^>]+>", "", listed).split())
    assert f"[{DESCRIBED[language]}], Cécilia Wu" in sources
    assert "S4, Cécilia Wu" not in sources


def test_the_one_shared_catalog_names_an_untitled_source_in_the_readers_language(untitled):
    [seed] = [source for source in read_catalog().seed_sources if source.key == "s4"]

    with translation.override("zh-hans"):
        assert str(seed.title) == f"[{DESCRIPTION_ZH}]"
    with translation.override("en"):
        assert str(seed.title) == f"[{DESCRIPTION}]"
