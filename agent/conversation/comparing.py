"""Two emails weighed against each other: "which is more urgent, Sarah's or Bob's?", "what's
hotter, this or the Sarah one?", "which deadline's first, the VPN or the budget?".

The answer is the briefing's own judgement, never the model's: the one triage scored higher
(a tie goes to the one briefed first), with the reasons triage gave for each.
"""

from __future__ import annotations

import re

# Asking which of several comes first.
COMPARISON_ASKED = re.compile(
    r"\b(?:which|what)(?:'s| is| one| ones?'s| one is| email is| should)?\s+(?:one\s+)?(?:is\s+)?"
    r"(?:more|most|the more|the most|higher|bigger|hotter|worse|first|sooner|earlier)\b"
    r"(?:\s+(?:urgent|important|pressing|priority|deal|due))?|"
    r"\bwhich (?:one |email )?(?:should|do|would) (?:i|you) (?:do|deal with|answer|read|handle|tackle|reply to)\s+first\b|"
    r"\bwhich (?:deadline|one)(?:'s| is| comes)\s+first\b|\bwhat's (?:hotter|more urgent|more important|more pressing)\b|"
    r"\bmore (?:urgent|important|pressing) than\b",
    re.IGNORECASE,
)
# Where the emails weighed are named: after the question, or around "or" ("Sarah's or Bob's").
_SPLIT = re.compile(
    r"\s*(?:,|\bor\b|\bversus\b|\bvs\.?|\bthan\b|\bcompared to\b|\bbetween\b|\band\b)\s*", re.IGNORECASE
)
# "this", "this one", "the one I'm on": the current email
THIS_ONE = re.compile(r"^(?:this|this one|that one|the current one|the one i'm on|the open one|it)$", re.IGNORECASE)


def weighed_parts(said: str) -> list[str]:
    """The words that each name one of the emails weighed: "Sarah's or Bob's" -> ["Sarah's",
    "Bob's"]; [] when the question is no comparison."""
    found = COMPARISON_ASKED.search(said)
    if found is None:
        return []
    before, after = said[: found.start()], said[found.end() :]
    named = after if re.search(r"\bor\b|\bversus\b|\bvs\b", after, re.IGNORECASE) else before + " or " + after
    named = re.sub(r"^\s*(?:is|are|was)\s+", "", named, flags=re.IGNORECASE)  # "is Bob's more urgent than ..."
    parts = [part.strip(" ,.?!") for part in _SPLIT.split(named)]
    return [p for p in parts if p and not re.fullmatch(r"(?:the|one|first|urgent|important|for me|to me)", p, re.I)]
