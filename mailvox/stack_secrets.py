"""The compose stack's secrets, made on its first start: `mailvox secrets init`.

An evaluator's `docker compose up` must never serve a known secret, and must not need one
typed in either. Each secret comes from the environment when it is set there (and is refused
if it is known or short), else from what an earlier start wrote, else it is made now at
random. They land in MAILVOX_SECRETS_DIR, one file per setting, where every MailVox settings
object reads them (mailvox.settings), plus livekit-server's key file. A known or short one kept
from an earlier start (written by hand, or by an older version) is replaced at random, with a
warning, not refused: only the stack's own services read the volume, each after this step, so
they all get the new one; refusing would stop a stack the admin cannot fix through .env.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from mailvox.settings import SECRETS_DIR_VARIABLE, KnownSecretError, mailvox_home, weak_secret_reason

logger = logging.getLogger("mailvox.secrets")
LIVEKIT_KEY_FILE = "livekit-keys.yaml"  # livekit-server --key-file: `<api key>: <api secret>`
# setting file -> the environment variable that may set it instead
SECRETS = {
    "livekit_api_key": "LIVEKIT_API_KEY",
    "livekit_api_secret": "LIVEKIT_API_SECRET",
    "mailvox_portal_session_secret": "MAILVOX_PORTAL_SESSION_SECRET",
}
CHECKED = {"livekit_api_secret", "mailvox_portal_session_secret"}


def secrets_dir() -> Path:
    return Path(os.environ.get(SECRETS_DIR_VARIABLE) or mailvox_home() / "secrets")


def _write_private(path: Path, text: str) -> None:
    # Readable by the owner alone: livekit-server refuses a key file others may read.
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    partial.write_text(text)
    partial.replace(path)


def _new_value(name: str) -> str:
    return "mailvox" if name == "livekit_api_key" else secrets.token_urlsafe(36)


def init_secrets(directory: Path | None = None) -> dict[str, str]:
    """Make, keep or replace each secret; return where each one came from (never the values).

    Raises KnownSecretError, writing nothing, if the environment sets a known or short one.
    """
    directory = directory or secrets_dir()
    given = {name: os.environ.get(variable, "") for name, variable in SECRETS.items()}
    for name in CHECKED:
        reason = given[name] and weak_secret_reason(given[name])
        if reason:
            raise KnownSecretError(
                f"Refusing to start the stack: {SECRETS[name]} will not do, {reason}. Remove it from .env "
                "(a random one is made at the first start) or set 32 or more random characters."
            )
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    values: dict[str, str] = {}
    origin: dict[str, str] = {}
    for name in SECRETS:
        path = directory / name
        if given[name]:
            values[name], origin[name] = given[name], "environment"
        elif path.is_file() and (kept := path.read_text().strip()):
            values[name], origin[name] = kept, "kept"
            reason = weak_secret_reason(kept) if name in CHECKED else None
            if reason:  # never served; see the module's docstring for why not refused
                logger.warning("replacing %s kept in %s: %s", name, directory, reason)
                values[name], origin[name] = _new_value(name), "replaced"
        else:
            values[name], origin[name] = _new_value(name), "made"
        _write_private(path, values[name])
    _write_private(directory / LIVEKIT_KEY_FILE, f"{values['livekit_api_key']}: {values['livekit_api_secret']}\n")
    return origin
