"""When the conversation pauses: nobody has spoken, and the agent has not been thinking or
speaking, for a little while. New mail is announced only then, never over the user."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from livekit.agents import AgentSession

PAUSE_S = 2.0  # long enough that the user has finished, short enough to feel prompt
QUIET_AGENT = ("listening", "idle")


class Pauses:
    def __init__(self, session: AgentSession[Any], pause_s: float = PAUSE_S) -> None:
        self.session = session
        self.pause_s = pause_s
        self.changed_at = time.monotonic()
        session.on("agent_state_changed", self._changed)
        session.on("user_state_changed", self._changed)

    def _changed(self, _event: object) -> None:
        self.changed_at = time.monotonic()

    def paused(self) -> bool:
        return (
            self.session.agent_state in QUIET_AGENT
            and self.session.user_state != "speaking"
            and time.monotonic() - self.changed_at >= self.pause_s
        )

    async def wait(self) -> None:
        while not self.paused():
            await asyncio.sleep(0.2)
