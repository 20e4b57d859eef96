"""Scale-out, proven on this machine rather than templated: two livekit-server nodes sharing a
Redis (Debian's redis-server), Debian's nginx in front of them as the cluster's Service is,
and two agent workers that reach livekit-server through it. Two callers, each with a
mailbox of its own, connect straight to one node each (two, to keep CI's 2 cores within time).

Proven, in one run (the steps depend on each other, so one scenario feeds the tests):
- rooms spread over both nodes, and the calls over both workers;
- a caller who connects through either node is served: hears the greeting;
- a killed worker (its whole process group, SIGKILL, then started again as a supervisor
  would) costs only its own call: that caller hears the handover ("I lost you for a moment"),
  and the other call keeps its agent and is answered. Each worker takes one call here, so
  the calls go to both workers; every worker watches for callers left without an agent.
- a killed node (SIGKILL): the callers it held, by their connection or their room, join the
  same room again through the balancer and are served again (the workers' own connections
  move to the other node through the balancer too), and every call answers its next request.
  With two callers on two nodes a node holds a part of both calls, so no call here is left
  untouched by the kill.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from mailvox.client import VoiceClient
from mailvox.settings import LiveKitSettings
from mailvox.tokens import new_room
from mailvox_dev.devservers.dovecot import MailUser
from mailvox_dev.devservers.livekit import LiveKitServer
from mailvox_dev.devservers.load_balancer import LoadBalancer
from mailvox_dev.devservers.redis import RedisServer
from mailvox_dev.devservers.stack import AgentWorker

DEMO_MAILBOX = Path(__file__).resolve().parents[2] / "deploy" / "demo-mailbox"
CALLERS = [MailUser(f"scale{n}", f"pw-scale{n}") for n in range(1, 3)]
GREETING = re.compile(r"haven't read|have not read|read everything")
HANDOVER = "lost you"
BACK = re.compile(r"cut off|lost you")  # the same agent's "We got cut off.", or a new one's handover


@dataclass
class Call:
    """One caller's call: where it went in, which node holds its room, which worker serves it."""

    user: str
    entry: str  # the node the caller connected through: "a" or "b"
    client: VoiceClient
    room: str
    node: str = ""  # the node holding the room: "a" or "b"
    worker: str = ""  # the worker serving it: "w1" or "w2"
    agents: list[str] = field(default_factory=list)  # agent identities seen in the room

    def said(self) -> str:
        return " ".join(self.client.agent_said())

    def agent_identities(self) -> list[str]:
        assert self.client.room is not None
        return sorted(p.identity for p in self.client.room.remote_participants.values() if p.identity != self.user)


class Cluster:
    def __init__(self, base: Path, settings: LiveKitSettings, services: dict, accounts_file: Path) -> None:
        self.redis = RedisServer(base / "redis")
        self.redis.start()
        self.nodes = {
            name: LiveKitServer(base / "livekit", settings, redis=self.redis.address, node_name=f"node-{name}")
            for name in ("a", "b")
        }
        for node in self.nodes.values():
            node.start()
        self.balancer = LoadBalancer(base / "nginx", [node.port for node in self.nodes.values()])
        self.balancer.start()
        behind_the_balancer = settings.model_copy(update={"url": self.balancer.url})
        self.workers = {
            name: AgentWorker(
                base / "logs",
                behind_the_balancer,
                services,
                accounts_file,
                env={
                    # one call each, so the two calls go to both workers whatever livekit-server's
                    # weighted choice would do
                    "MAILVOX_AGENT_MAX_SESSIONS": "1",
                    **{f"MAILVOX_TEST_PASSWORD_{u.name.upper()}": u.password for u in CALLERS},
                },
                name=name,
            )
            for name in ("w1", "w2")
        }
        for worker in self.workers.values():
            worker.start()
        self.settings = settings

    def url(self, node: str) -> str:
        return self.nodes[node].url

    def node_of_room(self, room: str) -> str:
        """Which node holds the room, from livekit-server's own map in Redis."""
        node_id = self.redis.command("HGET", "room_node_map", room).strip()
        return next((name for name, node in self.nodes.items() if node.node_id() == node_id), "")

    def worker_of(self, user: str) -> str:
        """Which worker's session serves `user` (its log names each session's user)."""
        found = [name for name, w in self.workers.items() if f"session for {user}:" in w.process.tail(100000)]
        return found[-1] if len(found) == 1 else ",".join(found)

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        self.balancer.stop()
        for node in self.nodes.values():
            node.stop()
        self.redis.stop()


@pytest.fixture(scope="module")
def callers_accounts(run_dir, dovecot) -> Path:
    for user in CALLERS:
        if user not in dovecot.users:
            dovecot.add_user(user)
        dovecot.seed(user.name, DEMO_MAILBOX)
    path = run_dir / "scale-out-accounts.yaml"
    accounts = {
        u.name: {
            "address": f"{u.name}@northwind.example",
            "display_name": "Alex Morgan",
            "username": u.name,
            "password_env": f"MAILVOX_TEST_PASSWORD_{u.name.upper()}",
            "imap": {"host": "127.0.0.1", "port": dovecot.imap_port, "security": "none"},
        }
        for u in CALLERS
    }
    path.write_text(yaml.safe_dump({"accounts": accounts}))
    return path


@pytest.fixture(scope="module")
def cluster(run_dir, livekit_settings, stt_service, tts_service, llm_service, callers_accounts):
    started = Cluster(
        run_dir / "scale-out",
        livekit_settings,
        {"stt": stt_service, "tts": tts_service, "llm": llm_service},
        callers_accounts,
    )
    yield started
    started.stop()


async def _until(check, timeout: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(every)
    return False


def _since(call: Call, said_before: int) -> str:
    return " ".join(call.client.agent_said()[said_before:])


async def _answered(call: Call, request: bytes) -> dict:
    """The caller asks for the next email; what the agent says back, and whether it is the same agent."""
    before = len(call.client.agent_said())
    await call.client.say(request)
    try:
        await call.client.listen(timeout=90)
    except TimeoutError as silence:
        return {"answer": f"(no answer: {silence})", "same_agent": call.agent_identities() == call.agents}
    return {"answer": _since(call, before), "same_agent": call.agent_identities() == call.agents}


async def _hang_up(client: VoiceClient) -> None:
    with contextlib.suppress(Exception):  # its node may be gone: the call is over anyway
        await asyncio.wait_for(client.__aexit__(None, None, None), 10)


async def _scenario(cluster: Cluster, log) -> dict:
    from mailvox.speech import synthesize_16k

    request = synthesize_16k("Next.")
    calls: list[Call] = []
    report: dict = {"seconds": {}}
    began = time.monotonic()
    try:
        # --- two callers, one straight to each node, one after the other (each node reports
        # its room count every 2 s, and a greeting takes longer than that)
        for user, entry in zip(CALLERS, ("a", "b"), strict=True):
            room = new_room(user.name)
            client = VoiceClient(cluster.settings.model_copy(update={"url": cluster.url(entry)}), user.name, room=room)
            await client.join()
            call = Call(user.name, entry, client, room)
            calls.append(call)
            await client.listen(timeout=180)  # a job process starts first (prewarmed ones are used up)
            await _until(lambda client=client: bool(client.agent_said()), 30)  # its caption follows the audio
            call.node = cluster.node_of_room(room)
            call.worker = cluster.worker_of(user.name)
            call.agents = call.agent_identities()
            log(f"{user.name}: through node {entry}, room on {call.node}, served by {call.worker}: {call.said()!r}")
        report["seconds"]["calls_greeted"] = round(time.monotonic() - began, 1)
        report["calls"] = {
            c.user: {"entry": c.entry, "node": c.node, "worker": c.worker, "greeting": c.said()} for c in calls
        }

        # --- a worker dies (its whole process group, SIGKILL): the one serving fewer calls
        by_worker = {w: [c for c in calls if c.worker == w] for w in cluster.workers}
        killed = min((w for w in by_worker if by_worker[w]), key=lambda w: len(by_worker[w]))
        lost = by_worker[killed]
        said_before = {c.user: len(c.client.agent_said()) for c in calls}
        log(f"killing worker {killed}: {[c.user for c in lost]}")
        t0 = time.monotonic()
        worker = cluster.workers[killed].process
        registered = worker.log_path.read_text(errors="replace").count("registered worker")
        worker.kill()
        # and started again, as its supervisor would (the other worker is full)
        await asyncio.to_thread(
            worker.start,
            lambda: worker.log_path.read_text(errors="replace").count("registered worker") > registered,
            120,
        )
        handed_over = {}
        for call in lost:
            heard = await _until(lambda call=call: HANDOVER in _since(call, said_before[call.user]), 150)
            handed_over[call.user] = {
                "heard": _since(call, said_before[call.user]),
                "after_s": round(time.monotonic() - t0, 1) if heard else None,
            }
            # to the end of what the new agent says (its caption may come after the audio has ended)
            await _until(lambda call=call: time.monotonic() - call.client.last_audible_at > 2.0, 60)
            call.agents = call.agent_identities()
        others = {c.user: await _answered(c, request) for c in calls if c not in lost}
        for call in calls:
            if call not in lost:
                others[call.user]["handover_heard"] = HANDOVER in _since(call, said_before[call.user])
        report["worker_killed"] = {"worker": killed, "its_calls": handed_over, "other_calls": others}
        report["seconds"]["worker_fault"] = round(time.monotonic() - t0, 1)
        log(f"worker fault: {report['worker_killed']}")

        # --- a node dies (SIGKILL): the one the first caller came in through. The callers it
        # held, by their connection or their room, join the same room again through the
        # balancer, as the caller's page does when its link is lost for good.
        dead = calls[0].entry
        hit = [c for c in calls if dead in (c.entry, c.node)]
        said_before = {c.user: len(c.client.agent_said()) for c in calls}
        log(f"killing node {dead}: {[c.user for c in hit]}")
        t0 = time.monotonic()
        cluster.nodes[dead].kill()
        for call in hit:
            await _hang_up(call.client)
            call.client.settings = cluster.settings.model_copy(update={"url": cluster.balancer.url})
            await call.client.join()
        served_again = {}
        for call in hit:
            # the agent back with the caller (not a late caption of what it said before the kill)
            heard = await _until(lambda call=call: BACK.search(_since(call, said_before[call.user])) is not None, 150)
            served_again[call.user] = {
                "heard": _since(call, said_before[call.user]),
                "after_s": round(time.monotonic() - t0, 1) if heard else None,
            }
            await _until(lambda call=call: time.monotonic() - call.client.last_audible_at > 2.0, 60)
            call.agents = call.agent_identities()
        answers = {c.user: await _answered(c, request) for c in calls}
        report["node_killed"] = {"node": dead, "its_calls": served_again, "answers": answers}
        report["seconds"]["node_fault"] = round(time.monotonic() - t0, 1)
        log(f"node fault: {report['node_killed']}")
    finally:
        for call in calls:
            await _hang_up(call.client)
    report["seconds"]["all"] = round(time.monotonic() - began, 1)
    return report


@pytest.fixture(scope="module")
async def scenario(cluster) -> dict:
    return await _scenario(cluster, print)


@pytest.mark.timeout(900)
def test_rooms_spread_over_both_nodes_and_calls_over_both_workers(scenario):
    calls = scenario["calls"].values()
    assert {c["node"] for c in calls} == {"a", "b"}, scenario["calls"]
    assert {c["worker"] for c in calls} == {"w1", "w2"}, scenario["calls"]


@pytest.mark.timeout(900)
def test_a_caller_who_connects_through_either_node_is_greeted(scenario):
    calls = scenario["calls"].values()
    assert {c["entry"] for c in calls} == {"a", "b"}
    for call in calls:
        assert GREETING.search(call["greeting"]), call


@pytest.mark.timeout(900)
def test_a_killed_worker_costs_only_its_own_calls_whose_callers_hear_the_handover(scenario):
    fault = scenario["worker_killed"]
    assert fault["its_calls"] and fault["other_calls"]
    for user, call in fault["its_calls"].items():
        # The old agent must be seen gone, the worker start again and a job process warm up:
        # 85 s seen with the 2-core machine's load at 11 (41 to 70 s when the other worker took it)
        assert call["after_s"] is not None and call["after_s"] < 120, (user, call)
    for user, call in fault["other_calls"].items():
        assert call["same_agent"] and not call["handover_heard"], (user, call)
        assert call["answer"] and not call["answer"].startswith("(no answer"), (user, call)


@pytest.mark.timeout(900)
def test_the_callers_of_a_killed_node_join_again_through_the_balancer_and_are_served(scenario):
    fault = scenario["node_killed"]
    for user, call in fault["its_calls"].items():
        assert call["after_s"] is not None and call["after_s"] < 150, (user, call)
    for user, answer in fault["answers"].items():  # every call, hit or not, answers its next request
        assert answer["answer"] and not answer["answer"].startswith("(no answer"), (user, answer)
