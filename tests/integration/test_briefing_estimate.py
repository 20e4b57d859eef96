"""The briefing's "about N minutes" against the time the voice really takes: every summary of
the demo mailbox, and of a 50-message one, synthesized by the TTS service (the cpu profile's
Piper voice) and timed by its audio. Within a fifth either way; the figures go to
test-artifacts/briefing-estimate.json."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.conversation.spoken import spoken_seconds
from mailvox.agent.mail.briefing import build_briefing
from mailvox_dev.bench.inbox import fill_maildir

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def audio_seconds(tts_url: str, text: str) -> float:
    response = httpx.post(f"{tts_url}/v1/audio/speech", json={"input": text}, timeout=120)
    response.raise_for_status()
    return len(response.content) / 2 / int(response.headers["X-Sample-Rate"])


async def test_the_briefings_estimate_is_within_a_fifth_of_the_voices_time(demo_copy, dovecot, tts_service):
    measured = {}
    for name in ("demo", "50 messages"):
        if name == "50 messages":
            fill_maildir(dovecot, demo_copy.account.identity, total=45, unread=45)  # with the demo's 5
        briefing = Briefing.of(await build_briefing(demo_copy, rules=[]))
        summaries = [briefing.summary(item) for item in briefing.items]
        spoken = sum(audio_seconds(tts_service.url, summary) for summary in summaries)
        estimate = spoken_seconds(summaries)
        measured[name] = {
            "emails": len(summaries),
            "estimate_s": round(estimate, 1),
            "spoken_s": round(spoken, 1),
            "error": round(estimate / spoken - 1, 3),
            "offer": briefing.offer(),
        }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "briefing-estimate.json").write_text(json.dumps(measured, indent=2))
    assert [m["emails"] for m in measured.values()] == [5, 50]
    for name, figures in measured.items():
        assert abs(figures["error"]) <= 0.2, (name, figures)
