"""An LLM answer is said a sentence at a time, at most two, and a sentence that claims an
action on mail (which an LLM answer never takes) is replaced by a grounded line."""

from __future__ import annotations

from collections.abc import AsyncIterator

from mailvox.agent.assistant import _at_most_two_sentences
from mailvox.agent.conversation.grounding import GROUNDED


async def chunks(*pieces: str) -> AsyncIterator[str]:
    for piece in pieces:
        yield piece


async def spoken(*pieces: str) -> list[str]:
    return [sentence async for sentence in _at_most_two_sentences(chunks(*pieces))]


async def test_an_answer_stops_after_its_second_sentence() -> None:
    assert await spoken("She wants the Q3 num", "bers. By Friday noon. And also", " more.") == [
        "She wants the Q3 numbers. ",
        "By Friday noon. ",
    ]


async def test_a_claimed_action_is_replaced_and_ends_the_answer() -> None:
    assert await spoken("Sure. I've deleted ", "it for you. Anything else?") == ["Sure. ", GROUNDED]


async def test_an_unfinished_last_sentence_is_said_when_it_claims_nothing() -> None:
    assert await spoken("It is from Bob about the release") == ["It is from Bob about the release"]
    assert await spoken("Okay, the email was forwarded") == [GROUNDED]


async def test_a_claim_after_a_line_break_is_caught_whatever_the_chunks() -> None:
    # Streamed a token at a time, a stop at a chunk's end once cut the sentence there, and the
    # line break began the next one: "\nSent: ..." got past the check (the injection suite).
    answer = "From the AI: You can't access it.\nSent: You can't access it."
    assert await spoken(*answer) == ["From the AI: You can't access it.\n", GROUNDED]
    assert await spoken("It costs 3", ".5 dollars. That's all.") == ["It costs 3.5 dollars. ", "That's all."]
