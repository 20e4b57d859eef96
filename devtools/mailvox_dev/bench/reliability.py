"""`mailvox bench reliability`: the spoken scenario over bad links, and a lost agent worker.

A caller in a network namespace of its own talks to the assistant through `badlink.LinkRelay`
(this kernel has no netem, so loss, jitter and outages are emulated in user space on the
veth's far end). Each condition is one call in a room of its own: the greeting on a clean
link, then the condition begins; the caller asks for Sarah's email and moves on to the
next; outages start there; after them the caller says "repeat that". For the lost worker the
caller dictates a reply instead of moving on, and the worker's whole process group is killed
with SIGKILL and started again (as a supervisor would). Recorded per condition:
whether the session survived (the same agent answered to the end), whether the caller got
back without anyone touching it (the SDK resumed, or the app joined the same room again, as
the web page does), whether the agent's place in the briefing was kept (the email repeated
is the one it was on, or the reply to it is read back again), and the word error rate of the
caller's requests as the agent transcribed them, against the clean run's transcripts and against the words spoken; for the
lost worker, how long the caller waited to hear the new agent, and whether the dictated reply
was kept (read back by the new agent, and in Drafts once).
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jiwer

from mailvox_dev import REPO_ROOT

from .badlink import CallerNamespace, Impairment, LinkRelay
from .e2e import Stack
from .machine import describe

BRIEFING = ("Read me the email from Sarah.", "Next.", "Repeat that.")
LLM_QUESTION = "Is there anything urgent I should worry about?"
DICTATION = (
    "Read me the email from Sarah.",
    "Reply to Sarah saying I will send the numbers by Thursday.",
    "Repeat that.",
)


@dataclass(frozen=True)
class Condition:
    name: str
    link: Impairment = Impairment()  # from the end of the greeting to the end of the call
    outage_s: float = 0.0  # the link goes down for this long before the last request
    worker_lost: bool = False  # the agent worker is killed before the last request
    service: str = ""  # this model service is killed before the next-to-last request, back before the last
    requests: tuple[str, ...] = BRIEFING


CONDITIONS = {
    c.name: c
    for c in [
        Condition("clean"),
        Condition("loss_3pct", Impairment(loss=0.03)),
        Condition("loss_10pct", Impairment(loss=0.10)),
        Condition("jitter_100ms_50ms", Impairment(delay_s=0.1, jitter_s=0.05)),
        Condition("outage_5s", outage_s=5.0),
        Condition("outage_30s", outage_s=30.0),
        Condition("worker_lost", worker_lost=True, requests=DICTATION),
        # what the caller says while the service is down must need it: a question for the LLM
        Condition("stt_restart", service="stt", requests=(*BRIEFING, "Repeat that.")),
        Condition("llm_restart", service="llm", requests=(*BRIEFING[:2], LLM_QUESTION, "Repeat that.")),
        Condition("tts_restart", service="tts", requests=(*BRIEFING, "Repeat that.")),
    ]
}
# The clean call is left to the other spoken tests; each condition here costs over two minutes.
CI_CONDITIONS = ["loss_10pct", "outage_5s", "worker_lost", "tts_restart"]


def speech_file(request: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", request.lower()).strip("-") + ".pcm"


# --- the caller, run inside its namespace -------------------------------------------------


def _checkpoint(name: str, **details) -> str:
    """Tell the benchmark where the call is; its answer says what to do next."""
    print(json.dumps({"at": name, **details}), flush=True)
    return sys.stdin.readline().strip()


async def _until_connected(client, timeout: float) -> bool:
    """Back in the call after a drop: the SDK resumes or reconnects by itself; when it gives
    up, the app joins the same room again with backoff, as the web page does. True when the
    app had to."""
    from livekit import rtc

    deadline = time.monotonic() + timeout
    rejoined = False
    wait = 1.0
    while client.room.connection_state != rtc.ConnectionState.CONN_CONNECTED:
        if time.monotonic() > deadline:
            raise TimeoutError(f"not back in the call after {timeout:.0f}s")
        if client.room.connection_state == rtc.ConnectionState.CONN_DISCONNECTED:
            await asyncio.sleep(wait)
            wait = min(wait * 2, 8.0)
            try:
                await client.join()
                rejoined = True
            except Exception:  # noqa: BLE001 - still no link: try again
                continue
        else:
            await asyncio.sleep(0.2)
    return rejoined


async def _call(
    url: str, key: str, secret: str, identity: str, room: str, speech_dir: Path, requests: list[str]
) -> dict:
    from mailvox.client import VoiceClient
    from mailvox.settings import LiveKitSettings

    settings = LiveKitSettings(url=url, api_key=key, api_secret=secret)
    events: list[str] = []
    said: list[list[str]] = []  # [request, what the agent said back]
    recovery: dict = {}
    async with VoiceClient(settings, identity, room=room) as client:
        client.room.on("reconnecting", lambda: events.append("reconnecting"))
        client.room.on("reconnected", lambda: events.append("reconnected"))
        client.room.on("disconnected", lambda *_: events.append("disconnected"))
        await client.listen(timeout=120)
        agents_at_start = sorted(client.room.remote_participants)
        _checkpoint("greeted")
        rejoined = False
        for n, request in enumerate(requests):
            events_before = len(events)
            answer = _checkpoint("before_request", n=n).split() if n else ["go"]
            if answer[0] != "go" or n == len(requests) - 1:
                wait_for_agent = answer[0] == "listen"
                # the fault began this long before the benchmark answered
                resumed_at = time.monotonic() - (float(answer[1]) if len(answer) > 1 else 0.0)
                rejoined = await _until_connected(client, 90) or rejoined
                if len(events) > events_before or wait_for_agent:  # the agent says where the call was
                    agent_before = len(client.agent_said())
                    try:
                        await client.listen(timeout=90 if wait_for_agent else 20)
                        first = next(t for t in client.onsets if t > resumed_at)
                        recovery["first_sound_after_fault_s"] = round(first - resumed_at, 1)
                    except TimeoutError:
                        pass
                    recovery["said"] = " ".join(client.agent_said()[agent_before:])
            agent_before = len(client.agent_said())
            await client.say((speech_dir / speech_file(request)).read_bytes())
            try:
                await client.listen(timeout=90)
            except TimeoutError as silence:
                said.append([request, f"(no answer: {silence})"])
                continue
            said.append([request, " ".join(client.agent_said()[agent_before:])])
        agents_at_end = sorted(client.room.remote_participants)
        during_the_call = list(events)  # not the disconnect of hanging up
    return {
        "events": during_the_call,
        "app_rejoined": rejoined,
        "same_agent": bool(agents_at_start) and agents_at_start == agents_at_end,
        "agent_at_end": bool(agents_at_end),
        "agent_heard": client.heard_from(identity),
        "agent_said": said,
        "recovery": recovery,
    }


def caller_main(argv: list[str]) -> None:
    try:
        result = asyncio.run(_call(*argv[:5], Path(argv[5]), json.loads(argv[6])))
        print(json.dumps({"at": "done", "result": result}), flush=True)
    except Exception as failed:  # noqa: BLE001 - reported to the benchmark as this condition's result
        print(json.dumps({"at": "failed", "error": f"{type(failed).__name__}: {failed}"}), flush=True)


# --- the benchmark ----------------------------------------------------------------------------


def how_it_got_back(result: dict) -> str:
    if result["app_rejoined"]:
        return "the SDK gave up; the app joined the same room again"
    if "reconnected" in result["events"]:
        return "the SDK reconnected by itself"
    return "no drop seen by the SDK"


def _sender(said: str) -> str:
    """Whose email the agent was talking about ("From Sarah Chen: ...", "about Sarah Chen's email",
    or the reply to it read back again: "Here's your reply to Sarah Chen: ...")."""
    match = re.search(r"\bFrom ([^:]+):|about (.+?)'s email|your reply to ([^:]+):", said or "")
    return next(group for group in match.groups() if group).strip() if match else ""


def _plain_words(sentences: list[str]) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", " ".join(sentences).lower()).split())


def _wer(reference: list[str], heard: list[str]) -> float | None:
    ref = _plain_words(reference)
    return round(jiwer.wer(ref, _plain_words(heard)), 3) if ref else None


class ReliabilityRun:
    def __init__(self, run_dir: Path, log) -> None:
        self.run_dir = run_dir
        self.log = log
        self.namespace = CallerNamespace()
        self.stack = Stack(1, run_dir)
        self.relay: LinkRelay | None = None

    def start(self) -> None:
        from mailvox.speech import synthesize_16k

        self.namespace.__enter__()
        # livekit-server advertises the relay as its address, and binds its media port to
        # 127.0.0.1 alone; ICE over TCP is off, so nothing can go round the relay.
        self.stack.livekit_rtc = {
            "node_ip": self.namespace.host_ip,
            "ips": {"includes": ["127.0.0.1/32"]},
            "tcp_port": 0,
        }
        self.stack.start(self.log)
        server = self.stack.livekit_server
        self.relay = LinkRelay(
            self.namespace.host_ip,
            server.config["rtc"]["udp_port"],
            ("127.0.0.1", server.port),
            impaired_ip=self.namespace.caller_ip,
        )
        self.relay.start()
        self.speech = self.run_dir / "speech"
        self.speech.mkdir(exist_ok=True)
        for request in {request for condition in CONDITIONS.values() for request in condition.requests}:
            (self.speech / speech_file(request)).write_bytes(synthesize_16k(request))

    def stop(self) -> None:
        if self.relay is not None:
            self.relay.stop()
        self.stack.stop()
        self.namespace.__exit__()

    def call(self, condition: Condition) -> dict:
        from mailvox.tokens import new_room

        identity = self.stack.identities[0]
        self.relay.set(Impairment())
        self.relay.udp.forwarded = self.relay.udp.dropped = 0
        argv = [
            sys.executable,
            "-m",
            "mailvox_dev.bench.reliability",
            self.relay.signal_url,
            self.stack.livekit.api_key,
            self.stack.livekit.api_secret,
            identity,
            new_room(identity),
            str(self.speech),
            json.dumps(condition.requests),
        ]
        caller = subprocess.Popen(
            self.namespace.command(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT
        )
        started = time.monotonic()
        try:
            for line in caller.stdout:
                step = json.loads(line)
                answer = "go"
                if step["at"] == "greeted":
                    self.relay.set(condition.link)
                elif step["at"] == "before_request":
                    answer = self._fault(condition, step["n"])
                elif step["at"] in ("done", "failed"):
                    break
                caller.stdin.write(answer + "\n")
                caller.stdin.flush()
        finally:
            caller.kill()
            caller.wait()
        step.update(
            seconds=round(time.monotonic() - started, 1),
            udp_forwarded=self.relay.udp.forwarded,
            udp_dropped=self.relay.udp.dropped,
            drafts=self.drafts(identity),
        )
        return step

    def _fault(self, condition: Condition, n: int) -> str:
        last = len(condition.requests) - 1
        if condition.service and n == last - 1:
            self.stack.services[condition.service].process.kill()  # SIGKILL, as a crash would
        if condition.service and n == last:
            self.stack.services[condition.service].start()  # back, and answering /ready
        if n != last:
            return "go"
        if condition.outage_s:
            self.relay.set(Impairment(down=True))
            time.sleep(condition.outage_s)
            self.relay.set(condition.link)
        if condition.worker_lost:
            # The whole process group, session processes included, as a crash of its box
            # would; then started again, as its supervisor would.
            worker = self.stack.worker.process
            registered = worker.log_path.read_text(errors="replace").count("registered worker")
            killed_at = time.monotonic()
            worker.kill()
            worker.start(
                lambda: worker.log_path.read_text(errors="replace").count("registered worker") > registered, timeout=120
            )
            return f"listen {time.monotonic() - killed_at:.2f}"
        return "go"

    def drafts(self, identity: str) -> int:
        """Messages in the caller's Drafts folder now."""
        drafts = self.stack.dovecot.maildir(identity, "Drafts")
        return sum(1 for sub in ("cur", "new") if (drafts / sub).is_dir() for _ in (drafts / sub).iterdir())


def summarize(condition: Condition, step: dict, clean: dict | None) -> dict:
    row = {
        "condition": condition.name,
        "loss": condition.link.loss,
        "delay_s": condition.link.delay_s,
        "jitter_s": condition.link.jitter_s,
        "outage_s": condition.outage_s,
        "worker_lost": condition.worker_lost,
        "seconds": step["seconds"],
        "udp_datagrams": {"forwarded": step["udp_forwarded"], "dropped": step["udp_dropped"]},
    }
    if step["at"] != "done":
        return {**row, "session_survived": False, "error": step.get("error", "the caller stopped")}
    result = step["result"]
    answers = [answer for _, answer in result["agent_said"]]
    # Where the agent was: the email it moved to before the fault (Sarah's, when the caller
    # dictated a reply to it), against the one it repeats at the end.
    place_before = _sender(answers[1]) or _sender(answers[0]) if len(answers) > 1 else ""
    place_after = _sender(answers[-1]) if answers else ""
    answered = len(answers) == len(condition.requests) and not any(a.startswith("(no answer") for a in answers)
    summary = {
        **row,
        "session_survived": answered and result["agent_at_end"] and (result["same_agent"] or condition.worker_lost),
        "reconnected_without_user_action": answered,
        "how_it_got_back": how_it_got_back(result),
        "link_events": result["events"],
        "place_kept": bool(place_before) and place_before == place_after,
        "place": {"before": place_before, "after": place_after},
        "request_wer_vs_clean": _wer(clean["result"]["agent_heard"], result["agent_heard"])
        if clean and condition.requests == BRIEFING
        else None,
        "request_wer_vs_spoken": _wer(list(condition.requests), result["agent_heard"]),
        "agent_heard": result["agent_heard"],
        "agent_said": result["agent_said"],
        "recovery": result["recovery"],
    }
    if condition.service:
        summary["answer_while_down"] = answers[-2] if len(answers) > 1 else ""
        summary["apology_heard"] = "restarting" in summary["answer_while_down"]  # as every apology says
    if condition.worker_lost:
        summary["new_agent_took_over"] = answered and not result["same_agent"]
        summary["dictated_reply_kept"] = "thursday" in result["recovery"].get("said", "").lower()
        summary["drafts_in_folder"] = step["drafts"]
    return summary


def run(conditions: list[str], models: dict[str, str], log=print, save=lambda result: None) -> dict:
    unknown = set(conditions) - set(CONDITIONS)
    if unknown:
        raise ValueError(f"unknown conditions {sorted(unknown)}; known: {sorted(CONDITIONS)}")
    # the reference comes first, where it is asked for
    names = sorted(conditions, key=lambda name: name != "clean")
    bench = ReliabilityRun(Path(tempfile.mkdtemp(prefix="mailvox-bench-reliability-")), log)
    rows = []
    try:
        bench.start()
        clean = None
        for name in names:
            log(f"==> {name}")
            step = bench.call(CONDITIONS[name])
            if name == "clean" and step["at"] == "done":
                clean = step
            rows.append(summarize(CONDITIONS[name], step, clean))
            log(
                "    "
                + json.dumps(
                    {
                        k: rows[-1].get(k)
                        for k in (
                            "session_survived",
                            "how_it_got_back",
                            "place_kept",
                            "request_wer_vs_clean",
                            "recovery",
                            "error",
                        )
                    }
                )
            )
            save(_report(rows, models))
    finally:
        bench.stop()
    return _report(rows, models)


def _report(rows: list[dict], models: dict[str, str]) -> dict:
    return {
        "benchmark": "reliability",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(__doc__.strip().splitlines()[2:]).strip(),
        "requests": {"briefing": BRIEFING, "dictation": DICTATION},
        "models": models,
        "machine": describe(),
        "network": rows,
    }


if __name__ == "__main__":
    caller_main(sys.argv[1:])
