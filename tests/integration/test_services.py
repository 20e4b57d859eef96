"""The model services with the packaged small models: real synthesis, transcription and
generation, and clear errors for bad input."""

from __future__ import annotations

import io
import json
import wave
from types import SimpleNamespace

import httpx
import jiwer
import pytest

from mailvox.services.stt.app import looks_looped, token_budget, window_frames, without_repeats
from mailvox.speech import synthesize_16k

REQUEST = "What are my unread emails from Sarah about the budget?"


def wav_bytes(pcm: bytes, rate: int = 16000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    return buffer.getvalue()


def normalized(text: str) -> str:
    return jiwer.RemovePunctuation()(text.lower()).strip()


@pytest.mark.parametrize("service", ["stt_service", "tts_service", "llm_service"])
def test_each_service_reports_health_readiness_and_metrics(service, request):
    url = request.getfixturevalue(service).url
    assert httpx.get(f"{url}/health").json()["status"] == "ok"
    assert httpx.get(f"{url}/ready").status_code == 200
    assert "# TYPE" in httpx.get(f"{url}/metrics").text


# --- TTS ---------------------------------------------------------------------------------


def test_tts_streams_pcm_sentence_by_sentence_with_its_sample_rate(tts_service):
    text = "Sarah needs the budget by Friday. Bob asks about the release. VendorX sent a newsletter."
    chunks = []
    with httpx.stream("POST", f"{tts_service.url}/v1/audio/speech", json={"input": text}) as r:
        assert r.status_code == 200
        rate = int(r.headers["X-Sample-Rate"])
        chunks = [c for c in r.iter_raw() if c]
    assert rate == 22050
    audio_seconds = sum(len(c) for c in chunks) / 2 / rate
    assert 3.0 < audio_seconds < 15.0
    # One piece per sentence at least: the first sentence is sent before the last is made.
    assert len(chunks) >= 3


def test_tts_speech_starts_with_its_sound_not_with_piper_s_silence(tts_service):
    import numpy as np

    for text in ("Here's your reply to Sarah Chen:", "Flagged.", "Friday works."):
        pcm = httpx.post(f"{tts_service.url}/v1/audio/speech", json={"input": text}).content
        samples = np.abs(np.frombuffer(pcm, dtype=np.int16).astype(np.int32))
        first_sound = int(np.flatnonzero(samples >= 64)[0])
        assert first_sound <= 0.01 * 22050 + 1, (text, first_sound)  # 10 ms of lead-in kept, not 35-65 ms


def test_leading_silence_goes_and_the_rest_is_kept():
    import numpy as np

    from mailvox.services.tts.app import without_leading_silence

    quiet, voice = np.zeros(1000, np.int16), np.full(500, 3000, np.int16)
    trimmed = np.frombuffer(without_leading_silence(np.concatenate([quiet, voice, quiet]).tobytes(), 10000), np.int16)
    assert len(trimmed) == 100 + 500 + 1000 and trimmed[100] == 3000  # 10 ms kept before the sound
    assert without_leading_silence(quiet.tobytes(), 10000) == quiet.tobytes()  # nothing audible: left as it is


def test_tts_voices_lists_the_voice_and_rate(tts_service):
    [voice] = httpx.get(f"{tts_service.url}/v1/voices").json()["voices"]
    assert voice == {"id": "en_US-joe-medium", "sample_rate": 22050, "channels": 1}


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"input": "   "}, 400, "empty"),
        ({"input": "hello", "voice": "nobody"}, 404, "unknown voice"),
        ({"input": "word " * 2000}, 413, "limit"),
    ],
)
def test_tts_refuses_bad_input_with_a_clear_error(tts_service, body, status, message):
    r = httpx.post(f"{tts_service.url}/v1/audio/speech", json=body)
    assert r.status_code == status
    assert message in r.json()["error"]["message"]
    # and the service is still there
    assert httpx.get(f"{tts_service.url}/ready").status_code == 200


def test_tts_refuses_an_out_of_range_speed(tts_service):
    r = httpx.post(f"{tts_service.url}/v1/audio/speech", json={"input": "hi", "speed": 9})
    assert r.status_code == 422


# --- STT ---------------------------------------------------------------------------------


def transcribe(url: str, data: bytes, **form) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/audio/transcriptions",
        files={"file": ("speech.wav", data, "audio/wav")},
        data={"language": "en", **form},
        timeout=60,
    )


def test_stt_transcribes_known_speech_with_a_low_word_error_rate(stt_service):
    r = transcribe(stt_service.url, wav_bytes(synthesize_16k(REQUEST)))
    assert r.status_code == 200
    error_rate = jiwer.wer(normalized(REQUEST), normalized(r.json()["text"]))
    assert error_rate <= 0.15, r.json()["text"]


def test_tts_speech_round_trips_through_stt(tts_service, stt_service):
    text = "Reply to Bob saying the release moves to Monday."
    heard = []
    # Piper samples noise, so the speech differs each time and base Whisper mishears one take now
    # and then ("Replyte about saying ..."). On some processors every take comes back as "replyte a
    # bob saying ...", two words of nine: three takes, each word that matters survives in two of
    # them, and no more than two words in nine are wrong over all three.
    for _ in range(3):
        speech = httpx.post(f"{tts_service.url}/v1/audio/speech", json={"input": text, "response_format": "wav"})
        assert speech.headers["content-type"] == "audio/wav"
        heard.append(normalized(transcribe(stt_service.url, speech.content).json()["text"]))
    for word in ("bob", "release", "monday"):
        assert sum(word in take.split() for take in heard) >= 2, (word, heard)
    assert jiwer.wer([normalized(text)] * 3, heard) <= 2 / 9, heard


@pytest.mark.parametrize(
    "seconds, min_window_s, frames",
    [
        (1.2, 10.0, 1000),  # a short command: a 10 s window, a third of Whisper's
        (12.0, 10.0, 1300),  # 1 s more than the audio
        (29.0, 10.0, None),  # as long as the whole window: all of it
        (1.2, 0.0, None),  # switched off
    ],
)
def test_stt_encodes_only_as_much_of_whispers_window_as_the_audio_needs(seconds, min_window_s, frames):
    assert window_frames(int(seconds * 16000), min_window_s) == frames


def test_a_looped_short_window_answer_is_decoded_again_whole():
    """What the short window once gave for "Next." (at its token limit), against real ones."""

    def segments(text: str, tokens: int):
        return [SimpleNamespace(text=text, tokens=list(range(tokens)))]

    one_second = 16000
    budget = token_budget(one_second)
    assert looks_looped(segments(" Next." * 30, budget), one_second, budget)
    assert looks_looped(segments("Next. Next. Next. Next. Next. Next. Next. Next. Next. Next.", 20), one_second, budget)
    assert not looks_looped(segments("Next.", 3), one_second, budget)
    assert not looks_looped(
        segments("Read me the email from Sarah about the budget.", 12), 3 * one_second, token_budget(3 * one_second)
    )


def test_a_sentence_whisper_said_twice_in_a_row_is_kept_once():
    assert without_repeats("Repeat that. Repeat that.") == "Repeat that."  # seen through WebRTC
    assert without_repeats(" Next. next! Next.") == "Next."
    assert without_repeats("Repeat that. Then go on. Repeat that.") == "Repeat that. Then go on. Repeat that."
    assert without_repeats("I'll send it by Friday, 3.30 p.m. Thanks.") == "I'll send it by Friday, 3.30 p.m. Thanks."


def test_stt_gives_word_timings_when_asked(stt_service):
    r = transcribe(
        stt_service.url,
        wav_bytes(synthesize_16k("Archive the newsletter.")),
        response_format="verbose_json",
        **{"timestamp_granularities[]": "word"},
    )
    words = r.json()["words"]
    assert [w["word"].strip(".").lower() for w in words] == ["archive", "the", "newsletter"]
    assert all(w["start"] < w["end"] for w in words)


@pytest.mark.parametrize(
    "data, message",
    [(b"this is not audio at all" * 10, "could not be decoded"), (wav_bytes(b""), "")],
)
def test_stt_refuses_bad_audio_with_a_clear_error(stt_service, data, message):
    r = transcribe(stt_service.url, data)
    assert r.status_code == 400
    assert message in r.json()["error"]["message"]
    assert httpx.get(f"{stt_service.url}/ready").status_code == 200


# --- LLM ---------------------------------------------------------------------------------


def chat(url: str, **body) -> dict:
    r = httpx.post(f"{url}/v1/chat/completions", json={"model": "mailvox-llm", **body}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def test_llm_answers_a_chat_completion(llm_service):
    answer = chat(
        llm_service.url,
        messages=[{"role": "user", "content": "Say hello in one short sentence."}],
        max_tokens=24,
        temperature=0,
    )
    assert answer["choices"][0]["message"]["content"].strip()


@pytest.mark.parametrize("limit", ["max_tokens", "max_completion_tokens"])
def test_llm_stops_at_the_token_limit_under_either_name(llm_service, limit):
    """livekit-plugins-openai sends max_completion_tokens, which llama-cpp-python ignores: the
    service maps it, so a rambling model cannot hold the shared service for minutes."""
    answer = chat(
        llm_service.url,
        messages=[{"role": "user", "content": "Count from one to two hundred in words."}],
        temperature=0,
        **{limit: 7},
    )
    assert answer["usage"]["completion_tokens"] <= 7 and answer["choices"][0]["finish_reason"] == "length"


def test_llm_keeps_the_smaller_of_both_token_limits(llm_service):
    """The agent's prompt warm-up asks for one token through a client that also sends the
    usual limit; one token is what it gets."""
    answer = chat(
        llm_service.url,
        messages=[{"role": "user", "content": "Count from one to two hundred in words."}],
        temperature=0,
        max_completion_tokens=64,
        max_tokens=1,
    )
    assert answer["usage"]["completion_tokens"] == 1


@pytest.mark.parametrize(
    "path, body, field",
    [
        ("/v1/chat/completions", {"max_completion_tokens": "abc"}, "max_completion_tokens"),
        ("/v1/chat/completions", {"max_completion_tokens": -3}, "max_completion_tokens"),
        ("/v1/chat/completions", {"max_tokens": 0}, "max_tokens"),
        ("/v1/chat/completions", {"max_completion_tokens": 1.5}, "max_completion_tokens"),
        ("/v1/completions", {"prompt": "", "max_tokens": 2}, "prompt"),
    ],
)
def test_llm_refuses_a_limit_it_would_read_as_none_and_an_empty_prompt(llm_service, path, body, field):
    """Found by tests/integration/test_fuzzing.py: a limit of 0 or less meant "until the context is full",
    a string one and an empty prompt were answered with a bare 500."""
    if path.endswith("chat/completions"):
        body = {"messages": [{"role": "user", "content": "Count to ten."}], **body}
    r = httpx.post(f"{llm_service.url}{path}", json=body, timeout=60)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["message"].startswith(f"{field}: ")


ARCHIVE_TOOL = {
    "type": "function",
    "function": {
        "name": "archive_email",
        "description": "Archive one email by its sender's name",
        "parameters": {
            "type": "object",
            "properties": {"sender": {"type": "string"}},
            "required": ["sender"],
        },
    },
}


def test_llm_returns_a_valid_tool_call_when_one_is_required(llm_service):
    answer = chat(
        llm_service.url,
        messages=[{"role": "user", "content": "Archive the email from Bob."}],
        tools=[ARCHIVE_TOOL],
        tool_choice={"type": "function", "function": {"name": "archive_email"}},
        temperature=0,
    )
    [call] = answer["choices"][0]["message"]["tool_calls"]
    assert call["function"]["name"] == "archive_email"
    assert isinstance(json.loads(call["function"]["arguments"])["sender"], str)


async def test_llm_streams_a_required_tool_call_as_openai_chunks(llm_service):
    """livekit-plugins-openai streams every request: a required call must arrive as tool-call
    deltas an OpenAI client puts together, even from a model whose template has no tool format."""
    import openai

    client = openai.AsyncOpenAI(base_url=f"{llm_service.url}/v1", api_key="local")
    stream = await client.chat.completions.create(
        model="mailvox-llm",
        messages=[{"role": "user", "content": "Archive the email from Bob."}],
        tools=[ARCHIVE_TOOL],  # type: ignore[list-item]
        tool_choice="required",
        temperature=0,
        max_completion_tokens=64,
        stream=True,
        stream_options={"include_usage": True},
    )
    names: set[str] = set()
    arguments, finish, usage = "", None, None
    async for chunk in stream:
        usage = chunk.usage or usage
        for choice in chunk.choices:
            finish = choice.finish_reason or finish
            for call in choice.delta.tool_calls or []:
                if call.function is not None:
                    names.update([call.function.name] if call.function.name else [])
                    arguments += call.function.arguments or ""
    await client.close()
    assert names == {"archive_email"} and finish == "tool_calls" and usage is not None
    assert isinstance(json.loads(arguments)["sender"], str)


async def test_concurrent_llm_requests_each_get_their_whole_answer(llm_service):
    """One caller's question must never cut off another caller's streamed answer."""
    import asyncio

    async def stream_answer(client: httpx.AsyncClient, n: int) -> tuple[int, str]:
        body = {
            "model": "mailvox-llm",
            "stream": True,
            "max_tokens": 24,
            "temperature": 0,
            "messages": [{"role": "user", "content": f"Count from {n} upward, separated by commas."}],
        }
        chunks, finish = 0, ""
        async with client.stream("POST", f"{llm_service.url}/v1/chat/completions", json=body) as r:
            async for line in r.aiter_lines():
                if line.startswith("data: {"):
                    choice = json.loads(line[6:])["choices"][0]
                    chunks += bool(choice.get("delta", {}).get("content"))
                    finish = choice.get("finish_reason") or finish
        return chunks, finish

    async with httpx.AsyncClient(timeout=120) as client:
        answers = await asyncio.gather(*(stream_answer(client, n) for n in (1, 100, 1000)))
    for chunks, finish in answers:
        assert finish in ("length", "stop") and chunks > 0, answers


def test_llm_refuses_a_malformed_request_with_a_clear_error(llm_service):
    r = httpx.post(f"{llm_service.url}/v1/chat/completions", json={"messages": "nope"})
    assert r.status_code == 422
    assert "messages" in r.json()["error"]["message"]
    r = httpx.post(
        f"{llm_service.url}/v1/chat/completions",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400
    assert httpx.get(f"{llm_service.url}/ready").status_code == 200


# --- streaming STT -------------------------------------------------------------------------


async def stream_utterance(url: str, pcm: bytes, then: bytes = b"", pace: float = 1.0, hint: str = "") -> list[dict]:
    """Send PCM in 20 ms frames at `pace` times real time, then flush; collect the events."""
    import asyncio
    from urllib.parse import urlencode

    import aiohttp

    events: list[dict] = []
    query = urlencode({"language": "en", "hint": hint})
    ws_url = url.replace("http", "ws", 1) + f"/v1/audio/transcriptions/stream?{query}"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:

        async def receive():
            async for message in ws:
                events.append(message.json())
                if events[-1]["type"] in ("final", "error"):
                    return

        receiver = asyncio.create_task(receive())
        frame = 640  # 20 ms of 16 kHz int16
        audio = pcm + then
        for start in range(0, len(audio), frame):
            await ws.send_bytes(audio[start : start + frame])
            await asyncio.sleep(0.02 / pace)
        await ws.send_json({"type": "flush"})
        await asyncio.wait_for(receiver, timeout=60)
    return events


async def test_streaming_stt_sends_interims_while_speaking_and_reuses_one_as_the_final(stt_service):
    speech = synthesize_16k(REQUEST)
    silence = bytes(int(16000 * 0.5) * 2)  # the pause after which a turn ends
    events = await stream_utterance(stt_service.url, speech, silence)
    interims = [e for e in events if e["type"] == "interim"]
    final = events[-1]
    assert interims, events
    assert final["type"] == "final"
    assert jiwer.wer(normalized(REQUEST), normalized(final["text"])) <= 0.15, final["text"]
    # decoded during the speech: the end of the turn costs no further decode
    assert final["reused_interim"] is True


async def test_streaming_stt_decodes_again_when_speech_came_after_the_last_interim(stt_service):
    speech = synthesize_16k("Read me the email from Sarah about the budget.")
    # sent as fast as possible: no interim can keep up, so the final needs its own decode
    events = await stream_utterance(stt_service.url, speech, pace=50)
    assert events[-1]["type"] == "final" and "sarah" in events[-1]["text"].lower()
    assert events[-1]["reused_interim"] is False


async def test_streaming_stt_skips_the_silence_before_the_user_speaks(stt_service):
    """A voice agent streams the quiet while it talks too. Only the user's words (and a short
    pre-roll) are decoded: 8 s of silence before "Flag it." neither slows the final down nor
    turns into a hallucinated "you"."""
    speech = synthesize_16k("Flag it.")
    events = await stream_utterance(stt_service.url, bytes(16000 * 8 * 2) + speech, bytes(8000), pace=4)
    final = events[-1]
    assert final["type"] == "final" and normalized(final["text"]) == "flag it", final
    assert final["audio_s"] < len(speech) / 32000 + 1.0, final  # the 8 s were dropped
    assert all(e["text"].strip().lower() not in ("you", "thank you.") for e in events), events


async def test_streaming_stt_ends_a_turn_without_speech_with_an_empty_final(stt_service):
    events = await stream_utterance(stt_service.url, bytes(16000 * 3 * 2), pace=4)
    assert events == [{"type": "final", "text": "", "reused_interim": False, "finalize_ms": 0.0}], events


async def test_streaming_stt_decodes_at_the_pause_so_a_short_command_is_ready(stt_service):
    """At real-time pace, a short pause after the words starts a decode: the final is the
    interim reused, with no decode after the flush."""
    events = await stream_utterance(stt_service.url, synthesize_16k("Next."), bytes(int(16000 * 0.5) * 2))
    assert events[-1]["reused_interim"] is True and "next" in normalized(events[-1]["text"]), events


async def test_streaming_stt_hears_a_name_it_was_told_about(stt_service):
    """Whisper base hears "VendorX" as "Bender X" unless the agent names the briefed senders
    (eight times in eight, Piper's variations and cut-in points, 2026-12)."""
    speech = synthesize_16k("I don't want to hear from VendorX anymore.", steady=True)
    plain = await stream_utterance(stt_service.url, speech, bytes(8000), pace=4)
    hinted = await stream_utterance(
        stt_service.url, speech, bytes(8000), pace=4, hint="Mail from Priya Patel, VendorX."
    )
    if "vendorx" in normalized(plain[-1]["text"]):
        pytest.skip("this Whisper hears VendorX unprompted: the hint is not what made the difference")
    assert "vendorx" in normalized(hinted[-1]["text"]), hinted


async def test_streaming_stt_callers_at_once_each_hear_their_own_words(stt_service):
    """Three sessions streaming at once wait for one engine (services/stt/decode_queue.py):
    each decode reads its own session's newest audio, and each final is its caller's."""
    import asyncio

    said = ["Archive it.", "Read me the email from Sarah.", "I don't want to hear from VendorX anymore."]
    hints = ["", "", "Mail from Priya Patel, VendorX."]
    pause = bytes(int(16000 * 0.5) * 2)
    finals = await asyncio.gather(
        *(
            stream_utterance(stt_service.url, synthesize_16k(text, steady=True), pause, pace=2, hint=hint)
            for text, hint in zip(said, hints, strict=True)
        )
    )
    heard = [normalized(events[-1]["text"]) for events in finals]
    assert heard == [normalized(text) for text in said], heard


async def test_streaming_stt_refuses_a_hint_too_long_for_whispers_prompt(stt_service):
    events = await stream_utterance(stt_service.url, synthesize_16k("Next."), hint="Bob, " * 100)
    assert events == [{"type": "error", "message": "the hint is over 400 characters"}], events


async def test_streaming_stt_refuses_a_sample_rate_it_does_not_take(stt_service):
    import aiohttp

    ws_url = stt_service.url.replace("http", "ws", 1) + "/v1/audio/transcriptions/stream?sample_rate=48000"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        assert (await ws.receive_json())["message"] == "send 16000 Hz PCM, not 48000 Hz"


def test_the_batched_whisper_pipeline_transcribes_too():
    """What a GPU box runs with MAILVOX_STT_BATCH_SIZE > 1 (it works on the CPU as well)."""
    import numpy as np

    from mailvox.services.stt.app import WhisperEngine
    from mailvox.services.stt.settings import STTSettings

    engine = WhisperEngine(STTSettings(batch_size=4))
    audio = np.frombuffer(synthesize_16k(REQUEST), dtype=np.int16).astype(np.float32) / 32768
    text = engine._transcribe(audio, "en", words=False)["text"]
    assert jiwer.wer(normalized(REQUEST), normalized(text)) <= 0.15, text


async def test_streaming_stt_flags_odd_sized_pcm(stt_service):
    import aiohttp

    ws_url = stt_service.url.replace("http", "ws", 1) + "/v1/audio/transcriptions/stream"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        await ws.send_bytes(b"\x00\x01\x02")
        assert "16-bit" in (await ws.receive_json())["message"]
        await ws.send_str("hello")
        assert "flush" in (await ws.receive_json())["message"]


def test_each_session_finds_its_own_prompt_read_ahead_in_its_slot(llm_service):
    """The agent reads each session's next prompt ahead of its question. With two sessions
    taking turns, each question must find its own session's prompt in the engine's cache and
    read only its own few tokens, not the whole prompt again."""
    mail = {
        "ann": "From: Sarah. Subject: Q3 budget. " + "The numbers are due on Friday at noon. " * 30,
        "bob": "From: IT desk. Subject: laptop refresh. " + "Bring your laptop to room 4 on Monday. " * 30,
    }

    def prompt(who: str, question: str | None = None) -> list[dict]:
        messages = [
            {"role": "system", "content": f"You help {who} with email. The email being heard:\n{mail[who]}"},
            {"role": "assistant", "content": "Here it is."},
        ]
        return messages + ([{"role": "user", "content": question}] if question else [])

    for who in ("ann", "bob"):  # each session's read-ahead, one token
        chat(llm_service.url, messages=prompt(who), max_tokens=1, temperature=0)
    for who in ("ann", "bob", "ann"):
        answer = chat(llm_service.url, messages=prompt(who, "What do they want?"), max_tokens=4, temperature=0)
        read, reused = answer["timings"]["prompt_n"], answer["timings"]["cache_n"]
        assert reused > 300 and read < 40, (who, answer["timings"])


async def test_callers_are_answered_together_not_one_after_another(llm_service):
    """The engine's slots decode at once: a second caller's answer begins while the first
    caller's long answer is still streaming, instead of waiting for its end."""
    import asyncio
    import time

    async def first_and_last_token(client: httpx.AsyncClient, n: int) -> tuple[float, float]:
        body = {
            "model": "mailvox-llm",
            "stream": True,
            "max_tokens": 120,
            "temperature": 0,
            "messages": [{"role": "user", "content": f"Count from {n} upward, separated by commas."}],
        }
        first = last = 0.0
        async with client.stream("POST", f"{llm_service.url}/v1/chat/completions", json=body) as r:
            async for line in r.aiter_lines():
                if line.startswith("data: {") and json.loads(line[6:])["choices"][0].get("delta", {}).get("content"):
                    last = time.monotonic()
                    first = first or last
        return first, last

    async with httpx.AsyncClient(timeout=120) as client:
        (first_a, last_a), (first_b, last_b) = await asyncio.gather(
            first_and_last_token(client, 1), first_and_last_token(client, 500)
        )
    assert first_b < last_a and first_a < last_b, "one answer waited for the other to finish"
