"""A real Redis (Debian's redis-server) on 127.0.0.1 with a free port: the room state and message
bus that several livekit-server nodes share."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .process import ManagedProcess, free_port


class RedisServer:
    """An in-memory Redis for one test run: nothing is saved to disk."""

    def __init__(self, work_dir: Path, port: int | None = None) -> None:
        self.work_dir = work_dir
        self.port = port or free_port()
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed: run scripts/setup.sh")
        self._process = ManagedProcess(
            "redis-server",
            [
                binary,
                *("--bind", "127.0.0.1", "--port", str(self.port)),
                *("--save", "", "--appendonly", "no", "--dir", str(work_dir)),
            ],
            work_dir / "redis.log",
        )

    @property
    def address(self) -> str:
        """host:port, as livekit-server's `redis.address` wants it."""
        return f"127.0.0.1:{self.port}"

    def command(self, *args: str) -> str:
        """One command through redis-cli (e.g. HGETALL room_node_map); its reply as text."""
        cli = shutil.which("redis-cli") or "redis-cli"
        run = subprocess.run([cli, "-p", str(self.port), *args], capture_output=True, text=True, timeout=10, check=True)
        return run.stdout

    def _answers(self) -> bool:
        try:
            return self.command("PING").strip() == "PONG"
        except (subprocess.SubprocessError, OSError):
            return False

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self._process.start(self._answers, timeout=20)

    def stop(self) -> None:
        self._process.stop()
