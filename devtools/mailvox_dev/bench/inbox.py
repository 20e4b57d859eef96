"""`mailvox bench inbox`: time to build the first briefing as the mailbox grows.

For each size, a real Dovecot holds a Maildir of that many messages of which 50 are unread.
Dovecot's index is built once first (a real server has it already); then the briefing is
timed from a cold connection, several times. The work should follow the unread mail, not
the mailbox, so the times should stay nearly flat.

The server stores mail in Dovecot's indexed mdbox format, as large mail servers do. (With
Maildir, Dovecot itself pays for the mailbox size on every session, rescanning the folder
on SELECT or re-reading its UID list to open messages: about 110-165 ms per session at
100,000 messages here, a cost of that storage format, not of MailVox.)

With --spoken, the questions are then asked in a call, as a commuter says them: Piper's voice
through a real livekit-server to a real agent worker whose account is a mailbox of each size,
timed as `mailvox bench e2e` times a turn, with what the agent answered.
"""

from __future__ import annotations

import asyncio
import functools
import os
import statistics
import tempfile
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import imapclient

from mailvox.agent.conversation.searching import SEARCHED
from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint
from mailvox.agent.mail.briefing import brief_found, build_briefing
from mailvox.agent.mail.mailbox import Mailbox
from mailvox.speech import synthesize_16k
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser

from .e2e import MAIL_PASSWORD, Stack, caller, stage_means, stage_medians, summarize
from .machine import describe

STORAGE = "mdbox"
SENDERS = [
    ("Sarah Chen", "sarah.chen@northwind.example"),
    ("Robert Smith", "bob.smith@northwind.example"),
    ("VendorX Updates", "news@vendorx.example"),
    ("Priya Natarajan", "priya.n@northwind.example"),
    ("IT Service Desk", "servicedesk@northwind.example"),
    ("Jamie Lee", "jamie.lee@northwind.example"),
]
SUBJECTS = ["Q3 budget", "Release status", "Weekly digest", "Offsite agenda", "VPN certificate", "Lunch?"]


def _message(n: int, when: datetime) -> bytes:
    name, address = SENDERS[n % len(SENDERS)]
    return (
        f"From: {name} <{address}>\r\nTo: Alex Morgan <alex@northwind.example>\r\n"
        f"Subject: {SUBJECTS[n % len(SUBJECTS)]} #{n}\r\nDate: {format_datetime(when)}\r\n"
        f"Message-ID: <bench-{n}@northwind.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Message number {n}. Can you take a look by Friday?\r\n"
    ).encode()


def fill_maildir(dovecot: DovecotServer, user: str, total: int, unread: int) -> None:
    """Write `total` messages straight into the Maildir; the newest `unread` are unread."""
    cur = dovecot.maildir(user) / "cur"
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(total):
        when = start + timedelta(minutes=10 * n)
        flags = "" if n >= total - unread else "S"
        path = cur / f"{int(when.timestamp())}.{n}.bench:2,{flags}"
        path.write_bytes(_message(n, when))
        os.utime(path, (when.timestamp(), when.timestamp()))
    dovecot._chown()


def fill_mdbox(dovecot: DovecotServer, user: str, password: str, total: int, unread: int) -> float:
    """The mailbox as a large server holds it: written as a Maildir, imported into mdbox, and
    Dovecot's index built (a real server has it already); returns how long the index took."""
    fill_maildir(dovecot, user, total, unread)
    dovecot.import_maildir(user)
    return _index(dovecot, user, password)


def _index(dovecot: DovecotServer, user: str, password: str) -> float:
    started = time.perf_counter()
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.imap_port, ssl=False) as client:
        client.login(user, password)
        client.select_folder("INBOX", readonly=True)
        client.search(["UNSEEN"])
    return time.perf_counter() - started


async def _briefing_seconds(account: MailAccount) -> tuple[float, int]:
    started = time.perf_counter()
    mailbox = Mailbox(account)
    try:
        briefing = await build_briefing(mailbox, rules=[])
    finally:
        await mailbox.close()
    return time.perf_counter() - started, len(briefing)


# Questions about the mailbox, as the voice path asks the server (agent/assistant.py, _search):
# "anything about the offsite?", "anything from Bob?", "anything from Sarah about the budget?".
SEARCHES: dict[str, dict[str, Any]] = {
    "about the offsite": {"words": ("offsite",)},
    "from Bob": {"sender": "Bob"},
    "from Sarah about the budget": {"sender": "Sarah", "words": ("budget",)},
}
# The same questions said in a call, and the subject the mail each finds has (see _message):
# an answer naming it is found mail, not a mishearing or "Sorry".
SPOKEN = {question: f"Anything {question}?" for question in SEARCHES}
FOUND_SUBJECT = {
    "about the offsite": "Offsite agenda",
    "from Bob": "Release status",
    "from Sarah about the budget": "Q3 budget",
}


async def _search_seconds(account: MailAccount, criteria: dict[str, Any]) -> tuple[float, int]:
    """One question's server work on an open connection (as in a call): the search, then the
    found mail fetched and triaged to be said."""
    mailbox = Mailbox(account)
    try:
        await mailbox.unread(limit=1)  # the call's connection is open already
        started = time.perf_counter()
        found = await brief_found(mailbox, await mailbox.search(limit=SEARCHED + 1, **criteria))
        return time.perf_counter() - started, len(found)
    finally:
        await mailbox.close()


def spoken(total: int, unread: int, rounds: int, log: Callable[[str], object] = print) -> dict:
    """The questions asked `rounds` times in one call to an agent whose mailbox holds `total`
    messages, each turn timed from the caller's last frame of speech to the answer's first."""
    log(f"==> {total} messages ({unread} unread), the questions spoken in a call")
    stack = Stack(
        1,
        Path(tempfile.mkdtemp(prefix="mailvox-bench-inbox-")),
        storage=STORAGE,
        fill=functools.partial(fill_mdbox, password=MAIL_PASSWORD, total=total, unread=unread),
    )
    # Each round in a voicing of its own (Piper varies a little each time): Whisper hears
    # "offsite" rightly about half the time, and one clip said again would be heard alike.
    voicings = {text: deque(synthesize_16k(text) for _ in range(rounds)) for text in SPOKEN.values()}
    # Searches one after another need no "back to my briefing": each searches the whole mailbox.
    turns = [(SPOKEN[question], question) for _ in range(rounds) for question in SEARCHES]
    try:
        stack.start(log)
        before = stack.scrape()
        measured = asyncio.run(caller(stack.livekit, stack.identities[0], turns, lambda text: voicings[text].popleft()))
        after = stack.scrape()
    finally:
        stack.stop()
    result = {"messages": total, "unread": unread, "rounds": rounds, **figures(measured)}
    v2v = result["voice_to_voice_s"]
    log(
        "    median voice-to-voice of the answers naming the mail found: "
        + ", ".join(f"{question} {v2v[question].get('median')} s" for question in SEARCHES)
        + f" ({result['answers_naming_found_mail']} of {len(measured)} answers)"
    )
    return {**result, "agent_stage_means": stage_means(before, after), "turns": measured}


def figures(turns: list[dict]) -> dict:
    """The spoken questions' figures over the turns whose answer names the mail asked for (a
    mishearing's "I don't see any email about dark" searched too, but found nothing to say),
    and over every turn; each turn is marked with whether it did."""
    for turn in turns:
        turn["named_found_mail"] = FOUND_SUBJECT[turn["kind"]].lower() in turn.get("agent_said", "").lower()
    found = [turn for turn in turns if turn["named_found_mail"]]
    return {
        "voice_to_voice_s": summarize(found, SEARCHES),
        "voice_to_voice_every_turn_s": summarize(turns, SEARCHES),
        "stage_medians_s": stage_medians(found, SEARCHES),
        "answers_naming_found_mail": len(found),
        "unanswered": sum(1 for turn in turns if "error" in turn),
    }


def run(
    sizes: list[int],
    unread: int = 50,
    repeats: int = 5,
    log: Callable[[str], object] = print,
    spoken_rounds: int = 0,
    models: dict[str, str] | None = None,
    save: Callable[[dict], object] = lambda result: None,
) -> dict:
    """The server's timings for each size; with `spoken_rounds`, then the questions spoken in a
    call that many times for each size. `save` gets the result so far after each part."""
    results: list[dict[str, Any]] = []
    for total in sizes:
        password = MAIL_PASSWORD
        dovecot = DovecotServer([MailUser("alex", password)], storage=STORAGE)
        dovecot.start()
        try:
            log(f"==> {total} messages ({unread} unread): writing and importing them")
            index_s = fill_mdbox(dovecot, "alex", password, total, unread)
            os.environ["MAILVOX_BENCH_PASSWORD"] = password
            account = MailAccount(
                identity="alex",
                address="alex@northwind.example",
                display_name="Alex Morgan",
                username="alex",
                password_env="MAILVOX_BENCH_PASSWORD",
                imap=ServerEndpoint(host="127.0.0.1", port=dovecot.imap_port, security="none"),
            )
            runs: list[float] = []
            briefed = 0
            for _ in range(repeats):
                seconds, briefed = asyncio.run(_briefing_seconds(account))
                runs.append(seconds)
            log(f"    index built in {index_s:.2f}s; first briefing median {statistics.median(runs) * 1000:.0f} ms")
            searches = {}
            for question, criteria in SEARCHES.items():
                timed = [asyncio.run(_search_seconds(account, criteria)) for _ in range(repeats)]
                searched = [t for t, _ in timed]
                searches[question] = {
                    "found": timed[0][1],
                    "median_s": round(statistics.median(searched), 4),
                    "max_s": round(max(searched), 4),
                }
                log(f"    {question}: {timed[0][1]} found, median {statistics.median(searched) * 1000:.0f} ms")
            results.append(
                {
                    "messages": total,
                    "unread": unread,
                    "briefed": briefed,
                    "index_build_s": round(index_s, 3),
                    "first_briefing_s": {
                        "median": round(statistics.median(runs), 4),
                        "min": round(min(runs), 4),
                        "max": round(max(runs), 4),
                        "runs": [round(r, 4) for r in runs],
                    },
                    "search_then_brief": searches,
                }
            )
        finally:
            dovecot.stop()
    smallest, largest = results[0]["first_briefing_s"]["median"], results[-1]["first_briefing_s"]["median"]
    report: dict[str, Any] = {
        "benchmark": "inbox",
        "what": "time from a cold IMAP connection to a prioritized briefing of the unread mail; and, on an "
        "open connection, a question about the mailbox searched on the server and its answers triaged",
        "server": f"Dovecot {DovecotServer.version()} on 127.0.0.1, {STORAGE} storage",
        "machine": describe(),
        "results": results,
        "growth_largest_vs_smallest": round(largest / smallest, 2),
    }
    if spoken_rounds:
        save(report)  # a spoken part that fails keeps the server's figures
        called: list[dict] = []
        report["spoken"] = {
            "what": "voice-to-voice time of a question about the mailbox, asked in a call: from the last "
            "frame of the caller's speech leaving the client to the first audible frame of the answer",
            "method": "one caller speaks each question (Piper's voice) through livekit-server to the agent "
            "worker, whose account is the mailbox of that size in Dovecot (mdbox, index built); the "
            "questions one after another, `rounds` times (each round in a voicing of its own), after the "
            "greeting; the stages are the agent's answer_timing events; an answer that names the subject of "
            "the mail asked for is found mail, and voice_to_voice_s is over those answers alone",
            "said": SPOKEN,
            "models": models or {},
            "machine": describe(),
            "results": called,
        }
        for total in sizes:
            called.append(spoken(total, unread, spoken_rounds, log))
            save(report)
    return report
