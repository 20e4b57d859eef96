"""Which kind of mail a request keeps in this call's briefing: "just the people ones" or "skip
the marketing stuff" leaves out newsletters and automated mail; "only the important ones"
leaves out what does not look important. Nothing in the mailbox changes: a rule is a mute."""

from __future__ import annotations

import re
from typing import Literal

Kept = Literal["people", "important"]

# Mail sent to many, or by a machine: the kinds the triage scores as bulk (plural, or a word
# only such mail has; "the newsletter" alone names its one sender).
BULK = re.compile(
    r"\b(?:newsletters|marketing|promo(?:s|tions|tional)?|ads|adverts?|advertising|junk|spam|"
    r"automated|bulk|mailing lists?|notifications|robots|bots|sales (?:stuff|emails|ones|pitches))\b"
)
# Mail written by someone ("the people ones", "the stuff from actual humans").
PEOPLE = re.compile(
    r"\b(?:people|personal|human|real|actual) (?:ones|emails|mails|messages|stuff)\b"
    r"|\bfrom (?:real |actual )?(?:people|humans|persons)\b"
)
# "not robots": of people only, said by what is not wanted
ROBOTS = re.compile(
    r"\b(?:not|no|without|skip(?:ping)?) (?:the |any )?(?:robots?|bots?|machines?|automated(?: \w+)?|newsletters)\b"
)
IMPORTANT = re.compile(
    r"\b(?:important|urgent|pressing|priority|critical) (?:ones|emails|mails|messages|stuff)\b"
    r"|\bwhat(?:'s| is)? (?:important|urgent|pressing)\b|\bwhat (?:really |actually )?matters\b"
)
LEAVING_OUT = re.compile(
    r"\b(?:skip|skipping|leave out|leave (?:the|all)|ignore|forget|drop|pass on|without|"
    r"don'?t (?:need|want|care)|do not (?:need|want|care)|not interested)\b"
)
# Not a filter of this briefing: a sender named ("the important ones from Priya"), a standing
# wish ("no more newsletters": a mute, asked about), or words about the one email open ("it's
# just junk, skip it").
NOT_A_FILTER = re.compile(
    r"\bfrom (?!(?:real |actual )?(?:people|humans|persons)\b|(?:here|now|then|today)\b)[a-z]"
    r"|\b(?:no more|anymore|any more|ever again|always|never)\b"
    r"|\b(?:it's|it is|this is|that's|that is|this one's|this one is)\b|\bskip (?:it|this|that)\b"
)
KEEPING_ONLY = re.compile(r"\b(?:only|just)\b")
# Words of a rule or an action on mail: those are asked for by name, not a briefing's filter.
ACTING = re.compile(
    r"\b(?:mute|unmute|block|unblock|unsubscribe|delete|trash|bin|archive|move|file|filter|rule|"
    r"forward|reply|mark|flag|tell(?! me)|say|saying|write|ask)\b"
)
ASKING = re.compile(r"^(?:are|is|any|anything|how|what|which|do|did|were|was)\b|\?$")


def kept_in_briefing(said: str) -> Kept | None:
    """The kind of mail a request keeps in this briefing, leaving the rest out for now; None
    where it asks for no such thing (a question about them, a rule, or an action on mail)."""
    text = said.lower().strip()
    if ACTING.search(text) or ASKING.search(text) or NOT_A_FILTER.search(text):
        return None
    keeps_only = KEEPING_ONLY.search(text) is not None
    if IMPORTANT.search(text) and keeps_only:
        return "important"
    if PEOPLE.search(text) and (keeps_only or LEAVING_OUT.search(text)):
        return "people"
    if BULK.search(text) and LEAVING_OUT.search(text):
        return "people"
    return None
