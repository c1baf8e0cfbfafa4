"""The form that names a saved search and files it; the filters come from the search page and
are checked by `workspace.saved_searches` against the search's own FilterSet."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.yesno import yes_no_formfield
from workspace.models import Project, SavedSearch


class SavedSearchForm(forms.ModelForm):
    """Name, project and digest, with the filters in a hidden field (`query`)."""

    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("On its own"),
        help_text=_("File it in one of your projects, or keep it on its own."),
    )

    class Meta:
        model = SavedSearch
        fields = ("name", "project", "digest", "query")
        formfield_callback = yes_no_formfield
        widgets = {"query": forms.HiddenInput}
        help_texts = {"name": _("For example “CFOs in Suzhou, manufacturing”.")}

    def __init__(self, *args, projects: QuerySet[Project], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["query"].required = False
