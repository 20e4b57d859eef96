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
# Someone else called by an endearment or a family name at the start: "no honey, ...", "kids, ..."
# (not "mom's email").
_SAID_TO_SOMEONE_ELSE = re.compile(
    r"^\W*(?:(?:no|hey|ok|okay|oh|wait|yes|yeah|come on|stop)\W+)*"
    r"(?:honey|sweetie|sweetheart|darling|babe|baby|buddy|kiddo|kids|mom|mum|dad|mommy|daddy)\b(?!')\W*",
    re.IGNORECASE,
)


def aside_in(transcript: str) -> tuple[str, str] | None:
    """The words before the first words that say they are not for the assistant, and those
    after the last ("Sorry, Natu, I was talking to my kid" -> ("Sorry, Natu,", "")); None where
    none is. Whether the words before were someone else's too is the caller's to judge: "reply saying
    sorry, I was talking to my manager" is a reply's words."""
    found = list(_NOT_FOR_YOU.finditer(transcript))
    if not found:
        return None
    after = transcript[found[-1].end() :].strip(" ,.;!?")
    while again := _NOT_FOR_YOU.match(after):  # "no not you i was talking to my kid": both
        after = after[again.end() :].strip(" ,.;!?")
    return transcript[: found[0].start()].strip(), after


def said_to_someone_else(transcript: str) -> bool:
    """Whether the words begin by calling someone else: "no honey take the left lane"."""
    return bool(_SAID_TO_SOMEONE_ELSE.match(transcript))


def without_who_was_called(transcript: str) -> str:
    """The words after someone else was called: "Honey, tell Bob ..." -> "tell Bob ..."."""
    return _SAID_TO_SOMEONE_ELSE.sub("", transcript, count=1)
