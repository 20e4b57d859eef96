"""What the mail core hands to its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .invitations import Invitation


@dataclass(frozen=True)
class Address:
    """A display name and a lower-cased address."""

    name: str
    email: str

    def spoken(self) -> str:
        """How the sender is said: the name, or the address's local part."""
        return self.name or self.email.split("@")[0]


@dataclass
class MessageSummary:
    """Envelope-level facts about one message, fetched without its body."""

    uid: int
    folder: str
    message_id: str
    sender: Address
    to: list[Address]
    cc: list[Address]
    subject: str
    date: datetime | None
    flags: set[str]
    size: int
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    list_unsubscribe: bool = False
    precedence: str = ""
    auto_submitted: str = ""
    sensitivity: str = ""  # the Sensitivity header, lower-cased ("company-confidential", "private")
    # The folder's UIDVALIDITY when `uid` was read: the UID names this message only while the
    # folder keeps that UIDVALIDITY (0: unknown).
    uidvalidity: int = 0
    # which of the person's mailboxes holds it: "" their own, else the name of another one
    # they read (a shared team mailbox; MailAccount.mailboxes)
    mailbox: str = ""

    @property
    def unread(self) -> bool:
        """Whether the message lacks \\Seen."""
        return "\\Seen" not in self.flags

    @property
    def flagged(self) -> bool:
        """Whether the message has \\Flagged."""
        return "\\Flagged" in self.flags

    @property
    def thread_root(self) -> str:
        """The first Message-ID of the thread, for grouping by References/In-Reply-To."""
        return (self.references or [self.in_reply_to or self.message_id])[0]


@dataclass(frozen=True)
class Attachment:
    """An attachment's name, type and size; its content is never read aloud."""

    name: str
    content_type: str
    size: int


@dataclass
class MessageBody:
    """What can be read aloud of a message, and why not when nothing can."""

    text: str  # ready to read aloud: quotes and signature trimmed, HTML flattened
    attachments: list[Attachment]
    truncated: bool = False  # the message was larger than what was read
    problem: str = ""  # a short note when part of the message could not be decoded
    invitation: Invitation | None = None  # the meeting it invites to, for an invitation
