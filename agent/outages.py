"""A model service that is down (restarting, crashed, redeployed) costs the caller one
answer, not the call.

LiveKit Agents closes the session after a few failed requests to the STT, LLM or TTS in a
row. A service that restarts comes back in seconds, so here every such error is kept
recoverable and the caller hears a short apology instead of silence. The STT stream is
reopened by LiveKit on its own; the LLM and TTS are asked afresh on the next turn. The
apology for a TTS outage cannot come from the TTS: its audio is synthesized once when the
session starts and kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator

from livekit import rtc
from livekit.agents import AgentSession, APIConnectOptions
from livekit.agents.voice import ErrorEvent, SpeechHandle
from livekit.agents.voice.agent_session import SessionConnectOptions

logger = logging.getLogger("mailvox.agent")

APOLOGIES = {
    "llm_error": "Sorry, I can't answer that right now; part of me is restarting. Ask me again in a moment.",
    "tts_error": "Sorry, my voice is restarting. Give me a moment.",
    "stt_error": "Sorry, I couldn't hear that; my hearing is restarting. Say it again in a moment.",
}
QUIET_AFTER_APOLOGY_S = 10.0  # retries and the other services fail together: one apology
# One quick retry, then the apology: waiting out LiveKit's default three retries would keep
# the caller in silence for six seconds.
_ONE_RETRY = APIConnectOptions(max_retry=1, retry_interval=0.5)
SERVICE_CONN_OPTIONS = SessionConnectOptions(
    stt_conn_options=_ONE_RETRY, llm_conn_options=_ONE_RETRY, tts_conn_options=_ONE_RETRY
)


class OutageApology:
    def __init__(self, session: AgentSession) -> None:
        self.session = session
        self.spoken_apology: list[rtc.AudioFrame] = []
        self.last_apology_at = -QUIET_AFTER_APOLOGY_S
        self.apologies = 0
        self.speech: SpeechHandle | None = None  # the last apology
        session.on("error", self.on_error)

    async def prepare(self) -> None:
        """Synthesize the TTS outage apology while the TTS is up."""
        if self.session.tts is None:
            return
        try:
            async with self.session.tts.synthesize(APOLOGIES["tts_error"]) as stream:
                self.spoken_apology = [event.frame async for event in stream]
        except Exception:  # the TTS is down already: its outage will be met with silence
            logger.warning("could not prepare the spoken apology for a TTS outage", exc_info=True)

    def on_error(self, event: ErrorEvent) -> None:
        kind = getattr(event.error, "type", "")
        if kind not in APOLOGIES:
            return
        logger.warning(
            "the %s service failed (%s); the session goes on",
            kind.removesuffix("_error").upper(),
            type(getattr(event.error, "error", None)).__name__,
        )
        event.error.recoverable = True  # read by the session right after this handler
        now = time.monotonic()
        if now - self.last_apology_at < QUIET_AFTER_APOLOGY_S:
            return
        self.last_apology_at = now
        self.apologies += 1
        # Kept in the conversation: the user heard it, and the LLM should know it was said.
        if kind == "tts_error":
            if self.spoken_apology:
                self.speech = self.session.say(APOLOGIES[kind], audio=self._replay())
            return
        self.speech = self.session.say(APOLOGIES[kind])

    async def _replay(self) -> AsyncIterator[rtc.AudioFrame]:
        for frame in self.spoken_apology:
            yield frame
