from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from mailvox.settings import MailvoxSettings, mailvox_home


class AgentSettings(MailvoxSettings):
    yaml_section: ClassVar[str] = "agent"
    model_config = SettingsConfigDict(env_prefix="MAILVOX_AGENT_", extra="ignore")

    accounts_file: Path = mailvox_home() / "accounts.yaml"
    state_dir: Path = mailvox_home() / "state"  # per-user rules and send journal
    stt_url: str = "http://127.0.0.1:8301"
    tts_url: str = "http://127.0.0.1:8302"
    llm_url: str = "http://127.0.0.1:8303/v1"
    llm_model: str = "mailvox-llm"
    llm_max_tokens: int = 160  # an answer is spoken: a few sentences at most
    # Questions about an email go to the LLM only when it is capable (the gpu profile's); the cpu
    # profile's tiny model invents, so there the answer is the email's own sentence.
    llm_answers: bool = False
    language: str = "en"
    # A worker takes at most this many sessions at once (livekit-server sends more elsewhere):
    # a ceiling on memory. Below it the load is the latency headroom (admission.py): the p90
    # of the answers of the last minute against this budget (issue 22's target for 4 callers
    # on two cores: LLM answers p90 within 5 s). A caller who arrives over budget hears so.
    max_sessions: int = 8
    answer_p90_budget_s: float = 5.0
    load_threshold: float = 0.99
    admission_file: Path | None = None  # set by the worker for its job processes
    idle_processes: int = 1
    http_port: int = 0  # the worker's health endpoint; 0 picks a free port
    # Prometheus metrics of every session (job processes included) on :metrics_port/metrics.
    metrics_port: int | None = 9300
    metrics_dir: Path = mailvox_home() / "prometheus"
    # Transcripts are not kept by default. With N > 0, each session's conversation is written
    # to state_dir/<user>/transcripts/ and removed after N days.
    transcript_retention_days: int = 0
    # A caller left this long in a room without an agent (its worker died) gets a new one;
    # 0 turns the watch off. Every worker watches, every 2 s.
    handover_after_s: float = 5.0
    # The caller's audio is cleaned before VAD and STT (issue 21): WebRTC's echo canceller, fed
    # with the agent's own voice, and its noise suppressor, and the gate that keeps what is left of
    # the agent's voice, heard back through a speakerphone, from interrupting it. A deployment
    # whose callers all have echo cancellation and clean audio (a headset client) may turn any
    # of them off.
    echo_canceller: bool = True
    noise_suppression: bool = True
    echo_gate: bool = True
