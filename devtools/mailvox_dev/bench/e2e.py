"""`mailvox bench e2e`: voice-to-voice latency through livekit-server, measured at the client.

Each turn is timed from the moment the last frame holding the user's speech leaves the client
to the first audible frame of the agent's answer arriving there: endpointing, STT, the fast
path or the LLM, TTS and both trips through livekit-server, as a commuter's app lives them.
The speech is Piper's voice reading a realistic script (briefing commands, questions, a
dictated reply); each level runs that many callers at once, each with a mailbox of its own.
The per-stage figures are the agent's own: each answer's LiveKit metrics, sent to the caller
as an answer_timing event (medians per kind of turn; what the caller waited beyond the agent's
first audio out is the network and the audio buffers), and the means over each level from its
Prometheus endpoint. CPU and memory are the worker's, job processes included.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psutil
import yaml
from prometheus_client.parser import text_string_to_metric_families

from mailvox.client import VoiceClient
from mailvox.settings import LiveKitSettings
from mailvox.speech import synthesize_16k
from mailvox_dev import REPO_ROOT
from mailvox_dev.devservers.dovecot import DovecotServer, MailUser
from mailvox_dev.devservers.livekit import LiveKitServer
from mailvox_dev.devservers.stack import AgentWorker, ModelService

from .machine import describe

DEMO_MAILBOX = REPO_ROOT / "deploy" / "demo-mailbox"
PASSWORD_ENV = "MAILVOX_BENCH_MAIL_PASSWORD"
MAIL_PASSWORD = "bench-password"

# What a commuter says in the first minutes of a drive, and which way the agent answers it:
# "fast" needs no model beyond STT and TTS, "llm" asks the LLM, "dictated" has the LLM write
# a draft from the user's words (and checks it) before reading it back.
SCRIPT = [
    ("Read me the email from Sarah.", "fast"),
    ("What was the deadline in that?", "fast"),
    ("What does Sarah need from me?", "llm"),
    ("Next.", "fast"),
    ("How many are left?", "fast"),
    ("Is there anything urgent I should worry about?", "llm"),
    ("Go back to the Sarah email.", "fast"),
    ("Flag it.", "fast"),
    ("Reply to Sarah saying I will send the numbers by Thursday.", "dictated"),
    ("Don't send it.", "fast"),
    ("Should I reply to this today?", "llm"),
    ("Mark it unread.", "fast"),
]
KINDS = ("fast", "llm", "dictated")
TARGET_S = {"fast": 1.2, "llm": 1.6}  # median voice-to-voice on this project's CPU machine
STAGES = ("end_of_turn", "stt_final", "llm_first_token", "llm_first_piece", "tts_first_audio", "agent_first_audio_out")
# The agent's per-turn figures (its answer_timing events) by the names used here
TURN_STAGES = {
    "end_of_turn_delay": "end_of_turn",
    "transcription_delay": "stt_final",
    "llm_node_ttft": "llm_first_token",
    "llm_node_ttfs": "llm_first_piece",
    "tts_node_ttfb": "tts_first_audio",
    "e2e_latency": "agent_first_audio_out",
}
QUIET_S = 1.5  # the agent has finished answering after this long without sound
TURN_TIMEOUT_S = 120.0


def seed_demo(dovecot: DovecotServer, user: str) -> None:
    dovecot.seed(user, DEMO_MAILBOX)


def spread(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0}
    p90, p99 = np.percentile(samples, [90, 99])
    return {
        "median": round(statistics.median(samples), 3),
        "p90": round(float(p90), 3),
        "p99": round(float(p99), 3),
        "min": round(min(samples), 3),
        "max": round(max(samples), 3),
        "n": len(samples),
    }


@dataclass
class Stack:
    """livekit-server, Dovecot with one mailbox per caller (the demo mailbox unless `fill` says
    otherwise), the model services and the agent worker, on 127.0.0.1 with free ports (as the
    test fixtures start them)."""

    callers: int
    run_dir: Path
    livekit_rtc: dict | None = None  # changes to livekit-server's rtc settings
    storage: str = "maildir"  # Dovecot's mail storage ("mdbox": indexed, as large servers keep mail)
    fill: Callable[[DovecotServer, str], object] = seed_demo  # fills a caller's mailbox on the running Dovecot

    def __post_init__(self) -> None:
        self.identities = [f"bench{n}" for n in range(1, self.callers + 1)]
        self.livekit = LiveKitSettings(api_key="benchkey", api_secret="mailvox-bench-secret-0123456789abcdef")
        self.parts: list = []

    def start(self, log) -> None:
        logs = self.run_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        log(f"==> Dovecot with {self.callers} mailbox(es), {self.storage} storage")
        dovecot = self.dovecot = self._started(
            DovecotServer([MailUser(name, MAIL_PASSWORD) for name in self.identities], storage=self.storage)
        )
        for name in self.identities:
            self.fill(dovecot, name)
        accounts = self.run_dir / "accounts.yaml"
        accounts.write_text(
            yaml.safe_dump(
                {
                    "accounts": {
                        name: {
                            "address": f"{name}@northwind.example",
                            "display_name": "Alex Morgan",
                            "username": name,
                            "password_env": PASSWORD_ENV,
                            "imap": {"host": "127.0.0.1", "port": dovecot.imap_port, "security": "none"},
                        }
                        for name in self.identities
                    }
                }
            )
        )
        log("==> livekit-server")
        server = self.livekit_server = self._started(
            LiveKitServer(self.run_dir / "livekit", self.livekit, rtc=self.livekit_rtc)
        )
        self.livekit = self.livekit.model_copy(update={"url": server.url})
        services = {}
        for name in ("stt", "tts", "llm"):
            log(f"==> {name} service")
            services[name] = self._started(ModelService(name, logs))
        self.services = services
        log("==> agent worker")
        self.worker = self._started(
            AgentWorker(
                logs,
                self.livekit,
                services,
                accounts,
                env={
                    PASSWORD_ENV: MAIL_PASSWORD,
                    # The "llm" turns measure the LLM answering questions about the email, as
                    # the gpu profile does (the cpu default answers from the email's sentences).
                    "MAILVOX_AGENT_LLM_ANSWERS": "true",
                    # A level's sessions outlive its callers for livekit-server's departure_timeout
                    # (the room waits for a dropped caller): room for the next level's beside them.
                    "MAILVOX_AGENT_MAX_SESSIONS": str(2 * self.callers),
                },
            )
        )

    def _started(self, part):
        part.start()
        self.parts.append(part)
        return part

    def stop(self) -> None:
        for part in reversed(self.parts):
            part.stop()

    def scrape(self) -> dict[str, float]:
        """The worker's stage sums and counts and its fast-path count, by sample name."""
        url = f"http://127.0.0.1:{self.worker.metrics_port}/metrics"
        text = urllib.request.urlopen(url, timeout=10).read().decode()
        values: dict[str, float] = {}
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name in ("mailvox_agent_stage_seconds_sum", "mailvox_agent_stage_seconds_count"):
                    values[f"{sample.name}:{sample.labels['stage']}"] = sample.value
                elif sample.name == "mailvox_agent_commands_total":
                    values["fast_path"] = values.get("fast_path", 0.0) + sample.value
        return values


class ProcessSampler:
    """Peak memory and CPU time of a process and all its children, sampled every half second."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[psutil.Process]:
        return [self.root, *self.root.children(recursive=True)]

    def rss_and_cpu(self) -> tuple[int, float]:
        rss, cpu = 0, 0.0
        for process in self._tree():
            try:
                rss += process.memory_info().rss
                times = process.cpu_times()
                # a session's process that has ended counts in its parent's children_* times
                cpu += times.user + times.system + times.children_user + times.children_system
            except psutil.NoSuchProcess:
                pass
        return rss, cpu

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.peak_rss = max(self.peak_rss, self.rss_and_cpu()[0])

    def __enter__(self) -> ProcessSampler:
        self.started_rss, self.started_cpu = self.rss_and_cpu()
        self.started_at = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_s = self.rss_and_cpu()[1] - self.started_cpu
        self.wall_s = time.monotonic() - self.started_at


def turns_for(session: int, count: int) -> list[tuple[str, str]]:
    """`count` turns of the script, each caller starting at a different place in it."""
    start = session * 5 % len(SCRIPT)
    return [SCRIPT[(start + n) % len(SCRIPT)] for n in range(count)]


async def caller(settings: LiveKitSettings, identity: str, turns: list, speech: Callable[[str], bytes]) -> list[dict]:
    """One call: the greeting heard out, then each (text, kind) of `turns` said in the voice
    `speech` gives its text, and timed."""
    measured = []
    async with VoiceClient(settings, identity) as client:
        await client.listen(quiet_s=QUIET_S, timeout=600)  # the greeting, however long it took
        for text, kind in turns:
            already_heard = len(client.heard_from(identity))
            already_said = len(client.agent_said())
            already_told = len(client.events)
            await client.say(speech(text))
            sent = client.last_speech_sent_at
            assert sent is not None  # say() notes when its last frame of speech went out
            turn: dict[str, Any] = {"said": text, "kind": kind}
            try:
                onset = await client.reply_onset_after(sent, timeout=TURN_TIMEOUT_S)
                turn["voice_to_voice_s"] = round(onset - sent, 3)
                await client.until_quiet(QUIET_S, TURN_TIMEOUT_S)
            except TimeoutError as e:
                turn["error"] = str(e)
            turn["agent_heard"] = " ".join(client.heard_from(identity)[already_heard:])
            turn["agent_said"] = " ".join(client.agent_said()[already_said:])
            timings = [e for e in client.events[already_told:] if e.get("type") == "answer_timing"]
            if timings:
                turn["stages_s"] = turn_stages(timings[0], turn.get("voice_to_voice_s"))
            measured.append(turn)
    return measured


async def _level(stack: Stack, sessions: int, turns: int, speech: dict[str, bytes]) -> list[dict]:
    per_session = math.ceil(turns / sessions)
    results = await asyncio.gather(
        *(
            caller(stack.livekit, stack.identities[n], turns_for(n, per_session), speech.__getitem__)
            for n in range(sessions)
        )
    )
    return [turn for session in results for turn in session]


def stage_means(before: dict, after: dict) -> dict:
    """The mean of each stage over what the worker measured between two scrapes."""
    means = {}
    for stage in STAGES:
        count = after.get(f"mailvox_agent_stage_seconds_count:{stage}", 0) - before.get(
            f"mailvox_agent_stage_seconds_count:{stage}", 0
        )
        total = after.get(f"mailvox_agent_stage_seconds_sum:{stage}", 0) - before.get(
            f"mailvox_agent_stage_seconds_sum:{stage}", 0
        )
        means[stage] = {"mean_s": round(total / count, 3) if count else None, "n": int(count)}
    return means


def turn_stages(timing: dict, voice_to_voice: float | None) -> dict:
    """One turn's stages from the agent's answer_timing event; the agent counts its first audio
    out from the end of the user's speech too, so the rest of what the caller waited is the
    network both ways and the two audio buffers."""
    stages = {name: timing[key] for key, name in TURN_STAGES.items() if key in timing}
    if voice_to_voice is not None and "agent_first_audio_out" in stages:
        stages["network_and_playout"] = round(voice_to_voice - stages["agent_first_audio_out"], 3)
    return stages


def stage_medians(turns: list[dict], kinds: Iterable[str] = KINDS) -> dict:
    """Per kind of turn, the median of each stage over the turns that have it."""
    medians = {}
    for kind in kinds:
        staged = [t["stages_s"] for t in turns if t["kind"] == kind and "stages_s" in t]
        names = dict.fromkeys(name for stages in staged for name in stages)
        medians[kind] = {name: round(statistics.median(s[name] for s in staged if name in s), 3) for name in names}
    return medians


def summarize(turns: list[dict], kinds: Iterable[str] = KINDS) -> dict:
    """The spread of voice-to-voice times per kind of turn, and over all turns."""
    by_kind = {}
    for kind in kinds:
        by_kind[kind] = spread([t["voice_to_voice_s"] for t in turns if t["kind"] == kind and "voice_to_voice_s" in t])
    by_kind["all"] = spread([t["voice_to_voice_s"] for t in turns if "voice_to_voice_s" in t])
    return by_kind


def run(levels: list[int], turns: int, models: dict[str, str], log=print, save=lambda result: None) -> dict:
    """Runs each level in turn; `save` gets the result so far after each one (a long run that
    is stopped keeps the levels it finished)."""
    speech = {text: synthesize_16k(text) for text, _ in SCRIPT}
    stack = Stack(max(levels), Path(tempfile.mkdtemp(prefix="mailvox-bench-e2e-")))
    results = {}
    try:
        stack.start(log)
        for sessions in levels:
            log(f"==> {sessions} caller(s) at once, {turns} turns in all")
            before = stack.scrape()
            with ProcessSampler(stack.worker.process.pid) as sampler:
                idle_rss = sampler.started_rss
                measured = asyncio.run(_level(stack, sessions, turns, speech))
            after = stack.scrape()
            fast_turns = sum(1 for t in measured if t["kind"] == "fast")
            level: dict[str, Any] = {
                "voice_to_voice_s": summarize(measured),
                "stage_medians_s": stage_medians(measured),
                "agent_stage_means": stage_means(before, after),
                "fast_path_turns": {
                    "scripted": fast_turns,
                    "counted_by_agent": int(after.get("fast_path", 0) - before.get("fast_path", 0)),
                },
                "unanswered": sum(1 for t in measured if "error" in t),
                "worker": {
                    "cpu_cores_busy": round(sampler.cpu_s / sampler.wall_s, 2),
                    "cpu_s_per_session_minute": round(sampler.cpu_s / sessions / (sampler.wall_s / 60), 1),
                    "rss_idle_mib": round(idle_rss / 2**20),
                    "rss_peak_mib": round(sampler.peak_rss / 2**20),
                    "rss_per_session_mib": round((sampler.peak_rss - idle_rss) / sessions / 2**20),
                },
                "turns": measured,
            }
            results[str(sessions)] = level
            v2v = level["voice_to_voice_s"]
            log("    median voice-to-voice: " + ", ".join(f"{kind} {v2v[kind].get('median')} s" for kind in KINDS))
            save(_report(results, models))
    finally:
        stack.stop()
    return _report(results, models)


def _report(results: dict, models: dict[str, str]) -> dict:
    return {
        "benchmark": "e2e",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(__doc__.strip().splitlines()[2:]).strip(),
        "script": [{"said": text, "kind": kind} for text, kind in SCRIPT],
        "targets_median_s": TARGET_S,
        "models": models,
        "machine": describe(),
        "results_by_concurrent_sessions": results,
        "most_sessions_within_target_p90": {
            kind: max(
                (int(n) for n, r in results.items() if r["voice_to_voice_s"][kind].get("p90", math.inf) < target),
                default=0,
            )
            for kind, target in TARGET_S.items()
        },
    }
