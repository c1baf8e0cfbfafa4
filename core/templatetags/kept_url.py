"""`{% url %}` of a route without arguments reversed once per process, language, script prefix
and application namespace: a builtin of the site's templates (settings.TEMPLATES).

Every page draws its constant links (the brand, the forms' actions, the advisor) through
`{% url %}`, and Django's node reverses each again on every render, about 19 µs a link. A route
with arguments is Django's node as it is.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.template.base import Node, Parser, Token
from django.template.context import Context
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

from core.templatetags.kept_i18n import KeptOutput, constant

register = template.Library()


class KeptURLNode(KeptOutput, defaulttags.URLNode):
    """`{% url "name" %}` kept for everything its reverse depends on besides the name: the
    language (the routes' prefix), the script prefix, the request's URLconf and application
    namespace, and whether the page escapes."""

    def __init__(self, node: defaulttags.URLNode) -> None:
        super().__init__(node.view_name, node.args, node.kwargs, node.asvar)
        self.constant = not self.args and not self.kwargs and constant(self.view_name)

    def render(self, context: Context) -> str:
        if not self.constant:
            return super().render(context)
        request = getattr(context, "request", None)
        key = (
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            getattr(request, "current_app", None),
            getattr(getattr(request, "resolver_match", None), "namespace", None),
            context.autoescape,
        )
        return self.kept(context, key, super().render)


@register.tag
def url(parser: Parser, token: Token) -> Node:
    return KeptURLNode(defaulttags.url(parser, token))
