"""Self-repairs: "go to Bob's, no wait, the one from IT", "say 10:30 works, I mean 10:40".
What follows the last repair marker is what the caller meant."""

from __future__ import annotations

import re

# "i mean" only after a pause or a "sorry": "that's what I mean" and "I can make that meeting" are
# words, not repairs.
REPAIR = re.compile(
    r"(?:\b(?:no wait|wait no|no no|no sorry|scratch that|or rather|actually no|(?:sorry|no|uh|um|er),? i mean)\b"
    r"|(?<=[,;.-])\s*i mean\b)[,.:;-]*\s*",
    re.IGNORECASE,
)


def repaired(said: str) -> str | None:
    """The words after the last repair marker, when words come before it and after it; None
    when there is no repair."""
    markers = list(REPAIR.finditer(said))
    if not markers:
        return None
    last = markers[-1]
    before, after = said[: last.start()].strip(" ,.-"), said[last.end() :].strip()
    if not before or not after:
        return None
    return after
