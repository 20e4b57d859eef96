"""What a driver says to someone else in the car, never a request: "no honey, take the left
lane", "sorry, not you, I was talking to my kid". An aside is set apart from what follows it
("not you, carry on" is "carry on"); words said to someone by name or endearment are asked
about, never acted on."""

from __future__ import annotations

import re

# Words that take the request back from the assistant: "not you", "I'm talking to my son".
_NOT_FOR_YOU = re.compile(
    r"(?:^|(?<=[,.;!?]))\s*(?:(?:sorry|no|nope|oh|oops|ah|hey)\W+)*"
    r"(?:not (?:you|to you|talking to you)(?: mailvox| assistant)?"
    r"|(?:that )?(?:wasn't|was not|isn't|is not) (?:for|to) you"
    r"|(?:i was |i'm |i am |was |just )?talking to (?:my|the|a|our) [a-z]+(?: [a-z]+)?(?= *(?:[,.;!?]|$)))"
    r"\s*[,.;!?]?",
    re.IGNORECASE,
)
# Someone else called by an endearment or a family name at the start: "no honey, ...", "kids, ...".
_SAID_TO_SOMEONE_ELSE = re.compile(
    r"^\W*(?:(?:no|hey|ok|okay|oh|wait|yes|yeah|come on|stop)\W+)*"
    r"(?:honey|sweetie|sweetheart|darling|babe|baby|buddy|kiddo|kids|mom|mum|dad|mommy|daddy)\b",
    re.IGNORECASE,
)


def without_asides(transcript: str) -> str:
    """The words said after the last words that say they are not for the assistant ("" when
    none follow): "sorry, not you, carry on" -> "carry on"; what came before was said to someone
    else too ("Sorry, Natu, I was talking to my kid" -> ""). Said as it is where none is."""
    left = transcript
    while found := _NOT_FOR_YOU.search(left):
        left = left[found.end() :]  # "no, not you, I was talking to my kid": both go
    return left.strip(" ,.;!?") if left != transcript else transcript


def said_to_someone_else(transcript: str) -> bool:
    """Whether the words begin by calling someone else: "no honey take the left lane"."""
    return bool(_SAID_TO_SOMEONE_ELSE.match(transcript))
