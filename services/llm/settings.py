from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from mailvox.settings import ServiceSettings


class LLMSettings(ServiceSettings):
    yaml_section: ClassVar[str] = "llm"
    model_config = SettingsConfigDict(env_prefix="MAILVOX_LLM_", extra="ignore")

    port: int = 8303
    model_path: Path | None = None  # a GGUF; default: the profile's model
    model_alias: str = "mailvox-llm"
    n_ctx: int = 8192
    n_gpu_layers: int = 0  # -1 offloads every layer on a GPU box
    n_threads: int | None = None
    # Keep the KV state of earlier turns so a long conversation does not re-read its prefix.
    prompt_cache: bool = True
    prompt_cache_bytes: int = 512 * 1024 * 1024
    # A request may ask for fewer tokens, never more: a small model can otherwise ramble until
    # the context is full and hold the shared service for minutes.
    max_tokens: int = 512
