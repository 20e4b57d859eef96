"""A small durable record of sends in progress, so a crash can never cause a second send.

States per Message-ID: "sending" (handed to SMTP, no answer yet) and "accepted" (the SMTP
server said 250: the mail is gone). Written atomically and fsynced before moving on.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path


class SendJournal:
    """Where each send stands, by Message-ID, kept on disk (written atomically and fsynced)
    so that a retry after a crash never sends twice. Safe to share between threads.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, str]:
        try:
            entries: dict[str, str] = json.loads(self.path.read_text())
            return entries
        except FileNotFoundError:
            return {}

    def _write(self, entries: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        with partial.open("w") as f:
            json.dump(entries, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, self.path)

    def state(self, message_id: str) -> str | None:
        """The recorded state of the send of `message_id`, or None when none is recorded."""
        with self._lock:
            return self._read().get(message_id)

    def set(self, message_id: str, state: str | None) -> None:
        """Record `state` for `message_id` (None forgets it) before returning."""
        with self._lock:
            entries = self._read()
            if state is None:
                entries.pop(message_id, None)
            else:
                entries[message_id] = state
            self._write(entries)
