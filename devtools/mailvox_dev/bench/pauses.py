"""`mailvox bench understanding --pauses`: does a pause inside a request end the turn?

Requests are spoken with Piper through a real livekit-server to the agent, with a gap of
silence inside each (0.5, 0.8 and 1.2 s) where a driver hesitates ("read me the email from ...
Sarah"). Piper speaks the request with a comma at that place, so the voice before the gap has
the pitch of a phrase that goes on; the comma's own short silence is then replaced by the gap.
A request counts as cut off when the agent answered its first part: it began to speak before
the caller had finished, or answered the request more than once (each answer to the caller
sends one answer_timing event). Whether the agent's final answer fitted the whole request (it
names the right sender or words) is counted apart. Complete fast-path commands, spoken without
a gap between the paused requests, give the voice-to-voice time from the end of the caller's
speech to the first audible answer, at the same settings.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from mailvox.agent.worker import TURN_MAX_DELAY_S, TURN_MIN_DELAY_S
from mailvox.client import SAMPLE_RATE, SPEECH_RMS, VoiceClient
from mailvox.speech import synthesize_16k

from .e2e import QUIET_S, Stack, spread
from .machine import describe

PAUSES_S = (0.5, 0.8, 1.2)
# "|" marks the hesitation; the answer should contain the word after "=>" (case ignored).
# The last two have a first part that is a whole request by itself: only the voice can tell.
PAUSED = [
    ("Read me the email from | Sarah.", "Sarah"),
    ("Reply to Sarah saying | I'll have it by Friday.", "Friday"),
    ("Go back to the email from | Bob.", "Bob"),
    ("Tell Jamie | I can do lunch on Wednesday.", "Wednesday"),
    ("Read me the email about | the offsite agenda.", "Priya"),
    ("Reply to Bob saying | the release is still on.", "release"),
    ("Open the email from | Priya.", "Priya"),
    ("Uh, read me the | Bob email.", "Bob"),
    ("Reply to Jamie saying | sounds good, see you there.", "see you there"),
    ("Read me the email from | VendorX.", "VendorX"),
    ("Tell Bob | the build is fixed.", "build"),
    ("Reply to Priya saying | thanks, the slot works for me.", "slot"),
    ("Go to the email from | the IT service desk.", "VPN"),
    ("Read me the email | from Jamie.", "Jamie"),
    ("Reply to Sarah saying the numbers are | almost done.", "almost done"),
    ("Tell Priya I'll be there | by ten.", "be there"),
    ("Tell Sarah I'll send the numbers | by Friday.", "Friday"),
    ("Reply to Bob saying the release is on | for Thursday.", "Thursday"),
]
COMPLETE_LOOKING = {PAUSED[-2][0], PAUSED[-1][0]}
# Complete commands the fast path answers, spoken without a gap.
FAST = [
    "Read me the email from Sarah.",
    "Next.",
    "How many are left?",
    "Go back to the Bob email.",
    "Flag it.",
    "Mark it unread.",
    "Repeat that.",
    "Previous.",
    "Read me the email from Priya.",
    "Mark it read.",
    "Next one.",
    "Go back to the Sarah email.",
]
TARGETS = {"false_cut_off_rate_at_0.8_s": 0.05, "fast_path_median_voice_to_voice_s": 0.8}
TURN_TIMEOUT_S = 90.0


def _silent_runs(pcm: np.ndarray, frame: int = SAMPLE_RATE // 50) -> list[tuple[int, int]]:
    """(start, end) sample offsets of each quiet stretch of at least 60 ms."""
    frames = pcm[: len(pcm) // frame * frame].reshape(-1, frame).astype(np.float64)
    quiet = np.sqrt((frames**2).mean(axis=1)) <= SPEECH_RMS
    runs, start = [], None
    for n, q in enumerate([*quiet, False]):
        if q and start is None:
            start = n
        elif not q and start is not None:
            if n - start >= 3:
                runs.append((start * frame, n * frame))
            start = None
    return runs


def with_pause(request: str, pause_s: float) -> bytes:
    """Piper's voice saying the request with `pause_s` of silence where "|" is."""
    before, after = (part.strip() for part in request.split("|"))
    text = f"{before}, {after}"
    pcm = np.frombuffer(synthesize_16k(text), dtype=np.int16)
    expected = len(pcm) * (len(before) + 1) / len(text)
    inner = [(s, e) for s, e in _silent_runs(pcm) if s > 0 and e < len(pcm)]
    start, end = min(inner, key=lambda run: abs((run[0] + run[1]) / 2 - expected))
    gap = np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.int16)
    return np.concatenate([pcm[:start], gap, pcm[end:]]).tobytes()


async def _turn(client: VoiceClient, identity: str, pcm: bytes) -> dict:
    already_heard = len(client.heard_from(identity))
    already_said = len(client.agent_said())
    already_told = len(client.events)
    began = time.monotonic()
    await client.say(pcm)
    ended = client.last_speech_sent_at or time.monotonic()
    turn: dict = {}
    try:
        onset = await client.reply_onset_after(began, timeout=TURN_TIMEOUT_S)
        turn["spoke_before_the_caller_finished"] = onset < ended
        turn["voice_to_voice_s"] = round(onset - ended, 3)
        await client.until_quiet(QUIET_S, TURN_TIMEOUT_S)
    except TimeoutError as e:
        turn["error"] = str(e)
    await asyncio.sleep(0.3)  # the last transcripts and events arrive after the audio
    turn["agent_heard"] = client.heard_from(identity)[already_heard:]
    turn["agent_said"] = client.agent_said()[already_said:]
    turn["answers"] = sum(1 for e in client.events[already_told:] if e.get("type") == "answer_timing")
    return turn


async def _call(stack: Stack, plan: list[tuple[str, str, float | None, str]], speech: dict) -> list[dict]:
    identity = stack.identities[0]
    measured = []
    async with VoiceClient(stack.livekit, identity) as client:
        await client.listen(quiet_s=QUIET_S, timeout=600)  # the greeting
        for kind, request, pause, expected in plan:
            turn = {
                "kind": kind,
                "said": request,
                "pause_s": pause,
                **await _turn(client, identity, speech[request, pause]),
            }
            if kind == "paused":
                turn["cut_off"] = bool(turn.get("spoke_before_the_caller_finished")) or turn["answers"] > 1
                turn["answer_fits_the_whole_request"] = expected.lower() in " ".join(turn["agent_said"]).lower()
                turn["first_part_is_a_whole_request"] = request in COMPLETE_LOOKING
            measured.append(turn)
    return measured


def plan() -> list[tuple[str, str, float | None, str]]:
    """Every paused request at every pause, a fast command after every few of them."""
    paused = [("paused", text, pause, expected) for pause in PAUSES_S for text, expected in PAUSED]
    steps: list[tuple[str, str, float | None, str]] = []
    fast = iter(FAST * 4)
    for n, step in enumerate(paused):
        steps.append(step)
        if n % 4 == 3:
            steps.append(("fast", next(fast), None, ""))
    return steps


def _rates(turns: list[dict]) -> dict:
    done = [t for t in turns if "error" not in t]
    cut = sum(t["cut_off"] for t in done)
    return {
        "requests": len(turns),
        "unanswered": len(turns) - len(done),
        "cut_off": cut,
        "false_cut_off_rate": round(cut / len(done), 3) if done else None,
        "answer_fits_the_whole_request": sum(t["answer_fits_the_whole_request"] for t in done),
    }


def run(log=print, save=lambda result: None) -> dict:
    steps = plan()
    log(f"==> synthesizing {len(steps)} requests with Piper")
    speech = {(text, pause): with_pause(text, pause) if pause else synthesize_16k(text) for _, text, pause, _ in steps}
    stack = Stack(1, Path(tempfile.mkdtemp(prefix="mailvox-bench-pauses-")))
    try:
        stack.start(log)
        log(f"==> {len(steps)} spoken requests in one call")
        turns = asyncio.run(_call(stack, steps, speech))
    finally:
        stack.stop()
    paused = [t for t in turns if t["kind"] == "paused"]
    fast = [t["voice_to_voice_s"] for t in turns if t["kind"] == "fast" and "voice_to_voice_s" in t]
    by_pause = {str(p): _rates([t for t in paused if t["pause_s"] == p]) for p in PAUSES_S}
    result = {
        "benchmark": "understanding-pauses",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(__doc__.strip().splitlines()[2:]).strip(),
        "machine": describe(),
        "endpointing_s": {"min_delay": TURN_MIN_DELAY_S, "max_delay": TURN_MAX_DELAY_S},
        "targets": TARGETS,
        "paused_by_pause_s": by_pause,
        "paused_first_part_incomplete_by_pause_s": {
            str(p): _rates([t for t in paused if t["pause_s"] == p and not t["first_part_is_a_whole_request"]])
            for p in PAUSES_S
        },
        "paused_first_part_a_whole_request_by_pause_s": {
            str(p): _rates([t for t in paused if t["pause_s"] == p and t["first_part_is_a_whole_request"]])
            for p in PAUSES_S
        },
        "fast_path_voice_to_voice_s": spread(fast),
        "targets_met": {
            "false_cut_off_rate_at_0.8_s": (by_pause["0.8"]["false_cut_off_rate"] or 0)
            <= TARGETS["false_cut_off_rate_at_0.8_s"],
            "fast_path_median_voice_to_voice_s": bool(fast)
            and statistics.median(fast) <= TARGETS["fast_path_median_voice_to_voice_s"],
        },
        "turns": turns,
    }
    save(result)
    return result
