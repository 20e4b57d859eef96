"""WebRTC's audio processing on the caller's audio (issue 21): the echo canceller, fed with the
agent's own voice as it plays, and the noise suppressor, in one pass.

A phone on speaker or a car's hands-free link without echo cancellation sends the agent's voice
back to it, 6 to 20 dB below the driver. The agent knows what it is saying, so it can subtract
it: WebRTC's echo canceller (AEC3), which the livekit wheel already carries as
`rtc.AudioProcessingModule`, is fed the agent's audio as it plays (`process_reverse_stream`)
and the caller's as it arrives (`process_stream`), in 10 ms frames.

Measured offline first (bench/results/aec-offline.jsonl: Piper's voice through a speaker and
cabin filter, 10 dB road noise): with the echo 100 to 400 ms behind its reference the VAD heard
none of it at -10 and -6 dB, where it heard 8.9 s of speech on the raw microphone; converged in
0.25 s; 2.7 % of a core at 48 kHz; the driver's words kept. It failed in two ways, and what is
here answers both:
- fed ahead of the playout, or in bursts (the TTS hands the room seconds of audio at once), it
  heard as much echo as with no canceller. So the reference is laid on the room's clock
  (`EchoReference`): each frame plays when the ones before it have, and is handed to the
  canceller only when it plays, 10 ms by 10 ms with the microphone;
- past 550 ms of round trip (a cellular call with a phone's own buffers) it lost the echo. So
  the round trip is estimated from the two signals' levels (`EchoDelay`), and past AEC3's reach
  the reference is held back by all of it but `RESIDUAL_DELAY_S`.

The noise suppressor is WebRTC's own, after the canceller in the same module, in place of
RNNoise: behind the canceller RNNoise turned the road noise that the canceller's suppression had
shaped like the agent's speech into something Silero took for speech (3 barge-ins in 13 s of
noise alone, none without the canceller), and on 20 Piper-spoken commands through Whisper base
WebRTC's did as well or better (WER clean 13.8 %, 5 dB 17.4 %; RNNoise 15.6 and 19.3; none
15.6 and 23.9).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

import numpy as np
from livekit import rtc

logger = logging.getLogger(__name__)

SAMPLE_RATE = 48000  # the caller's audio, as the worker asks for it
FRAME = 480  # the canceller's frame: 10 ms
KEEP_S = 2.0  # reference kept after it played: the longest round trip that can be held back for
# The caller's frames (50 ms) arrive with the event loop's jitter, and after a stall several at
# once: the reference follows them sample by sample, and is re-aligned to the clock only past this.
RESYNC_S = 0.2
# A pause drops what the room's audio source held (LiveKit's queue, up to 200 ms): that never plays.
SOURCE_QUEUE_S = 0.2


class EchoReference:
    """The agent's audio on the room's clock, at 48 kHz: what plays when.

    The room plays what it is given in real time, so a frame handed over plays from then, or
    from the end of those before it. `take` gives the audio that played `hold` seconds before
    the caller's frame arrived, continuously from one call to the next (re-aligned to the clock
    only past `RESYNC_S`). `clock` is monotonic seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._audio = np.zeros(0, np.float32)
        self._handed: list[np.ndarray] = []  # handed over since, joined to _audio when needed
        self._handed_size = 0
        self._starts_at = 0.0  # when _audio[0] plays (or played)
        self._paused_at: float | None = None
        self._queued_until = 0.0  # when what was handed over before the pause ends
        self._read_at: float | None = None  # when the next sample `take` gives played...
        self._read_hold = 0.0  # ...aligned for this hold
        self._resamplers: dict[int, rtc.AudioResampler] = {}
        self.hold = 0.0  # seconds of round trip held back (set from EchoDelay's estimate)

    def _index(self, at: float) -> int:
        return round((at - self._starts_at) * SAMPLE_RATE)

    def _joined(self) -> np.ndarray:
        """All the audio laid down (frames come by the hundred in a burst: joined once, here)."""
        if self._handed:
            self._audio = np.concatenate([self._audio, *self._handed])
            self._handed, self._handed_size = [], 0
        return self._audio

    def handed_over(self, frame: rtc.AudioFrame) -> None:
        """A frame of the agent's audio went to the room: it plays after what came before it, or
        from now (while playback is held, from when it was held: `resumed` moves it on)."""
        samples = self._at_our_rate(frame)
        now = self._clock()
        from_ = now if self._paused_at is None else self._paused_at
        ends_at = self._starts_at + (self._audio.size + self._handed_size) / SAMPLE_RATE
        if ends_at < from_ - KEEP_S:
            self._audio, self._handed, self._handed_size = np.zeros(0, np.float32), [], 0
            self._starts_at = ends_at = from_  # after a long quiet
        if ends_at < from_:
            self._handed.append(np.zeros(round((from_ - ends_at) * SAMPLE_RATE), np.float32))  # a short quiet
            self._handed_size += self._handed[-1].size
        self._handed.append(samples)
        self._handed_size += samples.size
        if self._handed_size > SAMPLE_RATE * 60:  # no caller audio takes it (a muted caller)
            self._joined()
            self._forget_played(now)

    def _at_our_rate(self, frame: rtc.AudioFrame) -> np.ndarray:
        frames = [frame]
        if frame.sample_rate != SAMPLE_RATE:
            resampler = self._resamplers.setdefault(
                frame.sample_rate, rtc.AudioResampler(frame.sample_rate, SAMPLE_RATE, num_channels=1)
            )
            frames = resampler.push(frame)
        pcm = [np.frombuffer(f.data, np.int16)[:: f.num_channels] for f in frames]
        return (np.concatenate(pcm) if pcm else np.zeros(0, np.int16)).astype(np.float32) / 32768.0

    def paused(self) -> None:
        """Playback is held (LiveKit holds it again on each of its VAD's findings while the
        driver talks: the first counts)."""
        if self._paused_at is None:
            self._paused_at = self._clock()
            self._queued_until = self._starts_at + (self._audio.size + self._handed_size) / SAMPLE_RATE

    def resumed(self) -> None:
        """Playback goes on: what was not played when it was held plays from now, less what the
        room's audio source held then (dropped; audio handed over while held was not in it)."""
        if self._paused_at is None:
            return
        audio = self._joined()
        at = min(max(self._index(self._paused_at), 0), audio.size)
        queued = min(self._queued_until, self._paused_at + SOURCE_QUEUE_S)
        dropped = min(max(self._index(queued), at), audio.size)
        gap = np.zeros(round((self._clock() - self._paused_at) * SAMPLE_RATE), np.float32)
        self._audio = np.concatenate([audio[:at], gap, audio[dropped:]])
        self._paused_at = None

    def cleared(self) -> None:
        """The agent was interrupted: what was handed over and not yet played never plays (held,
        nothing played since it was held)."""
        until = self._clock() if self._paused_at is None else self._paused_at
        audio = self._joined()
        self._audio = audio[: min(max(self._index(until), 0), audio.size)]
        self._paused_at = None

    def _between(self, start: float, count: int) -> np.ndarray:
        out = np.zeros(count, np.float32)
        first = self._index(start)
        if first + count > self._audio.size:
            self._joined()
        have = self._audio[max(first, 0) : max(first + count, 0)]
        out[max(-first, 0) : max(-first, 0) + have.size] = have
        if self._paused_at is not None:  # nothing plays while held
            out[max(self._index(self._paused_at) - first, 0) :] = 0
        return out

    def take(self, count: int) -> tuple[np.ndarray, np.ndarray]:
        """For a frame of `count` caller samples arriving now: the agent's audio held back by
        `hold` (for the canceller), and what played over the same span (for the delay)."""
        now = self._clock()
        span = count / SAMPLE_RATE
        start = now - self.hold - span
        if self._read_at is None or self._read_hold != self.hold or abs(self._read_at - start) > RESYNC_S:
            self._read_at, self._read_hold = start, self.hold
        held = self._between(self._read_at, count)
        self._read_at += span
        played = self._between(now - span, count) if self.hold else held
        self._forget_played(now)
        return held, played

    def _forget_played(self, now: float) -> None:
        """Drop what played more than KEEP_S ago (never what waits for a held playback)."""
        until = now - KEEP_S if self._paused_at is None else min(now - KEEP_S, self._paused_at)
        old = min(max(self._index(until), 0), self._audio.size)
        if old:
            self._audio = self._audio[old:]  # a view: nothing copied
            self._starts_at += old / SAMPLE_RATE


# The round trip, from 10 ms levels of the two signals (above 300 Hz, where speech is and road
# rumble is not), by normalized cross-correlation over up to the last 4 s, every half second.
LEVEL_FLOOR_DB = -70.0
WINDOW_BLOCKS = 400
MIN_WINDOW_BLOCKS = 100  # an estimate looks at a second at least...
MAX_LAG_BLOCKS = 150  # ...for a round trip up to 1.5 s (shorter ones first, as the talk begins)
ESTIMATE_EVERY_BLOCKS = 50
TALKING_DB = -45.0  # a block of the reference this loud is the agent talking...
TALKING_BLOCKS = 50  # ...and an estimate needs half a second of it in the window...
RECENT_BLOCKS, RECENT_TALKING_BLOCKS = 100, 20  # ...and some in its last second (not a driver's turn)
NOW_BLOCKS, NOW_TALKING_BLOCKS = 50, 10  # and the agent is talking now
CONFIDENT_CORRELATION = 0.6


def speech_level_db(samples: np.ndarray) -> float:
    """The level of a block above a few hundred hertz (a first difference), in dBFS."""
    if samples.size < 2:
        return LEVEL_FLOOR_DB
    rms = float(np.sqrt(np.mean(np.diff(samples.astype(np.float64)) ** 2)))
    return max(20 * np.log10(rms) if rms > 0 else LEVEL_FLOOR_DB, LEVEL_FLOOR_DB)


class EchoDelay:
    """How long the agent's audio takes to come back in the caller's microphone."""

    def __init__(self) -> None:
        size = WINDOW_BLOCKS + MAX_LAG_BLOCKS
        self._played: deque[float] = deque(maxlen=size)
        self._heard: deque[float] = deque(maxlen=size)
        self._since_estimate = 0

    def add(self, played: np.ndarray, heard: np.ndarray) -> float | None:
        """Add a 10 ms block of each; now and then returns the round trip in seconds, when the
        window holds enough of the agent talking and its echo stands out clearly."""
        self._played.append(speech_level_db(played))
        self._heard.append(speech_level_db(heard))
        self._since_estimate += 1
        if self._since_estimate < ESTIMATE_EVERY_BLOCKS or len(self._played) < 2 * MIN_WINDOW_BLOCKS:
            return None
        self._since_estimate = 0
        return self.estimate()

    def estimate(self) -> float | None:
        played, heard = np.array(self._played), np.array(self._heard)
        if np.count_nonzero(played[-NOW_BLOCKS:] > TALKING_DB) < NOW_TALKING_BLOCKS:
            return None  # only while the agent talks: after it, the driver's reply passes for an echo
        size = min(WINDOW_BLOCKS, max(played.size - MAX_LAG_BLOCKS, MIN_WINDOW_BLOCKS))
        window = heard[-size:]
        best_lag, best = 0, -1.0
        for lag in range(min(MAX_LAG_BLOCKS, played.size - size) + 1):
            source = played[played.size - size - lag : played.size - lag]
            talking = source > TALKING_DB
            if (
                np.count_nonzero(talking) < TALKING_BLOCKS
                or np.count_nonzero(talking[-RECENT_BLOCKS:]) < RECENT_TALKING_BLOCKS
            ):
                continue  # the agent's turn ended: the driver's reply would pass for its echo
            # Only where the agent talked: an echo follows its syllables there; a reply that
            # merely begins as the agent ends lines up one burst with another, and nothing more.
            said, came_back = source[talking] - source[talking].mean(), window[talking] - window[talking].mean()
            norm = float(np.linalg.norm(said) * np.linalg.norm(came_back))
            correlation = float(said @ came_back) / norm if norm else 0.0
            if correlation > best:
                best_lag, best = lag, correlation
        return best_lag * FRAME / SAMPLE_RATE if best >= CONFIDENT_CORRELATION else None


# AEC3 follows the echo itself while it comes back this long after the reference it is given
# (offline: none heard from 0 to 400 ms)...
RESIDUAL_RANGE_S = (0.0, 0.4)
# ...so the hold moves only when the round trip leaves that range (live, the round trip wandered
# from 0.16 to 0.48 s between answers, and a hold that followed it restarted the canceller each
# time, which let the echo through), and then leaves the canceller the middle of it: the round
# trip may shrink by as much before the echo comes ahead of its reference, where AEC3 can do
# nothing.
RESIDUAL_DELAY_S = 0.2
HOLD_CHANGE_S = 0.05  # estimates this close agree
AGREEING_ESTIMATES = 3  # estimates in a row that agree, to move the hold


class WebRTCAudioProcessing:
    """WebRTC's audio processing on one caller's audio: AEC3 fed with the agent's voice (given
    `reference`) and its noise suppressor (when `suppress_noise`), after a high-pass filter.
    Float samples at 48 kHz in, as many out; the worker's frames are whole 10 ms frames (50 ms),
    and a part short of one passes unchanged."""

    def __init__(self, reference: EchoReference | None, *, suppress_noise: bool = True) -> None:
        self._reference = reference
        self._suppress_noise = suppress_noise
        self._apm = self._fresh()
        self._delay = EchoDelay()
        self.round_trip_s: float | None = None  # the latest estimate
        self._agreeing = 0  # estimates in a row that agree with it
        self.energy_in = 0.0  # the caller's audio energy while the agent's voice plays...
        self.energy_out = 0.0  # ...and after processing

    def _fresh(self) -> rtc.AudioProcessingModule:
        return rtc.AudioProcessingModule(
            echo_cancellation=self._reference is not None,
            noise_suppression=self._suppress_noise,
            high_pass_filter=True,
        )

    def process(self, samples: np.ndarray) -> np.ndarray:
        out = samples.astype(np.float32, copy=True)
        held, played = self._reference.take(samples.size) if self._reference is not None else (None, None)
        for start in range(0, samples.size - FRAME + 1, FRAME):
            part = slice(start, start + FRAME)
            frame = float_frame(out[part])
            if held is not None:
                self._apm.process_reverse_stream(float_frame(held[part]))
            self._apm.process_stream(frame)
            cleaned = frame_floats(frame)
            if played is not None:
                self._follow_echo(played[part], out[part], cleaned)
            out[part] = cleaned
        return out

    def _follow_echo(self, played: np.ndarray, heard: np.ndarray, cleaned: np.ndarray) -> None:
        """Count what was taken out while the agent's voice played, and estimate the round trip."""
        if played.any():
            self.energy_in += float(np.sum(heard.astype(np.float64) ** 2))
            self.energy_out += float(np.sum(cleaned.astype(np.float64) ** 2))
        round_trip = self._delay.add(played, heard)
        if round_trip is not None:
            self.follow_round_trip(round_trip)

    def follow_round_trip(self, round_trip: float) -> None:
        """A new estimate of the round trip. The hold moves once AGREEING_ESTIMATES in a row
        agree (one wrong estimate, turn-taking taken for an echo, moved it live) and the round trip
        has left the range AEC3 follows: each move costs the canceller its filter."""
        if self.round_trip_s is not None and abs(round_trip - self.round_trip_s) <= HOLD_CHANGE_S:
            self._agreeing += 1
        else:
            self._agreeing = 1
        self.round_trip_s = round_trip
        assert self._reference is not None
        residual = round_trip - self._reference.hold
        within = RESIDUAL_RANGE_S[0] <= residual <= RESIDUAL_RANGE_S[1]
        hold = max(0.0, round_trip - RESIDUAL_DELAY_S) if round_trip > RESIDUAL_RANGE_S[1] else 0.0
        if self._agreeing >= AGREEING_ESTIMATES and not within and abs(hold - self._reference.hold) > HOLD_CHANGE_S:
            logger.info("echo round trip %.2f s: the agent's voice is held back %.2f s", round_trip, hold)
            self._reference.hold = hold
            # a fresh canceller (converged within 0.25 s offline): one whose reference jumped
            # went on suppressing, and a driver's "wait" 3 s later was lost
            self._apm = self._fresh()


def float_frame(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> rtc.AudioFrame:
    """A mono frame of float samples in [-1, 1]."""
    pcm = np.clip(np.round(samples * 32768.0), -32768, 32767).astype(np.int16)
    return rtc.AudioFrame(pcm.tobytes(), sample_rate, 1, samples.size)


def frame_floats(frame: rtc.AudioFrame) -> np.ndarray:
    """A mono frame's samples as floats in [-1, 1]."""
    return np.frombuffer(frame.data, np.int16).astype(np.float32) / 32768.0
