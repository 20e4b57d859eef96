"""A spoken exchange end to end: the client speaks (Piper), the agent hears it through the
streaming STT adapter, understands it, answers and speaks through the TTS adapter, all inside
a real AgentSession behind livekit-server. (The LLM's stages are timed through livekit-server by
tests/e2e/test_benchmarks.py, whose worker answers questions with the LLM.)"""

from __future__ import annotations

import re

import jiwer

from mailvox.client import VoiceClient
from mailvox.speech import synthesize_16k, transcribe_16k

SAID = "How many unread emails do I have?"


def words(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower()).strip()


async def test_the_agent_hears_the_user_and_answers(agent_worker, livekit_server, livekit_settings):
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, "demo") as client:
        await client.listen(timeout=120)  # the greeting
        await client.say(synthesize_16k(SAID))
        answer = await client.listen(timeout=120)

    [heard] = client.heard_from("demo")
    [timing] = [e for e in client.events if e["type"] == "answer_timing"]  # to the page: timings, no words
    assert 0 < timing["end_of_turn_delay"] < timing["e2e_latency"] < 30, timing
    assert jiwer.wer(words(SAID), words(heard)) <= 0.2, heard
    assert len(answer) > 16000 and transcribe_16k(answer).strip()

    # The worker's Prometheus endpoint counted the session and timed each stage of the turn.
    import urllib.request

    scraped = urllib.request.urlopen(f"http://127.0.0.1:{agent_worker.metrics_port}/metrics").read().decode()
    assert re.search(r'mailvox_agent_sessions_total\{outcome="started"\} [1-9]', scraped), scraped[-2000:]
    for stage in (
        "end_of_turn",
        "stt_final",
        "tts_first_audio",
        "agent_first_audio_out",
    ):
        assert re.search(rf'mailvox_agent_stage_seconds_count\{{stage="{stage}"\}} [1-9]', scraped), stage


async def test_read_me_sarahs_email_then_interrupt_and_go_back(agent_worker, livekit_server, livekit_settings):
    """The issue's scenario, spoken: ask for Sarah's email, move on, then barge in while the
    agent is talking and go back to it."""
    import asyncio

    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, "demo") as client:
        await client.listen(timeout=120)  # the greeting
        await client.say(synthesize_16k("Read me the email from Sarah."))
        sarah = transcribe_16k(await client.listen(timeout=120))
        assert "budget" in sarah.lower(), (sarah, client.transcripts)

        await client.say(synthesize_16k("Next."))
        await client.wait_until_speaking(timeout=120)
        await asyncio.sleep(0.8)  # mid-sentence
        interrupted_at = len(client.heard)
        await client.say(synthesize_16k("Wait, go back to the Sarah email."))
        after = await client.listen(timeout=120)

    heard_after = transcribe_16k(after)
    assert "budget" in heard_after.lower(), (heard_after, client.transcripts)
    # The barge-in was heard for what it asked. (The echo gate can clip its first words while the
    # agent is still talking: "Wait, go back to the Sarah email" was once heard as "Wait to the
    # Sarah email". The request survives; the clipping is a known fault of the gate.)
    assert any("to the sarah" in words(t) for t in client.heard_from("demo")), client.transcripts
    assert interrupted_at > 0

    # The worker's log names what happened, never what the mail says or the password.
    log = agent_worker.process.log_path.read_text(errors="replace")
    assert "understood go_to" in log
    for private in ("Q3 budget", "Finance moved the deadline", "headcount", "demo-password"):
        assert private not in log, private


# A caller's app in its own process, killed to drop its link without hanging up.
DROPPING_CALLER = """
import asyncio, sys
from mailvox.client import VoiceClient
from mailvox.settings import LiveKitSettings
from mailvox.speech import synthesize_16k

async def main():
    settings = LiveKitSettings(url=sys.argv[1], api_key=sys.argv[2], api_secret=sys.argv[3])
    async with VoiceClient(settings, "demo", room=sys.argv[4]) as client:
        await client.listen(timeout=120)
        await client.say(synthesize_16k("Read me the email from Sarah."))
        await client.listen(timeout=120)
        print("heard the answer", flush=True)
        await asyncio.sleep(600)

asyncio.run(main())
"""


async def test_after_a_dropped_link_the_caller_rejoins_and_the_agent_carries_on(
    agent_worker, livekit_server, livekit_settings
):
    import asyncio
    import subprocess
    import sys

    from mailvox.tokens import new_room

    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    room = new_room("demo")
    caller = subprocess.Popen(
        [sys.executable, "-c", DROPPING_CALLER, settings.url, settings.api_key, settings.api_secret, room],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = await asyncio.wait_for(asyncio.to_thread(caller.stdout.readline), 240)
        assert line.strip() == "heard the answer"
    finally:
        caller.kill()  # no goodbye to the server: the link is simply gone
        caller.wait()
    async with VoiceClient(settings, "demo", room=room) as client:
        again = transcribe_16k(await client.listen(timeout=60))
    assert "cut off" in again.lower() and "budget" in again.lower(), again
