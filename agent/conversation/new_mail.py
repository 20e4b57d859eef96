"""A new email, not a reply: "email dana.reyes@northwind.example saying I'm running late",
"send a quick note to Marcus, tell him the release slipped", "write to the platform team,
platform@northwind.example, say standup's moving to ten".

Only the shape of the request is read here: who it is for, a subject if one was said, and the
words. Whether the name is someone with an email in the inbox (then it is a reply) is the
assistant's to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

ADDRESS = r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"  # an email address, written
# "send an email to", "a new email to", "shoot a quick note over to": a new email, said so
_ASKED_FOR_A_NEW_ONE = re.compile(
    r"^(?:(?:can|could|would|will) you\s+|please\s+|i (?:want|need|'d like) to\s+|let's\s+|and\s+|also\s+|ok(?:ay)?\s+)*"
    r"(?:(?:send|write|shoot|drop|fire off|compose|draft|start|do|open)\s+)?(?:(?:a|an)\s+)?"
    r"(?:new\s+|quick\s+|short\s+|brief\s+)?(?:email|e-mail|mail|message|note|line)\s+(?:over\s+)?(?:to|for)\s+"
    r"(?P<tail>.+)$",
    re.IGNORECASE,
)
# "write to", "email", "message", "ping": a new email, or a reply when the mail holds theirs
_WRITE_TO = re.compile(
    r"^(?:(?:can|could|would|will) you\s+|please\s+|i (?:want|need|'d like) to\s+|let's\s+|and\s+|also\s+|ok(?:ay)?\s+)*"
    r"(?:(?:write|send)\s+to|e-?mail|message|ping)\s+(?P<tail>.+)$",
    re.IGNORECASE,
)
# Letters spelt out after a name or address: "priya dot n at northwind dot example, that's P R I Y A dot N,"
_SPELT = re.compile(
    r"[\s,;]*\b(?:that's|that is|spelt|spelled|spelling)\s+(?:(?:[A-Z]{1,}|[a-z]|dot|at|underscore|dash|hyphen)\b[\s.-]*){2,}"
    r"(?=[,;]|$)"
)
# An address said after who it is for: "the platform team, platform@northwind.example, say ..."
_ADDRESS_AFTER = re.compile(r"^[\s,;:.-]*(?:at\s+|that's\s+)?(?P<address>" + ADDRESS + r")", re.IGNORECASE)
# The first part of their address said after the name: "to Jamie, jamie.lee, say ..."
_LOCAL_PART_AFTER = re.compile(
    r"^[\s,;:-]*(?P<local>[a-z]+[._][a-z]+)(?=[,;:]|\s+(?:saying|say|subject)\b)", re.IGNORECASE
)
# Someone copied in, said before the subject or the words: ", copy in Sarah,", ", cc Priya,"
_COPIED = re.compile(
    r"^[\s,;:.-]*(?:and\s+)?(?:cc|c c|copy in|copy|loop in)\s+(?P<who>[\w.@'-]+(?: (?!in\b)[\w'-]+)?)(?:\s+in)?"
    r"(?=[,;:.]|\s+(?:subject|saying|say|body|and)\b|$)",
    re.IGNORECASE,
)
# "subject offsite slides", "about the offsite slides," before the words
_SUBJECT = re.compile(
    r"^[\s,;:.-]*(?:(?:with\s+)?(?:the\s+)?subject(?:\s+line)?|(?:it's\s+)?about|re)\b[\s,:-]*(?P<subject>[^,.;:]{1,60}?)"
    r"(?=[,.;:]|\s+(?:saying|and say|say|to say|telling|asking|and tell|and ask)\b|$)",
    re.IGNORECASE,
)
# How the words begin: "saying", "and say", "tell her", "to ask if", "body: ..."
_WORDS_BEGIN = re.compile(
    r"^[\s,;:.-]*(?:and\s+|to\s+)?(?:saying|say|tell(?:ing)?\s+(?:him|her|them)|let\s+(?:him|her|them)\s+know|"
    r"ask(?:ing)?\s+(?:him|her|them)?|that|(?:the\s+)?(?:body|text|message)(?:\s+is)?)\b[\s,:-]*",
    re.IGNORECASE,
)
_NOT_IN_A_NAME = {"to", "for", "about", "and", "the", "one", "it", "this", "that", "them", "saying", "say", "with"}
_PRONOUNS = {"him", "her", "them", "it", "me", "us", "back", "everyone", "everybody", "all"}
_NAME_WORDS = 3
_SUBJECT_WORDS = 7  # a subject made from the words: their start, as a short line


@dataclass(frozen=True)
class NewEmail:
    """Who a new email is for (a name or an address), its subject if one was said, and its words
    ("" when none were said yet)."""

    to: str
    subject: str
    words: str
    said_new: bool = False  # "send an email to ...", never "email Bob ...": new, even to a sender
    cc: str = ""  # who is copied in, as said before the subject and the words ("copy in Sarah")


def new_email_asked(said: str) -> NewEmail | None:
    """The new email a request asks for; None when it asks for none. After "email", "message"
    or "ping" alone, only an address or a name said with a capital ("email Marcus saying ...")
    is someone to write to: "message received, next" and "email summary please" are not."""
    text = _SPELT.sub("", said.strip())
    found = _ASKED_FOR_A_NEW_ONE.match(text) or _WRITE_TO.match(text)
    if found is None:
        return None
    said_new, tail = found.re is _ASKED_FOR_A_NEW_ONE, found["tail"]
    if (address := re.match(ADDRESS, tail, re.IGNORECASE)) is not None:
        made = _said_after(address.group(0).lower(), tail[address.end() :])
        return replace(made, said_new=said_new) if made else None
    words = tail.split()
    if not words or words[0].lower().strip(",;:.") in _PRONOUNS:
        return None  # "ping him that ...": the open email's sender, a reply
    start = 1 if words[0].lower() == "the" else 0  # "the platform team"
    for end in range(start + 1, min(len(words), start + _NAME_WORDS) + 1):
        name = words[start:end]
        if any(w.lower().strip(",;:.") in _NOT_IN_A_NAME for w in name):
            break
        rest = tail.split(None, end)[end] if len(words) > end else ""
        last = name[-1]
        if last[-1] in ",;:.":  # "Marcus, tell him ...": the name ends at its comma
            rest, name = f"{last[-1]} {rest}", [*name[:-1], last.rstrip(",;:.")]
        elif rest and not re.match(r"(?:and|saying|say|to|tell|ask|asking|about|subject|that|let)\b", rest, re.I):
            continue  # the name goes on: "Dana Reyes saying ..."
        made = _said_after(" ".join(words[:start] + name), f" {rest}")
        if made is not None and (said_new or "@" in made.to or name[0][:1].isupper()):
            return replace(made, said_new=said_new)
    return None


def _said_after(who: str, rest: str) -> NewEmail | None:
    """The new email, from who it is for and what follows: an address, a subject, the words."""
    if (address := _ADDRESS_AFTER.match(rest)) is not None:
        who, rest = address["address"].lower(), rest[address.end() :]  # "the platform team, platform@...": that
    elif (local := _LOCAL_PART_AFTER.match(rest)) is not None and any(
        name in local["local"].lower() for name in who.lower().split()
    ):
        # "to Jamie, jamie.lee, say ...": her address's first part, who it is for (never the words);
        # one that is nobody's ("to Sarah, sarah.jones") is asked about, not taken for Sarah Chen
        who, rest = local["local"].lower(), rest[local.end() :]
    subject = ""
    cc = ""
    if (copied := _COPIED.match(rest)) is not None:
        cc, rest = copied["who"], rest[copied.end() :]  # whom the name means is the assistant's to find
    if (said_subject := _SUBJECT.match(rest)) is not None:
        subject, rest = said_subject["subject"].strip(), rest[said_subject.end() :]
    begun = _WORDS_BEGIN.match(rest) or re.match(r"\s*[,:;-]\s*", rest)  # "message Marcus, the build is green"
    if rest.strip(" ,;:.-") and begun is None:
        return None  # "email the budget one to Jamie": no words of an email follow the name
    words = rest[begun.end() :].strip(" ,;:-") if begun else ""
    return NewEmail(who, subject, words, cc=cc)


def subject_said(answer: str) -> str | None:
    """The subject when an answer gives one ("subject, um, offsite slides"); None otherwise."""
    found = re.match(
        r"^\W*(?:the\s+)?subject(?:\s+line)?(?:\s+is|\s+should be)?\b[\s,:-]*(?P<subject>.+)$", answer, re.I
    )
    return found["subject"].strip(" .") if found else None


def subject_from(words: str) -> str:
    """A subject made from the start of the email's words: "Running fifteen minutes late"."""
    first = re.split(r"(?<=[.!?])\s+", words.strip())[0].strip(" .!?")
    kept = first.split()[:_SUBJECT_WORDS]
    text = " ".join(kept)
    return text[:1].upper() + text[1:] if text else "A note"
