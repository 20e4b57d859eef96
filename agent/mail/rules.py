"""Mail rules a user can say: "mute VendorX", "file newsletters from X", "flag mail from Sarah".

Where the server offers ManageSieve (Dovecot Pigeonhole), rules become a Sieve script named
`mailvox` that the server runs on every delivery. Otherwise they are kept per user by MailVox
and applied when it briefs. Either way the briefing honours them for mail already there, and
the caller learns which kind the user got.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from sievelib.factory import FiltersSet
from sievelib.managesieve import Client as ManageSieveClient
from sievelib.parser import Parser

from .accounts import MailAccount
from .errors import MailError
from .imap import ImapConnection
from .types import MessageSummary

SCRIPT = "mailvox"
RuleKind = Literal["mute", "file", "flag"]
NAME = re.compile(r"^(mute|flag) (.+)$|^(file) (.+) into (.+)$")


class RuleError(MailError):
    spoken = "I couldn't change your mail rules."


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    sender: str  # matched against the From header, case-insensitively, as a substring
    folder: str = ""  # for "file"

    @property
    def name(self) -> str:
        return f"file {self.sender} into {self.folder}" if self.kind == "file" else f"{self.kind} {self.sender}"

    @classmethod
    def from_name(cls, name: str) -> Rule | None:
        m = NAME.match(name)
        if m is None:
            return None
        return cls(m.group(1), m.group(2)) if m.group(1) else cls("file", m.group(4), m.group(5))

    def matches(self, message: MessageSummary) -> bool:
        needle = self.sender.lower()
        return needle in message.sender.email or needle in message.sender.name.lower()

    def sieve_actions(self) -> list[tuple]:
        if self.kind == "mute":
            return [("addflag", "\\Seen")]  # stays in the inbox, never briefed
        if self.kind == "flag":
            return [("addflag", "\\Flagged")]
        return [("fileinto", self.folder)]


class LocalRules:
    """Rules MailVox keeps and applies itself, for servers without ManageSieve."""

    kind = "local"

    def __init__(self, path: Path) -> None:
        self.path = path

    async def list(self) -> list[Rule]:
        try:
            return [Rule(**r) for r in json.loads(self.path.read_text())]
        except FileNotFoundError:
            return []

    async def _save(self, rules: list[Rule]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps([asdict(r) for r in rules]))
        partial.replace(self.path)

    async def add(self, rule: Rule) -> None:
        rules = [r for r in await self.list() if r.name != rule.name]
        await self._save([*rules, rule])

    async def delete(self, rule: Rule) -> bool:
        rules = await self.list()
        await self._save([r for r in rules if r.name != rule.name])
        return any(r.name == rule.name for r in rules)


class SieveRules:
    """Rules as the `mailvox` Sieve script on the server, through ManageSieve."""

    kind = "server"

    def __init__(self, account: MailAccount) -> None:
        if account.sieve is None:
            raise RuleError(f"{account.identity}: no ManageSieve server configured")
        self.account = account

    def _client(self) -> ManageSieveClient:
        endpoint = self.account.sieve
        client = ManageSieveClient(endpoint.host, endpoint.port)
        ok = client.connect(
            self.account.username,
            self.account.secret(),
            starttls=endpoint.security == "starttls",
            ssl=endpoint.security == "tls",
            authmech="XOAUTH2" if self.account.auth == "xoauth2" else None,
        )
        if not ok:
            raise RuleError(f"ManageSieve login to {endpoint.host}:{endpoint.port} failed: {client.errmsg!r}")
        return client

    def usable(self) -> bool:
        """False when another script is active: MailVox will not replace the user's own."""
        client = self._client()
        try:
            active, _ = client.listscripts()
            return active in (None, SCRIPT)
        finally:
            client.logout()

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
        filters = FiltersSet(SCRIPT)
        for rule in rules:
            filters.addfilter(rule.name, [("from", ":contains", rule.sender)], rule.sieve_actions())
        out = io.StringIO()
        filters.tosieve(out)
        if not client.putscript(SCRIPT, out.getvalue()):
            raise RuleError(f"the server refused the Sieve script: {client.errmsg!r}")
        if not client.setactive(SCRIPT):
            raise RuleError(f"the server would not activate the Sieve script: {client.errmsg!r}")

    def _change(self, change) -> list[Rule]:
        client = self._client()
        try:
            before = self._read(client)
            self._write(client, change(before))
            return before
        finally:
            client.logout()

    async def list(self) -> list[Rule]:
        def run():
            client = self._client()
            try:
                return self._read(client)
            finally:
                client.logout()

        return await asyncio.to_thread(run)

    async def add(self, rule: Rule) -> None:
        await asyncio.to_thread(self._change, lambda rules: [*(r for r in rules if r.name != rule.name), rule])

    async def delete(self, rule: Rule) -> bool:
        before = await asyncio.to_thread(self._change, lambda rules: [r for r in rules if r.name != rule.name])
        return any(r.name == rule.name for r in before)


async def rules_for(account: MailAccount, local_path: Path) -> SieveRules | LocalRules:
    """Server-side rules when ManageSieve is there and free to use, else local ones."""
    if account.sieve is not None:
        sieve = SieveRules(account)
        try:
            if await asyncio.to_thread(sieve.usable):
                return sieve
        except (OSError, RuleError):
            pass
    return LocalRules(local_path)


async def prepare_folder(connection: ImapConnection, rule: Rule) -> None:
    """A `file` rule's folder must exist before mail can be filed into it."""
    if rule.kind != "file":
        return

    def run(client):
        if not client.folder_exists(rule.folder):
            client.create_folder(rule.folder)
            client.subscribe_folder(rule.folder)

    await connection.call(run)


def apply_rules(rules: list[Rule], messages: list[MessageSummary]) -> tuple[list[MessageSummary], set[int]]:
    """(messages not muted, UIDs a flag rule marks important), for the briefing."""
    muted = [r for r in rules if r.kind == "mute"]
    flagged = [r for r in rules if r.kind == "flag"]
    kept = [m for m in messages if not any(r.matches(m) for r in muted)]
    important = {m.uid for m in kept if any(r.matches(m) for r in flagged)}
    return kept, important
