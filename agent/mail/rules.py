"""Mail rules a user can say: "mute VendorX", "file newsletters from X", "flag mail from Sarah".

Where the server offers ManageSieve (Dovecot Pigeonhole), rules become a Sieve script named
`mailvox` that the server runs on every delivery. Otherwise they are kept per user by MailVox
and applied when it briefs. Either way the briefing honours them for mail already there, and
the caller learns which kind the user got.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import imapclient
from sievelib.factory import FiltersSet
from sievelib.managesieve import Client as ManageSieveClient
from sievelib.managesieve import Error as SieveError
from sievelib.managesieve import Literal as SieveLiteral
from sievelib.managesieve import Response as SieveResponse
from sievelib.parser import Parser

from .accounts import MailAccount
from .errors import MailError
from .imap import ImapConnection, tls_context
from .types import MessageSummary

logger = logging.getLogger(__name__)
SCRIPT = "mailvox"
RuleKind = Literal["mute", "file", "flag"]
NAME = re.compile(r"^(mute|flag) (.+)$|^(file) (.+) into (.+)$")


class RuleError(MailError):
    """A rule could not be read or written (Sieve refused it, or its file is unreadable)."""

    spoken = "I couldn't change your mail rules."


@dataclass(frozen=True)
class Rule:
    """One mail rule: mute, flag or file mail from a sender."""

    kind: RuleKind
    sender: str  # matched against the From header, case-insensitively, as a substring
    folder: str = ""  # for "file"

    @property
    def name(self) -> str:
        """The rule as words, which also names it in the Sieve script ("mute news@vendorx.example")."""
        return f"file {self.sender} into {self.folder}" if self.kind == "file" else f"{self.kind} {self.sender}"

    @classmethod
    def from_name(cls, name: str) -> Rule | None:
        """The rule a name written by `name` stands for; None for any other text."""
        m = NAME.match(name)
        if m is None:
            return None
        kind: RuleKind = "mute" if m.group(1) == "mute" else "flag"
        return cls(kind, m.group(2)) if m.group(1) else cls("file", m.group(4), m.group(5))

    def matches(self, message: MessageSummary) -> bool:
        """Whether the rule applies to `message` (its sender, case-insensitively)."""
        needle = self.sender.lower()
        return needle in message.sender.email or needle in message.sender.name.lower()

    def sieve_actions(self) -> list[tuple[str, str]]:
        """The Sieve actions that carry the rule out on the server."""
        if self.kind == "mute":
            return [("addflag", "\\Seen")]  # stays in the inbox, never briefed
        if self.kind == "flag":
            return [("addflag", "\\Flagged")]
        return [("fileinto", self.folder)]


Rules = list[Rule]  # (the classes below have a `list` method)


class LocalRules:
    """Rules MailVox keeps and applies itself, for servers without ManageSieve."""

    kind = "local"

    def __init__(self, path: Path) -> None:
        self.path = path

    async def list(self) -> list[Rule]:
        """The rules kept in the local file; [] when there is none. A damaged file raises ValueError."""
        try:
            return [Rule(**r) for r in json.loads(self.path.read_text())]
        except FileNotFoundError:
            return []

    async def _save(self, rules: Rules) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps([asdict(r) for r in rules]))
        partial.replace(self.path)

    async def add(self, rule: Rule) -> None:
        """Add (or replace) a rule in the local file, written atomically."""
        rules = [r for r in await self.list() if r.name != rule.name]
        await self._save([*rules, rule])

    async def delete(self, rule: Rule) -> bool:
        """Remove a rule from the local file; True when it was there."""
        rules = await self.list()
        await self._save([r for r in rules if r.name != rule.name])
        return any(r.name == rule.name for r in rules)

    async def clear(self) -> None:
        """Forget every local rule (they now live on the server)."""
        self.path.unlink(missing_ok=True)


# What sievelib raises besides its boolean answers: its own errors and the socket's.
SIEVELIB_ERRORS = (SieveError, SieveResponse, SieveLiteral, OSError)


class _ManageSieve(ManageSieveClient):  # type: ignore[misc]  # sievelib is untyped
    """sievelib's client, but TLS trusts the account's CA bundle (a corporate CA) as IMAP and
    SMTP do; sievelib itself only knows the system's CAs. Host name checks stay on."""

    sock: socket.socket

    def __init__(self, host: str, port: int, ca_bundle: Path | None) -> None:
        super().__init__(host, port)
        self._ca_bundle = ca_bundle

    # sievelib calls its private __enable_ssl for both implicit TLS and STARTTLS
    def _Client__enable_ssl(self, keyfile: str | None = None, certfile: str | None = None) -> None:  # noqa: N802
        context = tls_context(self._ca_bundle)
        try:
            self.sock = context.wrap_socket(self.sock, server_hostname=self.srvaddr)
        except ssl.SSLError as exc:
            raise SieveError(f"TLS to ManageSieve failed: {exc}") from exc


class OwnScriptActive(RuleError):
    """The user has a Sieve script of their own active; MailVox never replaces it."""

    spoken = "You have your own mail filter on the server, so I didn't change it."


class SieveRules:
    """Rules as the `mailvox` Sieve script on the server, through ManageSieve.

    Every failure (refused, unreachable, a sievelib error) raises RuleError; nothing is retried.
    With `fallback`, `list()` answers from the locally kept rules during an outage instead."""

    kind = "server"

    def __init__(self, account: MailAccount, fallback: LocalRules | None = None) -> None:
        if account.sieve is None:
            raise RuleError(f"{account.identity}: no ManageSieve server configured")
        self.account = account
        self.endpoint = account.sieve
        self.fallback = fallback

    def _client(self) -> ManageSieveClient:
        """A logged-in client; the caller logs out. Raises RuleError."""
        endpoint = self.endpoint
        client = _ManageSieve(endpoint.host, endpoint.port, endpoint.ca_bundle)
        try:
            ok = client.connect(
                self.account.username,
                self.account.secret(),
                starttls=endpoint.security == "starttls",
                ssl=endpoint.security == "tls",
                authmech="XOAUTH2" if self.account.auth == "xoauth2" else None,
            )
        except SIEVELIB_ERRORS as exc:
            raise RuleError(f"ManageSieve {endpoint.host}:{endpoint.port}: {exc!r}") from exc
        if not ok:
            raise RuleError(f"ManageSieve login to {endpoint.host}:{endpoint.port} failed: {client.errmsg!r}")
        return client

    @contextlib.contextmanager
    def _session(self) -> Iterator[ManageSieveClient]:
        """A logged-in client, logged out afterwards; sievelib's errors become RuleError."""
        client = self._client()
        try:
            yield client
        except SIEVELIB_ERRORS as exc:
            raise RuleError(f"ManageSieve {self.endpoint.host}:{self.endpoint.port}: {exc!r}") from exc
        finally:
            with contextlib.suppress(*SIEVELIB_ERRORS):
                client.logout()

    def usable(self) -> bool:
        """False when another script is active: MailVox will not replace the user's own.
        Raises RuleError when the server can't be reached or refuses."""
        with self._session() as client:
            active, _ = client.listscripts()
            return active in (None, SCRIPT)

    def _read(self, client: ManageSieveClient) -> list[Rule]:
        active, scripts = client.listscripts()
        if SCRIPT not in scripts and active != SCRIPT:
            return []
        parser = Parser()
        if not parser.parse(client.getscript(SCRIPT)):
            raise RuleError(f"the {SCRIPT} Sieve script does not parse: {parser.error}")
        filters = FiltersSet(SCRIPT)
        filters.from_parser_result(parser)
        return [rule for f in filters.filters if (rule := Rule.from_name(f["name"])) is not None]

    def _write(self, client: ManageSieveClient, rules: list[Rule]) -> None:
        active, _ = client.listscripts()
        if active not in (None, SCRIPT):
            raise OwnScriptActive(f"the user's own Sieve script {active!r} is active; not replaced")
        filters = FiltersSet(SCRIPT)
        for rule in rules:
            filters.addfilter(rule.name, [("from", ":contains", rule.sender)], rule.sieve_actions())
        out = io.StringIO()
        filters.tosieve(out)
        if not client.putscript(SCRIPT, out.getvalue()):
            raise RuleError(f"the server refused the Sieve script: {client.errmsg!r}")
        if not client.setactive(SCRIPT):
            raise RuleError(f"the server would not activate the Sieve script: {client.errmsg!r}")

    def _change(self, change: Callable[[list[Rule]], list[Rule]]) -> list[Rule]:
        with self._session() as client:
            before = self._read(client)
            self._write(client, change(before))
            return before

    async def list(self) -> list[Rule]:
        """The rules in the `mailvox` script. Raises RuleError, or with a fallback answers from
        the locally kept rules while the server is out (logged)."""

        def run() -> list[Rule]:
            with self._session() as client:
                return self._read(client)

        try:
            return await asyncio.to_thread(run)
        except RuleError as exc:
            if self.fallback is None:
                raise
            logger.warning("Sieve rules unavailable (%s); using the ones kept locally", exc)
            return await self.fallback.list()

    async def add(self, rule: Rule) -> None:
        """Add (or replace) a rule in the `mailvox` script and make it active. Raises RuleError;
        OwnScriptActive when the user's own script is active (it is left as it is)."""
        await asyncio.to_thread(self._change, lambda rules: [*(r for r in rules if r.name != rule.name), rule])

    async def add_all(self, new: Rules) -> None:
        """Add several rules in one change of the script; raises as `add`."""
        names = {r.name for r in new}
        await asyncio.to_thread(self._change, lambda rules: [*(r for r in rules if r.name not in names), *new])

    async def delete(self, rule: Rule) -> bool:
        """Remove a rule; True when it was there. Raises as `add`."""
        before = await asyncio.to_thread(self._change, lambda rules: [r for r in rules if r.name != rule.name])
        return any(r.name == rule.name for r in before)


async def rules_for(account: MailAccount, local_path: Path) -> SieveRules | LocalRules:
    """Server-side rules when ManageSieve is there and free to use, else local ones. Never
    raises for a Sieve outage (a call must start without it): the local rules stand in, and
    rules kept locally meanwhile move to the server once it is back (never dropped)."""
    local = LocalRules(local_path)
    if account.sieve is None:
        return local
    sieve = SieveRules(account, fallback=local)
    try:
        if not await asyncio.to_thread(sieve.usable):
            return local
        pending = await local.list()
        if pending:
            await sieve.add_all(pending)
            await local.clear()
            logger.info("moved %d locally kept rules to the Sieve script", len(pending))
    except MailError as exc:
        logger.warning("ManageSieve unavailable (%s); rules are kept locally for now", exc)
        return local
    return sieve


async def prepare_folder(connection: ImapConnection, rule: Rule) -> None:
    """A `file` rule's folder must exist before mail can be filed into it."""
    if rule.kind != "file":
        return

    def run(client: imapclient.IMAPClient) -> None:
        if not client.folder_exists(rule.folder):
            client.create_folder(rule.folder)
            client.subscribe_folder(rule.folder)

    await connection.call(run)


def apply_rules(rules: list[Rule], messages: list[MessageSummary]) -> tuple[list[MessageSummary], set[tuple[str, int]]]:
    """(messages not muted, those a flag rule marks important by mailbox and UID), for the
    briefing."""
    muted = [r for r in rules if r.kind == "mute"]
    flagged = [r for r in rules if r.kind == "flag"]
    kept = [m for m in messages if not any(r.matches(m) for r in muted)]
    important = {(m.mailbox, m.uid) for m in kept if any(r.matches(m) for r in flagged)}
    return kept, important
