"""The STT service's cross-session batching, as queueing: which decodes run together, with
which audio, and who hears back. The engine is a fake that says what it was given (the real
Whisper batch is tested in tests/integration/test_services.py)."""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest

from mailvox.services.stt.batching import DecodeBatcher
from mailvox.services.stt.streaming import SAMPLE_RATE, StreamingSession


class FakeEngine:
    """Decodes a batch of strings to 'heard <string>'; `hold` keeps a run going (in its
    worker thread) until the test lets it finish."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.hold = threading.Event()
        self.hold.set()
        self.running = threading.Event()

    def decode_batch(self, items: list[str]) -> list[str]:
        self.batches.append(items)
        self.running.set()
        self.hold.wait(5)
        if "bad" in items:
            raise RuntimeError("the engine failed")
        return [f"heard {item}" for item in items]


async def started_and_held(engine: FakeEngine, batcher: DecodeBatcher[str, str], item: str) -> asyncio.Task[str]:
    """A decode of `item` that is running, held there, so the next ones wait."""
    engine.hold.clear()
    task = asyncio.create_task(batcher.decode(lambda: item, urgent=lambda: False))
    await asyncio.to_thread(engine.running.wait, 5)
    return task


async def test_decodes_asked_for_while_one_runs_run_as_one_batch_each_answered_with_its_own():
    engine = FakeEngine()
    batcher = DecodeBatcher(engine.decode_batch, asyncio.Semaphore(1), max_batch=8)
    first = await started_and_held(engine, batcher, "one")
    waiting = [
        asyncio.create_task(batcher.decode(lambda s=s: s, urgent=lambda: False)) for s in ("two", "three", "four")
    ]
    await asyncio.sleep(0.05)
    engine.hold.set()
    assert await first == "heard one"
    assert await asyncio.gather(*waiting) == ["heard two", "heard three", "heard four"]
    assert engine.batches == [["one"], ["two", "three", "four"]]


async def test_a_waiting_interim_decodes_the_audio_its_session_has_when_its_run_starts():
    """A stale interim is never decoded: the engine behind reads the session's newest audio."""
    engine = FakeEngine()
    batcher = DecodeBatcher(engine.decode_batch, asyncio.Semaphore(1), max_batch=8)
    first = await started_and_held(engine, batcher, "other caller")
    audio = ["read me"]
    interim = asyncio.create_task(batcher.decode(lambda: audio[-1], urgent=lambda: False))
    await asyncio.sleep(0.05)
    audio.append("read me the email from Sarah")  # spoken while the engine was busy
    engine.hold.set()
    await first
    assert await interim == "heard read me the email from Sarah"
    assert ["read me"] not in engine.batches


async def test_finals_go_first_and_none_is_dropped_when_more_wait_than_a_batch_holds():
    engine = FakeEngine()
    batcher = DecodeBatcher(engine.decode_batch, asyncio.Semaphore(1), max_batch=2)
    first = await started_and_held(engine, batcher, "busy")
    asked = [("interim a", False), ("interim b", False), ("final c", True), ("interim d", False), ("final e", True)]
    tasks = [asyncio.create_task(batcher.decode(lambda s=s: s, urgent=lambda f=f: f)) for s, f in asked]
    await asyncio.sleep(0.05)
    engine.hold.set()
    await first
    assert await asyncio.gather(*tasks) == [f"heard {s}" for s, _ in asked]
    assert engine.batches[1:] == [["final c", "final e"], ["interim a", "interim b"], ["interim d"]]


async def test_an_interim_still_waiting_when_its_turn_ends_goes_first_as_the_final():
    engine = FakeEngine()
    batcher = DecodeBatcher(engine.decode_batch, asyncio.Semaphore(1), max_batch=1)
    first = await started_and_held(engine, batcher, "busy")
    flushed = [False]
    other = asyncio.create_task(batcher.decode(lambda: "other interim", urgent=lambda: False))
    ending = asyncio.create_task(batcher.decode(lambda: "whole turn", urgent=lambda: flushed[0]))
    await asyncio.sleep(0.05)
    flushed[0] = True  # the caller stopped talking while its interim waited
    engine.hold.set()
    await asyncio.gather(first, other, ending)
    assert engine.batches == [["busy"], ["whole turn"], ["other interim"]]


async def test_a_failed_batch_is_reported_to_its_waiters_and_the_next_batch_still_runs():
    engine = FakeEngine()
    batcher = DecodeBatcher(engine.decode_batch, asyncio.Semaphore(1), max_batch=2)
    first = await started_and_held(engine, batcher, "busy")
    failing = [asyncio.create_task(batcher.decode(lambda s=s: s, urgent=lambda: False)) for s in ("bad", "good")]
    after = asyncio.create_task(batcher.decode(lambda: "later", urgent=lambda: False))
    await asyncio.sleep(0.05)
    engine.hold.set()
    await first
    for task in failing:
        with pytest.raises(RuntimeError, match="the engine failed"):
            await task
    assert await after == "heard later"


async def test_a_caller_who_hung_up_while_waiting_is_left_out_of_the_batch():
    engine = FakeEngine()
    batcher = DecodeBatcher(engine.decode_batch, asyncio.Semaphore(1), max_batch=8)
    first = await started_and_held(engine, batcher, "busy")
    gone = asyncio.create_task(batcher.decode(lambda: "gone", urgent=lambda: False))
    staying = asyncio.create_task(batcher.decode(lambda: "staying", urgent=lambda: False))
    await asyncio.sleep(0.05)
    gone.cancel()
    engine.hold.set()
    await first
    assert await staying == "heard staying"
    assert engine.batches == [["busy"], ["staying"]]


async def test_a_session_behind_decodes_its_newest_audio_once_and_reuses_it_as_the_final():
    """Before batching the interim asked for at 0.6 s was decoded as it was, and the final
    needed a decode of its own after it: two waits in the queue instead of one."""
    limit = asyncio.Semaphore(1)
    decoded: list[int] = []

    def decode_batch(items: list[np.ndarray]) -> list[dict]:
        decoded.extend(len(audio) for audio in items)
        return [{"text": "Read me the email from Sarah."} for _ in items]

    batcher = DecodeBatcher(decode_batch, limit, max_batch=8)
    sent: list[dict] = []

    async def send(event: dict) -> None:
        sent.append(event)

    async def speech_starts_at_once(_audio: np.ndarray) -> int:
        return 0

    session = StreamingSession(batcher.decode, send, speech_starts_at_once, interim_s=0.6)
    speech = (0.3 * np.sin(np.arange(2 * SAMPLE_RATE) / 5) * 32767).astype(np.int16).tobytes()
    await limit.acquire()  # the engine is busy with other callers
    for start in range(0, len(speech), 640):
        await session.audio(speech[start : start + 640])
    limit.release()
    await session.flush()
    assert decoded == [2 * SAMPLE_RATE]
    assert sent[-1]["reused_interim"] is True
    assert sent[-1]["text"] == "Read me the email from Sarah."
