"""Small pieces of spoken English shared by the agent's answers."""

from __future__ import annotations

from collections.abc import Sequence


def listed(words: Sequence[str], last: str = "and") -> str:
    """ "Projects and Receipts", "A, B or C": a list as it is said."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"
