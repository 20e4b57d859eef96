"""`mailvox check-mail USER`: try one user's mail configuration step by step, the way the
agent will use it, and say exactly which step fails and what to change. Nothing is sent; the
only change it can make is the agent's own: creating a missing Drafts, Sent, Trash or Archive."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiosmtplib
from imapclient.exceptions import LoginError

from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint, account_for
from mailvox.agent.mail.errors import MailError
from mailvox.agent.mail.imap import ImapConnection, tls_context
from mailvox.agent.mail.rules import SieveRules


@dataclass
class Step:
    name: str
    ok: bool
    detail: str


def _hint(exc: BaseException, endpoint: ServerEndpoint, what: str) -> str:
    """What to change, from the underlying cause of a failure."""
    cause = exc
    while cause.__cause__ is not None:
        cause = cause.__cause__
    where = f"{endpoint.host}:{endpoint.port}"
    if isinstance(cause, socket.gaierror):
        return f"the name {endpoint.host} does not resolve from this box: check the host name or DNS."
    if isinstance(cause, ConnectionRefusedError):
        return f"nothing answers on {where}: check the port (IMAP 993 tls / 143 starttls, SMTP 465 tls / 587 starttls)."
    if isinstance(cause, (socket.timeout, TimeoutError)):
        return f"{where} does not answer in time: a firewall between this box and the server?"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return (
            f"the server's certificate is not trusted ({cause.verify_message}): set {what}.ca_bundle to "
            "your company's CA file (PEM), or fix the certificate's name."
        )
    if isinstance(cause, ssl.SSLError):
        return f"TLS failed ({cause.reason}): is `security` right for this port ({endpoint.security})?"
    if isinstance(cause, LoginError):
        return "the server refused the login: check username and password (or the XOAUTH2 token command)."
    return str(exc)


async def check_imap(account: MailAccount) -> list[Step]:
    endpoint = account.imap
    name = f"IMAP {endpoint.host}:{endpoint.port} ({endpoint.security}, {account.auth})"
    connection = ImapConnection(account, attempts=1)  # one login, as the agent's session has
    try:
        try:
            unread = await connection.unread_count()
        except MailError as exc:
            return [Step(name, False, _hint(exc, endpoint, "imap"))]
        steps = [Step(name, True, f"logged in as {account.username}")]
        try:
            kinds = ("drafts", "sent", "trash", "archive")
            folders = await connection.call(lambda _client: {kind: connection.folder(kind) for kind in kinds})
            steps.append(Step("folders", True, ", ".join(f"{k}: {v}" for k, v in folders.items())))
        except MailError as exc:
            steps.append(Step("folders", False, str(exc)))
        steps.append(Step("INBOX", True, f"{unread} unread"))
        return steps
    finally:
        await connection.close()


async def check_smtp(account: MailAccount) -> Step:
    endpoint = account.smtp
    if endpoint is None:
        return Step("SMTP", False, "no smtp server configured: MailVox could draft replies but not send them.")
    name = f"SMTP {endpoint.host}:{endpoint.port} ({endpoint.security})"
    smtp = aiosmtplib.SMTP(
        hostname=endpoint.host,
        port=endpoint.port,
        use_tls=endpoint.security == "tls",
        start_tls=endpoint.security == "starttls",
        tls_context=tls_context(endpoint.ca_bundle) if endpoint.security != "none" else None,
        timeout=15,
    )
    try:
        await smtp.connect()
        if endpoint.login:
            if account.auth == "xoauth2":
                await smtp.auth_xoauth2(account.username, account.secret())
            else:
                await smtp.login(account.username, account.secret())
        await smtp.quit()
    except (aiosmtplib.SMTPException, OSError, MailError) as exc:
        if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
            return Step(name, False, "the server refused the login: check username and password (or the token).")
        return Step(name, False, _hint(exc, endpoint, "smtp"))
    return Step(name, True, "logged in; nothing sent" if endpoint.login else "connected; nothing sent")


def check_sieve(account: MailAccount) -> Step:
    if account.sieve is None:
        return Step("ManageSieve", True, "not configured: rules like 'mute VendorX' are kept by MailVox itself")
    endpoint = account.sieve
    name = f"ManageSieve {endpoint.host}:{endpoint.port}"
    try:
        usable = SieveRules(account).usable()
    except (MailError, OSError) as exc:
        return Step(name, False, _hint(exc, endpoint, "sieve"))
    if not usable:
        return Step(name, True, "another Sieve script is active: MailVox keeps rules itself rather than replace it")
    return Step(name, True, "rules will live on the mail server")


async def check_mail(identity: str, accounts_file: Path, say: Callable[[str], None] = print) -> bool:
    try:
        account = account_for(identity, accounts_file)
    except MailError as exc:
        say(f"FAILED  accounts file: {exc}")
        return False
    say(f"ok      accounts file: {identity} is {account.address} ({accounts_file})")
    ok = await _check_one(account, "", say)
    for other in account.mailboxes:  # a shared mailbox the user also reads has a login of its own
        say(f"        the {other.name} mailbox: {other.address}")
        ok = await _check_one(other, f"{other.name}: ", say) and ok
    return ok


async def _check_one(account: MailAccount, label: str, say: Callable[[str], None]) -> bool:
    steps = await check_imap(account)
    if all(step.ok for step in steps):
        steps += [await check_smtp(account)]
        if not account.name:  # rules belong to the person, kept with their own mailbox
            steps += [await asyncio.to_thread(check_sieve, account)]
    for step in steps:
        say(f"{'ok    ' if step.ok else 'FAILED'}  {label}{step.name}: {step.detail}")
    return all(step.ok for step in steps)
