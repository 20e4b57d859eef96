"""STT plugin for the faster-whisper service.

Streaming: audio goes to the service while the user speaks and interim transcripts come
back; when LiveKit ends the turn it flushes the stream (manual_flush) and the final
transcript follows, usually at once because the service decoded during the speech.
`recognize()` sends one whole utterance instead.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import aiohttp
from livekit import rtc
from livekit.agents import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions, stt, utils
from livekit.agents.language import LanguageCode
from livekit.agents.types import NOT_GIVEN, NotGivenOr
from livekit.agents.utils import AudioBuffer, is_given

from .http import ServiceClient, connection_error, raise_for_service

SAMPLE_RATE = 16000  # what the service decodes; LiveKit resamples to it


class ServiceSTT(stt.STT):
    def __init__(self, base_url: str, *, language: str = "en", streaming: bool = True) -> None:
        super().__init__(
            capabilities=stt.STTCapabilities(streaming=streaming, interim_results=streaming, manual_flush=streaming)
        )
        self._client = ServiceClient(base_url)
        self.language = language
        # Words the caller is likely to say, for the recognizer (the names in their mail);
        # each new stream (turn) takes the current one.
        self.hint = ""
        self._latest: _ServiceStream | None = None  # the stream the session is feeding now

    def flush_now(self) -> bool:
        """Ask for the final transcript of what the caller has said so far, as LiveKit's own
        flush at a pause does; False when no stream is open."""
        stream = self._latest
        if stream is None or stream._input_ch.closed:
            return False
        stream.flush()
        return True

    def stream(
        self,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.RecognizeStream:
        self._latest = _ServiceStream(
            stt=self, language=language if is_given(language) else self.language, conn_options=conn_options
        )
        return self._latest

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
        form.add_field(
            "file", rtc.combine_audio_frames(buffer).to_wav_bytes(), filename="speech.wav", content_type="audio/wav"
        )
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
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise connection_error("stt", exc) from exc
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            alternatives=[stt.SpeechData(language=LanguageCode(language), text=text)],
        )

    async def aclose(self) -> None:
        await self._client.close()


class _ServiceStream(stt.RecognizeStream):
    def __init__(self, *, stt: ServiceSTT, language: str, conn_options: APIConnectOptions) -> None:
        super().__init__(stt=stt, conn_options=conn_options, sample_rate=SAMPLE_RATE)
        self._service = stt
        self._language = language

    async def _run(self) -> None:
        client = self._service._client
        query = urlencode({"language": self._language} | ({"hint": self._service.hint} if self._service.hint else {}))
        url = client.url(f"/v1/audio/transcriptions/stream?{query}").replace("http", "ws", 1)
        try:
            async with client.session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws:
                sender = asyncio.create_task(self._send(ws))
                try:
                    await self._receive(ws)
                finally:
                    await utils.aio.cancel_and_wait(sender)
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise connection_error("stt", exc) from exc

    async def _send(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for item in self._input_ch:
            if isinstance(item, self._FlushSentinel):
                await ws.send_json({"type": "flush"})
            else:
                await ws.send_bytes(bytes(item.data))
        await ws.send_json({"type": "flush"})  # the receiver stops after this one's final

    async def _receive(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        speaking = False
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            event = message.json()
            if event["type"] == "error":
                raise connection_error("stt", RuntimeError(event["message"]))
            text = event.get("text", "")
            if not speaking and text:
                speaking = True
                self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.START_OF_SPEECH))
            data = [stt.SpeechData(language=LanguageCode(self._language), text=text)]
            if event["type"] == "interim" and text:
                self._event_ch.send_nowait(
                    stt.SpeechEvent(type=stt.SpeechEventType.INTERIM_TRANSCRIPT, alternatives=data)
                )
            elif event["type"] == "final":
                if text:
                    self._event_ch.send_nowait(
                        stt.SpeechEvent(type=stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives=data)
                    )
                if speaking:
                    self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.END_OF_SPEECH))
                speaking = False
                if self._input_ch.closed:
                    return  # the input ended and its last turn is transcribed
        if ws.close_code not in (None, aiohttp.WSCloseCode.OK) and not self._input_ch.closed:
            raise connection_error("stt", RuntimeError(f"stream closed with code {ws.close_code}"))
