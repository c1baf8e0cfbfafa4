"""How the advice's numbers are written on the pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def signed(points: int) -> str:
    """Points a step added or took, signed as a sum is read: +10, ±0, and a true minus sign
    (not a hyphen) before what it took."""
    if points > 0:
        return f"+{points}"
    if points < 0:
        return f"\N{MINUS SIGN}{-points}"
    return "\N{PLUS-MINUS SIGN}0"
