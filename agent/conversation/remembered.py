"""One email remembered by its Message-ID in the user's state directory, so that the next
agent (the user's next call, or one taking over a lost call) finds the same email."""

from __future__ import annotations

import json
from pathlib import Path


class RememberedMessage:
    def __init__(self, path: Path) -> None:
        self.path = path

    def remember(self, message_id: str | None) -> None:
        """Note the email; None forgets it."""
        if message_id is None:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"message_id": message_id}))

    def recall(self) -> str | None:
        """The remembered Message-ID; None if there is none or the file is damaged."""
        try:
            message_id = json.loads(self.path.read_text())["message_id"]
            return message_id if isinstance(message_id, str) else None
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return None
