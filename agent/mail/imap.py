"""IMAP access with imapclient, run in a worker thread so the event loop never blocks."""

from __future__ import annotations

import asyncio
import socket
import ssl

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError

from .accounts import MailAccount
from .errors import MailAuthError, MailConnectionError

TIMEOUT_S = 15


def _tls_context(account: MailAccount) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if account.imap.ca_bundle:
        context.load_verify_locations(cafile=str(account.imap.ca_bundle))
    return context


def _connect(account: MailAccount) -> imapclient.IMAPClient:
    endpoint = account.imap
    try:
        client = imapclient.IMAPClient(
            endpoint.host,
            port=endpoint.port,
            ssl=endpoint.security == "tls",
            ssl_context=_tls_context(account) if endpoint.security == "tls" else None,
            timeout=TIMEOUT_S,
        )
        if endpoint.security == "starttls":
            client.starttls(_tls_context(account))
    except (OSError, socket.timeout, IMAPClientError) as exc:
        raise MailConnectionError(f"IMAP {endpoint.host}:{endpoint.port}: {exc}") from exc
    try:
        client.login(account.username, account.password())
    except LoginError as exc:
        client.shutdown()
        raise MailAuthError(f"IMAP login for {account.username} refused: {exc}") from exc
    return client


def _unread_count(account: MailAccount, folder: str) -> int:
    client = _connect(account)
    try:
        status = client.folder_status(folder, [b"UNSEEN"])
        return int(status[b"UNSEEN"])
    except (OSError, IMAPClientError) as exc:
        raise MailConnectionError(f"IMAP STATUS {folder}: {exc}") from exc
    finally:
        try:
            client.logout()
        except (OSError, IMAPClientError):
            pass


async def unread_count(account: MailAccount, folder: str = "INBOX") -> int:
    """How many messages in the folder are unread (IMAP STATUS, nothing downloaded)."""
    return await asyncio.to_thread(_unread_count, account, folder)
