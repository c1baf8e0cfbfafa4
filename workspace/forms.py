"""Forms of the workspace pages. They check input for the person typing it; `workspace.services`
checks it again and writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.validators import record_id
from core.yesno import YesNoField
from workspace.models import Note, Project, Role, Stage, Tag
from workspace.services import MAX_ADDED_AT_ONCE


class ProjectForm(forms.ModelForm):
    """Name and description. Each field carries the value the recruiter was shown
    (`show_hidden_initial`), so `changed_data` is what they changed, not what a colleague
    changed since: only that is written, and refused where a colleague changed it too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True

    def changes(self) -> dict[str, Any]:
        """`services.update_project`'s keywords: what was changed, and what was shown of it."""
        shown = {name: self.data.get(self.add_initial_prefix(name), "") for name in self.fields}
        return {**{name: self.cleaned_data[name] for name in self.changed_data}, "shown": shown}

    def shown_as(self, project: Project) -> QueryDict:
        """The posted data, showing `project` as it is saved now: saving again replaces what a
        colleague wrote with what was typed."""
        data = self.data.copy()
        for name in self.fields:
            data[self.add_initial_prefix(name)] = getattr(project, name)
        return data

    class Meta:
        model = Project
        fields = ("name", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name": _("For example “CFO, Suzhou manufacturer”."),
            "description": _("What the search is for; only the project's members see it."),
        }


class ShareForm(forms.Form):
    username = forms.CharField(
        label=_("Recruiter's username"),
        max_length=150,
        help_text=_("Only recruiters on NetworkDir can be members of a project."),
    )
    role = forms.ChoiceField(
        label=_("Access"), choices=Role.choices, initial=Role.CAN_VIEW, widget=forms.RadioSelect
    )


class ArchiveForm(forms.Form):
    """Archive the project (yes) or restore it (no), in the one yes/no vocabulary."""

    archived = YesNoField(label=_("Archived"), required=True)


class ProjectListForm(forms.Form):
    """Which of the recruiter's projects to list: the active ones, or with `archived` the
    archived ones."""

    archived = YesNoField(label=_("Archived"))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ("text",)
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"text": _("Only the project's members see notes. Up to 5,000 characters.")}


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ("name",)
        labels = {"name": _("Add a tag")}


class ProfileIdsField(forms.Field):
    """Profile ids, repeated in the query or the form (`profiles=1&profiles=2`)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("Candidates are named by their profile ids, whole numbers."),
        "too_many": _("Add at most %(limit)d candidates at once."),
    }

    def to_python(self, value: Iterable[str] | None) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        ids = []
        for item in value:
            pk = record_id(str(item).strip())
            if pk is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(pk)
        ids = list(dict.fromkeys(ids))
        if len(ids) > MAX_ADDED_AT_ONCE:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"limit": MAX_ADDED_AT_ONCE},
            )
        return ids


class AddToProjectForm(forms.Form):
    """Chosen candidates into one of the recruiter's projects, or into a new one named here."""

    profiles = ProfileIdsField(
        label=_("Candidates"),
        error_messages={"required": _("Select at least one candidate first.")},
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("A new project…"),
    )
    new_project = forms.CharField(
        label=_("New project's name"),
        max_length=Project._meta.get_field("name").max_length,
        required=False,
        validators=Project._meta.get_field("name").validators,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, projects: QuerySet[Project], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("project") and not (data.get("new_project") or "").strip():
            self.add_error("new_project", _("Name the new project, or choose one above."))
        return data
