"""Meeting invitations by voice: how one is said, and the caller's answer to it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from mailvox.agent.mail import Answer, Invitation

from .suspicion import is_suspicious_sentence

# The caller's whole answer to the invitation being read: "accept it", "yeah, decline that one",
# "tentatively accept", "say maybe", "I'll be there", "I can't make it". Dictation ("tell him I
# can't make it") is a reply, not this.
_LEAD = r"(?:(?:yeah|yes|yep|ok|okay|sure|um+|uh+|hmm+|please|so|then|oh|ah|well|just|actually|wait|no wait|on second thought|go ahead and|let's|can you|could you|i'll|i will|i'd like to|i want to|i wanna)\W+)*"
_THE_INVITE = r"(?:\W+(?:it|that|this|that one|this one|them|him|her|the (?:invite|invitation|meeting|meeting request|invite for [\w' ]+|invitation to [\w' ]+)))?"
_TAIL = r"(?:\W+(?:please|for me|then|thanks|thank you))*\W*$"
ANSWERS: list[tuple[Answer, re.Pattern[str]]] = [
    (
        "TENTATIVE",
        re.compile(
            rf"^{_LEAD}(?:tentatively accept|accept (?:it )?tentatively|say maybe(?: to)?|maybe|put (?:me|it) down as (?:a )?maybe|"
            rf"mark (?:it|that|this|me) (?:as )?(?:tentative|maybe)|(?:say|reply) (?:i'm |i am )?tentative){_THE_INVITE}{_TAIL}"
        ),
    ),
    (
        "DECLINED",
        re.compile(
            rf"^{_LEAD}(?:decline|reject|turn down|say no to){_THE_INVITE}{_TAIL}"
            rf"|^{_LEAD}(?:i )?(?:can't|cannot|won't) (?:make it|go|come|attend|be there)(?: to (?:it|that|the meeting))?{_TAIL}"
        ),
    ),
    (
        "ACCEPTED",
        re.compile(
            rf"^{_LEAD}(?:accept|say yes to|rsvp yes to){_THE_INVITE}{_TAIL}"
            rf"|^{_LEAD}(?:i'll|i will|i can) (?:be there|make it|go|come|attend)(?: to (?:it|that|the meeting))?{_TAIL}"
            rf"|^{_LEAD}count me in{_TAIL}"
        ),
    ),
]
# The text of the answer, read back before it is sent (the iCalendar part carries the answer).
ANSWER_WORDS: dict[Answer, str] = {
    "ACCEPTED": "Yes, I'll be there.",
    "DECLINED": "Sorry, I can't make it.",
    "TENTATIVE": "I might be able to make it, but I can't confirm yet.",
}
ANSWERED: dict[Answer, str] = {"ACCEPTED": "accept", "DECLINED": "decline", "TENTATIVE": "say maybe to"}
ASK_FOR_AN_ANSWER = "Say accept, decline or maybe."


def answer_in(said: str) -> Answer | None:
    """The caller's answer to an invitation, when that is all they said."""
    text = " ".join(said.lower().replace("’", "'").split()).strip(" .!?")
    return next((answer for answer, pattern in ANSWERS if pattern.match(text)), None)


def spoken_when(invitation: Invitation, now: datetime | None = None) -> str:
    """ "tomorrow at 2 PM", "on Thursday at 9:30 AM", "on Monday, January 4, all day"."""
    start = invitation.start
    today = (now or datetime.now(start.tzinfo)).date()
    day = start.date()
    if day == today:
        said = "today"
    elif day == today + timedelta(days=1):
        said = "tomorrow"
    elif today < day < today + timedelta(days=7):
        said = f"on {day.strftime('%A')}"
    else:
        said = f"on {day.strftime('%A, %B')} {day.day}"
    if invitation.all_day:
        return f"{said}, all day"
    clock = start.strftime("%I:%M %p").lstrip("0").replace(":00 ", " ")
    return f"{said} at {clock}"


def spoken_invitation(invitation: Invitation, name: str, clashes: list[str]) -> str:
    """ "an invitation to Design review, on Thursday at 2 PM, in Room 4. It clashes with Team
    sync. Say accept, decline or maybe." (`name`: the meeting's, as it may be said)"""
    when = spoken_when(invitation)
    if invitation.cancelled:
        return f"{name}, {when}, is cancelled."
    location = invitation.location
    where = f", in {location}" if location and len(location) <= 60 and not is_suspicious_sentence(location) else ""
    clash = f" It clashes with {' and '.join(clashes)}." if clashes else ""
    return f"an invitation to {name}, {when}{where}.{clash} {ASK_FOR_AN_ANSWER}"
