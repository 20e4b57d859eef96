"""Streaming recognition for one client: PCM in while the user speaks, interim transcripts
out, and a final transcript as soon as the client says the turn ended (flush).

Whisper decodes a whole window per call (about 0.8 s for the base model on 2 CPU cores,
whatever the length), so waiting for the end of speech to start decoding would put that
whole cost after the user stops. Instead the segment is re-decoded every `interim_s` of new
audio while the user talks; at the flush, if the newest interim already covers all but a
quiet tail, it is the final transcript at once, and only otherwise is one more decode run.

A voice agent streams every frame, the silence while it talks included, so until a speech
detector finds the user speaking only a short pre-roll is kept and nothing is decoded: each
decode covers the user's words alone (not ten seconds of silence before them, which cost more
and made Whisper hallucinate "you"), and a turn with no speech ends without a decode.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import numpy as np

SAMPLE_RATE = 16000
PREROLL_S = 0.3  # audio kept before the detected start of speech
VAD_STEP_S = 0.2  # how often the speech detector looks at new audio before speech is found
PAUSE_S = 0.25  # this much quiet after undecoded speech: decode now, the user may be done


def _loudest(audio: np.ndarray) -> float:
    """The RMS of the loudest 20 ms in `audio`: one short word in a second of quiet counts."""
    frame = SAMPLE_RATE // 50
    if audio.size < frame:
        return float(np.sqrt(np.mean(audio**2))) if audio.size else 0.0
    frames = audio[: audio.size // frame * frame].reshape(-1, frame)
    return float(np.sqrt(np.mean(frames**2, axis=1)).max())


class Segment:
    """The audio of the current utterance and what has been decoded of it."""

    def __init__(self) -> None:
        self.chunks: list[np.ndarray] = []
        self.samples = 0
        self.decoded_samples = 0  # how much audio the last decode covered
        self.decoded: dict | None = None
        self.peak_rms = 0.0
        self.has_speech = False  # the speech detector found the user speaking in it
        self.checked_samples = 0  # how much audio the speech detector has seen

    def add(self, pcm: bytes) -> None:
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        if audio.size:
            self.chunks.append(audio)
            self.samples += audio.size
            self.peak_rms = max(self.peak_rms, float(np.sqrt(np.mean(audio**2))))

    def audio(self) -> np.ndarray:
        if len(self.chunks) > 1:
            self.chunks = [np.concatenate(self.chunks)]
        return self.chunks[0] if self.chunks else np.zeros(0, dtype=np.float32)

    def keep_from(self, start: int) -> None:
        """Drop the audio before sample `start` (nothing of it has been decoded yet)."""
        self.chunks = [self.audio()[max(0, start) :]]
        self.samples = self.chunks[0].size
        self.checked_samples = self.samples

    def paused_after_speech(self, pause_s: float) -> bool:
        """The last `pause_s` is quiet and the undecoded audio before it holds speech: the
        moment to decode, so the transcript is ready if the turn ends here."""
        audio = self.audio()
        pause = int(pause_s * SAMPLE_RATE)
        before = audio[self.decoded_samples : audio.size - pause]
        return (
            before.size > 0
            and _loudest(audio[-pause:]) < 0.2 * self.peak_rms
            and _loudest(before) >= 0.2 * self.peak_rms
        )

    def undecoded_tail_is_quiet(self, max_tail_s: float) -> bool:
        """True when the audio after the last decode is short and much quieter than speech."""
        tail = self.audio()[self.decoded_samples :]
        if tail.size > max_tail_s * SAMPLE_RATE:
            return False
        if tail.size == 0:
            return True
        return _loudest(tail) < 0.2 * self.peak_rms


# A decode of the session's audio: `newest` gives the audio when the decode starts (an engine
# that is behind then decodes the newest audio, not what there was when it was asked for);
# `urgent` says whether the caller now waits on it (the turn ended).
Decode = Callable[[Callable[[], np.ndarray], Callable[[], bool]], Awaitable[dict]]


class StreamingSession:
    def __init__(
        self,
        decode: Decode,
        send: Callable[[dict], Awaitable[None]],
        speech_start: Callable[[np.ndarray], Awaitable[int | None]],
        interim_s: float = 0.6,
        reuse_tail_s: float = 1.5,
        min_speech_s: float = 0.3,
    ) -> None:
        self.decode = decode
        self.send = send
        self.speech_start = speech_start
        self.interim_s = interim_s
        self.reuse_tail_s = reuse_tail_s
        self.min_speech_s = min_speech_s
        self.segment = Segment()
        self._decoding: asyncio.Task | None = None
        self._flushing = False  # the turn ended: an interim still waiting to be decoded is the final

    async def _decode_now(self) -> None:
        segment = self.segment
        covered = 0

        def newest() -> np.ndarray:
            nonlocal covered
            covered = segment.samples
            return segment.audio()[:covered].copy()

        result = await self.decode(newest, lambda: self._flushing)
        if segment is self.segment:  # a flush may have started a new segment meanwhile
            segment.decoded, segment.decoded_samples = result, covered
            await self.send({"type": "interim", "text": result["text"], "audio_s": covered / SAMPLE_RATE})

    async def _look_for_speech(self) -> None:
        segment = self.segment
        if (segment.samples - segment.checked_samples) < VAD_STEP_S * SAMPLE_RATE:
            return
        start = await self.speech_start(segment.audio())
        preroll = int(PREROLL_S * SAMPLE_RATE)
        if start is None:
            segment.keep_from(segment.samples - preroll)
        else:
            segment.keep_from(start - preroll)
            segment.has_speech = True

    async def audio(self, pcm: bytes) -> None:
        self.segment.add(pcm)
        if not self.segment.has_speech:
            await self._look_for_speech()
            if not self.segment.has_speech:
                return
        if self._decoding is not None and not self._decoding.done():
            return  # one decode at a time; the pause check (a scan of the audio) can wait too
        new_audio = (self.segment.samples - self.segment.decoded_samples) / SAMPLE_RATE
        due = new_audio >= self.interim_s or (new_audio >= PAUSE_S and self.segment.paused_after_speech(PAUSE_S))
        if self.segment.samples >= self.min_speech_s * SAMPLE_RATE and due:
            self._decoding = asyncio.create_task(self._decode_now())

    async def flush(self) -> None:
        """The turn ended: send the final transcript of the segment and start a new one."""
        flushed_at = time.perf_counter()
        if self._decoding is not None:
            self._flushing = True
            try:
                await self._decoding
            finally:
                self._flushing = False
        segment, self.segment = self.segment, Segment()
        if not segment.has_speech:
            segment.has_speech = await self.speech_start(segment.audio()) is not None
        if not segment.has_speech or (segment.samples < self.min_speech_s * SAMPLE_RATE and segment.decoded is None):
            await self.send({"type": "final", "text": "", "reused_interim": False, "finalize_ms": 0.0})
            return
        reused = segment.decoded is not None and segment.undecoded_tail_is_quiet(self.reuse_tail_s)
        if reused and segment.decoded is not None:
            result = segment.decoded
        else:
            result = await self.decode(segment.audio, lambda: True)
        await self.send(
            {
                "type": "final",
                "text": result["text"],
                "words": result.get("words", []),
                "reused_interim": reused,
                "finalize_ms": round((time.perf_counter() - flushed_at) * 1000, 1),
                "audio_s": segment.samples / SAMPLE_RATE,
            }
        )
