"""One verb for two emails: "mark Bob's and Priya's emails as read", "archive the VendorX one and
the IT one". Said out as two requests, each with its verb, so each is understood and placed on
its own ("mark Bob's email as read and mark Priya's email as read")."""

from __future__ import annotations

import re
from collections.abc import Callable

VERBS = r"mark|flag|unflag|star|unstar|archive|delete|trash|bin|ditch|toss|get rid of|file|move|forward"
_EMAIL = r"(?:one|email|mail|message|newsletter|note|notes)"
# "Bob's", "the VPN one", "Bob's release one": a name or a word or two before what it is
_NAMED = rf"(?:the |that )?[\w.@'-]+(?:'s)?(?: [\w-]+)?(?: {_EMAIL}s?)?"
CONJOINED = re.compile(
    rf"^(?P<head>(?:[\w']+[ ,]+){{0,4}}?(?P<verb>{VERBS}))\s+(?P<a>{_NAMED})\s+and\s+(?P<b>{_NAMED})"
    r"(?P<tail>(?:\s+as)?\s+(?:read|unread)|\s+(?:to|into|under)\s+[\w' -]+)?[.!?]?$",
    re.IGNORECASE,
)
# Words that start a request of their own: "archive it and move on" is two requests already.
_NOT_AN_EMAIL = re.compile(rf"^(?:{VERBS}|go|move|skip|next|read|then|it|that|this|them)\b", re.IGNORECASE)
TAKES_BACK = re.compile(r"\b(?:no|not|don't|leave|just|only|actually|wait|instead|rather|except|but)\b", re.IGNORECASE)
# "..., oh and mark the offsite one unread": a request of its own after the comma, not a reason
REQUEST_AFTER = re.compile(
    rf"^(?:(?:oh|and|also|plus|then)[ ,]+)+(?=(?:{VERBS}|read|go|skip|reply|mute|open)\b)", re.IGNORECASE
)
REASON_AFTER = re.compile(r"[,;]\s+|\s+(?:-+|—)\s+|(?<=\w)\.\s+|\s+(?=(?:because|cause|cos|since)\b)")
_PLURAL = re.compile(rf"\b({_EMAIL})s$", re.IGNORECASE)


# Emails named by their place in the briefing: "read me the second and the fourth", "flag the first two".
_PLACE = r"first|second|third|fourth|fifth|last"
_ONES = r"(?:\s+(?:ones?|emails?|mails?|messages?))?"
_PLACE_VERB = rf"{VERBS}|read(?: me)?|open|go to|play(?: me)?"
BY_PLACE = re.compile(
    rf"^(?P<head>(?:[\w']+[ ,]+){{0,3}}?(?P<verb>{_PLACE_VERB}))\s+the\s+(?P<places>(?:{_PLACE}){_ONES}"
    rf"(?:(?:\s*,\s*|,?\s+and\s+|\s+then\s+)(?:the\s+)?(?:{_PLACE}){_ONES})+)"
    r"(?P<tail>(?:\s+as)?\s+(?:read|unread)|\s+(?:to|into|under)\s+[\w' -]+)?[.!?]?$",
    re.IGNORECASE,
)
FIRST_FEW = re.compile(
    rf"^(?P<head>(?:[\w']+[ ,]+){{0,3}}?(?P<verb>{_PLACE_VERB}))\s+the\s+(?P<end>first|top|last)\s+"
    rf"(?P<count>two|three|2|3){_ONES}(?P<tail>(?:\s+as)?\s+(?:read|unread)|\s+(?:to|into|under)\s+[\w' -]+)?[.!?]?$",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "three": 3, "2": 2, "3": 3}
_NTH = ["first", "second", "third", "fourth", "fifth"]


def each_by_place(said: str, how_many: int) -> str | None:
    """The request said once per email it names by place ("flag the first two" -> "flag the
    first one and flag the second one"), of `how_many` in the briefing; None when it names
    fewer than two by place."""
    text = said.strip()
    if (few := FIRST_FEW.match(text)) is not None:
        count = min(_COUNTS[few["count"].lower()], how_many)
        start = how_many - count if few["end"].lower() == "last" else 0
        places = [_NTH[index] if index < len(_NTH) else "" for index in range(start, start + count)]
        found = few
    elif (listed := BY_PLACE.match(text)) is not None:
        places = re.findall(_PLACE, listed["places"], re.IGNORECASE)
        found = listed
    else:
        return None
    if len(places) < 2 or not all(places):
        return None
    tail = found["tail"] or ""
    return " and ".join(
        f"{found['head'] if i == 0 else found['verb']} the {p.lower()} one{tail}" for i, p in enumerate(places)
    )


def each_with_its_verb(said: str, names_an_email: Callable[[str, bool], bool]) -> str | None:
    """The request said as one per email, when one verb names two that `names_an_email` knows
    ("the sales and marketing email" is one email); None when it does not."""
    # a reason after it is no part of the request: "flag Bob's and Sarah's, I'll deal with those tonight"
    head, *after = REASON_AFTER.split(said.strip(), maxsplit=1)
    # never past a correction: "archive Bob's and Sarah's - no, leave Sarah's"
    why = (
        bool(after) and re.match(r"(?:because|cause|cos|since)\b", after[0]) is not None
    )  # a reason takes nothing back
    whole = CONJOINED.match(said.strip())
    found = whole or (CONJOINED.match(head) if why or not TAKES_BACK.search(" ".join(after)) else None)
    if found is None or _NOT_AN_EMAIL.match(found["b"]) or found["a"].lower() in ("it", "that", "this"):
        return None
    a, b = (_possessive(found[part], names_an_email) for part in ("a", "b"))
    if not all(names_an_email(_named(part), _described(part)) for part in (a, b)):
        return None
    b, tail = _PLURAL.sub(r"\1", b), found["tail"] or ""
    if a.endswith("'s") and (noun := re.search(rf"{_EMAIL}$", b, re.IGNORECASE)):
        a = f"{a} {noun.group()}"  # "Bob's and Priya's emails": Bob's email
    request_after = REQUEST_AFTER.match(after[0]) if after and whole is None else None
    if request_after and re.search(r"\b(?:it|that|this|them|those)\b", after[0], re.IGNORECASE):
        return None  # "..., and then delete it": which "it" of the two is not said
    more = f", and {after[0][request_after.end() :]}" if request_after else ""
    return f"{found['head']} {a}{tail} and {found['verb']} {b}{tail}{more}"


def _described(words: str) -> bool:
    """Whether the words describe an email ("the IT one"): there, "it" is IT, not the pronoun."""
    return bool(re.match(r"(?:the|that) ", words, re.IGNORECASE))


def _named(words: str) -> str:
    """ "the VendorX one" -> "VendorX"; "Bob's" -> "Bob"."""
    words = re.sub(r"^(?:the|that) ", "", words, flags=re.IGNORECASE)
    words = re.sub(rf"(?:'s)?(?: {_EMAIL}s?)?$", "", words, flags=re.IGNORECASE)
    return words.removesuffix("'s")


def _possessive(words: str, names_an_email: Callable[[str, bool], bool]) -> str:
    """ "Priyas" as the recognizer writes "Priya's", where only the name without its "s" names an
    email; the words as they were otherwise."""
    plural = words.lower().endswith("s") and not words.endswith("'s")
    if plural and not names_an_email(_named(words), False) and names_an_email(words[:-1], False):
        return f"{words[:-1]}'s"
    return words


# Requests run on without an "and": "flag Sarah's email archive the vendor thing". A verb starts a
# request of its own only after one has begun with a verb and named what it acts on, and never
# after a word that makes it a noun or a verb of the same request ("the archive email", "to flag").
_RUN_ON_VERB = r"flag|unflag|archive|delete|trash|bin|toss|junk|nuke|ditch|mark|mute|unmute"
# ... or with a move to the email it acts on: "go to the newsletter archive it"
_RUN_ON_START = re.compile(
    rf"^(?:(?:just|please|ok|okay|and|then|now|so)\s+)*(?:{_RUN_ON_VERB}|go to|go back to|back to|open|pull up)\b",
    re.IGNORECASE,
)
_RUN_ON_AT = re.compile(rf"(?<=[\w,])\s+(?=(?:{_RUN_ON_VERB})\b)", re.IGNORECASE)  # "flag it, archive that"
_NOT_BEFORE_A_REQUEST = frozenset(
    [
        "the",
        "a",
        "an",
        "to",
        "my",
        "this",
        "that",
        "his",
        "her",
        "their",
        "and",
        "or",
        "please",
        "just",
        "then",
        "i",
        "i'll",
        "ill",
        "you",
        "not",
        "don't",
        "dont",
        "can",
        "could",
        "would",
        "will",
        "should",
        "also",
        "me",
        "it's",
        "its",
        "is",
        "was",
    ]
)


# Words that take back, weigh or condition what is said: "archive it rather than delete it",
# "flag it before I delete it", "flag it, I mean archive it" are one request, or a repair.
_NOT_RUN_ON = re.compile(
    r"\b(?:no|nope|not|never|don't|dont|do not|shouldn't|shouldnt|wait|mean|meant|rather|instead|than|except|but|"
    r"or|before|after|until|unless|if|because|sorry|actually|leave|keep)\b|n't\b",
    re.IGNORECASE,
)


def run_on_requests(said: str) -> list[str]:
    """ "flag sarahs email archive the vendor thing" -> ["flag sarahs email", "archive the vendor thing"];
    the words as one request otherwise."""
    if not _RUN_ON_START.match(said.strip()):
        return [said]
    parts, start = [], 0
    for at in _RUN_ON_AT.finditer(said):
        before = said[start : at.start()].split()
        if _NOT_RUN_ON.search(said[start : at.start()]):
            break  # "archive it rather than delete it": one request (a reason after the last stays its own)
        if len(before) >= 2 and before[-1].lower().strip(",.") not in _NOT_BEFORE_A_REQUEST:
            parts.append(said[start : at.start()].rstrip(","))
            start = at.end()
    return [*parts, said[start:]]
