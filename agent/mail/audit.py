"""The audit trail: every action taken on a user's mail by voice, kept on the server.

One JSON object a line in the user's state directory (`audit.jsonl`), appended and fsynced
before the caller hears that it was done, never written to the logs (it names subjects and
addresses). The user hears it back ("what did I do today?") and the admin reads it with
`mailvox audit USER`.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from .types import MessageSummary

AUDIT_FILE = "audit.jsonl"


@dataclass(frozen=True)
class AuditedMessage:
    """Which message an action touched, as it was named when the action was taken."""

    folder: str
    uid: int
    message_id: str
    subject: str
    sender: str = ""
    mailbox: str = ""  # "" the person's own; else the shared mailbox's name

    @classmethod
    def of(cls, message: MessageSummary) -> AuditedMessage:
        """The facts of `message` an audit record keeps, taken where it is now."""
        return cls(
            message.folder, message.uid, message.message_id, message.subject, message.sender.email, message.mailbox
        )


@dataclass(frozen=True)
class AuditRecord:
    """One action: what, when, the words that asked for it, on what, and how it ended."""

    at: str  # ISO 8601 with the UTC offset
    action: str  # send, delete, archive, flag, read, unread, mute, unmute, undo, ...
    said: str  # the caller's words (and their "yes" where they were asked)
    result: str  # "done", "refused: ...", "failed: ...", "may have been sent", ...
    messages: list[AuditedMessage] = field(default_factory=list)
    target: str = ""  # a rule's sender address, a sent reply's recipients
    undoable: bool = False  # the mail allows undoing it (a move, a flag, a rule)

    @property
    def when(self) -> datetime:
        """The time of the action, as a datetime."""
        return datetime.fromisoformat(self.at)

    @classmethod
    def from_json(cls, line: str) -> AuditRecord:
        """A record read back from one line of the trail; raises ValueError (or KeyError) for a damaged line."""
        row = json.loads(line)
        messages = [AuditedMessage(**m) for m in row.pop("messages", [])]
        return cls(messages=messages, **row)


class AuditTrail:
    """The audit file of one user. Appends are atomic per line and fsynced; safe to share
    between threads. Reading skips a last line cut short by a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def in_state_dir(cls, state_dir: Path) -> AuditTrail:
        """The trail kept in a user's state directory."""
        return cls(state_dir / AUDIT_FILE)

    def append(self, record: AuditRecord) -> None:
        """Write the record and fsync it before returning; raises OSError when it can't."""
        line = json.dumps(asdict(record), ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())

    def records(self, since: datetime | None = None) -> list[AuditRecord]:
        """The records, oldest first, at or after `since` (aware) when given."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        found = []
        for line in lines:
            try:
                record = AuditRecord.from_json(line)
            except (ValueError, TypeError):
                continue  # a line cut short by a crash
            if since is None or record.when >= since:
                found.append(record)
        return found
