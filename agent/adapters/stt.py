"""STT plugin for the faster-whisper service.

Whole utterances are sent when the VAD says the user stopped speaking (LiveKit wraps a
non-streaming STT in its StreamAdapter with the session's VAD).
"""

from __future__ import annotations

import asyncio

import aiohttp
from livekit import rtc
from livekit.agents import APIConnectOptions, stt
from livekit.agents.language import LanguageCode
from livekit.agents.types import NOT_GIVEN, NotGivenOr
from livekit.agents.utils import AudioBuffer, is_given

from .http import ServiceClient, connection_error, raise_for_service


class ServiceSTT(stt.STT):
    def __init__(self, base_url: str, *, language: str = "en") -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self._client = ServiceClient(base_url)
        self.language = language

    @property
    def model(self) -> str:
        return "whisper"

    @property
    def provider(self) -> str:
        return "mailvox-stt"

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        language = language if is_given(language) else self.language
        form = aiohttp.FormData()
        form.add_field("file", rtc.combine_audio_frames(buffer).to_wav_bytes(), filename="speech.wav", content_type="audio/wav")
        form.add_field("language", language)
        form.add_field("response_format", "json")
        try:
            async with self._client.session.post(
                self._client.url("/v1/audio/transcriptions"),
                data=form,
                timeout=aiohttp.ClientTimeout(total=30, sock_connect=conn_options.timeout),
            ) as response:
                await raise_for_service(response, "stt")
                text = (await response.json())["text"]
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise connection_error("stt", exc) from exc
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            alternatives=[stt.SpeechData(language=LanguageCode(language), text=text)],
        )

    async def aclose(self) -> None:
        await self._client.close()
