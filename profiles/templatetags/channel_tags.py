"""A candidate's channels, the advice on reaching them, and whole search results, as the pages
show them; and the one way a template asks whether a handle is shown (`handle_seen_by`).

The result rows run for every channel of every result on a search page (a hundred per page),
where a template engine's per-value cost would be most of the page. They are written in Python
(`core.html`): a quarter of the time of the same markup drawn by Jinja2 macros, which took a
tenth of the Django template's. Every word is translated here, once per process and language
(`per_language`), so the markup holds no text, and every value is `escaped`. A profile page's
table of platforms, a few rows, is a macro of `profiles/jinja2/profiles/channels.html`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.html import escaped
from core.macros import drawn
from core.per_page import Texts, link_for_each, per_language
from outreach.ranking import RankedChannel
from outreach.reachability import ChannelSummary
from outreach.templatetags.advice_tags import AdviceWords, badge
from outreach.vocabulary import City, CompanyType, Seniority
from platforms.models import Platform
from profiles.models import ACTIVE_LEVELS, Activity, Membership
from profiles.paths import IntroductionPath
from profiles.selectors import Candidate, Channel, SearchResult
from profiles.visibility import Audience, HasHandle, handle_visible_to, shown_handle

register = template.Library()
MACROS = "profiles/channels.html"
STATE_BADGE = "partials/platform_state_badge.html"


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

    @staticmethod
    def handle(audience: Audience, channel: HasHandle) -> str:
        """The handle this audience sees: the one rule of `profiles.visibility`."""
        return shown_handle(audience, channel)

    @classmethod
    @per_language
    def translated(cls) -> ChannelWords:
        def activity_badge(level: Activity) -> SafeString:
            if level in ACTIVE_LEVELS:
                active = gettext("active: %(activity)s") % {"activity": level.label.lower()}
                return badge(active)
            return badge(level.label, " badge-muted")

        return cls(
            open_to_inquiries=badge(gettext("open to inquiries"), " badge-ok"),
            verified=badge(gettext("says verified")),  # the executive's word, not checked
            preferred=badge(gettext("preferred")),
            activity={level.value: activity_badge(level) for level in Activity},
            nowhere=format_html(
                '<li class="muted">{}</li>', gettext("Not on any operating platform.")
            ),
            label=gettext("Reachable on"),
        )


@dataclass(frozen=True)
class MembershipWords:
    """The words of a profile page's table of platforms in the active language: its column
    names (each cell's label on a phone), yes and no, and its badges."""

    channels: ChannelWords
    handle: str
    activity: str
    open_to_inquiries: str
    verified: str
    publicizes_career: str
    activities: dict[str, str]
    yes_no: dict[bool, str]
    preferred: SafeString
    hidden_by_executive: SafeString
    hidden_from_recruiters: SafeString
    state_badges: dict[tuple[str, bool], SafeString] = field(default_factory=dict)

    @classmethod
    @per_language
    def translated(cls) -> MembershipWords:
        yes, no = gettext("Yes,No").split(",")
        return cls(
            channels=ChannelWords.translated(),
            handle=gettext("Handle or profile URL"),
            activity=gettext("Activity"),
            open_to_inquiries=gettext("Open to inquiries"),
            verified=gettext("Says verified"),
            publicizes_career=gettext("Publicizes career"),
            activities={level.value: str(level.label) for level in Activity},
            yes_no={True: yes, False: no},
            preferred=badge(gettext("preferred")),
            hidden_by_executive=format_html(
                '<span class="muted">{}</span>', gettext("Hidden by the executive")
            ),
            hidden_from_recruiters=badge(gettext("hidden from recruiters"), " badge-muted"),
        )

    def state_badge(self, platform: Platform) -> SafeString:
        """Where `platform` stands (`partials/platform_state_badge.html`, the badge every page
        shows beside a membership), drawn once per process and language for each status."""
        key = (platform.status, platform.historical)
        drawn_badge = self.state_badges.get(key)
        if drawn_badge is None:
            state = render_to_string(STATE_BADGE, {"platform": platform}).rstrip()
            drawn_badge = self.state_badges[key] = mark_safe(state)  # an autoescaped template
        return drawn_badge


@register.simple_tag
def membership_rows(
    memberships: Iterable[Membership], audience: str, is_owner: bool = False
) -> SafeString:
    """The rows of a profile page's table of platforms: each membership's platform, its handle
    as `audience` may see it (the one rule of `profiles.visibility`), activity and the yes/no
    columns; the owner also sees which handles are hidden and the career column."""
    words = MembershipWords.translated()
    return drawn(MACROS, "membership_rows", memberships, Audience(audience), is_owner, words)


@dataclass(frozen=True)
class SummaryWords:
    """What an advice summary says besides each channel's own name and reason."""

    rules_url: str
    score_format: str
    closed: SafeString
    status_unknown: SafeString  # a platform no source says still operates: never passes for one
    no_channel: str
    unmoved: str  # a channel no rule moved, so its score is explained all the same
    rule_link: Callable[[str], SafeString]  # `AdviceWords.rule_link`
    text: Texts = field(default_factory=Texts.kept)

    @classmethod
    @per_language
    def translated(cls, rules_url: str = "") -> SummaryWords:
        advice = AdviceWords.translated(rules_url or reverse("outreach:advisor"))
        return cls(
            rules_url=advice.rules_url,
            score_format=advice.score_format,
            closed=advice.closed,
            status_unknown=advice.status_unknown,
            no_channel=gettext("No channel is advised."),
            unmoved=gettext("No rule moves it for them: it keeps its starting score."),
            rule_link=advice.rule_link,
        )


def channel_list(channels: Iterable[Channel], audience: Audience) -> SafeString:
    """The platforms a candidate can be reached on, each handle shown by the one rule.

    `channels`: a candidate's channels (`profiles.selectors.candidate_rows`).
    """
    return mark_safe(channel_list_markup(channels, audience, ChannelWords.translated()))


def channel_list_markup(
    channels: Iterable[Channel], audience: Audience, words: ChannelWords
) -> str:
    """`channel_list`'s markup, with the `words` of a page."""
    items = "".join(_channel_item(channel, audience, words) for channel in channels)
    return f'<ul class="channels" aria-label="{escaped(words.label)}">{items or words.nowhere}</ul>'


def _channel_item(channel: Channel, audience: Audience, words: ChannelWords) -> str:
    handle = words.handle(audience, channel)
    return "".join(
        [
            '<li class="channel"><span class="channel-platform">',
            escaped(channel.platform.name),
            "</span>",
            f'<span class="channel-handle">{escaped(handle)}</span>' if handle else "",
            words.open_to_inquiries if channel.open_to_inquiries else "",
            words.activity[channel.activity],
            words.verified if channel.verified else "",
            words.preferred if channel.preferred else "",
            "</li>",
        ]
    )


@register.simple_tag
def channel_summary(
    channels: Iterable[ChannelSummary], label: str = "", rules_url: str = ""
) -> SafeString:
    """A short ranked list of outreach channels: name, score and one reason each (the full
    reasons are on the person's page).

    `channels`: `outreach.reachability.ChannelSummary`, best first; `label`: the list's
    accessible name; `rules_url`: where the rule ids are explained (the advisor page unless
    given).
    """
    words = SummaryWords.translated(rules_url)
    return mark_safe(channel_summary_markup(channels, words, label))


def channel_summary_markup(
    channels: Iterable[ChannelSummary], words: SummaryWords, label: str = ""
) -> str:
    """`channel_summary`'s markup, with the `words` of a page."""
    named = f' aria-label="{escaped(label)}"' if label else ""
    items = "".join(_summary_item(summary, words) for summary in channels)
    nothing = f'<li class="muted">{escaped(words.no_channel)}</li>'
    return f'<ol class="channel-summary"{named}>{items or nothing}</ol>'


def _summary_item(summary: ChannelSummary, words: SummaryWords) -> str:
    channel, reason = summary.channel, summary.reason
    if reason:
        because = f"{words.rule_link(reason.rule)} {escaped(words.text(reason.message))}"
    else:
        because = escaped(words.unmoved)
    return "".join(
        [
            f'<li class="channel-summary-item" data-channel="{escaped(channel.channel)}">',
            '<span class="channel-summary-head">',
            _channel_score(channel, words),
            words.status_unknown if channel.status_unknown else "",
            words.closed if channel.closed else "",
            f'</span><span class="channel-summary-reason">{because}</span></li>',
        ]
    )


def _channel_score(channel: RankedChannel, words: SummaryWords) -> str:
    """A channel's name and score ("WeChat 82/100")."""
    score = escaped(words.score_format % {"score": channel.score})
    return (
        f'<span class="channel-name">{escaped(words.text(channel.name))}</span>'
        f'<span class="channel-score">{score}</span>'
    )


@dataclass(frozen=True)
class ProfileLabels:
    """The labels of the company types, cities and seniorities in one language."""

    company_types: dict[str, str]
    cities: dict[str, str]
    seniorities: dict[str, str]

    @classmethod
    @per_language
    def translated(cls) -> ProfileLabels:
        return cls(
            *(
                {value: str(label) for value, label in choices.choices}
                for choices in (CompanyType, City, Seniority)
            )
        )

    def meta(self, candidate: Candidate) -> str:
        """The line under a candidate's role in a list ("Chinese private firm · Shanghai ·
        C-level"), from labels translated once per process and language, not on every row."""
        return " · ".join(
            labels.get(value, value)
            for labels, value in (
                (self.company_types, candidate.company_type),
                (self.cities, candidate.city),
                (self.seniorities, candidate.seniority),
            )
        )


def role_line(candidate: Candidate) -> str:
    """A candidate's role as a list shows it under their name ("CFO · Tencent"), unescaped."""
    return " · ".join(text for text in (candidate.title, candidate.company) if text)


@per_language
def fictional_badge() -> SafeString:
    """The badge of a fictional person, rendered once per process and language."""
    badge = render_to_string("partials/fictional_badge.html", {"profile": {"is_fictional": True}})
    return mark_safe(badge.strip())  # rendered by an autoescaping template


@dataclass(frozen=True)
class ResultWords:
    """What every result row of a page says the same, translated and rendered once per process
    and language."""

    channels: ChannelWords
    summary: SummaryWords
    fictional: SafeString
    how_to_reach: str
    show_more: str
    more: str
    connect: str
    degrees: dict[int, str]  # the badge of a row's introduction path, by its degree
    select: str  # the label of a row's checkbox, for the page's "Add to project" selection
    profile_url: Callable[[object], str]  # a person's page, by their profile's id
    connect_url: Callable[[object], str]  # where the viewer asks them to connect
    meta: Callable[[Candidate], str]  # the line under a row's role (`ProfileLabels.meta`)

    @classmethod
    @per_language
    def translated(cls) -> ResultWords:
        return cls(
            channels=ChannelWords.translated(),
            summary=SummaryWords.translated(),
            fictional=fictional_badge(),
            how_to_reach=gettext("How to reach"),
            show_more=gettext("more"),
            more=gettext("All reasons for reaching %(name)s"),
            connect=gettext("Connect"),
            degrees={2: gettext("2nd degree"), 3: gettext("3rd degree")},
            select=gettext("Select %(name)s"),
            profile_url=link_for_each("profiles:detail"),
            connect_url=link_for_each("profiles:connect"),
            meta=ProfileLabels.translated().meta,
        )

    def detail_url(self, pk: int, advice_query: str) -> str:
        """A candidate's page, carrying the outreach choices that shaped the advice."""
        url = self.profile_url(pk)
        return f"{url}?{advice_query}" if advice_query else url


@register.simple_tag
def candidate_results(results: Iterable[SearchResult], advice_query: str = "") -> SafeString:
    """Every result of a search page: the person, their channels and how to reach them.

    `advice_query`: the outreach choices to carry to each person's page.
    """
    words = ResultWords.translated()
    return mark_safe("".join(_result(result, words, advice_query) for result in results))


def _result(result: SearchResult, words: ResultWords, advice_query: str) -> str:
    """One result: the person, the path to them, their channels, then how to reach them."""
    candidate = result.candidate
    name, url = candidate.display_name, escaped(words.detail_url(candidate.pk, advice_query))
    select = escaped(words.select % {"name": name})
    return "".join(
        [
            '<li class="card candidate"><div class="candidate-heading">',
            '<input type="checkbox" class="candidate-select" form="candidate-selection" ',
            f'name="profiles" value="{candidate.pk}" aria-label="{select}">',
            f'<h3><a href="{url}">{escaped(name)}</a></h3>',
            words.fictional if candidate.is_fictional else "",
            f'<a class="candidate-connect" href="{escaped(words.connect_url(candidate.pk))}">',
            f"{escaped(words.connect)}</a></div>",
            f'<p class="candidate-role">{escaped(role_line(candidate))}</p>',
            f'<p class="candidate-meta muted">{escaped(words.meta(candidate))}</p>',
            _path(result.path, words) if result.path else "",
            channel_list_markup(candidate.channels, result.audience, words.channels),
            _how_to_reach(result.how_to_reach, words, name, url),
            "</li>",
        ]
    )


def _path(path: IntroductionPath, words: ResultWords) -> str:
    badge = f'<span class="badge">{escaped(words.degrees[path.degree])}</span>'
    return f'<p class="candidate-path">{badge} {escaped(path.describe())}</p>'


def _how_to_reach(
    summaries: tuple[ChannelSummary, ...], words: ResultWords, name: str, url: str
) -> str:
    """The folded advice: the best channel shown, the others and a link to all reasons within."""
    best = _channel_score(summaries[0].channel, words.summary) if summaries else ""
    more = escaped(words.more % {"name": name})
    return "".join(
        [
            '<details class="how-to-reach"><summary>',
            f'<span class="how-to-reach-title">{escaped(words.how_to_reach)}</span>{best}',
            f'<span class="how-to-reach-toggle">{escaped(words.show_more)}</span></summary>',
            channel_summary_markup(summaries, words.summary),
            f'<a class="how-to-reach-more" href="{url}#how-to-reach">{more}</a></details>',
        ]
    )
