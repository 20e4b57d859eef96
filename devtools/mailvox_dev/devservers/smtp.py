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


@dataclass
class OAuthSMTPHandler(RecordingHandler):
    """Also takes AUTH XOAUTH2, checking the bearer token against known ones."""

    tokens: dict[str, str] = field(default_factory=dict)  # access token -> user name

    async def auth_XOAUTH2(self, server, args):  # noqa: N802 (aiosmtpd auth hook)
        import base64

        from aiosmtpd.smtp import AuthResult

        blob = args[1] if len(args) > 1 else ""
        try:
            fields = dict(part.split("=", 1) for part in base64.b64decode(blob).decode().split("\x01") if "=" in part)
        except (ValueError, UnicodeDecodeError):
            return AuthResult(success=False, handled=False)
        user, token = fields.get("user"), fields.get("auth", "").removeprefix("Bearer ")
        ok = user is not None and self.tokens.get(token) == user
        # handled=False: aiosmtpd answers 235 or 535 itself
        return AuthResult(success=ok, handled=False, auth_data=user)


class SMTPServer:
    def __init__(
        self,
        spool_dir: Path | None = None,
        handler: RecordingHandler | None = None,
        port: int | None = None,
        listen: str = "127.0.0.1",
    ) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.handler = handler or RecordingHandler(spool_dir=spool_dir)
        self._controller = Controller(self.handler, hostname=listen, port=self.port, auth_require_tls=False)

    @property
    def messages(self) -> list[ReceivedMessage]:
        return self.handler.messages

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()
