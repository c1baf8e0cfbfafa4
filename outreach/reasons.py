"""The advice's rules R1-R12 and their reasons ("notes"), each an enum member declared once with
its text, the seed articles behind it and the platform claims whose citations it shows.

The catalog resolves every member, so no reason can lack its text; `outreach.rules` pairs
each note with its points, so a move naming a note that does not exist stops the import. The
rules are the ones in DESIGN.md.
"""

from __future__ import annotations

import enum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Rule(enum.Enum):
    """A rule of the advice: its title and the seed articles behind it. `id` is `R1`...`R12`."""

    def __new__(cls, title: Promise, seeds: tuple[str, ...]) -> Rule:
        rule = object.__new__(cls)
        # Numbered in declaration order: the lazy title must not be compared or hashed, which
        # would translate it at import time.
        rule._value_ = len(cls._member_names_) + 1
        rule.title = title
        rule.seeds = seeds
        return rule

    @property
    def id(self) -> str:
        return self.name

    R1 = _("A platform that has shut down is never advised."), ("s3",)
    R2 = _("A warm introduction comes first."), ("s2", "s4")
    R3 = _("Email is weak with managers at Chinese firms."), ("s2",)
    R4 = _("Cold calls get blocked by switchboards."), ("s4",)
    R5 = _("Global professional networks fit the globally exposed."), ("s2", "s3", "s4")
    R6 = _("Cold socializing on a microblog, if you can use it."), ("s0", "s4")
    R7 = _("Messaging apps are for people you know."), ("s3", "s4")
    R8 = _("Recruiting platforms are for headhunting."), ("s3",)
    R9 = _("Contacts networks suit keeping up with peers, not proposals."), ("s3",)
    R10 = _("Chitu fits junior targets only."), ("s3",)
    R11 = _("Meeting apps matter when a meeting is the goal."), ("s3",)
    R12 = _("Respect the target's choices."), ("s2",)


class Note(enum.Enum):
    """A reason before it is tied to a platform: its rule, its message, the seeds behind it and
    the platform claims (`email_reliance`, `status`...) whose citations it also shows."""

    def __new__(
        cls,
        rule: Rule,
        message: Promise,
        seeds: tuple[str, ...] = (),
        claims: tuple[str, ...] = (),
    ) -> Note:
        note = object.__new__(cls)
        note._value_ = len(cls._member_names_) + 1  # see Rule.__new__
        note.rule = rule
        note.message = message
        note.seeds = seeds
        note.claims = claims
        return note

    # Looked up for every move of every channel scored: identity hashing is the fastest.
    __hash__ = object.__hash__

    # R1
    SHUT_DOWN = (
        Rule.R1,
        _("It has shut down and can no longer reach anyone."),
        ("s3",),
        ("status",),
    )
    HISTORICAL = (
        Rule.R1,
        _(
            "It is kept for the record only: no source shows it still operating, so it is "
            "never advised."
        ),
        (),
        ("status",),
    )
    # R2
    INTRO_MUTUAL_DOMESTIC = (
        Rule.R2,
        _(
            "Chinese firms network through people they know: "
            "ask your mutual contact to introduce you."
        ),
        ("s2",),
    )
    INTRO_MUTUAL_GLOBAL = (
        Rule.R2,
        _("An introduction through your mutual contact beats a cold message."),
        ("s2",),
    )
    INTRO_SEEK_DOMESTIC = (
        Rule.R2,
        _(
            "At a Chinese firm even an introduction by a loose acquaintance beats a cold message: "
            "look for someone who knows them."
        ),
        ("s2",),
    )
    INTRO_SEEK_GLOBAL = (
        Rule.R2,
        _("Without a mutual contact, first find someone who can introduce you."),
        ("s2",),
    )
    # R2, with the sender's best real path in NetworkDir's network: `%(name)s` is the person
    # to ask first, named to the sender (see NAMING_NOTES).
    INTRO_PATH_CLOSE_DOMESTIC = (
        Rule.R2,
        _(
            "Chinese firms network through people they know, and %(name)s, close to you both, "
            "is glad to introduce you: ask them first."
        ),
        ("s2",),
    )
    INTRO_PATH_CLOSE_GLOBAL = (
        Rule.R2,
        _(
            "%(name)s, close to you both, is glad to introduce you: an introduction beats a "
            "cold message."
        ),
        ("s2",),
    )
    INTRO_PATH_DOMESTIC = (
        Rule.R2,
        _(
            "Chinese firms network through people they know: ask %(name)s, whom you both know, "
            "to introduce you."
        ),
        ("s2",),
    )
    INTRO_PATH_GLOBAL = (
        Rule.R2,
        _("%(name)s, whom you both know, can introduce you: an introduction beats a cold message."),
        ("s2",),
    )
    INTRO_PATH_THIRD_DOMESTIC = (
        Rule.R2,
        _(
            "At a Chinese firm even an introduction through two people beats a cold message: "
            "%(name)s knows someone who knows them."
        ),
        ("s2",),
    )
    INTRO_PATH_THIRD_GLOBAL = (
        Rule.R2,
        _(
            "%(name)s knows someone who knows them: two introductions take longer, but beat a "
            "cold message."
        ),
        ("s2",),
    )
    INTRO_PATH_LONGER_DOMESTIC = (
        Rule.R2,
        _(
            "At a Chinese firm even a long chain of introductions beats a cold message: "
            "%(name)s can reach them through two more people."
        ),
        ("s2",),
    )
    INTRO_PATH_LONGER_GLOBAL = (
        Rule.R2,
        _(
            "%(name)s can reach them through two more people: a chain of three introductions is "
            "slow, but still beats a cold message."
        ),
        ("s2",),
    )
    WORD_OF_MOUTH = (Rule.R2, _("C-level executives in China rely on word of mouth."), ("s4",))
    OFFLINE = (Rule.R2, _("Networking at Chinese firms happens offline, face to face."), ("s2",))
    MEETING_VIA_CONTACT = (Rule.R2, _("Your mutual contact can set up a meeting."), ("s2",))
    # R3
    EMAIL_DOMESTIC = (
        Rule.R3,
        _(
            "Managers at Chinese firms seldom use email; "
            "they prefer the phone or meeting in person."
        ),
        ("s2",),
    )
    EMAIL_GLOBAL = (
        Rule.R3,
        _("Staff of multinationals, joint ventures and foreign firms are used to email."),
        ("s2",),
    )
    PHONE_AFTER_INTRO = (
        Rule.R3,
        _("Once you are introduced, call: managers at Chinese firms prefer the phone."),
        ("s2",),
    )
    PLATFORM_EMAIL_HIGH = (
        Rule.R3,
        _("It works through email, which managers at Chinese firms seldom read."),
        ("s2",),
        ("email_reliance",),
    )
    PLATFORM_EMAIL_MEDIUM = (
        Rule.R3,
        _("It partly works through email, which managers at Chinese firms seldom read."),
        ("s2",),
        ("email_reliance",),
    )
    # R4
    COLD_CALL = (
        Rule.R4,
        _(
            "Switchboards block calls that are not for a named person, "
            "so a cold call rarely gets through."
        ),
        ("s4",),
    )
    # R5
    GLOBAL_COMPANY = (
        Rule.R5,
        _("Its core users in China work for multinationals and joint ventures, as they do."),
        ("s2",),
        ("reach_beyond_china",),
    )
    SPEAKS_ENGLISH = (
        Rule.R5,
        _("They speak English, as its core users in China do."),
        ("s2",),
        ("reach_beyond_china",),
    )
    ABROAD = (
        Rule.R5,
        _("They studied or worked abroad, as many of its users in China did."),
        ("s2",),
        ("reach_beyond_china",),
    )
    LOCAL_PROFESSIONAL = (
        Rule.R5,
        _("It works poorly for local professionals at domestic firms."),
        ("s2", "s4"),
        ("reach_beyond_china",),
    )
    # R6
    PUBLICIZES_CAREER = (
        Rule.R6,
        _(
            "They publicize their career here, and people who do tend to welcome business "
            "inquiries, executives included."
        ),
        ("s4",),
        ("cold_messaging",),
    )
    OPENS_DOORS = (
        Rule.R6,
        _(
            "For business with a domestic firm, a private message here "
            "opens doors a switchboard keeps shut."
        ),
        ("s4",),
        ("cold_messaging",),
    )
    CHINESE_ONLY = (
        Rule.R6,
        _(
            "Its interface is in Chinese only and you don't read Chinese: "
            "ask a China-based colleague."
        ),
        ("s0",),
        ("interface_languages",),
    )
    VERIFICATION = (
        Rule.R6,
        _(
            "It requires real-name verification, which is hard without a mainland identity: "
            "ask a China-based colleague with a verified account."
        ),
        ("s0",),
        ("real_name_verification",),
    )
    # R7
    NEEDS_INTRODUCTION = (
        Rule.R7,
        _("A first contact here needs an introduction: it reaches people you already know."),
        ("s3", "s4"),
        ("cold_messaging",),
    )
    AFTER_INTRODUCTION = (
        Rule.R7,
        _("Once your mutual contact introduces you, this is the natural place to talk."),
        ("s3", "s4"),
        ("cold_messaging",),
    )
    # R8
    HEADHUNTING = (
        Rule.R8,
        _(
            "It connects headhunters with job seekers and lists open positions: "
            "it is built for recruiting and job search."
        ),
        ("s3",),
        ("kind",),
    )
    NOT_FOR_PROPOSALS = (
        Rule.R8,
        _("It is built for headhunting, not for proposals or networking."),
        ("s3",),
        ("kind",),
    )
    # R9
    CONTACTS = (
        Rule.R9,
        _("It is built to keep up with professional contacts and make new ones."),
        ("s3",),
        ("kind",),
    )
    GOSSIP = (
        Rule.R9,
        _("Anonymous posting turned it into a gossip venue: poor for formal proposals."),
        ("s3",),
        ("anonymous_posting",),
    )
    # R10
    YOUNG_PROFESSIONALS = (
        Rule.R10,
        _("It was made for young, newly employed professionals."),
        ("s3",),
    )
    JUNIOR_ONLY = (
        Rule.R10,
        _(
            "It was made for young professionals and has no global network: "
            "it fits junior targets only."
        ),
        ("s3",),
    )
    # R11
    MEETINGS = (
        Rule.R11,
        _("It arranges in-person meetings, where Chinese networking happens."),
        ("s3", "s2"),
        ("kind",),
    )
    NICHE = (
        Rule.R11,
        _("It is a niche app for arranging meetings, not for hiring."),
        ("s3",),
        ("kind",),
    )
    # R12
    NOT_ON_PLATFORM = (Rule.R12, _("They are not on this platform, so it cannot reach them."))
    PRESENCE_UNKNOWN = (
        Rule.R12,
        _(
            "You don't know whether they are on it: this is what it is worth if they are, "
            "counting only what you know."
        ),
    )
    SETTINGS_UNKNOWN = (
        Rule.R12,
        _(
            "You don't know whether they are active or open to inquiries here: "
            "that counts neither for nor against."
        ),
    )
    ACTIVE = (Rule.R12, _("They are active here."))
    INACTIVE = (Rule.R12, _("They are inactive here, so a message may go unread."))
    # Their own word (or that of whoever asks), never checked: said as theirs, like "says verified".
    VERIFIED = (Rule.R12, _("They say their account here is verified."))
    PREFERRED = (Rule.R12, _("It is their preferred channel."))
    OPEN = (Rule.R12, _("They are open to inquiries here."))
    CLOSED = (
        Rule.R12,
        _("They are not open to inquiries here: respect that, so it never comes first."),
        ("s2",),
    )


# The notes whose text names the sender's intermediary: the recommender fills in `%(name)s`.
NAMING_NOTES = frozenset(
    {
        Note.INTRO_PATH_CLOSE_DOMESTIC,
        Note.INTRO_PATH_CLOSE_GLOBAL,
        Note.INTRO_PATH_DOMESTIC,
        Note.INTRO_PATH_GLOBAL,
        Note.INTRO_PATH_THIRD_DOMESTIC,
        Note.INTRO_PATH_THIRD_GLOBAL,
        Note.INTRO_PATH_LONGER_DOMESTIC,
        Note.INTRO_PATH_LONGER_GLOBAL,
    }
)

# The seed keys any reason may cite, and the platform claims whose citations reasons show: what
# the catalog loads from the database.
RULE_SOURCE_KEYS = frozenset(key for rule in Rule for key in rule.seeds) | frozenset(
    key for note in Note for key in note.seeds
)
CITED_CLAIMS = frozenset(claim for note in Note for claim in note.claims)
