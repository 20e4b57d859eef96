"""Send a draft exactly once: SMTP, then a copy in Sent, then the draft removed.

After a crash or an SMTP error at any point the mail is in Drafts or in Sent, and a retry
never sends it twice:
- already in Sent (by Message-ID)        -> nothing to send; the draft is tidied away;
- journal says the SMTP server accepted  -> no SMTP; the copy goes to Sent;
- journal says a send was cut off        -> UNCERTAIN: not resent without the user's word;
- SMTP refused (a reply), or the connection was lost before the message data went
                                          -> not sent (RFC 5321); the draft stays;
- connection lost or timed out once the message data was on its way
                                          -> MAY have been sent (the server may have queued it
                                             and lost its reply): SendUncertain, not resent
                                             without the user's word; the draft stays.
Some recipients refused and others accepted -> PARTLY_SENT, with `Sender.refused` saying who.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable
from email import policy
from email.parser import BytesParser
from typing import Any

import aiosmtplib
import imapclient

from .accounts import MailAccount
from .drafts import Drafts, append_once, recipients
from .errors import MailConfigError, MailError
from .imap import ImapConnection, tls_context
from .journal import SendJournal

logger = logging.getLogger("mailvox.mail")


class SendError(MailError):
    """The server did not take the message; it was not sent and is still in Drafts."""

    spoken = "The mail server didn't take that message. It's still in your drafts."


class _DataAwareSMTP(aiosmtplib.SMTP):
    """Notes when the DATA phase began: a connection lost after that may have delivered."""

    data_started = False

    async def data(self, message: str | bytes, /, **kwargs: Any) -> aiosmtplib.SMTPResponse:
        self.data_started = True
        return await super().data(message, **kwargs)


class SendUncertain(MailError):
    """The connection was lost or timed out after the message data went out: the server may
    have queued it. The journal keeps it as "sending", so a retry asks the user first."""

    spoken = (
        "I may have sent it: the mail server stopped answering. It's still in your drafts; check before sending again."
    )


class SendOutcome(enum.Enum):
    """How a send ended, in words the assistant can say."""

    SENT = "sent"
    PARTLY_SENT = "sent, but some recipients were refused"
    ALREADY_SENT = "already sent"
    RECOVERED = "sent earlier; filed in Sent now"
    UNCERTAIN = "may have been sent; not resent"


class Sender:
    """Sends drafts over SMTP, once: every step is journalled by Message-ID so a retry after a crash or a lost reply never sends twice, and a sent mail is filed in Sent unless the server does it."""

    def __init__(
        self,
        account: MailAccount,
        connection: ImapConnection,
        journal: SendJournal,
        checkpoint: Callable[[str], None] = lambda _: None,
        timeout_s: float = 60,
    ) -> None:
        self.account = account
        self.timeout_s = timeout_s
        # After a PARTLY_SENT send: each refused recipient and the server's reply.
        self.refused: dict[str, str] = {}
        self.imap = connection
        self.drafts = Drafts(connection)
        self.journal = journal
        # Called at "before_smtp", "after_smtp" and "after_sent_copy": a test hook that can
        # simulate a crash at each point.
        self.checkpoint = checkpoint

    async def _in_sent(self, message_id: str) -> bool:
        def run(client: imapclient.IMAPClient) -> bool:
            client.select_folder(self.imap.folder("sent"), readonly=True)
            return bool(client.search(["HEADER", "Message-ID", message_id]))

        return await self.imap.call(run)

    async def _file_in_sent(self, raw: bytes, message_id: str) -> None:
        await append_once(self.imap, "sent", raw, message_id, [b"\\Seen"])

    async def _smtp(self, raw: bytes) -> dict[str, str]:
        """Hand the message to the SMTP server; returns the refused recipients (with the
        server's reply) when others were accepted. Raises SendError when nothing went,
        SendUncertain when the connection failed once the message data was on its way."""
        smtp = self.account.smtp
        if smtp is None:
            raise MailConfigError(f"{self.account.identity}: no SMTP server configured")
        message = BytesParser(policy=policy.default).parsebytes(raw)
        to = [a.email for a in recipients(message)]
        del message["Bcc"]  # recipients see no Bcc; the copy in Sent keeps it
        client = _DataAwareSMTP(
            hostname=smtp.host,
            port=smtp.port,
            use_tls=smtp.security == "tls",
            start_tls=smtp.security == "starttls",
            tls_context=tls_context(smtp.ca_bundle) if smtp.security != "none" else None,
            timeout=self.timeout_s,
            **await self._smtp_credentials(),
        )
        try:
            async with client:
                refused, _ = await client.send_message(message, sender=self.account.address, recipients=to)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError) as exc:
            if client.data_started:
                raise SendUncertain(f"SMTP {smtp.host}:{smtp.port} lost after DATA: {exc}") from exc
            raise SendError(f"SMTP {smtp.host}:{smtp.port} unreachable: {exc}") from exc
        except aiosmtplib.SMTPException as exc:
            raise SendError(f"SMTP {smtp.host}:{smtp.port}: {exc}") from exc
        return {address: f"{reply.code} {reply.message}" for address, reply in refused.items()}

    async def _smtp_credentials(self) -> dict[str, Any]:
        if self.account.smtp is None or not self.account.smtp.login:
            return {}
        if self.account.auth == "xoauth2":
            return {"username": self.account.username, "oauth_token_generator": self._token}
        if self.account.password_env or self.account.password_file:
            return {"username": self.account.username, "password": await asyncio.to_thread(self.account.secret)}
        return {}  # a relay that accepts mail from this host without login

    async def _token(self) -> str:
        # the token command is a process that may take seconds: never on the event loop
        return await asyncio.to_thread(self.account.secret)

    async def send(self, message_id: str, resend_uncertain: bool = False) -> SendOutcome:
        """Send the draft with this Message-ID at most once, then file it in Sent (unless the
        account's server does that itself) and remove the draft. Never resends a message
        whose earlier send may have gone through unless `resend_uncertain`: returns UNCERTAIN.
        Raises SendError (not sent; the draft stays) or SendUncertain (may have been sent; the
        draft stays). IMAP steps are retried on a dropped connection; SMTP is never retried."""
        if not message_id:
            raise SendError("a draft without a Message-ID can't be sent exactly once")
        self.refused = {}
        if await self._in_sent(message_id):
            await self.drafts.delete(message_id)
            self.journal.set(message_id, None)
            return SendOutcome.ALREADY_SENT
        state = self.journal.state(message_id)
        raw = await self.drafts.load(message_id)
        if raw is None:
            raise SendError(f"draft {message_id} is not in Drafts")
        if state == "sending" and not resend_uncertain:
            return SendOutcome.UNCERTAIN
        outcome = SendOutcome.RECOVERED
        if state != "accepted":
            self.checkpoint("before_smtp")
            self.journal.set(message_id, "sending")
            try:
                self.refused = await self._smtp(raw)
            except SendError:
                self.journal.set(message_id, None)  # no 250: the server did not take it
                raise
            # SendUncertain: the journal stays at "sending", so no retry goes without the user
            self.journal.set(message_id, "accepted")
            outcome = SendOutcome.PARTLY_SENT if self.refused else SendOutcome.SENT
            logger.info("sent %s%s", message_id, f"; refused: {self.refused}" if self.refused else "")
        self.checkpoint("after_smtp")
        if not self.account.server_saves_sent:
            await self._file_in_sent(raw, message_id)
        self.checkpoint("after_sent_copy")
        await self.drafts.delete(message_id)
        self.journal.set(message_id, None)
        return outcome
