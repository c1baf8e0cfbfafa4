"""Loading the recommender's catalog from the database, and advice on stored profiles."""

import pytest

from outreach import vocabulary
from outreach.catalog import load_catalog
from outreach.inputs import Sender, TargetMembership
from outreach.reasons import Note
from outreach.vocabulary import CompanyType, Purpose, Seniority
from platforms import vocabulary as platform_vocabulary
from platforms.models import Citation, Platform
from profiles.advice import advise, target_from_profile
from profiles.models import Activity, ExecutiveProfile
from tests.factories import (
    CitationFactory,
    ExecutiveProfileFactory,
    LanguageFactory,
    MembershipFactory,
    PlatformFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

FOREIGN_SENDER = Sender(reads_chinese=False, can_verify_mainland_account=True)


def weibo_like(**fields) -> Platform:
    defaults = {
        "slug": "weibo",
        "name_en": "Sina Weibo",
        "name_zh": "新浪微博",
        "kind": Platform.Kind.MICROBLOG,
        "real_name_verification": Platform.Verification.REQUIRED,
        "cold_messaging": Platform.ColdMessaging.YES,
        "languages": ["zh-hans"],
    }
    return PlatformFactory(**{**defaults, **fields})


def ceo_on(platform: Platform, **membership):
    profile = ExecutiveProfileFactory(company_type=CompanyType.CHINESE_PRIVATE)
    MembershipFactory(profile=profile, platform=platform, publicizes_career=True, **membership)
    return profile


def test_load_catalog_reads_traits_languages_and_citations():
    source = SourceFactory(key="w43", title="Sina Weibo", url="https://example.com/w43")
    weibo = weibo_like()
    CitationFactory(platform=weibo, claim=Citation.Claim.INTERFACE_LANGUAGES, source=source)

    (traits,) = load_catalog().platforms

    assert traits.slug == "weibo"
    assert traits.kind == "microblog"
    assert traits.interface_languages == frozenset({"zh-hans"})
    assert traits.is_chinese_only
    assert traits.citations["interface_languages"][0].title == "Sina Weibo"


@pytest.mark.parametrize("platform_count", [1, 6])
def test_load_catalog_runs_four_queries_however_many_platforms(
    django_assert_num_queries, platform_count
):
    SourceFactory(key="s0")
    for _ in range(platform_count):
        platform = PlatformFactory(languages=["en", "zh-hans"])
        CitationFactory(platform=platform, claim=Citation.Claim.EMAIL_RELIANCE)

    with django_assert_num_queries(4):
        catalog = load_catalog()

    assert len(catalog.platforms) == platform_count


def test_reasons_cite_the_seed_sources_with_their_titles_and_links():
    SourceFactory(key="s4", title="Business social networking on Sina Weibo", url="https://e.x/4")
    weibo = weibo_like()

    advice = advise(
        purpose=Purpose.BUSINESS_DEVELOPMENT,
        target=ceo_on(weibo, open_to_inquiries=True),
        sender=Sender(reads_chinese=True),
    )

    cited = {s.key: s for r in advice.get("weibo").reasons if r.rule == "R6" for s in r.sources}
    assert cited["s4"].title == "Business social networking on Sina Weibo"
    assert cited["s4"].url == "https://e.x/4"
    assert cited["s4"].publisher == "Example Publisher"


def chinese_only_reason(advice) -> list:
    return [r for r in advice.get("weibo").reasons if r.message is Note.CHINESE_ONLY.message]


def test_an_admin_giving_weibo_an_english_interface_changes_the_advice(
    django_capture_on_commit_callbacks,
):
    weibo = weibo_like()
    target = target_from_profile(ceo_on(weibo, open_to_inquiries=True))
    before = advise(purpose=Purpose.BUSINESS_DEVELOPMENT, target=target, sender=FOREIGN_SENDER)

    with django_capture_on_commit_callbacks(execute=True):  # the edit commits: a new data version
        weibo.interface_languages.add(LanguageFactory(code="en"))
    after = advise(purpose=Purpose.BUSINESS_DEVELOPMENT, target=target, sender=FOREIGN_SENDER)

    assert after.get("weibo").score > before.get("weibo").score
    assert chinese_only_reason(before)
    assert not chinese_only_reason(after)


def test_an_admin_marking_a_platform_shut_down_makes_it_unavailable():
    weibo = weibo_like()
    target = target_from_profile(ceo_on(weibo, open_to_inquiries=True))

    Platform.objects.filter(pk=weibo.pk).update(status=Platform.Status.SHUT_DOWN)
    advice = advise(purpose=Purpose.BUSINESS_DEVELOPMENT, target=target, sender=FOREIGN_SENDER)

    assert not advice.get("weibo").available
    assert advice.get("weibo").score == 0


def test_target_from_profile_carries_the_profile_and_its_memberships():
    weibo, linkedin = weibo_like(), PlatformFactory(slug="linkedin")
    profile = ExecutiveProfileFactory(
        company_type=CompanyType.MULTINATIONAL,
        seniority=Seniority.DIRECTOR,
        speaks_chinese=True,
        speaks_english=True,
        abroad_experience=True,
    )
    MembershipFactory(profile=profile, platform=weibo, activity=Activity.INACTIVE, verified=True)
    MembershipFactory(profile=profile, platform=linkedin, open_to_inquiries=True, preferred=True)

    target = target_from_profile(profile)

    assert (target.company_type, target.seniority) == ("multinational", "director")
    assert target.languages == ("zh", "en")
    assert target.abroad_experience
    assert set(target.memberships) == {
        TargetMembership("weibo", active=False, open_to_inquiries=True, verified=True),
        TargetMembership("linkedin", active=True, open_to_inquiries=True, preferred=True),
    }


@pytest.mark.parametrize(
    ("model_field", "choices"),
    [
        (ExecutiveProfile._meta.get_field("company_type"), vocabulary.CompanyType),
        (ExecutiveProfile._meta.get_field("seniority"), vocabulary.Seniority),
        (Platform._meta.get_field("kind"), platform_vocabulary.Kind),
        (Platform._meta.get_field("status"), platform_vocabulary.Status),
        (Platform._meta.get_field("real_name_verification"), platform_vocabulary.Verification),
        (Platform._meta.get_field("email_reliance"), platform_vocabulary.Level),
        (Platform._meta.get_field("cold_messaging"), platform_vocabulary.ColdMessaging),
        (Platform._meta.get_field("anonymous_posting"), platform_vocabulary.Availability),
        (Platform._meta.get_field("reach_beyond_china"), platform_vocabulary.Level),
        (Platform._meta.get_field("ease_for_foreigners"), platform_vocabulary.Ease),
    ],
    ids=lambda value: getattr(value, "name", getattr(value, "__name__", "")),
)
def test_the_models_store_the_recommenders_own_vocabulary(model_field, choices):
    """One definition each: the stored choices are the very classes the recommender reads."""
    assert model_field.choices == choices.choices
