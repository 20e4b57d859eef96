"""Piper TTS as a service.

``POST /v1/audio/speech`` takes OpenAI's request shape and streams raw 16-bit mono PCM as each
sentence is synthesized, so first audio never waits for the whole text. The sample rate is in
the ``X-Sample-Rate`` header and in ``GET /v1/voices``.
"""

from __future__ import annotations

import asyncio
import io
import logging
import wave
from collections.abc import AsyncIterator
from typing import Literal

import numpy as np
from fastapi import Response
from fastapi.responses import StreamingResponse
from piper import PiperVoice, SynthesisConfig
from pydantic import BaseModel, Field

from mailvox.models import catalog
from mailvox.services.common import ServiceError, create_engine_app, serve

from .pronunciations import Pronunciations, as_text, load_pronunciations
from .settings import TTSSettings

logger = logging.getLogger(__name__)


class SpeechRequest(BaseModel):
    input: str
    model: str = "piper"
    voice: str | None = None
    speed: float = Field(1.0, ge=0.25, le=4.0)
    response_format: Literal["pcm", "wav"] = "pcm"


# Piper opens each utterance with 35-65 ms of near-digital silence; a caller waits through it.
SILENT_BELOW = 64  # int16 magnitude (-54 dBFS): quieter than any voice onset Piper makes
KEEP_BEFORE_SOUND_S = 0.01


def without_leading_silence(pcm: bytes, sample_rate: int) -> bytes:
    """The audio from 10 ms before its first sample at SILENT_BELOW or louder (all of it if none is)."""
    samples = np.frombuffer(pcm, dtype=np.int16)
    sound = np.flatnonzero(np.abs(samples.astype(np.int32)) >= SILENT_BELOW)
    if sound.size == 0:
        return pcm
    return samples[max(0, sound[0] - int(sample_rate * KEEP_BEFORE_SOUND_S)) :].tobytes()


class PiperEngine:
    def __init__(self, settings: TTSSettings, pronunciations: Pronunciations | None = None) -> None:
        """Load the voice; PronunciationError if it cannot say a listed [[phonemes]] block."""
        path = settings.voice_path or catalog.require("tts", settings.profile).main_file()
        self.voice_id = path.stem
        self.voice = PiperVoice.load(path, use_cuda=settings.device == "cuda")
        self.sample_rate = self.voice.config.sample_rate
        self.limit = asyncio.Semaphore(settings.max_concurrency)
        self.pronunciations = pronunciations or Pronunciations()
        self.pronunciations.check_voice(self.voice.config)

    async def sentences(self, text: str, speed: float) -> AsyncIterator[bytes]:
        """PCM for each sentence as soon as it is ready; synthesis runs off the event loop."""
        config = SynthesisConfig(length_scale=1.0 / speed)
        text = self.pronunciations.apply(as_text(text))
        async with self.limit:
            chunks = iter(self.voice.synthesize(text, config))
            first = True
            while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
                pcm = chunk.audio_int16_bytes
                yield without_leading_silence(pcm, self.sample_rate) if first else pcm
                first = False


def build_app(settings: TTSSettings | None = None):
    settings = settings or TTSSettings()
    # Read before the port opens: a bad list stops the start, not a caller's sentence.
    pronunciations = load_pronunciations(settings.pronunciations)
    if settings.pronunciations:
        logger.info("saying %d listed words as %s has them", len(pronunciations), settings.pronunciations)
    app, _engine = create_engine_app("tts", lambda: PiperEngine(settings, pronunciations))

    @app.get("/v1/voices")
    async def voices() -> dict:
        e = _engine()
        return {"voices": [{"id": e.voice_id, "sample_rate": e.sample_rate, "channels": 1}]}

    @app.post("/v1/audio/speech")
    async def speech(request: SpeechRequest) -> Response:
        e = _engine()
        text = request.input.strip()
        if not text:
            raise ServiceError(400, "input is empty: there is nothing to say")
        if len(text) > settings.max_input_chars:
            raise ServiceError(413, f"input has {len(text)} characters; the limit is {settings.max_input_chars}")
        if request.voice not in (None, "", "default", e.voice_id):
            raise ServiceError(404, f"unknown voice {request.voice!r}; this service has {e.voice_id!r}")
        headers = {"X-Sample-Rate": str(e.sample_rate), "X-Channels": "1", "X-Voice": e.voice_id}
        if request.response_format == "wav":
            buffer = io.BytesIO()
            with wave.open(buffer, "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(e.sample_rate)
                async for pcm in e.sentences(text, request.speed):
                    wav.writeframes(pcm)
            return Response(buffer.getvalue(), media_type="audio/wav", headers=headers)
        return StreamingResponse(e.sentences(text, request.speed), media_type="audio/pcm", headers=headers)

    return app


def main() -> None:
    serve(build_app, TTSSettings())


if __name__ == "__main__":
    main()
