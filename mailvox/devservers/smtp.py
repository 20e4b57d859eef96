"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records what it receives.

Messages are kept in memory and, when ``spool_dir`` is set, written there as .eml files so
the demo user can see what MailVox sent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller

from .process import free_port


@dataclass
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class RecordingHandler:
    spool_dir: Path | None = None
    messages: list[ReceivedMessage] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd hook)
        message = ReceivedMessage(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        with self._lock:
            self.messages.append(message)
            count = len(self.messages)
        if self.spool_dir is not None:
            self.spool_dir.mkdir(parents=True, exist_ok=True)
            (self.spool_dir / f"{count:05d}.eml").write_bytes(envelope.content)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(
        self,
        spool_dir: Path | None = None,
        handler: RecordingHandler | None = None,
        port: int | None = None,
    ) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.handler = handler or RecordingHandler(spool_dir=spool_dir)
        self._controller = Controller(self.handler, hostname=self.host, port=self.port)

    @property
    def messages(self) -> list[ReceivedMessage]:
        return self.handler.messages

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()
