"""The agent's answer is spoken piece by piece: its first clause as soon as the next one
begins, then whole sentences. The last test runs the real TTS service."""

from __future__ import annotations

import asyncio

from mailvox.agent.adapters.pieces import FirstClauseTokenizer
from mailvox.agent.adapters.tts import PieceByPieceTTS, ServiceTTS

ANSWER = (
    "Sarah needs three things from you, the Q3 numbers, the slides and a date. "
    "She wants them by Thursday, at 10:30. Also, she asked about 1,000 units."
)


async def cut_while_streaming(text: str, answers: int = 1) -> list[tuple[str, str]]:
    """Push `text` word by word, like an LLM; returns each piece with the text pushed when it came out."""
    stream = FirstClauseTokenizer().stream()
    pushed, pieces = "", []

    async def read():
        async for data in stream:
            pieces.append((data.token, pushed))

    reader = asyncio.create_task(read())
    for _answer in range(answers):
        for word in text.split(" "):
            pushed += word + " "
            stream.push_text(word + " ")
            await asyncio.sleep(0)
        stream.flush()
    stream.end_input()
    await reader
    return pieces


async def test_the_first_clause_goes_out_when_the_next_one_begins():
    pieces = await cut_while_streaming(ANSWER)
    first, pushed_then = pieces[0]
    assert first == "Sarah needs three things from you,"
    assert pushed_then == "Sarah needs three things from you, the "


async def test_after_the_first_clause_the_cut_is_by_sentence():
    pieces = [piece.strip() for piece, _ in await cut_while_streaming(ANSWER)]
    assert pieces == [
        "Sarah needs three things from you,",
        "the Q3 numbers, the slides and a date.",
        "She wants them by Thursday, at 10:30.",
        "Also, she asked about 1,000 units.",
    ]


async def test_each_answer_starts_with_its_own_first_clause():
    pieces = [
        piece.strip() for piece, _ in await cut_while_streaming("Your next email is from Bob, about the offsite.", 2)
    ]
    assert pieces == ["Your next email is from Bob,", "about the offsite."] * 2


async def test_short_clauses_and_numbers_are_not_cut():
    pieces = [
        piece.strip()
        for piece, _ in await cut_while_streaming("Yes, 1,000 units at 10:30. Sure. That is all for today.")
    ]
    assert pieces == ["Yes, 1,000 units at 10:30.", "Sure. That is all for today."]


async def test_the_voice_starts_before_the_llm_finishes_the_sentence(tts_service):
    service = await ServiceTTS.connect(tts_service.url)
    voice = PieceByPieceTTS(service)
    voice.speed = 1.25  # the assistant's "faster" sets it on the session's TTS
    assert service.speed == 1.25
    async with voice.stream() as stream:
        stream.push_text("Sarah needs three things from you, the")
        first = await asyncio.wait_for(stream.__anext__(), timeout=30)
        stream.push_text(" Q3 numbers, the slides and a date.")
        stream.end_input()
        frames = [first.frame] + [event.frame async for event in stream if event.frame]
    await voice.aclose()
    assert first.frame.sample_rate == 22050
    assert sum(f.samples_per_channel for f in frames) / 22050 > 2.0  # the whole answer was spoken
    assert service._client._session.closed  # aclose closed the service client too
