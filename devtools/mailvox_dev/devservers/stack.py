"""MailVox's own processes (model services, agent worker) started as real subprocesses.

Used by `mailvox demo` and by the test fixtures, so both run the stack the same way.
"""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

from mailvox.services import SERVICE_MODULES
from mailvox.settings import LiveKitSettings
from mailvox_dev import REPO_ROOT

from .process import ManagedProcess, free_port


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


class ModelService:
    """One of MailVox's services (stt, tts, llm or the portal) on 127.0.0.1."""

    def __init__(self, name: str, log_dir: Path, port: int | None = None, env: dict[str, str] | None = None):
        self.name = name
        self.port = port or free_port()
        prefix = f"MAILVOX_{name.upper()}_"
        self.process = ManagedProcess(
            f"{name} service",
            [sys.executable, "-m", SERVICE_MODULES[name]],
            log_dir / f"{name}.log",
            env={f"{prefix}HOST": "127.0.0.1", f"{prefix}PORT": str(self.port), **(env or {})},
            cwd=REPO_ROOT,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> None:
        self.process.start(lambda: _http_ok(f"{self.url}/ready"), timeout=timeout)

    def stop(self) -> None:
        self.process.stop()


class AgentWorker:
    """The LiveKit Agents worker process, registered with livekit-server as `mailvox`."""

    def __init__(
        self,
        log_dir: Path,
        livekit: LiveKitSettings,
        services: dict[str, ModelService],
        accounts_file: Path,
        env: dict[str, str] | None = None,
        name: str = "agent",
    ) -> None:
        """`name` tells several workers apart: each has its log (name.log) and metrics files;
        the per-user state directory is shared, as on the scale-out's shared volume."""
        self.http_port = free_port()
        self.metrics_port = free_port()
        metrics_dir = log_dir.parent / ("prometheus" if name == "agent" else f"prometheus-{name}")
        self.process = ManagedProcess(
            f"agent worker {name}" if name != "agent" else "agent worker",
            [sys.executable, "-m", "mailvox.agent.worker", "start"],
            log_dir / f"{name}.log",
            env={
                "LIVEKIT_URL": livekit.url,
                "LIVEKIT_API_KEY": livekit.api_key,
                "LIVEKIT_API_SECRET": livekit.api_secret,
                "MAILVOX_AGENT_STT_URL": services["stt"].url,
                "MAILVOX_AGENT_TTS_URL": services["tts"].url,
                "MAILVOX_AGENT_LLM_URL": f"{services['llm'].url}/v1",
                "MAILVOX_AGENT_ACCOUNTS_FILE": str(accounts_file),
                "MAILVOX_AGENT_STATE_DIR": str(log_dir.parent / "state"),
                "MAILVOX_AGENT_HTTP_PORT": str(self.http_port),
                "MAILVOX_AGENT_METRICS_PORT": str(self.metrics_port),
                "MAILVOX_AGENT_METRICS_DIR": str(metrics_dir),
                **(env or {}),
            },
            cwd=REPO_ROOT,
        )

    def _registered(self) -> bool:
        # The worker logs its registration once livekit-server has accepted it.
        return "registered worker" in self.process.tail(200)

    def start(self, timeout: float = 120) -> None:
        self.process.start(self._registered, timeout=timeout)

    def stop(self) -> None:
        self.process.stop()
