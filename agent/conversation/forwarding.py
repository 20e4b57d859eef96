"""Forwarding by voice: who "Bob" is among the people the user writes to, and which email a
forward means ("forward Sarah's email to Bob", "send the budget one on to Jamie").

A forward is made as a draft and read back like a reply; only "send it" sends it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mailvox.agent.mail import Address, closest_people, one_named

from .new_mail import NewEmail
from .spoken import listed

# The email a forward names before its recipient: "forward the budget email", "bounce the
# standup notes", "shoot the Q3 budget thing over" (the words before "to Bob").
FORWARDED = re.compile(
    r"\b(?:forward|send|pass|share|bounce|shoot|fwd)\w*\s+(?:on\s+|along\s+|over\s+)?(?:the|that|this|my)\s+"
    r"(?P<what>[a-z0-9' -]+?)\s*$"
)
# Words that say it is an email, or where it goes, not which one.
NOT_WHICH = frozenset(
    {"email", "e-mail", "mail", "message", "one", "note", "thing", "stuff", "on", "along", "over", "across", "back"}
)
# Words said after a name that are no part of it: "Sarah instead", "Bob please".
AFTER_A_NAME = frozenset({"instead", "please", "too", "then", "now", "again", "also", "thanks", "as", "well", "right"})
# Where a forward's recipients end: its note, or more of the request.
NOTE_OR_MORE = re.compile(
    r"\b(?:saying|and say|and tell|and ask|ask|asking|and let|telling|with a note|with the note|so they|because|since)\b|,\s"
)
# Between several recipients: "Bob and Priya", "Jamie, Priya".
BETWEEN_NAMES = re.compile(r"\s*(?:,|\band\b|&|\bplus\b)\s*")
# Words in an answer that are not the name: "oh uh, I meant Jamie, Jamie Lee", "to Bob instead".
AROUND_A_NAME = frozenset(
    {"oh", "uh", "um", "i", "meant", "mean", "sorry", "no", "wait", "actually", "to", "it", "forward", "send"}
    | {"the", "please", "instead", "that", "him", "her", "them", "just", "ok", "okay", "so", "well", "make", "one"}
    | {"his", "their", "name", "name's", "names", "is", "called", "it's", "she's", "he's", "they're"}
)
# "my boss", "the team lead": a role, which no address book here holds.
A_ROLE = re.compile(r"^(?:my|our|the)\s")


@dataclass(frozen=True)
class Recipients:
    """A forward's recipients while they are being found: those found, the people the next
    answer picks from ("Bob Smith or Bob Lee?"; none: it names someone anew), the names still
    to find, the note, and whether it forwards again the email the open forward carries."""

    found: list[Address]
    choices: list[Address]
    rest: list[str]
    note: str
    again: bool = False
    anew: bool = False  # for a new email, not a forward ("email Dana saying ..."): the note is its words
    # ...and how it was asked: its subject, who is copied in, and whether "new" was said ("send a
    # new email to ...": never a reply, even to someone whose email is here)
    new_email: NewEmail = NewEmail("", "", "")


def people_named(spoken: str, people: list[Address]) -> list[Address]:
    """The people a spoken name means, by the closest kind of match that finds any ("bob" finds
    Robert Smith, "sarah" both Sarahs), without words said after a name ("sarah instead").
    Empty when it means nobody, or a word of it fits no one ("bob lee" is not Bob Smith)."""
    pairs = [(person.name, person.email) for person in people]
    words = spoken.split()[1:] if spoken.startswith("the ") else spoken.split()  # "the team"
    while words and words[-1] in AFTER_A_NAME and len(words) > 1:
        words = words[:-1]  # "sarah instead": but "bob lee" is not Bob Smith
    found = closest_people(" ".join(words), pairs)
    if not found and len(words) > 1 and words[-1] in GROUP_WORDS:
        found = closest_people(" ".join([*words[:-1], "team"]), pairs)  # "the platform lot": the Platform Team
    return [people[index] for index in found]


# What a group of people is called in passing: "the platform lot", "the finance guys"
GROUP_WORDS = frozenset({"lot", "guys", "folks", "people", "crew", "gang", "squad", "bunch", "group", "peeps", "mob"})


def which_person(people: list[Address], named: Callable[[Address], str]) -> str:
    """The question that tells them apart: "Sarah Chen or Sarah Park?", each named as `named`
    says (a name that gives orders is not read out), with the address where the names are the
    same, and the address alone for a name that could pass for an address."""
    names = [named(person) for person in people]
    looks_like_an_address = [bool(re.search(r"@|\bat\b|\bdot\b", name)) for name in names]
    if len(set(names)) < len(names) or any(looks_like_an_address):
        names = [
            person.email if odd else f"{name} at {person.email}"
            for name, person, odd in zip(names, people, looks_like_an_address, strict=True)
        ]
    return f"{listed(names, 'or')}?"


def pick_person(answer: str, people: list[Address]) -> Address | None:
    """The one of `people` an answer to which_person names ("Park", "the second one")."""
    index = one_named(answer, [(person.name, person.email) for person in people])
    return None if index is None else people[index]


def unknown_person(spoken: str) -> str:
    """What is said when nobody the user writes to has that name."""
    if A_ROLE.match(spoken):  # "my wife": yours, said back
        return f"I don't know who {re.sub(r'^(?:my|our) ', 'your ', spoken)} is. Say their name or email address."
    return f"I don't know anyone called {spoken} in your mail. Say their full name or email address."


TAKEN_BACK_RECIPIENT = re.compile(r"\s+to [a-z]+ (?:actually|i mean|i meant|sorry|no|no wait|wait|or rather)\s*$")


def before_recipient(said: str, recipient: str) -> str:
    """The words of a forward before its recipient, where it names its email ("forward Sarah's
    email", "send the budget one on")."""
    text = " ".join(re.sub(r"[^a-z0-9' -]", " ", said.lower()).split())
    # an address loses its "@" and dots here as the rest of the words do: "dave contoso com"
    spoken = " ".join(re.sub(r"[^a-z0-9' -]", " ", recipient.lower()).split())
    # "to my personal, alex at ...": who it is, then the address set apart
    if spoken and (cut := re.search(rf"\b(?:to|with)\s+(?:the\s+)?(?:my \w+(?: \w+)? )?{re.escape(spoken)}\b", text)):
        # "forward the vpn email to bob, actually, to jamie": the one put right is no part of it
        return TAKEN_BACK_RECIPIENT.sub("", text[: cut.start()])
    return text


def described(text: str) -> str:
    """The words a forward describes its email by ("budget" of "forward the budget email");
    "" when it describes none."""
    found = FORWARDED.search(text)
    words = found.group("what").split() if found else []
    return " ".join(word for word in words if word not in NOT_WHICH)


def names_said(request: str, first: str) -> list[str]:
    """The recipients a forward names, from its first ("bob" of "forward this to Bob and Priya,
    saying ..." gives bob and priya); just the first where no list follows it."""
    text = " ".join(re.sub(r"[^a-z0-9@.' ,&-]", " ", request.lower()).split())
    start = text.find(first.lower())
    if "@" in first or start < 0:
        return [first]
    listed_names = NOTE_OR_MORE.split(text[start:] + " ", maxsplit=1)[0]
    names = [" ".join(name.split()[:3]) for name in BETWEEN_NAMES.split(listed_names) if name.strip()]
    return names if len(names) > 1 and names[0].startswith(first.split()[0]) else [first]


def names_in_answer(answer: str) -> list[str]:
    """The names an answer gives ("Priya.", "oh uh, I meant Jamie, Jamie Lee", "Jamie and
    Priya"): of each, its last two words that are not fillers."""
    names = []
    for part in re.split(r"\band\b|&|\bplus\b", answer.lower()):
        words = [w.strip(".") for w in re.findall(r"[a-z0-9@.'-]+", part)]
        if addresses := [w for w in words if "@" in w]:  # "it is dana.ruiz@northwind.example": the address
            names.append(addresses[-1])
        elif kept := [w for w in words if w and w not in AROUND_A_NAME]:
            names.append(" ".join(kept[-2:]))
    return names


def read_back(sender: str, subject: str, to: str, note: str) -> str:
    """The forward as it is read back before "send it", as a sentence."""
    about = f", {subject}," if subject else ""
    with_note = f" with your note: {note}" if note else " with no note."
    return f"Here's your forward of {sender}'s email{about} to {to},{with_note}"
