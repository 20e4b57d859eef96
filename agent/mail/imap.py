"""IMAP connections with imapclient: TLS or STARTTLS with certificate checks, password or
XOAUTH2 login, SPECIAL-USE folders, and reconnect with backoff when a connection drops.

imapclient blocks, so every operation runs in a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import imapclient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError
from imapclient.imapclient import ARCHIVE, DRAFTS, JUNK, SENT, TRASH

from .accounts import MailAccount
from .errors import MailAuthError, MailConnectionError, MailError

logger = logging.getLogger("mailvox.mail")
T = TypeVar("T")

TIMEOUT_S = 30
# Errors after which the connection is unusable and a fresh one may succeed.
DROPPED = (OSError, socket.timeout, IMAPClientAbortError, ssl.SSLError)

# SPECIAL-USE flag, and the folder to create when the server has none by flag or common name.
SPECIAL_FOLDERS = {
    "drafts": (DRAFTS, "Drafts"),
    "sent": (SENT, "Sent"),
    "trash": (TRASH, "Trash"),
    "archive": (ARCHIVE, "Archive"),
    "junk": (JUNK, "Junk"),
}


def tls_context(ca_bundle: Path | str | None = None) -> ssl.SSLContext:
    """Certificate and host name checks stay on; a corporate CA is added, never a bypass."""
    context = ssl.create_default_context()
    if ca_bundle:
        context.load_verify_locations(cafile=str(ca_bundle))
    return context


class Client(imapclient.IMAPClient):  # type: ignore[misc]  # imapclient has no annotations
    """An IMAPClient that does not SELECT the folder it already has selected: on Maildir
    storage every SELECT rescans the folder, which would make work grow with the mailbox.
    A NOOP instead lets the server report mail that arrived meanwhile (RFC 3501, 6.1.2)."""

    _selected: tuple[str, bool] | None = None
    _select_response: dict[bytes, Any] | None = None

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        """SELECT `folder`, or only NOOP when it is already selected in a mode that serves; returns the SELECT response."""
        if (
            self._selected
            and self._select_response is not None
            and self._selected[0] == folder
            and (readonly or not self._selected[1])
        ):
            self.noop()
            return self._select_response
        response: dict[bytes, Any] = super().select_folder(folder, readonly)
        self._selected, self._select_response = (folder, readonly), response
        return response

    def unselect_folder(self) -> Any:
        """UNSELECT, forgetting the selection."""
        self._selected = None
        return super().unselect_folder()

    def close_folder(self) -> Any:
        """CLOSE, forgetting the selection."""
        self._selected = None
        return super().close_folder()


def open_connection(account: MailAccount) -> Client:
    """A logged-in connection to the account's IMAP server, with TLS or STARTTLS and certificate checks. Raises MailAuthError when the login is refused, MailConnectionError when the server cannot be reached; nothing is retried here."""
    endpoint = account.imap
    try:
        client = Client(
            endpoint.host,
            port=endpoint.port,
            ssl=endpoint.security == "tls",
            ssl_context=tls_context(endpoint.ca_bundle) if endpoint.security == "tls" else None,
            timeout=TIMEOUT_S,
        )
        if endpoint.security == "starttls":
            client.starttls(tls_context(endpoint.ca_bundle))
    except (*DROPPED, IMAPClientError) as exc:
        raise MailConnectionError(f"IMAP {endpoint.host}:{endpoint.port}: {exc}") from exc
    try:
        if account.auth == "xoauth2":
            client.oauth2_login(account.username, account.secret())
        else:
            client.login(account.username, account.secret())
    except LoginError as exc:
        client.shutdown()
        raise MailAuthError(f"IMAP login for {account.username} refused: {exc}") from exc
    except MailError:
        client.shutdown()
        raise
    return client


class ImapConnection:
    """One account's IMAP connection, reopened with backoff when it drops.

    ``call(fn)`` runs ``fn(client)`` in a thread; if the connection dropped, it reconnects and
    runs ``fn`` again, so operations given to it must be safe to repeat (reads, flag changes,
    moves by UID, APPENDs through drafts.append_once). A server that refuses a command raises at once, without retry.
    """

    def __init__(self, account: MailAccount, attempts: int = 4, backoff_s: float = 0.5) -> None:
        self.account = account
        self.attempts = attempts
        self.backoff_s = backoff_s
        self._client: imapclient.IMAPClient | None = None
        self._lock = threading.Lock()
        self._folders: dict[str, str] = {}

    def _connected(self) -> imapclient.IMAPClient:
        if self._client is None:
            self._client = open_connection(self.account)
        return self._client

    def _drop(self, logout: bool = False) -> None:
        """Forget the connection: LOGOUT politely when closing, just shut it when it broke."""
        if self._client is not None:
            try:
                if logout:
                    self._client.logout()
                else:
                    self._client.shutdown()
            except (*DROPPED, IMAPClientError):
                pass
            self._client = None

    def call_blocking(self, fn: Callable[[imapclient.IMAPClient], T]) -> T:
        """Run `fn(client)` on the connection. A dropped connection is reopened with backoff
        (0.5 s doubling to 8 s) and `fn` run again, up to `attempts` times, then
        MailConnectionError; an IMAP error that is not a drop becomes MailError at once."""
        with self._lock:
            delay = self.backoff_s
            for attempt in range(1, self.attempts + 1):
                try:
                    return fn(self._connected())
                except MailConnectionError:
                    if attempt == self.attempts:
                        raise
                except DROPPED as exc:
                    self._drop()
                    if attempt == self.attempts:
                        raise MailConnectionError(f"IMAP connection lost: {exc}") from exc
                    logger.warning("IMAP connection lost (%s); reconnecting, attempt %d", exc, attempt + 1)
                except IMAPClientError as exc:
                    raise MailError(f"the mail server refused: {exc}") from exc
                time.sleep(delay)
                delay = min(delay * 2, 8.0)
            raise AssertionError("unreachable")

    async def call(self, fn: Callable[[imapclient.IMAPClient], T]) -> T:
        """`call_blocking` in a worker thread, never on the event loop."""
        return await asyncio.to_thread(self.call_blocking, fn)

    def folder(self, kind: str) -> str:
        """The SPECIAL-USE folder of a kind (drafts, sent, trash, archive, junk), else the one
        with a common name, else a new one (blocking: use inside ``call``)."""
        if kind not in self._folders:
            client = self._connected()
            flag, default = SPECIAL_FOLDERS[kind]
            found = client.find_special_folder(flag)  # imapclient falls back to common names
            if found is None:
                client.create_folder(default)
                found = default
            self._folders[kind] = found
        return self._folders[kind]

    async def close(self) -> None:
        """Log out and drop the connection (in a thread); never raises."""

        def _logout() -> None:
            with self._lock:
                self._drop(logout=True)

        await asyncio.to_thread(_logout)

    async def unread_count(self, folder: str = "INBOX") -> int:
        """How many messages in the folder are unread (IMAP STATUS, nothing downloaded)."""
        status = await self.call(lambda c: c.folder_status(folder, [b"UNSEEN"]))
        return int(status[b"UNSEEN"])


async def unread_count(account: MailAccount, folder: str = "INBOX") -> int:
    """The unread count over a connection of its own, for callers that hold none."""
    connection = ImapConnection(account, attempts=2)
    try:
        return await connection.unread_count(folder)
    finally:
        await connection.close()
