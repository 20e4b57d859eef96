"""TTS plugin for the Piper service: PCM is pushed to LiveKit as each chunk arrives."""

from __future__ import annotations

import aiohttp
from livekit.agents import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions, tts, utils

from .http import ServiceClient, connection_error, raise_for_service
from .pieces import FirstClauseTokenizer


class ServiceTTS(tts.TTS):
    def __init__(self, base_url: str, *, sample_rate: int, voice: str | None = None, speed: float = 1.0):
        super().__init__(capabilities=tts.TTSCapabilities(streaming=False), sample_rate=sample_rate, num_channels=1)
        self._client = ServiceClient(base_url)
        self.voice = voice
        self.speed = speed

    @classmethod
    async def connect(cls, base_url: str, **options) -> ServiceTTS:
        """Ask the service for its voice's sample rate, so audio is never played at the wrong speed."""
        async with aiohttp.ClientSession() as session, session.get(f"{base_url.rstrip('/')}/v1/voices") as response:
            await raise_for_service(response, "tts")
            voice = (await response.json())["voices"][0]
        return cls(base_url, sample_rate=voice["sample_rate"], voice=voice["id"], **options)

    @property
    def model(self) -> str:
        return self.voice or "piper"

    @property
    def provider(self) -> str:
        return "mailvox-tts"

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        return _SpeechStream(tts=self, input_text=text, conn_options=conn_options)

    async def aclose(self) -> None:
        await self._client.close()


class PieceByPieceTTS(tts.StreamAdapter):
    """The service's voice fed the answer a piece at a time while the LLM writes it: the first
    clause, then whole sentences (pieces.py). The session's `tts`; speed passes through."""

    def __init__(self, service: ServiceTTS) -> None:
        super().__init__(tts=service, sentence_tokenizer=FirstClauseTokenizer())
        self.service = service

    @property
    def speed(self) -> float:
        return self.service.speed

    @speed.setter
    def speed(self, value: float) -> None:
        self.service.speed = value

    async def aclose(self) -> None:
        await super().aclose()
        await self.service.aclose()


class _SpeechStream(tts.ChunkedStream):
    def __init__(self, *, tts: ServiceTTS, input_text: str, conn_options: APIConnectOptions) -> None:
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._service = tts

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        client = self._service._client
        body = {
            "input": self.input_text,
            "voice": self._service.voice,
            "speed": self._service.speed,
            "response_format": "pcm",
        }
        try:
            async with client.session.post(
                client.url("/v1/audio/speech"),
                json=body,
                timeout=aiohttp.ClientTimeout(total=60, sock_connect=self._conn_options.timeout),
            ) as response:
                await raise_for_service(response, "tts")
                output_emitter.initialize(
                    request_id=utils.shortuuid(),
                    sample_rate=int(response.headers.get("X-Sample-Rate", self._service.sample_rate)),
                    num_channels=1,
                    mime_type="audio/pcm",
                )
                async for chunk in response.content.iter_any():
                    output_emitter.push(chunk)
                output_emitter.flush()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise connection_error("tts", exc) from exc
