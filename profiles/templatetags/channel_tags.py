"""A candidate's channels, the advice on reaching them, and whole search results, as the pages
show them; and the one way a template asks whether a handle is shown (`handle_seen_by`).

The result rows run for every channel of every result on a search page (a hundred per page),
where a template's per-node cost adds up to most of the page; built in Python with
`format_html`, as Django's admin builds its change-list cells (admin_list.items_for_result),
they cost a tenth. The words of the badges are translated once per list, not once per channel.
Every value is escaped by `format_html`; the markup matches the rest of the templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from outreach.reachability import ChannelSummary
from profiles.models import ACTIVE_LEVELS, Activity
from profiles.selectors import Candidate, Channel, SearchResult
from profiles.visibility import Audience, HasHandle, handle_visible_to, shown_handle

register = template.Library()


def joined(parts: Iterable[str]) -> SafeString:
    """Markup parts, each already escaped, one after the other."""
    return mark_safe("".join(parts))  # every part comes from format_html


@register.filter
def handle_seen_by(membership: HasHandle, audience: str) -> bool:
    """`{% if membership|handle_seen_by:audience %}`: the handle rule of `profiles.visibility`,
    for an audience named as `Audience` values are ("public", "recruiter", "owner")."""
    return handle_visible_to(Audience(audience), membership)


@dataclass(frozen=True)
class ChannelWords:
    """The badges of a channel list in the active language."""

    open_to_inquiries: SafeString
    verified: SafeString
    preferred: SafeString
    activity: dict[str, SafeString]
    nowhere: SafeString
    label: str

    @classmethod
    def translated(cls) -> ChannelWords:
        def badge(text: str, kind: str = "") -> SafeString:
            return format_html('<span class="badge{}">{}</span>', kind, text)

        def activity_badge(level: Activity) -> SafeString:
            if level in ACTIVE_LEVELS:
                active = gettext("active: %(activity)s") % {"activity": level.label.lower()}
                return badge(active)
            return badge(level.label, " badge-muted")

        return cls(
            open_to_inquiries=badge(gettext("open to inquiries"), " badge-ok"),
            verified=badge(gettext("verified")),
            preferred=badge(gettext("preferred")),
            activity={level.value: activity_badge(level) for level in Activity},
            nowhere=format_html(
                '<li class="muted">{}</li>', gettext("Not on any operating platform.")
            ),
            label=gettext("Reachable on"),
        )


def channel_item(channel: Channel, audience: Audience, words: ChannelWords) -> SafeString:
    parts = [format_html('<span class="channel-platform">{}</span>', channel.platform.name)]
    handle = shown_handle(audience, channel)
    if handle:
        parts.append(format_html('<span class="channel-handle">{}</span>', handle))
    if channel.open_to_inquiries:
        parts.append(words.open_to_inquiries)
    parts.append(words.activity[channel.activity])
    if channel.verified:
        parts.append(words.verified)
    if channel.preferred:
        parts.append(words.preferred)
    return format_html('<li class="channel">{}</li>', joined(parts))


def channel_list(
    channels: Iterable[Channel], audience: Audience, words: ChannelWords | None = None
) -> SafeString:
    """The platforms a candidate can be reached on, each handle shown by the one rule.

    `channels`: a candidate's channels (`profiles.selectors.candidate_rows`); `words`: pass
    `ChannelWords.translated()` when rendering many lists.
    """
    words = words or ChannelWords.translated()
    items = [channel_item(channel, audience, words) for channel in channels] or [words.nowhere]
    return format_html('<ul class="channels" aria-label="{}">{}</ul>', words.label, joined(items))


def summary_item(
    item: ChannelSummary, rules_url: str, score_format: str, closed: SafeString, text: Texts
) -> SafeString:
    channel = item.channel
    head = [
        format_html('<span class="channel-name">{}</span>', text(channel.name)),
        format_html(
            '<span class="channel-score">{}</span>', score_format % {"score": channel.score}
        ),
    ]
    if not channel.open_to_inquiries:
        head.append(closed)
    reason = ""
    if item.reason:
        reason = format_html(
            '<span class="channel-summary-reason"><a class="rule-id badge badge-muted" '
            'href="{}#rule-{}" title="{}">{}</a> {}</span>',
            rules_url,
            item.reason.rule,
            text(item.reason.rule_title),
            item.reason.rule,
            text(item.reason.message),
        )
    return format_html(
        '<li class="channel-summary-item" data-channel="{}">'
        '<span class="channel-summary-head">{}</span>{}</li>',
        channel.channel,
        joined(head),
        reason,
    )


class Texts:
    """The text of each translatable value a page shows, translated once per page: the advice's
    reasons and names are the catalog's shared objects, met again on every row."""

    def __init__(self) -> None:
        self.seen: dict[int, tuple[object, str]] = {}

    def __call__(self, value: object) -> str:
        kept = self.seen.get(id(value))
        if kept is None:
            # The value is kept beside its text, so its id can't be reused by another object.
            kept = self.seen[id(value)] = (value, str(value))
        return kept[1]


@register.simple_tag
def channel_summary(
    channels: Iterable[ChannelSummary],
    label: str = "",
    rules_url: str = "",
    text: Texts | None = None,
) -> SafeString:
    """A short ranked list of outreach channels: name, score and one reason each (the full
    reasons are on the person's page).

    `channels`: `outreach.reachability.ChannelSummary`, best first; `label`: the list's
    accessible name; `rules_url`: where the rule ids are explained (the advisor page unless
    given; pass it when rendering many lists).
    """
    rules_url = rules_url or reverse("outreach:advisor")
    score_format = gettext("%(score)s/100")
    closed = format_html(
        '<span class="badge badge-warn">{}</span>', gettext("not open to inquiries")
    )
    text = text or Texts()
    items = [summary_item(item, rules_url, score_format, closed, text) for item in channels] or [
        format_html('<li class="muted">{}</li>', gettext("No channel is advised."))
    ]
    labelled = format_html(' aria-label="{}"', label) if label else ""
    return format_html('<ol class="channel-summary"{}>{}</ol>', labelled, joined(items))


@dataclass(frozen=True)
class ResultWords:
    """What every result row of a page says the same, translated and rendered once per page."""

    channels: ChannelWords
    fictional: SafeString
    how_to_reach: str
    rules_url: str
    text: Texts

    @classmethod
    def translated(cls) -> ResultWords:
        fictional = render_to_string(
            "partials/fictional_badge.html", {"profile": {"is_fictional": True}}
        )
        return cls(
            channels=ChannelWords.translated(),
            fictional=mark_safe(fictional.strip()),  # rendered by an autoescaping template
            how_to_reach=gettext("How to reach"),
            rules_url=reverse("outreach:advisor"),
            text=Texts(),
        )


def candidate_item(result: SearchResult, advice_query: str, words: ResultWords) -> SafeString:
    candidate: Candidate = result.candidate
    url = reverse("profiles:detail", kwargs={"pk": candidate.pk})
    if advice_query:
        url = f"{url}?{advice_query}"
    role = " · ".join(part for part in (candidate.title, candidate.company) if part)
    labels = (
        candidate.get_company_type_display(),
        candidate.get_city_display(),
        candidate.get_seniority_display(),
    )
    meta = " · ".join(str(label) for label in labels)
    more = gettext("All reasons for reaching %(name)s") % {"name": candidate.display_name}
    return format_html(
        '<li class="card candidate"><div class="candidate-heading"><h3><a href="{}">{}</a></h3>'
        '{}</div><p class="candidate-role">{}</p><p class="candidate-meta muted">{}</p>{}'
        '<div class="how-to-reach"><h4 class="how-to-reach-title">{}</h4>{}'
        '<a class="how-to-reach-more" href="{}#how-to-reach">{}</a></div></li>',
        url,
        candidate.display_name,
        words.fictional if candidate.is_fictional else "",
        role,
        meta,
        channel_list(candidate.channels, result.audience, words.channels),
        words.how_to_reach,
        channel_summary(result.how_to_reach, rules_url=words.rules_url, text=words.text),
        url,
        more,
    )


@register.simple_tag
def candidate_results(results: Iterable[SearchResult], advice_query: str = "") -> SafeString:
    """Every result of a search page: the person, their channels and how to reach them.

    `advice_query`: the outreach choices to carry to each person's page.
    """
    words = ResultWords.translated()
    return joined(candidate_item(result, advice_query, words) for result in results)
