"""End of turn for a driver's short commands.

LiveKit's audio end-of-turn model judges from the voice whether the user has finished. On
short commands it often is not sure ("Next." said flatly), and then the session waits the
endpointing maximum (2.5 s) before answering. When the words heard so far already make a
whole fast-path command, this detector lets the usual short pause end the turn instead.
The same holds for a finished question ("What does Sarah need from me?"): the transcriber
heard a question's shape and a question mark, and ending it early costs nothing worse than an
interruption if the user goes on (a question acts on no mail).
Commands that carry dictated words (a reply's text, a rule's name) or send mail keep the
model's judgement: the user may still be talking, and a send should never be rushed.
"""

from __future__ import annotations

import re
from typing import Any

from livekit.agents import inference

from .commands import parse

NEEDS_THE_MODEL = {"reply", "draft", "add", "send", "mute"}


QUESTION = re.compile(
    r"^(what|when|who|whom|whose|where|why|how|which|is|are|was|were|do|does|did|should|shall|can|could|"
    r"will|would|has|have|had|any|anything)\b.*\w.*\?$",
    re.IGNORECASE,
)


def is_whole_command(transcript: str) -> bool:
    command = parse(transcript)
    return command is not None and command.kind not in NEEDS_THE_MODEL


def is_finished_question(transcript: str) -> bool:
    """At least three words, opening like a question and ending in a question mark."""
    text = transcript.strip()
    return len(text.split()) >= 3 and QUESTION.match(text) is not None


def needs_no_more_waiting(transcript: str) -> bool:
    return is_whole_command(transcript) or is_finished_question(transcript)


class CommandAwareTurnDetector(inference.TurnDetector):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.heard = ""  # the newest transcript (interim or final) of the user's current turn

    def stream(self, **options: Any) -> Any:
        return _CommandAwareStream(super().stream(**options), self)


class _CommandAwareStream:
    """LiveKit's detector stream, except that a whole command or a finished question is never
    'unlikely to be done'."""

    def __init__(self, inner: Any, detector: CommandAwareTurnDetector) -> None:
        self._inner = inner
        self._detector = detector

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def unlikely_threshold(self, language: Any) -> float | None:
        if needs_no_more_waiting(self._detector.heard):
            return None  # no probability counts as unlikely: the short pause ends the turn
        threshold: float | None = await self._inner.unlikely_threshold(language)
        return threshold
