"""What the spoken end-to-end tests share: a caller with a mailbox of their own (a copy of the
demo inbox, known to the running worker), and requests spoken one by one through livekit-server
with the agent's answer to each."""

from __future__ import annotations

import asyncio
import time

import yaml

from mailvox.client import VoiceClient
from mailvox_dev.devservers.dovecot import MailUser

from ..conftest import DEMO_MAILBOX, MailboxUser

QUIET_S = 1.5


def own_copy_of_the_demo(dovecot, demo_accounts_file, identity: str, smtp=None):
    """A copy of the demo inbox for `identity`, known to the running worker (it reads the
    accounts file at each call) under the demo's password variable, which its environment holds;
    with `smtp` (a test SMTP server, no AUTH), it can send."""
    dovecot.add_user(MailUser(identity, "demo-password"))
    dovecot.seed(identity, DEMO_MAILBOX)
    accounts = yaml.safe_load(demo_accounts_file.read_text())
    demo = accounts["accounts"]["demo"]
    accounts["accounts"][identity] = {**demo, "address": f"{identity}@northwind.example", "username": identity}
    if smtp is not None:
        accounts["accounts"][identity]["smtp"] = {
            "host": smtp.host,
            "port": smtp.port,
            "security": "none",
            "login": False,
        }
    demo_accounts_file.write_text(yaml.safe_dump(accounts))
    return MailboxUser(dovecot, identity, "demo-password").account(display_name="Alex Morgan")


async def spoken_exchanges(client: VoiceClient, identity: str, requests: list[tuple[str, bytes]]) -> list[dict]:
    """Each request spoken and heard to the end of its answer: what was said, what the agent's
    recognizer heard, what the agent answered, and whether it began before the caller finished."""
    exchanges = []
    for said, pcm in requests:
        heard, answered, told = len(client.heard_from(identity)), len(client.agent_said()), len(client.events)
        began = time.monotonic()
        await client.say(pcm)
        finished = client.last_speech_sent_at
        onset = await client.reply_onset_after(began, timeout=120)
        await client.until_quiet(QUIET_S, 120)
        await asyncio.sleep(0.3)  # the transcripts follow the audio
        exchanges.append(
            {
                "said": said,
                "heard": " ".join(client.heard_from(identity)[heard:]),
                "answer": " ".join(client.agent_said()[answered:]),
                "answers": sum(e.get("type") == "answer_timing" for e in client.events[told:]),
                "spoke_before_the_caller_finished": onset < finished,
            }
        )
    return exchanges


# A spoken request and what its answer must show: (what the caller says; words the agent's
# answer must hold, any one of them; words it must not hold)
Expected = tuple[str, tuple[str, ...], tuple[str, ...]]


def wrong_answers(requests: list[Expected], exchanges: list[dict]) -> list[dict]:
    """The exchanges whose answer lacks all its expected words or holds one it must not."""
    return [
        exchange
        for (_, expected, unexpected), exchange in zip(requests, exchanges, strict=True)
        if not any(w.lower() in exchange["answer"].lower() for w in expected)
        or any(w in exchange["answer"] for w in unexpected)
    ]
