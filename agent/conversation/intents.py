"""What the caller wants, as a typed intent with its slots (issue 16's names).

An intent says where it came from: the exact grammar (sure), the intent model (a guess with a
confidence) or the dialogue (the answer to a question the agent asked). Destructive and outbound
intents are never carried out from a guess.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal, get_args

IntentName = Literal[
    "next",
    "previous",
    "repeat",
    "read_all",
    "remaining",
    "pause",
    "resume",
    "slower",
    "faster",
    "go_to",
    "yes",
    "no",
    "reply",
    "draft",
    "edit",
    "add",
    "send",
    "cancel",
    "archive",
    "flag",
    "unflag",
    "read",
    "unread",
    "delete",
    "undo",
    "mute",
    "unmute",
    "skip_sender",
    "reveal",
    "deadline",
    "forward",
    "move",
    "search",
    "ask",
    "audit",  # "what did I do today?": the caller's own audit trail
]
INTENT_NAMES: tuple[IntentName, ...] = get_args(IntentName)

# Mail leaves the mailbox or the caller's view: only from the exact grammar or after a yes. (A
# forward is made as a draft and read back, like a reply; only the exact "send it" sends it.)
DESTRUCTIVE_OR_OUTBOUND: frozenset[IntentName] = frozenset({"send", "delete", "mute", "move"})

Source = Literal["grammar", "model", "dialogue"]


@dataclass(frozen=True)
class Slots:
    """What an intent is about; empty strings where the caller did not say."""

    who: str = ""  # a spoken name ("sarah", "my boss"); never a pronoun: that is the current email
    topic: str = ""  # which email, by what it is about ("the budget one")
    about: str = ""  # what a draft should say, in the caller's words ("a thank-you")
    words: str = ""  # the words to put in a reply or draft, as dictated
    how: str = ""  # how to change a draft ("shorter", "more formal")
    folder: str = ""  # where to move an email
    kept: str = ""  # which mail this briefing keeps ("people", "important"): skip_sender only

    def as_dict(self) -> dict[str, str]:
        """The slots that were said, by name."""
        return {name: value for name, value in asdict(self).items() if value}


@dataclass(frozen=True)
class Intent:
    """One understood utterance."""

    name: IntentName
    slots: Slots = field(default_factory=Slots)
    confidence: float = 1.0
    source: Source = "grammar"

    @property
    def destructive(self) -> bool:
        """Send, delete, mute or move: never taken from a guess."""
        return self.name in DESTRUCTIVE_OR_OUTBOUND

    @property
    def needs_confirmation(self) -> bool:
        """A destructive or outbound intent the model guessed: it is asked about first."""
        return self.destructive and self.source == "model"
