"""A project's board as its page shows it: the candidates under their stages, each card with its
tags, notes, introduction path, advice and the buttons that move it to another stage.

A board page draws up to a hundred cards, where the Django template's per-node cost was half
the page. They are drawn by the macro of `workspace/jinja2/workspace/board.html`, as the search
rows are (`profiles.templatetags.channel_tags`): every word is translated here once per page and
the CSRF token read once, so the macro holds no text. Values are escaped as Django escapes them
(`BoardWords.html`), so the page is the same to the byte as when the template drew it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import template
from django.template.context import Context
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

from core.macros import drawn
from core.per_page import link_for_each
from profiles.templatetags.channel_tags import ProfileLabels, SummaryWords, fictional_badge
from workspace.models import Project, ProjectCandidate, Stage
from workspace.selectors import Board

register = template.Library()
MACROS = "workspace/board.html"
# The stage buttons' label for screen readers.
MOVE_TO = gettext_noop("Move %(name)s to")


def move_label(name: SafeString, move_to: str | None = None) -> SafeString:
    """ "Move <name> to", the stage buttons' label for screen readers; `name` is escaped already,
    `move_to` is `MOVE_TO` where a page has translated it once."""
    return mark_safe((move_to or gettext(MOVE_TO)) % {"name": name})


def stage_labels() -> dict[str, SafeString]:
    """Each stage's label by its value, in the pipeline's order, escaped."""
    return {stage.value: conditional_escape(stage.label) for stage in Stage}


@dataclass(frozen=True)
class BoardWords:
    """What every card of a board page says the same, translated and rendered once per page."""

    summary: SummaryWords
    stages: dict[str, SafeString]  # each stage's label by its value, in the pipeline's order
    fictional: SafeString
    profile: SafeString
    best_introduction: SafeString
    no_path: SafeString
    how_to_reach: SafeString
    entry_url: Callable[[object], str]
    profile_url: Callable[[object], str]
    stage_url: Callable[[object], str]
    can_edit: bool
    form_fields: SafeString  # the stage buttons' CSRF token and the page to come back to
    move_to: str  # MOVE_TO, translated
    meta: Callable[[object], str]  # the line under a card's role (`ProfileLabels.meta`)
    note_counts: dict[int, SafeString] = field(default_factory=dict)

    # Django's spelling of escaped quotes (&quot;, &#x27;), not Jinja2's (&#34;, &#39;).
    html = staticmethod(conditional_escape)

    def notes(self, count: int) -> SafeString:
        """The link's words ("3 notes"), as `{% blocktranslate count %}` says them, once per number
        on a page."""
        words = self.note_counts.get(count)
        if words is None:
            text = ngettext("%(counter)s note", "%(counter)s notes", count)
            words = self.note_counts[count] = mark_safe(text % {"counter": localize(count)})
        return words

    def move(self, name: SafeString) -> SafeString:
        """The stage buttons' label for one candidate; `name` is escaped already."""
        return move_label(name, self.move_to)

    @classmethod
    def translated(cls, *, project: Project, can_edit: bool, form_fields: str) -> BoardWords:
        # Words from the catalogue are the templates' own markup, shown unescaped as
        # `{% translate %}` shows them.
        return cls(
            summary=SummaryWords.translated(),
            stages=stage_labels(),
            fictional=fictional_badge(),
            profile=mark_safe(gettext("Profile")),
            best_introduction=mark_safe(gettext("Best introduction")),
            no_path=mark_safe(gettext("No one in your network can introduce you yet.")),
            how_to_reach=mark_safe(gettext("How to reach")),
            entry_url=link_for_each("workspace:entry", project.pk),
            profile_url=link_for_each("profiles:detail"),
            stage_url=link_for_each("workspace:entry_stage", project.pk),
            can_edit=can_edit,
            form_fields=mark_safe(form_fields),
            move_to=gettext(MOVE_TO),
            meta=ProfileLabels.translated().meta,
        )


def stage_form_fields(context: Context, back_to: str) -> str:
    """The stage buttons' hidden fields: the CSRF token and the page to come back to."""
    back = format_html('<input type="hidden" name="next" value="{}">', back_to)
    return CsrfTokenNode().render(context) + back


@register.simple_tag(takes_context=True)
def board_columns(context: Context, board: Board, project: Project, can_edit: bool) -> SafeString:
    """The board's page of candidates under their stages; with the buttons that move each one
    when the viewer `can_edit`, coming back to this page afterwards."""
    form_fields = ""
    if can_edit:
        form_fields = stage_form_fields(context, context["request"].get_full_path())
    words = BoardWords.translated(project=project, can_edit=can_edit, form_fields=form_fields)
    return drawn(MACROS, "board_columns", board.columns, words)


@register.simple_tag(takes_context=True)
def stage_buttons(context: Context, entry: ProjectCandidate, name: str, back_to: str) -> SafeString:
    """One candidate's stage buttons, as each card of the board draws them, coming back to
    `back_to` after a move."""
    return drawn(
        MACROS,
        "stage_buttons",
        reverse("workspace:entry_stage", args=[entry.project_id, entry.pk]),
        mark_safe(stage_form_fields(context, back_to)),
        move_label(conditional_escape(name)),
        stage_labels(),
        entry.stage,
    )
