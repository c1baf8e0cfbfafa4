"""A project's board as its page shows it: the candidates under their stages, each card with its
tags, notes, introduction path, advice and the buttons that move it to another stage.

A board page draws up to a hundred cards, where a template engine's per-value cost was most of
the page. They are written in Python (`core.html`), as the search rows are
(`profiles.templatetags.channel_tags`): every word is translated here once per page and the CSRF
token read once. What people wrote (names, roles, tags) and a path's words are escaped as Django
escapes them (`escaped_as_django`: &quot;, &#x27;), as the rest of the page is; links and ids as
Jinja2 does (`escaped`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import template
from django.template.context import Context
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

from core.html import escaped, escaped_as_django
from core.per_page import link_for_each
from profiles.templatetags.channel_tags import (
    ProfileLabels,
    SummaryWords,
    channel_summary_markup,
    fictional_badge,
    role_line,
)
from workspace.models import Project, ProjectCandidate, Stage
from workspace.selectors import Board, BoardEntry

register = template.Library()
# The stage buttons' label for screen readers.
MOVE_TO = gettext_noop("Move %(name)s to")


def move_label(name: str, move_to: str | None = None) -> SafeString:
    """ "Move <name> to", the stage buttons' label for screen readers; `name` is escaped already,
    `move_to` is `MOVE_TO` where a page has translated it once."""
    return mark_safe((move_to or gettext(MOVE_TO)) % {"name": name})


def stage_labels() -> dict[str, SafeString]:
    """Each stage's label by its value, in the pipeline's order, escaped."""
    return {stage.value: mark_safe(escaped_as_django(stage.label)) for stage in Stage}


@dataclass(frozen=True)
class BoardWords:
    """What every card of a board page says the same, translated and rendered once per page."""

    summary: SummaryWords
    stages: dict[str, SafeString]  # each stage's label by its value, in the pipeline's order
    buttons: dict[str, str]  # the stage buttons of a candidate at each stage (`stage_button_row`)
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

    def notes(self, count: int) -> SafeString:
        """The link's words ("3 notes"), as `{% blocktranslate count %}` says them, once per number
        on a page."""
        words = self.note_counts.get(count)
        if words is None:
            text = ngettext("%(counter)s note", "%(counter)s notes", count)
            words = self.note_counts[count] = mark_safe(text % {"counter": localize(count)})
        return words

    def move(self, name: str) -> SafeString:
        """The stage buttons' label for one candidate; `name` is escaped already."""
        return move_label(name, self.move_to)

    @classmethod
    def translated(cls, *, project: Project, can_edit: bool, form_fields: str) -> BoardWords:
        # Words from the catalogue are the templates' own markup, shown unescaped as
        # `{% translate %}` shows them.
        stages = stage_labels()
        return cls(
            summary=SummaryWords.translated(),
            stages=stages,
            buttons={value: stage_button_row(stages, value) for value in stages},
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
    return mark_safe(
        "".join(_stage_section(stage, entries, words) for stage, entries in board.columns)
    )


def _stage_section(stage: Stage, entries: list[BoardEntry], words: BoardWords) -> str:
    cards = "".join(_card(entry, words) for entry in entries)
    value = escaped(stage.value)
    return (
        f'<section class="stage-section" aria-labelledby="stage-{value}">'
        f'<h2 id="stage-{value}">{words.stages[stage.value]}</h2>'
        f'<ol class="board-list">{cards}</ol></section>'
    )


def _card(entry: BoardEntry, words: BoardWords) -> str:
    """A candidate's card: who they are, the project's tags and notes on them, the best
    introduction and how to reach them, and (for an editor) the stage buttons."""
    candidate, h = entry.candidate, escaped_as_django
    name, url = h(candidate.display_name), escaped(words.entry_url(entry.id))
    buttons = ""
    if words.can_edit:
        action = words.stage_url(entry.id)
        label = words.move(name)
        buttons = stage_buttons_markup(action, words.form_fields, label, words.buttons[entry.stage])
    return "".join(
        [
            f'<li class="card board-entry" id="entry-{entry.id}"><div class="candidate-heading">',
            f'<h3><a href="{url}">{name}</a></h3>',
            words.fictional if candidate.is_fictional else "",
            f'<a class="board-profile-link" href="{escaped(words.profile_url(candidate.pk))}">',
            f"{words.profile}</a></div>",
            f'<p class="candidate-role">{h(role_line(candidate))}</p>',
            f'<p class="candidate-meta muted">{h(words.meta(candidate))}</p>',
            _tags_and_notes(entry, words, url),
            _advice(entry, words),
            buttons,
            "</li>",
        ]
    )


def _tags_and_notes(entry: BoardEntry, words: BoardWords, url: str) -> str:
    if not (entry.tags or entry.note_count):
        return ""
    tags = "".join(f'<span class="badge tag">{escaped_as_django(tag)}</span>' for tag in entry.tags)
    notes = f'<a href="{url}#notes">{words.notes(entry.note_count)}</a>' if entry.note_count else ""
    return f'<p class="cluster board-meta">{tags}{notes}</p>'


def _advice(entry: BoardEntry, words: BoardWords) -> str:
    if entry.path:
        path = f"<p>{escaped_as_django(entry.path.describe())}</p>"
    else:
        path = f'<p class="muted">{words.no_path}</p>'
    return (
        '<div class="board-advice"><div class="introduction-path">'
        f"<h4>{words.best_introduction}</h4>{path}</div>"
        f'<div class="how-to-reach"><h4 class="how-to-reach-title">{words.how_to_reach}</h4>'
        f"{channel_summary_markup(entry.how_to_reach, words.summary)}</div></div>"
    )


def stage_button_row(stages: dict[str, SafeString], current: str) -> str:
    """A button for each stage but `current`, marked where it stands; `stages` is each stage's
    label (escaped). The same for every candidate at a stage: a board draws it once a stage."""
    return "".join(
        f'<span class="stage-button stage-current" aria-current="step">{stage_label}</span>'
        if value == current
        else f'<button type="submit" name="stage" value="{escaped(value)}" '
        f'class="stage-button">{stage_label}</button>'
        for value, stage_label in stages.items()
    )


def stage_buttons_markup(action: str, form_fields: str, label: str, buttons: str) -> str:
    """One click moves a candidate to another stage: on each card and on the candidate's own
    page. `form_fields` holds the CSRF token and the page to come back to; `label` is "Move
    <name> to" for screen readers (escaped); `buttons` the stages' (`stage_button_row`)."""
    return (
        f'<form method="post" action="{escaped(action)}" class="stage-buttons">{form_fields}'
        f'<span class="visually-hidden">{label}</span>{buttons}</form>'
    )


@register.simple_tag(takes_context=True)
def stage_buttons(context: Context, entry: ProjectCandidate, name: str, back_to: str) -> SafeString:
    """One candidate's stage buttons, as each card of the board draws them, coming back to
    `back_to` after a move."""
    return mark_safe(
        stage_buttons_markup(
            reverse("workspace:entry_stage", args=[entry.project_id, entry.pk]),
            stage_form_fields(context, back_to),
            move_label(escaped_as_django(name)),
            stage_button_row(stage_labels(), entry.stage),
        )
    )
