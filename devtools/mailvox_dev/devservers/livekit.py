"""A real livekit-server on 127.0.0.1, configured from livekit-server.yaml with free ports.

Given a Redis address, it is one node of several that share room state and messages there
(livekit-server's distributed mode); each node then needs ports of its own, as free ports are.
"""

from __future__ import annotations

import re
import shutil
import socket
import urllib.request
from pathlib import Path

import yaml

from mailvox.settings import LiveKitSettings, mailvox_home
from mailvox_dev import REPO_ROOT

from .process import ManagedProcess, free_port

CONFIG_TEMPLATE = REPO_ROOT / "livekit-server.yaml"
LIVEKIT_VERSION = "1.13.5"


def livekit_binary() -> Path:
    """The livekit-server that scripts/setup.sh installed, or one on PATH."""
    installed = mailvox_home() / "bin" / "livekit-server"
    if installed.exists():
        return installed
    found = shutil.which("livekit-server")
    if found:
        return Path(found)
    raise FileNotFoundError("livekit-server is not installed: run scripts/setup.sh")


class LiveKitServer:
    def __init__(
        self,
        work_dir: Path,
        settings: LiveKitSettings | None = None,
        port: int | None = None,
        fixed_ports: bool = False,
        rtc: dict | None = None,
        redis: str | None = None,
        node_name: str = "livekit-server",
    ) -> None:
        self.work_dir = work_dir
        self.node_name = node_name  # names its config and log in work_dir
        self.settings = settings or LiveKitSettings()
        self.config = yaml.safe_load(CONFIG_TEMPLATE.read_text())
        if not fixed_ports:
            self.config["port"] = port or free_port()
            self.config["rtc"]["tcp_port"] = free_port()
            self.config["rtc"]["udp_port"] = free_port(socket.SOCK_DGRAM)
        self.config["rtc"].update(rtc or {})
        if redis is not None:
            self.config["redis"] = {"address": redis}
            # A new room goes to the node with the fewest (each node reports every 2 s), not
            # to a random one, so rooms spread evenly.
            self.config["node_selector"] = {"kind": "any", "sort_by": "rooms", "algorithm": "lowest"}
        self.port = self.config["port"]
        self._process: ManagedProcess | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        config_path = self.work_dir / f"{self.node_name}.yaml"
        config_path.write_text(yaml.safe_dump(self.config))
        self._process = ManagedProcess(
            self.node_name,
            [str(livekit_binary()), "--config", str(config_path)],
            self.work_dir / f"{self.node_name}.log",
            env={"LIVEKIT_KEYS": f"{self.settings.api_key}: {self.settings.api_secret}"},
        )
        self._process.start(self._answers, timeout=30)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def node_id(self) -> str:
        """The id livekit-server chose for this node (ND_...), as its log says at start."""
        log = (self.work_dir / f"{self.node_name}.log").read_text(errors="replace")
        found = re.search(r'"nodeID": "(ND_\w+)"', log)
        if found is None:
            raise LookupError(f"{self.node_name} has not logged its node id")
        return found.group(1)

    def kill(self) -> None:
        """Abrupt death, as a crashed node's (for fault tests)."""
        if self._process is not None:
            self._process.kill()

    def stop(self) -> None:
        if self._process is not None:
            self._process.stop()
            self._process = None

    def log(self) -> str:
        return self._process.tail(200) if self._process else ""
