from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic_settings import SettingsConfigDict

from mailvox.settings import ServiceSettings


class TTSSettings(ServiceSettings):
    yaml_section: ClassVar[str] = "tts"
    model_config = SettingsConfigDict(env_prefix="MAILVOX_TTS_", extra="ignore")

    port: int = 8302
    voice_path: Path | None = None  # a Piper .onnx; default: the profile's voice
    device: Literal["cpu", "cuda"] = "cpu"
    max_input_chars: int = 4000
    max_concurrency: int = 2
    # The admin's YAML list of names and company words and how to say them (pronunciations.py);
    # default: none, the voice's own reading.
    pronunciations: Path | None = None
