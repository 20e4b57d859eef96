"""Small pieces of spoken English shared by the agent's answers."""

from __future__ import annotations

from collections.abc import Sequence


def listed(words: Sequence[str], last: str = "and") -> str:
    """ "Projects and Receipts", "A, B or C": a list as it is said."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def place_of(index: int, count: int) -> str:
    """ "Two of five.": where the caller is in a list, as said (digits past twelve)."""
    said = [_NUMBERS[n - 1] if n <= len(_NUMBERS) else str(n) for n in (index + 1, count)]
    return f"{said[0].capitalize()} of {said[1]}."


# Piper's voice of the cpu profile (joe, medium) said the demo briefing's five summaries, 707
# characters, in 44.0 s: 16 characters a second (2026-12-03, the 2-core CI machine). The gpu
# profile's Piper voices speak at much the same rate.
SPOKEN_CHARS_PER_S = 16.0


def spoken_seconds(texts: Sequence[str]) -> float:
    """How long the voice takes to say these, estimated from their length."""
    return sum(len(text) for text in texts) / SPOKEN_CHARS_PER_S


def how_long(texts: Sequence[str]) -> str:
    """How long saying these takes, as said: "under a minute", "about a minute", "about 3 minutes"."""
    seconds = spoken_seconds(texts)
    if seconds < 50:
        return "under a minute"
    if seconds < 100:
        return "about a minute"
    return f"about {round(seconds / 60)} minutes"
