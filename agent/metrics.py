"""The agent's Prometheus metrics: sessions, latency per stage, fast-path use and mail errors.

Sessions run in job processes, so the worker serves these in prometheus_client's
multiprocess mode (AgentServer's prometheus_port and prometheus_multiproc_dir). Labels
never carry a user, an address or any mail content.
"""

from __future__ import annotations

import logging

from livekit.agents import AgentSession, ConversationItemAddedEvent, MetricsCollectedEvent, metrics
from prometheus_client import Counter, Histogram

logger = logging.getLogger("mailvox.agent")

SESSIONS = Counter("mailvox_agent_sessions_total", "Sessions started", ["outcome"])
STAGE_SECONDS = Histogram(
    "mailvox_agent_stage_seconds", "Latency of each stage of a turn", ["stage"],
    buckets=(0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0),
)
FAST_PATH = Counter("mailvox_agent_commands_total", "Turns answered on the fast path, by command", ["command"])
MAIL_ERRORS = Counter("mailvox_agent_mail_errors_total", "Mail operations that failed", ["operation"])


def observe_stages(session: AgentSession) -> None:
    """End of turn, STT, LLM first token and TTS first audio of every turn of the session;
    and, per answer, when its first piece of text reached the TTS and when its first audio
    left the agent (counted from the end of the user's speech; what a caller measures beyond
    that is the network and the players' buffers)."""

    def collected(event: MetricsCollectedEvent) -> None:
        m = event.metrics
        if isinstance(m, metrics.EOUMetrics):
            logger.info("turn ended %.2f s after speech (transcript after %.2f s)",
                        m.end_of_utterance_delay, m.transcription_delay)
            STAGE_SECONDS.labels("end_of_turn").observe(m.end_of_utterance_delay)
            STAGE_SECONDS.labels("stt_final").observe(m.transcription_delay)
        elif isinstance(m, metrics.LLMMetrics) and m.ttft >= 0:
            STAGE_SECONDS.labels("llm_first_token").observe(m.ttft)
        elif isinstance(m, metrics.TTSMetrics) and m.ttfb >= 0:
            STAGE_SECONDS.labels("tts_first_audio").observe(m.ttfb)

    def answered(event: ConversationItemAddedEvent) -> None:
        item = event.item
        if item.type != "message" or item.role != "assistant":
            return
        if (seconds := item.metrics.get("llm_node_ttfs")) is not None:
            STAGE_SECONDS.labels("llm_first_piece").observe(seconds)
        if (seconds := item.metrics.get("e2e_latency")) is not None:
            STAGE_SECONDS.labels("agent_first_audio_out").observe(seconds)

    session.on("metrics_collected", collected)
    session.on("conversation_item_added", answered)
