"""A capacity model for the gpu profile: how many sessions one GPU box should hold at the
latency targets. A PROJECTION, from published figures and the CPU measurements in
bench/results/, until `mailvox bench gpu-check` measures it on the box.

The box runs the LLM (llama-server, 7B Q4_K_M, 16 parallel slots) and the STT
(faster-whisper large-v3-turbo) on one GPU; TTS (Piper) and the agent workers on its CPUs.

- LLM, latency: an LLM turn meets the voice-to-voice target when its first clause is ready
  within what the other stages leave (the measured end of turn, TTS first audio and network).
  With B generations running at once each gets the aggregate rate at B divided by B; the
  largest B whose per-stream rate makes the first clause in time is the box's LLM concurrency.
- LLM, sessions: how many generations run at once follows from how often a session asks the
  LLM and how long an answer takes (Little's law); generations arrive at random (Poisson), so
  the session count is the largest whose 90th percentile of generations at once stays within
  that concurrency (p90, as the e2e benchmark judges).
- STT: GPU seconds per second of sessions, from the decode speed and the audio per turn; the
  sessions that keep the STT's share of the GPU under the utilisation ceiling.
The box holds the smaller of the two.

    python -m mailvox_dev.bench.capacity [--json bench/results/capacity-gpu.json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

from mailvox_dev import REPO_ROOT

RESULTS = REPO_ROOT / "bench" / "results"

# Published figures, each with where it came from. Checked 2026-12-02.
PUBLISHED = {
    "llm_batched_decode": {
        "what": "llama.cpp batched-bench, LLaMA 7B F16, PP 128, TG 128, prompt not shared: "
        "aggregate generation speed S_TG (t/s) and prompt speed S_PP by number of parallel sequences B",
        "source": "ggml-org/llama.cpp, examples/batched-bench/README.md, 'Sample results' (2023)",
        "s_tg_by_batch": {"1": 41.57, "2": 50.90, "4": 74.44, "8": 139.43, "16": 242.23, "32": 465.40},
        "s_pp_at_16": 1304.68,
        "why_a_floor": "No published llama.cpp figure for 7B Q4_K_M at 16 slots on an H100 was found "
        "in the sources searched. This one is F16 (about 3.6 times the bytes per weight that "
        "Q4_K_M reads at each step), on an older GPU it does not name, with a 2023 build; "
        "decoding a batch this small is bound by memory bandwidth, so an H100 with Q4_K_M should "
        "be well above it. Used as a floor, not as the expected figure.",
    },
    "whisper_large_v3_turbo": {
        "what": "faster-whisper large-v3-turbo (CTranslate2), fp16, beam 5: 13 minutes of audio in 19.155 s",
        "source": "SYSTRAN/faster-whisper issue #1030, 'Benchmark faster whisper turbo v3' (RTX 2080 Ti 11 GB)",
        "audio_s": 13 * 60,
        "decode_s": 19.155,
        "cross_check": "Open ASR leaderboard evaluations (Hugging Face dataset "
        "Steveeeeeeen/whisper-leaderboard-evals, 24 Jan 2025): faster-whisper/large-v3-turbo RTFx 39.54 on CUDA",
        "why_a_floor": "An RTX 2080 Ti has about a tenth of an H100's fp16 tensor throughput; "
        "short streamed windows batch less well than a long file, which the redecode factor "
        "below stands for.",
    },
}

# What is assumed rather than measured; each is a knob of the projection.
ASSUMED = {
    "turns_per_session_minute": 4.0,  # a request every 15 s: the caller listens in between
    "tokens_per_word": 1.3,  # English, Llama-family tokenizers
    "new_prompt_tokens_per_llm_turn": 64,  # the email is already in the caller's slot (read-ahead)
    "stt_redecode_factor": 3.0,  # a turn's audio is decoded about this often (interims, final)
    "gpu_utilisation_ceiling": 0.7,  # above it queues grow fast
    "llm_slots": 16,  # llama-server --parallel on the gpu profile
    "p90_generations_quantile": 0.9,
}


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def _first_clause(text: str) -> str:
    return re.split(r"(?<=[,.;:?!])\s", text.strip(), maxsplit=1)[0]


def measured() -> dict:
    """What the CPU runs say about one session's demand and the stages around the LLM."""
    e2e = json.loads((RESULTS / "e2e-cpu.json").read_text())
    stages = json.loads((RESULTS / "stages-cpu.json").read_text())
    one = e2e["results_by_concurrent_sessions"]["1"]
    turns = one["turns"]
    kinds = [t["kind"] for t in turns]
    llm_turns = [t for t in turns if t["kind"] in ("llm", "dictated")]
    llm = one["stage_medians_s"]["llm"]
    return {
        "source": "bench/results/e2e-cpu.json (1 caller, commit "
        f"{e2e['machine']['commit']}) and bench/results/stages-cpu.json",
        "turn_mix": {kind: kinds.count(kind) / len(kinds) for kind in sorted(set(kinds))},
        "answer_words_median": sorted(_words(t["agent_said"]) for t in llm_turns)[len(llm_turns) // 2],
        "first_clause_words_median": sorted(_words(_first_clause(t["agent_said"])) for t in llm_turns)[
            len(llm_turns) // 2
        ],
        "utterance_s": stages["utterance"]["seconds"],
        "llm_turn_stages_s": {k: llm[k] for k in ("end_of_turn", "tts_first_audio", "network_and_playout")},
        "llm_target_median_s": e2e["targets_median_s"]["llm"],
    }


def _poisson_quantile(mean: float, q: float) -> int:
    total, k, term = 0.0, 0, math.exp(-mean)
    while True:
        total += term
        if total >= q:
            return k
        k += 1
        term *= mean / k


def _llm_concurrency(per_stream: dict[int, float], prefill_s: float, first_tokens: float, budget: float) -> int:
    """The most generations at once whose first clause is still ready within the budget."""
    return max((b for b, rate in per_stream.items() if prefill_s + first_tokens / rate <= budget), default=0)


def project(m: dict, published: dict = PUBLISHED, assumed: dict = ASSUMED) -> dict:
    """The largest session count at which both hold, on one GPU shared by LLM and STT: the
    STT's share of the GPU stays under the ceiling, and the LLM, slowed by the share the STT
    takes, has its p90 of generations at once within the concurrency that meets the budget."""
    llm_pub = published["llm_batched_decode"]
    budget = m["llm_target_median_s"] - sum(m["llm_turn_stages_s"].values())
    first_tokens = m["first_clause_words_median"] * assumed["tokens_per_word"]
    answer_tokens = m["answer_words_median"] * assumed["tokens_per_word"]
    prefill_s = assumed["new_prompt_tokens_per_llm_turn"] / llm_pub["s_pp_at_16"]
    per_stream = {
        int(b): rate / int(b) for b, rate in llm_pub["s_tg_by_batch"].items() if int(b) <= assumed["llm_slots"]
    }
    llm_share = sum(share for kind, share in m["turn_mix"].items() if kind in ("llm", "dictated"))
    llm_turns_per_s = assumed["turns_per_session_minute"] / 60 * llm_share

    whisper = published["whisper_large_v3_turbo"]
    stt_gpu_s_per_audio_s = whisper["decode_s"] / whisper["audio_s"] * assumed["stt_redecode_factor"]
    stt_share_per_session = assumed["turns_per_session_minute"] / 60 * m["utterance_s"] * stt_gpu_s_per_audio_s

    def holds(sessions: int) -> dict | None:
        stt_share = sessions * stt_share_per_session
        if stt_share > assumed["gpu_utilisation_ceiling"]:
            return None
        slowed = {b: rate * (1 - stt_share) for b, rate in per_stream.items()}
        concurrency = _llm_concurrency(slowed, prefill_s / (1 - stt_share), first_tokens, budget)
        if not concurrency:
            return None
        at_once = sessions * llm_turns_per_s * answer_tokens / slowed[concurrency]
        p90 = _poisson_quantile(at_once, assumed["p90_generations_quantile"])
        if p90 > concurrency:
            return None
        return {
            "stt_gpu_share": round(stt_share, 3),
            "llm_generations_at_once_mean": round(at_once, 2),
            "llm_generations_at_once_p90": p90,
            "llm_generations_within_budget": concurrency,
        }

    sessions, state = 0, None
    while (next_state := holds(sessions + 1)) is not None:
        sessions, state = sessions + 1, next_state
    failing = sessions + 1
    return {
        "first_clause_budget_s": round(budget, 3),
        "first_clause_tokens": round(first_tokens, 1),
        "answer_tokens": round(answer_tokens, 1),
        "llm_per_stream_tokens_per_s_by_batch": {b: round(r, 1) for b, r in per_stream.items()},
        "stt_gpu_s_per_audio_s": round(stt_gpu_s_per_audio_s, 4),
        "stt_gpu_share_per_session": round(stt_share_per_session, 5),
        "sessions_per_gpu_box": sessions,
        "at_that_load": state,
        "one_more_fails_on": "stt share over the ceiling"
        if failing * stt_share_per_session > assumed["gpu_utilisation_ceiling"]
        else "llm first clause over budget at p90",
    }


def report() -> dict:
    m = measured()
    return {
        "benchmark": "capacity-gpu",
        "status": "PROJECTION, not a measurement: replace with `mailvox bench gpu-check` on the box",
        "what": __doc__.strip().splitlines()[0],
        "method": " ".join(line.strip() for line in __doc__.strip().splitlines()[5:18]),
        "published": PUBLISHED,
        "assumed": ASSUMED,
        "measured_on_cpu": m,
        "projection_from_the_floor_figures": project(m),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args()
    result = report()
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text + "\n")
    print(json.dumps(result["projection_from_the_floor_figures"], indent=2))


if __name__ == "__main__":
    main()
