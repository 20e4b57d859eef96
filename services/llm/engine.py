"""llama.cpp's own ``llama-server``, run as the LLM service's child process on loopback.

It keeps ``parallel`` slots, each with its own KV cache, and decodes them together
(continuous batching), so four callers no longer wait in one queue. A request goes to the idle
slot whose cached prompt shares the longest prefix with it: the agent's read-ahead of a
session's next prompt lands in that session's slot, and the question that follows finds it
there. When there are more sessions than slots, a slot's prompt is kept in the engine's RAM
prompt cache (``--cache-ram``) before another session takes the slot.

The binary is built once per machine by scripts/setup.sh, from the llama.cpp tree that the
pinned llama-cpp-python sdist vendors, into $MAILVOX_HOME/bin.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

from mailvox.models import catalog
from mailvox.settings import mailvox_home

from .settings import LLMSettings

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # linux/prctl.h


class EngineMissing(FileNotFoundError):
    """No llama-server binary: scripts/setup.sh builds one."""


def engine_binary(settings: LLMSettings) -> Path:
    """The configured llama-server, else the one set-up built, else one on PATH."""
    if settings.engine_binary is not None:
        return settings.engine_binary
    built = mailvox_home() / "bin" / "llama-server"
    if built.exists():
        return built
    found = shutil.which("llama-server")
    if found:
        return Path(found)
    raise EngineMissing("llama-server is not installed: run scripts/setup.sh (or set MAILVOX_LLM_ENGINE_BINARY)")


def loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def engine_command(settings: LLMSettings, port: int) -> list[str]:
    """llama-server's command line for these settings."""
    model = settings.model_path or catalog.require("llm", settings.profile).main_file()
    # Half the cores by default: the engine shares the box with the STT, the TTS and the agent,
    # and ggml's threads wait for each other at every step, spinning. On two cores under load
    # (load average 16, 2026-12-02) 12 tokens took 9.4-14.4 s with 2 threads, 1.1-1.9 s with 1.
    threads = settings.n_threads or max(1, (os.cpu_count() or 2) // 2)
    return [
        str(engine_binary(settings)),
        "--model", str(model),
        "--alias", settings.model_alias,
        "--host", "127.0.0.1",  # only the front (app.py) talks to it
        "--port", str(port),
        "--parallel", str(settings.parallel),
        "--cont-batching",
        # n_ctx is what one request may use: the engine splits its context among the slots.
        "--ctx-size", str(settings.n_ctx * settings.parallel),
        "--batch-size", str(settings.n_batch),
        "--ubatch-size", str(settings.n_batch),
        "--threads", str(threads),
        "--threads-batch", str(threads),
        "--n-gpu-layers", str(settings.n_gpu_layers),
        "--n-predict", str(settings.max_tokens),  # for a request without a limit (the front sets one)
        "--cache-ram", str(settings.prompt_cache_bytes // 2**20 if settings.prompt_cache else 0),
        "--jinja",  # the model's own chat template, tool calls included
        "--metrics",
        "--no-webui",
        "--offline",
    ]  # fmt: skip


def _die_with_parent() -> None:
    # The front owns the engine: if it dies, however it dies, the engine goes too.
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class LlamaServer:
    """The engine process: started with the service, stopped with it."""

    def __init__(self, settings: LLMSettings) -> None:
        self.port = settings.engine_port or loopback_port()
        self.command = engine_command(settings, self.port)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        logger.info("starting %s", " ".join(self.command))
        # Its log goes where the service's goes.
        self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
