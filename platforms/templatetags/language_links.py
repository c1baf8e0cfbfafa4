"""The address of the current page in another interface language, for the language switcher."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_path(context: template.Context, language: str) -> str:
    """This page's path and query under `language`'s prefix (/en/platforms/weibo/ → /zh-hans/...).

    Django's set_language translates `next` too, but it resolves it in the language of the
    switch request itself (cookie or Accept-Language), which fails for someone who opened a
    shared /zh-hans/ link with an English browser. Here the page's own language is active, so
    the path always resolves; a path that resolves nowhere is returned unchanged.
    """
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)
