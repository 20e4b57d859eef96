"""The README's first command: `mailvox demo` brings the whole stack up, and a caller
(`mailvox call`, a real LiveKit client) hears the greeting with the demo inbox's unread count."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from mailvox_dev.devservers.process import tcp_open


def test_demo_comes_up_and_greets_a_caller(tmp_path):
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "MAILVOX_DEMO_RUN_DIR": str(tmp_path / "demo"),
        "MAILVOX_DEMO_FREE_PORTS": "1",
    }
    demo = subprocess.Popen(
        [sys.executable, "-m", "mailvox.cli", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    output = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = demo.stdout.readline()
            if not line:
                break
            output.append(line)
            if line.startswith("Ctrl-C stops everything"):
                break
        text = "".join(output)
        assert "MailVox is up" in text, text
        url = re.search(r"LIVEKIT_URL=(\S+)", text).group(1)
        key = re.search(r"LIVEKIT_API_KEY=(\S+)", text).group(1)
        secret = re.search(r"LIVEKIT_API_SECRET=(\S+)", text).group(1)

        call = subprocess.run(
            [sys.executable, "-m", "mailvox.cli", "call"],
            env={**env, "LIVEKIT_URL": url, "LIVEKIT_API_KEY": key, "LIVEKIT_API_SECRET": secret},
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert call.returncode == 0, call.stdout + call.stderr
        agent_line = next(line for line in call.stdout.splitlines() if line.startswith("agent:"))
        assert re.search(r"have(n't| not) read", agent_line.lower()) and re.search(
            r"\b(5|five)\b", agent_line.lower()
        ), agent_line
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.wait(timeout=60)
    # It stops cleanly on SIGTERM and takes its servers with it.
    assert demo.returncode == 0
    assert not tcp_open(int(url.rsplit(":", 1)[1]))
