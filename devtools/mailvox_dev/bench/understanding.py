"""`mailvox bench understanding`: how well requests become intents, typed and spoken.

On the labelled test phrasings (agent/conversation/phrasings/test.jsonl, never used to train
or tune), through the same `understand` the agent uses: intent accuracy, per-intent precision
and recall, slot accuracy where the intent is right, how often the agent would ask instead of
act, the latency per utterance on one core, and the count of destructive or outbound actions
that would have been taken from a wrong intent without a confirmation (must be 0). Typed: the
lines as written. Spoken: each line said by Piper's packaged voice and heard by the packaged
Whisper as the agent's STT service hears it (bench/garble.py), then understood the same way.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from mailvox.agent.conversation.hearing import names_hint
from mailvox.agent.conversation.intents import DESTRUCTIVE_OR_OUTBOUND, Intent
from mailvox.agent.conversation.understanding import (
    PHRASINGS,
    SPOKEN_TRAIN_FILE,
    TRAIN_FILE,
    IntentModel,
    Phrasing,
    acts_without_asking,
    intent_model,
    load_phrasings,
    training_phrasings,
    understand,
    with_objects,
)

from . import garble
from .machine import describe

TEST_FILE = PHRASINGS / "test.jsonl"


def _same(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' -]", " ", value.lower()).split())


def heard(test: list[Phrasing], hints: list[str]) -> tuple[list[str], list[str], list[float]]:
    """Each line as the agent hears it (Piper's plain voicing, the STT service's Whisper): without
    a hint, and with its own of `hints` (the names the agent passes) on the same audio; and the
    seconds each took to speak and hear without."""

    async def hear_all() -> tuple[list[str], list[str], list[float]]:
        ear, rng = garble.Ear(), np.random.default_rng(0)
        plain, named, seconds = [], [], []
        for phrasing, hint in zip(test, hints, strict=True):
            started = time.perf_counter()
            audio = garble.speak(phrasing.text, garble.VOICINGS[0], rng)
            plain.append(await ear.hear(audio))
            seconds.append(time.perf_counter() - started)
            named.append(await ear.hear(audio, hint))
        return plain, named, seconds

    return asyncio.run(hear_all())


def mailbox_names(test: list[Phrasing], senders: int = 8) -> list[str]:
    """For each line, the hint the agent would pass if the caller's briefing held mail from the
    sender the line names (if any) and from others the test lines name, `senders` in all."""
    pool = sorted({p.slots["who"].title() for p in test if p.slots.get("who")})
    rng = np.random.default_rng(1)
    hints = []
    for phrasing in test:
        own = [phrasing.slots["who"].title()] if phrasing.slots.get("who") else []
        others = [name for name in rng.permutation(pool) if name not in own][: senders - len(own)]
        hints.append(names_hint([*own, *others]))
    return hints


def run(test_file: Path = TEST_FILE, spoken: bool = True) -> dict:
    train = training_phrasings()
    started = time.perf_counter()
    IntentModel.train(train)  # timed apart from the cached one the agent uses
    train_s = time.perf_counter() - started
    model = intent_model()
    test = load_phrasings(test_file)
    result = {
        "benchmark": "understanding",
        "machine": describe(),
        "test_file": str(test_file),
        "train_phrasings": {
            "typed": len(typed := load_phrasings(TRAIN_FILE)),
            "spoken": len(load_phrasings(SPOKEN_TRAIN_FILE)) if SPOKEN_TRAIN_FILE.exists() else 0,
            "named_objects": len(with_objects(typed)),  # generated from the typed lines
        },
        "test_phrasings": len(test),
        "train_seconds": round(train_s, 3),
        "threshold": model.threshold,
        "typed": score(test, [p.text for p in test]),
    }
    if spoken:
        # The agent passes the names of the briefed senders to the recognizer
        # (conversation/hearing.py): each line is heard without and with a briefing's names.
        hints = mailbox_names(test)
        plain, named, seconds = heard(test, hints)
        result["spoken"] = spoken_score(test, plain, seconds)
        result["spoken_with_names"] = {
            "hint": f"the names of 8 senders the test lines name, the line's own among them (e.g. {hints[0]!r})",
            **spoken_score(test, named, seconds),
        }
    return result


def spoken_score(test: list[Phrasing], texts: list[str], seconds: list[float]) -> dict:
    import jiwer

    return {
        "ear": "Piper (joe, plain voicing) -> faster-whisper base as the STT service runs it (prompted, beam 1)",
        "word_error_rate": round(
            float(jiwer.wer([garble._words(p.text) for p in test], [garble._words(t) or "-" for t in texts])), 4
        ),
        "speak_and_hear_seconds_median": round(statistics.median(seconds), 3),
        "who_right": _who_right(test, texts),
        **score(test, texts),
    }


def _who_right(test: list[Phrasing], texts: list[str]) -> str:
    """How many of the rows that name someone were heard and read with that name."""
    named = [(p, t) for p, t in zip(test, texts, strict=True) if p.slots.get("who")]
    right = sum(_same(p.slots["who"]) == _same(understand(t).slots.who) for p, t in named)
    return f"{right} of {len(named)}"


def score(test: list[Phrasing], texts: list[str]) -> dict:
    """The figures for the test phrasings understood from `texts` (as typed, or as heard)."""
    understood: list[Intent] = []
    latencies = []
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})  # per utterance on one core, as the issue asks
    try:
        for text in texts:
            started = time.perf_counter()
            understood.append(understand(text))
            latencies.append(time.perf_counter() - started)
    finally:
        os.sched_setaffinity(0, cores)
    truth = [p.intent for p in test]
    guessed = [i.name for i in understood]
    right = [t == g for t, g in zip(truth, guessed, strict=True)]
    acted = [acts_without_asking(i) for i in understood]
    labels = sorted(set(truth) | set(guessed))
    precision, recall, _, support = precision_recall_fscore_support(truth, guessed, labels=labels, zero_division=0)
    slots_right = [
        {k: _same(v) for k, v in i.slots.as_dict().items()} == {k: _same(v) for k, v in p.slots.items()}
        for p, i, ok in zip(test, understood, right, strict=True)
        if ok
    ]
    wrong_destructive_acted = [
        {"text": t, "intent": p.intent, "understood": i.name, "source": i.source}
        for p, t, i, did in zip(test, texts, understood, acted, strict=True)
        if did and i.name in DESTRUCTIVE_OR_OUTBOUND and i.name != p.intent
    ]
    ms = sorted(1000 * s for s in latencies)
    return {
        "accuracy": round(sum(right) / len(test), 4),
        "accuracy_by_tier": {
            tier: round(sum(ok for ok, i in zip(right, understood, strict=True) if i.source == tier) / n, 4)
            for tier in ("grammar", "model")
            if (n := sum(i.source == tier for i in understood))
        },
        "from_grammar": sum(i.source == "grammar" for i in understood),
        "acted_without_asking": round(sum(acted) / len(test), 4),
        "accuracy_when_acted": round(
            sum(ok for ok, did in zip(right, acted, strict=True) if did) / max(sum(acted), 1), 4
        ),
        "asked_first": round(1 - sum(acted) / len(test), 4),
        "slot_accuracy_when_intent_right": round(sum(slots_right) / max(len(slots_right), 1), 4),
        "latency_ms": {
            "median": round(statistics.median(ms), 2),
            "p95": round(ms[int(0.95 * (len(ms) - 1))], 2),
            "max": round(ms[-1], 2),
        },
        "destructive_or_outbound_acted_on_a_wrong_intent": len(wrong_destructive_acted),
        "destructive_or_outbound_acted_on_a_wrong_intent_examples": wrong_destructive_acted,
        "per_intent": {
            name: {"precision": round(float(p), 3), "recall": round(float(r), 3), "support": int(n)}
            for name, p, r, n in zip(labels, precision, recall, support, strict=True)
        },
        "errors": [
            {"text": t, "intent": p.intent, "understood": i.name, "confidence": i.confidence}
            for p, t, i, ok in zip(test, texts, understood, right, strict=True)
            if not ok
        ],
    }
