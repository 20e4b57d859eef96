"""The STT service's queue of streaming decodes across sessions: which decode runs next, with
which audio, and who hears back. The engine is a fake that says what it was given."""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest

from mailvox.services.stt.decode_queue import DecodeQueue
from mailvox.services.stt.streaming import SAMPLE_RATE, StreamingSession


class FakeEngine:
    """Decodes a string to 'heard <string>'; `hold` keeps a decode going (in its worker
    thread) until the test lets it finish."""

    def __init__(self) -> None:
        self.decoded: list[str] = []
        self.hold = threading.Event()
        self.hold.set()
        self.running = threading.Event()

    def decode(self, item: str) -> str:
        self.decoded.append(item)
        self.running.set()
        self.hold.wait(5)
        if item == "bad":
            raise RuntimeError("the engine failed")
        return f"heard {item}"


def never() -> bool:
    return False


async def started_and_held(engine: FakeEngine, queue: DecodeQueue[str, str], item: str) -> asyncio.Task[str]:
    """A decode of `item` that is running, held there, so the next ones wait."""
    engine.hold.clear()
    engine.running.clear()
    task = asyncio.create_task(queue.decode(lambda: item, never))
    await asyncio.to_thread(engine.running.wait, 5)
    return task


async def test_decodes_asked_for_while_one_runs_are_each_answered_with_their_own_in_order():
    engine = FakeEngine()
    queue = DecodeQueue(engine.decode, asyncio.Semaphore(1), workers=1)
    first = await started_and_held(engine, queue, "one")
    waiting = [asyncio.create_task(queue.decode(lambda s=s: s, never)) for s in ("two", "three", "four")]
    await asyncio.sleep(0.05)
    engine.hold.set()
    assert await first == "heard one"
    assert await asyncio.gather(*waiting) == ["heard two", "heard three", "heard four"]
    assert engine.decoded == ["one", "two", "three", "four"]


async def test_a_waiting_interim_decodes_the_audio_its_session_has_when_it_starts():
    """A stale interim is never decoded: the engine behind reads the session's newest audio."""
    engine = FakeEngine()
    queue = DecodeQueue(engine.decode, asyncio.Semaphore(1), workers=1)
    first = await started_and_held(engine, queue, "other caller")
    audio = ["read me"]
    interim = asyncio.create_task(queue.decode(lambda: audio[-1], never))
    await asyncio.sleep(0.05)
    audio.append("read me the email from Sarah")  # spoken while the engine was busy
    engine.hold.set()
    await first
    assert await interim == "heard read me the email from Sarah"
    assert "read me" not in engine.decoded


async def test_finals_go_first_and_none_is_dropped():
    engine = FakeEngine()
    queue = DecodeQueue(engine.decode, asyncio.Semaphore(1), workers=1)
    first = await started_and_held(engine, queue, "busy")
    asked = [("interim a", False), ("interim b", False), ("final c", True), ("interim d", False), ("final e", True)]
    tasks = [asyncio.create_task(queue.decode(lambda s=s: s, lambda f=f: f)) for s, f in asked]
    await asyncio.sleep(0.05)
    engine.hold.set()
    await first
    assert await asyncio.gather(*tasks) == [f"heard {s}" for s, _ in asked]
    assert engine.decoded == ["busy", "final c", "final e", "interim a", "interim b", "interim d"]


async def test_an_interim_still_waiting_when_its_turn_ends_goes_first_as_the_final():
    engine = FakeEngine()
    queue = DecodeQueue(engine.decode, asyncio.Semaphore(1), workers=1)
    first = await started_and_held(engine, queue, "busy")
    flushed = [False]
    other = asyncio.create_task(queue.decode(lambda: "other interim", never))
    ending = asyncio.create_task(queue.decode(lambda: "whole turn", lambda: flushed[0]))
    await asyncio.sleep(0.05)
    flushed[0] = True  # the caller stopped talking while its interim waited
    engine.hold.set()
    await asyncio.gather(first, other, ending)
    assert engine.decoded == ["busy", "whole turn", "other interim"]


async def test_a_failed_decode_is_reported_to_its_waiter_and_the_next_one_still_runs():
    engine = FakeEngine()
    queue = DecodeQueue(engine.decode, asyncio.Semaphore(1), workers=1)
    first = await started_and_held(engine, queue, "busy")
    failing = asyncio.create_task(queue.decode(lambda: "bad", never))
    after = asyncio.create_task(queue.decode(lambda: "later", never))
    await asyncio.sleep(0.05)
    engine.hold.set()
    await first
    with pytest.raises(RuntimeError, match="the engine failed"):
        await failing
    assert await after == "heard later"


async def test_a_caller_who_hung_up_while_waiting_is_not_decoded():
    engine = FakeEngine()
    queue = DecodeQueue(engine.decode, asyncio.Semaphore(1), workers=1)
    first = await started_and_held(engine, queue, "busy")
    gone = asyncio.create_task(queue.decode(lambda: "gone", never))
    staying = asyncio.create_task(queue.decode(lambda: "staying", never))
    await asyncio.sleep(0.05)
    gone.cancel()
    engine.hold.set()
    await first
    assert await staying == "heard staying"
    assert engine.decoded == ["busy", "staying"]


async def test_an_engine_that_runs_two_decodes_at_once_gets_two():
    """MAILVOX_STT_MAX_CONCURRENCY on a GPU: the queue keeps that many decodes going."""
    started: list[str] = []
    both = threading.Barrier(2, timeout=5)

    def decode(item: str) -> str:
        started.append(item)
        both.wait()  # each returns only once the other has started
        return item

    queue = DecodeQueue(decode, asyncio.Semaphore(2), workers=2)
    assert await asyncio.gather(queue.decode(lambda: "a", never), queue.decode(lambda: "b", never)) == ["a", "b"]
    assert sorted(started) == ["a", "b"]


async def test_a_session_behind_decodes_its_newest_audio_once_and_reuses_it_as_the_final():
    """Before, the interim asked for at 0.6 s was decoded as it was, and the final needed a
    decode of its own after it: two waits behind the other callers instead of one."""
    limit = asyncio.Semaphore(1)
    decoded: list[int] = []

    def decode(audio: np.ndarray) -> dict:
        decoded.append(len(audio))
        return {"text": "Read me the email from Sarah."}

    queue = DecodeQueue(decode, limit, workers=1)
    sent: list[dict] = []

    async def send(event: dict) -> None:
        sent.append(event)

    async def speech_starts_at_once(_audio: np.ndarray) -> int:
        return 0

    session = StreamingSession(queue.decode, send, speech_starts_at_once, interim_s=0.6)
    speech = (0.3 * np.sin(np.arange(2 * SAMPLE_RATE) / 5) * 32767).astype(np.int16).tobytes()
    await limit.acquire()  # the engine is busy with other callers
    for start in range(0, len(speech), 640):
        await session.audio(speech[start : start + 640])
    limit.release()
    await session.flush()
    assert decoded == [2 * SAMPLE_RATE]
    assert sent[-1]["reused_interim"] is True
    assert sent[-1]["text"] == "Read me the email from Sarah."
