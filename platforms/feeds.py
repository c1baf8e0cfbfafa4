"""Atom feeds of the platform data's changes, so people who follow a platform learn when its data
changes: each new user figure and status event, with its source, newest first.

One feed for the whole site and one per platform, with Django's syndication framework; items
come from `platforms.changes`. A feed is in the language of its URL's prefix, like the pages.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from platforms import changes, presentation
from platforms.models import Platform, Source, StatusEvent, UserCount

Change = UserCount | StatusEvent


def item_anchor(item: Change) -> str:
    """The id of the item's row on its platform's page."""
    return f"figure-{item.pk}" if isinstance(item, UserCount) else f"event-{item.pk}"


def source_line(source: Source) -> SafeString:
    """ "Source: title (linked), publisher, date", as the platform page lists its sources: a
    source without a known title by its description, one without a date by its retrieval."""
    cited = presentation.source_ref(source)
    title = format_html('<a href="{}">{}</a>', cited.url, cited.label) if cited.url else cited.label
    details = [title, cited.publisher, cited.date_display]
    line = format_html_join(", ", "{}", ((detail,) for detail in details if detail))
    return format_html("<p>{}</p>", format_html(_("Source: {source}"), source=line))


class DataChangesFeed(Feed):
    """Every platform's new figures and status events."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("NetworkDir: changes to the platform data")

    def subtitle(self) -> str:
        return _("New user figures and status events, each with its source, as they are recorded.")

    def link(self) -> str:
        return reverse("platforms:directory")

    def items(self) -> list[Change]:
        return changes.recent_data_changes()

    def item_title(self, item: Change) -> str:
        if isinstance(item, UserCount):
            return _("%(platform)s — %(measure)s: %(figure)s (%(date)s)") % {
                "platform": item.platform.name,
                "measure": presentation.figure_measure(item),
                "figure": presentation.figure_value(item),
                "date": item.as_of_display,
            }
        return _("%(platform)s — %(event)s (%(date)s)") % {
            "platform": item.platform.name,
            "event": item.get_kind_display(),
            "date": item.happened_display,
        }

    def item_description(self, item: Change) -> SafeString:
        what = item.note if isinstance(item, UserCount) else item.description
        return format_html(
            "{}{}", format_html("<p>{}</p>", what) if what else "", source_line(item.source)
        )

    def item_link(self, item: Change) -> str:
        page = reverse("platforms:detail", kwargs={"slug": item.platform.slug})
        return f"{page}#{item_anchor(item)}"

    def item_updateddate(self, item: Change) -> datetime.datetime:
        """When the item was recorded; the day it is about for a row written without history."""
        if item.recorded_at is not None:
            return item.recorded_at
        day = item.as_of if isinstance(item, UserCount) else item.happened_on
        return datetime.datetime.combine(
            day, datetime.time(), tzinfo=timezone.get_default_timezone()
        )

    item_pubdate = item_updateddate


class PlatformDataChangesFeed(DataChangesFeed):
    """One platform's new figures and status events."""

    def get_object(self, request: HttpRequest, slug: str) -> Platform:
        return get_object_or_404(Platform, slug=slug)

    def title(self, platform: Platform) -> str:
        return _("%(platform)s on NetworkDir: changes to its data") % {"platform": platform.name}

    def link(self, platform: Platform) -> str:
        return reverse("platforms:detail", kwargs={"slug": platform.slug})

    def items(self, platform: Platform) -> list[Change]:
        return changes.recent_data_changes(platform=platform)
