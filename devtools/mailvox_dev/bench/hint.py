"""`python -m mailvox_dev.bench.hint --json FILE`: what the recognizer's hint gains and costs.

The agent tells Whisper what the caller is likely to say: the briefed subjects' words and the
senders' names (agent/conversation/hearing.py). Each line is said once by Piper and heard twice
by the packaged Whisper as the STT service runs it: with the names alone, and with the subjects'
words before them, the demo mailbox's unread mail being the briefing. The lines are the
understanding test set (278 lines about other mail: what the words cost) and requests about the
demo's subjects (what they gain).
"""

from __future__ import annotations

import argparse
import asyncio
import email
import json
from email.policy import default
from email.utils import parseaddr
from pathlib import Path

import jiwer
import numpy as np

from mailvox.agent.conversation.hearing import MAX_HINT_CHARS, names_hint, topics_hint
from mailvox.agent.conversation.understanding import load_phrasings, understand

from . import garble
from .machine import describe
from .understanding import TEST_FILE

UNREAD = Path(__file__).resolve().parents[3] / "deploy" / "demo-mailbox" / "INBOX" / "unread"
# Requests naming what the demo's unread mail is about, as a driver asks them.
ABOUT_THE_MAIL = [
    "Anything about the offsite?",
    "The VPN thing, what's it actually about?",
    "What's the deadline on the budget thing?",
    "Is the release still on?",
    "Read me the offsite one.",
    "Anything about the dashboard features?",
    "When does the certificate expire?",
    "Go back to the agenda email.",
    "Any news on the budget numbers?",
    "Archive the VendorX newsletter.",
    "Did anyone mention the offsite slot?",
    "Flag the VPN one.",
]


def demo_hints() -> dict[str, str]:
    """The hints the agent would pass for the demo mailbox's unread mail."""
    messages = [email.message_from_bytes(path.read_bytes(), policy=default) for path in sorted(UNREAD.glob("*.eml"))]
    names = names_hint(parseaddr(str(m["From"]))[0] for m in messages)
    topics = topics_hint((str(m["Subject"]) for m in messages), MAX_HINT_CHARS - len(names) - 1)
    return {"names": names, "subjects_and_names": f"{topics} {names}"}


def run() -> dict:
    test = load_phrasings(TEST_FILE)
    lines = [p.text for p in test] + ABOUT_THE_MAIL
    hints = demo_hints()

    async def hear_all() -> dict[str, list[str]]:
        ear, rng = garble.Ear(), np.random.default_rng(0)
        heard: dict[str, list[str]] = {name: [] for name in hints}
        for text in lines:
            audio = garble.speak(text, garble.VOICINGS[0], rng)
            for name, hint in hints.items():
                heard[name].append(await ear.hear(audio, hint))
        return heard

    heard = asyncio.run(hear_all())
    said = [garble._words(text) for text in lines]
    n = len(test)
    result: dict = {"benchmark": "hint", "machine": describe(), "hints": hints, "lines": {"other": n}}
    result["lines"]["about_the_mail"] = len(ABOUT_THE_MAIL)
    for name, texts in heard.items():
        words = [garble._words(text) or "-" for text in texts]
        result[name] = {
            "word_error_rate_other_lines": round(float(jiwer.wer(said[:n], words[:n])), 4),
            "intents_right_other_lines": sum(
                understand(t).name == p.intent for t, p in zip(texts[:n], test, strict=True)
            ),
            "word_error_rate_about_the_mail": round(float(jiwer.wer(said[n:], words[n:])), 4),
            "heard_about_the_mail": texts[n:],
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args()
    result = run()
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k not in ("hints",)}, indent=1))


if __name__ == "__main__":
    main()
