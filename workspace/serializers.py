"""The workspace's API shapes: input serializers validate what a caller sends (unknown keys
refused), output serializers declare the answers for the schema.

A project candidate's answer is built from the board's plain rows (`entry_data`), as the
candidate search builds its rows, and declared by `EntrySerializer`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from core.api import StrictFieldsMixin
from core.per_page import Texts, link_for_each
from outreach.api import SenderFlags
from outreach.inputs import Sender
from outreach.reachability import ChannelSummary
from outreach.reasons import Rule
from outreach.vocabulary import SENDER_FIELDS, Purpose
from profiles.api.candidates import CandidateSerializer, CandidateWriter, candidate_data
from workspace.models import NOTE_MAX_LENGTH, Note, Project, ProjectMember, Role, Stage, StageChange
from workspace.selectors import BoardEntry

# --- Projects and members ------------------------------------------------------------------------


class ProjectSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", help_text=_("The owner's username."))
    role = serializers.ChoiceField(choices=Role.choices, help_text=_("Your access."))
    candidate_count = serializers.IntegerField(
        help_text=_("Candidates in the project, those no longer visible to you included.")
    )

    class Meta:
        model = Project
        fields = (
            "id",
            "name",
            "description",
            "archived",
            "owner",
            "role",
            "candidate_count",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class NewProjectInput(StrictFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = ("name", "description")


class ProjectChangeInput(StrictFieldsMixin, serializers.ModelSerializer):
    """What a member who can edit changes; archiving freezes the rest until it is restored."""

    class Meta:
        model = Project
        fields = ("name", "description", "archived")
        extra_kwargs = {name: {"required": False} for name in fields}


class MemberSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    is_owner = serializers.SerializerMethodField(help_text=_("The owner can always edit."))

    class Meta:
        model = ProjectMember
        fields = ("id", "username", "role", "is_owner", "added_at")
        read_only_fields = fields

    def get_is_owner(self, member: ProjectMember) -> bool:
        return member.user_id == member.project.owner_id


class MemberInput(StrictFieldsMixin, serializers.Serializer):
    username = serializers.CharField(
        max_length=150, help_text=_("A recruiter's username; only recruiters can be members.")
    )
    role = serializers.ChoiceField(choices=Role.choices)


# --- Project candidates --------------------------------------------------------------------------


class ChannelAdviceSerializer(serializers.Serializer):
    channel = serializers.CharField(
        help_text=_("A platform slug, or one of warm-introduction, email, phone, in-person.")
    )
    name = serializers.CharField()
    score = serializers.IntegerField(min_value=0, max_value=100)
    rule = serializers.ChoiceField(
        choices=[(rule.id, rule.title) for rule in Rule], allow_null=True
    )
    reason = serializers.CharField(allow_null=True, help_text=_("The headline reason."))


class EntrySerializer(serializers.Serializer):
    """A candidate in a project, with how to reach them."""

    id = serializers.IntegerField(help_text=_("The project candidate's id (not the profile's)."))
    stage = serializers.ChoiceField(choices=Stage.choices)
    added_at = serializers.DateTimeField()
    note_count = serializers.IntegerField()
    tags = serializers.ListField(child=serializers.CharField())
    candidate = CandidateSerializer()
    how_to_reach = ChannelAdviceSerializer(many=True, help_text=_("The best channels first."))
    introduction_path = serializers.CharField(
        allow_null=True,
        help_text=_("Your best introduction path to them, in words; null without one."),
    )
    url = serializers.URLField()


class EntryPage:
    """What the entries of a page share, made once for all of them: the writer their candidates
    share (`CandidateWriter`: links, how a time is written), each entry's link, and the text of the
    advice's channel names and reasons, the catalog's shared objects met again on every entry
    (`core.per_page`)."""

    def __init__(self, request: Request, project: Project) -> None:
        self.writer = CandidateWriter(request)
        self.url = link_for_each(
            "api-v1:project-candidate-detail", project.pk, absolute=request.build_absolute_uri
        )
        self.text = Texts()


def advice_data(summary: ChannelSummary, text: Callable[[object], str] = str) -> dict:
    reason = summary.reason
    return {
        "channel": summary.channel.channel,
        "name": text(summary.channel.name),
        "score": summary.channel.score,
        "rule": reason.rule if reason else None,
        "reason": text(reason.message) if reason else None,
    }


def entry_data(
    entry: BoardEntry, project: Project, request: Request, page: EntryPage | None = None
) -> dict:
    """`entry` as `EntrySerializer` declares it, for the recruiter asking; `page` made once for
    a page of them."""
    page = page or EntryPage(request, project)
    return {
        "id": entry.id,
        "stage": entry.stage,
        "added_at": page.writer.datetime(entry.added_at),
        "note_count": entry.note_count,
        "tags": list(entry.tags),
        "candidate": candidate_data(entry.candidate, request, page.writer, entry.audience),
        "how_to_reach": [advice_data(summary, page.text) for summary in entry.how_to_reach],
        "introduction_path": entry.path.describe() if entry.path else None,
        "url": page.url(entry.id),
    }


class BoardQuery(SenderFlags):
    """The list's filter and the advice's parameters, as for a candidate's recommendation
    (purpose: recruiting when left out)."""

    stage = serializers.ChoiceField(
        choices=Stage.choices, required=False, help_text=_("Only the candidates at this stage.")
    )
    purpose = serializers.ChoiceField(choices=Purpose.choices, default=Purpose.RECRUITING)

    def to_sender(self) -> Sender:
        return Sender(**{name: self.validated_data[name] for name in SENDER_FIELDS})


class NewEntryInput(StrictFieldsMixin, serializers.Serializer):
    profile = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("The candidate's profile id.")
    )


class StageInput(StrictFieldsMixin, serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)


class StageChangeSerializer(serializers.ModelSerializer):
    by = serializers.CharField(
        source="by.username",
        allow_null=True,
        help_text=_("Who moved them; null for someone who has since deleted their account."),
    )

    class Meta:
        model = StageChange
        fields = ("from_stage", "to_stage", "by", "at")
        read_only_fields = fields


class EntryDetailSerializer(EntrySerializer):
    history = StageChangeSerializer(many=True, help_text=_("Every move, oldest first."))


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Note
        fields = ("id", "text", "author", "created_at")
        read_only_fields = ("id", "author", "created_at")
        extra_kwargs = {"text": {"max_length": NOTE_MAX_LENGTH}}


class NoteInput(StrictFieldsMixin, NoteSerializer):
    pass


class TagInput(StrictFieldsMixin, serializers.Serializer):
    name = serializers.CharField(max_length=50)
