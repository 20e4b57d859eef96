"""Typed settings shared by every component: environment first, then an optional YAML file.

Each component (agent, each service, the dev stack) subclasses ``MailvoxSettings`` with its own
env prefix. ``MAILVOX_CONFIG`` names a YAML file whose top-level sections are the components'
names (``agent:``, ``tts:``...). Secrets come only from the environment or files.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SecretsSettingsSource, SettingsConfigDict

AGENT_NAME = "mailvox"  # the explicit-dispatch name clients put in their tokens

DEV_LIVEKIT_URL = "ws://127.0.0.1:7880"
DEV_LIVEKIT_API_KEY = "devkey"
# livekit-server warns on secrets shorter than 32 characters outside --dev mode.
DEV_LIVEKIT_API_SECRET = "mailvox-development-secret-0123456789"
# Secrets anyone can read in this repository or LiveKit's documentation (`--dev` uses
# devkey/secret), including the placeholders older example env files shipped. A token signed
# with one of them can join any room as anyone, so they only ever serve loopback.
KNOWN_LIVEKIT_SECRETS = frozenset(
    {
        DEV_LIVEKIT_API_SECRET,
        "secret",
        "change-me-to-a-long-random-secret-0123456789",
        "change-me-too-another-long-random-secret-012345",
    }
)
MIN_SECRET_LENGTH = 32  # livekit-server's own minimum outside --dev
# Where the compose stack's first start writes its random secrets (`mailvox secrets init`), one
# file per setting (livekit_api_secret, mailvox_portal_session_secret, ...). The environment
# still wins over a file.
SECRETS_DIR_VARIABLE = "MAILVOX_SECRETS_DIR"


class KnownSecretError(RuntimeError):
    """A known or short secret where something listens beyond loopback."""


def is_loopback(host: str) -> bool:
    """True for localhost and the loopback addresses (127.0.0.0/8, ::1); False for names and 0.0.0.0."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def weak_secret_reason(secret: str) -> str | None:
    """Why a secret must not guard anything reachable, or None when it may."""
    if secret in KNOWN_LIVEKIT_SECRETS:
        return "it is a known secret (a development default or a placeholder)"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"it is shorter than {MIN_SECRET_LENGTH} characters"
    return None


def refuse_weak_secret(variable: str, secret: str, hosts: Iterable[str], *, risk: str, keep: str) -> None:
    """Raise KnownSecretError if `secret` is known or short and any of `hosts` is beyond loopback."""
    reason = weak_secret_reason(secret)
    beyond = [host for host in hosts if not is_loopback(host)]
    if reason is None or not beyond:
        return
    raise KnownSecretError(
        f"Refusing to start: {variable} will not do, {reason}, and {', '.join(beyond)} is reachable beyond "
        f"this machine; {risk}. Set {variable} to 32 or more random characters (openssl rand -base64 36), "
        f"or keep {keep} on loopback."
    )


def mailvox_home() -> Path:
    """Where installed tools, prepared models and per-user state live (outside git)."""
    return Path(os.environ.get("MAILVOX_HOME", Path.home() / ".local" / "share" / "mailvox"))


class _YamlSection(PydanticBaseSettingsSource):
    """Reads this component's section of the YAML file named by MAILVOX_CONFIG."""

    def __init__(self, settings_cls: type[BaseSettings], section: str) -> None:
        super().__init__(settings_cls)
        path = os.environ.get("MAILVOX_CONFIG")
        data: dict[str, Any] = {}
        if path:
            loaded = yaml.safe_load(Path(path).read_text()) or {}
            data = loaded.get(section) or {}
        self._data = data

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self._data)


class MailvoxSettings(BaseSettings):
    """Base for component settings: init args > environment > YAML section > defaults."""

    yaml_section: ClassVar[str] = ""
    model_config = SettingsConfigDict(extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        secrets_dir = os.environ.get(SECRETS_DIR_VARIABLE)
        secrets = (SecretsSettingsSource(settings_cls, secrets_dir=secrets_dir),) if secrets_dir else ()
        return (
            init_settings,
            env_settings,
            file_secret_settings,
            *secrets,
            _YamlSection(settings_cls, cls.yaml_section),
        )


class ServiceSettings(MailvoxSettings):
    """What every model service has: where it listens and which model profile it serves."""

    host: str = "127.0.0.1"
    port: int
    profile: str = "cpu"


class LiveKitSettings(MailvoxSettings):
    """The contract with livekit-server: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET."""

    yaml_section: ClassVar[str] = "livekit"
    model_config = SettingsConfigDict(env_prefix="LIVEKIT_", extra="ignore")

    url: str = DEV_LIVEKIT_URL
    api_key: str = DEV_LIVEKIT_API_KEY
    api_secret: str = DEV_LIVEKIT_API_SECRET

    @property
    def http_url(self) -> str:
        return self.url.replace("ws://", "http://", 1).replace("wss://", "https://", 1)

    def refuse_known_secret(self, *, listening: Iterable[str] = ()) -> None:
        """Raise KnownSecretError if the secret is known or short, unless livekit-server (this
        URL) and every host in `listening` (the caller's own listen addresses) are loopback."""
        refuse_weak_secret(
            "LIVEKIT_API_SECRET",
            self.api_secret,
            [urlsplit(self.url).hostname or "", *listening],
            risk="anyone who knows it can join any call as anyone",
            keep="livekit-server and this service",
        )


def offline_model_hubs() -> None:
    """Nothing at run time may reach for a model hub: the models are local files."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
