"""Walking skeleton, end to end: a LiveKit client joins with a token that dispatches `mailvox`,
hears the agent greet it with Piper's voice, and the greeting (transcribed here with
faster-whisper) says how many messages the demo mailbox holds unread, read over IMAP."""

from __future__ import annotations

import re

from mailvox.agent.mail.imap import unread_count
from mailvox.client import VoiceClient
from mailvox.speech import transcribe_16k

NUMBER_WORDS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def spoken_numbers(text: str) -> set[int]:
    words = re.findall(r"[a-z]+|\d+", text.lower())
    return {int(w) if w.isdigit() else NUMBER_WORDS[w] for w in words if w.isdigit() or w in NUMBER_WORDS}


async def test_agent_greets_with_the_unread_count(
    agent_worker, livekit_server, livekit_settings, dovecot, demo_accounts_file, monkeypatch
):
    from mailvox.agent.mail.accounts import account_for

    monkeypatch.setenv("MAILVOX_TEST_DEMO_PASSWORD", "demo-password")
    expected = await unread_count(account_for("demo", demo_accounts_file))
    assert expected == 5  # the seeded demo inbox

    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, "demo") as client:
        heard = await client.listen(quiet_s=2.0, timeout=120)

    assert len(heard) > 16000, "less than a second of agent audio"
    transcript = transcribe_16k(heard)
    print(f"agent said: {transcript!r}")
    assert re.search(r"have(n't| not) read", transcript.lower()), transcript
    assert expected in spoken_numbers(transcript), transcript


async def test_a_user_who_calls_back_right_after_hanging_up_gets_a_fresh_agent(
    agent_worker, livekit_server, livekit_settings
):
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, "demo") as client:
        await client.listen(timeout=120)
    async with VoiceClient(settings, "demo") as client:  # at once, while the first call closes
        again = transcribe_16k(await client.listen(timeout=120))
    assert re.search(r"have(n't| not) read", again.lower()), again
