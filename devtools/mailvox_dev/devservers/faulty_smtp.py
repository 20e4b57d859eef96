"""FAULT INJECTION for tests: an aiosmtpd handler that fails at a chosen SMTP step.

A real SMTP server (aiosmtpd) that records what it accepts, told to refuse the recipient, to
refuse the data, or to drop the connection instead of answering the DATA command.
"""

from __future__ import annotations

from dataclasses import dataclass

from .smtp import RecordingHandler


@dataclass
class FaultySMTPHandler(RecordingHandler):
    fail_at: str = ""  # "", "rcpt", "data" or "drop"
    failures_left: int = 1

    def _failing(self, step: str) -> bool:
        if self.fail_at == step and self.failures_left > 0:
            self.failures_left -= 1
            return True
        return False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self._failing("rcpt"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self._failing("data"):
            return "451 4.3.0 Temporary failure, try later"
        if self._failing("drop"):
            session.transport.close()  # the connection dies before the 250
            return "421 closing"
        return await super().handle_DATA(server, session, envelope)
