"""Transcripts are kept only when the admin sets a retention (days), and only that long."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from pathlib import Path

from livekit.agents import AgentSession, CloseEvent

logger = logging.getLogger("mailvox.agent")


def purge(directory: Path, retention_days: int) -> int:
    """Remove transcripts older than the retention; how many went."""
    cutoff = time.time() - retention_days * 86400
    old = [p for p in directory.glob("*.json") if p.stat().st_mtime < cutoff]
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


def keep_transcript(session: AgentSession, directory: Path, retention_days: int) -> None:
    if retention_days <= 0:
        return  # the default: nothing of the conversation is written anywhere
    directory.mkdir(parents=True, exist_ok=True)
    purge(directory, retention_days)
    started = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")

    def closed(_: CloseEvent) -> None:
        turns = [
            {"role": item.role, "text": item.text_content}
            for item in session.history.items
            if item.type == "message" and item.text_content
        ]
        path = directory / f"{started}.json"
        path.write_text(json.dumps(turns, indent=1))
        path.chmod(0o600)
        logger.info("transcript kept for %d days: %s", retention_days, path.name)

    session.on("close", closed)
