"""Small presentation helpers for platform pages: citation links, status badges, figures."""

from django import template

from platforms import presentation
from platforms.models import Platform, UserCount

register = template.Library()

STATUS_BADGES = {
    Platform.Status.ACTIVE: "badge-ok",
    Platform.Status.RESTRICTED: "badge-warn",
    Platform.Status.DECLINING: "badge-warn",
    Platform.Status.SHUT_DOWN: "badge-bad",
}


@register.inclusion_tag("partials/citations.html")
def cite(numbers: int | tuple[int, ...]) -> dict:
    """Superscript [n] links to the numbered sources at the foot of the page."""
    return {"numbers": (numbers,) if isinstance(numbers, int) else numbers}


@register.filter
def status_badge(status: str) -> str:
    """The badge class that signals a status at a glance (green, amber, red or grey)."""
    return STATUS_BADGES.get(status, "badge-muted")


@register.filter
def status_label(status: str) -> str:
    return presentation.status_label(status)


@register.filter
def figure_value(count: UserCount) -> str:
    return presentation.figure_value(count)


@register.filter
def figure_measure(count: UserCount) -> str:
    return presentation.figure_measure(count)


@register.filter
def full_count(value: int) -> str:
    """Every digit, grouped in threes in both languages (Django's zh-hans format groups none)."""
    return f"{value:,}"
