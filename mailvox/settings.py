"""Typed settings shared by every component: environment first, then an optional YAML file.

Each component (agent, each service, the dev stack) subclasses ``MailvoxSettings`` with its own
env prefix. ``MAILVOX_CONFIG`` names a YAML file whose top-level sections are the components'
names (``agent:``, ``tts:``...). Secrets come only from the environment or files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

AGENT_NAME = "mailvox"  # the explicit-dispatch name clients put in their tokens

DEV_LIVEKIT_URL = "ws://127.0.0.1:7880"
DEV_LIVEKIT_API_KEY = "devkey"
# livekit-server warns on secrets shorter than 32 characters outside --dev mode.
DEV_LIVEKIT_API_SECRET = "mailvox-development-secret-0123456789"


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
        return (
            init_settings,
            env_settings,
            file_secret_settings,
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


def offline_model_hubs() -> None:
    """Nothing at run time may reach for a model hub: the models are local files."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
