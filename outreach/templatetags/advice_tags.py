"""How the advice is drawn on the pages: its numbers, the ranked lists of channels, the
advisor form's platforms, and the rules and sources behind the advice.

The ranked lists run for every channel the advice knows, each with every reason and its
sources, on the advisor and on each person's page; the template engine's cost per node was most
of those pages. They are drawn by the macros of `outreach/jinja2/outreach/advice.html`, compiled
to Python, with every word translated here once per process and language (`per_language`);
Jinja2 escapes every value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.forms import label_texts
from core.macros import drawn
from core.per_page import Texts, link_for_each, per_language
from outreach.ranking import RankedChannel, SourceRef
from outreach.reasons import Rule

if TYPE_CHECKING:
    from outreach.forms import PlatformRow

register = template.Library()
MACROS = "outreach/advice.html"


def signed(points: int) -> str:
    """Points a step added or took, signed as a sum is read: +10, ±0, and a true minus sign
    (not a hyphen) before what it took."""
    if points > 0:
        return f"+{points}"
    if points < 0:
        return f"\N{MINUS SIGN}{-points}"
    return "\N{PLUS-MINUS SIGN}0"


def rule_link(rules_url: str, rule: str) -> SafeString:
    """A reason's rule id, a badge linking to the rule's explanation at `rules_url` (the page
    itself when empty) and titled with the rule's title in the active language."""
    return format_html(
        '<a class="rule-id badge badge-muted" href="{}#rule-{}" title="{}">{}</a>',
        rules_url,
        rule,
        Rule[rule].title,
        rule,
    )


def badge(text: str, kind: str = "") -> SafeString:
    """A badge as every list of channels shows one: `kind` adds its class (" badge-muted")."""
    return format_html('<span class="badge{}">{}</span>', kind, text)


@dataclass(frozen=True)
class AdviceWords:
    """What a ranked list says besides each channel's own name, reasons and sources."""

    rules_url: str  # where the rule ids are explained: "" for the page itself (the advisor)
    score_format: str
    status_unknown: SafeString  # a platform no source says still operates
    presence_unknown: SafeString
    closed: SafeString
    find_out: str
    starts: dict[str, str]  # where a channel's score starts, by its kind
    capped: str
    observed: str
    what_this_means: str
    evidence_url: str
    platform_url: Callable[[object], str] = field(repr=False)  # a platform's page, by slug
    text: Texts = field(default_factory=Texts.kept)
    rule_links: dict[str, SafeString] = field(default_factory=dict, repr=False)
    signed = staticmethod(signed)

    @classmethod
    @per_language
    def translated(cls, rules_url: str = "") -> AdviceWords:
        return cls(
            rules_url=rules_url,
            score_format=gettext("%(score)s/100"),
            status_unknown=badge(gettext("status unknown"), " badge-muted"),
            presence_unknown=badge(gettext("if they are on it"), " badge-muted"),
            closed=badge(gettext("not open to inquiries"), " badge-warn"),
            find_out=gettext("Find out"),
            starts={
                "platform": gettext("Every platform they are on starts here."),
                "other": gettext("Every channel other than a platform starts here."),
            },
            capped=gettext(
                "Lowered below the best channel open to inquiries, so that it never comes first."
            ),
            observed=gettext("Observed"),
            what_this_means=gettext("What this means"),
            evidence_url=f"{reverse('outreach:advisor')}#evidence-heading",
            platform_url=link_for_each("platforms:detail"),
        )

    def rule_link(self, rule: str) -> SafeString:
        """`rule_link` to this page's rules, drawn once per process, language and rule: a search
        page shows 75 of them, and each drawn by a macro cost a twentieth of its time."""
        link = self.rule_links.get(rule)
        if link is None:
            link = self.rule_links[rule] = rule_link(self.rules_url, rule)
        return link

    @staticmethod
    def limit(channel: RankedChannel) -> str:
        """What keeping the score within 0 and the channel's ceiling took or gave."""
        if channel.limited > 0:
            return gettext("No score goes below 0.")
        if channel.ceiling == 100:
            return gettext("No score goes above 100.")
        return gettext(
            "A cold approach never scores above %(ceiling)s: only a warm introduction goes higher."
        ) % {"ceiling": channel.ceiling}

    @staticmethod
    def moved(points: int) -> str:
        """How far what recruiters observed moved the score."""
        if points > 0:
            return gettext("raised the score by %(points)s") % {"points": points}
        return gettext("lowered the score by %(points)s") % {"points": -points}


@register.simple_tag
def advice_list(
    channels: Iterable[RankedChannel], compact: bool = False, rules_url: str = ""
) -> SafeString:
    """Ranked channels, best first, each with its score and every point of it explained; or,
    `compact`, names and reasons only (the channels that can't be used).

    `rules_url`: where the rule ids are explained (the page itself unless given).
    """
    words = AdviceWords.translated(rules_url)
    return drawn(MACROS, "compact_list" if compact else "advice_list", channels, words)


@register.simple_tag
def advisor_platforms(rows: Iterable[PlatformRow]) -> SafeString:
    """The advisor form's platforms (`AdvisorForm.platform_rows`): each a group of its
    presence and its settings, six fields a platform. The settings' labels, sixty a page, are
    the same lazy texts on every row, translated once (`label_texts`)."""
    words = {"how_they_use": gettext("How they use %(platform)s"), "label": label_texts()}
    return drawn(MACROS, "platform_rows", rows, words)


@register.simple_tag
def rule_list(rules: Iterable[Rule]) -> SafeString:
    """The advice's rules, each with its id (the target of a reason's rule link), its title
    and the seed articles behind it."""
    return drawn(MACROS, "rule_list", rules)


@register.simple_tag
def source_list(sources: Iterable[SourceRef]) -> SafeString:
    """The sources advice cites (`SourceRef`, in order), as the targets of its [S2] links."""
    return drawn(MACROS, "source_list", sources)
