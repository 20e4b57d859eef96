"""FAULT INJECTION for tests: an aiosmtpd handler that fails at a chosen SMTP step.

A real SMTP server (aiosmtpd) that records what it accepts, told to refuse the recipient, to
refuse the data, to drop the connection at RCPT or instead of answering the DATA command, or
to queue the mail and then lose its reply (drop the connection, or stall past the client's
timeout): the client cannot know the mail went.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from .smtp import RecordingHandler


@dataclass
class FaultySMTPHandler(RecordingHandler):
    # "", "rcpt", "drop_at_rcpt", "data", "drop", "lost_reply" (queued, then the connection
    # drops) or "stall" (queued, then no answer for stall_s)
    fail_at: str = ""
    failures_left: int = 1
    stall_s: float = 5.0

    def _failing(self, step: str) -> bool:
        if self.fail_at == step and self.failures_left > 0:
            self.failures_left -= 1
            return True
        return False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self._failing("rcpt"):
            return "550 5.1.1 Mailbox unavailable"
        if self._failing("drop_at_rcpt"):
            server.transport.close()  # nothing was handed over yet
            return "421 closing"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self._failing("data"):
            return "451 4.3.0 Temporary failure, try later"
        if self._failing("drop"):
            server.transport.close()  # the connection dies before the 250
            return "421 closing"
        if self._failing("lost_reply"):
            await super().handle_DATA(server, session, envelope)  # queued for delivery...
            server.transport.close()  # ...and the 250 never reaches the client
            return "421 closing"
        if self._failing("stall"):
            await super().handle_DATA(server, session, envelope)
            await asyncio.sleep(self.stall_s)
            return "250 Message accepted for delivery (too late)"
        return await super().handle_DATA(server, session, envelope)
