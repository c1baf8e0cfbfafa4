"""What every visitor is shown the same, built once and shared by every worker and app server.

The directory, platform and compare pages, the footer's "last updated" date and the
recommender's catalog depend on the platform records, the language and the query string, never
on who asks. They are kept in the default cache (Redis when REDIS_URL is set, so every app
server shares them) under a key that holds a *data version*; the catalog, which is not worth
pickling, is kept by each process for the current version (`held_by_process`). Saving or
deleting a platform, a user figure, an event, a citation, a source or a language retires the
version once the transaction commits (the receivers at the end, the only thing signals do here),
so the next request builds from the new records: no page shows a figure older than the last
edit.

Pages are cached as their rendered blocks: for a signed-in visitor the navigation (who is logged
in), the CSRF token of the language switcher and flash messages are rendered for each request
around them. The blocks are rendered for an anonymous twin of the request (no user, no session,
no cookies), so nothing personal can end up in a shared entry. A visitor without a session or
pending messages sees exactly what the twin sees, so for them the whole page is kept, with a
placeholder where each request's own CSRF token goes.

Search results are kept one row at a time (`shared_each`), each under the version of the
candidate it shows rather than retired on an edit: a changed profile or membership makes a new
key, so the old row is never found again.

Without Redis each process keeps its own memory cache, which only hears about edits made in
that process; there entries live `SHARED_CACHE_SECONDS` (a few seconds by default, see
settings), so the other workers catch up that quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.template.context import make_context
from django.template.loader import render_to_string
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import cached_data, data_version, digest, held_by_process, new_data_version
from platforms.models import Citation, Language, Platform, Source, StatusEvent, UserCount

Item = TypeVar("Item")
T = TypeVar("T")
SHELL_TEMPLATE = "platforms/shared_page.html"


def shared_each(
    name: str,
    items: Sequence[Item],
    *,
    version: str,
    identity: Callable[[Item], object],
    build: Callable[[list[Item]], Sequence[T]],
    vary: tuple = (),
) -> list[T]:
    """What `build()` makes of each item, kept per item for the data `version`, the language
    and `vary`: for lists whose entries change one at a time, such as search results.

    An item's entry is found by its `identity`, which must hold everything stored that its
    entry is made from besides the platform records, so that an edited item never meets its
    old entry and nothing needs retiring. `version` is `data_version()` as read *before* the
    items were: an edit of the platform records committed while they were read then files
    the entries under the old version, which is being retired, never under the new one. One
    lookup finds the kept entries; one `build()` call makes the others, in order.
    """
    seconds = settings.SHARED_CACHE_SECONDS
    if seconds <= 0:
        return list(build(list(items)))
    prefix = f"shared:{version}:{name}:"
    keys = [prefix + digest(get_language(), *vary, identity(item)) for item in items]
    kept = cache.get_many(keys)
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in kept]
    if missing:
        built = build([item for _key, item in missing])
        made = dict(zip((key for key, _item in missing), built, strict=True))
        cache.set_many(made, seconds)
        kept.update(made)
    return [kept[key] for key in keys]


def fragment_cache(*vary: object) -> dict:
    """What the `{% cache %}` tag needs to share a template fragment between requests.

    `{% cache fragment.seconds "name" fragment.key %}`: the key holds the data version and the
    language besides `vary`. The fragment must not depend on who is asking.
    """
    return {
        "seconds": settings.SHARED_CACHE_SECONDS,
        "key": digest(data_version(), get_language(), *vary),
    }


def platforms_by_id() -> dict[int, Platform]:
    """Every platform record by id, as this process keeps them for the current data version.

    Shared by every request the process serves, so read them, never change them.
    """
    return held_by_process(
        "platforms-by-id",
        build=lambda: {platform.pk: platform for platform in Platform.objects.all()},
    )


# --- Pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedPage:
    """A page's own blocks (title, content...) as rendered HTML, and its status code."""

    blocks: dict[str, str]
    status: int


class AnonymousTwin(HttpRequest):
    """The same address, language and route as a request, without its user, session or cookies."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__()
        self.method = "GET"
        self.path, self.path_info = request.path, request.path_info
        self.GET = request.GET.copy()
        self.META = {
            "SERVER_NAME": request.META.get("SERVER_NAME", ""),
            "SERVER_PORT": request.META.get("SERVER_PORT", ""),
            "HTTP_HOST": request.get_host(),
            "QUERY_STRING": request.META.get("QUERY_STRING", ""),
        }
        self.user = AnonymousUser()
        self.resolver_match = request.resolver_match
        self.LANGUAGE_CODE = getattr(request, "LANGUAGE_CODE", get_language())
        self._scheme = request.scheme

    def _get_scheme(self) -> str:
        return self._scheme


def render_blocks(template_name: str, context: dict, request: HttpRequest) -> dict[str, str]:
    """Render the blocks a page template defines, on their own (they must not use block.super)."""
    template = loader.get_template(template_name).template
    blocks = {node.name: node for node in template.nodelist.get_nodes_by_type(BlockNode)}
    bound = make_context(context, request)
    with bound.render_context.push_state(template), bound.bind_template(template):
        return {name: node.render(bound) for name, node in blocks.items()}


# A first-time visitor's page is kept whole, with this in place of the CSRF token.
CSRF_PLACEHOLDER = "csrf-token-of-this-request"


def is_cookieless_visitor(request: HttpRequest) -> bool:
    """No session and no pending message: the page is the same for every such visitor."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def render_shared_page(
    request: HttpRequest,
    template_name: str,
    build: Callable[[HttpRequest], tuple[dict, int]],
) -> HttpResponse:
    """Render `template_name` with the context `build(request)` returns, its blocks shared.

    `build` receives the anonymous twin: it may read the query string and the route, and is
    called only when this page is not cached for the current data version and language.
    Visitors without a session (most readers of these pages) get the whole page from the
    cache, rendered for the twin, with their own CSRF token put in; everyone else gets the
    shared blocks inside a frame rendered for them.
    """
    address = (request.scheme, request.get_host(), request.get_full_path())

    def render_page() -> SharedPage:
        twin = AnonymousTwin(request)
        context, status = build(twin)
        return SharedPage(blocks=render_blocks(template_name, context, twin), status=status)

    def blocks_of(page: SharedPage) -> dict[str, str]:
        # Rendered by autoescaping templates; the cache keeps them as plain strings.
        return {name: mark_safe(html) for name, html in page.blocks.items()}

    def render_whole_page() -> tuple[str, int]:
        page = cached_data(template_name, *address, build=render_page)
        context = {"shared_blocks": blocks_of(page), "csrf_token": CSRF_PLACEHOLDER}
        return render_to_string(SHELL_TEMPLATE, context, AnonymousTwin(request)), page.status

    if is_cookieless_visitor(request):
        html, status = cached_data(f"whole:{template_name}", *address, build=render_whole_page)
        return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)), status=status)
    page = cached_data(template_name, *address, build=render_page)
    return render(request, SHELL_TEMPLATE, {"shared_blocks": blocks_of(page)}, status=page.status)


# --- Invalidation: the platform records changed -------------------------------------------

SHARED_MODELS = (Platform, UserCount, StatusEvent, Citation, Source, Language)


def retire_on_record_change(sender, **kwargs) -> None:
    transaction.on_commit(new_data_version)


def retire_on_languages_change(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        transaction.on_commit(new_data_version)


def connect_signals() -> None:
    """Called by the app's ready(): clearing this cache is all these receivers do."""
    for model in SHARED_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(retire_on_record_change, sender=model, dispatch_uid="shared-cache")
    m2m_changed.connect(
        retire_on_languages_change,
        sender=Platform.interface_languages.through,
        dispatch_uid="shared-cache",
    )
