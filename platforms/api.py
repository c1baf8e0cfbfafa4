"""The platform API: the directory, one platform's record, and the compare grid, as JSON.

It reads through the same FilterSet and selectors as the pages, so page and API can't disagree
about which platforms match a filter, what a platform's record holds, or which comparisons are
valid. Everything here is public.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import BoundedPageNumberPagination, error_responses
from core.yesno import yes_no_schema
from platforms import comparison, presentation, record, selectors, sorting
from platforms.dates import DateQualifier
from platforms.filters import PlatformFilter
from platforms.models import Platform, Source, StatusEvent, UserCount
from platforms.vocabulary import OUTREACH_TRAITS, OperatingState

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"

# Schema hints for the shared FilterSet, so the schema allows exactly what the filters take: an
# interface language is a code (never empty), and `show_historical` takes the site's yes/no words.
extend_schema_field(
    {
        "type": "string",
        "minLength": 1,
        "pattern": f"^{SLUG_PATTERN}$",
        "description": _("An interface language code, e.g. en or zh-hans; repeat for several."),
    }
)(PlatformFilter.base_filters["language"])
extend_schema_field(
    yes_no_schema(_("Show historical platforms: 1/0, true/false, yes/no or on/off."))
)(PlatformFilter.base_filters["show_historical"])
extend_schema_field(
    {
        "type": "string",
        "enum": list(sorting.SORT_VALUES),
        "description": _(
            "relevance (the default with `q`), or a column: name (the default), users, launched, "
            "kind, status, english or a trait; `-` in front sorts it the other way. Unknown "
            "values come last either way."
        ),
    }
)(PlatformFilter.base_filters["sort"])

# --- Serializers ---------------------------------------------------------------------------------


class LatestFigureSerializer(serializers.Serializer):
    """A user figure as its source states it; the date is as precise as the source."""

    value = serializers.IntegerField(help_text=_("The number of users."))
    qualifier = serializers.ChoiceField(choices=UserCount.Qualifier.choices)
    metric = serializers.ChoiceField(choices=UserCount.Metric.choices)
    scope = serializers.ChoiceField(choices=UserCount.Scope.choices)
    as_of = serializers.DateField()
    date_precision = serializers.ChoiceField(
        source="precision",
        choices=UserCount._meta.get_field("precision").choices,
        help_text=_("How much of `as_of` the source gives: day, month or year."),
    )
    date_qualifier = serializers.ChoiceField(
        choices=DateQualifier.choices,
        help_text=_("How `as_of` dates the figure: exact, about, or before / by (an upper bound)."),
    )
    text = serializers.SerializerMethodField(help_text=_("The figure for reading."))

    def get_text(self, count: UserCount) -> str:
        return presentation.figure_value(count)


class PlatformSerializer(serializers.ModelSerializer):
    """A platform in the directory: its traits as codes, its names, its newest user figure."""

    name = serializers.CharField(help_text=_("The name in the language asked for."))
    parent = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("The slug of the platform this one belongs to, if any."),
    )
    interface_languages = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("Codes of the languages its interface offers, e.g. en, zh-hans."),
    )
    latest_user_count = serializers.SerializerMethodField(
        help_text=_("The newest sourced user figure, or null when none is recorded.")
    )
    website = serializers.CharField(help_text=_("Its website; empty when not recorded."))
    operating_state = serializers.ChoiceField(
        choices=OperatingState.choices,
        read_only=True,
        help_text=_(
            "Whether it still operates: operating, status_unknown (offered last, never called "
            "operating) or historical (shut down or kept for the record; never offered)."
        ),
    )
    url = serializers.SerializerMethodField(help_text=_("This platform in the API."))
    page_url = serializers.SerializerMethodField(help_text=_("This platform's web page."))

    class Meta:
        model = Platform
        fields = (
            "slug",
            "name",
            "name_en",
            "name_zh",
            "kind",
            "status",
            "status_since",
            "status_since_precision",
            "status_since_qualifier",
            "historical",
            "operating_state",
            "parent",
            "parent_company",
            "launched_year",
            "website",
            "interface_languages",
            *OUTREACH_TRAITS,
            "summary_en",
            "summary_zh",
            "latest_user_count",
            "url",
            "page_url",
        )
        read_only_fields = fields

    @extend_schema_field(LatestFigureSerializer(allow_null=True))
    def get_latest_user_count(self, platform: Platform) -> dict | None:
        latest = platform.latest_user_counts
        return LatestFigureSerializer(latest[0]).data if latest else None

    def get_url(self, platform: Platform) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api-v1:platform-detail", kwargs={"slug": platform.slug})
        )

    def get_page_url(self, platform: Platform) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("platforms:detail", kwargs={"slug": platform.slug})
        )


class NumberedSourceSerializer(serializers.Serializer):
    number = serializers.IntegerField(
        help_text=_("The number other fields cite this source by (`source`, `citations`).")
    )
    key = serializers.CharField(source="source.key", help_text=_("The source's stable id."))
    title = serializers.CharField(
        source="source.title", help_text=_("Its real title; empty when it is not known.")
    )
    description = serializers.CharField(
        source="source.description",
        help_text=_("What the source is, when its title is unknown, in the language asked for."),
    )
    label = serializers.CharField(
        source="source.label", help_text=_("The title, or the description in brackets.")
    )
    publisher = serializers.CharField(source="source.publisher")
    url = serializers.CharField(source="source.url")
    published = serializers.DateField(source="source.published", allow_null=True)
    published_until = serializers.DateField(
        source="source.published_until",
        allow_null=True,
        help_text=_("The last year of a publication date given as a span of years."),
    )
    date_precision = serializers.ChoiceField(
        source="source.precision", choices=Source._meta.get_field("precision").choices
    )
    date_qualifier = serializers.ChoiceField(
        source="source.date_qualifier", choices=DateQualifier.choices
    )
    retrieved = serializers.DateField(
        source="source.retrieved",
        allow_null=True,
        help_text=_("The day the page had been read by, for a source with no publication date."),
    )


class FigureSerializer(LatestFigureSerializer):
    """One figure of the series, citing its source by number."""

    note_en = serializers.CharField()
    note_zh = serializers.CharField()
    source = serializers.IntegerField(help_text=_("The number of its source in `sources`."))

    def to_representation(self, figure: record.Figure) -> dict:
        count = figure.count
        return {
            **LatestFigureSerializer(count).data,
            "note_en": count.note_en,
            "note_zh": count.note_zh,
            "source": figure.source_number,
        }


class EventSerializer(serializers.Serializer):
    """One dated change in the platform's life, citing its source by number."""

    kind = serializers.ChoiceField(source="event.kind", choices=StatusEvent.Kind.choices)
    happened_on = serializers.DateField(source="event.happened_on")
    date_precision = serializers.ChoiceField(
        source="event.precision", choices=StatusEvent._meta.get_field("precision").choices
    )
    date_qualifier = serializers.ChoiceField(
        source="event.date_qualifier", choices=DateQualifier.choices
    )
    description_en = serializers.CharField(source="event.description_en")
    description_zh = serializers.CharField(source="event.description_zh")
    source = serializers.IntegerField(
        source="source_number", help_text=_("The number of its source in `sources`.")
    )


class PlatformDetailSerializer(PlatformSerializer):
    """Everything the platform page shows: every trait, the figures, the timeline, the sources.

    Reads the `PlatformDetail` the page uses, passed in the context as `detail`.
    """

    figures_are_stale = serializers.SerializerMethodField(
        help_text=_("True when the newest figure is more than three years old.")
    )
    user_counts = serializers.SerializerMethodField(
        help_text=_("Every sourced figure, oldest first: a series, never one number.")
    )
    events = serializers.SerializerMethodField(help_text=_("The status timeline, oldest first."))
    sources = serializers.SerializerMethodField(
        help_text=_("The sources, numbered in the order the page cites them.")
    )
    citations = serializers.SerializerMethodField(
        help_text=_("For each trait, the numbers of the sources that back it.")
    )
    as_of = serializers.SerializerMethodField(
        help_text=_("For each trait, the date its sources state it as of, where they give one.")
    )

    class Meta(PlatformSerializer.Meta):
        fields = (
            *PlatformSerializer.Meta.fields,
            "audience_en",
            "audience_zh",
            "strengths_en",
            "strengths_zh",
            "weaknesses_en",
            "weaknesses_zh",
            "figures_are_stale",
            "user_counts",
            "events",
            "sources",
            "citations",
            "as_of",
        )
        read_only_fields = fields

    @property
    def detail(self) -> record.PlatformDetail:
        return self.context["detail"]

    @extend_schema_field(LatestFigureSerializer(allow_null=True))
    def get_latest_user_count(self, platform: Platform) -> dict | None:
        newest = self.detail.newest_figure
        return LatestFigureSerializer(newest.count).data if newest else None

    def get_figures_are_stale(self, platform: Platform) -> bool:
        return self.detail.figures_are_stale

    @extend_schema_field(FigureSerializer(many=True))
    def get_user_counts(self, platform: Platform) -> list[dict]:
        return FigureSerializer(self.detail.figures, many=True).data

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, platform: Platform) -> list[dict]:
        return EventSerializer(self.detail.events, many=True).data

    @extend_schema_field(NumberedSourceSerializer(many=True))
    def get_sources(self, platform: Platform) -> list[dict]:
        return NumberedSourceSerializer(self.detail.sources, many=True).data

    @extend_schema_field(
        serializers.DictField(child=serializers.ListField(child=serializers.IntegerField()))
    )
    def get_citations(self, platform: Platform) -> dict[str, list[int]]:
        return {trait.key: list(trait.citations) for trait in self.traits if trait.citations}

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_as_of(self, platform: Platform) -> dict[str, str]:
        return {trait.key: trait.value.as_of for trait in self.traits if trait.value.as_of}

    @property
    def traits(self) -> tuple[presentation.Trait, ...]:
        return (self.detail.summary, *self.detail.traits, *self.detail.assessment)


class CompareColumnSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class CompareCellSerializer(serializers.Serializer):
    text = serializers.CharField(help_text=_("The value for reading, in the language asked for."))
    note = serializers.CharField(help_text=_("What a figure counts, e.g. monthly active users."))
    url = serializers.CharField(help_text=_("A link the value points to, if any."))
    as_of = serializers.CharField(help_text=_("The date the value holds for, if dated."))
    citations = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Numbers of its sources in `sources`.")
    )
    is_unknown = serializers.BooleanField()


class CompareRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The trait, e.g. real_name_verification."))
    label = serializers.CharField()
    differs = serializers.BooleanField(help_text=_("True when the platforms differ here."))
    cells = CompareCellSerializer(many=True, help_text=_("One per platform, in column order."))


class CompareGridSerializer(serializers.Serializer):
    """Rows are traits, columns are the platforms in the order asked for."""

    platforms = CompareColumnSerializer(source="columns", many=True)
    rows = CompareRowSerializer(many=True)
    sources = NumberedSourceSerializer(many=True)


# --- Views ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("List platforms"),
        description=_(
            "The directory, with the same filters, search (`q`) and sort as the page. Historical "
            "platforms are left out unless `show_historical=1`. Unknown filter values are a 400 "
            "naming the parameter."
        ),
        responses={200: PlatformSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary=_("One platform"),
        description=_("Every trait, the user-count series, the status timeline and the sources."),
        parameters=[
            OpenApiParameter(
                "slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description=_("The platform's slug, e.g. weibo."),
                pattern=f"^{SLUG_PATTERN}$",
            )
        ],
        responses={200: PlatformDetailSerializer, **error_responses(404)},
    ),
)
class PlatformViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = PlatformSerializer
    pagination_class = BoundedPageNumberPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = PlatformFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self) -> QuerySet[Platform]:
        return selectors.directory_platforms().select_related("parent")

    def retrieve(self, request: Request, slug: str) -> Response:
        try:
            detail = record.platform_detail(slug=slug)
        except Platform.DoesNotExist:
            raise NotFound(
                gettext("No platform has the slug “%(slug)s”.") % {"slug": slug}
            ) from None
        serializer = PlatformDetailSerializer(
            detail.platform, context={**self.get_serializer_context(), "detail": detail}
        )
        return Response(serializer.data)


class CompareView(APIView):
    """The compare grid as data, validated as on the page."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary=_("Compare platforms"),
        description=_(
            "Two to eight platforms side by side, in the order given: `?p=weibo&p=linkedin`. "
            "An unknown or repeated slug, or too few or too many platforms, is a 400 naming `p` "
            "with one message per problem."
        ),
        parameters=[
            OpenApiParameter(
                "p",
                {
                    "type": "array",
                    "items": {"type": "string", "minLength": 1, "pattern": f"^{SLUG_PATTERN}$"},
                    "minItems": comparison.MIN_COMPARED,
                    "maxItems": comparison.MAX_COMPARED,
                },
                OpenApiParameter.QUERY,
                required=True,
                explode=True,
                description=_("A platform slug; repeat for each platform (2 to 8)."),
            )
        ],
        responses={200: CompareGridSerializer, **error_responses(400)},
    )
    def get(self, request: Request) -> Response:
        slugs = request.query_params.getlist("p")
        try:
            grid = comparison.build_compare_grid(slugs)
        except DjangoValidationError as error:
            raise ValidationError({"p": error.messages}) from None
        return Response(CompareGridSerializer(grid).data)
