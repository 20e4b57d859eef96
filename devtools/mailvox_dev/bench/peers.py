"""`mailvox bench peers`: MailVox's speech services and adapters beside their usual peers.

In one run, on one machine, with the same model files and the same audio:
- STT service against wyoming-faster-whisper: the final transcript's latency after the
  speech ends (audio sent at real-time pace, as a caller's speech arrives), the real-time
  factor of a whole-utterance decode (audio sent at once), and the word error rate.
- TTS service against wyoming-piper: time to the first audio and the real-time factor.
- The agent's streaming STT adapter against LiveKit's stock path for a batch STT
  (`stt.StreamAdapter` with Silero VAD around the same service), inside LiveKit Agents: from
  the last frame of speech pushed to the final transcript. Our stream is flushed when the
  same VAD ends the speech, as AgentSession does.
Ratios are peer / MailVox: above 1 means MailVox is faster.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx
import jiwer
from livekit import rtc
from livekit.agents import stt as lk_stt
from livekit.agents.vad import VAD
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.tts import Synthesize

from mailvox.agent.adapters.stt import ServiceSTT
from mailvox.agent.worker import load_vad
from mailvox.models import catalog
from mailvox.speech import synthesize_16k
from mailvox_dev.devservers.process import ManagedProcess, free_port, tcp_open
from mailvox_dev.devservers.stack import ModelService

from .e2e import SCRIPT
from .machine import describe
from .stages import REPLY, SILENCE_S, stt_final_latency, stt_transcription, summary, tts_first_audio_and_rtf

FRAME = 640  # 20 ms of 16 kHz 16-bit mono
# The decode settings of MailVox's STT service, given to the peer too.
WHISPER_ARGS = ["--beam-size", "1", "--compute-type", "int8", "--language", "en"]


class WyomingServer:
    """wyoming-faster-whisper or wyoming-piper on 127.0.0.1, on the profile's model files."""

    def __init__(self, module: str, args: list[str], log_dir: Path) -> None:
        self.port = free_port()
        self.process = ManagedProcess(
            module,
            [sys.executable, "-m", module, "--uri", f"tcp://127.0.0.1:{self.port}", *args],
            log_dir / f"{module}.log",
        )

    def start(self) -> None:
        self.process.start(lambda: tcp_open(self.port), timeout=120)

    def stop(self) -> None:
        self.process.stop()

    def client(self) -> AsyncTcpClient:
        return AsyncTcpClient("127.0.0.1", self.port)


async def wyoming_transcribe(server: WyomingServer, pcm: bytes, paced: bool) -> tuple[str, float, float]:
    """(text, seconds from the end of the audio to the transcript, seconds in all)."""
    audio = pcm + bytes(int(16000 * SILENCE_S) * 2) if paced else pcm
    async with server.client() as client:
        started = time.perf_counter()
        await client.write_event(Transcribe(language="en").event())
        await client.write_event(AudioStart(rate=16000, width=2, channels=1).event())
        for start in range(0, len(audio), FRAME):
            await client.write_event(
                AudioChunk(rate=16000, width=2, channels=1, audio=audio[start : start + FRAME]).event()
            )
            if paced:
                await asyncio.sleep(0.02)
        stopped = time.perf_counter()
        await client.write_event(AudioStop().event())
        while True:
            event = await client.read_event()
            if event is None:
                raise ConnectionError("wyoming-faster-whisper closed the connection")
            if Transcript.is_type(event.type):
                done = time.perf_counter()
                return Transcript.from_event(event).text, done - stopped, done - started


async def wyoming_speak(server: WyomingServer, text: str) -> tuple[float, float]:
    """(time to the first audio, real-time factor)."""
    async with server.client() as client:
        started = time.perf_counter()
        await client.write_event(Synthesize(text=text).event())
        first, seconds = None, 0.0
        while True:
            event = await client.read_event()
            if event is None:
                raise ConnectionError("wyoming-piper closed the connection")
            if AudioChunk.is_type(event.type):
                chunk = AudioChunk.from_event(event)
                first = first or time.perf_counter() - started
                seconds += len(chunk.audio) / (chunk.width * chunk.channels * chunk.rate)
            elif AudioStop.is_type(event.type):
                return first or 0.0, (time.perf_counter() - started) / seconds


def _frames(pcm: bytes) -> list[rtc.AudioFrame]:
    return [
        rtc.AudioFrame(pcm[i : i + FRAME].ljust(FRAME, b"\0"), 16000, 1, FRAME // 2) for i in range(0, len(pcm), FRAME)
    ]


async def livekit_final_latency(make_stt, vad: VAD, pcm: bytes, flush_on_vad: bool) -> float:
    """From the last frame of speech pushed into a LiveKit STT stream to its final transcript,
    speech and then a pause pushed at real-time pace."""
    recognizer = make_stt()
    stream = recognizer.stream()
    speech_end = None
    final = asyncio.get_running_loop().create_future()

    async def finals() -> None:
        async for event in stream:
            text = event.alternatives[0].text.strip() if event.alternatives else ""
            if event.type == lk_stt.SpeechEventType.FINAL_TRANSCRIPT and text and not final.done():
                final.set_result(time.perf_counter())

    async def flush_at_end_of_speech(vad_stream) -> None:
        async for event in vad_stream:
            if event.type.name == "END_OF_SPEECH":
                stream.flush()

    tasks = [asyncio.create_task(finals())]
    vad_stream = vad.stream() if flush_on_vad else None
    if vad_stream is not None:
        tasks.append(asyncio.create_task(flush_at_end_of_speech(vad_stream)))
    try:
        silence = bytes(int(16000 * 1.5) * 2)  # long enough for the VAD to end the speech
        for n, frame in enumerate(_frames(pcm + silence)):
            stream.push_frame(frame)
            if vad_stream is not None:
                vad_stream.push_frame(frame)
            if (n + 1) * FRAME >= len(pcm) and speech_end is None:
                speech_end = time.perf_counter()
            await asyncio.sleep(0.02)
        done = await asyncio.wait_for(final, timeout=60)
        return done - speech_end
    finally:
        for task in tasks:
            task.cancel()
        await stream.aclose()
        if vad_stream is not None:
            await vad_stream.aclose()
        await recognizer.aclose()
        if isinstance(recognizer, lk_stt.StreamAdapter):  # it leaves the STT it wraps open
            await recognizer.wrapped_stt.aclose()


def _wer(reference: list[str], heard: list[str]) -> float:
    clean = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.Strip(), jiwer.RemoveMultipleSpaces()])
    return round(jiwer.wer([clean(r) for r in reference], [clean(h) for h in heard]), 3)


def _ratio(peer: dict, ours: dict) -> float:
    return round(peer["median"] / ours["median"], 2) if ours["median"] else float("nan")


async def _measure(
    urls: dict[str, str], whisper: WyomingServer, piper: WyomingServer, lines: list[str], rounds: int, log
) -> dict:
    audio = {text: synthesize_16k(text) for text in lines}
    vad = load_vad()  # the agent's setting
    samples: dict[str, list[float]] = {}
    heard: dict[str, list[str]] = {"mailvox": [], "wyoming": []}

    adapters = [  # ours, flushed when the VAD ends the speech as AgentSession does; LiveKit's stock path
        (lambda: ServiceSTT(urls["stt"]), True),
        (lambda: lk_stt.StreamAdapter(stt=ServiceSTT(urls["stt"], streaming=False), vad=vad), False),
    ]

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    async with httpx.AsyncClient(timeout=120) as client:
        # one untimed run of each path, so loading (models, the streaming VAD) is not measured
        first = audio[lines[0]]
        await wyoming_transcribe(whisper, first, paced=False)
        await wyoming_speak(piper, REPLY)
        await stt_transcription(client, urls["stt"], first)
        await stt_final_latency(urls["stt"], first)
        await tts_first_audio_and_rtf(client, urls["tts"])
        for make_stt, flush_on_vad in adapters:
            await livekit_final_latency(make_stt, vad, first, flush_on_vad)
        for round_ in range(rounds):
            log(f"    round {round_ + 1} of {rounds}")
            for text in lines:
                pcm = audio[text]
                add("stt_final_after_end_s:mailvox", await stt_final_latency(urls["stt"], pcm))
                add("stt_final_after_end_s:wyoming", (await wyoming_transcribe(whisper, pcm, paced=True))[1])
                our_text, our_rtf = await stt_transcription(client, urls["stt"], pcm)
                add("stt_rtf:mailvox", our_rtf)
                their_text, _, total = await wyoming_transcribe(whisper, pcm, paced=False)
                add("stt_rtf:wyoming", total / (len(pcm) / 32000))
                if round_ == 0:
                    heard["mailvox"].append(our_text)
                    heard["wyoming"].append(their_text)
                for side, (make_stt, flush_on_vad) in zip(("mailvox", "stream_adapter"), adapters, strict=False):
                    add(
                        f"adapter_final_after_speech_s:{side}",
                        await livekit_final_latency(make_stt, vad, pcm, flush_on_vad),
                    )
            for _ in lines[:4]:
                first, rtf = await tts_first_audio_and_rtf(client, urls["tts"])
                add("tts_first_audio_s:mailvox", first)
                add("tts_rtf:mailvox", rtf)
                first, rtf = await wyoming_speak(piper, REPLY)
                add("tts_first_audio_s:wyoming", first)
                add("tts_rtf:wyoming", rtf)

    figures = {name: summary(values) for name, values in samples.items()}
    comparisons = {}
    for metric, peer in (
        ("stt_final_after_end_s", "wyoming"),
        ("stt_rtf", "wyoming"),
        ("tts_first_audio_s", "wyoming"),
        ("tts_rtf", "wyoming"),
        ("adapter_final_after_speech_s", "stream_adapter"),
    ):
        ours, theirs = figures[f"{metric}:mailvox"], figures[f"{metric}:{peer}"]
        comparisons[metric] = {"mailvox": ours, peer: theirs, "ratio_peer_over_mailvox": _ratio(theirs, ours)}
    comparisons["stt_word_error_rate"] = {side: _wer(lines, texts) for side, texts in heard.items()}
    return comparisons


def run(rounds: int, models: dict[str, str], lines: int = len(SCRIPT), log=print) -> dict:
    """`rounds` times through the first `lines` lines of the e2e benchmark's script."""
    said = [text for text, _ in SCRIPT[:lines]]
    stt_model = catalog.require("stt", "cpu")
    voice = catalog.require("tts", "cpu").main_file()
    threads = str(os.cpu_count() or 2)
    log_dir = Path(tempfile.mkdtemp(prefix="mailvox-bench-peers-"))
    peer_args = {
        "wyoming_faster_whisper": [
            "--model",
            str(stt_model.directory()),
            "--data-dir",
            str(log_dir),
            "--cpu-threads",
            threads,
            "--local-files-only",
            *WHISPER_ARGS,
        ],
        "wyoming_piper": ["--voice", voice.stem, "--data-dir", str(voice.parent)],
    }
    parts = [
        ModelService("stt", log_dir),
        ModelService("tts", log_dir),
        WyomingServer("wyoming_faster_whisper", peer_args["wyoming_faster_whisper"], log_dir),
        WyomingServer("wyoming_piper", peer_args["wyoming_piper"], log_dir),
    ]
    started = []
    try:
        for part in parts:
            log(f"==> {getattr(part, 'name', None) or part.process.name}")
            part.start()
            started.append(part)
        stt, tts, whisper, piper = parts
        comparisons = asyncio.run(_measure({"stt": stt.url, "tts": tts.url}, whisper, piper, said, rounds, log))
    finally:
        for part in reversed(started):
            part.stop()
    return {
        "benchmark": "peers",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(line.strip() for line in __doc__.strip().splitlines()[2:]),
        "utterances": said,
        "rounds": rounds,
        "peer_arguments": peer_args,
        "models": models,
        "machine": describe(),
        "comparisons": comparisons,
    }
