"""Who may log in: evaluators from a users file of argon2 hashes, or the company's SSO through
a trusted reverse proxy. The login name is the identity, and the identity picks the mailbox
(the agent's accounts file): nothing the browser sends can choose another."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

IDENTITY = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")  # also fits in a room name
# What a login may send, by the login form or a Basic header alike: a longer password is refused
# before argon2 spends time on it.
MAX_USERNAME = 64
MAX_PASSWORD = 1024
_hasher = PasswordHasher()
# Checked when a name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


def valid_identity(name: str) -> bool:
    return bool(IDENTITY.match(name))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


class UsersFile:
    def __init__(self, path: Path | None) -> None:
        self.path = path

    def _hashes(self) -> dict[str, str]:
        if self.path is None:
            return {}
        data = yaml.safe_load(self.path.read_text()) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{self.path}: expected 'username: hash' lines")
        return {str(k).lower(): str(v) for k, v in data.items()}

    def check(self, username: str, password: str) -> str | None:
        """The identity when the password is right, else None (re-read each time, so edits
        to the file apply without a restart)."""
        name = username.strip().lower()
        stored = self._hashes().get(name) if valid_identity(name) else None
        try:
            _hasher.verify(stored or _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        return name if stored else None

    def add(self, username: str, password: str) -> None:
        name = username.strip().lower()
        if not valid_identity(name):
            raise ValueError(f"{username!r}: use lower-case letters, digits and . _ @ - (64 at most)")
        assert self.path is not None
        hashes = self._hashes() if self.path.exists() else {}
        hashes[name] = hash_password(password)
        self.path.write_text(yaml.safe_dump(hashes))
