"""Compose replies and new mail, and keep them in the Drafts folder from the first moment.

A dictated reply is APPENDed to Drafts as soon as it is composed, with its own Message-ID,
so nothing the user said is lost whatever happens next. Editing replaces the draft.
"""

from __future__ import annotations

import email.policy
import re
from collections.abc import Sequence
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, localtime, make_msgid

import imapclient

from .accounts import MailAccount
from .errors import MailError
from .imap import ImapConnection
from .invitations import ANSWERED_AS, Answer, Invitation, reply_calendar
from .parsing import header_text, message_ids
from .types import Address, MessageSummary

APPENDUID = re.compile(rb"APPENDUID \d+ (\d+)")


class DraftError(MailError):
    """A draft could not be saved or loaded; it is never half-stored."""

    spoken = "I couldn't save that draft."


def _one_line(value: str) -> str:
    # a header can never smuggle in another header
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def _reply_subject(subject: str) -> str:
    return subject if re.match(r"^\s*re:", subject, re.IGNORECASE) else f"Re: {subject}"


def compose(
    account: MailAccount,
    to: list[Address],
    subject: str,
    body: str,
    cc: Sequence[Address] = (),
    reply_to: MessageSummary | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """A new message from the account, with a fresh Message-ID and one-line headers (no header injection); threading headers when it answers `reply_to`. Nothing is sent or stored."""
    message = EmailMessage()
    message["From"] = formataddr((account.display_name, account.address))
    message["To"] = ", ".join(formataddr((a.name, a.email)) for a in to)
    if cc:
        message["Cc"] = ", ".join(formataddr((a.name, a.email)) for a in cc)
    message["Subject"] = _one_line(_reply_subject(subject) if reply_to else subject)
    message["Date"] = format_datetime(localtime())
    message["Message-ID"] = message_id or make_msgid(domain=account.address.rsplit("@", 1)[-1])
    if reply_to is not None and reply_to.message_id:
        message["In-Reply-To"] = reply_to.message_id
        message["References"] = " ".join([*reply_to.references, reply_to.message_id])
    message["X-Mailer"] = "MailVox"
    message.set_content(body)
    return message


def reply(account: MailAccount, original: MessageSummary, body: str, reply_all: bool = False) -> EmailMessage:
    """A reply to `original` (to its sender, or to everyone but the user with `reply_all`), threaded with In-Reply-To and References. Nothing is sent or stored."""
    to = [original.sender]
    cc: list[Address] = []
    if reply_all:
        me, my_name = account.address.lower(), account.display_name.strip().lower()
        sender = original.sender.email.lower()

        def others(addresses: list[Address]) -> list[Address]:
            # the user by address, or by name where the mail came to an alias of theirs
            return [
                a
                for a in addresses
                if a.email.lower() not in (me, sender) and not (my_name and a.name.strip().lower() == my_name)
            ]

        to += others(original.to)
        cc = others(original.cc)
    return compose(account, to, original.subject, body, cc=cc, reply_to=original)


def invitation_answer(
    account: MailAccount, original: MessageSummary, invitation: Invitation, partstat: Answer, said: str
) -> EmailMessage:
    """The answer to an invitation, to its organizer: `said` as its text and the iCalendar REPLY
    (iMIP, RFC 6047) as its alternative, threaded with the invitation. Nothing is sent or stored."""
    assert invitation.organizer is not None, "an invitation with nobody to answer is never answered"
    mine = account.address.lower()  # answered as the invitation lists the user, with their name
    me = next((a for a in invitation.attendees if a.email == mine), Address(account.display_name, mine))
    subject = f"{ANSWERED_AS[partstat]}: {invitation.summary or original.subject}"
    message = compose(account, [invitation.organizer], subject, said)
    if original.message_id:  # threaded with the invitation, under the answer's own subject
        message["In-Reply-To"] = original.message_id
        message["References"] = " ".join([*original.references, original.message_id])
    calendar = reply_calendar(invitation, me, partstat)
    message.add_alternative(calendar, maintype="text", subtype="calendar", params={"method": "REPLY"})
    return message


def answers_invitation(draft: EmailMessage) -> bool:
    """Whether a draft is an answer to an invitation (its text can't be changed on its own)."""
    return any(
        part.get_content_type() == "text/calendar" and str(part.get_param("method", "")).upper() == "REPLY"
        for part in draft.walk()
    )


def _forward_subject(subject: str) -> str:
    return subject if re.match(r"^\s*(?:fwd?|fw):", subject, re.IGNORECASE) else f"Fwd: {subject}"


def forward(account: MailAccount, subject: str, raw: bytes, to: list[Address], note: str) -> EmailMessage:
    """A forward of the message `raw` (whose subject is `subject`) to `to`: the user's note as
    its text, and the message whole (its attachments and HTML too) attached as message/rfc822,
    as mail clients forward. Nothing is sent or stored."""
    message = compose(account, to, _forward_subject(subject), note)
    message.add_attachment(message_from_bytes(raw, policy=email.policy.default))
    return message


def forwarded(draft: EmailMessage) -> tuple[str, bytes, str] | None:
    """The message a forward carries: its subject, its bytes and its Message-ID; None when the
    draft carries none."""
    for part in draft.iter_attachments():
        if part.get_content_type() == "message/rfc822":
            attached = part.get_content()
            ids = message_ids(attached, "Message-ID")  # "<>" or "<[>" would raise as a header object
            try:
                whole = attached.as_bytes()
            except Exception:  # a header the library can't write back: its own raw form
                whole = attached.as_bytes(policy=email.policy.compat32)
            return header_text(attached, "Subject"), whole, ids[0] if ids else ""
    return None


def is_forward(message: EmailMessage) -> bool:
    """Whether a draft forwards an email (it carries one attached whole)."""
    return any(part.get_content_type() == "message/rfc822" for part in message.iter_attachments())


def text_of(message: EmailMessage) -> str:
    """A draft's own text (a forward's note, not the email it carries)."""
    body = message.get_body(preferencelist=("plain",))
    return str(body.get_content()) if body is not None else ""


def recipients(message: EmailMessage, headers: Sequence[str] = ("To", "Cc", "Bcc")) -> list[Address]:
    """Everyone a message goes to (To, Cc and Bcc, or those `headers`), lower-cased."""
    found = []
    for name in headers:
        header = message.get(name)
        if header is not None:
            found += [Address(a.display_name, a.addr_spec.lower()) for a in header.addresses]
    return found


async def append_once(
    connection: ImapConnection, kind: str, raw: bytes, message_id: str, flags: list[bytes]
) -> int | None:
    """APPEND `raw` to a special folder (drafts, sent) exactly once. A dropped connection makes
    the APPEND retry; the retry first looks for `message_id` among the messages that came
    since the first try and appends only if it is not there, so no duplicate is left.
    Returns the new UID when known (UIDPLUS APPENDUID). Raises DraftError without a
    Message-ID, MailError when the server refuses or stays unreachable."""
    if not message_id:
        raise DraftError("a message without a Message-ID can't be appended exactly once")
    seen_before: set[int] | None = None

    def run(client: imapclient.IMAPClient) -> int | None:
        nonlocal seen_before
        folder = connection.folder(kind)
        client.select_folder(folder, readonly=True)
        present: set[int] = set(client.search(["HEADER", "Message-ID", message_id]))
        if seen_before is None:
            seen_before = present
        elif arrived := present - seen_before:
            return max(arrived)  # the earlier try went through; its answer was lost
        response = client.append(folder, raw, flags=flags)
        found = APPENDUID.search(response if isinstance(response, bytes) else b"")
        return int(found.group(1)) if found else None

    return await connection.call(run)


class Drafts:
    """The Drafts folder of one account: save, load and delete drafts by Message-ID, over the account's one IMAP connection."""

    def __init__(self, connection: ImapConnection) -> None:
        self.imap = connection

    async def save(self, message: EmailMessage, replaces: str | None = None) -> int | None:
        """APPEND to Drafts (\\Draft); with `replaces`, the earlier version is removed after the
        new one is safely stored. Returns the new UID when the server reports it (UIDPLUS)."""
        uid = await append_once(self.imap, "drafts", message.as_bytes(), message["Message-ID"], [b"\\Draft", b"\\Seen"])
        if replaces and replaces != message["Message-ID"]:
            await self.delete(replaces)
        return uid

    @staticmethod
    def _delete(client: imapclient.IMAPClient, folder: str, message_id: str) -> None:
        if not message_id:  # an empty SEARCH value would match every draft
            raise DraftError("no Message-ID to find the draft by")
        client.select_folder(folder)
        uids = client.search(["HEADER", "Message-ID", message_id])
        if uids:
            client.delete_messages(uids)
            # only these: a plain EXPUNGE would also remove what other clients marked deleted
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)

    async def load(self, message_id: str) -> bytes | None:
        """The draft's raw bytes (the newest copy), or None when it is not in Drafts."""
        if not message_id:
            return None

        def run(client: imapclient.IMAPClient) -> bytes | None:
            folder = self.imap.folder("drafts")
            client.select_folder(folder, readonly=True)
            uids = client.search(["HEADER", "Message-ID", message_id])
            if not uids:
                return None
            raw: bytes = client.fetch(uids[-1:], ["BODY.PEEK[]"])[uids[-1]][b"BODY[]"]
            return raw

        return await self.imap.call(run)

    async def delete(self, message_id: str) -> None:
        """Remove the draft(s) with this Message-ID (flagged \\Deleted, expunged by UID where
        the server has UIDPLUS). Safe to retry; raises DraftError for an empty Message-ID."""
        await self.imap.call(lambda client: self._delete(client, self.imap.folder("drafts"), message_id))
