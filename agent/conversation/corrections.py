"""A request put right in one breath, after the agent took it: "no, I said Bob", "no, not Priya,
Sarah", "no! not that, the newsletter", "no wait, Friday morning", "no no, that's not what I
meant, I meant flag it".

People say what was wrong and what they meant in one turn. The refusal is dropped, and so is what
it refuses ("not Priya"); what is left puts the last request right. By its kind, the assistant
then knows what it means: another email or person for the same request, another day or time
for the draft, or an action in place of the one just done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .writing import CLOCK_TIME, NUMBER

# The words a correction opens with: "no", "no no", "wait no", "sorry", "oops", "actually".
_REFUSAL = re.compile(
    r"^\W*(?:(?:no+|nope|nah|wait|sorry|oops|whoa|oh|uh+|um+|hang on|hold on|actually|hmm+)\b[\s,.!;:-]*)+",
    re.IGNORECASE,
)
_REFUSING = re.compile(r"\b(?:no+|nope|nah|wait|sorry|oops|whoa|hang on|hold on|actually)\b", re.IGNORECASE)
# Saying that it was misheard: "that's not what I meant", "I said", "I meant", "wrong one".
_MEANT = re.compile(
    r"^(?:(?:that's|that is|that was|it's|it was) not (?:what|who|which one|the one|it|right)"
    r"(?: i (?:meant|said|wanted|asked for))?[\s,.!;:-]*|wrong (?:one|person|email)[\s,.!;:-]*)?"
    r"(?:i (?:said|meant|mean|wanted|asked for)\b[\s,.!;:-]*)?",
    re.IGNORECASE,
)
# What is refused, before what is meant: "not Priya,", "not that one,", "not the budget one,".
_NOT_THAT = re.compile(
    r"^not (?:to |for |from )?(?:that|this|him|her|them|it|the [\w']+(?: [\w']+)?|[\w']+(?: [\w']+)?)"
    r"(?: one| email| mail| message)?\s*[,.!;:-]+\s*(?=\w)",
    re.IGNORECASE,
)
# Who it is not for, then who: "that's not for Bob, it's for Sarah".
_NOT_FOR = re.compile(
    r"^(?:that's|that is|it's|it is|this is|this one's) not (?:for|to) [\w' ]{1,30}?[\s,.!;:-]+"
    r"(?:(?:it's|it is|this is) )?(?:for |to )?(?=\w)",
    re.IGNORECASE,
)
# What is refused, after what is meant: "the IT one, not the newsletter".
_NOT_AFTER = re.compile(
    r"\s*[,;-]\s*not (?:the |that |this )?[\w']+(?: [\w']+)?(?: one| email)?[\s.!]*$", re.IGNORECASE
)
# What may trail what is meant: "Sarah instead", "the newsletter, please".
_TRAILING = re.compile(r"[\s,.!;:-]+(?:instead|then|please|thanks)?[\s,.!?;:-]*$", re.IGNORECASE)
# A rest that is itself a refusal or an answer, no correction: "no, leave it", "no thanks".
_NO_CORRECTION = re.compile(
    r"^(?:leave|keep|forget|never ?mind|don't|do not|stop|thanks|thank you|that's (?:fine|all|it|ok|okay)|"
    r"it's (?:fine|ok|okay)|not (?:yet|now)|no|yes|yeah|cancel|skip)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\bnot\b|n't\b", re.IGNORECASE)  # "no, it's not for Priya": refused, nothing meant
# A day, a clock time or a number with what it counts: "Friday morning", "ten thirty", "15 minutes".
_AMOUNT = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow|noon|midnight|next week)\b|"
    rf"^(?:at\s+)?{CLOCK_TIME}$|\b{NUMBER}\s+(?:minutes?|hours?|days?|weeks?|people|percent|pages?|slides?)\b",
    re.IGNORECASE,
)
_MOST_WORDS = 8  # what is meant is said briefly: "Bob", "the newsletter", "the other one, Bob, the release guy"


@dataclass(frozen=True)
class Correction:
    """What the caller meant instead ("Bob", "flag it"), and whether they said that the last
    request was misunderstood ("I meant ...", "that's not what I said"), not only "no"."""

    meant: str
    misunderstood: bool


def correction_in(said: str) -> Correction | None:
    """What the caller meant, when the turn takes the last request back and says it ("no, I
    said Bob": "Bob"); None when it does not (a plain "no", "no, leave it", "no thanks", or a
    long new request, which is understood as it is)."""
    text = said.strip()
    lead = _REFUSAL.match(text)
    rest = text[lead.end() :] if lead else text
    meant = _MEANT.match(rest)
    rest = rest[meant.end() :] if meant else rest
    refused = _NOT_THAT.match(rest) or _NOT_FOR.match(rest)
    rest = rest[refused.end() :] if refused else rest
    if refused and (meant_after := _MEANT.match(rest)) and meant_after.group(0):
        rest, meant = rest[meant_after.end() :], meant_after  # "not Bob, I meant the IT ones"
    rest = _NOT_AFTER.sub("", rest)
    rest = _TRAILING.sub("", rest).strip()
    refusing = bool(lead and _REFUSING.search(lead.group(0)))  # "uh", "hmm" alone take nothing back
    taken_back = refusing or bool(meant and meant.group(0)) or bool(refused)
    if not taken_back or not rest or _NO_CORRECTION.match(rest) or _NEGATED.search(rest):
        return None
    if len(rest.split()) > _MOST_WORDS or rest.endswith("?"):
        return None
    return Correction(rest, bool(meant and meant.group(0)) or bool(refused))


def says_a_time_or_amount(meant: str) -> bool:
    """Whether what is meant is a day, a time or a number ("Friday morning", "ten thirty",
    "fifteen minutes"): the draft's, put right."""
    return _AMOUNT.search(meant) is not None
