"""Spoken-style phrasings: each line spoken by Piper and heard by the agent's own Whisper.

Typed phrasings miss what a recognizer does to a command ("necks one", "new vendorks"), so the
intent model also trains on the training lines as the agent would hear them: Piper's packaged
voice speaks each line (at its own rate, faster, slower, with road-like noise added) and the
packaged Whisper transcribes it with the STT service's settings and the prompt the voice agent
streams with (short window, beam 1). The labels stay; a slot is kept only where its words
survive in the transcript, and a line heard as another exact command is left out. `mailvox bench understanding` uses the same ear for its spoken score.

    python -m mailvox_dev.bench.garble            # speak what is not spoken yet
    python -m mailvox_dev.bench.garble --again    # speak every line again

About 0.6 s a line and voicing on 2 idle cores (Dec 2026): 0.25 s Piper, 0.35 s Whisper. Rows
are written as they are made, every line in one voicing before the next voicing, so a run that
is stopped keeps what it did and the next run goes on from there (on a busy shared box the
first run was stopped that way).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from piper import SynthesisConfig

from mailvox import speech
from mailvox.agent.conversation.commands import parse
from mailvox.agent.conversation.understanding import (
    SPOKEN_TRAIN_FILE,
    TRAIN_FILE,
    Phrasing,
    from_command,
    load_phrasings,
)
from mailvox.services.stt.app import WhisperEngine
from mailvox.services.stt.settings import STTSettings

SAMPLE_RATE = speech.SAMPLE_RATE


@dataclass(frozen=True)
class Voicing:
    """How a line is spoken: Piper's length scale (above 1 slower) and the noise added."""

    name: str
    length_scale: float
    snr_db: float | None  # speech over noise; None: clean


VOICINGS = (
    Voicing("plain", 1.0, None),
    Voicing("fast-noisy", 0.8, 20.0),
    Voicing("slow-noisy", 1.25, 12.0),
)


def road_noise(samples: int, rng: np.random.Generator) -> np.ndarray:
    """Pink noise (equal energy per octave, like road and engine rumble), unit RMS."""
    spectrum = np.fft.rfft(rng.standard_normal(samples))
    spectrum /= np.sqrt(np.maximum(np.fft.rfftfreq(samples, 1 / SAMPLE_RATE), 20.0))
    noise = np.fft.irfft(spectrum, samples)
    return noise / max(float(np.sqrt(np.mean(noise**2))), 1e-9)


def speak(text: str, voicing: Voicing, rng: np.random.Generator) -> np.ndarray:
    """`text` in Piper's packaged voice as 16 kHz float32 samples, with the voicing's noise."""
    voice = speech._piper()
    chunks = voice.synthesize(text, SynthesisConfig(length_scale=voicing.length_scale))
    pcm = speech.resample(b"".join(c.audio_int16_bytes for c in chunks), voice.config.sample_rate)
    audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
    if voicing.snr_db is not None and audio.size:
        loud = audio[np.abs(audio) > 0.01]  # the speech, not Piper's silences
        level = float(np.sqrt(np.mean(loud**2))) if loud.size else 0.0
        audio = audio + road_noise(audio.size, rng).astype(np.float32) * level * 10 ** (-voicing.snr_db / 20)
    return np.clip(audio, -1.0, 1.0)


class Ear:
    """The packaged Whisper with the STT service's settings and the voice agent's prompt."""

    def __init__(self) -> None:
        self._settings = STTSettings()
        self._engine = WhisperEngine(self._settings)

    async def hear(self, audio: np.ndarray, hint: str = "") -> str:
        """What the agent's stream hears, `hint` being the names the agent passes with it."""
        result = await self._engine.transcribe(audio, None, False, f"{self._settings.prompt} {hint}".strip())
        return str(result["text"])


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text.lower()).split())


def contradicts(transcript: str, intent: str) -> bool:
    """Whether the transcript is plainly another command ("ship it" heard as "Archive it."):
    the exact grammar reads it as another intent. The agent is right to act on what it heard,
    so such a row would only teach the model a wrong label."""
    command = parse(transcript)
    understood = from_command(command) if command is not None else None
    return understood is not None and understood.name != intent


def surviving_slots(slots: dict[str, str], transcript: str) -> dict[str, str]:
    """The slots whose words the transcript still holds, in order and whole."""
    heard = f" {_words(transcript)} "
    return {name: value for name, value in slots.items() if f" {_words(value)} " in heard}


async def garble(pairs: Iterable[tuple[Phrasing, Voicing]], *, seed: int = 0) -> AsyncIterator[dict[str, object]]:
    """One spoken row per phrasing and voicing: the transcript as text, the same intent, the
    slots that survived, and where it came from (`spoken_from`, `voicing`). A line of which
    nothing was heard gives no row."""
    ear, rng = Ear(), np.random.default_rng(seed)
    for phrasing, voicing in pairs:
        transcript = (await ear.hear(speak(phrasing.text, voicing, rng))).strip()
        if transcript and not contradicts(transcript, phrasing.intent):
            yield {
                "text": transcript,
                "intent": phrasing.intent,
                "slots": surviving_slots(phrasing.slots, transcript),
                "spoken_from": phrasing.text,
                "voicing": voicing.name,
            }


def _existing(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


async def _append(pairs: list[tuple[Phrasing, Voicing]], out: Path) -> None:
    with out.open("a") as file:
        async for row in garble(pairs):
            file.write(json.dumps(row) + "\n")
            file.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN_FILE, help="the typed training phrasings")
    parser.add_argument("--out", type=Path, default=SPOKEN_TRAIN_FILE, help="where the spoken rows go")
    parser.add_argument("--again", action="store_true", help="speak every line again, not only new ones")
    parser.add_argument("--limit", type=int, help="speak at most this many lines and voicings (0: only tidy the file)")
    args = parser.parse_args(argv)
    train = load_phrasings(args.train)
    texts = {p.text for p in train}
    # rows of lines since removed from the training set go; lines already spoken stay as they are
    existing = [] if args.again else [r for r in _existing(args.out) if r["spoken_from"] in texts]
    kept = [r for r in existing if not contradicts(str(r["text"]), str(r["intent"]))]
    args.out.write_text("".join(json.dumps(r) + "\n" for r in kept))
    done = {(r["spoken_from"], r["voicing"]) for r in existing}
    # in a fixed shuffled order, so that a run stopped early has spoken some of every intent
    shuffled = [train[i] for i in np.random.default_rng(0).permutation(len(train))]
    todo = [(p, v) for v in VOICINGS for p in shuffled if (p.text, v.name) not in done][: args.limit]
    print(f"speaking {len(todo)} lines and voicings ({len(train)} lines, {len(VOICINGS)} voicings)", file=sys.stderr)
    asyncio.run(_append(todo, args.out))
    print(f"{args.out} holds {len(_existing(args.out))} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
