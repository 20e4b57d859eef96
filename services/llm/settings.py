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
    # Sessions decoded together (llama-server's slots), each keeping its own prompt's KV state.
    parallel: int = 4
    # Prompt tokens read per step of the engine's loop. The slots that are answering wait for
    # the step, so a long prompt read 128 at a time (0.25 s a step on two cores) keeps their
    # speech flowing; 512 reads no faster on a CPU (2.26 s against 2.34 s for 687 tokens).
    n_batch: int = 128
    # Keep the KV state of a slot's prompt in RAM when another session takes the slot.
    prompt_cache: bool = True
    prompt_cache_bytes: int = 512 * 1024 * 1024
    # llama-server: the binary (default: the one scripts/setup.sh built) and its loopback port
    # (default: a free one); only this service's front talks to it.
    engine_binary: Path | None = None
    engine_port: int | None = None
    # A request may ask for fewer tokens, never more: a small model can otherwise ramble until
    # the context is full and hold the shared service for minutes.
    max_tokens: int = 512
