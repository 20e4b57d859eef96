"""Send a draft exactly once: SMTP, then a copy in Sent, then the draft removed.

After a crash or an SMTP error at any point the mail is in Drafts or in Sent, and a retry
never sends it twice:
- already in Sent (by Message-ID)        -> nothing to send; the draft is tidied away;
- journal says the SMTP server accepted  -> no SMTP; the copy goes to Sent;
- journal says a send was cut off        -> UNCERTAIN: not resent without the user's word;
- SMTP refused or dropped before its 250 -> not sent (RFC 5321); the draft stays.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from email import policy
from email.parser import BytesParser

import aiosmtplib

from .accounts import MailAccount
from .drafts import Drafts, recipients
from .errors import MailConfigError, MailError
from .imap import ImapConnection, tls_context
from .journal import SendJournal

logger = logging.getLogger("mailvox.mail")


class SendError(MailError):
    spoken = "The mail server didn't take that message. It's still in your drafts."


class SendOutcome(enum.Enum):
    SENT = "sent"
    ALREADY_SENT = "already sent"
    RECOVERED = "sent earlier; filed in Sent now"
    UNCERTAIN = "may have been sent; not resent"


class Sender:
    def __init__(
        self,
        account: MailAccount,
        connection: ImapConnection,
        journal: SendJournal,
        checkpoint: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.account = account
        self.imap = connection
        self.drafts = Drafts(connection)
        self.journal = journal
        # Called at "before_smtp", "after_smtp" and "after_sent_copy": a test hook that can
        # simulate a crash at each point.
        self.checkpoint = checkpoint

    async def _in_sent(self, message_id: str) -> bool:
        def run(client):
            client.select_folder(self.imap.folder("sent"), readonly=True)
            return bool(client.search(["HEADER", "Message-ID", message_id]))

        return await self.imap.call(run)

    async def _file_in_sent(self, raw: bytes) -> None:
        await self.imap.call(lambda c: c.append(self.imap.folder("sent"), raw, flags=[b"\\Seen"]))

    async def _smtp(self, raw: bytes) -> None:
        smtp = self.account.smtp
        if smtp is None:
            raise MailConfigError(f"{self.account.identity}: no SMTP server configured")
        message = BytesParser(policy=policy.default).parsebytes(raw)
        to = [a.email for a in recipients(message)]
        del message["Bcc"]  # recipients see no Bcc; the copy in Sent keeps it
        credentials = self._smtp_credentials()
        try:
            await aiosmtplib.send(
                message,
                sender=self.account.address,
                recipients=to,
                hostname=smtp.host,
                port=smtp.port,
                use_tls=smtp.security == "tls",
                start_tls=smtp.security == "starttls",
                tls_context=tls_context(smtp.ca_bundle) if smtp.security != "none" else None,
                timeout=60,
                **credentials,
            )
        except aiosmtplib.SMTPException as exc:
            raise SendError(f"SMTP {smtp.host}:{smtp.port}: {exc}") from exc
        except OSError as exc:
            raise SendError(f"SMTP {smtp.host}:{smtp.port} unreachable: {exc}") from exc

    def _smtp_credentials(self) -> dict:
        if self.account.smtp is None or not self.account.smtp.login:
            return {}
        if self.account.auth == "xoauth2":
            return {"username": self.account.username, "oauth_token_generator": self._token}
        if self.account.password_env or self.account.password_file:
            return {"username": self.account.username, "password": self.account.secret()}
        return {}  # a relay that accepts mail from this host without login

    async def _token(self) -> str:
        return self.account.secret()

    async def send(self, message_id: str, resend_uncertain: bool = False) -> SendOutcome:
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
                await self._smtp(raw)
            except SendError:
                self.journal.set(message_id, None)  # no 250: the server did not take it
                raise
            self.journal.set(message_id, "accepted")
            outcome = SendOutcome.SENT
            logger.info("sent %s", message_id)
        self.checkpoint("after_smtp")
        await self._file_in_sent(raw)
        self.checkpoint("after_sent_copy")
        await self.drafts.delete(message_id)
        self.journal.set(message_id, None)
        return outcome
