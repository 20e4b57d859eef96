"""Where the user is in the briefing, and how each step is said aloud."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mailvox.agent.mail import DEADLINE, Triaged, sender_matches

from .remembered import RememberedMessage

IMPORTANT_SCORE = 20  # at or above: "looks important"
# A one-time code or password is not read out unless the user asks for it.
SECRET = re.compile(
    r"\b(?P<label>(?:one[- ]time |verification |security |login |sign[- ]in )?(?:code|passcode|otp|pin|password)"
    r"(?: is)?:?)\s*(?P<value>[A-Za-z0-9-]{4,12})\b",
    re.IGNORECASE,
)


def withhold_secrets(text: str) -> tuple[str, bool]:
    """The text with codes and passwords withheld, and whether any were."""
    withheld, count = SECRET.subn(lambda m: f"{m.group('label')} (withheld)", text)
    return withheld, count > 0


def first_sentence(text: str, limit: int = 200) -> str:
    body = " ".join(text.split())
    body = re.sub(r"^(hi|hello|hey|dear)\b[^,.!]{0,40}[,.!]\s*", "", body, flags=re.IGNORECASE)
    match = re.search(r"(.+?[.!?])(\s|$)", body)
    sentence = match.group(1) if match else body
    return sentence[:limit].rstrip() + ("..." if len(sentence) > limit else "")


def deadline_sentence(text: str) -> str | None:
    """The sentence of an email that gives a deadline ("... by Friday noon?"), if any."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        if DEADLINE.search(sentence):
            return withhold_secrets(sentence)[0]
    return None


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

    def skip_sender(self) -> BriefingItem | None:
        """The next email not from the current sender; theirs are left for another time."""
        if self.current is None:
            return None
        sender = self.current.triaged.message.sender.email.lower()
        for index in range(self.position + 1, len(self.items)):
            if self.items[index].triaged.message.sender.email.lower() != sender:
                self.position = index
                return self.current
        return None

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
        parts = [f"From {item.sender}: {message.subject or 'no subject'}."]
        gist, _ = withhold_secrets(first_sentence(item.text))
        if gist:
            parts.append(gist)
        if item.triaged.reasons:
            parts.append(f"It's {item.triaged.why}.")
        if withhold_secrets(item.text)[1]:  # the first sentence is part of the text
            parts.append("It contains a code I won't read out unless you ask.")
        return " ".join(parts)

    def full(self, item: BriefingItem, reveal: bool = False) -> str:
        body = item.text or "It has no text."
        if not reveal:
            body, secret = withhold_secrets(body)
            if secret:
                body += " Say read the code if you need it."
        return f"Here's {item.sender}'s email in full. {body}"

    # --- where the user left off, kept on the server between sessions ---------------------

    def save_place(self, path: Path) -> None:
        if self.current is not None:  # with nothing current, the last place stays
            RememberedMessage(path).remember(self.current.triaged.message.message_id)

    def last_place(self, path: Path) -> BriefingItem | None:
        """The email the user was on last time, if it is still in this briefing."""
        message_id = RememberedMessage(path).recall()
        return next((i for i in self.items if i.triaged.message.message_id == message_id), None)
