"""Local speech in and out for clients and tests: Piper to speak, faster-whisper to listen.

The agent never uses this module (it goes through the model services); a client or test that
needs to speak a request or check what the agent said does.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from livekit import rtc

from mailvox.models import catalog

SAMPLE_RATE = 16000


@lru_cache(maxsize=1)
def _piper():
    from piper import PiperVoice

    return PiperVoice.load(catalog.require("tts").main_file())


@lru_cache(maxsize=1)
def _whisper():
    from faster_whisper import WhisperModel

    return WhisperModel(str(catalog.require("stt").directory()), device="cpu", compute_type="int8")


def resample(pcm: bytes, rate_in: int, rate_out: int = SAMPLE_RATE) -> bytes:
    if rate_in == rate_out:
        return pcm
    resampler = rtc.AudioResampler(rate_in, rate_out, num_channels=1)
    samples = len(pcm) // 2
    frames = resampler.push(rtc.AudioFrame(pcm, rate_in, 1, samples)) + resampler.flush()
    return b"".join(bytes(f.data) for f in frames)


def synthesize_16k(text: str, *, steady: bool = False) -> bytes:
    """Speech for `text` as 16 kHz mono int16 PCM. Piper varies its delivery a little each time;
    `steady` turns that off, so a test that hangs on a few decibels gets the same audio each run."""
    from piper import SynthesisConfig

    voice = _piper()
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0) if steady else None
    pcm = b"".join(chunk.audio_int16_bytes for chunk in voice.synthesize(text, syn_config=config))
    return resample(pcm, voice.config.sample_rate)


def transcribe_16k(pcm: bytes, language: str = "en") -> str:
    audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
    # beam search: the checking side favours accuracy over speed
    segments, _ = _whisper().transcribe(audio, language=language, beam_size=5)
    return " ".join(s.text.strip() for s in segments).strip()
