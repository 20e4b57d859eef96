"""Whether the agent's voice is reaching the caller now, for the echo gate (issue 21).

LiveKit's agent state stays "speaking" for a whole answer, and on a loaded box the TTS can fall
silent for seconds between two of its sentences. A caller who takes that gap for the end and
speaks has nothing to be mistaken for: no echo comes back from a voice that is not playing.
Counted by the gate as the agent talking, though, their words were silenced (the first call
after the worker started heard "How many unread emails do I have?" as "We unread emails do I
have."). So the agent's audio is followed on its way out: the room plays what it is given in
real time, so each frame handed to it plays from then, or from the end of those before it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from livekit import rtc
from livekit.agents.voice import io

from .webrtc_audio import EchoReference

logger = logging.getLogger(__name__)


class AgentVoice:
    """Knows until when the agent's audio, as handed to the room, plays; `speaking` says what
    the session says (its state), `clock` is monotonic seconds. Given `echo`, lays the audio
    itself on the room's clock too, for the echo canceller."""

    def __init__(
        self,
        speaking: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
        echo: EchoReference | None = None,
    ) -> None:
        self._speaking = speaking
        self._clock = clock
        self.echo = echo
        self._plays_until: float | None = None  # None until a frame of it has been seen
        self._paused_at: float | None = None  # playback held (a possible interruption)
        self.following = False  # the session's output goes through follow()'s

    def playing(self) -> bool:
        """The agent is speaking and its audio is playing now (before a frame of it has been
        seen, the session's state alone: a speech begun before the output was followed)."""
        if not self._speaking():
            return False
        return self._plays_until is None or self._clock() < self._plays_until

    def paused(self) -> None:
        """Playback is held: what was handed over plays later, by as long as it is held (LiveKit
        holds it again on each of its VAD's findings while the driver talks: the first counts)."""
        if self._paused_at is None:
            self._paused_at = self._clock()
        self._tell_echo(lambda echo: echo.paused())

    def resumed(self) -> None:
        if self._paused_at is not None and self._plays_until is not None:
            self._plays_until = max(self._plays_until, self._paused_at) + self._clock() - self._paused_at
        self._paused_at = None
        self._tell_echo(lambda echo: echo.resumed())

    def cleared(self) -> None:
        """The agent was interrupted: what was handed over and not yet played never plays."""
        until = self._clock() if self._paused_at is None else self._paused_at
        if self._plays_until is not None:
            self._plays_until = min(self._plays_until, until)
        self._paused_at = None
        self._tell_echo(lambda echo: echo.cleared())

    def handed_over(self, frame: rtc.AudioFrame) -> None:
        """A frame more of the agent's audio went to the room."""
        now = self._clock() if self._paused_at is None else self._paused_at  # held: resumed() moves it on
        self._plays_until = (now if self._plays_until is None else max(self._plays_until, now)) + frame.duration
        self._tell_echo(lambda echo: echo.handed_over(frame))

    def _tell_echo(self, action: Callable[[EchoReference], None]) -> None:
        """The echo canceller's reference follows the agent's audio; a fault in it must not stop
        that audio: the call goes on without the canceller's reference."""
        if self.echo is None:
            return
        try:
            action(self.echo)
        except Exception:
            logger.exception("the echo canceller's reference failed; the call goes on without it")
            self.echo = None  # handed nothing more, it gives the canceller silence

    def follow(self, output: io.AudioOutput) -> io.AudioOutput:
        """`output` with each frame noted on its way through."""
        self.following = True
        return _FollowedAudioOutput(self, next_in_chain=output)


class _FollowedAudioOutput(io.AudioOutput):
    """Passes the agent's audio on unchanged, noting each frame (as LiveKit's own transcript
    synchronizer wraps the room's output)."""

    def __init__(self, voice: AgentVoice, *, next_in_chain: io.AudioOutput) -> None:
        super().__init__(
            label="AgentVoice", next_in_chain=next_in_chain, capabilities=io.AudioOutputCapabilities(pause=True)
        )
        self._voice = voice

    @property
    def sample_rate(self) -> int | None:
        return self.next_in_chain.sample_rate if self.next_in_chain else self._sample_rate

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        if self.next_in_chain:
            await self.next_in_chain.capture_frame(frame)
        await super().capture_frame(frame)
        self._voice.handed_over(frame)

    def flush(self) -> None:
        super().flush()
        if self.next_in_chain:
            self.next_in_chain.flush()

    def clear_buffer(self) -> None:
        if self.next_in_chain:
            self.next_in_chain.clear_buffer()
        self._voice.cleared()

    def pause(self) -> None:
        super().pause()
        self._voice.paused()

    def resume(self) -> None:
        super().resume()
        self._voice.resumed()
