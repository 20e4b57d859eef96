"""Streaming decodes of several sessions, run together.

A decode asked for while another runs waits here; the next run takes up to `max_batch` of the
waiting ones, urgent first (a caller waits on them: the turn ended), and hands them to one call
of the engine (CTranslate2 decodes a batch for less than its items one by one). A waiting decode
reads its audio only when its run starts, so a session that is behind decodes its newest audio:
an interim already out of date is never decoded, and when the turn ends while it waits, it is
the final and goes first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass
class _Waiting(Generic[Item, Result]):
    take: Callable[[], Item]  # the item as of now: called when its run starts
    urgent: Callable[[], bool]  # asked again at each run: an interim becomes urgent at the flush
    done: asyncio.Future[Result]


class DecodeBatcher(Generic[Item, Result]):
    def __init__(
        self, decode_batch: Callable[[list[Item]], list[Result]], limit: asyncio.Semaphore, max_batch: int
    ) -> None:
        """`decode_batch` runs in a worker thread, one result per item in order; `limit` is the
        engine's, shared with the decodes that do not come through here."""
        self._decode_batch = decode_batch
        self._limit = limit
        self._max_batch = max(1, max_batch)
        self._waiting: list[_Waiting[Item, Result]] = []
        self._runner: asyncio.Task[None] | None = None

    async def decode(self, take: Callable[[], Item], urgent: Callable[[], bool]) -> Result:
        """The result for the item `take()` gives when its run starts. Urgent ones go first; a
        waiter that is cancelled (its caller hung up) is left out of the run."""
        done: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(take, urgent, done))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())
        return await done

    def _next_batch(self) -> list[_Waiting[Item, Result]]:
        waiting = [w for w in self._waiting if not w.done.done()]
        batch = sorted(waiting, key=lambda w: not w.urgent())[: self._max_batch]  # stable: in order of asking
        self._waiting = [w for w in waiting if w not in batch]
        return batch

    async def _run(self) -> None:
        while self._waiting:
            async with self._limit:
                batch = self._next_batch()  # taken once the engine is free: the newest audio
                if not batch:
                    continue
                try:
                    results = await asyncio.to_thread(self._decode_batch, [w.take() for w in batch])
                    answered = list(zip(batch, results, strict=True))
                except Exception as exc:  # the engine's failure is each waiter's
                    for w in batch:
                        if not w.done.done():
                            w.done.set_exception(exc)
                    continue
                for w, result in answered:
                    if not w.done.done():
                        w.done.set_result(result)
