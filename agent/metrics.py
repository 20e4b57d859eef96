"""The agent's Prometheus metrics: sessions, latency per stage, fast-path use and mail errors.

Sessions run in job processes, so the worker serves these in prometheus_client's
multiprocess mode (AgentServer's prometheus_port and prometheus_multiproc_dir). Labels
never carry a user, an address or any mail content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from livekit.agents import (
    AgentFalseInterruptionEvent,
    AgentSession,
    AgentStateChangedEvent,
    ConversationItemAddedEvent,
    MetricsCollectedEvent,
    metrics,
)
from prometheus_client import Counter, Gauge, Histogram

from .conversation.turns import GO_ON

logger = logging.getLogger("mailvox.agent")

SESSIONS = Counter("mailvox_agent_sessions_total", "Sessions started", ["outcome"])
STAGE_SECONDS = Histogram(
    "mailvox_agent_stage_seconds",
    "Latency of each stage of a turn",
    ["stage"],
    buckets=(0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0),
)
FAST_PATH = Counter("mailvox_agent_commands_total", "Turns answered on the fast path, by command", ["command"])
# LiveKit's per-turn figures (llm.MetricsReport), in seconds
USER_STAGES = ("end_of_turn_delay", "transcription_delay")
ANSWER_STAGES = ("llm_node_ttft", "llm_node_ttfs", "tts_node_ttfb", "e2e_latency")
MAIL_ERRORS = Counter("mailvox_agent_mail_errors_total", "Mail operations that failed", ["operation"])


def observe_stages(session: AgentSession, publish: Callable[[dict], None] | None = None) -> None:
    """End of turn, STT, LLM first token and TTS first audio of every turn of the session;
    and, per answer, when its first piece of text reached the TTS and when its first audio
    left the agent (counted from the end of the user's speech; what a caller measures beyond
    that is the network and the players' buffers). `publish` gets each answer's figures, for
    the caller's page and the benchmarks: timings only, no words."""

    def collected(event: MetricsCollectedEvent) -> None:
        m = event.metrics
        if isinstance(m, metrics.EOUMetrics):
            logger.info(
                "turn ended %.2f s after speech (transcript after %.2f s)",
                m.end_of_utterance_delay,
                m.transcription_delay,
            )
            STAGE_SECONDS.labels("end_of_turn").observe(m.end_of_utterance_delay)
            STAGE_SECONDS.labels("stt_final").observe(m.transcription_delay)
        elif isinstance(m, metrics.LLMMetrics) and m.ttft >= 0:
            STAGE_SECONDS.labels("llm_first_token").observe(m.ttft)
        elif isinstance(m, metrics.TTSMetrics) and m.ttfb >= 0:
            STAGE_SECONDS.labels("tts_first_audio").observe(m.ttfb)

    last_turn: dict = {}
    unanswered = False  # a user turn came since the agent last answered

    def added(event: ConversationItemAddedEvent) -> None:
        nonlocal unanswered
        item = event.item
        if item.type != "message":
            return
        if item.role == "user":
            last_turn.clear()
            last_turn.update(item.metrics)
            unanswered = True
            return
        if item.role != "assistant":
            return
        answer = item.metrics
        # An answer has LiveKit's end-to-end figure, except to a request a pause cut in two:
        # its second half was committed without the speech anchors LiveKit counts from.
        if answer.get("e2e_latency") is None and not unanswered:
            return  # not an answer to the user (the greeting, an announcement)
        unanswered = False
        if (seconds := answer.get("llm_node_ttfs")) is not None:
            STAGE_SECONDS.labels("llm_first_piece").observe(seconds)
        if (seconds := answer.get("e2e_latency")) is not None and item.text_content != GO_ON:
            # ("Go on." waits a beat on purpose: not the agent's speed)
            STAGE_SECONDS.labels("agent_first_audio_out").observe(seconds)
        if publish is not None:
            stages = {**{k: last_turn.get(k) for k in USER_STAGES}, **{k: answer.get(k) for k in ANSWER_STAGES}}
            publish(
                {
                    "type": "answer_timing",
                    **{k: round(float(v), 3) for k, v in stages.items() if isinstance(v, int | float)},
                }
            )

    session.on("metrics_collected", collected)
    session.on("conversation_item_added", added)


# WebRTC's audio processing (echo cancellation and noise suppression) and the echo gate on the
# caller's audio (adapters/caller_audio.py): CPU seconds over audio seconds is the share of a
# core one session's processing takes.
PROCESSING_CPU_SECONDS = Counter(
    "mailvox_agent_audio_processing_cpu_seconds_total", "CPU spent cancelling echo and suppressing noise"
)
PROCESSED_AUDIO_SECONDS = Counter("mailvox_agent_processed_audio_seconds_total", "Caller audio processed")
ECHO_GATED_SECONDS = Counter("mailvox_agent_echo_gated_seconds_total", "Caller audio silenced as the agent's own echo")
# The caller's audio energy before and after processing while the agent's voice plays (their
# ratio in dB is what was taken out: echo and noise, as the driver passes), and the round trip.
ECHO_CANCELLER_ENERGY_IN = Counter(
    "mailvox_agent_echo_canceller_energy_in_total", "Caller audio energy while the agent talks, before processing"
)
ECHO_CANCELLER_ENERGY_OUT = Counter(
    "mailvox_agent_echo_canceller_energy_out_total", "Caller audio energy while the agent talks, after processing"
)
ECHO_ROUND_TRIP_SECONDS = Gauge(
    "mailvox_agent_echo_round_trip_seconds", "The latest estimate of the agent's audio coming back"
)
# Each time the caller's sound stopped the agent mid-speech, and each time LiveKit resumed it as a
# false interruption (noise, a cough, echo): false ones are what noise and echo cost the caller.
BARGE_INS = Counter("mailvox_agent_barge_ins_total", "The agent stopped by the caller's sound", ["outcome"])


def observe_barge_ins(session: AgentSession) -> None:
    """Count barge-ins: the agent leaving 'speaking' with its speech unfinished, interrupted or
    paused because the caller's side is heard ('stopped'), and those LiveKit then resumed as
    false interruptions ('resumed'). (A reply's own end also leaves 'speaking' before its
    speech is marked done, but not while the caller is heard.)"""

    def state_changed(event: AgentStateChangedEvent) -> None:
        speech = session.current_speech
        if event.old_state != "speaking" or speech is None or speech.done():
            return
        if speech.interrupted or session.user_state == "speaking":
            BARGE_INS.labels("stopped").inc()

    def false_interruption(event: AgentFalseInterruptionEvent) -> None:
        if event.resumed:
            BARGE_INS.labels("resumed").inc()

    session.on("agent_state_changed", state_changed)
    session.on("agent_false_interruption", false_interruption)
