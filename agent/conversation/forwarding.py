"""Forwarding by voice: who "Bob" is among the people the user writes to, and which email a
forward means ("forward Sarah's email to Bob", "send the budget one on to Jamie").

A forward is made as a draft and read back like a reply; only "send it" sends it.
"""

from __future__ import annotations

import re

from mailvox.agent.mail import Address, closest_senders, one_named

from .spoken import listed

# The email a forward names before its recipient: "forward the budget email to ...".
FORWARDED = re.compile(
    r"\b(?:forward|send|pass|share)\w*\s+(?:on\s+|along\s+)?(?:the|that|this|my)\s+"
    r"(?P<what>[a-z0-9' -]+?)\s+(?:email|mail|message|one|note|newsletter)\b"
)
# "my boss", "the team lead": a role, which no address book here holds.
A_ROLE = re.compile(r"^(?:my|our|the)\s")


def people_named(spoken: str, people: list[Address]) -> list[Address]:
    """The people a spoken name means, by the closest kind of match that finds any ("bob" finds
    Robert Smith, "sarah" both Sarahs); the longest run of its first words that names anyone
    ("sarah instead" is Sarah). Empty when it means nobody."""
    pairs = [(person.name, person.email) for person in people]
    words = spoken.split()[1:] if spoken.startswith("the ") else spoken.split()  # "the team"
    for end in range(len(words), 0, -1):
        if found := closest_senders(" ".join(words[:end]), pairs):
            return [people[index] for index in found]
    return []


def which_person(people: list[Address]) -> str:
    """The question that tells them apart: "Sarah Chen or Sarah Park?" (with the address where
    the names are the same)."""
    names = [person.spoken() for person in people]
    if len(set(names)) < len(names):
        names = [f"{person.spoken()} at {person.email}" for person in people]
    return f"{listed(names, 'or')}?"


def pick_person(answer: str, people: list[Address]) -> Address | None:
    """The one of `people` an answer to which_person names ("Park", "the second one")."""
    index = one_named(answer, [(person.name, person.email) for person in people])
    return None if index is None else people[index]


def unknown_person(spoken: str) -> str:
    """What is said when nobody the user writes to has that name."""
    if A_ROLE.match(spoken):
        return f"I don't know who {spoken} is. Say their name, and I'll forward it."
    return f"I don't know anyone called {spoken} in your mail. Say their full name."


def before_recipient(said: str, recipient: str) -> str:
    """The words of a forward before its recipient, where it names its email ("forward Sarah's
    email", "send the budget one on")."""
    text = said.lower()
    if recipient and (cut := re.search(rf"\b(?:to|with)\s+(?:the\s+)?{re.escape(recipient.lower())}\b", text)):
        return text[: cut.start()]
    return text


def described(text: str) -> str:
    """The words a forward describes its email by ("budget" of "forward the budget email");
    "" when it describes none."""
    found = FORWARDED.search(text)
    return found.group("what") if found else ""


def read_back(sender: str, subject: str, to: str, note: str) -> str:
    """The forward as it is read back before "send it", as a sentence."""
    about = f", {subject}," if subject else ""
    with_note = f" with your note: {note}" if note else " with no note."
    return f"Here's your forward of {sender}'s email{about} to {to},{with_note}"
