"""faster-whisper as a service: ``POST /v1/audio/transcriptions`` in OpenAI's multipart shape."""

from __future__ import annotations

import asyncio
import io
import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

import numpy as np
from fastapi import File, Form, UploadFile, WebSocket, WebSocketDisconnect
from faster_whisper import BatchedInferencePipeline, WhisperModel
from faster_whisper.audio import decode_audio
from faster_whisper.transcribe import get_compression_ratio
from faster_whisper.vad import VadOptions, get_speech_timestamps
from prometheus_client import Counter

from mailvox.models import catalog
from mailvox.services.common import ServiceError, create_engine_app, serve

from .decode_queue import DecodeQueue
from .settings import STTSettings
from .streaming import StreamingSession

SAMPLE_RATE = 16000
WHOLE_WINDOW_RETRIES = Counter(
    "mailvox_stt_whole_window_retries_total", "Short-window decodes that looped and were decoded again whole"
)
# Short commands ("Next.") count as speech; the pre-roll is added by the streaming session.
SPEECH_DETECTOR = VadOptions(min_speech_duration_ms=100, speech_pad_ms=0)


class ShortWindowWhisper(WhisperModel):
    """faster-whisper's model, encoding only the first `window.frames` of its padded 30 s
    window when they are set (per thread: each decode runs in a thread of its own)."""

    window = threading.local()

    def encode(self, features: np.ndarray):
        frames = getattr(self.window, "frames", None)
        if frames and features.shape[-1] > frames:
            features = np.ascontiguousarray(features[..., :frames])
        return super().encode(features)


def window_frames(samples: int, min_window_s: float) -> int | None:
    """How much of Whisper's window (in 10 ms frames) to encode for `samples` of audio:
    None for the whole 30 s."""
    if min_window_s <= 0:
        return None
    seconds = max(min_window_s, math.ceil(samples / SAMPLE_RATE) + 1)
    return int(seconds * 100) if seconds < 30 else None


def token_budget(samples: int) -> int:
    """More tokens than anyone speaks in `samples` of audio (about 4 a second, with
    Whisper's timestamps), and few enough that a loop ends within a fraction of a second."""
    return 24 + math.ceil(12 * samples / SAMPLE_RATE)


def without_repeats(text: str) -> str:
    """The text with a sentence said twice in a row kept once ("Repeat that. Repeat that."):
    a loop of Whisper's that stopped early, seen on a 0.7 s command that came through WebRTC.
    Dropping it costs nothing; decoding again took 26 s (temperature fallback) in that case."""
    kept: list[str] = []
    for sentence in re.findall(r"[^.!?]+[.!?]*", text):
        key = " ".join(re.sub(r"[^a-z0-9' ]", " ", sentence.lower()).split())
        if key and kept and key == " ".join(re.sub(r"[^a-z0-9' ]", " ", kept[-1].lower()).split()):
            continue
        kept.append(sentence)
    return "".join(kept).strip()


def looks_looped(segments: list, samples: int, budget: int) -> bool:
    text = " ".join(s.text.strip() for s in segments)
    tokens = sum(len(s.tokens) for s in segments)
    too_many_words = len(text.split()) > 3 + 6 * samples / SAMPLE_RATE  # faster than anyone talks
    compressible = len(text) > 20 and get_compression_ratio(text) > 2.4
    return tokens >= budget - 2 or too_many_words or compressible


@dataclass(frozen=True)
class Stream:
    """What one streaming session asks to have decoded."""

    audio: np.ndarray
    language: str | None
    words: bool
    prompt: str


class WhisperEngine:
    def __init__(self, settings: STTSettings) -> None:
        self.settings = settings
        directory = settings.model_dir or catalog.require("stt", settings.profile).directory()
        self.model_name = directory.name
        self.model = ShortWindowWhisper(
            str(directory),
            device=settings.device,
            compute_type=settings.compute_type,
            cpu_threads=settings.cpu_threads,
            num_workers=settings.max_concurrency,  # CTranslate2 runs this many decodes at once
        )
        # On a GPU, faster-whisper's batched pipeline decodes an utterance's segments together.
        self.pipeline = BatchedInferencePipeline(self.model) if settings.batch_size > 1 else self.model
        self.limit = asyncio.Semaphore(settings.max_concurrency)
        self.queue = DecodeQueue(self._transcribe_stream, self.limit, settings.max_concurrency)

    def _transcribe(self, audio, language: str | None, words: bool, prompt: str | None = None) -> dict:
        # Word timings move faster-whisper's seek through the window, into the padding a
        # short window cuts off (it heard "Archive the newsletter. water. I'm"): whole only.
        frames = None if words else window_frames(len(audio), self.settings.min_window_s)
        if frames is not None:
            # With timestamps a short window sends Whisper round loops ("Next. Next. Next. ...",
            # up to its token limit: 16 s on 2 cores); without them it did not in our runs.
            # The try is bounded anyway, and a looped answer is decoded again whole.
            budget = token_budget(len(audio))
            segments, info = self._decode(
                audio, language, words, prompt, frames, max_new_tokens=budget, temperature=0.0, without_timestamps=True
            )
            if not looks_looped(segments, len(audio), budget):
                return self._result(segments, info, words)
            WHOLE_WINDOW_RETRIES.inc()
        segments, info = self._decode(audio, language, words, prompt, None)
        return self._result(segments, info, words)

    def _transcribe_stream(self, stream: Stream) -> dict:
        return self._transcribe(stream.audio, stream.language, stream.words, stream.prompt)

    def _decode(self, audio, language: str | None, words: bool, prompt: str | None, frames: int | None, **options):
        batching = {"batch_size": self.settings.batch_size} if self.settings.batch_size > 1 else {}
        ShortWindowWhisper.window.frames = frames
        segments, info = self.pipeline.transcribe(
            audio,
            language=language or self.settings.language,
            beam_size=self.settings.beam_size,
            word_timestamps=words,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            **batching,
            **options,
        )
        return list(segments), info

    @staticmethod
    def _result(segments: list, info, words: bool) -> dict:
        result = {
            "text": without_repeats(" ".join(s.text.strip() for s in segments)),
            "language": info.language,
            "duration": info.duration,
            "segments": [{"start": s.start, "end": s.end, "text": s.text.strip()} for s in segments],
        }
        if words:
            result["words"] = [
                {"word": w.word.strip(), "start": w.start, "end": w.end} for s in segments for w in (s.words or [])
            ]
        return result

    async def transcribe(self, audio, language: str | None, words: bool, prompt: str | None = None) -> dict:
        async with self.limit:
            return await asyncio.to_thread(self._transcribe, audio, language, words, prompt)

    async def stream(
        self,
        newest: Callable[[], np.ndarray],
        language: str | None,
        words: bool,
        prompt: str,
        urgent: Callable[[], bool],
    ) -> dict:
        """A streaming session's decode, of its newest audio, finals first (see DecodeQueue)."""
        return await self.queue.decode(lambda: Stream(newest(), language, words, prompt), urgent)


async def find_speech(audio: np.ndarray) -> int | None:
    """The sample where speech starts in `audio` (Silero VAD, as faster-whisper ships it)."""
    found = await asyncio.to_thread(get_speech_timestamps, audio, SPEECH_DETECTOR)
    return found[0]["start"] if found else None


def decode(data: bytes):
    """Any container PyAV reads (WAV, Ogg/Opus, MP3...), resampled to 16 kHz mono float32."""
    try:
        audio = decode_audio(io.BytesIO(data), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many kinds of errors for bad input
        raise ServiceError(400, f"the audio could not be decoded: {exc}") from exc
    if audio.size == 0:
        raise ServiceError(400, "the audio is empty")
    return audio


# Whisper's prompt holds at most 224 tokens, the commands' prompt included.
MAX_HINT_CHARS = 400


def build_app(settings: STTSettings | None = None):
    settings = settings or STTSettings()
    app, engine = create_engine_app("stt", lambda: WhisperEngine(settings))

    @app.post("/v1/audio/transcriptions")
    async def transcriptions(
        file: Annotated[UploadFile, File()],
        model: Annotated[str, Form()] = "whisper",
        language: Annotated[str | None, Form()] = None,
        response_format: Annotated[Literal["json", "verbose_json", "text"], Form()] = "json",
        timestamp_granularities: Annotated[list[str] | None, Form(alias="timestamp_granularities[]")] = None,
    ):
        whisper = engine()
        data = await file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise ServiceError(413, f"the upload is over {settings.max_upload_bytes} bytes")
        words = "word" in (timestamp_granularities or [])
        result = await whisper.transcribe(decode(data), language, words)
        if response_format == "text":
            return result["text"]
        if response_format == "json":
            return {"text": result["text"]}
        return result

    @app.websocket("/v1/audio/transcriptions/stream")
    async def stream(
        websocket: WebSocket,
        language: str | None = None,
        words: bool = False,
        sample_rate: int = SAMPLE_RATE,
        hint: str = "",
    ):
        """16 kHz mono 16-bit PCM in binary messages; {"type": "flush"} ends a turn. `hint`: words
        the caller is likely to say (the names in their mail), after the prompt of commands.
        Out: {"type": "interim"|"final", "text": ...} and {"type": "error", "message": ...}."""
        await websocket.accept()
        problem = ""
        if sample_rate != SAMPLE_RATE:
            problem = f"send {SAMPLE_RATE} Hz PCM, not {sample_rate} Hz"
        elif len(hint) > MAX_HINT_CHARS:
            problem = f"the hint is over {MAX_HINT_CHARS} characters"
        if problem:
            await websocket.send_json({"type": "error", "message": problem})
            await websocket.close(code=1003)
            return
        whisper = engine()
        prompt = f"{settings.prompt} {hint}".strip()

        async def decode(newest: Callable[[], np.ndarray], urgent: Callable[[], bool]) -> dict:
            # the voice agent's stream: hint the commands and names (file uploads get no hint)
            return await whisper.stream(newest, language, words, prompt, urgent)

        session = StreamingSession(
            decode, websocket.send_json, find_speech, interim_s=settings.interim_s, reuse_tail_s=settings.reuse_tail_s
        )
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if message.get("bytes") is not None:
                    if len(message["bytes"]) % 2:
                        await websocket.send_json({"type": "error", "message": "PCM must be 16-bit samples"})
                        continue
                    await session.audio(message["bytes"])
                elif '"flush"' in (message.get("text") or ""):
                    await session.flush()
                else:
                    await websocket.send_json({"type": "error", "message": 'send PCM bytes or {"type": "flush"}'})
        except WebSocketDisconnect:
            pass

    return app


def main() -> None:
    serve(build_app, STTSettings())


if __name__ == "__main__":
    main()
