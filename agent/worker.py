"""The LiveKit Agents worker: registers as `mailvox` (explicit dispatch) and runs one
AgentSession per commuter, with the model services' adapters and the mail core.

Run with ``mailvox agent`` (or ``python -m agent.worker start``).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os

from livekit import rtc
from livekit.agents import Agent, AgentServer, AgentSession, JobContext, JobProcess, vad
from livekit.agents.voice.room_io import AudioInputOptions, RoomOptions
from livekit.plugins import openai, silero

from mailvox.settings import AGENT_NAME, LiveKitSettings, offline_model_hubs

from .adapters.caller_audio import CallerAudioProcessor
from .adapters.echo import EchoGate
from .adapters.playout import AgentVoice
from .adapters.stt import ServiceSTT
from .adapters.tts import PieceByPieceTTS, ServiceTTS
from .adapters.webrtc_audio import SAMPLE_RATE as PROCESSING_RATE
from .adapters.webrtc_audio import EchoReference
from .admission import BUSY_MESSAGE, LatencyHeadroom, over_budget
from .assistant import EmailAssistant
from .conversation.briefing import Briefing
from .conversation.hearing import expected_names
from .conversation.turns import CommandAwareTurnDetector
from .conversation.understanding import intent_model
from .handover import is_handover, start_sweeping
from .mail.accounts import account_for
from .mail.briefing import build_briefing
from .mail.errors import MailError
from .mail.idle import NewMailWatcher
from .mail.mailbox import Mailbox
from .mail.rules import rules_for
from .metrics import MAIL_ERRORS, SESSIONS, observe_barge_ins, observe_stages
from .outages import SERVICE_CONN_OPTIONS, OutageApology
from .prompt_warmup import keep_prompt_warm
from .settings import AgentSettings
from .transcripts import keep_transcript

logger = logging.getLogger("mailvox.agent")
EVENTS_TOPIC = "mailvox.events"
TURN_MIN_DELAY_S = 0.3
TURN_MAX_DELAY_S = 2.5
INTERRUPTION_MIN_S = 0.25


def load_vad() -> vad.VAD:
    """The caller's voice activity, as the worker hears it (and the benches simulate it).
    0.4 s of quiet (not 0.55) ends speech: the turn detector, not the VAD, decides whether a
    pause ends a sentence, and a short command should not wait longer than that. Speech starts
    at 0.6, not 0.5: on 600 s of road noise at 5 dB after suppression that took the stops from
    4 to 1, with a "wait" taken as soon (0.29 to 0.34 s, at 5 and 0 dB); it ends at 0.35 as
    before, so a pause ends a turn as it did."""
    return silero.VAD.load(min_silence_duration=0.4, activation_threshold=0.6, deactivation_threshold=0.35)


def prewarm(proc: JobProcess) -> None:
    proc.userdata["vad"] = load_vad()  # once per job process, before a session arrives


async def entrypoint(ctx: JobContext) -> None:
    """One commuter's session. Runs in a job process, so it reads its settings there."""
    settings = AgentSettings()
    # Trained in a thread while the mailbox is read (about 2 s), not on the event loop at the
    # caller's first words, nor in prewarm: on a loaded box that overran LiveKit's 10 s limit
    # for a job process to start.
    understanding_ready = asyncio.create_task(asyncio.to_thread(intent_model))
    caller_listening = asyncio.Event()
    ctx.room.on("local_track_subscribed", lambda _track: caller_listening.set())
    await ctx.connect()
    handed_over = is_handover(ctx.job.metadata)
    if handed_over and another_agent_took_over(ctx.room):
        logger.info("another agent has already taken over this call")
        ctx.shutdown("another agent took over")
        return
    participant = await ctx.wait_for_participant()
    if settings.admission_file is not None and over_budget(settings.admission_file, settings.load_threshold):
        await tell_busy_and_leave(ctx, participant.identity, settings, caller_listening)
        return
    identity = participant.identity
    # The token's identity picks the mailbox; nothing the client sends can choose another.
    account = account_for(participant.identity, settings.accounts_file)
    mailbox = Mailbox(account)
    ctx.add_shutdown_callback(mailbox.close)
    # Watching starts before the briefing is read, so nothing arrives unseen in between; the
    # person's other mailboxes (a shared team one) are watched into the same queue.
    await mailbox.leave_out_unreachable()  # a shared mailbox's server down costs only its mail
    watchers = [NewMailWatcher(account)]
    watchers += [NewMailWatcher(other.account, queue=watchers[0].queue) for other in mailbox.others.values()]
    await asyncio.gather(*(watcher.start() for watcher in watchers))
    for watcher in watchers:
        ctx.add_shutdown_callback(watcher.stop)
    try:
        unread = await mailbox.unread_count()  # the session's connection to each mailbox
        rules = await (await rules_for(account, settings.state_dir / account.identity / "rules.json")).list()
        briefing = Briefing.of(await build_briefing(mailbox, rules))
    except MailError:
        SESSIONS.labels("mail_unreachable").inc()
        MAIL_ERRORS.labels("briefing").inc()
        logger.exception("reading the mailbox of %s failed", participant.identity)
        raise
    logger.info("session for %s: %d unread, %d to brief", participant.identity, unread, len(briefing.items))

    await understanding_ready
    stt = ServiceSTT(settings.stt_url, language=settings.language)
    turn_detector = CommandAwareTurnDetector(flush_transcriber=stt.flush_now, version="v1-mini")
    stt.hint = expected_names(briefing)
    session: AgentSession[None] = AgentSession(
        vad=ctx.proc.userdata["vad"],
        stt=stt,
        llm=openai.LLM(
            model=settings.llm_model,
            base_url=settings.llm_url,
            api_key="local",
            max_completion_tokens=settings.llm_max_tokens,
        ),
        tts=PieceByPieceTTS(await ServiceTTS.connect(settings.tts_url)),
        # The audio end-of-turn model that ships in livekit-local-inference; never the cloud.
        turn_handling={
            "turn_detection": turn_detector,
            # min_delay: a whole command ends at the VAD's 0.4 s of quiet (it is shorter).
            # max_delay: what an unfinished request ("read me the email from ...") and a turn the
            # audio model doubts wait; a driver's mid-sentence pause is 0.5 to 1.5 s (issue 16).
            "endpointing": {"mode": "fixed", "min_delay": TURN_MIN_DELAY_S, "max_delay": TURN_MAX_DELAY_S},
            # A cough or road noise that stops the agent without words following is a false
            # interruption: the agent picks up where it was.
            # min_duration: a lone "wait" (about 0.4 s) must stop the agent by itself, within 0.5 s;
            # road noise and the agent's own echo are kept from the VAD by the caller-audio
            # processor instead (issue 21, bench/results/noise.json).
            "interruption": {
                "mode": "vad",
                "min_duration": INTERRUPTION_MIN_S,
                "resume_false_interruption": True,
                "false_interruption_timeout": 1.5,
            },
            # Off: the fast path acts on mail (flag, archive, move on); a preemptive run that
            # LiveKit then discards would already have acted. Our STT finalizes at the end of
            # the turn anyway, so it would gain little.
            "preemptive_generation": {"enabled": False},
        },
        conn_options=SERVICE_CONN_OPTIONS,
    )
    publish = functools.partial(publish_event, ctx, set())  # to the caller's page
    outages = OutageApology(session)
    agent_voice = AgentVoice(lambda: session.agent_state == "speaking", echo=echo_reference(settings))

    async def caller_listens() -> None:
        """The caller hears the agent: then, before its first words (the assistant waits for
        this), the agent's voice is followed. Swapped in after a speech had begun (a takeover
        speaks at once), the output lost LiveKit's transcript of that speech."""
        await caller_listening.wait()
        if session.output.audio is not None and not agent_voice.following:
            session.output.audio = agent_voice.follow(session.output.audio)

    logger.info("turn detector: livekit-local-inference audio end-of-turn model (v1-mini)")
    assistant = EmailAssistant(
        account,
        unread,
        briefing,
        caller_listens,
        mailbox=mailbox,
        state_dir=settings.state_dir / account.identity,
        arrivals=watchers[0].queue,
        publish=publish,
        handed_over=handed_over,
        llm_answers=settings.llm_answers,
    )
    await session.start(
        agent=assistant,
        room=ctx.room,
        # When the session ends the room goes too, so the user's next call creates it afresh
        # and its token dispatches a new agent (dispatch happens only when a room is created).
        room_options=RoomOptions(
            participant_identity=participant.identity,
            delete_room_on_close=True,
            audio_input=caller_audio_input(settings, agent_voice),
        ),
        record=False,  # no audio or transcript leaves the box, nor is kept by default
    )
    SESSIONS.labels("started").inc()
    observe_stages(session, publish=publish)
    observe_barge_ins(session)
    follow_transcripts(session, turn_detector)
    reader = openai.LLM(model=settings.llm_model, base_url=settings.llm_url, api_key="local", max_completion_tokens=1)
    ctx.add_shutdown_callback(reader.aclose)
    keep_prompt_warm(session, reader, lambda: assistant.with_current_email(assistant.chat_ctx))
    keep_transcript(session, settings.state_dir / account.identity / "transcripts", settings.transcript_retention_days)
    follow_reconnects(ctx, identity, assistant, caller_listening)
    await outages.prepare()  # last: the session's own set-up need not wait for this synthesis


def echo_reference(settings: AgentSettings) -> EchoReference | None:
    """Where the agent's voice is laid down for the echo canceller, unless the deployment turns it off."""
    return EchoReference() if settings.echo_canceller else None


def caller_audio_input(settings: AgentSettings, voice: AgentVoice) -> AudioInputOptions:
    """The caller's audio as the VAD and STT get it, at 48 kHz: the agent's own echo cancelled
    (with `voice.echo`, its voice as it plays), noise suppressed, and what is left of the echo
    gated while its voice plays, each unless the deployment turns it off."""
    if not (voice.echo is not None or settings.noise_suppression or settings.echo_gate):
        return AudioInputOptions()
    gate = EchoGate(voice.playing) if settings.echo_gate else None
    return AudioInputOptions(
        sample_rate=PROCESSING_RATE,
        noise_cancellation=CallerAudioProcessor(
            suppress_noise=settings.noise_suppression, echo_gate=gate, echo_reference=voice.echo
        ),
    )


async def tell_busy_and_leave(
    ctx: JobContext, identity: str, settings: AgentSettings, caller_listening: asyncio.Event
) -> None:
    """This worker's answers are over their latency budget: the caller hears so at once."""
    SESSIONS.labels("busy").inc()
    logger.warning("answers are over their latency budget: telling %s to call again later", identity)
    session: AgentSession[None] = AgentSession(tts=PieceByPieceTTS(await ServiceTTS.connect(settings.tts_url)))
    await session.start(
        agent=Agent(instructions=""),
        room=ctx.room,
        room_options=RoomOptions(participant_identity=identity, delete_room_on_close=True),
        record=False,
    )
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(caller_listening.wait(), 5)
    await session.say(BUSY_MESSAGE, allow_interruptions=False)
    ctx.shutdown("over the latency budget")


def another_agent_took_over(room: rtc.Room) -> bool:
    """An agent sent to take over a call leaves if one is there already: the call's own agent
    was only late, or another worker's watch sent one too (then the watch sends again)."""
    return any(p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT for p in room.remote_participants.values())


def follow_transcripts(session: AgentSession, turn_detector: CommandAwareTurnDetector) -> None:
    """Tell the turn detector what the user has said so far in the current turn: every final
    transcript since the last turn ended (a pause may split a request in two), then the newest
    interim one."""

    def transcribed(event) -> None:
        turn_detector.heard.update(event.transcript, event.is_final)

    def turn_ended(event) -> None:
        if event.item.type == "message" and event.item.role == "user":
            turn_detector.heard.clear()

    session.on("user_input_transcribed", transcribed)
    session.on("conversation_item_added", turn_ended)


def in_background(tasks: set[asyncio.Task], coroutine) -> None:
    """Run without waiting for it, holding the task until it ends (asyncio holds it weakly)."""
    task = asyncio.create_task(coroutine)
    tasks.add(task)
    task.add_done_callback(tasks.discard)


def publish_event(ctx: JobContext, pending: set[asyncio.Task], event: dict) -> None:
    """Send an event to the caller's page (topic `mailvox.events`): no mail content beyond
    the sender and subject the user is hearing anyway."""
    in_background(pending, ctx.room.local_participant.send_text(json.dumps(event), topic=EVENTS_TOPIC))


def follow_reconnects(
    ctx: JobContext, identity: str, assistant: EmailAssistant, caller_listening: asyncio.Event
) -> None:
    """A caller whose link drops (without hanging up) keeps the session: the room waits for
    them (livekit-server's departure_timeout) and they rejoin it with the same identity."""
    tasks: set[asyncio.Task] = set()

    def dropped(p) -> None:
        if p.identity == identity:
            caller_listening.clear()
            assistant.caller_dropped()

    def back(p) -> None:
        if p.identity == identity:
            in_background(tasks, assistant.caller_back())

    ctx.room.on("participant_disconnected", dropped)
    ctx.room.on("participant_connected", back)


def build_server(settings: AgentSettings | None = None, livekit: LiveKitSettings | None = None) -> AgentServer:
    settings = settings or AgentSettings()
    livekit = livekit or LiveKitSettings()
    # The load is the latency headroom of this worker's sessions (admission.py), not the
    # machine's CPU: the model services use the CPU (or GPU) on behalf of every worker.
    headroom = LatencyHeadroom(
        settings.metrics_dir,
        settings.answer_p90_budget_s,
        settings.max_sessions,
        full_at=settings.load_threshold,
        state_file=settings.metrics_dir / f"admission-{os.getpid()}.json",
    )
    os.environ["MAILVOX_AGENT_ADMISSION_FILE"] = str(headroom.state_file)  # for the job processes
    server = AgentServer(
        # from MailVox's settings, so from the stack's secrets files too, not only LIVEKIT_* variables
        ws_url=livekit.url,
        api_key=livekit.api_key,
        api_secret=livekit.api_secret,
        setup_fnc=prewarm,
        load_fnc=lambda server: headroom.load(len(server.active_jobs)),
        load_threshold=settings.load_threshold,
        num_idle_processes=settings.idle_processes,
        port=settings.http_port,
        prometheus_port=settings.metrics_port,
        prometheus_multiproc_dir=str(settings.metrics_dir),
    )
    server.rtc_session(entrypoint, agent_name=AGENT_NAME)
    return server


def main(argv: list[str] | None = None) -> None:
    import sys

    from livekit.agents import cli

    offline_model_hubs()
    sys.argv = ["mailvox-agent", *(argv if argv is not None else sys.argv[1:] or ["start"])]
    settings, livekit = AgentSettings(), LiveKitSettings()
    if sys.argv[1] in ("start", "dev"):
        livekit.refuse_known_secret()  # the worker listens nowhere of its own: livekit-server's address decides
        start_sweeping(livekit.url, livekit.api_key, livekit.api_secret, settings.handover_after_s)
    cli.run_app(build_server(settings, livekit))


if __name__ == "__main__":
    main()
