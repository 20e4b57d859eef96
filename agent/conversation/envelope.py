"""Questions about an email's envelope, answered from its headers: who sent it, what its subject
is, who else it went to, when it came. The body's sentences cannot answer these ("who else got
it?" is in no sentence of the mail), and the headers answer them exactly. So are questions about
its state ("is it flagged?"), answered from its flags: they are never a command to change it."""

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

_IT = r"(?:it|that|this|that one|this one|that email|this email|the email)"
FLAGGED_STATE = re.compile(
    rf"^(?:\w+,? ){{0,3}}?(?:is|was|'s) {_IT} (?:already |still )?(?:flagged|starred|marked important)\b|"
    rf"^(?:\w+,? ){{0,3}}?(?:did|have|had) i (?:already |ever )?(?:flag|flagged|star|starred) {_IT}\b"
)
READ_STATE = re.compile(
    rf"^(?:\w+,? ){{0,3}}?(?:is|was|'s) {_IT} (?:already |still )?(?:marked )?(?:as )?(?:read|unread|new|opened)\b|"
    rf"^(?:\w+,? ){{0,3}}?(?:did|have|had) i (?:already |ever )?(?:read|open|opened|seen|see) {_IT}\b"
)

# "did that go out already?", "has my reply been sent": about what the caller had the agent send
SENT_STATE = re.compile(
    r"^(?:\w+,? ){0,5}?(?:did|has|have|was|is) (?:it|that|this|my (?:reply|email|message|forward|answer)|"
    r"the (?:reply|draft|forward|email))(?: one)? (?:already |actually |really |even )?"
    r"(?:go out|gone out|go through|gone through|send|sent|been sent|get sent)\b"
)
# "did I ever answer that?": whether a reply to the email is in Sent
REPLIED_STATE = re.compile(
    r"^(?:\w+,? ){0,4}?(?:did|have|had) i (?:already |ever |even )?(?:answer|answered|reply to|replied to|"
    r"respond to|responded to|get back to|gotten back to|got back to|write back to|written back to) "
    rf"(?:{_IT}|him|her|them)\b"
)


def state_question(question: str) -> str | None:
    """ "flagged", "read", "sent" or "replied" when the question asks whether the email (or the
    caller's reply) is so, else None."""
    said = question.lower().strip()
    for state, pattern in (
        ("flagged", FLAGGED_STATE),
        ("read", READ_STATE),
        ("sent", SENT_STATE),
        ("replied", REPLIED_STATE),
    ):
        if pattern.search(said):
            return state
    return None


def state_answer(state: str, flags: set[str]) -> str:
    """The answer from the email's flags as the server has them now."""
    if state == "flagged":
        return "Yes, it's flagged." if "\\Flagged" in flags else "No, it isn't flagged."
    return "It's marked read." if "\\Seen" in flags else "It's still marked unread."


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
