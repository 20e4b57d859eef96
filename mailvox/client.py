"""A LiveKit client that talks to MailVox the way a commuter's app does: it joins the user's
room (which dispatches the agent), records what the agent says, and can speak a recording.

Used by the end-to-end tests and by `mailvox call` for trying the demo without a microphone.
"""

from __future__ import annotations

import asyncio
import json
import time
import wave
from pathlib import Path

import numpy as np
from livekit import rtc

from mailvox.settings import LiveKitSettings
from mailvox.tokens import new_room, user_token

SAMPLE_RATE = 16000
FRAME_MS = 20
SPEECH_RMS = 300.0  # int16 RMS above this counts as speech (the agent's or ours)
QUIET_BEFORE_ONSET_S = 0.3  # speech after this much quiet starts a new utterance
AGENT_STATE = "lk.agent.state"  # the state LiveKit Agents publishes on the agent's participant
TRANSCRIPTION_TOPIC = "lk.transcription"  # where LiveKit Agents publish both sides' captions
EVENTS_TOPIC = "mailvox.events"  # the agent's events for the caller's page


class VoiceClient:
    def __init__(
        self, settings: LiveKitSettings, identity: str, room: str | None = None, token: str | None = None
    ) -> None:
        self.settings = settings
        self.identity = identity
        self.room_name = room or new_room(identity)
        self.token = token  # one the portal gave (for `room`); else signed here with settings' secret
        self.room: rtc.Room | None = None
        self.heard = bytearray()  # the agent's audio, 16 kHz mono int16
        self.last_speech_at: float | None = None
        self.onsets: list[float] = []  # when each of the agent's utterances began to arrive
        self.last_speech_sent_at: float | None = None  # when our last speech sample went out
        self.last_audible_at = 0.0  # the last audible frame received (never reset, unlike last_speech_at)
        self._tasks: list[asyncio.Task] = []
        self._streams: list[rtc.AudioStream] = []
        # (speaker identity, text) of each final transcription the agent publishes
        self.transcripts: list[tuple[str, str]] = []
        self.events: list[dict] = []  # the agent's events (JSON objects), as they arrived
        # A short queue: say() paces the frames itself, so a frame is captured when it is due
        # and the time we note for the last one is when it leaves, not when it was queued.
        self._source = rtc.AudioSource(SAMPLE_RATE, 1, queue_size_ms=100)

    async def __aenter__(self) -> VoiceClient:
        await self.join()
        return self

    async def join(self) -> None:
        """Join (or, after the link was lost for good, join again) the room and speak into it."""
        self.room = rtc.Room()

        @self.room.on("track_subscribed")
        def _on_track(track: rtc.Track, *_):
            if track.kind == rtc.TrackKind.KIND_AUDIO:
                self._tasks.append(asyncio.create_task(self._record(track)))

        def _on_transcription(reader: rtc.TextStreamReader, speaker: str) -> None:
            self._tasks.append(asyncio.create_task(self._read_transcription(reader, speaker)))

        def _on_event(reader: rtc.TextStreamReader, _speaker: str) -> None:
            self._tasks.append(asyncio.create_task(self._read_event(reader)))

        self.room.register_text_stream_handler(TRANSCRIPTION_TOPIC, _on_transcription)
        self.room.register_text_stream_handler(EVENTS_TOPIC, _on_event)
        token = self.token or user_token(self.identity, self.settings, room=self.room_name)
        await self.room.connect(self.settings.url, token)
        track = rtc.LocalAudioTrack.create_audio_track("microphone", self._source)
        await self.room.local_participant.publish_track(
            track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        )

    async def __aexit__(self, *exc) -> None:
        # Streams closed and their tasks ended before the room goes: a stream left to the
        # interpreter's exit once made the SDK's native runtime abort the process (SIGABRT).
        for stream in self._streams:
            await stream.aclose()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.room is not None:
            await self.room.disconnect()

    async def _read_transcription(self, reader: rtc.TextStreamReader, speaker: str) -> None:
        text = await reader.read_all()
        if (reader.info.attributes or {}).get("lk.transcription_final") == "true" and text.strip():
            self.transcripts.append((speaker, text.strip()))

    async def _read_event(self, reader: rtc.TextStreamReader) -> None:
        self.events.append(json.loads(await reader.read_all()))

    def heard_from(self, identity: str) -> list[str]:
        """Final transcripts of what `identity` said, as the agent transcribed them."""
        return [text for speaker, text in self.transcripts if speaker == identity]

    def agent_said(self) -> list[str]:
        """Final transcripts of what the agent said (every speaker but this client)."""
        return [text for speaker, text in self.transcripts if speaker != self.identity]

    async def _record(self, track: rtc.Track) -> None:
        stream = rtc.AudioStream(track, sample_rate=SAMPLE_RATE, num_channels=1)
        self._streams.append(stream)
        async for event in stream:
            samples = np.frombuffer(event.frame.data, dtype=np.int16)
            self.heard.extend(samples.tobytes())
            if rms(samples) > SPEECH_RMS:
                now = time.monotonic()
                if now - self.last_audible_at > QUIET_BEFORE_ONSET_S:
                    self.onsets.append(now)
                self.last_audible_at = now
                self.last_speech_at = now

    @property
    def agent_speaking(self) -> bool:
        """Whether the agent says it is still speaking. On a loaded box its TTS can fall silent
        for seconds between two sentences of one answer; a caller who took that gap for the end
        spoke over the greeting and was not heard."""
        if self.room is None:
            return False
        return any(p.attributes.get(AGENT_STATE) == "speaking" for p in self.room.remote_participants.values())

    def _finished(self, since: float | None, quiet_s: float) -> bool:
        return since is not None and time.monotonic() - since > quiet_s and not self.agent_speaking

    async def until_quiet(self, quiet_s: float, timeout: float) -> None:
        """Wait until the agent has made no sound for `quiet_s` and is no longer speaking."""
        deadline = time.monotonic() + timeout
        while not self._finished(self.last_audible_at, quiet_s):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the agent kept talking past {timeout:.0f}s")
            await asyncio.sleep(0.05)

    async def listen(self, quiet_s: float = 2.0, timeout: float = 90.0) -> bytes:
        """Wait for the agent to speak and then finish; returns everything heard since the last
        call (16 kHz mono int16)."""
        start = len(self.heard)
        started_at = time.monotonic()
        self.last_speech_at = None
        deadline = started_at + timeout
        while time.monotonic() < deadline:
            if self._finished(self.last_speech_at, quiet_s):
                return bytes(self.heard[start:])
            await asyncio.sleep(0.1)
        raise TimeoutError(
            f"the agent said nothing within {timeout:.0f}s"
            if self.last_speech_at is None
            else f"the agent kept talking past {timeout:.0f}s"
        )

    async def wait_until_speaking(self, timeout: float = 90.0) -> bytes:
        """Wait until the agent starts to speak; returns what was heard before (for barging in)."""
        start = len(self.heard)
        self.last_speech_at = None
        deadline = time.monotonic() + timeout
        while self.last_speech_at is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the agent said nothing within {timeout:.0f}s")
            await asyncio.sleep(0.05)
        return bytes(self.heard[start:])

    async def say(self, pcm: bytes) -> None:
        """Speak 16 kHz mono int16 audio into the room in real time, then a little silence.
        Notes in `last_speech_sent_at` when the last frame holding speech went out."""
        samples_per_frame = SAMPLE_RATE * FRAME_MS // 1000
        speech = np.frombuffer(pcm, dtype=np.int16)
        audio = np.concatenate([speech, np.zeros(SAMPLE_RATE // 2, np.int16)])
        frames = [audio[i : i + samples_per_frame] for i in range(0, len(audio), samples_per_frame)]
        last_speech_frame = max((n for n, f in enumerate(frames) if rms(f) > SPEECH_RMS), default=0)
        started = time.monotonic()
        for n, chunk in enumerate(frames):
            if len(chunk) < samples_per_frame:
                chunk = np.pad(chunk, (0, samples_per_frame - len(chunk)))
            await asyncio.sleep(max(0.0, started + n * FRAME_MS / 1000 - time.monotonic()))
            await self._source.capture_frame(rtc.AudioFrame(chunk.tobytes(), SAMPLE_RATE, 1, samples_per_frame))
            if n == last_speech_frame:
                self.last_speech_sent_at = time.monotonic()

    async def reply_onset_after(self, moment: float, timeout: float = 90.0) -> float:
        """When the first audible sample of the agent's next utterance after `moment` arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            later = [t for t in self.onsets if t > moment]
            if later:
                return later[0]
            await asyncio.sleep(0.01)
        raise TimeoutError(f"the agent did not answer within {timeout:.0f}s")


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if samples.size else 0.0


def read_wav_16k(path: Path) -> bytes:
    with wave.open(str(path)) as wav:
        if wav.getframerate() != SAMPLE_RATE or wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise ValueError(f"{path}: need 16 kHz mono 16-bit WAV")
        return wav.readframes(wav.getnframes())


def write_wav_16k(path: Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm)
