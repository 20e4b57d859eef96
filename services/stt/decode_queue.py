"""Streaming decodes of several sessions: the newest audio, and finals first.

A decode asked for while the engine is busy waits here. It reads its session's audio only when
it starts, so a session that is behind decodes its newest audio: an interim already out of date
is never decoded. The next to start is an urgent one if any waits (a caller waits on it: the
turn ended; an interim still waiting at the flush becomes urgent, and is the final), else the
oldest. Nothing is dropped.

The waiting decodes of several sessions could run as one CTranslate2 batch. On 2 CPU cores that
made finals later, every item waiting for its whole batch (bench/results/stt-batching-cpu.json),
so each runs alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(eq=False)
class _Waiting(Generic[Item, Result]):
    take: Callable[[], Item]  # the item as of now: called when its decode starts
    urgent: Callable[[], bool]  # asked again each time one starts: an interim becomes urgent at the flush
    done: asyncio.Future[Result] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class DecodeQueue(Generic[Item, Result]):
    def __init__(self, decode: Callable[[Item], Result], limit: asyncio.Semaphore, workers: int) -> None:
        """`decode` runs in a worker thread; `limit` is the engine's, shared with the decodes
        that do not come through here; `workers` decodes may run at once (the limit's size)."""
        self._decode = decode
        self._limit = limit
        self._workers = max(1, workers)
        self._waiting: list[_Waiting[Item, Result]] = []
        self._runners: set[asyncio.Task[None]] = set()

    async def decode(self, take: Callable[[], Item], urgent: Callable[[], bool]) -> Result:
        """The result for the item `take()` gives when its decode starts. A waiter that is
        cancelled (its caller hung up) is left out."""
        waiting: _Waiting[Item, Result] = _Waiting(take, urgent)
        self._waiting.append(waiting)
        self._runners = {r for r in self._runners if not r.done()}  # a done one has seen the queue empty
        if len(self._runners) < self._workers:
            self._runners.add(asyncio.create_task(self._run()))
        return await waiting.done

    def _next(self) -> _Waiting[Item, Result] | None:
        self._waiting = [w for w in self._waiting if not w.done.done()]
        chosen = next((w for w in self._waiting if w.urgent()), self._waiting[0] if self._waiting else None)
        if chosen is not None:
            self._waiting.remove(chosen)
        return chosen

    async def _run(self) -> None:
        while self._waiting:
            async with self._limit:
                chosen = self._next()  # chosen once the engine is free: the newest audio
                if chosen is None:
                    continue
                try:
                    result = await asyncio.to_thread(self._decode, chosen.take())
                except Exception as exc:  # the engine's failure is its waiter's
                    if not chosen.done.done():
                        chosen.done.set_exception(exc)
                    continue
                if not chosen.done.done():
                    chosen.done.set_result(result)
