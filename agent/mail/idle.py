"""New mail as it arrives, with IMAP IDLE: "you just got a message from Sarah".

A watcher holds its own connection in a thread, re-issues IDLE well inside the 29 minutes
servers allow, and reconnects with backoff when the connection drops. New messages reach
the event loop through an asyncio queue.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from .accounts import MailAccount
from .errors import MailError
from .imap import DROPPED, open_connection
from .mailbox import fetch_summaries
from .types import MessageSummary

logger = logging.getLogger("mailvox.mail")


class NewMailWatcher:
    """Reports new mail in a folder as it arrives, on its own IMAP connection with IDLE, in a
    thread. A dropped connection is retried with backoff (0.5 s doubling to `max_backoff_s`);
    mail that came meanwhile is caught up by UID, so nothing is missed or reported twice.
    """

    def __init__(
        self,
        account: MailAccount,
        folder: str = "INBOX",
        reidle_s: float = 25 * 60,
        check_s: float = 5.0,
        max_backoff_s: float = 30.0,
        queue: asyncio.Queue[MessageSummary] | None = None,
    ) -> None:
        self.account = account
        self.folder = folder
        self.reidle_s = reidle_s
        self.check_s = check_s
        self.max_backoff_s = max_backoff_s
        # shared by the watchers of one person's mailboxes; each summary names its mailbox
        self.queue: asyncio.Queue[MessageSummary] = queue if queue is not None else asyncio.Queue()
        self.connections = 0  # how many times it (re)connected, for logs and tests
        self._last_uid: int | None = None  # the newest UID announced; kept across reconnects
        self._stop = threading.Event()
        self._baseline = threading.Event()  # set once "new" has a meaning: mail after UIDNEXT
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self, timeout: float = 10.0) -> None:
        """Start watching; mail that arrives after this returns is reported. (If the server
        can't be reached in `timeout`, it returns anyway and keeps trying in the background.)"""
        self._loop = asyncio.get_running_loop()
        self._thread = threading.Thread(target=self._run, name=f"idle-{self.account.identity}", daemon=True)
        self._thread.start()
        if not await asyncio.to_thread(self._baseline.wait, timeout):
            logger.warning("new-mail watch for %s has no connection yet; still trying", self.account.identity)

    async def stop(self) -> None:
        """Stop watching and wait (up to 30 s) for the thread to log out."""
        self._stop.set()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 30)

    def _publish(self, summaries: list[MessageSummary]) -> None:
        assert self._loop is not None
        for summary in summaries:
            self._loop.call_soon_threadsafe(self.queue.put_nowait, summary)

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                client = open_connection(self.account)
                self.connections += 1
                try:
                    status = client.select_folder(self.folder, readonly=True)
                    if self._last_uid is None:
                        self._last_uid = int(status[b"UIDNEXT"]) - 1
                        self._baseline.set()
                    backoff = 0.5
                    self._watch(client)
                finally:
                    try:
                        client.logout()
                    except (*DROPPED, IMAPClientError):
                        pass
            except (*DROPPED, IMAPClientError, MailError) as exc:
                logger.warning("new-mail watch for %s lost its connection: %s", self.account.identity, exc)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)

    def _catch_up(self, client: IMAPClient) -> None:
        assert self._last_uid is not None
        new = sorted(uid for uid in client.search(["UID", f"{self._last_uid + 1}:*"]) if uid > self._last_uid)
        if new:
            self._publish(fetch_summaries(client, self.folder, new, self.account.name))
            self._last_uid = new[-1]

    def _watch(self, client: IMAPClient) -> None:
        """IDLE until stopped (raises when the connection drops)."""
        # Mail that came while we were (re)connecting raised no IDLE notice: look first.
        self._catch_up(client)
        while not self._stop.is_set():
            client.idle()
            started = time.monotonic()
            changed = False
            while not self._stop.is_set() and time.monotonic() - started < self.reidle_s:
                responses = client.idle_check(timeout=self.check_s)
                if any(r[1] in (b"EXISTS", b"RECENT") for r in responses if len(r) > 1):
                    changed = True
                    break
            client.idle_done()
            if changed:
                self._catch_up(client)
