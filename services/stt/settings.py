from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic_settings import SettingsConfigDict

from mailvox.settings import ServiceSettings


class STTSettings(ServiceSettings):
    yaml_section: ClassVar[str] = "stt"
    model_config = SettingsConfigDict(env_prefix="MAILVOX_STT_", extra="ignore")

    port: int = 8301
    model_dir: Path | None = None  # a CTranslate2 Whisper directory; default: the profile's
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    compute_type: str = "int8"  # int8 on CPU; float16 or int8_float16 on a GPU
    cpu_threads: int = 0  # 0: let CTranslate2 decide
    beam_size: int = 1
    # Whisper reads a 30 s window whatever the utterance's length, and most of a decode is
    # that window's encoding. A shorter one (at least this long, and 1 s more than the audio;
    # decoded without timestamps) costs a third: 0.18 s against 0.68 s median on 2 cores, and
    # the word error rate on the spoken script stayed the same (0.046 / 0.041); below 10 s
    # short commands began to go wrong. 0: always the whole 30 s.
    min_window_s: float = 10.0
    # Whisper hears short commands better when told what they sound like ("Flag it" was
    # heard as "Fly it" without this). Streaming only; empty: no prompt.
    prompt: str = "Next. Repeat that. Flag it. Archive it. Mark it unread. Forward it. Read me the email from Sarah. Don't send it."
    language: str | None = "en"
    max_upload_bytes: int = 25 * 1024 * 1024
    max_concurrency: int = 1  # decodes at once; raise it on a GPU
    batch_size: int = 1  # > 1 uses faster-whisper's batched pipeline (GPU)
    # streaming: decode the utterance again after this much new audio...
    interim_s: float = 0.6
    # ...and at the end of a turn reuse the last interim when only this much quiet audio is new
    reuse_tail_s: float = 1.5
