"""`mailvox bench soak`: a long drive in one call, with the memory and open files of every
process sampled throughout.

One caller stays in one call and speaks the e2e script's turns (briefing commands,
questions to the LLM, a dictated reply) over and over, one right after the other: a 90-minute
drive with a request every 20 s is 270 turns, which this runs back to back (time-compressed).
Every `sample_every_s` the resident memory and open file descriptors of each part of the
stack are read (each process with its children: the agent worker with its session processes).
Growth is judged between the first sample after the warm-up turns and the last.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path

import psutil

from mailvox.client import VoiceClient
from mailvox.speech import synthesize_16k

from .e2e import QUIET_S, SCRIPT, Stack
from .machine import describe

DRIVE_MINUTES = 90
SECONDS_PER_REQUEST = 20  # how often a commuter speaks on the drive being simulated
WARM_UP_TURNS = 12  # one pass through the script: caches and model buffers fill first


class StackSampler:
    """Resident memory (MiB) and open file descriptors of each part, as a time series."""

    def __init__(self, parts: dict[str, int], every_s: float) -> None:
        self.parts = parts  # name -> pid
        self.every_s = every_s
        self.samples: list[dict] = []
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self, turn: int) -> None:
        row = {"t_s": round(time.monotonic() - self.started, 1), "turn": turn}
        for name, pid in self.parts.items():
            rss, fds = 0, 0
            try:
                root = psutil.Process(pid)
                for process in [root, *root.children(recursive=True)]:
                    try:
                        rss += process.memory_info().rss
                        fds += process.num_fds()
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                pass
            row[name] = {"rss_mib": round(rss / 2**20, 1), "fds": fds}
        self.samples.append(row)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.sample(self.turn)

    def __enter__(self) -> StackSampler:
        self.turn = 0
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample(self.turn)


def growth(samples: list[dict], parts: list[str], from_turn: int) -> dict:
    """Per part: memory and descriptors at the first sample after the warm-up and at the end."""
    settled = [s for s in samples if s["turn"] >= from_turn] or samples
    first, last = settled[0], settled[-1]
    report = {}
    for name in parts:
        peak = max(s[name]["rss_mib"] for s in settled)
        report[name] = {
            "rss_mib_after_warm_up": first[name]["rss_mib"],
            "rss_mib_at_end": last[name]["rss_mib"],
            "rss_mib_peak": peak,
            "rss_growth_mib": round(last[name]["rss_mib"] - first[name]["rss_mib"], 1),
            "fds_after_warm_up": first[name]["fds"],
            "fds_at_end": last[name]["fds"],
            "fds_growth": last[name]["fds"] - first[name]["fds"],
        }
    return report


async def drive(
    stack: Stack, turns: int, speech: dict[str, bytes], sampler: StackSampler, log, progress=lambda measured: None
) -> list[dict]:
    identity = stack.identities[0]
    measured = []
    async with VoiceClient(stack.livekit, identity) as client:
        await client.listen(quiet_s=QUIET_S, timeout=300)  # the greeting
        for turn in range(turns):
            text, kind = SCRIPT[turn % len(SCRIPT)]
            sampler.turn = turn
            await client.say(speech[text])
            sent = client.last_speech_sent_at
            row = {"turn": turn, "kind": kind}
            try:
                row["voice_to_voice_s"] = round(await client.reply_onset_after(sent, timeout=120) - sent, 3)
                await client.until_quiet(QUIET_S, 120)
            except TimeoutError as silence:
                row["error"] = str(silence)
            measured.append(row)
            if turn % 20 == 19:
                log(f"    {turn + 1} turns")
                progress(measured)
            if len(measured) >= 3 and all("error" in t for t in measured[-3:]):
                log(f"    the call broke: three turns in a row unanswered at turn {turn + 1}")
                break
    return measured


def run(
    turns: int,
    models: dict[str, str],
    sample_every_s: float = 10.0,
    warm_up_turns: int = WARM_UP_TURNS,
    log=print,
    save=lambda result: None,
) -> dict:
    """`save` gets the result so far every 20 turns (a stopped run keeps what it measured)."""
    speech = {text: synthesize_16k(text) for text, _ in SCRIPT}
    stack = Stack(1, Path(tempfile.mkdtemp(prefix="mailvox-bench-soak-")))
    try:
        stack.start(log)
        pids = {
            "livekit_server": stack.livekit_server.pid,
            "dovecot": stack.dovecot.pid,
            "agent_worker": stack.worker.process.pid,
            **{f"{name}_service": service.process.pid for name, service in stack.services.items()},
        }
        log(f"==> one call, {turns} turns back to back")
        with StackSampler(pids, sample_every_s) as sampler:
            report = lambda measured: _report(measured, turns, sampler.samples, list(pids), warm_up_turns, models)  # noqa: E731
            measured = asyncio.run(drive(stack, turns, speech, sampler, log, lambda m: save(report(m))))
    finally:
        stack.stop()
    return report(measured)


def _report(
    measured: list[dict], turns: int, samples: list[dict], parts: list[str], warm_up_turns: int, models: dict[str, str]
) -> dict:
    return {
        "benchmark": "soak",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(__doc__.strip().splitlines()[2:]).strip(),
        "models": models,
        "machine": describe(),
        "turns_planned": turns,
        "turns": len(measured),
        "simulated_drive_minutes": round(len(measured) * SECONDS_PER_REQUEST / 60, 1),
        "wall_minutes": round(samples[-1]["t_s"] / 60, 1) if samples else 0.0,
        "unanswered": sum(1 for t in measured if "error" in t),
        "voice_to_voice_median_s_first_and_last_50": [
            _median([t["voice_to_voice_s"] for t in measured[:50] if "voice_to_voice_s" in t]),
            _median([t["voice_to_voice_s"] for t in measured[-50:] if "voice_to_voice_s" in t]),
        ],
        "warm_up_turns": warm_up_turns,
        "growth_after_warm_up": growth(samples, parts, warm_up_turns) if samples else {},
        "samples": samples,
    }


def _median(values: list[float]) -> float | None:
    return round(sorted(values)[len(values) // 2], 3) if values else None
