"""`mailvox bench stages`: each model service measured as the voice path uses it.

- STT: the final transcript's latency after the turn ends (streaming endpoint, speech sent at
  real-time pace, then the flush), and the real-time factor of a whole-utterance decode.
- TTS: time to the first audio byte, and the real-time factor of the whole synthesis.
- LLM: time to the first token of a streamed chat completion, and tokens per second after it.

Each figure is given as median and p95 over the runs, with 1, 4 and 16 sessions at once.

With `--only stt` the STT stage is measured alone, as the service's callers load it: each
session speaks one of a few commands, the sessions start offset from one another (callers do
not speak in step), and the word error rate of the finals is given beside their latency.
"""

from __future__ import annotations

import asyncio
import io
import json
import statistics
import time
import wave

import aiohttp
import httpx
import jiwer

from mailvox.speech import synthesize_16k

from .machine import describe

UTTERANCE = "Read me the email from Sarah about the budget."
REPLY = "Sarah needs the final Q3 budget numbers by Friday noon. She wants headcount and cloud spend split out."
EMAIL = (
    "Hi Alex, Finance moved the deadline up. Can you send me the final Q3 budget numbers for the "
    "platform team by Friday noon? I need the headcount line and the cloud spend split out. Thanks, Sarah"
)
SILENCE_S = 0.5  # the pause before the turn ends
STT_LINES = (
    UTTERANCE,
    "Archive it.",
    "Reply to Sarah and tell her I will send the numbers tomorrow morning.",
    "What's sitting in my inbox?",
)


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": round(statistics.median(ordered), 4), "p95": round(p95, 4), "n": len(ordered)}


def _wav(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(pcm)
    return buffer.getvalue()


async def stt_final_latency(url: str, pcm: bytes) -> float:
    return (await stt_final(url, pcm))[0]


async def stt_final(url: str, pcm: bytes) -> tuple[float, str]:
    """Stream `pcm` at real-time pace, then the pause, then flush: (seconds from the flush to
    the final transcript, its text)."""
    ws_url = url.replace("http", "ws", 1) + "/v1/audio/transcriptions/stream?language=en"
    audio = pcm + bytes(int(16000 * SILENCE_S) * 2)
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:

        async def drain_until_final() -> str:
            async for message in ws:
                event = json.loads(message.data)
                if event["type"] == "final":
                    return str(event["text"])
            raise ConnectionError("the stream ended without a final transcript")

        reader = asyncio.create_task(drain_until_final())
        for start in range(0, len(audio), 640):  # 20 ms frames in real time
            await ws.send_bytes(audio[start : start + 640])
            await asyncio.sleep(0.02)
        flushed = time.perf_counter()
        await ws.send_json({"type": "flush"})
        text = await reader
        return time.perf_counter() - flushed, text


async def stt_transcription(client: httpx.AsyncClient, url: str, pcm: bytes) -> tuple[str, float]:
    """One whole-utterance request: (the text, the real-time factor)."""
    started = time.perf_counter()
    r = await client.post(
        f"{url}/v1/audio/transcriptions",
        files={"file": ("u.wav", _wav(pcm), "audio/wav")},
        data={"language": "en"},
    )
    r.raise_for_status()
    return r.json()["text"], (time.perf_counter() - started) / (len(pcm) / 2 / 16000)


async def tts_first_audio_and_rtf(client: httpx.AsyncClient, url: str) -> tuple[float, float]:
    started = time.perf_counter()
    first = None
    size = 0
    async with client.stream("POST", f"{url}/v1/audio/speech", json={"input": REPLY}) as r:
        r.raise_for_status()
        rate = int(r.headers["X-Sample-Rate"])
        async for chunk in r.aiter_raw():
            if chunk and first is None:
                first = time.perf_counter() - started
            size += len(chunk)
    return first or 0.0, (time.perf_counter() - started) / (size / 2 / rate)


async def llm_first_token_and_rate(client: httpx.AsyncClient, url: str, n: int) -> tuple[float, float]:
    body = {
        "model": "mailvox-llm",
        "stream": True,
        "max_tokens": 48,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": "You brief a driver on email. One short sentence."},
            # a new user turn each run: only the system prompt may come from the prompt cache
            {"role": "user", "content": f"Email {n} of the briefing. Summarize it: {EMAIL}"},
        ],
    }
    started = time.perf_counter()
    first, tokens = None, 0
    async with client.stream("POST", f"{url}/v1/chat/completions", json=body) as r:
        r.raise_for_status()
        async for line in r.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            delta = json.loads(line[6:])["choices"][0].get("delta", {})
            if delta.get("content"):
                tokens += 1  # llama-cpp-python streams one token per chunk
                first = first or time.perf_counter() - started
    total = time.perf_counter() - started
    return first or total, max(tokens - 1, 0) / max(total - (first or total), 1e-6)


async def _level(urls: dict[str, str], sessions: int, runs: int, pcm: bytes) -> dict:
    samples: dict[str, list[float]] = {
        k: []
        for k in (
            "stt_final_after_end_s",
            "stt_rtf",
            "tts_first_audio_s",
            "tts_rtf",
            "llm_first_token_s",
            "llm_tokens_per_s",
        )
    }

    async def one_session(session: int) -> None:
        async with httpx.AsyncClient(timeout=300) as client:
            for n in range(max(1, runs // sessions)):
                samples["stt_final_after_end_s"].append(await stt_final_latency(urls["stt"], pcm))
                samples["stt_rtf"].append((await stt_transcription(client, urls["stt"], pcm))[1])
                first, rtf = await tts_first_audio_and_rtf(client, urls["tts"])
                samples["tts_first_audio_s"].append(first)
                samples["tts_rtf"].append(rtf)
                first, rate = await llm_first_token_and_rate(client, urls["llm"], session * 1000 + n)
                samples["llm_first_token_s"].append(first)
                samples["llm_tokens_per_s"].append(rate)

    await asyncio.gather(*(one_session(i) for i in range(sessions)))
    return {name: summary(values) for name, values in samples.items()}


def _word_error_rate(said: list[str], heard: list[str]) -> float:
    clean = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.Strip(), jiwer.RemoveMultipleSpaces()])
    return round(jiwer.wer([clean(s) for s in said], [clean(h) or "-" for h in heard]), 4)


async def _stt_level(url: str, sessions: int, runs: int, lines: dict[str, bytes]) -> dict:
    latencies: list[float] = []
    said: list[str] = []
    heard: list[str] = []
    texts = list(lines)
    offset = len(lines[UTTERANCE]) / 2 / 16000 / sessions

    async def one_session(session: int) -> None:
        await asyncio.sleep(session * offset)
        for n in range(max(1, runs // sessions)):
            text = texts[(session + n) % len(texts)]
            seconds, transcript = await stt_final(url, lines[text])
            latencies.append(seconds)
            said.append(text)
            heard.append(transcript)

    await stt_final(url, lines[UTTERANCE])  # untimed: the first decode warms the model up
    await asyncio.gather(*(one_session(i) for i in range(sessions)))
    mistakes = sorted({f"{s} -> {h}" for s, h in zip(said, heard, strict=True) if _word_error_rate([s], [h])})
    return {
        "stt_final_after_end_s": summary(latencies),
        "stt_final_after_end_s_each": [round(x, 4) for x in latencies],  # to pool repeated runs
        "stt_word_error_rate": _word_error_rate(said, heard),
        "stt_misheard": mistakes,
    }


def run(
    urls: dict[str, str], levels: list[int], runs: int, models: dict[str, str], only: str | None = None, log=print
) -> dict:
    pcm = synthesize_16k(UTTERANCE)
    lines = {text: synthesize_16k(text) for text in STT_LINES}
    results = {}
    for sessions in levels:
        log(f"==> {sessions} concurrent session(s)")
        if only == "stt":
            results[str(sessions)] = asyncio.run(_stt_level(urls["stt"], sessions, runs, lines))
            log(f"    {results[str(sessions)]}")
        else:
            results[str(sessions)] = asyncio.run(_level(urls, sessions, runs, pcm))
            log("    " + ", ".join(f"{k} {v['median']}" for k, v in results[str(sessions)].items()))
    return {
        "benchmark": "stages",
        "what": __doc__.strip().splitlines()[0],
        "utterance": {"text": UTTERANCE, "seconds": round(len(pcm) / 2 / 16000, 2), "pause_s": SILENCE_S},
        **({"stt_lines": {t: round(len(a) / 2 / 16000, 2) for t, a in lines.items()}} if only == "stt" else {}),
        "models": models,
        "machine": describe(),
        "results_by_concurrent_sessions": results,
    }
