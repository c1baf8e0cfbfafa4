"""How an introduction path reads in each language (`profiles.paths.IntroductionPath.describe`):
its phrases, and their translations kept once per process and language (`PathWords`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext, pgettext_lazy

from core.per_page import texts_per_language
from profiles.models import Closeness, Relationship

K = TypeVar("K")

# The closeness of a link as a path's line says it ("close" is not "Close" the button).
CLOSENESS = {
    Closeness.ACQUAINTED: pgettext_lazy("closeness of a link", "acquainted"),
    Closeness.KNOW_WELL: pgettext_lazy("closeness of a link", "know well"),
    Closeness.CLOSE: pgettext_lazy("closeness of a link", "close"),
}


# How each link of a path reads, by how the earlier person knows the later one: whole phrases,
# so each language orders its own words.
YOUR_LINK = {
    Relationship.COLLEAGUE: pgettext_lazy("path link", "your colleague"),
    Relationship.FORMER_COLLEAGUE: pgettext_lazy("path link", "your former colleague"),
    Relationship.CLASSMATE: pgettext_lazy("path link", "your classmate"),
    Relationship.CLIENT_OR_PARTNER: pgettext_lazy("path link", "your client or partner"),
    Relationship.FRIEND_OR_FAMILY: pgettext_lazy("path link", "your friend or relative"),
    Relationship.MET_AT_EVENT: pgettext_lazy("path link", "whom you met at an event"),
    Relationship.OTHER: pgettext_lazy("path link", "whom you know"),
}
TEAMMATE_LINK = {
    Relationship.COLLEAGUE: pgettext_lazy("path link", "%(teammate)s's colleague"),
    Relationship.FORMER_COLLEAGUE: pgettext_lazy("path link", "%(teammate)s's former colleague"),
    Relationship.CLASSMATE: pgettext_lazy("path link", "%(teammate)s's classmate"),
    Relationship.CLIENT_OR_PARTNER: pgettext_lazy("path link", "%(teammate)s's client or partner"),
    Relationship.FRIEND_OR_FAMILY: pgettext_lazy("path link", "%(teammate)s's friend or relative"),
    Relationship.MET_AT_EVENT: pgettext_lazy("path link", "whom %(teammate)s met at an event"),
    Relationship.OTHER: pgettext_lazy("path link", "whom %(teammate)s knows"),
}
NEXT_LINK = {
    Relationship.COLLEAGUE: pgettext_lazy("path link", "who knows %(name)s as a colleague"),
    Relationship.FORMER_COLLEAGUE: pgettext_lazy(
        "path link", "who knows %(name)s as a former colleague"
    ),
    Relationship.CLASSMATE: pgettext_lazy("path link", "who knows %(name)s as a classmate"),
    Relationship.CLIENT_OR_PARTNER: pgettext_lazy(
        "path link", "who knows %(name)s as a client or partner"
    ),
    Relationship.FRIEND_OR_FAMILY: pgettext_lazy(
        "path link", "who knows %(name)s as a friend or relative"
    ),
    Relationship.MET_AT_EVENT: pgettext_lazy("path link", "who met %(name)s at an event"),
    Relationship.OTHER: pgettext_lazy("path link", "who knows %(name)s"),
}


def _translated(phrases: dict[K, Promise]) -> dict[K, str]:
    """Lazily translated `phrases` in the active language."""
    return {key: str(phrase) for key, phrase in phrases.items()}


@dataclass(frozen=True)
class PathWords:
    """A path's phrases in one language, translated once per process: a board or a search page
    describes a path on row after row, and ten catalogue lookups a line took about 0.1 ms."""

    via: str
    via_teammate: str
    your_link: dict[str, str]
    teammate_link: dict[str, str]
    next_link: dict[str, str]
    closeness: dict[int, str]
    link_with_closeness: str
    between: str

    def with_closeness(self, link: str, closeness: int) -> str:
        return self.link_with_closeness % {"link": link, "closeness": self.closeness[closeness]}

    @classmethod
    @texts_per_language
    def translated(cls) -> PathWords:
        return cls(
            via=gettext("via %(name)s"),
            via_teammate=gettext("via your teammate %(teammate)s's contact %(name)s"),
            your_link=_translated(YOUR_LINK),
            teammate_link=_translated(TEAMMATE_LINK),
            next_link=_translated(NEXT_LINK),
            closeness=_translated(CLOSENESS),
            link_with_closeness=gettext("%(link)s (%(closeness)s)"),
            between=pgettext("between the parts of an introduction path", " — "),
        )
