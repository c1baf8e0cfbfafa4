"""factory_boy factories shared by the whole suite."""

import datetime
from collections.abc import Mapping

import factory
from django.db.models import Value
from django.utils import timezone

from outreach.models import PUBLISH_AFTER_RECRUITERS
from outreach.services import Cell, add_outcomes, publish_due
from outreach.vocabulary import Purpose
from platforms.models import Citation, Language, Platform, Source, StatusEvent, UserCount
from profiles.models import (
    Activity,
    City,
    Closeness,
    CompanyType,
    ConnectionRequest,
    Contact,
    ExecutiveProfile,
    Industry,
    Introduction,
    Membership,
    Relationship,
    Seniority,
    Visibility,
    Willingness,
)
from workspace.models import (
    Note,
    OutreachLog,
    Project,
    ProjectCandidate,
    ProjectMember,
    Role,
    SavedSearch,
    Tag,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"src{n}")
    title = factory.Sequence(lambda n: f"An article about networking in China, part {n}")
    publisher = "Example Publisher"
    url = factory.Sequence(lambda n: f"https://example.com/articles/{n}")
    published = datetime.date(2017, 3, 1)


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "en"
    name_en = factory.LazyAttribute(
        lambda o: {"en": "English", "zh-hans": "Simplified Chinese"}.get(o.code, o.code)
    )
    name_zh = factory.LazyAttribute(lambda o: {"en": "英语", "zh-hans": "简体中文"}.get(o.code, ""))


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"platform-{n}")
    name_en = factory.Sequence(lambda n: f"Platform {n}")
    name_zh = factory.Sequence(lambda n: f"平台{n}")
    kind = Platform.Kind.PROFESSIONAL_NETWORK
    status = Platform.Status.ACTIVE
    launched_year = 2012
    real_name_verification = Platform.Verification.OPTIONAL
    email_reliance = Platform.Level.MEDIUM
    cold_messaging = Platform.ColdMessaging.LIMITED
    anonymous_posting = Platform.Availability.NO
    reach_beyond_china = Platform.Level.LOW
    ease_for_foreigners = Platform.Ease.MODERATE
    summary_en = "A networking platform used in the tests."
    summary_zh = "测试用的社交平台。"

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        """Pass languages=["en", "zh-hans"] to set the interface languages."""
        if create and extracted:
            self.interface_languages.set([LanguageFactory(code=code) for code in extracted])


class UserCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserCount

    platform = factory.SubFactory(PlatformFactory)
    value = 10_000_000
    metric = UserCount.Metric.REGISTERED
    scope = UserCount.Scope.CHINA
    as_of = factory.Sequence(lambda n: datetime.date(2010, 1, 1) + datetime.timedelta(days=30 * n))
    source = factory.SubFactory(SourceFactory)


class StatusEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusEvent

    platform = factory.SubFactory(PlatformFactory)
    kind = StatusEvent.Kind.LAUNCHED
    happened_on = datetime.date(2012, 1, 1)
    description_en = "Launched."
    description_zh = "上线。"
    source = factory.SubFactory(SourceFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    platform = factory.SubFactory(PlatformFactory)
    claim = Citation.Claim.REAL_NAME_VERIFICATION
    source = factory.SubFactory(SourceFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("a-long-test-password")


class ExecutiveProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExecutiveProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Test Executive {n}")
    title = "Chief Financial Officer"
    company = factory.Sequence(lambda n: f"Example Manufacturing {n} Ltd")
    company_type = CompanyType.CHINESE_PRIVATE
    industry = Industry.FINANCE
    city = City.SHANGHAI
    seniority = Seniority.C_LEVEL
    speaks_chinese = True
    speaks_english = False
    visibility = Visibility.RECRUITERS
    consent_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    profile = factory.SubFactory(ExecutiveProfileFactory)
    platform = factory.SubFactory(PlatformFactory)
    handle = factory.Sequence(lambda n: f"@handle{n}")
    activity = Activity.WEEKLY
    open_to_inquiries = True


class ConnectionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConnectionRequest

    sender = factory.SubFactory(ExecutiveProfileFactory)
    recipient = factory.SubFactory(ExecutiveProfileFactory)
    relationship = Relationship.COLLEAGUE
    closeness = Closeness.KNOW_WELL
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class IntroductionFactory(factory.django.DjangoModelFactory):
    """An open introduction, with the first intermediary; no path is checked."""

    class Meta:
        model = Introduction

    requester = factory.SubFactory(ExecutiveProfileFactory)
    intermediary = factory.SubFactory(ExecutiveProfileFactory)
    target = factory.SubFactory(ExecutiveProfileFactory)
    purpose = Purpose.BUSINESS_DEVELOPMENT
    message = "Could you introduce us? We would like to talk about a partnership."
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project with its owner as a member who can edit, as `services.create_project` makes it."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"CFO, Suzhou manufacturer {n}")
    description = "A chief financial officer for a private manufacturer."
    owner = factory.SubFactory(UserFactory)

    @factory.post_generation
    def owner_membership(self, create, extracted, **kwargs):
        if create:
            ProjectMember.objects.create(project=self, user=self.owner, role=Role.CAN_EDIT)


class ProjectMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMember

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.CAN_VIEW


class ProjectCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectCandidate

    project = factory.SubFactory(ProjectFactory)
    profile = factory.SubFactory(ExecutiveProfileFactory)
    added_by = factory.SelfAttribute("project.owner")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    project_candidate = factory.SubFactory(ProjectCandidateFactory)
    author = factory.SelfAttribute("project_candidate.project.owner")
    text = "Spoke at the Suzhou CFO forum; open to a move next year."


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"CFOs in Shanghai {n}")
    query = "q=cfo&city=shanghai"


class OutreachLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachLog

    project_candidate = factory.SubFactory(ProjectCandidateFactory)
    logged_by = factory.SelfAttribute("project_candidate.project.owner")
    channel = "email"
    sent_on = factory.LazyFunction(timezone.localdate)
    company_type = factory.SelfAttribute("project_candidate.profile.company_type")
    seniority = factory.SelfAttribute("project_candidate.profile.seniority")


def connect(
    first: ExecutiveProfile,
    second: ExecutiveProfile,
    *,
    relationship: str = Relationship.COLLEAGUE,
    closeness: int = Closeness.KNOW_WELL,
    willingness: str = Willingness.WILLING,
) -> tuple[Contact, Contact]:
    """A confirmed connection as both sides' rows, each willing to introduce the other unless
    told otherwise; set one side's row afterwards to make the sides differ."""
    sides = [
        Contact(
            owner=owner,
            other=other,
            relationship=relationship,
            closeness=closeness,
            willingness=willingness,
        )
        for owner, other in ((first, second), (second, first))
    ]
    Contact.objects.bulk_create(sides)
    return sides[0], sides[1]


def published_outcomes(changes: Mapping[Cell, Mapping[str, int]]) -> None:
    """Outcomes in the evidence table as advice reads them: added, then published as though
    enough recruiters had recorded them (`outreach.services.publish_due`)."""
    add_outcomes(changes=changes)
    publish_due(cells=changes, recruiters_since=Value(PUBLISH_AFTER_RECRUITERS))
