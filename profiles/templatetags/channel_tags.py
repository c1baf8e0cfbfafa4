"""A candidate's channels and the advice on reaching them, as the result lists show them.

These run for every channel of every result on a search page (a hundred per page), where a
template's per-node cost adds up to most of the page; built in Python with `format_html`, as
Django's admin builds its change-list cells (admin_list.items_for_result), they cost a tenth.
Every value is escaped by `format_html`; the markup matches the rest of the templates.
"""

from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from outreach.reachability import ChannelSummary
from profiles.models import Membership

register = template.Library()


def joined(parts: Iterable[SafeString]) -> SafeString:
    """Markup parts, each already escaped, one after the other."""
    return mark_safe("".join(parts))  # every part comes from format_html


def channel_item(channel: Membership) -> SafeString:
    parts = [format_html('<span class="channel-platform">{}</span>', channel.platform.name)]
    if channel.handle and not channel.hide_handle:
        parts.append(format_html('<span class="channel-handle">{}</span>', channel.handle))
    if channel.open_to_inquiries:
        parts.append(
            format_html('<span class="badge badge-ok">{}</span>', gettext("open to inquiries"))
        )
    activity = channel.get_activity_display()
    if channel.is_active:
        active = gettext("active: %(activity)s") % {"activity": activity.lower()}
        parts.append(format_html('<span class="badge">{}</span>', active))
    else:
        parts.append(format_html('<span class="badge badge-muted">{}</span>', activity))
    if channel.verified:
        parts.append(format_html('<span class="badge">{}</span>', gettext("verified")))
    if channel.preferred:
        parts.append(format_html('<span class="badge">{}</span>', gettext("preferred")))
    return format_html('<li class="channel">{}</li>', joined(parts))


@register.simple_tag
def channel_list(channels: Iterable[Membership]) -> SafeString:
    """The platforms a candidate can be reached on: handles only where they did not hide them.

    `channels`: memberships on operating platforms with their platform
    (`profiles.selectors.with_channels`).
    """
    items = [channel_item(channel) for channel in channels] or [
        format_html('<li class="muted">{}</li>', gettext("Not on any operating platform."))
    ]
    return format_html(
        '<ul class="channels" aria-label="{}">{}</ul>', gettext("Reachable on"), joined(items)
    )


def summary_item(item: ChannelSummary, rules_url: str) -> SafeString:
    channel = item.channel
    head = [
        format_html('<span class="channel-name">{}</span>', channel.name),
        format_html(
            '<span class="channel-score">{}</span>',
            gettext("%(score)s/100") % {"score": channel.score},
        ),
    ]
    if not channel.open_to_inquiries:
        head.append(
            format_html(
                '<span class="badge badge-warn">{}</span>', gettext("not open to inquiries")
            )
        )
    reason = ""
    if item.reason:
        reason = format_html(
            '<span class="channel-summary-reason"><a class="rule-id badge badge-muted" '
            'href="{}#rule-{}" title="{}">{}</a> {}</span>',
            rules_url,
            item.reason.rule,
            item.reason.rule_title,
            item.reason.rule,
            item.reason.message,
        )
    return format_html(
        '<li class="channel-summary-item" data-channel="{}">'
        '<span class="channel-summary-head">{}</span>{}</li>',
        channel.channel,
        joined(head),
        reason,
    )


@register.simple_tag
def channel_summary(
    channels: Iterable[ChannelSummary], label: str = "", rules_url: str = ""
) -> SafeString:
    """A short ranked list of outreach channels: name, score and one reason each (the full
    reasons are on the person's page).

    `channels`: `outreach.reachability.ChannelSummary`, best first; `label`: the list's
    accessible name; `rules_url`: where the rule ids are explained (the advisor page unless
    given; pass it when rendering many lists).
    """
    rules_url = rules_url or reverse("outreach:advisor")
    items = [summary_item(item, rules_url) for item in channels] or [
        format_html('<li class="muted">{}</li>', gettext("No channel is advised."))
    ]
    labelled = format_html(' aria-label="{}"', label) if label else ""
    return format_html('<ol class="channel-summary"{}>{}</ol>', labelled, joined(items))
