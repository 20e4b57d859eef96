"""Nothing can leave the box: the spoken end-to-end scenario (livekit-server, Dovecot, the
model services, the agent worker and a caller) runs inside a network namespace with no way
out, and passes there. Afterwards no log of any part holds the email's words or the mailbox
password.

The namespace has loopback and one veth pair whose two ends are both inside it, a closed
loop: WebRTC (libwebrtc in the caller and the agent) gathers no candidate on loopback
alone, so one end carries a private address for it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "tests/e2e/test_e2e_conversation.py::test_read_me_sarahs_email_then_interrupt_and_go_back"

# Run first inside the namespace: the proof that it has no way out.
NO_WAY_OUT = """
import socket, subprocess
links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True, check=True).stdout
names = sorted(line.split(":")[1].strip() for line in links.splitlines())
assert names == ["lo", "mvx0@mvx1", "mvx1@mvx0"], links  # the veth's peer is in here too
routes = subprocess.run(["ip", "route"], capture_output=True, text=True, check=True).stdout
assert "default" not in routes, routes
for host in ("1.1.1.1", "8.8.8.8"):
    try:
        socket.create_connection((host, 443), timeout=3)
    except OSError as unreachable:
        print("no way out to", host, "-", unreachable)
    else:
        raise SystemExit(f"reached {host} from the namespace")
"""


CLOSED_LOOP = """ip link set lo up
ip link add mvx0 type veth peer name mvx1
ip addr add 10.213.0.1/32 dev mvx0
ip link set mvx0 up
ip link set mvx1 up
"""


def in_namespace_with_no_way_out(command: str) -> list[str]:
    # --map-root-user lets a non-root developer make the namespace too
    user = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", "--net", *user, "sh", "-ec", CLOSED_LOOP + command]


def test_the_spoken_scenario_runs_with_no_way_out_and_logs_nothing_private(tmp_path):
    inner = tmp_path / "inner"
    command = (
        f"{sys.executable} -c {shlex.quote(NO_WAY_OUT)}\n"
        f"exec {sys.executable} -m pytest -q -p no:cacheprovider --basetemp={inner} {SCENARIO}"
    )
    run = subprocess.run(
        in_namespace_with_no_way_out(command), cwd=REPO_ROOT, capture_output=True, text=True, timeout=900
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:] + _what_the_agent_understood(inner)
    assert "no way out to 1.1.1.1" in run.stdout and "1 passed" in run.stdout, run.stdout[-2000:]

    logs = [path for path in inner.rglob("*.log") if path.is_file()]
    names = {path.name for path in logs}
    assert {"agent.log", "stt.log", "tts.log", "llm.log"} <= names, names
    for path in logs:
        text = path.read_text(errors="replace")
        for private in ("Q3 budget", "Finance moved the deadline", "headcount", "demo-password"):
            assert private not in text, (private, path)


def _what_the_agent_understood(inner: Path) -> str:
    """The agent's own account of the turns (when each ended, what it understood), for a failure:
    the words the caller said are the test's, not the mailbox's."""
    lines = []
    for log in inner.rglob("agent.log"):
        for line in log.read_text(errors="replace").splitlines():
            if '"name": "mailvox.agent"' in line and ("understood" in line or "turn ended" in line):
                lines.append(line.split('"message": "', 1)[-1].split('", "level"', 1)[0])
    return "\nthe agent: " + "\n  ".join(lines[-12:])
