"""Server-side mailbox accounts, keyed by the LiveKit participant identity.

The identity in a user's LiveKit token selects the account; the client never sends mailbox
credentials. Passwords come from an environment variable or a file, never from the YAML itself.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from .errors import MailConfigError


class ServerEndpoint(BaseModel):
    """One server of an account: where it is and how to secure the connection."""

    host: str
    port: int
    security: Literal["tls", "starttls", "none"] = "tls"
    ca_bundle: Path | None = None  # a corporate CA; certificate checks stay on
    login: bool = True  # False for an SMTP relay that takes mail from this host without AUTH


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
    """The accounts file: `accounts:` maps a LiveKit identity to its MailAccount."""

    accounts: dict[str, MailAccount] = Field(default_factory=dict)


def load_accounts(path: Path) -> dict[str, MailAccount]:
    """Every account in the YAML file at `path`, by identity.

    Raises MailConfigError when the file cannot be read or is invalid; nothing is retried.
    """
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except OSError as exc:
        raise MailConfigError(f"cannot read accounts file {path}: {exc}") from exc
    for identity, entry in (raw.get("accounts") or {}).items():
        if isinstance(entry, dict):
            entry.setdefault("identity", identity)
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
