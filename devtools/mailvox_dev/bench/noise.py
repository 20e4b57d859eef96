"""`mailvox bench noise`: commands, barge-in and echo in a car (issue 21).

Recognition: labelled requests from the intent test set (phrasings/test.jsonl, ones whose typed
text is understood), spoken by Piper and mixed with the synthetic car noise of carnoise.py at
clean, 10, 5 and 0 dB SNR, go to the STT service's streaming endpoint (the agent's own path,
with its prompt) with and without the worker's noise suppressor (WebRTC's, as the agent's
caller-audio processor runs it) in front; WER against the text and intent accuracy through `understand`.
The agent's chain: the same processor (suppression, echo gate) and LiveKit's Silero VAD with
the worker's interruption rule (speech of at least INTERRUPTION_MIN_S) on noise alone, on the
agent's voice fed back at -20, -10 and -6 dB, and on a "wait" spoken over both.
Spoken through livekit-server: one caller whose microphone carries road noise all the time
(and, in the echo stretches, the agent's voice as it arrives, scaled); barge-ins are counted by
the worker itself (mailvox_agent_barge_ins_total), the time to stop after "wait" at the caller.
Suppression's cost: CPU seconds per second of audio on this machine, and its look-ahead.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp
import jiwer
import numpy as np
from livekit import rtc
from livekit.agents.vad import VAD
from prometheus_client.parser import text_string_to_metric_families

from mailvox.agent.adapters.caller_audio import CallerAudioProcessor
from mailvox.agent.adapters.echo import EchoGate
from mailvox.agent.adapters.webrtc_audio import SAMPLE_RATE as SUPPRESSION_RATE
from mailvox.agent.adapters.webrtc_audio import EchoReference, WebRTCAudioProcessing
from mailvox.agent.conversation.understanding import PHRASINGS, load_phrasings, understand
from mailvox.agent.worker import INTERRUPTION_MIN_S, load_vad
from mailvox.client import VoiceClient, rms
from mailvox.speech import resample, synthesize_16k

from . import carnoise
from .e2e import Stack
from .machine import describe

SNRS: tuple[float | None, ...] = (None, 10, 5, 0)
ECHO_DB = (-20, -10, -6)
COMMANDS = 20
BARGE_IN_NOISE_SNR = 0.0  # noise-only stretches at the level of the worst mix in the set
TARGETS = {
    "wer_points_over_clean_at_5db": 5.0,
    "intent_accuracy_at_5db": 0.9,
    "false_barge_ins_per_10_min_noise": 0,
    "echo_barge_ins_at_minus_10db": 0,
    "stop_after_wait_s": 0.5,
    "suppression_core_share": 0.15,
    "suppression_added_ms": 20,
}
# An email long enough to talk over, and what makes the agent read it.
LONG_ANSWER = "Read me the email from Sarah."
AGENT_ECHO_TEXT = (
    "Sarah wrote about the quarterly numbers. She needs the revised forecast by Thursday, and asks "
    "whether the vendor contract can wait until next month. She also mentions the offsite in March "
    "and would like a headcount by Friday."
)


def command_set(count: int = COMMANDS) -> list:
    """Labelled phrasings whose typed text is understood, spread over the whole test set."""
    typed_right = [p for p in load_phrasings(PHRASINGS / "test.jsonl") if understand(p.text).name == p.intent]
    step = max(1, len(typed_right) // count)
    return typed_right[::step][:count]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", " ")).split())


def _to_float(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0


def _to_pcm(samples: np.ndarray) -> bytes:
    return np.clip(np.round(samples * 32768.0), -32768, 32767).astype(np.int16).tobytes()


def suppressed_16k(pcm: bytes) -> bytes:
    """`pcm` (16 kHz) through the worker's noise suppressor at 48 kHz and back."""
    up = resample(pcm + bytes(2 * 16000 // 10), 16000, SUPPRESSION_RATE)  # 0.1 s more to flush
    out = _to_pcm(WebRTCAudioProcessing(None, suppress_noise=True).process(_to_float(up)))
    return resample(out, SUPPRESSION_RATE, 16000)


async def _transcribe(session: aiohttp.ClientSession, stt_url: str, pcm: bytes) -> str:
    """One utterance through the STT service's streaming endpoint, as the agent sends it."""
    url = stt_url.replace("http", "ws", 1) + "/v1/audio/transcriptions/stream?language=en"
    async with session.ws_connect(url) as ws:
        for start in range(0, len(pcm), 3200):
            await ws.send_bytes(pcm[start : start + 3200])
        await ws.send_json({"type": "flush"})
        async for message in ws:
            event = json.loads(message.data)
            if event["type"] == "final":
                return str(event.get("text", ""))
            if event["type"] == "error":
                raise RuntimeError(event["message"])
    return ""


async def _recognition(stt_url: str, commands: list, log) -> dict:
    speech = [synthesize_16k(p.text) for p in commands]
    results: dict = {}
    async with aiohttp.ClientSession() as session:
        for snr in SNRS:
            label = "clean" if snr is None else f"{snr:g}dB"
            for suppressed in (False, True):
                refs, heard, right = [], [], 0
                for n, (phrasing, pcm) in enumerate(zip(commands, speech, strict=True)):
                    audio = carnoise.mix(pcm, snr, seed=n)
                    if suppressed:
                        audio = suppressed_16k(audio)
                    text = await _transcribe(session, stt_url, audio)
                    refs.append(_words(phrasing.text))
                    heard.append(_words(text) or "-")
                    right += understand(text).name == phrasing.intent
                key = f"{label}_{'suppressed' if suppressed else 'raw'}"
                results[key] = {
                    "wer": round(100 * jiwer.wer(refs, heard), 1),
                    "intent_accuracy": round(right / len(commands), 3),
                    "examples": [{"said": r, "heard": h} for r, h in list(zip(refs, heard, strict=True))[:5]],
                }
                log(f"    {key}: WER {results[key]['wer']}%, intents {results[key]['intent_accuracy']:.0%}")
    return results


def suppression_cost(seconds: float = 30.0) -> dict:
    """CPU per second of 48 kHz audio in 50 ms frames (RoomIO's) through the worker's echo
    canceller and noise suppressor, the agent talking all the while (other words than the
    caller's, so nothing of theirs is cancelled), and the delay it adds: the lag of the cleaned
    signal behind the input, by cross-correlation on speech."""
    noisy = carnoise.mix(synthesize_16k(AGENT_ECHO_TEXT), 5)
    audio = _to_float(resample(noisy, 16000, SUPPRESSION_RATE))
    talk = resample(synthesize_16k("Bob sent the standup notes, and the newsletter has a webinar."), 16000, 24000)
    repeats = max(1, int(seconds * SUPPRESSION_RATE / audio.size))
    clock = _SimulatedClock()
    reference = EchoReference(clock)
    processor = CallerAudioProcessor(suppress_noise=True, echo_reference=reference)
    frame = SUPPRESSION_RATE // 20
    said = 2 * 24000 // 20  # bytes of the agent's talk per frame
    out = []
    started = time.process_time()
    for _ in range(repeats):
        for n, start in enumerate(range(0, audio.size - frame + 1, frame)):
            clock.now += frame / SUPPRESSION_RATE
            at = n * said % (len(talk) - said)
            reference.handed_over(rtc.AudioFrame(talk[at : at + said], 24000, 1, said // 2))
            pcm = _to_pcm(audio[start : start + frame])
            out.append(processor._process(rtc.AudioFrame(pcm, SUPPRESSION_RATE, 1, frame)))
    cpu = time.process_time() - started
    processor._close()
    audio_s = repeats * (audio.size // frame) * frame / SUPPRESSION_RATE
    cleaned = np.frombuffer(b"".join(bytes(f.data) for f in out[-(audio.size // frame) :]), np.int16)
    probe = audio[: SUPPRESSION_RATE * 2]
    lags = np.arange(0, SUPPRESSION_RATE // 10)
    corr = [float(np.dot(cleaned[lag : lag + probe.size].astype(np.float64), probe)) for lag in lags]
    return {
        "core_share": round(cpu / audio_s, 3),
        "added_ms": round(1000 * int(lags[int(np.argmax(corr))]) / SUPPRESSION_RATE, 1),
        "audio_s": round(audio_s, 1),
    }


def vad_barge_ins(vad: VAD, audio: np.ndarray, processor: CallerAudioProcessor | None) -> list[float]:
    """Moments (s) at which the worker would stop the agent: LiveKit's VAD on the caller's
    audio, cleaned as the worker cleans it, holds speech of at least INTERRUPTION_MIN_S."""

    async def run() -> list[float]:
        stream = vad.stream()
        frame = SUPPRESSION_RATE // 20
        for start in range(0, audio.size - frame + 1, frame):
            pcm = _to_pcm(audio[start : start + frame])
            chunk = rtc.AudioFrame(pcm, SUPPRESSION_RATE, 1, frame)
            stream.push_frame(processor._process(chunk) if processor else chunk)
        stream.end_input()
        moments, stopped = [], False
        async for event in stream:
            if event.type.name == "INFERENCE_DONE":
                if event.speech_duration >= INTERRUPTION_MIN_S and not stopped:
                    moments.append(round(event.timestamp, 2))
                stopped = event.speaking and (stopped or event.speech_duration >= INTERRUPTION_MIN_S)
        return moments

    return asyncio.run(run())


class _SimulatedClock:
    """Time as the audio's own: the chain's clock while frames go through faster than real time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# The chains compared: the worker's (echo canceller fed with the agent's voice, noise
# suppressor, echo gate), the one before the canceller (suppressor and gate) and none at all.
CHAINS = ("worker", "without_canceller", "unprocessed")
ROUND_TRIPS_S = (0.15, 0.8)  # a wired or Wi-Fi call, and a cellular one with a phone's buffers
CHAIN_SEEDS = (3, 4)


def agent_chain() -> dict:
    """Barge-ins the worker's own chain would start, without the network: the agent answers for
    13 s while the microphone carries 5 dB road noise and its voice coming back at each level
    and round trip; and how soon a driver's "Wait, go back to the Sarah email." 8 s in is taken
    as speech. Frames go through at the audio's own clock, the agent's audio handed over in a
    burst as its TTS does."""
    vad = load_vad()
    room_rate = 24000
    agent = resample(synthesize_16k(AGENT_ECHO_TEXT), 16000, room_rate)
    played = _to_float(resample(agent, room_rate, SUPPRESSION_RATE))
    talk_s = played.size / SUPPRESSION_RATE
    wait = synthesize_16k("Wait, go back to the Sarah email.")
    driver = _to_float(resample(wait, 16000, SUPPRESSION_RATE))
    level = carnoise.speech_rms(np.frombuffer(wait, np.int16))
    onset = 8.0 + int(np.argmax(np.abs(driver) > 500 / 32768)) / SUPPRESSION_RATE

    def call(chain: str, echo_db: float | None, round_trip_s: float, speaks: bool, seed: int) -> list[float]:
        clock = _SimulatedClock()
        reference = EchoReference(clock) if chain == "worker" else None
        gate = EchoGate(lambda: clock.now < talk_s, clock) if chain != "unprocessed" else None
        processor = CallerAudioProcessor(
            suppress_noise=chain != "unprocessed", echo_gate=gate, echo_reference=reference
        )
        total = played.size + 2 * SUPPRESSION_RATE
        noise = carnoise.noise_at(level / 10 ** (5 / 20), total / SUPPRESSION_RATE + 1, seed=seed)
        mic = _to_float(resample(noise, 16000, SUPPRESSION_RATE))[:total]
        if echo_db is not None:
            carnoise.add_echo(mic, played, level, echo_db, round_trip_s, SUPPRESSION_RATE)
        if speaks:
            at = round(8.0 * SUPPRESSION_RATE)
            mic[at : at + driver.size] += driver
        if reference is not None:
            step = room_rate // 10 * 2  # 100 ms frames, all at once
            for start in range(0, len(agent), step):
                chunk = agent[start : start + step]
                reference.handed_over(rtc.AudioFrame(chunk, room_rate, 1, len(chunk) // 2))
        frame = SUPPRESSION_RATE // 20
        cleaned = []
        for start in range(0, total - frame + 1, frame):
            clock.now = (start + frame) / SUPPRESSION_RATE
            pcm = _to_pcm(mic[start : start + frame])
            cleaned.append(_to_float(bytes(processor._process(rtc.AudioFrame(pcm, SUPPRESSION_RATE, 1, frame)).data)))
        return vad_barge_ins(vad, np.concatenate(cleaned), None)

    result: dict = {"noise_snr_db": 5, "agent_talking_s": round(talk_s, 1), "seeds": list(CHAIN_SEEDS)}
    for chain in CHAINS:
        rows = {}
        for echo_db in (None, *ECHO_DB):
            for round_trip_s in ROUND_TRIPS_S if echo_db is not None else (0.0,):
                stops, taken = [], []
                for seed in CHAIN_SEEDS:
                    stops.append(len(call(chain, echo_db, round_trip_s, False, seed)))
                    moments = [m - onset for m in call(chain, echo_db, round_trip_s, True, seed) if m >= onset - 0.1]
                    taken.append(round(moments[0], 2) if moments else None)
                label = "no_echo" if echo_db is None else f"echo_{echo_db}db_{round_trip_s}s"
                rows[label] = {"barge_ins": stops, "wait_taken_after_s": taken}
        result[chain] = rows
    return result


# --- spoken through livekit-server ------------------------------------------------------------


class CarMicrophone:
    """The caller's microphone in a car: road noise all the time, the agent's voice as it
    arrives scaled to `echo_db` (None: no echo), and the driver's words when they speak."""

    FRAME = 320  # 20 ms at 16 kHz

    def __init__(self, client: VoiceClient, noise_rms: float, agent_to_driver: float) -> None:
        self.client = client
        self.noise = np.frombuffer(carnoise.noise_at(noise_rms, 60.0, seed=11), np.int16).astype(np.float64)
        self.agent_to_driver = agent_to_driver  # scales the agent's received voice to the driver's level
        self.echo_db: float | None = None
        self._echo_at = 0
        self._speech: list[np.ndarray] = []
        self.speech_started_at: float | None = None
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def echo(self, db: float | None) -> None:
        self.echo_db = db
        self._echo_at = len(self.client.heard) // 2

    def say(self, pcm: bytes) -> None:
        self.speech_started_at = None
        self._speech.append(np.frombuffer(pcm, np.int16).astype(np.float64))

    async def _run(self) -> None:
        # VoiceClient's own source: this microphone replaces its say() for the whole call
        source = self.client._source
        position, started, n = 0, time.monotonic(), 0
        while True:
            frame = self.noise[position : position + self.FRAME]
            if frame.size < self.FRAME:
                position, frame = 0, self.noise[: self.FRAME]
            frame = frame.copy()
            position += self.FRAME
            if self.echo_db is not None:
                # a copy: a view would pin the bytearray the client is still appending to
                raw = bytes(self.client.heard[2 * self._echo_at : 2 * (self._echo_at + self.FRAME)])
                got = np.frombuffer(raw, np.int16).astype(np.float64)
                self._echo_at += got.size
                frame[: got.size] += got * self.agent_to_driver * 10 ** (self.echo_db / 20)
            if self._speech:
                words = self._speech[0][: self.FRAME]
                if self.speech_started_at is None and rms(words) > 300:
                    self.speech_started_at = time.monotonic()
                frame[: words.size] += words
                self._speech[0] = self._speech[0][self.FRAME :]
                if not self._speech[0].size:
                    self._speech.pop(0)
            pcm = np.clip(frame, -32768, 32767).astype(np.int16)
            await source.capture_frame(rtc.AudioFrame(pcm.tobytes(), 16000, 1, self.FRAME))
            n += 1
            await asyncio.sleep(max(0.0, started + n * 0.02 - time.monotonic()))


def worker_counts(metrics_port: int) -> dict[str, float]:
    """The worker's barge-ins by outcome, and its suppression and echo-gate counters."""
    url = f"http://127.0.0.1:{metrics_port}/metrics"
    text = urllib.request.urlopen(url, timeout=10).read().decode()
    counts: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "mailvox_agent_barge_ins_total":
                counts[sample.labels["outcome"]] = counts.get(sample.labels["outcome"], 0.0) + sample.value
            elif sample.name.startswith(("mailvox_agent_audio_", "mailvox_agent_processed_", "mailvox_agent_echo_")):
                counts[sample.name] = counts.get(sample.name, 0.0) + sample.value
    return counts


async def agent_talks(
    client: VoiceClient, mic: CarMicrophone, request: bytes, timeout: float = 120.0, quiet_s: float = 3.0
) -> float:
    """Ask for a long answer and wait until the agent has finished it (`quiet_s` without a sound:
    a loaded machine's TTS can pause between pieces); the seconds it talked."""
    mic.say(request)
    started = time.monotonic()
    onset = await client.reply_onset_after(started, timeout=timeout)
    audible_before = audible_s(client)
    while time.monotonic() - client.last_audible_at < quiet_s:
        if time.monotonic() - onset > timeout:
            break
        await asyncio.sleep(0.1)
    return audible_s(client) - audible_before


def audible_s(client: VoiceClient) -> float:
    heard = np.frombuffer(client.heard, np.int16)
    frames = heard[: heard.size // 320 * 320].reshape(-1, 320).astype(np.float64)
    return float(np.sum(np.sqrt(np.mean(frames**2, axis=1)) > 300)) * 0.02


async def _stop_time(client: VoiceClient, mic: CarMicrophone, wait: bytes) -> float | None:
    """Say "wait" 2.5 s into a long answer; how long until the agent's audio stopped."""
    mic.say(synthesize_16k(LONG_ANSWER))
    onset = await client.reply_onset_after(time.monotonic(), timeout=120)
    await asyncio.sleep(max(0.0, onset + 2.5 - time.monotonic()))
    mic.say(wait)
    while mic.speech_started_at is None:
        await asyncio.sleep(0.005)
    said_at = mic.speech_started_at
    deadline = said_at + 10
    while time.monotonic() < deadline:
        # quiet for longer than the pauses between its sentences
        if time.monotonic() - client.last_audible_at > 0.8 and client.last_audible_at >= said_at - 1:
            break
        await asyncio.sleep(0.01)
    else:
        return None
    stopped = client.last_audible_at - said_at
    await asyncio.sleep(4)  # whatever the agent says to "wait"
    await _settle(client)
    return round(max(0.0, stopped), 3)


async def _settle(client: VoiceClient) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() - client.last_audible_at < 2.0 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)


async def _live(stack: Stack, noise_minutes: float, waits: int, log) -> dict:
    identity = stack.identities[0]
    request = synthesize_16k(LONG_ANSWER)
    wait = synthesize_16k("Wait.")
    driver_level = carnoise.speech_rms(np.frombuffer(request, np.int16))
    result: dict = {}
    async with VoiceClient(stack.livekit, identity) as client:
        greeting = await client.listen(quiet_s=2.0, timeout=600)
        agent_level = carnoise.speech_rms(np.frombuffer(greeting, np.int16))
        mic = CarMicrophone(client, driver_level / 10 ** (BARGE_IN_NOISE_SNR / 20), driver_level / agent_level)
        mic.start()
        try:
            await asyncio.sleep(2)
            before, talked = worker_counts(stack.worker.metrics_port), 0.0
            while talked < noise_minutes * 60:
                talked += await agent_talks(client, mic, request)
                log(f"    agent talked {talked:.0f} s over road noise")
            after = worker_counts(stack.worker.metrics_port)
            stopped = after.get("stopped", 0) - before.get("stopped", 0)
            result["noise"] = {
                "agent_talking_s": round(talked, 1),
                "barge_ins": stopped,
                "resumed": after.get("resumed", 0) - before.get("resumed", 0),
                "barge_ins_per_10_min": round(stopped * 600 / max(talked, 1.0), 2),
            }
            result["echo"] = {}
            for db in ECHO_DB:
                mic.echo(db)
                before = worker_counts(stack.worker.metrics_port)
                talked = await agent_talks(client, mic, request)
                after = worker_counts(stack.worker.metrics_port)
                result["echo"][f"{db}dB"] = {
                    "agent_talking_s": round(talked, 1),
                    "barge_ins": after.get("stopped", 0) - before.get("stopped", 0),
                    "gated_s": round(
                        after.get("mailvox_agent_echo_gated_seconds_total", 0)
                        - before.get("mailvox_agent_echo_gated_seconds_total", 0),
                        1,
                    ),
                    **_cancelled(before, after),
                }
                log(f"    echo at {db} dB: {result['echo'][f'{db}dB']}")
            mic.echo(-10)
            stops = [await _stop_time(client, mic, wait) for _ in range(waits)]
            result["wait"] = {"echo_db": -10, "stop_after_s": stops}
            log(f"    'wait' stopped the agent after {stops} s")
            totals = worker_counts(stack.worker.metrics_port)
            cpu = totals.get("mailvox_agent_audio_processing_cpu_seconds_total", 0.0)
            audio = totals.get("mailvox_agent_processed_audio_seconds_total", 0.0)
            result["processing_in_worker"] = {
                "core_share": round(cpu / audio, 3) if audio else None,
                "audio_s": round(audio, 1),
            }
        finally:
            await mic.stop()
    return result


def _cancelled(before: dict[str, float], after: dict[str, float]) -> dict:
    """What the echo canceller took out between two readings of the worker's counters (dB of the
    caller's audio while the agent talked: echo, as noise and the driver pass), and its latest
    estimate of the round trip."""
    energy = [
        after.get(f"mailvox_agent_echo_canceller_energy_{stage}_total", 0.0)
        - before.get(f"mailvox_agent_echo_canceller_energy_{stage}_total", 0.0)
        for stage in ("in", "out")
    ]
    if not (energy[0] > 0 and energy[1] > 0):
        return {}
    return {
        "cancelled_db": round(10 * float(np.log10(energy[0] / energy[1])), 1),
        "round_trip_s": after.get("mailvox_agent_echo_round_trip_seconds"),
    }


def _load() -> list[float]:
    """The 1, 5 and 15 minute load averages (2 cores here, shared with other work)."""
    return [round(x, 2) for x in os.getloadavg()]


PARTS = ("cost", "chain", "recognition", "live")


def run(
    noise_minutes: float = 10.0,
    waits: int = 5,
    parts: tuple[str, ...] = PARTS,
    earlier: dict | None = None,
    log=print,
    save=lambda result: None,
) -> dict:
    """The `parts` asked for, in turn, over the figures of an `earlier` run (a part run again
    replaces its own); `save` gets the figures so far after each one."""
    report: dict = {
        **(earlier or {}),
        "benchmark": "noise",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(__doc__.strip().splitlines()[2:]).strip(),
        "noise": "synthetic (devtools/mailvox_dev/bench/carnoise.py); no licensed in-car recording ships in a PyPI package",
        "targets": TARGETS,
    }
    report.setdefault("machines", {})
    machine = {**describe(), "load_average_before": _load()}
    if "cost" in parts:
        log("==> suppression cost")
        report["suppression_cost"] = suppression_cost()
        report["machines"]["cost"] = machine
        log(f"    {report['suppression_cost']}")
        save(report)
    if "chain" in parts:
        log("==> the agent's chain on noise, echo and 'wait' (no network)")
        report["agent_chain"] = agent_chain()
        report["machines"]["chain"] = machine
        log(f"    {report['agent_chain']}")
        save(report)
    if "recognition" in parts or "live" in parts:
        stack = Stack(1, Path(tempfile.mkdtemp(prefix="mailvox-bench-noise-")))
        try:
            stack.start(log)
            if "live" in parts:
                log("==> through livekit-server")
                report["live"] = asyncio.run(_live(stack, noise_minutes, waits, log))
                report["machines"]["live"] = {**machine, "load_average_after": _load()}
                save(report)
            if "recognition" in parts:
                log("==> recognition at each SNR")
                commands = command_set()
                report["commands"] = len(commands)
                report["recognition"] = asyncio.run(_recognition(stack.services["stt"].url, commands, log))
                report["machines"]["recognition"] = {**machine, "load_average_after": _load()}
        finally:
            stack.stop()
    report["met"] = targets_met(report)
    save(report)
    return report


def targets_met(report: dict) -> dict:
    met: dict = {}
    rec = report.get("recognition", {})
    if rec:
        met["wer_at_5db_within_5_points"] = rec["5dB_suppressed"]["wer"] - rec["clean_suppressed"]["wer"] <= 5.0
        met["intents_at_5db_90_percent"] = rec["5dB_suppressed"]["intent_accuracy"] >= 0.9
    live = report.get("live", {})
    if live:
        met["no_false_barge_ins_in_noise"] = live["noise"]["barge_ins"] == 0
        met["no_barge_in_from_echo_at_minus_10db"] = live["echo"]["-10dB"]["barge_ins"] == 0
        stops = [s for s in live["wait"]["stop_after_s"] if s is not None]
        met["wait_stops_within_0_5_s"] = (
            bool(stops) and len(stops) == len(live["wait"]["stop_after_s"]) and (statistics.median(stops) <= 0.5)
        )
    cost = report.get("suppression_cost", {})
    if cost:
        met["suppression_under_15_percent_core"] = cost["core_share"] < 0.15
        met["suppression_adds_at_most_20_ms"] = cost["added_ms"] <= 20
    return met
