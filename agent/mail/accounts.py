"""Server-side mailbox accounts, keyed by the LiveKit participant identity.

The identity in a user's LiveKit token selects the account; the client never sends mailbox
credentials. Passwords come from an environment variable or a file, never from the YAML itself.
"""

from __future__ import annotations

import os
import subprocess
from datetime import tzinfo
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from .errors import MailConfigError
from .types import MessageSummary

# RFC 2156's Sensitivity values that mean "not for other ears" ("personal" is only personal).
CONFIDENTIAL_SENSITIVITIES = frozenset({"private", "company-confidential"})


class ServerEndpoint(BaseModel):
    """One server of an account: where it is and how to secure the connection."""

    host: str
    port: int
    security: Literal["tls", "starttls", "none"] = "tls"
    ca_bundle: Path | None = None  # a corporate CA; certificate checks stay on
    login: bool = True  # False for an SMTP relay that takes mail from this host without AUTH


class Policy(BaseModel):
    """What the admin allows by voice, enforced by the action gate (conversation/gate.py).

    A `policy:` block at the top of the accounts file is every account's default; an account's
    own `policy:` block changes only the fields it names."""

    # folders whose mail may be read aloud; None: every folder
    read_aloud_folders: list[str] | None = None
    sending: bool = True  # False: no mail is sent by voice at all (drafts are still saved)
    # replies to addresses outside internal_domains: sent, sent only after an extra "yes", or never
    outside_sends: Literal["allow", "confirm", "refuse"] = "confirm"
    internal_domains: list[str] = Field(default_factory=list)  # empty: the account's own domain
    # an action on more than this many messages at once is asked about first
    bulk_confirm_over: int = 1
    # "send it" counts only this long after the read-back was heard to its end
    send_confirm_s: float = 120.0
    # Mail marked confidential (Sensitivity: Private or Company-Confidential, one of these IMAP
    # keywords, or in one of these folders) is read aloud only when the user asks for it ("ask"),
    # never ("refuse"), or like any other mail ("read").
    confidential: Literal["ask", "refuse", "read"] = "ask"
    confidential_labels: list[str] = Field(default_factory=lambda: ["$Confidential", "Confidential"])
    confidential_folders: list[str] = Field(default_factory=list)

    def confidential_mail(self, message: MessageSummary) -> bool:
        """Whether this policy holds `message` back as confidential."""
        if self.confidential == "read":
            return False
        labels = {label.lower() for label in self.confidential_labels}
        return (
            message.sensitivity in CONFIDENTIAL_SENSITIVITIES
            or any(flag.lower() in labels for flag in message.flags)
            or message.folder.lower() in {folder.lower() for folder in self.confidential_folders}
        )


class MailAccount(BaseModel):
    """One user's mail set-up, from the server-side accounts file; never from the client."""

    identity: str
    address: str
    display_name: str = ""
    username: str
    # password: LOGIN/PLAIN; xoauth2: an OAuth access token (Exchange Online, Gmail style)
    auth: Literal["password", "xoauth2"] = "password"
    password_env: str | None = None
    password_file: Path | None = None
    # for xoauth2: a command that prints a fresh access token (the company's token helper)
    token_command: list[str] | None = None
    imap: ServerEndpoint
    smtp: ServerEndpoint | None = None
    sieve: ServerEndpoint | None = None  # ManageSieve (usually port 4190, STARTTLS)
    # True for servers that file submitted mail in Sent themselves (Gmail, Exchange Online):
    # MailVox then adds no second copy.
    server_saves_sent: bool = False
    # senders the user treats as important (their manager, key customers)
    vip_senders: list[str] = Field(default_factory=list)
    policy: Policy = Field(default_factory=Policy)  # the admin's limits on what is done by voice
    # the user's clock for meeting times, an IANA name ("Europe/London"); "": the agent's own
    time_zone: str = ""
    # For a mailbox in another account's `mailboxes`: how it is called aloud ("team" is said
    # "the team mailbox"). Empty for a person's own account.
    name: str = ""
    # Other mailboxes this person reads in the same call (a shared team mailbox), each with its
    # own server login. Their mail is briefed with the person's own, said with the mailbox's
    # name, and replies and forwards go out from the mailbox the email arrived in.
    mailboxes: list[MailAccount] = Field(default_factory=list)

    @field_validator("mailboxes")
    @classmethod
    def _named_once(cls, value: list[MailAccount]) -> list[MailAccount]:
        names = [mailbox.name.strip().lower() for mailbox in value]
        if any(not name for name in names):
            raise ValueError("each of an account's mailboxes needs a name (how it is called aloud)")
        if len(set(names)) < len(names):
            raise ValueError("two of an account's mailboxes have the same name")
        if any(mailbox.mailboxes for mailbox in value):
            raise ValueError("a shared mailbox cannot list mailboxes of its own")
        # one gate per call: what may be done by voice is the person's policy, whichever mailbox
        if any("policy" in mailbox.model_fields_set for mailbox in value):
            raise ValueError("a shared mailbox follows the policy of the person who reads it: remove its policy")
        return value

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {value!r} (an IANA name such as Europe/London)") from None
        return value

    def zone(self) -> tzinfo | None:
        """The user's time zone; None: the agent machine's own."""
        return ZoneInfo(self.time_zone) if self.time_zone else None

    def secret(self) -> str:
        """The password, or for xoauth2 a fresh token from token_command (or the password source)."""
        if self.auth == "xoauth2" and self.token_command:
            try:
                result = subprocess.run(self.token_command, capture_output=True, text=True, timeout=30)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise MailConfigError(f"{self.identity}: token command failed: {exc}") from exc
            if result.returncode != 0 or not result.stdout.strip():
                raise MailConfigError(
                    f"{self.identity}: token command exited {result.returncode}: {result.stderr.strip()[:200]}"
                )
            return result.stdout.strip()
        return self.password()

    def password(self) -> str:
        """The password, read when needed from the environment or a file.

        Raises MailConfigError when neither is set or the file cannot be read.
        """
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise MailConfigError(f"{self.identity}: ${self.password_env} is not set")
            return value
        if self.password_file:
            try:
                return self.password_file.read_text().strip()
            except OSError as exc:
                raise MailConfigError(f"{self.identity}: cannot read password file: {exc}") from exc
        raise MailConfigError(f"{self.identity}: no password_env or password_file configured")


class AccountsFile(BaseModel):
    """The accounts file: `accounts:` maps a LiveKit identity to its MailAccount; `policy:` is
    every account's default Policy."""

    policy: Policy = Field(default_factory=Policy)
    accounts: dict[str, MailAccount] = Field(default_factory=dict)

    @field_validator("accounts")
    @classmethod
    def _unnamed(cls, value: dict[str, MailAccount]) -> dict[str, MailAccount]:
        if named := [identity for identity, account in value.items() if account.name]:
            raise ValueError(f"{', '.join(named)}: 'name' is for a shared mailbox in 'mailboxes', not a person's own")
        return value


def _with_defaults(entry: dict[str, Any], identity: str, default_policy: object) -> None:
    """An account entry as read, given its identity and the file's default policy; its shared
    mailboxes are given an identity ("alex/team") and follow its policy."""
    entry.setdefault("identity", identity)
    if isinstance(default_policy, dict) and isinstance(entry.get("policy") or {}, dict):
        entry["policy"] = {**default_policy, **(entry.get("policy") or {})}
    _identify_mailboxes(entry, identity)


def _identify_mailboxes(entry: dict[str, Any], identity: str) -> None:
    """Each shared mailbox's identity, named by its person ("alex/team")."""
    for other in entry.get("mailboxes") or []:
        if isinstance(other, dict):
            other.setdefault("identity", f"{identity}/{other.get('name', '')}")
            _identify_mailboxes(other, other["identity"])  # refused later, with a clear message


def load_accounts(path: Path) -> dict[str, MailAccount]:
    """Every account in the YAML file at `path`, by identity.

    Raises MailConfigError when the file cannot be read or is invalid; nothing is retried.
    """
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except OSError as exc:
        raise MailConfigError(f"cannot read accounts file {path}: {exc}") from exc
    default_policy = raw.get("policy") or {}
    for identity, entry in (raw.get("accounts") or {}).items():
        if isinstance(entry, dict):
            _with_defaults(entry, identity, default_policy)
    try:
        return AccountsFile.model_validate(raw).accounts
    except ValidationError as exc:
        raise MailConfigError(f"accounts file {path} is invalid: {exc}") from exc


def account_for(identity: str, path: Path) -> MailAccount:
    """The account of `identity`. Raises MailConfigError when the file has none for it."""
    accounts = load_accounts(path)
    try:
        return accounts[identity]
    except KeyError:
        raise MailConfigError(f"no mailbox account for identity {identity!r}") from None
