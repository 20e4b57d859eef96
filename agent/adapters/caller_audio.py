"""What the agent does to the caller's audio before its VAD and STT hear it (issue 21): WebRTC's
echo canceller, fed with the agent's own voice, and its noise suppressor, in one pass on the
microphone as it is (where the echo is still a linear copy of the agent's voice); then the echo
gate for what is left of that voice. Plugged in as RoomIO's audio frame processor (the hook
LiveKit Agents gives `noise_cancellation`), so the VAD, the interruption logic and the STT all get
the cleaned audio; what it costs goes to the metrics.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from livekit import rtc

from ..metrics import (
    ECHO_CANCELLER_ENERGY_IN,
    ECHO_CANCELLER_ENERGY_OUT,
    ECHO_GATED_SECONDS,
    ECHO_ROUND_TRIP_SECONDS,
    PROCESSED_AUDIO_SECONDS,
    PROCESSING_CPU_SECONDS,
)
from .echo import EchoGate
from .webrtc_audio import SAMPLE_RATE, EchoReference, WebRTCAudioProcessing, float_frame, frame_floats

logger = logging.getLogger(__name__)


class CallerAudioProcessor(rtc.FrameProcessor[rtc.AudioFrame]):
    """Cancels the agent's own echo (given `echo_reference`, its voice as it plays), suppresses
    noise (when `suppress_noise`) and gates what is left of the echo (given `echo_gate`) in each
    frame of the caller's track. Frames at another rate than 48 kHz pass unprocessed (the worker
    asks LiveKit for 48 kHz)."""

    def __init__(
        self,
        *,
        suppress_noise: bool = True,
        echo_gate: EchoGate | None = None,
        echo_reference: EchoReference | None = None,
    ) -> None:
        self._enabled = True
        self.processing = (
            WebRTCAudioProcessing(echo_reference, suppress_noise=suppress_noise)
            if suppress_noise or echo_reference is not None
            else None
        )
        self._echo_gate = echo_gate
        self._gated_reported = 0.0
        self._energy_reported = (0.0, 0.0)
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
        samples = frame_floats(frame)
        if self.processing is not None:
            if frame.sample_rate == SAMPLE_RATE:
                samples = self._processed(samples, frame.duration)
            elif not self._warned_rate:
                self._warned_rate = True
                logger.warning("caller audio at %d Hz passes unprocessed", frame.sample_rate)
        if self._echo_gate is not None:
            samples = self._echo_gate.process(samples, frame.sample_rate)
            ECHO_GATED_SECONDS.inc(self._echo_gate.gated_s - self._gated_reported)
            self._gated_reported = self._echo_gate.gated_s
        return float_frame(samples, frame.sample_rate)

    def _processed(self, samples: np.ndarray, duration: float) -> np.ndarray:
        assert self.processing is not None
        # this thread's CPU only: the process's would count LiveKit's own threads and the VAD's
        started = time.thread_time()
        samples = self.processing.process(samples)
        PROCESSING_CPU_SECONDS.inc(time.thread_time() - started)
        PROCESSED_AUDIO_SECONDS.inc(duration)
        energy = (self.processing.energy_in, self.processing.energy_out)
        ECHO_CANCELLER_ENERGY_IN.inc(energy[0] - self._energy_reported[0])
        ECHO_CANCELLER_ENERGY_OUT.inc(energy[1] - self._energy_reported[1])
        self._energy_reported = energy
        if self.processing.round_trip_s is not None:
            ECHO_ROUND_TRIP_SECONDS.set(self.processing.round_trip_s)
        return samples

    def _close(self) -> None:
        pass  # WebRTC's processing is freed with its handle
