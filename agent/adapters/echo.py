"""Keeps the agent's own voice, heard back through a speakerphone, from interrupting it (issue 21).

A car's hands-free link or a phone on speaker often has no acoustic echo cancellation, so the
caller's microphone carries the agent's voice back to the agent, some 6 to 20 dB below the
driver's own. The VAD cannot tell that voice from the driver's, and an interruption by it stops
the agent mid-sentence. The agent knows when it is talking, though: while it is (and for the
echo's round trip after), this gate learns how loud the microphone is with only its voice coming
back, and passes only sound clearly and steadily louder than that. Tuned on Piper's voice
(2026-12): with the echo 10 dB below the driver, the echo alone passes nothing and a "wait" gets
0.33 s through, enough for the VAD; at -6 dB the two are too close in level and a "wait" is
gated too (the transcript then still stops the agent, later). The echo alone is silenced before
VAD and STT. The driver's own speech teaches the gate nothing: of a long request said over the
agent, all passes over a faint line and 97% at -20 dB; at -10 dB its loud parts (23%), until
the agent, interrupted, stops talking and the gate opens.
When the agent is quiet the gate is open and changes nothing.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterator

import numpy as np

logger = logging.getLogger(__name__)

BLOCK_S = 0.01  # the gate looks at 10 ms blocks
ECHO_TAIL_S = 0.6  # echo still arrives this long after the agent stops (network and buffers)
HISTORY_BLOCKS = 300  # 3 s of the agent talking: what the microphone hears of its voice
# Until 1 s of it has been heard the gate cannot judge, and silences everything while the
# agent talks (the first second of the echo, or 6 s of a headset call's first words, cannot be
# interrupted).
LEARNED_AFTER_BLOCKS = 100
# What it learns from is the echo, not the quiet before it comes back: on a loaded box the echo
# arrived more than a second after the agent began, the gate had learned the road noise's
# residue as "echo", and the greeting's echo passed for the driver (Whisper heard "archive").
# A block counts once it is this much above the quietest blocks of the talk so far...
ECHO_ABOVE_QUIET_DB = 6.0
QUIET_PERCENTILE = 20
# ...and above this level (-60 dBFS), as noise suppression often leaves digital silence
ECHO_FLOOR = 10 ** (-60 / 20)
# ...unless nothing louder comes back for 6 s of the agent talking (a headset): then the quiet is
# all there is. On a loaded box the greeting's echo came back 1.3 to 2 s after the agent began,
# and a 3 s wait took a later echo for none: the gate then passed all of it, for the whole call.
NO_ECHO_AFTER_BLOCKS = 600
ECHO_PERCENTILE = 99  # the loud end of the echo, not its average
MARGIN_DB = 3.0  # a driver must be this much louder than the loud end of the echo...
LOUD_BLOCKS = (3, 5)  # ...in 3 of 5 blocks running (a vowel; the echo's rare peaks are single)
HOLD_S = 0.35  # once the driver is heard, keep listening through their quieter syllables
ADAPT_STEP = 10 ** (2 / 20)  # +2 dB
# How loud the driver is, from the microphone while the agent is quiet: the loud end of the last
# 20 s of it. While the agent talks, sound more than DRIVER_FLOOR_DB below that is not the driver
# talking to it (a faint echo that noise suppression has left clean enough for the VAD).
DRIVER_HISTORY_BLOCKS = 2000
DRIVER_PERCENTILE = 99
DRIVER_FLOOR_DB = 12.0


class EchoGate:
    """Silences what is only the agent's own voice coming back while the agent talks.

    `agent_talking` says whether the agent is playing audio now; `clock` is monotonic seconds.
    Works on float samples of one stream, at any rate, in place."""

    def __init__(self, agent_talking: Callable[[], bool], clock: Callable[[], float] = time.monotonic) -> None:
        self._agent_talking = agent_talking
        self._clock = clock
        self._talked_until = -1e9
        self._echo_levels: deque[float] = deque(maxlen=HISTORY_BLOCKS)
        self._echo_blocks = 0  # of those, the ones that stood above the quiet: the echo heard
        self._learning_blocks = 0  # blocks heard while learning
        self._open_until = -1e9
        self._recent_loud: deque[bool] = deque(maxlen=LOUD_BLOCKS[1])
        self._driver_levels: deque[float] = deque(maxlen=DRIVER_HISTORY_BLOCKS)
        self.gated_s = 0.0  # echo silenced so far (for the metrics)

    def active(self) -> bool:
        """Whether the agent is talking, or its echo may still be on its way back."""
        now = self._clock()
        if self._agent_talking():
            self._talked_until = now + ECHO_TAIL_S
        return now < self._talked_until

    def threshold(self) -> float | None:
        """The level (RMS of a 10 ms block) a driver must pass now, or None while unknown."""
        if not self._learned:
            return None
        echo = float(np.percentile(self._echo_levels, ECHO_PERCENTILE)) * 10 ** (MARGIN_DB / 20)
        if len(self._driver_levels) < LEARNED_AFTER_BLOCKS:
            return echo
        driver = float(np.percentile(self._driver_levels, DRIVER_PERCENTILE)) / 10 ** (DRIVER_FLOOR_DB / 20)
        return max(echo, driver)

    def _learn(self, level: float) -> None:
        """Still learning: every block goes into the history (its loud end is what counts), and
        the gate has learned once a second of them stood above the quiet of the talk."""
        heard = self._echo_levels  # while learning, the talk so far (its last 3 s)
        heard.append(level)
        self._learning_blocks += 1
        quiet = float(np.percentile(heard, QUIET_PERCENTILE))
        if level > max(quiet * 10 ** (ECHO_ABOVE_QUIET_DB / 20), ECHO_FLOOR):
            self._echo_blocks += 1
        if self._learning_blocks >= NO_ECHO_AFTER_BLOCKS and not self._learned:
            self._echo_blocks = LEARNED_AFTER_BLOCKS  # no echo came back (a headset): the quiet is it
            logger.info("echo gate: no echo heard in %.0f s of the agent talking", self._learning_blocks * BLOCK_S)
        elif self._learned:
            logger.info(
                "echo gate: the echo learned, after %.1f s of the agent talking", self._learning_blocks * BLOCK_S
            )

    @property
    def _learned(self) -> bool:
        return self._echo_blocks >= LEARNED_AFTER_BLOCKS

    def _blocks(self, samples: np.ndarray, sample_rate: int) -> Iterator[tuple[np.ndarray, float]]:
        block = max(1, int(sample_rate * BLOCK_S))
        for start in range(0, samples.size, block):
            part = samples[start : start + block]
            yield part, float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))

    def process(self, samples: np.ndarray, sample_rate: int) -> np.ndarray:
        if not self.active():
            self._driver_levels.extend(level for _, level in self._blocks(samples, sample_rate))
            return samples
        now = self._clock()
        for part, level in self._blocks(samples, sample_rate):
            threshold = self.threshold()
            if threshold is None:
                self._learn(level)
                self.gated_s += part.size / sample_rate
                part[:] = 0
                continue
            self._recent_loud.append(level > threshold)
            if sum(self._recent_loud) >= LOUD_BLOCKS[0]:
                self._open_until = now + HOLD_S  # the driver is speaking over the agent
            if now < self._open_until:
                continue  # the driver, quieter syllables included: it passes and teaches nothing
            # The echo teaches the gate, only up to a little above its threshold: a louder echo
            # path raises it slowly through its lone peaks. (Learning from the driver too raised
            # it 2 dB every few blocks, and cut a long barge-in after its first word.)
            self._echo_levels.append(min(level, threshold * ADAPT_STEP))
            self.gated_s += part.size / sample_rate
            part[:] = 0
        return samples
