"""How the LLM's streamed answer is cut into the pieces the TTS service speaks one by one.

LiveKit's stock cut is by sentence, and it sends a sentence to the TTS only once the next one
has begun (or the answer has ended). A long first sentence therefore keeps the caller waiting
while the LLM writes all of it. Here the first piece of each answer ends at its first clause
break (a comma, semicolon or colon) once it is long enough to be said on its own; after that
the cut is by whole sentences, so the rest is read with the voice's sentence prosody.
"""

from __future__ import annotations

import re

from livekit import blingfire
from livekit.agents import tokenize
from livekit.agents.tokenize import token_stream

MIN_PIECE_CHARS = 20  # shorter sentences ("Sure.") join the next one, as LiveKit's own cut does
MIN_CLAUSE_CHARS = 16  # "Sarah needs three things," goes first; "Yes," does not
MIN_CONTEXT_CHARS = 10  # text held before the first look for a break
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)")  # not "1,000" or "10:30"


def sentence_pieces(text: str) -> list[tuple[str, int, int]]:
    """The text cut after each sentence of at least MIN_PIECE_CHARS, with offsets; the last
    piece is whatever follows the last cut (in a stream, the sentence still being written)."""
    _, offsets = blingfire.text_to_sentences_with_offsets(text)
    pieces, start = [], 0
    for _, end in offsets:
        if end < len(text) and len(text[start:end].strip()) >= MIN_PIECE_CHARS:
            pieces.append((text[start:end], start, end))
            start = end
    if text[start:].strip():
        pieces.append((text[start:], start, len(text)))
    return pieces


def first_clause_end(sentence: str) -> int | None:
    """Where the sentence's first long-enough clause ends, if it has one."""
    for match in CLAUSE_BREAK.finditer(sentence):
        if len(sentence[: match.end()].strip()) >= MIN_CLAUSE_CHARS:
            return match.end()
    return None


class FirstClauseStream(token_stream.BufferedSentenceStream):
    def __init__(self) -> None:
        self._first_piece_out = False
        super().__init__(tokenizer=self._pieces, min_token_len=1, min_ctx_len=MIN_CONTEXT_CHARS)

    def _pieces(self, text: str) -> list[tuple[str, int, int]]:
        pieces = sentence_pieces(text)
        if not self._first_piece_out and pieces:
            first, _, first_end = pieces[0]
            cut = first_clause_end(first)
            if cut is not None and first[cut:].strip():
                pieces[:1] = [(first[:cut], 0, cut), (first[cut:], cut, first_end)]
        # The stream sends the first piece as soon as a second one exists: from then on
        # this answer is cut by sentences only.
        self._first_piece_out = self._first_piece_out or len(pieces) > 1
        return pieces

    def flush(self) -> None:
        super().flush()
        self._first_piece_out = False  # what comes next is a new answer


class FirstClauseTokenizer(tokenize.SentenceTokenizer):
    def tokenize(self, text: str, *, language: str | None = None) -> list[str]:
        return [piece for piece, _, _ in sentence_pieces(text)]

    def stream(self, *, language: str | None = None) -> FirstClauseStream:
        return FirstClauseStream()
