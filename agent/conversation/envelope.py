"""Questions about an email's envelope, answered from its headers: who sent it, what its subject
is, who else it went to, when it came. The body's sentences cannot answer these ("who else got
it?" is in no sentence of the mail), and the headers answer them exactly."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from mailvox.agent.mail import Address, MessageSummary

from .briefing import ended
from .spoken import listed

SENDER = re.compile(
    r"\bwho (?:sent|wrote|is|was|'s)(?: (?:it|that|this)(?: one)?)?(?: from)?\b(?! (?:to|going)\b)|"
    r"\bwho(?:'s| is| was) (?:\w+ ){1,3}(?:even |actually )?from\b|"  # "who's that newsletter even from"
    r"\bwho(?:'s| is| was) the sender\b|\bwhat(?:'s| is) (?:the|their|his|her) (?:actual |real )?(?:email )?address\b"
)
SUBJECT = re.compile(r"\b(?:subject|subject line|title)\b")
RECIPIENTS = re.compile(
    r"\bwho (?:else |all |all else )?(?:got|gets|received|was it sent to|is it to|(?:is|'s|was) on (?:it|that|this|there|the thread)|(?:is|was) (?:cc|copied))\b|"
    r"\b(?:cc|cc'd|ccd|copied)\b|\bjust (?:me|to me)\b|\b(?:whole|entire) team\b|\bwho(?:'s| is| was) (?:it|that|this) (?:sent )?to\b"
)
ARRIVAL = re.compile(
    r"\bwhen(?:'d| was| did) (?:it|that|this|she|he|they)(?: one)? (?:sent|send|come in|arrive|get here)\b|"
    r"\bwhat time did (?:it|that|this) (?:come|arrive)\b|\bhow old is (?:it|that|this)\b"
)


def envelope_question(question: str) -> bool:
    """Whether the question asks about the envelope rather than what the email says."""
    said = question.lower()
    return any(pattern.search(said) for pattern in (RECIPIENTS, SENDER, SUBJECT, ARRIVAL))


def envelope_answer(
    question: str, message: MessageSummary, sender: str, my_address: str, named: Callable[[Address], str]
) -> str | None:
    """The answer from the headers, or None when the question is not about them. `sender` is
    how the briefing names the sender (a name that gives orders is not read out); `named` says
    any other address the same way."""
    said = question.lower()
    if RECIPIENTS.search(said):  # before the sender: "who was it sent to" is not "who sent it"
        others = [named(a) for a in [*message.to, *message.cc] if a.email.lower() != my_address.lower()]
        if not others:
            return "Just to you."
        to = listed(list(dict.fromkeys(others)))  # one person named once, whether on To or Cc
        return f"It went to you and {to}." if _to_me(message, my_address) else f"It went to {to}."
    if SENDER.search(said):
        return f"It's from {sender}, {message.sender.email}."
    if SUBJECT.search(said):
        return f"The subject is: {ended(message.subject)}" if message.subject else "It has no subject."
    if ARRIVAL.search(said):
        return f"It came {_spoken_time(message.date)}." if message.date else "It has no date on it."
    return None


def _to_me(message: MessageSummary, my_address: str) -> bool:
    return any(a.email.lower() == my_address.lower() for a in [*message.to, *message.cc])


def _spoken_time(when: datetime) -> str:
    """ "on Monday, December 1 at 9:14 AM": the day and time as the sender's clock had them."""
    clock = when.strftime("%I:%M %p").lstrip("0")
    return f"on {when.strftime('%A, %B')} {when.day} at {clock}"
