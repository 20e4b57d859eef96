"""Small pieces of spoken English shared by the agent's answers."""

from __future__ import annotations

from collections.abc import Sequence


def listed(words: Sequence[str], last: str = "and") -> str:
    """ "Projects and Receipts", "A, B or C": a list as it is said."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def mailbox_said(name: str) -> str:
    """ "the team mailbox": one of the caller's other mailboxes as it is said ("" for their own)."""
    if not name:
        return ""
    return f"the {name}" if name.lower().endswith(("mailbox", "inbox")) else f"the {name} mailbox"


_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def number_said(n: int) -> str:
    """ "five": a small count in words (digits past twelve)."""
    return _NUMBERS[n - 1] if 0 < n <= len(_NUMBERS) else str(n)


def place_of(index: int, count: int) -> str:
    """ "Two of five.": where the caller is in a list, as said (digits past twelve)."""
    return f"{number_said(index + 1).capitalize()} of {number_said(count)}."


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
