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
    # Tokens read per batch. llama-cpp-python keeps the logits of a whole batch and copies
    # them with every state it keeps in the prompt cache, at the end of every answer and
    # before the stream ends: 512 x 49152 floats (100 MB) took 0.2 s on two cores, 128 takes
    # 0.03 s, and a long prompt is read as fast (2.26 s against 2.34 s for 687 tokens).
    n_batch: int = 128
    # Keep the KV state of earlier turns so a long conversation does not re-read its prefix.
    prompt_cache: bool = True
    prompt_cache_bytes: int = 512 * 1024 * 1024
    # A request may ask for fewer tokens, never more: a small model can otherwise ramble until
    # the context is full and hold the shared service for minutes.
    max_tokens: int = 512
