"""Meeting invitations by voice: how one is said, and the caller's answer to it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from mailvox.agent.mail import Answer, Invitation

# The caller's whole answer to the invitation being read: "accept it", "yeah, decline that one",
# "tentatively accept", "say maybe", "I'll be there", "I can't make it". Dictation ("tell him I
# can't make it") is a reply, not this; and no bare "maybe", "I'll go" or "turn down" (the voice
# is turned down), which answer other questions.
_LEAD = (
    r"(?:(?:yeah|yes|yep|ok|okay|sure|um+|uh+|hmm+|please|so|then|oh|ah|well|just|actually|wait|"
    r"no wait|on second thought|go ahead and|let's|can you|could you|i'll|i will|i'd like to|i want to|i wanna)\W+)*"
)
_THE_INVITE = (
    r"(?:\W+(?:it|that|this|that one|this one|the (?:invite|invitation|meeting|meeting request)"
    r"(?: (?:for|to|from) [\w' ]+)?|(?:\w+'s|her|his|their) (?:invite|invitation|meeting)))?"
)
_TAIL = r"(?:\W+(?:please|for me|then|thanks|thank you))*\W*$"
_TO_IT = r"(?: (?:to )?(?:it|that|the meeting))?"
ANSWERS: list[tuple[Answer, re.Pattern[str]]] = [
    (
        "TENTATIVE",
        re.compile(
            rf"^{_LEAD}(?:tentatively accept|accept (?:it )?tentatively|say maybe to|reply maybe to|"
            rf"mark (?:it|that|this|me) (?:as )?(?:tentative|maybe)|put (?:me|it) down as (?:a )?(?:maybe|tentative)){_THE_INVITE}{_TAIL}"
            rf"|^{_LEAD}(?:say|reply|answer) (?:maybe|tentative){_TAIL}"
        ),
    ),
    (
        "DECLINED",
        re.compile(
            rf"^{_LEAD}(?:decline|reject|say no to){_THE_INVITE}{_TAIL}"
            rf"|^{_LEAD}(?:i )?(?:can't|cannot|won't) (?:make it|attend|be there){_TO_IT}{_TAIL}"
        ),
    ),
    (
        "ACCEPTED",
        re.compile(
            rf"^{_LEAD}(?:accept|say yes to|rsvp yes to){_THE_INVITE}{_TAIL}"
            rf"|^{_LEAD}(?:i'll|i will|i can) (?:be there|make it|attend){_TO_IT}{_TAIL}"
            rf"|^{_LEAD}count me in{_TAIL}"
        ),
    ),
]
# "accept the invite", "decline Dana's meeting": the words name an invitation, not only answer one
NAMES_AN_INVITATION = re.compile(r"\b(?:invite|invitation|meeting)\b")


def answer_in(said: str) -> Answer | None:
    """The caller's answer to an invitation, when that is all they said."""
    text = " ".join(said.lower().replace("’", "'").split()).strip(" .!?")
    return next((answer for answer, pattern in ANSWERS if pattern.match(text)), None)


def answer_words(answer: Answer, meeting: str, when: str) -> str:
    """The text of the answer, read back before it is sent (the iCalendar part carries the answer
    itself): "I'll be at Design review on Thursday at 2 PM." """
    if answer == "ACCEPTED":
        return f"I'll be at {meeting} {when}."
    if answer == "DECLINED":
        return f"Sorry, I can't make {meeting} {when}."
    return f"I might make {meeting} {when}, but I can't confirm yet."


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


def spoken_invitation(invitation: Invitation, name: str, place: str, clashes: list[str]) -> str:
    """ "an invitation to Design review, on Thursday at 2 PM, in Room 4. It clashes with Team
    sync. Say accept, decline or maybe." (`name`, `place`: as they may be said)"""
    when = spoken_when(invitation)
    if invitation.cancelled:
        return f"{name}, {when}, is cancelled."
    if invitation.repeats:
        when = f"a repeating meeting, next {when.removeprefix('on ')}"
    where = f", in {place}" if place else ""
    clash = f" It clashes with {' and '.join(clashes)}." if clashes else ""
    return f"an invitation to {name}, {when}{where}.{clash} Say accept, decline or maybe."
