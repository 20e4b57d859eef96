"""Where the user is in the briefing, and how each step is said aloud."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.mail.names import sender_matches
from agent.mail.triage import Triaged

IMPORTANT_SCORE = 20  # at or above: "looks important"


def first_sentence(text: str, limit: int = 200) -> str:
    body = " ".join(text.split())
    body = re.sub(r"^(hi|hello|hey|dear)\b[^,.!]{0,40}[,.!]\s*", "", body, flags=re.IGNORECASE)
    match = re.search(r"(.+?[.!?])(\s|$)", body)
    sentence = match.group(1) if match else body
    return sentence[:limit].rstrip() + ("..." if len(sentence) > limit else "")


@dataclass
class BriefingItem:
    triaged: Triaged

    @property
    def sender(self) -> str:
        return self.triaged.message.sender.spoken()

    @property
    def text(self) -> str:
        return self.triaged.text


@dataclass
class Briefing:
    items: list[BriefingItem]

    @classmethod
    def of(cls, triaged: list[Triaged]) -> Briefing:
        return cls([BriefingItem(t) for t in triaged])

    position: int = -1  # -1: not started
    paused: bool = False
    heard: set[int] = field(default_factory=set)  # positions the user has heard

    @property
    def important(self) -> int:
        return sum(1 for i in self.items if i.triaged.score >= IMPORTANT_SCORE)

    @property
    def current(self) -> BriefingItem | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    def remaining(self) -> int:
        return max(0, len(self.items) - self.position - 1)

    def step(self, delta: int) -> BriefingItem | None:
        target = self.position + delta
        if not 0 <= target < len(self.items):
            return None
        self.position = target
        return self.current

    def go_to(self, spoken_sender: str) -> BriefingItem | None:
        for index, item in enumerate(self.items):
            message = item.triaged.message
            if sender_matches(spoken_sender, message.sender.name, message.sender.email):
                self.position = index
                return item
        return None

    # --- what is said --------------------------------------------------------------------

    def offer(self) -> str:
        if not self.items:
            return ""
        important = self.important
        if important:
            noun = "looks" if important == 1 else "look"
            return f"{important} of them {noun} important. Shall I go through them, most important first?"
        return "Shall I go through them?"

    def summary(self, item: BriefingItem) -> str:
        message = item.triaged.message
        self.heard.add(self.items.index(item))
        parts = [f"From {item.sender}: {message.subject or 'no subject'}."]
        gist = first_sentence(item.text)
        if gist:
            parts.append(gist)
        if item.triaged.reasons:
            parts.append(f"It's {item.triaged.why}.")
        return " ".join(parts)

    def full(self, item: BriefingItem) -> str:
        body = item.text or "It has no text."
        return f"Here's {item.sender}'s email in full. {body}"
