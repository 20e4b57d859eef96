"""What the agent does to the caller's audio before its VAD and STT hear it (issue 21): noise
suppression, then the echo gate. Plugged in as RoomIO's audio frame processor (the hook LiveKit
Agents gives `noise_cancellation`), so the VAD, the interruption logic and the STT all get the
cleaned audio; what it costs goes to the metrics.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from livekit import rtc

from ..metrics import ECHO_GATED_SECONDS, SUPPRESSION_AUDIO_SECONDS, SUPPRESSION_CPU_SECONDS
from .echo import EchoGate
from .noise import RNNoise

logger = logging.getLogger(__name__)


class CallerAudioProcessor(rtc.FrameProcessor[rtc.AudioFrame]):
    """Suppresses noise (when `suppress_noise`) and gates the agent's own echo (when `echo_gate`
    is given) in each frame of the caller's track. Frames at another rate than the
    suppressor's pass unsuppressed (the worker asks LiveKit for 48 kHz)."""

    def __init__(self, *, suppress_noise: bool = True, echo_gate: EchoGate | None = None) -> None:
        self._enabled = True
        self._suppressor = RNNoise() if suppress_noise else None
        self._echo_gate = echo_gate
        self._gated_reported = 0.0
        self._warned_rate = False

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = value

    def _process(self, frame: rtc.AudioFrame) -> rtc.AudioFrame:
        if frame.num_channels != 1:
            return frame  # RoomIO asks for mono; anything else is not ours to change
        samples = np.frombuffer(frame.data, dtype=np.int16).astype(np.float32) / 32768.0
        if self._suppressor is not None:
            if frame.sample_rate == self._suppressor.sample_rate:
                started = time.process_time()
                samples = self._suppressor.process(samples)
                SUPPRESSION_CPU_SECONDS.inc(time.process_time() - started)
                SUPPRESSION_AUDIO_SECONDS.inc(frame.duration)
            elif not self._warned_rate:
                self._warned_rate = True
                logger.warning("caller audio at %d Hz passes unsuppressed", frame.sample_rate)
        if self._echo_gate is not None:
            samples = self._echo_gate.process(samples, frame.sample_rate)
            ECHO_GATED_SECONDS.inc(self._echo_gate.gated_s - self._gated_reported)
            self._gated_reported = self._echo_gate.gated_s
        pcm = np.clip(np.round(samples * 32768.0), -32768, 32767).astype(np.int16)
        return rtc.AudioFrame(pcm.tobytes(), frame.sample_rate, 1, frame.samples_per_channel)

    def _close(self) -> None:
        if self._suppressor is not None:
            self._suppressor.close()
