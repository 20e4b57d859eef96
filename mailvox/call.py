"""`mailvox call`: talk to a running MailVox from the terminal, without a microphone."""

from __future__ import annotations

from pathlib import Path

from mailvox.client import VoiceClient, read_wav_16k
from mailvox.settings import LiveKitSettings
from mailvox.speech import synthesize_16k, transcribe_16k


async def call(identity: str, say: str | None, wav: Path | None) -> int:
    async with VoiceClient(LiveKitSettings(), identity) as client:
        print(f"joined {client.room_name} as {identity}; waiting for the agent...")
        greeting = await client.listen()
        print(f"agent: {transcribe_16k(greeting)}")
        if say or wav:
            pcm = read_wav_16k(wav) if wav else synthesize_16k(say or "")
            print(f"you:   {say or wav}")
            await client.say(pcm)
            reply = await client.listen()
            print(f"agent: {transcribe_16k(reply)}")
    return 0
