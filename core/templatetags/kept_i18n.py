"""Django's `i18n` template library, with each `{% translate "constant text" %}` translated once
per process and language: the site's templates load it as `i18n` (settings.TEMPLATES).

A page draws 20 to 60 constant texts through `{% translate %}`, and Django's node looks each up
in the catalogue again on every render, about 6 µs a text against 1.4 kept (a person's page
spent 0.2 ms of its 3.7 on them). A constant's text in a language never changes while the
process runs, so the node keeps it, as `core.per_page.per_language` keeps a page's words. A text
made of a variable or with filters is Django's node as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django import template
from django.template.base import FilterExpression, Node, Parser, Token
from django.template.context import Context
from django.templatetags import i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class KeptOutput:
    """What a node with a constant output per `key` shares: the output of its first render for
    each key, kept on the node (the template loader keeps the node for the process), written
    where the tag's `as` names or returned."""

    asvar: str | None

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.outputs: dict[Hashable, str] = {}

    def kept(self, context: Context, key: Hashable, render: Callable[[Context], str]) -> str:
        output = self.outputs.get(key)
        if output is None:
            drawn = render(context)
            output = self.outputs[key] = context[self.asvar] if self.asvar else drawn
        if self.asvar:
            context[self.asvar] = output
            return ""
        return output


def constant(expression: FilterExpression | None) -> bool:
    """Whether a tag's argument is a string literal without filters (or absent): the same on
    every render. A literal's `var` is its string, or a `Variable` holding it (`translate`'s)."""
    if expression is None:
        return True
    value = expression.var
    literal = value if isinstance(value, str) else getattr(value, "literal", None)
    return literal is not None and not expression.filters


class KeptTranslateNode(KeptOutput, i18n.TranslateNode):
    """`{% translate %}` of a constant text (and constant message context), kept by language."""

    def __init__(self, node: i18n.TranslateNode) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        self.constant = constant(self.filter_expression) and constant(self.message_context)

    def render(self, context: Context) -> str:
        if not self.constant:
            return super().render(context)
        return self.kept(context, get_language(), super().render)


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> Node:
    return KeptTranslateNode(i18n.do_translate(parser, token))
